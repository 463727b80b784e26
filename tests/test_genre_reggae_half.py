"""Reggae in half time (`--genre reggae --feel half`) is the one drop: the snare (the rim) and the kick together on
each bar's 3, the 1 left open, no other snare before a fill.

The half-speed loop's snare on its "a" of 1 lands on the bar's "and" of 2, and the drop had kept it: over the
bundled funk bass a snare at 83 on the "and" of 2 before the drop in every bar, over a band part 113 against the
drop's 127 (a normal-time pickup into the drop, not a one drop)."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.half_time import half_time_window
from reagroove.core.limbs import first_tom
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "crash"))
FUNK = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
BAR = 16
DROP = 8  # a half-time bar's 3


def half_time_bars(result):
    """Each half-time bar's steps before its fill's first tom: (bar (16, 27), how many of its steps are the beat)."""
    out = []
    for loop, bars in zip(result.loops, result.meters):
        if not half_time_window(bars):
            continue
        for start in range(0, 32, BAR):
            bar = loop[start:start + BAR]
            out.append((bar, first_tom(bar[:, :N_VOICES] > 0.5)))
    return out


@pytest.mark.parametrize("seed", [0, 1])
def test_half_time_reggae_is_the_one_drop(shipped, seed):
    result = shipped.drumify(read_midi(FUNK), Settings(genre={"reggae": 1.0}, feel="half", seed=seed))
    bars = half_time_bars(result)
    assert len(bars) >= 8
    dropped = 0
    for bar, beat in bars:
        if beat <= DROP:  # (a fill through the drop: its own)
            continue
        dropped += 1
        snares = np.flatnonzero(bar[:beat, SNARE] > 0.5).tolist()
        assert snares == [DROP], f"the snare plays {snares} before the fill (steps), the one drop only on the 3"
        assert bar[DROP, KICK] > 0.5, "the kick plays with the drop"
        assert bar[0, KICK] <= 0.5 or bar[0, CRASH] > 0.5, "the 1 is left open (but under a phrase's crash)"
        # the drop is the bar's loudest snare stroke
        assert bar[DROP, N_VOICES + SNARE] >= bar[:, N_VOICES + SNARE].max() - 1e-6
    assert dropped >= 6
