"""A word where an option takes a number: one line saying so, in a producer's words, with the option's range.

`--density high` said "argument --density: invalid float value: 'high'" (a programmer's word for a number, and
no hint of what to give); `--bar x` said "invalid int value: 'x'" and stopped there.
"""

from __future__ import annotations

import pytest
from helpers import usage_error_line

PART = "core/examples/funk_bass.mid"


@pytest.mark.parametrize("argv, said", [
    (["drumify", PART, "-o", "x.mid", "--density", "high"], "argument --density: 'high' is not a number: give one from 0 to 1"),
    (["drumify", PART, "-o", "x.mid", "--humanize", "some"], "argument --humanize: 'some' is not a number: give one from 0 to 1"),
    (["drumify", PART, "-o", "x.mid", "--start", "1s"], "argument --start: '1s' is not a number"),
    (["interpolate", PART, "rock", "-o", "x.mid", "--follow", "close"], "argument --follow: 'close' is not a number: give one from 0 to 1"),
    (["live", "--in", "a", "--out", "b", "--memory", "lots"], "argument --memory: 'lots' is not a number: give one from 0 to 1"),
    (["patterns", "add", "v", PART, "--bar", "x"], "argument --bar: 'x' is not a whole number"),
    (["interpolate", PART, "rock", "-o", "x.mid", "--steps", "2.5"], "argument --steps: '2.5' is not a whole number"),
])
def test_a_word_given_for_a_number_says_what_the_option_takes(argv, said, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    err = usage_error_line(argv, capsys)
    assert said in err and "float" not in err, err
    assert err.endswith(f"(see 'reagroove {' '.join(argv[:2 if argv[0] == 'patterns' else 1])} --help')"), err
    assert not (tmp_path / "data").exists()
