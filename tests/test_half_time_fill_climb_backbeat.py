"""A half-time fill over a loud part keeps its backbeat on 3, not a snare on 4: over freedoom's bands with drums left
out (`--feel half --fill-every 4bars`: e1m1-e1m9, dm01, e2m1) the network's fill clipped flat at 127 was lowered to
climb, but kept a snare on the 4/4 backbeat (2 or 4) at its level: the half-time backbeat on 3 (e1m6's 127) fell to
102 at the foot of the climb while the snare on 4 stayed at 127, over the floor tom struck with it at 121."""

from __future__ import annotations

import numpy as np

from reagroove.core.feel import with_feel
from reagroove.core.fill_runs import FLOOR, fill_out
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.settings import Settings

N = N_VOICES
KICK, SNARE, HAT = (VOICES.index(v) for v in ("kick", "snare", "closed_hat"))
MID, LOW = (VOICES.index(v) for v in ("mid_tom", "low_tom"))
# e1m6's fill ending its second half-time bar: the snare on 3 (the backbeat), 3e, 3&, snare and floor tom on 4, mid
# and floor tom on 4&, all but two at 127
E1M6_FILL = [(24, SNARE, 127), (25, SNARE, 114), (26, SNARE, 119), (28, SNARE, 127), (28, LOW, 127), (30, MID, 127),
             (30, LOW, 127)]


def loud_half_time_window(strokes, half: bool = True):
    """Two loud half-time bars (kick on 1 at 110, the snare on 3 at 127, 8th hats at 105; half=False: the 4/4
    backbeat on 2 and 4), the second bar's beats 3-4 (steps 24-31) played as `strokes`."""
    loop = np.zeros((32, 3 * N), np.float32)
    for s in range(0, 24, 2):
        beat = [(HAT, 105)] + ([(KICK, 110)] if s % 16 == 0 else [])
        beat += [(SNARE, 127)] if (s % 16 == 8 if half else s % 8 == 4) else []
        for v, level in beat:
            loop[s, v], loop[s, N + v] = 1.0, level / 127
    for s, v, level in strokes:
        loop[s, v], loop[s, N + v] = 1.0, level / 127
    return loop


def played(loop, half: bool = True):
    fill_at = np.zeros((1, 32), bool)
    fill_at[0, 24:] = True
    meters = with_feel(None, "half", 1)[0] if half else None
    return fill_out(loop[None].copy(), [0], fill_at, meters, Settings(fill_every=4), seed=0, bpm=120.0)[0]


def velocity(loop, step, voice):
    return round(float(loop[step, N + voice]) * 127)


def test_a_half_time_fill_keeps_its_backbeat_on_3_and_climbs_through_4():
    out = played(loud_half_time_window(E1M6_FILL))
    assert velocity(out, 24, SNARE) == 127  # the half-time backbeat on 3, as the bars before it play it
    # the snare on 4 climbs with the floor tom struck with it, under the last stroke
    assert velocity(out, 28, SNARE) < 127 and velocity(out, 28, SNARE) <= velocity(out, 28, LOW) + 1
    assert velocity(out, 30, LOW) == 127
    assert velocity(out, 25, SNARE) <= round(FLOOR * 127) + 10  # still a climb from the 3's "e"


def test_a_four_four_fill_keeps_its_backbeat_on_4():
    out = played(loud_half_time_window(E1M6_FILL, half=False), half=False)
    assert velocity(out, 28, SNARE) == 127  # 4/4's backbeat on 4 as before
    assert velocity(out, 24, SNARE) < 127  # the snare on 3 climbs
