"""Jazz's left hand by one rule in every meter (comping.comp_steps, lay_comp): where the comp notes go and how loud,
in 4/4's 16-step bars and a waltz's or 6/8's 12 (meter_genres.jazz_comp had kept a copy of the rule of its own)."""

import numpy as np
import pytest

from reagroove.core.comping import LOUDEST, QUIETEST, RIDING, comp_steps, lay_comp
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.meter_genres import COMP_ORDERS, COMP_RIDING, jazz_comp

SNARE, RIDE, CLOSED, KICK, LOW = (VOICES.index(v) for v in ("snare", "ride", "closed_hat", "kick", "low_tom"))


def ridden(steps: int, every: int = 2, level: float = 0.7) -> np.ndarray:
    """A bar (steps, 27) riding every `every` 16ths at `level`, the kick on the 1."""
    bar = np.zeros((steps, 3 * N_VOICES), np.float32)
    bar[::every, RIDE], bar[::every, N_VOICES + RIDE] = 1.0, level
    bar[0, KICK], bar[0, N_VOICES + KICK] = 1.0, 0.8
    return bar


@pytest.mark.parametrize("steps, riding", [(16, RIDING), (12, COMP_RIDING)])
def test_the_comp_answers_where_the_part_rests_and_stays_quiet(steps, riding):
    bar, plays = ridden(steps), np.zeros(steps, bool)
    order = [steps - 2, 6, 2]
    plays[steps - 2] = True  # the part plays the first "and" reached for: the comp goes to the next
    at = comp_steps(bar, order, 1, plays, riding)
    assert at.tolist() == [6]
    lay_comp(bar, at)
    assert np.flatnonzero(bar[:, SNARE] > 0.5).tolist() == [6]
    assert QUIETEST <= bar[6, N_VOICES + SNARE] <= LOUDEST < bar[4, N_VOICES + RIDE]
    # where the part plays every "and", the comp still plays (an "and" where the part plays, as a drummer answers)
    assert len(comp_steps(ridden(steps), order, 2, np.ones(steps, bool), riding)) == 2


@pytest.mark.parametrize("steps, riding", [(16, RIDING), (12, COMP_RIDING)])
def test_no_comp_in_a_bar_with_a_snare_a_fill_or_no_time(steps, riding):
    rests = np.zeros(steps, bool)
    snare, fill = ridden(steps), ridden(steps)
    snare[4, SNARE] = 1.0
    fill[steps - 2, LOW] = 1.0
    for bar in (snare, fill, ridden(steps, every=steps)):
        assert not len(comp_steps(bar, [2, 6], 2, rests, riding))


def test_a_waltz_bar_comps_as_a_4_4_bar_does():
    """jazz_comp on a waltz bar lays what the shared rule lays (the 8ths of its phrase's order, the part's rests
    first, the 8th after a swung part's note counted as its note)."""
    bar, part = ridden(12), np.zeros(13, bool)
    part[11] = True  # a swung 8th: the part's note a 16th after the waltz's last "and" (step 10)
    ruled = bar.copy()
    jazz_comp(bar, np.ones(12, bool), "waltz", 1, part)
    order = COMP_ORDERS["waltz"][1]
    lay_comp(ruled, comp_steps(ruled, order, 2, part[:12] | part[1:], COMP_RIDING))
    assert np.array_equal(bar, ruled)
    assert np.flatnonzero(bar[:, SNARE] > 0.5).tolist() == [2, 6]
