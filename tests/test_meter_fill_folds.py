"""A fill in 3/4 or 6/8: the hands leave the hats and ride for the toms (engine's fill_part clears them in the
loop), and laying the loop on the meter's bars must not bring a hat back onto a tom stroke from the loop beats
a short bar skips (it did in 6/8: a hat on the last 8th over the low tom): the fill's toms on the loop's
beats 3 and 4 fold onto the beats the bar plays, where the hats still are."""

import numpy as np
import pytest

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.meter import loops_to_bars

TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
KEEPERS = [VOICES.index(v) for v in ("closed_hat", "open_hat", "ride")]
KICK, SNARE = VOICES.index("kick"), VOICES.index("snare")


def fill_loop():
    """A 2-bar 4/4 loop as the network writes a fill: hats on the 8ths and a backbeat, then toms on every
    16th of bar 2's beats 3 and 4 with the hats gone there (engine's fill_part clears them from the first tom)."""
    loop = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    loop[0, 0:24:2, VOICES.index("closed_hat")] = 1.0
    loop[0, 0:32:8, KICK] = 1.0
    loop[0, 4:32:8, SNARE] = 1.0
    for s in range(24, 32):
        loop[0, s, TOMS[(s - 24) // 3]] = 1.0
    loop[..., N_VOICES:2 * N_VOICES] = 0.8 * loop[..., :N_VOICES]
    return loop


@pytest.mark.parametrize("bars", [((0.0, 6, 8), (3.0, 6, 8)), ((0.0, 3, 4), (3.0, 3, 4))], ids=["6/8", "3/4"])
def test_no_hat_is_folded_onto_a_tom_stroke(bars):
    out = loops_to_bars(fill_loop(), bars)[0]
    tom = (out[:, TOMS] > 0.5).any(1)
    keeper = (out[:, KEEPERS] > 0.5).any(1)
    assert tom.any()
    assert not (tom & keeper).any(), f"hats on tom steps {np.flatnonzero(tom & keeper).tolist()}"
