"""A song's last chord struck a hair before its bar line is that bar's, in any meter: a 12/8 slow blues (one bar a
window) whose final chord came 5 ms early lost its bar (no ending, no fill, no hit: R11's review), where a 4/4
song's did not (the last note's snap was checked against an 8-beat window)."""

import pytest

from reagroove.core import read_midi
from reagroove.core.groove import extract_windows


def blues(bars: int, early: float, num: int, den: int) -> list:
    """Piano 8th-note triplets (12/8: 12 8ths a bar) and a bass on the big beats, then one chord on bar `bars + 1`'s
    line, `early` beats before it."""
    length = num * 4.0 / den
    notes = [(b * length + k * 0.5, 60 + k % 3 * 4, 80, 0) for b in range(bars) for k in range(int(length * 2))]
    notes += [(b * length + k * 1.5, 36, 90, 1) for b in range(bars) for k in range(int(length / 1.5))]
    notes += [(bars * length - early, p, 100, 0) for p in (48, 55, 60, 64)]
    return sorted(notes)


@pytest.mark.parametrize("num, den", [(12, 8), (6, 8), (3, 4), (4, 4)])
def test_a_last_chord_a_hair_early_gets_its_bar(make_midi, num, den):
    bars = 8 if num * 4 / den <= 4 else 4
    length = num * 4.0 / den
    early = 0.01  # 5 ms at 60 BPM
    content = read_midi(make_midi(blues(bars, early, num, den), tempos=((0, 60.0),), time_signatures=((0, num, den),)))
    wins = extract_windows(content)
    assert wins.starts[-1] + 1e-6 >= bars * length, (wins.starts, bars * length)
