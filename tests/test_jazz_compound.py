"""Jazz over a 12/8 slow blues: the ride on the triplets, the hat foot and a soft snare on 2 and 4, light comping.

`--genre jazz` over a 12/8 slow blues (dotted quarter 60) had ridden the four big beats alone (a note a second), the
hat foot on 2 and 4 and no snare at all; the network's draw for `--seed 3` kept no time at all (the foot alone)."""

import numpy as np
import pytest

from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.meter_genres import meter_genre
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, RIDE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "ride", "crash"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
JAZZ = np.array([0, 0, 0, 0, 1, 0, 0, 0, 0], np.float32)  # the genre mix: jazz alone
TRIPLETS = list(range(0, 24, 2))  # a 12/8 bar's twelve 8ths on the real grid (16ths)
BACKBEAT = [6, 18]  # its big beats 2 and 4
COMP = 0.38  # a comp note's loudest (comping.LOUDEST)
CROSS_STICK = 0.55  # a cross-stick's level (clave.CLAVE_LEVEL), under a rock backbeat's


@pytest.fixture
def slow_blues(make_midi):
    """8 bars of 12/8 at a dotted quarter of 60: the bass on each big beat, a piano chord on every triplet 8th."""
    notes = []
    for bar in range(8):
        for beat in range(4):
            notes.append((6.0 * bar + 1.5 * beat, 43 + 2 * beat, 92, 1))
            notes += [(6.0 * bar + 1.5 * beat + 0.5 * e, p, (88, 62, 72)[e], 0) for e in range(3) for p in (59, 62, 65)]
    return read_midi(make_midi(notes, tempos=[(0, 90.0)], time_signatures=[(0, 12, 8)], length=0.4))


def steps(bar, voice) -> list[int]:
    return np.flatnonzero(bar[:, voice] > 0.5).tolist()


def beat_bars(result):
    """The 12/8 bars with no fill's toms of a result (a window plays one bar): their 24 steps (24, 27) each."""
    out = []
    for loop, bars in zip(result.loops, result.meters):
        if bars is None or len(bars) != 1 or tuple(bars[0][1:]) != (12, 8):
            continue
        bar = loop[round(bars[0][0] * 4):round(bars[0][0] * 4) + 24]
        if not (bar[:, TOMS] > 0.5).any():
            out.append(bar)
    assert len(out) >= 4, len(out)
    return out


@pytest.mark.parametrize("seed", [0, 3])
def test_jazz_over_a_12_8_blues_rides_the_triplets_with_a_soft_2_and_4(shipped, slow_blues, seed):
    """Each beat bar rides all twelve triplet 8ths (a crash's beat aside), the hat foot and a snare on 2 and 4 at
    most a cross-stick's level, and at most two quiet comp notes beside them; where the draw leaves the snare to the
    rule (seed 0; seed 3's draw keeps two soft notes of its own), the phrase's bars comp differently."""
    result = shipped.drumify(slow_blues, Settings(genre={"jazz": 1.0}, seed=seed))
    comps = set()
    for bar in beat_bars(result):
        crash = bar[:, CRASH] > 0.5
        assert steps(bar, RIDE) == [s for s in TRIPLETS if not crash[s]] or steps(bar, RIDE) == TRIPLETS, \
            steps(bar, RIDE)
        assert set(BACKBEAT) <= set(steps(bar, CLOSED)), steps(bar, CLOSED)
        snare, vel = steps(bar, SNARE), bar[:, N_VOICES + SNARE]
        assert set(BACKBEAT) <= set(snare), snare
        assert (vel[BACKBEAT] <= CROSS_STICK + 1e-6).all(), vel[BACKBEAT]
        others = [s for s in snare if s not in BACKBEAT]
        assert len(others) <= 2 and (vel[others] <= COMP + 1e-6).all(), (others, vel[others])
        comps.add(tuple(others))
    assert len(comps) >= 2 or seed, comps


def test_jazz_over_12_8_leaves_the_other_genres_and_the_meters_as_they_were():
    """The rule plays where jazz leads and on 12/8 bars alone: latin over the same bars, and jazz over a 4/4
    window, are left note for note."""
    loops = np.zeros((2, STEPS, 3 * N_VOICES), np.float32)
    loops[:, 0:24:6, RIDE] = 1.0
    loops[:, 0:24:6, N_VOICES + RIDE] = 0.7
    latin = np.zeros(9, np.float32)
    latin[5] = 1.0
    grooves = np.zeros((2, STEPS, 3), np.float32)
    for meters, mix in (([((0.0, 12, 8),)] * 2, latin), ([((0.0, 4, 4), (4.0, 4, 4))] * 2, JAZZ)):
        out = meter_genre(loops.copy(), meters, mix, grooves=grooves)
        assert np.array_equal(out, loops), np.argwhere(out != loops)[:4]


def bar_of(ride_steps=(0, 6, 12, 18), voice=RIDE, foot=True):
    """A window of one 12/8 bar: `voice` on ride_steps at 0.7, the hat foot on 2 and 4 (foot), the kick on 1 and 3."""
    loops = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    loops[0, list(ride_steps), voice] = 1.0
    loops[0, list(ride_steps), N_VOICES + voice] = 0.7
    if foot:
        loops[0, BACKBEAT, CLOSED] = 1.0
        loops[0, BACKBEAT, N_VOICES + CLOSED] = 0.5
    loops[0, [0, 12], KICK] = 1.0
    loops[0, [0, 12], N_VOICES + KICK] = 0.6
    return loops


@pytest.mark.parametrize("cymbals", [True, False])
def test_the_time_keeper_plays_the_triplets_and_the_snare_2_and_4(cymbals):
    """On the real grid: the ride (the closed hat where the cymbals are off) on the big beats alone fills its
    triplets, the beats louder; the snare plays 2 and 4 under it, and comps where the part rests."""
    voice = RIDE if cymbals else CLOSED
    loops = bar_of(voice=voice, foot=cymbals)
    grooves = np.zeros((1, STEPS, 3), np.float32)
    grooves[0, 0:24:6, 0] = 1.0  # the bass on the big beats
    out = meter_genre(loops, [((0.0, 12, 8),)], JAZZ, cymbals=cymbals, grooves=grooves)[0, :24]
    assert steps(out, voice) == TRIPLETS
    vel = out[:, N_VOICES + voice]
    assert (vel[[2, 4, 8, 10]] < vel[0]).all() and (vel[[2, 4]] > 0.4).all(), vel[TRIPLETS].round(2)
    snare = steps(out, SNARE)
    assert set(BACKBEAT) <= set(snare) and len(snare) <= 4, snare
    assert (out[BACKBEAT, N_VOICES + SNARE] > COMP).all() and (out[BACKBEAT, N_VOICES + SNARE] <= CROSS_STICK).all()


def test_a_draw_keeping_no_time_gets_the_ride_and_the_snare_switched_off_gets_none():
    """A bar with the hat foot alone (no cymbal keeping time) rides the triplets; with the snare switched off (no
    grooves given) no snare note is laid."""
    out = meter_genre(bar_of(ride_steps=()), [((0.0, 12, 8),)], JAZZ, snare=False, grooves=None)[0, :24]
    assert steps(out, RIDE) == TRIPLETS
    assert not steps(out, SNARE)
