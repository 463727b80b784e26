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


def test_groove_notes_speak_of_the_groove_read_not_of_drums_played(stub_engine, tmp_path, capsys):  # noqa: F811
    # `groove` makes no drums, yet said "the drums follow its bars (loops ... laid onto them)", "the drum-part
    # model plays it", "the drums keep time through them"
    from conftest import build_midi

    waltz = build_midi(tmp_path / "waltz.mid", [(b * 1.0, 40, 100, 0) for b in range(12)],
                       time_signatures=((0, 3, 4),))
    assert main(["groove", str(waltz)]) == 0
    out = capsys.readouterr().out
    assert "music in 3/4" in out and "drums" not in out and "loops" not in out
    # drumify still says how its drums follow the bars
    assert main(["drumify", str(waltz), "-o", str(tmp_path / "w.mid")]) == 0
    assert "the drums follow its bars" in capsys.readouterr().out

    kit = build_midi(tmp_path / "kit.mid", [(b / 2, 36 if b % 4 == 0 else 42, 100, 9) for b in range(16)])
    assert main(["groove", str(kit)]) == 0
    out = capsys.readouterr().out
    assert "drum part (MIDI channel 10)" in out and "model plays it" not in out

    # a band with guide drums, and 18 bars of rest in the middle
    notes = [(b * 4.0, 40, 100, 0) for b in (0, 1, 20, 21)] + [(b * 4.0 + 1, 38, 90, 9) for b in (0, 1, 20, 21)]
    band = build_midi(tmp_path / "band.mid", notes)
    assert main(["groove", str(band)]) == 0
    out = capsys.readouterr().out
    assert "left out of the input's groove" in out and "have no notes" in out
    assert "the drums follow" not in out and "keep time" not in out
