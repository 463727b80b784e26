"""A jazz fill at a fast tempo (core/fill_feel.jazz_feel): above fill_runs.EIGHTHS_BPM (160) --genre jazz had played
rock's fast runs, straight 8ths and 16th pairs with snare and toms climbing over the ride (freedoom's d_e1m1 at 165
BPM: 101 -> 127 over a ride at ~70). A jazz drummer there still plays 8th-note triplets, the hands alternating, from
the comp's level up to the ride's."""

import pytest
from test_ear_fill_feel import DRUMS, bar_fills, jazz_loops

from reagroove.core.fill_feel import feel_of
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

JAZZ = Settings(genre={"jazz": 1.0})


@pytest.mark.parametrize("bpm", [165.0, 200.0])
def test_a_fast_jazz_fill_plays_triplets_from_the_comp_up_to_the_ride(bpm):
    fills = bar_fills(4, JAZZ, bpm, loops=jazz_loops(4))
    for fill in fills:
        hits = fill[:, DRUMS] > 0.5
        levels = fill[:, N_VOICES:2 * N_VOICES][:, DRUMS][hits]
        assert levels.max() <= 0.8 + 1e-6 and levels.min() <= 0.5, levels  # under the ride, from about the comp
        off_beat = [float(fill[t, 2 * N_VOICES + v]) for t in range(16) if t % 4
                    for v in DRUMS if hits[t, DRUMS.index(v)]]
        assert off_beat and all(abs(o) > 0.1 for o in off_beat), off_beat  # on triplets, not straight 8ths


@pytest.mark.parametrize("swung", [False, True])
@pytest.mark.parametrize("density", [None, 0.2, 0.9])
def test_jazz_keeps_its_own_fills_above_160_bpm(swung, density):
    settings = Settings(genre={"jazz": 1.0}, density=density)
    assert feel_of(settings, True, swung) == feel_of(settings, False, swung)
    assert feel_of(settings, True, swung).jazz and not feel_of(Settings(), True, swung).jazz
