"""A jazz fill sets up the 1 (core/fill_runs.py): by ear, before, some jazz fills ended with kick and snare on 4 and
then nothing for the whole last beat, ride included (the funk riff --genre jazz --fill-every 4bars, bar 4; freedoom's
d_dm02 bars 4 and 28: the snare at 48, the floor tom at 84, kick and snare on 4 at 123/120, then the crash). A jazz
drummer plays on through 4 into the 1: the kick (or the hands) on 4's last triplet, never above the fill's climb to
the ride's level."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_fill_feel import DRUMS, RIDE, jazz_loops
from test_ear_fill_jazz import KICK, played
from test_ear_fill_runs import bar_steps

from reagroove.core import read_midi
from reagroove.core.fill_runs import fill_out
from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def plays_after_four(fill: np.ndarray) -> bool:
    """Whether a fill (its steps, the last beat last) strikes a hand, a kick or the ride after its last beat's start."""
    four = len(fill) - STEPS_PER_BEAT
    return any(p > four + 0.5 for p in played(fill, DRUMS + [KICK, RIDE]))


@pytest.mark.parametrize("density", [0.2, 0.5, 0.9])
@pytest.mark.parametrize("beats", [2, 4])
def test_every_jazz_fill_plays_into_the_1_and_its_kick_stays_at_the_rides_level(density, beats):
    n = 8
    loops = jazz_loops(n)
    loops[:, [0, 10, 16], KICK] = 1.0  # the groove's kick, loud: 1.0 over a ride at 0.8
    loops[:, [0, 10, 16], N_VOICES + KICK] = 1.0
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 32 - STEPS_PER_BEAT * beats:] = True
    for seed in (0, 1, 2):
        out = fill_out(loops.copy(), np.arange(n), fill_at, None,
                       Settings(genre={"jazz": 1.0}, density=density), seed, 120.0)
        for w, fill in enumerate(out[:, 32 - STEPS_PER_BEAT * beats:]):
            assert plays_after_four(fill), (seed, w, played(fill, DRUMS), played(fill, [KICK]))
            last = fill[-STEPS_PER_BEAT:]  # the kick setting up the 1 no louder than the ride
            kicks = last[:, N_VOICES + KICK][last[:, KICK] > 0.5]
            assert kicks.max(initial=0.0) <= 0.8 + 1e-6, (seed, w, kicks)


def test_the_funk_riff_under_jazz_plays_into_the_1_of_its_fill(shipped):
    result = shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"), Settings(genre={"jazz": 1.0}, fill_every=2))
    w, start = bar_steps(result, 4)
    assert plays_after_four(result.loops[w, start:start + 16]), played(result.loops[w, start:start + 16], DRUMS)
