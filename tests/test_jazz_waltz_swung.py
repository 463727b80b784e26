"""A swung jazz waltz rides "ding, ding-ga, ding": the skip note after 2 alone, none after 3.

Over a swung 3/4 part asked for jazz, the 4/4 skip-note rule (idioms.skip_notes, laid in the loop's frame) put its
skip after the loop's 4 too, which a waltz bar plays as its 3 (meter.py: loop beats 1, 2 and 4): every bar rode
"X---X--XX--X", "ding, ding-ga, ding-ga". A jazz drummer in 3/4 plays the skip note after 2 alone
(meter_genres.waltz_skip_note lays it so on a straight part's bars); the loop bars a 3/4 bar plays
(meter_genres.waltz_loop_bars) now get the skip after 2 alone, the 4/4 bars both."""

import numpy as np
import pytest
from test_jazz_waltz_ride import RIDE, skip_notes as rides_with_skip, swung_waltz, waltz_bars

from reagroove.core.genres import GENRES
from reagroove.core.idioms import skip_notes
from reagroove.core.loop import N_VOICES, STEPS
from reagroove.core.meter_genres import waltz_loop_bars
from reagroove.core.settings import Settings

WALTZ_WINDOW = ((0.0, 3, 4), (3.0, 3, 4))
JAZZ = np.eye(len(GENRES))[GENRES.index("jazz")]


def test_swung_jazz_waltz_rides_no_skip_after_3(shipped, make_midi):
    """Through the engine over a swung waltz: each bar riding its three beats has the skip note on the swung 8th
    of 2 and no ride note in the second half of its 3 (steps 9-11)."""
    result = shipped.drumify(swung_waltz(make_midi, 2 / 3), Settings(genre={"jazz": 1.0}))
    riding = [bar for bar in waltz_bars(result) if (bar[[0, 4, 8], RIDE] > 0.5).all()]
    assert len(riding) >= 4
    rides = [np.flatnonzero(b[:, RIDE] > 0.5).tolist() for b in riding]
    assert all(rides_with_skip(bar, 7) for bar in riding), rides
    assert not any((bar[9:12, RIDE] > 0.5).any() for bar in riding), rides


def quarters_on_the_ride(n: int = 1) -> np.ndarray:
    """n loops (n, 32, 27) riding every quarter of both bars, nothing else."""
    loops = np.zeros((n, STEPS, 3 * N_VOICES), np.float32)
    loops[:, 0::4, RIDE] = 1.0
    loops[:, 0::4, N_VOICES + RIDE] = 0.8
    return loops


@pytest.mark.parametrize("meters, rows", [([WALTZ_WINDOW], [[True, True]]),
                                          ([((0.0, 4, 4), (4.0, 3, 4))], [[False, True]]),
                                          ([None, WALTZ_WINDOW], [[False, False], [True, True]])])
def test_the_loop_bars_a_waltz_bar_plays(meters, rows):
    assert waltz_loop_bars(meters, len(meters)).tolist() == rows


@pytest.mark.parametrize("meters", [None, [None], [((0.0, 4, 4), (4.0, 4, 4))], [((0.0, 6, 8), (3.0, 6, 8))]])
def test_no_waltz_bars_in_4_4_or_6_8(meters):
    assert waltz_loop_bars(meters, 1) is None


def test_skip_notes_lay_the_waltz_skip_after_2_alone_and_4_4_after_2_and_4():
    mix = JAZZ[None]
    waltz = waltz_loop_bars([WALTZ_WINDOW], 1)
    on_waltz = skip_notes(quarters_on_the_ride(), mix, waltz=waltz)
    in_four = skip_notes(quarters_on_the_ride(), mix)
    skips = lambda loops: [s for s in np.flatnonzero(loops[0, :, RIDE] > 0.5) if s % 4]  # noqa: E731
    assert skips(on_waltz) == [6, 22]
    assert skips(in_four) == [6, 14, 22, 30]
