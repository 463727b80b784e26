"""A half-time jazz fill bar keeps jazz's time (the ride, the hat foot on 2 and 4) up to its fill
(half_time_fills.time_before_the_fill), as a 4/4 jazz fill bar does.

By ear, before: `--fill-every 4bars --feel half --genre jazz` over map26's bass played bar 4 (and 8, 12) with the
network's stick hats on every 16th, "8555 7565" on the closed hat (42 at 71-105), beside the ride's "8-6- 7-7-"
before the fill: comping.ride_time, which moves a jazz bar's time to the ride, leaves a bar with a fill's toms as
drawn. The fill window's hats were then written as sticks (42), not the foot (44), in bar 3 too."""

import numpy as np
import pytest

from reagroove.core.comping import FOOT_LEVEL
from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.feel import with_feel
from reagroove.core.half_time_fills import genre_fills
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.phrases import PhrasePlan
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "ride"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
JAZZ = {"jazz": 1.0}
BAR = 16  # a half-time bar's steps, laid one to one
FILL = BAR + 8  # window 0's fill: its second bar's 3 and 4
FOOT = np.array([4, 12])  # the hat foot: a bar's 2 and 4
GM_CLOSED_HAT, GM_PEDAL_HAT = 42, 44


def lay(loops, w, steps, voice, level):
    for s in steps:
        loops[w, s, [voice, N_VOICES + voice]] = (1.0, level)


def drawn(toms: list[int]) -> np.ndarray:
    """Two windows of half-time jazz (the ride on the 8ths, the foot on 2 and 4, the kick on the 1) where window 0's
    second bar is the network's fill bar: its draw's stick hats on every 16th and the ride's 8ths up to the fill,
    its `toms` (steps of the bar) from the 3 on."""
    loops = np.zeros((2, STEPS, 3 * N_VOICES), np.float32)
    for w in range(2):
        lay(loops, w, range(0, STEPS, 2), RIDE, 0.65)
        lay(loops, w, [s for s in range(STEPS) if s % BAR in FOOT], CLOSED, 0.4)
        lay(loops, w, (0, BAR), KICK, 0.7)
    loops[0, BAR:] = 0.0
    lay(loops, 0, range(BAR, FILL, 2), RIDE, 0.65)
    lay(loops, 0, range(BAR, FILL + 1), CLOSED, 0.55)
    lay(loops, 0, [BAR], KICK, 0.7)
    lay(loops, 0, [BAR + s for s in toms], TOMS[0], 0.9)
    return loops


def played(loops: np.ndarray, swung: bool = False) -> np.ndarray:
    plan = PhrasePlan(np.zeros((2, STEPS), bool), np.zeros((2, STEPS), bool))
    plan.fill_steps[0, FILL:] = True
    return genre_fills(loops, with_feel(None, "half", 2)[0], Settings(genre=JAZZ), plan, swung=swung)


def hits(loops, w, lo, hi, voice) -> list[int]:
    return [s - lo for s in range(lo, hi) if loops[w, s, voice] > 0.5]


@pytest.mark.parametrize("toms", [[12, 14], [10, 12, 13, 14]], ids=["on_4", "from_the_and_of_3"])
def test_a_half_time_jazz_fill_bar_keeps_the_ride_and_the_foot_up_to_its_fill(toms):
    loops = played(drawn(toms))
    # up to the fill: the ride on the 8ths, the hat on 2 alone (the foot), no stick hat between
    assert hits(loops, 0, BAR, FILL, RIDE) == [0, 2, 4, 6]
    assert hits(loops, 0, BAR, FILL, CLOSED) == [4]
    # the fill on the drums, the foot kept on 4 under it, no stick hat in it
    assert hits(loops, 0, FILL, STEPS, CLOSED) == [4]
    strokes = [s for s in range(FILL, STEPS) if (loops[0, s, [SNARE] + TOMS] > 0.5).any()]
    assert len(strokes) >= 3, strokes
    # the foot's "chick" under the ride (the sticks' hat had played at 0.55, the ride at 0.65)
    assert loops[0, BAR + 4, N_VOICES + CLOSED] <= FOOT_LEVEL < loops[0, BAR + 4, N_VOICES + RIDE]


def test_the_fill_windows_hats_are_written_on_the_pedal_hat():
    loops = played(drawn([12, 14]))
    pitches = GM_DRUM_MAP.pitches(loops[0, :, :N_VOICES] > 0.5)
    hats = pitches[loops[0, :, CLOSED] > 0.5, CLOSED]
    assert len(hats) >= 4 and (hats == GM_PEDAL_HAT).all(), hats  # (the sticks' 42 before: bars 3 and 4)


def test_a_swung_half_time_jazz_fill_bar_rides_the_jazz_pattern_up_to_its_fill():
    loops = played(drawn([12, 14]), swung=True)
    # the "and" of 1 left out, as jazz_ride lays the bar beside it (the skip note after 2 stays)
    assert hits(loops, 0, BAR, FILL, RIDE) == [0, 4, 6]
    assert hits(loops, 0, BAR, FILL, CLOSED) == [4]


def test_bars_without_a_fill_and_other_genres_fill_bars_are_left_as_they_were():
    loops = drawn([12, 14])
    before = loops.copy()
    plan = PhrasePlan(np.zeros((2, STEPS), bool), np.zeros((2, STEPS), bool))
    plan.fill_steps[0, FILL:] = True
    rock = genre_fills(loops, with_feel(None, "half", 2)[0], Settings(genre={"rock": 1.0}), plan)
    assert np.array_equal(rock, before)  # (rock plays no fills of its own here: fill_runs runs them)
    jazz = played(before.copy())
    assert np.array_equal(jazz[1], before[1]) and np.array_equal(jazz[0, :BAR], before[0, :BAR])
