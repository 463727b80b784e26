"""`--genre disco` keeps its four on the floor clean: no kick a 16th beside a beat's kick (core/idioms.py BESIDE_BEATS).

Over a house part (stabs and a bass on the "and"s, 124 BPM) disco had played `X--x X--- X--- X---` in every bar: the
network's disco kick on the "a" of 1 (GMD's one dance drummer without the floor), kept beside the floor's kick on 2,
where neither the bass nor the stabs play: a flam against four on the floor. GMD's dance drummers on four on the floor
play a kick on the 16ths beside a beat in 2% of their bars (the "a" of 1: never)."""

import numpy as np
import pytest
from test_ear_disco_half_time import KICK, beat_bars

from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

BASS = (2, 6, 10, 14, 15)  # the house bass's 16ths in each bar (R13's p1)
STABS = (2, 6, 10, 13, 15)
BESIDE = [s for s in range(16) if s % 2 == 1]  # each beat's "e" and "a"


@pytest.fixture
def house(make_midi):
    notes = [(4 * bar + s / 4, 33 if s < 14 else 45, 105, 0, 1) for bar in range(12) for s in BASS]
    notes += [(4 * bar + s / 4, p, 95, 1, 0) for bar in range(12) for s in STABS for p in (69, 72, 76)]
    return read_midi(make_midi(notes, "house_124.mid", tempos=((0, 124.0),), length=0.2))


def test_disco_over_a_house_part_plays_no_kick_beside_the_floor(shipped, house):
    for seed in (0, 1):
        result = shipped.drumify(house, Settings(genre={"disco": 1.0}, seed=seed))
        bars = beat_bars(result.loops, result.bars)
        assert len(bars) >= 8, len(bars)
        for h in bars:
            kick = np.flatnonzero(h[:, KICK]).tolist()
            assert {0, 4, 8, 12} <= set(kick), f"kick on steps {kick}: not on every beat"
            assert not set(kick) & set(BESIDE), f"kick on steps {kick}: a 16th beside the floor's kick"


def test_the_floor_keeps_disco_pickups_on_the_ands_and_house_keeps_its_rule():
    from reagroove.core.idioms import four_on_the_floor

    hits = np.zeros((1, 32, 9), bool)
    hits[0, [3, 14, 19, 29], KICK] = True  # the "a" of 1, the "and" of 4; bar 2: the "a" of 1, the "e" of 4
    disco = four_on_the_floor(hits, None, np.ones((1, 2), bool))[0, :, KICK]
    assert np.flatnonzero(disco).tolist() == [0, 4, 8, 12, 14, 16, 20, 24, 28]
    # (a house bar's floor is laid off the bass's notes, as before: its other kicks are the network's answer to it)
    bass = np.zeros((1, 32)); bass[0, [2, 6, 10, 14]] = 1
    house = four_on_the_floor(hits, bass, np.ones((1, 2), bool))[0, :, KICK]
    assert np.flatnonzero(house).tolist() == [0, 3, 4, 8, 12, 16, 19, 20, 24, 28, 29]
