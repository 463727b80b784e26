"""One one drop in every meter: a waltz's, a 6/8's and a 5/4's bars drop as the 4/4 bar does (one_drop.drop_bar).

The drop was laid by four near-copies that had drifted apart: over a waltz the kick after the drop stayed (the
4/4 bar's goes: the drop alone, the 1 open) and steppers kept the draw's kicks between the beats (4/4's steppers
play the beats alone: the bass's pushes had stayed, "X--x x--- x--x")."""

import numpy as np
import pytest

from reagroove.core.genres import GENRES
from reagroove.core.half_time_genres import genre_half_time
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.one_drop import one_drop_loops

KICK, SNARE, CLOSED, CRASH = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "crash"))
REGGAE = np.eye(len(GENRES))[GENRES.index("reggae")]
STEPPERS = (np.eye(len(GENRES))[GENRES.index("disco")] + REGGAE) / 2
METERS = {"waltz": ((0.0, 3, 4), (3.0, 3, 4)), "six_eight": ((0.0, 6, 8), (3.0, 6, 8)), "five_four": ((0.0, 5, 4),),
          "four_four": None}
BAR = {"waltz": 12, "six_eight": 12, "five_four": 20, "four_four": 16}
DROP = {"waltz": 8, "six_eight": 6, "five_four": 8, "four_four": 8}  # (the waltz's 3, 6/8's 4th 8th, 5/4's 3)
BEATS = {"waltz": [0, 4, 8], "six_eight": [0, 6], "five_four": [0, 4, 8, 12, 16], "four_four": [0, 4, 8, 12]}


def drawn(meter) -> np.ndarray:
    """A window of a rock draw over the meter's bars: hats on the 8ths, the kick on the 1, a push an 8th after the
    drop and on the bar's last 8th, the snare on the 2nd beat and the drop."""
    loops = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    bar = BAR[meter]
    for start in range(0, STEPS - bar + 1, bar):
        for step in range(start, start + bar, 2):
            loops[0, step, [CLOSED, N_VOICES + CLOSED]] = (1.0, 0.7 if step % 4 else 0.5)
        for step, vel in ((0, 0.9), (DROP[meter] + 2, 0.6), (bar - 2, 0.6)):
            loops[0, start + step, [KICK, N_VOICES + KICK]] = (1.0, vel)
        for step in (BEATS[meter][1], DROP[meter]):
            loops[0, start + step, [SNARE, N_VOICES + SNARE]] = (1.0, 0.9)
    return loops


def dropped(meter, mix) -> np.ndarray:
    if METERS[meter] is None:  # (4/4: the loop frame's rule)
        return one_drop_loops(drawn(meter), mix[None], np.ones(1, bool))
    return genre_half_time(drawn(meter), [METERS[meter]], mix, False, np.zeros((1, STEPS, 3), np.float32))


@pytest.mark.parametrize("meter", ["waltz", "six_eight", "five_four", "four_four"])
def test_each_meter_drops_alone_and_steppers_kick_the_beats_alone(meter):
    bar = BAR[meter]
    for mix, kicks in ((REGGAE, [DROP[meter]]), (STEPPERS, BEATS[meter])):
        loops = dropped(meter, mix)
        for start in range(0, STEPS - bar + 1, bar):
            steps = loops[0, start:start + bar]
            assert np.flatnonzero(steps[:, SNARE] > 0.5).tolist() == [DROP[meter]], (meter, start)
            assert np.flatnonzero(steps[:, KICK] > 0.5).tolist() == kicks, (meter, mix.round(1).tolist(), start)
