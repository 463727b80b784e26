"""A jazz fill's limbs and levels as GMD's jazz drummers play them (core/fill_jazz.py): the kick takes a beat's last
triplet from the hands ("hand, hand, foot") and the hands play near the ride's level, snare ghosts under accents.

By ear, before: 3-4 quiet strokes climbing evenly from the comp's level to the ride's (the shuffle with --genre jazz
--fill-every 4bars: snare 42, high tom 58, mid tom 74, floor tom 89 over a ride at 85, no kick before the 1). GMD's
train "jazz" fills strike 4.1-4.5 hands and a kick over their last two beats, the kick most often on a beat's last
triplet, the hands at 0.72-0.99 of the ride's level (their median)."""

from __future__ import annotations

import numpy as np
from test_ear_fill_feel import DRUMS
from test_ear_fill_jazz import FLAM, KICK, jazz_fills, played

from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT

RIDE_LEVEL = 0.8  # test_ear_fill_feel.jazz_loops' ride (its comp at 0.4)
LET = 8 / 3  # a beat's last triplet, in 16ths from the beat


def let_kicks(fill: np.ndarray) -> list[float]:
    """The kicks of a fill (T, 27) on the last triplet of a beat before its last, no hand struck with them."""
    hands = played(fill, DRUMS)
    beats = len(fill) // STEPS_PER_BEAT
    return [k for k in played(fill, [KICK]) if k < (beats - 1) * STEPS_PER_BEAT
            and abs(k % STEPS_PER_BEAT - LET) < 0.2 and all(abs(h - k) >= FLAM for h in hands)]


def test_jazz_fills_leave_a_beats_last_triplet_to_the_kick():
    for beats in (2, 4):
        fills = jazz_fills(8, beats)
        with_foot = [w for w, fill in enumerate(fills) if let_kicks(fill)]
        assert len(with_foot) >= 2, (beats, with_foot)  # hand, hand, foot in some fills, not all alike
        assert np.array_equal(fills, jazz_fills(8, beats))  # the same fills again: drawn from the seed


def test_jazz_fills_hands_play_near_the_rides_level_ghosts_under_the_accents():
    for beats in (2, 4):
        fills = jazz_fills(8, beats)
        hits = fills[:, :, DRUMS] > 0.5
        levels = fills[:, :, N_VOICES:2 * N_VOICES][:, :, DRUMS][hits]
        assert np.median(levels) >= 0.85 * RIDE_LEVEL, np.round(levels, 2)  # (a climb from the comp: 0.75 of it)
        assert levels.max() <= RIDE_LEVEL + 1e-6
        toms = fills[:, :, N_VOICES + np.array(DRUMS[1:])][hits[:, :, 1:]]
        assert toms.min() >= 0.75 * RIDE_LEVEL, np.round(toms, 2)  # the toms accented, not crept in at the comp's


def test_jazz_fills_into_sections_are_not_one_rhythm():
    # (freedoom's d_e1m4 band: 8 of 10 fills into its sections one rhythm, full triplets every beat)
    from test_ear_fill_feel import jazz_loops
    from test_ear_fill_jazz import JAZZ

    from reagroove.core.fill_runs import fill_out

    n, beats = 8, 2
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 32 - STEPS_PER_BEAT * beats:] = True
    out = fill_out(jazz_loops(n), np.arange(n), fill_at, None, JAZZ, 0, 120.0, np.ones(n, bool))
    rhythms = [tuple(round(t, 2) for t in played(fill[32 - STEPS_PER_BEAT * beats:], DRUMS)) for fill in out]
    assert len(set(rhythms)) >= 3, rhythms
    assert all(a != b for a, b in zip(rhythms, rhythms[1:])), rhythms  # the next fill heard apart
    assert all(len(r) >= 4 for r in rhythms), rhythms  # into a section: busy, 2 hands a beat at the least
