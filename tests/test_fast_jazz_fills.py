"""A jazz fill at a fast tempo (core/fill_feel.jazz_feel): above fill_runs.EIGHTHS_BPM (160) --genre jazz had played
rock's fast runs, straight 8ths and 16th pairs with snare and toms climbing over the ride (freedoom's d_e1m1 at 165
BPM: 101 -> 127 over a ride at ~70). A jazz drummer there still plays 8th-note triplets, the hands alternating, from
the comp's level up to the ride's."""

import pytest
from test_ear_fill_feel import assert_triplets_from_the_comp_up_to_the_ride, bar_fills, jazz_loops

from reagroove.core.fill_feel import feel_of
from reagroove.core.settings import Settings

JAZZ = Settings(genre={"jazz": 1.0})


@pytest.mark.parametrize("bpm", [165.0, 200.0])
def test_a_fast_jazz_fill_plays_triplets_from_the_comp_up_to_the_ride(bpm):
    assert_triplets_from_the_comp_up_to_the_ride(bar_fills(4, JAZZ, bpm, loops=jazz_loops(4)))


@pytest.mark.parametrize("swung", [False, True])
@pytest.mark.parametrize("density", [None, 0.2, 0.9])
def test_jazz_keeps_its_own_fills_above_160_bpm(swung, density):
    settings = Settings(genre={"jazz": 1.0}, density=density)
    assert feel_of(settings, True, swung) == feel_of(settings, False, swung)
    assert feel_of(settings, True, swung).jazz and not feel_of(Settings(), True, swung).jazz
