"""`reagroove patterns add NAME FILE --bar N` on a file's last bar: the pattern's second bar is past its end, and
it was saved as one bar and a bar of rest without a word; `interpolate A A` wrote one loop over and over as a build.
Now a note says each (the pattern is still saved, the path still written)."""

import json

import pytest
from test_cli import _riff, stub_engine, write_notes  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


@pytest.fixture
def data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_pattern_from_the_last_bar_says_its_second_bar_is_a_rest(data_folder, tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["patterns", "add", "end", src, "--bar", "4"]) == 0
    err = capsys.readouterr().err
    assert "note: the second of its 2 bars holds no notes" in err
    saved = json.loads((data_folder / "patterns.json").read_text())["patterns"]
    assert [p["name"] for p in saved] == ["end"]  # saved all the same


def test_a_rest_before_the_notes_is_said_as_the_first_bar(data_folder, tmp_path, capsys):
    src = str(write_notes(tmp_path / "late.mid", [(4.0 + b, 40, 100) for b in range(4)]))  # bar 2 only
    assert main(["patterns", "add", "late", src, "--bar", "1"]) == 0
    assert "note: the first of its 2 bars holds no notes" in capsys.readouterr().err


def test_a_pattern_of_two_played_bars_says_nothing_of_rests(data_folder, tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["patterns", "add", "whole", src, "--bar", "3"]) == 0
    assert "holds no notes" not in capsys.readouterr().err


def test_interpolate_between_the_same_bars_says_the_path_is_one_loop(stub_engine, tmp_path, capsys):
    # 'interpolate verse.mid verse.mid' wrote 5 copies of one loop as a build, unsaid
    src = str(_riff(tmp_path / "riff.mid", 4))
    other = str(write_notes(tmp_path / "other.mid", [(b * 0.5, 45, 90) for b in range(16)]))
    assert main(["interpolate", src, src, "-o", str(tmp_path / "same.mid"), "--quiet"]) == 0
    assert "note: A and B are the same 2 bars: every step plays one loop" in capsys.readouterr().err
    assert main(["interpolate", src, other, "-o", str(tmp_path / "path.mid"), "--quiet"]) == 0
    assert "same 2 bars" not in capsys.readouterr().err
