"""A bare `reagroove`: the commands a producer uses first (drumify first, in the README's quick start order), one
line each, then those that train and score the model, and where each command's options are; exit 0, as --help.
It had printed argparse's alphabetical list (data, drumify, evaluate, ...) and exited 2, an error's code."""

import pytest

from reagroove.core.cli import main
from reagroove.core.command_overview import DEVELOPER_COMMANDS, PRODUCER_COMMANDS


def test_bare_reagroove_lists_the_producers_commands_first(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    listed = [line.split()[0] for line in lines if line.startswith("  ") and line.split()]
    assert listed[0] == "drumify" and listed.index("live") < listed.index("data")
    assert max(listed.index(c) for c in PRODUCER_COMMANDS) < min(listed.index(c) for c in DEVELOPER_COMMANDS)
    assert sorted(listed) == sorted(PRODUCER_COMMANDS + DEVELOPER_COMMANDS)
    assert all(len(line) <= 80 for line in lines), out
    assert "reagroove COMMAND --help" in out and "reagroove drumify --help" in out
    with pytest.raises(SystemExit) as stop:  # a command without its action is still a usage error
        main(["patterns"])
    assert stop.value.code == 2
