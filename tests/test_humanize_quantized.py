"""Drums over a quantized part (step-entered, on the grid at one velocity) get a drummer's touch at the default
Humanize: a few ms around the beat and a few velocity steps from bar to bar, seeded (the same seed, the same drums),
the downbeats and backbeat steady; `--humanize 0` stays exact and a part with timing of its own keeps its drums'."""

from __future__ import annotations

import numpy as np

from reagroove.core.dynamics import humanize
from reagroove.core.humanize_quantized import BEAT_SPREAD, VELOCITY_SWAY, drummer_touch
from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, HAT = 0, 1, 2
N = N_VOICES


def step_entered(make_midi):
    # straight 8th roots, every note on the grid at one velocity, the same 2 bars four times over
    notes = [(b * 4 + i * 0.5, (40, 40, 45, 43)[b % 2], 100, 0) for b in range(8) for i in range(8)]
    return make_midi(notes, name="step_entered.mid")


def drums(shipped, path, **settings):
    return np.asarray(shipped.drumify(read_midi(path), Settings(**settings)).loops)


def test_quantized_part_gets_a_drummers_timing_and_bar_to_bar_velocities(shipped, make_midi):
    loops = drums(shipped, step_entered(make_midi))
    hits = loops[..., :N] > 0.5
    off, vel = loops[..., 2 * N:][hits], loops[..., N:2 * N]
    # off the grid by a few ms (GMD's spread: under 10 ms at 120 BPM, a 16th 125 ms), not on it to the tick
    assert (np.abs(off) > 0.01).mean() > 0.5
    assert 0.02 < np.median(np.abs(off)) < 0.12, np.median(np.abs(off))
    # the same hits bar to bar, at velocities a few steps apart: the bars are not copies of each other
    bars = loops.reshape(-1, 16, 3 * N)
    same = (bars[1:, :, :N] > 0.5) & (bars[:-1, :, :N] > 0.5)
    moved = np.abs(bars[1:, :, N:2 * N] - bars[:-1, :, N:2 * N])[same] * 127
    assert same.sum() > 20 and (moved >= 1).mean() > 0.3 and moved.max() <= 2 * VELOCITY_SWAY * 127 + 1
    # the backbeat stays where the drummer plays it: its velocity bar to bar as played
    back = hits[:, :, SNARE] & np.isin(np.arange(32) % 16, (4, 12))[None]
    backbeat = vel[:, :, SNARE][back]
    assert len(backbeat) >= 8 and np.ptp(backbeat) * 127 <= 1.5, backbeat * 127


def test_the_same_seed_writes_the_same_drums_and_humanize_0_stays_on_the_grid(shipped, make_midi):
    path = step_entered(make_midi)
    first, again = drums(shipped, path, seed=3), drums(shipped, path, seed=3)
    assert np.array_equal(first, again)
    exact = drums(shipped, path, humanize=0.0)
    hits = exact[..., :N] > 0.5
    assert not np.any(exact[..., 2 * N:][hits])
    assert np.array_equal(hits, drums(shipped, path)[..., :N] > 0.5)  # the touch moves no hit


def test_a_loop_with_timing_of_its_own_is_left_as_it_is():
    loop = np.zeros((1, 32, 3 * N), np.float32)
    loop[0, ::2, HAT], loop[0, ::2, N + HAT], loop[0, ::2, 2 * N + HAT] = 1.0, 0.7, 0.05
    assert humanize(loop, 1.0) is loop
    assert drummer_touch(loop, 1.0, 7, [1]) is loop


def test_drums_on_the_grid_over_a_part_with_timing_of_its_own_are_left_as_they_are():
    """A played part's windows keep their drums as played (the network left them on the grid there)."""
    loop = np.zeros((2, 32, 3 * N), np.float32)
    loop[:, ::2, HAT], loop[:, ::2, N + HAT] = 1.0, 0.7
    played = np.zeros((2, 32, 3), np.float32)
    played[:, ::4, 0], played[:, ::4, 1] = 1.0, 0.8
    played[0, 4, 2] = 0.1  # one note of the first window late
    played[1, :, 0] = 0.0
    played[1, 9, 0], played[1, 9, 2] = 1.0, -0.2  # the second: one note, early
    assert drummer_touch(loop, 1.0, 7, [1, 3], grooves=played) is loop
    played[0, 4, 2] = 0.0  # the first window entered on the grid: its drums take the touch
    touched = drummer_touch(loop, 1.0, 7, [1, 3], grooves=played)
    assert np.any(touched[0, :, 2 * N:]) and np.array_equal(touched[1], loop[1])


def test_the_touch_spreads_as_gmds_drummers_and_keeps_the_downbeat():
    loops = np.zeros((64, 32, 3 * N), np.float32)
    loops[:, ::2, HAT], loops[:, ::2, N + HAT] = 1.0, 0.6
    loops[:, ::8, KICK], loops[:, ::8, N + KICK] = 1.0, 0.8
    touched = drummer_touch(loops, 1.0, 5, np.arange(64) * 2)
    hat = touched[:, 2::4, 2 * N + HAT]  # the hats' "and"s
    assert abs(np.median(np.abs(hat)) - BEAT_SPREAD[HAT]) < 0.02
    assert np.array_equal(touched[:, ::16, N + KICK], loops[:, ::16, N + KICK])  # the downbeat's level
    assert np.array_equal(drummer_touch(loops, 1.0, 5, np.arange(64) * 2), touched)
    assert not np.array_equal(drummer_touch(loops, 1.0, 6, np.arange(64) * 2), touched)
