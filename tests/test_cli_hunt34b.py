"""The command line as a producer uses it (hunt 34b): each test fails on the code before its fix."""

import pytest
from test_cli import _riff, stub_engine  # noqa: F401  (the fixture, used by name)

from reagroove.core.cli import main


def test_one_bar_asked_for_is_said_as_one_bar(stub_engine, tmp_path, capsys):  # noqa: F811
    # --bars 3-3 said "notes outside bars 3-3 left out"
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--bars", "3-3"]) == 0
    out = capsys.readouterr().out
    assert "outside bar 3 left out" in out and "3-3" not in out
    # past the end, one bar left: "drums for bar 4", not "bars 4-4"
    assert main(["drumify", src, "-o", str(tmp_path / "b.mid"), "--bars", "4-9"]) == 0
    out = capsys.readouterr().out
    assert "the music ends in bar 4; drums for bar 4" in out and "4-4" not in out
    # a range stays a range
    assert main(["drumify", src, "-o", str(tmp_path / "c.mid"), "--bars", "2-3"]) == 0
    assert "outside bars 2-3 left out" in capsys.readouterr().out
