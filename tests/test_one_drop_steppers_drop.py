"""Steppers' drop: the kick under the rim as loud as the bar's loudest kick, on the rim's timing, in every meter.

`--genre disco,reggae` over a 6/8 part had kicked the drop softer than the 1 (77 on the 1, 65 on the drop): the drop's
kick was laid at the bar's loudest, then the floor (the kick on every beat) laid the bar's median kick over it, off
the rim's timing. The one drop's kick and rim strike together, the accent of the bar (the plain one drop's kick is
the bar's loudest, half time's steppers' too); steppers' floor puts the kick on the other beats under it."""

import numpy as np
import pytest
from test_one_drop_fill_lead_in import reggae_rules

from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES, STEPS, VOICES

KICK, SNARE, CLOSED = (VOICES.index(v) for v in ("kick", "snare", "closed_hat"))
STEPPERS = (np.eye(len(GENRES))[GENRES.index("disco")] + np.eye(len(GENRES))[GENRES.index("reggae")]) / 2
# meter: (the window's bars as meters lays them, a bar's steps, its drop, its beats)
METERS = {"four_four": (None, 16, 8, [0, 4, 8, 12]),
          "waltz": (((0.0, 3, 4), (3.0, 3, 4)), 12, 8, [0, 4, 8]),
          "six_eight": (((0.0, 6, 8), (3.0, 6, 8)), 12, 6, [0, 6]),
          "five_four": (((0.0, 5, 4),), 20, 8, [0, 4, 8, 12, 16]),
          "seven_eight": (((0.0, 7, 8),), 14, 8, [0, 4, 8])}
RIM_TIMING = 0.1  # the draw's snare on the drop, a little late


def bar_starts(meter: str) -> range:
    """The first steps of the window's bars."""
    bars, bar = METERS[meter][:2]
    return range(0, bar * len(bars) if bars else STEPS, bar)


def drawn(meter: str) -> np.ndarray:
    """A window of a draw over the meter's bars: hats on the 8ths, the kick on the 1 (loud) and on two pushes
    (soft), none on the drop, the snare on the drop a little late."""
    _, bar, drop, _ = METERS[meter]
    loops = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    for start in bar_starts(meter):
        for step in range(start, start + bar, 2):
            loops[0, step, [CLOSED, N_VOICES + CLOSED]] = (1.0, 0.6)
        for step, level in ((0, 0.8), (drop + 2, 0.5), (bar - 2, 0.5)):
            loops[0, start + step, [KICK, N_VOICES + KICK]] = (1.0, level)
        loops[0, start + drop, SNARE::N_VOICES] = (1.0, 0.9, RIM_TIMING)
    return loops


def stepped(meter: str) -> np.ndarray:
    return reggae_rules(drawn(meter), METERS[meter][0], STEPPERS)


@pytest.mark.parametrize("meter", list(METERS))
def test_steppers_kick_the_drop_with_the_rim_no_softer_than_the_1(meter):
    _, bar, drop, beats = METERS[meter]
    loops = stepped(meter)
    for start in bar_starts(meter):
        steps = loops[0, start:start + bar]
        kicks = np.flatnonzero(steps[:, KICK] > 0.5).tolist()
        assert kicks == beats, (meter, start, kicks)
        levels = steps[kicks, N_VOICES + KICK]
        where = (meter, start, levels.round(2).tolist())
        assert steps[drop, N_VOICES + KICK] >= levels.max(), where  # (the 1's 0.8: it had been the median, 0.5)
        assert steps[drop, 2 * N_VOICES + KICK] == steps[drop, 2 * N_VOICES + SNARE] == pytest.approx(RIM_TIMING)
