"""`reagroove patterns show NAME`: a pattern seen before it is used (it was an invalid choice)."""

from __future__ import annotations

from pathlib import Path

from reagroove.core.cli import main
from reagroove.core.textroll import loop_rows
from reagroove.models.drummer import genre_prototypes

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"


def test_show_prints_a_prototypes_drums_and_where_it_came_from(capsys):
    rock = genre_prototypes()["rock"]
    assert main(["patterns", "show", "rock"]) == 0
    out = capsys.readouterr().out
    assert rock.source in out.splitlines()[0] and "built in" in out.splitlines()[0]
    shown = [line.strip() for line in out.splitlines()]
    for row in loop_rows(rock.loop):  # its voices as drumify's piano roll prints them
        assert row in shown


def test_show_prints_a_saved_parts_rhythm(capsys):
    assert main(["patterns", "add", "my bass", str(FUNK_BASS)]) == 0
    capsys.readouterr()
    assert main(["patterns", "show", "my bass"]) == 0
    out = capsys.readouterr().out
    assert "yours" in out and "funk_bass.mid" in out
    assert any(line.strip().startswith("groove") for line in out.splitlines())


def test_show_of_an_unknown_name_says_so_in_one_line(capsys):
    assert main(["patterns", "show", "rok"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "rok" in err and "rock" in err
