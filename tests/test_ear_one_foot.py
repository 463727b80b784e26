"""One foot on the kick: a band part's kick runs of more than 3 16ths keep only the kicks on the bass's notes
(core/one_foot.py).

GMD's drummers, one pedal each, play 4 or more kicks in a row in 0.4% of their bars. Following a busy bass line (the
shape of OpenMSX's keep_on_rolling at 104: "b-b-b-bb-bb-b-b-", every other bar a run of nine 16ths from the "and" of
2), the network had run the kick through it, 5 and 6 kicks in a row, filling even the 16th the bass leaves out. A
riff's own run (a metal chug, doubled by a double pedal) keeps its kicks."""

import numpy as np
import pytest

from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.one_foot import MAX_RUN, one_foot
from reagroove.core.settings import Settings

KICK = VOICES.index("kick")
BARS = 8
LINES = ("b-b-b-bb-bb-b-b-", "b-b-b-bbbbbbbbb-")


@pytest.fixture
def busy_bass(make_midi):
    """A bass line in 16ths at 104 (LINES, bar by bar) under a piano's chords on 2 and 4."""
    notes = [(4 * bar + s / 4, 43 if s % 4 == 0 else 46, 96, 0)
             for bar in range(BARS) for s, c in enumerate(LINES[bar % 2]) if c == "b"]
    notes += [(4 * bar + beat, p, 80, 1, 1) for bar in range(BARS) for beat in (1, 3) for p in (64, 67, 72)]
    return read_midi(make_midi(sorted(notes), "busy_bass_104.mid", tempos=((0, 104.0),), length=0.2))


def rolled_kicks(kick: np.ndarray) -> list:
    """The steps of kick (16,) bool after the first of each run longer than MAX_RUN."""
    out, start = [], 0
    while start < len(kick):
        end = start
        while end < len(kick) and kick[end]:
            end += 1
        if end - start > MAX_RUN:
            out += list(range(start + 1, end))
        start = end + 1
    return out


def kick_bars(loops, bars):
    """(bar, kick (16,) bool) of each song bar."""
    return [(int(b) + k, loop[16 * k:16 * (k + 1), KICK] > 0.5) for b, loop in zip(bars, loops) for k in (0, 1)]


def test_a_busy_bass_gets_no_drum_roll_on_the_kick(shipped, busy_bass):
    settings = Settings()
    result = shipped.drumify(busy_bass, settings)
    parts = [result.loops] + list(shipped.variations_of(result, settings, 3)[1:])
    bass = {int(b) + k: w[16 * k:16 * (k + 1), 0] > 0.5 for b, w in zip(result.bars, result.bass) for k in (0, 1)}
    for loops in parts:
        for bar, kick in kick_bars(loops, result.bars):
            rolled = [s for s in rolled_kicks(kick) if not bass[bar][s]]  # where the bass leaves the 16th out
            assert not rolled, f"bar {bar}: kicks on steps {np.flatnonzero(kick).tolist()}, rolled at {rolled}"
    # the kick still plays with the bass: the kicks on its notes stay
    for bar, kick in kick_bars(result.loops, result.bars):
        assert kick.sum() >= 4 and (kick & bass[bar]).sum() >= kick.sum() - 2, (bar, np.flatnonzero(kick).tolist())


def test_a_long_run_keeps_its_first_kick_and_those_with_the_bass():
    loops = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    run = [6, 7, 8, 9, 10, 11]
    loops[0, run, KICK], loops[0, run, N_VOICES + KICK] = 1.0, 0.8
    bass = np.zeros((1, STEPS, 3), np.float32)
    bass[0, [7, 9, 10], 0] = 1.0  # the bass leaves out the run's first (6), the beat (8) and the "a" (11)
    out = one_foot(loops, bass)
    assert np.flatnonzero(out[0, :, KICK] > 0.5).tolist() == [6, 7, 9, 10]
    assert not out[0, [8, 11], KICK::N_VOICES].any()  # a dropped kick leaves no velocity or timing behind
    assert one_foot(loops, bass, np.zeros(1, bool)) is loops  # a fill or a drum part's loop keeps its kicks
    three = np.zeros_like(loops)
    three[0, [6, 7, 8], KICK] = 1.0
    assert one_foot(three, np.zeros((1, STEPS, 3), np.float32)) is three  # three in a row: one foot plays them


def test_a_riffs_own_run_keeps_its_kicks():
    loops = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    loops[0, 0:8, KICK] = 1.0
    chug = np.zeros((1, STEPS, 3), np.float32)
    chug[0, 0:8, 0] = 1.0  # a metal chug on every 16th of the first half bar: a double pedal doubles it
    assert np.array_equal(one_foot(loops, chug), loops)
