"""Latin asked for through a seed and versions (`--genre latin --variations 3`, `--seed N`), as a latin drummer
plays other takes of one tune: the clave and the tumbao stay (one clave direction for every take), the right hand
changes (the hats, the cascara on the ride, the ride on the hats' time).

The clave and tumbao rule fixes the snare and the kick, and the network keeps the hats in 8ths, so over the bundled
funk bass a second version had differed from the first in 4% of its hits (one ride note): the same take twice,
where every version differs from the others in at least 15% (core/takes.py)."""

import numpy as np
import pytest
from test_ear_clave_comping import THREE_SIDE, TWO_SIDE, funk, son  # noqa: F401 (funk, son: fixtures)
from test_half_time_by_ear import song_bars

from reagroove.core.limbs import HANDS, MAX_HANDS
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.settings import Settings
from reagroove.core.takes import hit_change

KICK, SNARE, RIDE, CLOSED, OPEN = (VOICES.index(v) for v in ("kick", "snare", "ride", "closed_hat", "open_hat"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]


def latin_faults(loops, bars) -> tuple[list[str], set]:
    """(what a latin drummer would not play in the song's beat bars of loops on their bars, the clave's sides: (bar
    parity, 3 side) pairs)."""
    faults, sides = [], set()
    for b, bar in sorted(song_bars(loops, bars).items()):
        hit = bar[:, :N_VOICES] > 0.5
        if hit[:, HANDS].sum(1).max() > MAX_HANDS:
            faults.append(f"bar {b}: three hands at once")
        if not hit.any() or hit[:, TOMS].any():
            continue
        snare = np.flatnonzero(hit[:, SNARE]).tolist()
        if snare not in (THREE_SIDE, TWO_SIDE):
            faults.append(f"bar {b}: snare on {snare}, not a clave's bar")
        sides.add((b % 2, snare == THREE_SIDE))
        if not {6, 12} <= set(np.flatnonzero(hit[:, KICK]).tolist()):
            faults.append(f"bar {b}: no tumbao on the kick")
        if max(hit[:, RIDE].sum(), (hit[:, CLOSED] | hit[:, OPEN]).sum()) < 4:
            faults.append(f"bar {b}: the right hand keeps no time")
    return faults, sides


@pytest.mark.parametrize("part", ["funk", "son"])
def test_latin_versions_keep_the_clave_and_are_other_takes(shipped, part, request):
    settings = Settings(genre={"latin": 1.0})
    result = shipped.drumify(request.getfixturevalue(part), settings)
    versions = shipped.variations_of(result, settings, 3)
    sides = set()
    for v, loops in enumerate(versions):
        faults, seen = latin_faults(loops, result.bars)
        assert not faults, (f"version {v + 1}", faults[:4])
        sides |= seen
    assert len(sides) == 2, f"the clave turned round between versions: {sides}"
    hits = versions[..., :N_VOICES] > 0.5
    changes = [round(hit_change(hits[a], hits[b]), 2) for a in range(3) for b in range(a)]
    assert min(changes) >= 0.15, changes


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_latin_seed_is_a_take_of_the_same_clave(shipped, funk, seed):  # noqa: F811
    plain = shipped.drumify(funk, Settings(genre={"latin": 1.0}))
    take = shipped.drumify(funk, Settings(genre={"latin": 1.0}, seed=seed))
    _, plain_sides = latin_faults(plain.loops, plain.bars)
    faults, sides = latin_faults(take.loops, take.bars)
    assert not faults, faults[:4]
    assert sides == plain_sides
    assert hit_change(take.loops[..., :N_VOICES] > 0.5, plain.loops[..., :N_VOICES] > 0.5) >= 0.1


def test_latin_with_the_cymbals_switched_off_keeps_the_hats(shipped, funk):  # noqa: F811
    groups = {g: g != "cymbals" for g in ("kick", "snare", "hats", "toms", "cymbals")}
    for seed in (1, 2):
        result = shipped.drumify(funk, Settings(genre={"latin": 1.0}, voice_groups=groups, seed=seed))
        hits = result.loops[..., :N_VOICES] > 0.5
        assert not hits[..., RIDE].any() and hits[..., CLOSED].any()


def test_the_ride_take_of_a_draw_that_rides_plays_the_hats():
    # a seed's draw often rides already, and its "the hats' time on the ride" take then sounded as the plain take:
    # dice pressed in the editor repeated the previous right hand 10 times in 14
    from reagroove.core.clave import HATS, RIDE_TIME, THREE_TWO, right_hand

    loop = np.zeros((32, 3 * N_VOICES), np.float32)
    eighths = np.arange(0, 32, 2)
    loop[eighths, RIDE], loop[eighths, N_VOICES + RIDE] = 1.0, 0.7
    beat = np.ones(32, bool)
    plain, other = loop.copy(), loop.copy()
    right_hand(plain, beat, THREE_TWO, HATS)
    right_hand(other, beat, THREE_TWO, RIDE_TIME)
    assert np.array_equal(plain, loop)
    assert np.flatnonzero(other[:, CLOSED] > 0.5).tolist() == eighths.tolist() and not (other[:, RIDE] > 0.5).any()
    assert np.allclose(other[eighths, N_VOICES + CLOSED], 0.7)


@pytest.mark.parametrize("seed", [2, 5])
def test_latin_with_the_hats_muted_plays_no_hat(shipped, funk, seed):  # noqa: F811
    # the third take moved a riding draw's time onto the hats, and with the hats muted they played 64 notes
    result = shipped.drumify(funk, Settings(genre={"latin": 1.0}, seed=seed, voice_groups={"hats": False}))
    assert not (result.loops[..., [CLOSED, OPEN]] > 0.5).any()
