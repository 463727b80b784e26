"""A waltz in quarters with --beats-per-bar 3 and no --bpm is not offered its half (core/live_half_tempo.odd_bar).
At 120 or 150 the entry line said "; playing at 60? give --bpm 60" (75): taken, each drum bar of 3 beats at 60 covered
two of the waltz's bars, the crash every other bar and the snare across their bar lines (a 2-bar hemiola). A 4/4
ballad at 60 is still offered its half (tests/test_live_half_tempo.py). Through the command line and the shipped
model, on in-memory ports and a scripted clock."""

import pytest
from test_live_half_tempo import came_in, live

WALTZ = [(0, 40, 105), (1, 60, 70), (1, 64, 70), (2, 60, 65), (2, 64, 65)]  # (beat, pitch, velocity): bass, 2 chords
FIRST = 1.0  # seconds: the player's first note


def waltz(bpm, bars=6, jitter=0.004):
    """(seconds, pitch, velocity) of `bars` bars of WALTZ (3 beats) at `bpm` from FIRST, a few ms off here and there."""
    return [(FIRST + (3 * k + b) * 60.0 / bpm + (jitter if (k + b) % 3 == 1 else 0.0), p, v)
            for k in range(bars) for b, p, v in WALTZ]


@pytest.mark.parametrize("bpm", [120.0, 150.0])
def test_a_waltz_in_quarters_is_not_offered_its_half(monkeypatch, capsys, shipped, bpm):
    lines, _ = live(monkeypatch, capsys, shipped, ["--beats-per-bar", "3"], waltz(bpm), FIRST + 5 * 3 * 60.0 / bpm)
    said = came_in(lines)
    assert abs(float(said.split()[5]) - bpm) <= 2, said  # "the drums come in at 149 BPM, read from your playing"
    assert "playing at" not in said and "give --bpm" not in said, said
