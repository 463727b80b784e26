"""A genre asked over a drum take (every note on channel 10, the drum-part network) plays as over a band part.

Latin's clave and reggae's one drop were laid over a drum take, and jazz's left hand (its backbeat taken out, the
comp notes), but jazz's time stayed on the take's 16th hats ("Xxxx -xxX XxXx -xxx" with no backbeat under it):
neither the take's drummer nor a jazz drummer. Moved to the ride, the hats' 16ths had ridden 16ths with 2 and 4
left out (the take's hat had left them to the backbeat); a jazz ride plays 8ths, the four beats in each bar."""

import numpy as np
import pytest
from helpers import write_drum_take
from test_ear_genres_every_bar import song_bars
from test_ear_meter_genres import SON_CLAVE, steps

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, OPEN, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "open_hat", "ride"))


@pytest.fixture
def take(tmp_path):
    return read_midi(write_drum_take(tmp_path / "take.mid", bars=8))


@pytest.mark.parametrize("seed", [0, 1])
def test_jazz_over_a_drum_take_rides_the_four_beats_in_8ths_with_the_hat_foot(shipped, take, seed):
    result = shipped.drumify(take, Settings(genre={"jazz": 1.0}, seed=seed))
    assert result.drum_part
    for bar in song_bars(result):
        ride = steps(bar, RIDE)
        assert {0, 4, 8, 12} <= set(ride) and all(s % 2 == 0 for s in ride), ride
        assert set(steps(bar, CLOSED)) <= {4, 12} and not steps(bar, OPEN), steps(bar, CLOSED)
        assert not {4, 12} <= set(steps(bar, SNARE)), steps(bar, SNARE)  # no rock backbeat


def test_latin_and_reggae_over_a_drum_take_play_their_figures(shipped, take):
    latin = shipped.drumify(take, Settings(genre={"latin": 1.0}))
    clave = [set(np.flatnonzero(loop[:, SNARE] > 0.5)) for loop in latin.loops]
    assert all(c & SON_CLAVE[0] == SON_CLAVE[0] or c & SON_CLAVE[1] == SON_CLAVE[1] for c in clave), clave
    for bar in song_bars(shipped.drumify(take, Settings(genre={"reggae": 1.0}))):
        assert steps(bar, SNARE) == [8] and 8 in steps(bar, KICK), (steps(bar, SNARE), steps(bar, KICK))
