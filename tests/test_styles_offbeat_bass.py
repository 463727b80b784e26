"""A bass on the off-beats, as a drummer in each style hears it: the house idiom (four on the floor, the hat opened
on every "and") is for a drummer told no genre or another genre; asked for reggae or jazz, that genre's drummer
answers the bass (core/idioms.py, own_off_beat_answer)."""

import numpy as np

from reagroove.core import read_midi
from reagroove.core.genres import GENRES
from reagroove.core.idioms import own_off_beat_answer
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, RIDE = 0, 1, 2, 3, 8


def reggae_band(bars=8):
    """A reggae band at 75 BPM: the bass on the "and" of every beat, the keys' chop on 2 and 4."""
    bass = [(b * 4.0 + beat + 0.5, 43, 90, 1) for b in range(bars) for beat in range(4)]
    keys = [(b * 4.0 + beat, p, 80, 0) for b in range(bars) for beat in (1.0, 3.0) for p in (62, 66, 69)]
    return sorted(bass + keys)


def bars_of(loops, voice):
    return loops[..., voice].reshape(-1, 16) > 0.5  # (bars, 16)


def test_reggae_asked_for_over_an_off_beat_bass_keeps_its_closed_hats_and_drops_on_3(shipped, make_midi):
    # the house rule had opened the hat on every "and" of every bar of the network's reggae (steppers), a disco hat;
    # reggae leading the mix plays the one drop (core/one_drop.py)
    part = read_midi(make_midi(reggae_band(), tempos=((0, 75.0),), length=0.4))
    for genre in ({"reggae": 1.0}, {"reggae": 0.6, "rock": 0.4}):
        loops = shipped.drumify(part, Settings(genre=genre)).loops
        opened = bars_of(loops, OPEN_HAT)[:, 2::4]
        assert opened.mean() < 0.5, (genre, opened.sum())
        assert bars_of(loops, SNARE)[:, 8].all(), genre  # the drop on 3 in every bar
        assert bars_of(loops, CLOSED_HAT).any(1).all(), genre  # the hat keeps time in every bar


def test_jazz_asked_for_over_an_off_beat_bass_rides_without_four_on_the_floor(shipped, make_midi):
    part = read_midi(make_midi(reggae_band(), tempos=((0, 75.0),), length=0.4))
    loops = shipped.drumify(part, Settings(genre={"jazz": 1.0})).loops
    kick = bars_of(loops, KICK)
    assert not kick[:, 0::4].all(1).any(), kick.sum(0)  # no bar of four kicks under the ride
    assert bars_of(loops, RIDE)[:, 0::4].mean() > 0.75  # the ride keeps the time


def test_at_a_reggae_tempo_told_no_genre_the_off_beat_bass_gets_no_house_idiom(shipped, make_midi):
    # at 75 BPM the house rule had put four on the floor under the bass and opened the hat on every "and"
    part = read_midi(make_midi(reggae_band(), tempos=((0, 75.0),), length=0.4))
    loops = shipped.drumify(part, Settings()).loops
    assert bars_of(loops, OPEN_HAT)[:, 2::4].mean() < 0.5
    assert not bars_of(loops, KICK)[:, 0::4].all(1).all()  # not four on the floor in every bar
    assert bars_of(loops, SNARE)[:, [4, 12]].all()  # the backbeat


def test_at_a_dance_tempo_without_a_genre_or_asked_for_rock_the_off_beat_bass_gets_the_house_idiom(shipped,
                                                                                                   make_midi):
    part = read_midi(make_midi(reggae_band(), tempos=((0, 124.0),), length=0.2))
    for genre in ({}, {"rock": 1.0}, {"reggae": 0.4, "rock": 0.6}):
        loops = shipped.drumify(part, Settings(genre=genre)).loops
        kick = bars_of(loops, KICK)
        assert kick[:, 0::4].all() and not kick[:, 2::4].any(), genre
        assert bars_of(loops, OPEN_HAT)[:, 2::4].mean() > 0.5, genre


def test_the_genres_that_answer_an_off_beat_bass_are_those_leading_the_mix():
    mix = np.zeros((6, len(GENRES)), np.float32)
    mix[0, GENRES.index("reggae")] = 1.0
    mix[1, [GENRES.index("jazz"), GENRES.index("funk")]] = 0.5
    mix[2, [GENRES.index("reggae"), GENRES.index("disco")]] = 0.4, 0.6
    mix[3, GENRES.index("rock")] = 1.0
    mix[4, GENRES.index("disco")] = 1.0  # (row 5: no genre asked)
    assert own_off_beat_answer(mix).tolist() == [True, True, False, False, False, False]
