"""Ctrl-C in a command's first half second, while `reagroove` loads its commands and reads its options: one line,
exit status 130, as at any later moment. It was a KeyboardInterrupt traceback ending in dataclasses.py (the
commands' modules were being imported), seen by whoever hit Ctrl-C right after a mistyped command.
"""

from __future__ import annotations

from importlib import metadata

import pytest

import reagroove.core.cli as cli


class _LoadsUntilCtrlC:
    """An entry point whose loading is stopped by Ctrl-C, as importing a command's modules is."""

    def __init__(self, name):
        self.name = name

    def load(self):
        raise KeyboardInterrupt


def run_main(argv) -> int:
    try:
        return cli.main(argv)
    except KeyboardInterrupt:  # failed here, not as the test session's own Ctrl-C
        pytest.fail("Ctrl-C left reagroove's main as a KeyboardInterrupt traceback")


@pytest.mark.parametrize("argv", [["drumify", "part.mid", "-o", "drums.mid"], ["--help"]])
def test_ctrl_c_while_the_commands_load_is_one_line(argv, monkeypatch, capsys):
    names = [ep.name for ep in metadata.entry_points(group="reagroove.commands")]
    monkeypatch.setattr(cli, "_commands", lambda: {name: _LoadsUntilCtrlC(name) for name in names})
    assert run_main(argv) == 130
    captured = capsys.readouterr()
    assert captured.err == "reagroove: interrupted\n" and captured.out == ""


def test_ctrl_c_while_an_option_is_read_is_one_line(monkeypatch, capsys):
    import reagroove.core.options as options

    def stopped(text):
        raise KeyboardInterrupt

    monkeypatch.setattr(options, "tempo_bpm", stopped)  # read by groove's --bpm as the parser is built
    assert run_main(["groove", "core/examples/funk_bass.mid", "--bpm", "96"]) == 130
    assert capsys.readouterr().err == "reagroove: interrupted\n"
