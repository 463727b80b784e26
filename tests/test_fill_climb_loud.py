"""A network fill over a loud part climbs into the crash: over freedoom e1m6's band (`--fill-every 8bars`, bar 8) the
toms had played 127 on every stroke from "3 e" to the floor tom, a flat run no louder than the backbeat. A fill that
already climbs under the ceiling (funk_bass's, 102 -> 127) is played as it was."""

from __future__ import annotations

import numpy as np

from reagroove.core.fill_runs import FLOOR, fill_out
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.settings import Settings

N = N_VOICES
KICK, SNARE, HAT = (VOICES.index(v) for v in ("kick", "snare", "closed_hat"))
HIGH, MID, LOW = (VOICES.index(v) for v in ("high_tom", "mid_tom", "low_tom"))


def loud_beat_with_fill(strokes):
    """A 2-bar loud rock beat (kick 1 and 3 at 110, snare 2 and 4 at 127, 8th hats at 105), its second bar's beats 3-4
    (steps 24-31) played as `strokes`: [(step, voice, velocity of 127)]."""
    loop = np.zeros((32, 3 * N), np.float32)
    for s in range(0, 24, 2):
        for v, level in [(HAT, 105)] + ([(KICK, 110)] if s % 8 == 0 else []) + ([(SNARE, 127)] if s % 8 == 4 else []):
            loop[s, v], loop[s, N + v] = 1.0, level / 127
    for s, v, level in strokes:
        loop[s, v], loop[s, N + v] = 1.0, level / 127
    return loop


def played(loop):
    fill_at = np.zeros((1, 32), bool)
    fill_at[0, 24:] = True
    return fill_out(loop[None].copy(), [0], fill_at, None, Settings(fill_every=4), seed=0, bpm=120.0)[0]


def strokes_of(loop):
    return [(t, v, round(float(loop[t, N + v]) * 127)) for t in range(24, 32) for v in (SNARE, HIGH, MID, LOW)
            if loop[t, v] > 0.5]


def test_a_fill_clipped_flat_over_a_loud_part_climbs_to_the_top():
    # e1m6's bar 8: snare on 3, the high tom 127 on 3e 3& 3a 4 4e, the mid and floor tom 127
    flat = loud_beat_with_fill([(24, SNARE, 127), (25, SNARE, 110), (26, SNARE, 111), (25, HIGH, 127), (26, HIGH, 127),
                                (27, HIGH, 127), (28, HIGH, 127), (29, HIGH, 127), (30, MID, 127), (31, LOW, 127)])
    out = strokes_of(played(flat))
    assert len(out) == 10  # the same strokes
    first, last = out[0][2], out[-1][2]
    assert first <= round(FLOOR * 127) + 1 and last == 127, out
    toms = [level for _, v, level in out if v != SNARE]
    assert toms == sorted(toms) and toms[0] < 127 - 10, out  # down the toms, louder stroke by stroke
    # the beat before it as it was
    assert np.array_equal(played(flat)[:24], flat[:24])


def test_a_fill_that_already_climbs_is_left_as_it_is():
    climbing = loud_beat_with_fill([(24, SNARE, 102), (25, SNARE, 107), (26, HIGH, 112), (28, HIGH, 127),
                                    (29, LOW, 122), (30, LOW, 127)])
    assert strokes_of(played(climbing)) == strokes_of(climbing)
