"""Jazz asked for through every control: a seed, versions, a density, as a jazz drummer plays it (`--genre jazz`).

A jazz drummer keeps time on the ride, 2 and 4 on the hat's foot, and comps quietly with the left hand: no loud
snare backbeat. At the defaults the engine played that, but a seed's draw (`--seed 3`), a version's
(`--variations 3`) or a low density (`--density 0.2`) had played a rock beat under jazz: the hats keeping time and
a loud snare on 2 and 4 in every bar (velocities 0.8 and more)."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_clave_comping import beat_bars, funk  # noqa: F401 (funk: a fixture, the bundled funk bass)
from test_ear_half_time_shuffle import shuffle  # noqa: F401 (a fixture: a walking shuffle bass at 120)
from test_half_time_by_ear import song_bars

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.core.takes import hit_change

SNARE, RIDE, CLOSED, OPEN = (VOICES.index(v) for v in ("snare", "ride", "closed_hat", "open_hat"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
FOOT = [4, 12]  # beats 2 and 4 of a bar: the hat's foot under the ride
QUIET = 0.4  # under a medium note: a comp note, not a backbeat


def as_jazz(loops, bars) -> list[str]:
    """What a jazz drummer would not play in the song's beat bars (no fill's toms) of loops on their bars."""
    faults = []
    for b, bar in sorted(song_bars(loops, bars).items()):
        hit, vel = bar[:, :N_VOICES] > 0.5, bar[:, N_VOICES:2 * N_VOICES]
        if not hit.any() or hit[:, TOMS].any():
            continue
        if hit[FOOT, SNARE].all():
            faults.append(f"bar {b}: a snare backbeat on 2 and 4")
        loud = vel[hit[:, SNARE], SNARE]
        if (loud >= QUIET).any():
            faults.append(f"bar {b}: snare at {loud.round(2).tolist()}, not comping")
        hats = np.delete(hit[:, CLOSED] | hit[:, OPEN], FOOT).sum()  # the hat off its foot's 2 and 4
        if hats > hit[:, RIDE].sum():
            faults.append(f"bar {b}: time on the hats ({hats} notes), the ride on {hit[:, RIDE].sum()}")
    return faults


@pytest.mark.parametrize("part", ["funk", "shuffle"])
@pytest.mark.parametrize("control", [{"seed": 3}, {"seed": 5}, {"density": 0.2}])
def test_jazz_through_a_seed_or_a_density_rides_and_comps(shipped, part, control, request):
    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"jazz": 1.0}, **control))
    assert len(beat_bars(result)) >= 6
    faults = as_jazz(result.loops, result.bars)
    assert not faults, faults[:4]


@pytest.mark.parametrize("part", ["funk", "shuffle"])
def test_jazz_versions_ride_and_comp_and_stay_apart(shipped, part, request):
    settings = Settings(genre={"jazz": 1.0})
    result = shipped.drumify(request.getfixturevalue(part), settings)
    versions = shipped.variations_of(result, settings, 3)
    for v, loops in enumerate(versions):
        faults = as_jazz(loops, result.bars)
        assert not faults, (f"version {v + 1}", faults[:4])
    hits = versions[..., :N_VOICES] > 0.5
    changes = [hit_change(hits[a], hits[b]) for a in range(3) for b in range(a)]
    assert min(changes) >= 0.15, changes


@pytest.mark.parametrize("genre", [{"rock": 1.0}, {"funk": 1.0}])
def test_other_genres_keep_their_backbeat_through_a_seed(shipped, funk, genre):  # noqa: F811
    result = shipped.drumify(funk, Settings(genre=genre, seed=3))
    bars = beat_bars(result)
    assert np.mean([h[4, SNARE] and h[12, SNARE] for _, h in bars]) > 0.8, genre


WALTZ = Path(__file__).resolve().parents[1] / "core" / "examples" / "piano_waltz.mid"


@pytest.mark.parametrize("part, feel, seed", [("waltz", "normal", 3), ("waltz", "normal", 5), ("funk", "half", 3),
                                              ("shuffle", "half", 3)])
def test_jazz_in_a_waltz_or_half_time_through_a_seed_plays_no_loud_snare(shipped, part, feel, seed, request):
    """A waltz's seed had played the snare on all three beats (medium, no ride), half time's a loud snare on the 3
    every other bar (0.8 and more): a jazz drummer's left hand comps there too."""
    content = read_midi(WALTZ) if part == "waltz" else request.getfixturevalue(part)
    result = shipped.drumify(content, Settings(genre={"jazz": 1.0}, feel=feel, seed=seed))
    loud = []
    for loop in result.loops:
        hit, vel = loop[:, :N_VOICES] > 0.5, loop[:, N_VOICES:2 * N_VOICES]
        if not hit[:, TOMS].any():
            loud += vel[hit[:, SNARE], SNARE].round(2).tolist()
    assert max(loud, default=0.0) < QUIET, f"snare at {sorted(loud)[-6:]}"


def test_a_fill_bar_keeps_its_snare_under_jazz():
    # no_backbeat took a 16th-note snare crescendo's 2 and 4 out of a fill bar and flattened the rest to comping level
    from reagroove.core.comping import no_backbeat
    from reagroove.core.loop import N_VOICES, VOICES

    snare, tom = VOICES.index("snare"), VOICES.index("low_tom")
    loops = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    loops[0, 16:28, snare] = 1.0
    loops[0, 16:28, N_VOICES + snare] = np.linspace(0.4, 1.0, 12)
    loops[0, 28:32, tom], loops[0, 28:32, N_VOICES + tom] = 1.0, 0.9
    assert np.array_equal(no_backbeat(loops, np.ones(1, bool)), loops)


@pytest.mark.parametrize("part, seed", [("shuffle", 3), ("shuffle", 5), ("funk", 8), ("funk", 0)])
def test_the_hat_foot_plays_2_and_4_in_every_bar_under_the_ride(shipped, part, seed, request):
    # a seed's draw that rode had no foot at all, a draw's backbeat crowded it out (ride, hat and snare on 2 and 4
    # before the backbeat went), and where it stayed it was a stick's hat as loud as the ride
    from test_half_time_by_ear import song_bars

    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"jazz": 1.0}, seed=seed))
    bars = [(b, bar) for b, bar in sorted(song_bars(result.loops, result.bars).items())
            if (bar[:, RIDE] > 0.5).sum() >= 4 and not (bar[:, TOMS] > 0.5).any()]
    assert len(bars) >= 4
    for b, bar in bars:
        assert (bar[FOOT, CLOSED] > 0.5).all(), f"bar {b}: hat on {np.flatnonzero(bar[:, CLOSED] > 0.5).tolist()}"
        assert bar[FOOT, N_VOICES + CLOSED].max() <= bar[bar[:, RIDE] > 0.5, N_VOICES + RIDE].max()
