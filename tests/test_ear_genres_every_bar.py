"""Reggae's drop, disco's floor and half-time jazz's ride in every bar, as their drummers play them.

A drummer's review by ear found: reggae's drop (kick and rim together) gone at a low density wherever the draw had no
snare (half time over the bundled shuffle at --density 0.2: no snare in 12 bars; a waltz or 6/8 at 0.2: every other
bar); reggae over the waltz kicking the 1 in every bar (a one drop leaves it open); disco over a waltz kicking the 1
alone and in 6/8 the 1 and a 16th after it (a disco drummer kicks every beat); half-time jazz through seeds 1, 2, 3
and 5 over the shuffle keeping time on the closed hats every swung 8th, no ride, where its note says the ride keeps
time."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_meter_genres import WALTZ, meter_bars, six_eight, steps  # noqa: F401 (six_eight: a fixture)

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, OPEN, RIDE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "open_hat", "ride",
                                                                    "crash"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
FOOT_LEVEL = 0.5  # the hat foot's "chick": at most this loud, under the ride
COMP_LEVEL = 0.38  # a comp note: at most this loud (comping.LOUDEST)


def song_bars(result) -> list[np.ndarray]:
    """A 4/4 half-time result's song bars (16 steps, 27) that play no fill's toms (the real grid: a loop is 2 bars)."""
    bars = [loop[b * 16:(b + 1) * 16] for loop in result.loops for b in (0, 1)]
    out = [bar for bar in bars if not (bar[:, TOMS] > 0.5).any()]
    assert len(out) >= 4, len(out)
    return out


def part(name, request):
    return request.getfixturevalue(name) if name == "six_eight" else read_midi(
        WALTZ if name == "waltz" else EXAMPLES / f"{name}.mid")


@pytest.mark.parametrize("name", ["shuffle_blues", "funk_bass"])
def test_reggae_in_half_time_at_a_low_density_drops_in_every_bar(shipped, name, request):
    """The one drop at --density 0.2 in every bar: the snare and the kick on the 3, no kick before it but under a
    crash (the draw's snare had gone: no snare in 12 bars of the shuffle, every other bar of the funk bass)."""
    result = shipped.drumify(part(name, request), Settings(genre={"reggae": 1.0}, feel="half", density=0.2))
    for bar in song_bars(result):
        assert 8 in steps(bar, SNARE) and 8 in steps(bar, KICK), (steps(bar, SNARE), steps(bar, KICK))
        assert all(s >= 8 or bar[s, CRASH] > 0.5 for s in steps(bar, KICK)), steps(bar, KICK)


@pytest.mark.parametrize("name, drop, density", [("waltz", 8, 0.2), ("six_eight", 6, 0.2), ("waltz", 8, None)])
def test_reggae_in_a_waltz_or_6_8_drops_in_every_bar_with_the_1_open(shipped, name, drop, density, request):
    """The drop, kick and rim together, in every bar at a low density too (it had gone from every other bar at 0.2),
    and the 1 left open but under a crash (the waltz had kicked it in every bar)."""
    result = shipped.drumify(part(name, request), Settings(genre={"reggae": 1.0}, density=density))
    for _, bar in meter_bars(result):
        assert steps(bar, SNARE) == [drop], steps(bar, SNARE)
        assert drop in steps(bar, KICK), steps(bar, KICK)
        assert all(s >= drop or bar[s, CRASH] > 0.5 for s in steps(bar, KICK)), steps(bar, KICK)


@pytest.mark.parametrize("name, beats, backbeat", [("waltz", [0, 4, 8], [4, 8]), ("six_eight", [0, 6], [6])])
def test_disco_in_a_waltz_or_6_8_kicks_every_beat_with_the_backbeat(shipped, name, beats, backbeat, request):
    """Disco's kick on every beat of the meter (6/8's dotted beats; the waltz's had kicked the 1 alone) and the
    snare on its backbeat, none on the 1."""
    result = shipped.drumify(part(name, request), Settings(genre={"disco": 1.0}))
    for _, bar in meter_bars(result):
        assert set(beats) <= set(steps(bar, KICK)), steps(bar, KICK)
        assert set(backbeat) <= set(steps(bar, SNARE)) and 0 not in steps(bar, SNARE), steps(bar, SNARE)


@pytest.mark.parametrize("seed", [1, 2, 3, 5])
def test_jazz_in_half_time_keeps_time_on_the_ride_with_the_foot_on_2_and_4(shipped, seed):
    """`--feel half --genre jazz --seed N` over the shuffle: the ride keeps time in every bar, the hat plays the
    song's 2 and 4 alone at most FOOT_LEVEL loud (these seeds had kept time on the closed hats, no ride)."""
    result = shipped.drumify(read_midi(EXAMPLES / "shuffle_blues.mid"),
                             Settings(genre={"jazz": 1.0}, feel="half", seed=seed))
    for bar in song_bars(result):
        assert len(steps(bar, RIDE)) >= 4, steps(bar, RIDE)
        assert set(steps(bar, CLOSED)) <= {4, 12} and not steps(bar, OPEN), (steps(bar, CLOSED), steps(bar, OPEN))
        assert (bar[bar[:, CLOSED] > 0.5, N_VOICES + CLOSED] <= FOOT_LEVEL + 1e-6).all()


@pytest.mark.parametrize("settings", [dict(genre={"reggae": 1.0}, feel="half"), dict(genre={"reggae": 1.0}),
                                      dict(genre={"disco": 1.0})])
@pytest.mark.parametrize("muted", ["snare", "kick"])
def test_a_voice_switched_off_gets_no_drop_or_floor(shipped, settings, muted):
    """The drop and the floor laid in every bar leave a switched-off snare or kick silent."""
    content = read_midi(EXAMPLES / "shuffle_blues.mid") if settings.get("feel") else read_midi(WALTZ)
    result = shipped.drumify(content, Settings(**settings, density=0.2, voice_groups={muted: False}))
    assert not (result.loops[..., SNARE if muted == "snare" else KICK] > 0.5).any()

@pytest.mark.parametrize("name, offbeats", [("waltz", {2, 6, 10}), ("six_eight", {2, 4, 8, 10})])
def test_jazz_in_a_waltz_or_6_8_comps_quietly_off_the_beats(shipped, name, offbeats, request):
    """Jazz's left hand in 3/4 and 6/8: 0-2 quiet snare notes a bar on the 8ths off the beats, some in every 4 bars
    (it had comped in 4/4 alone: the waltz and 6/8 played no snare under jazz)."""
    result = shipped.drumify(part(name, request), Settings(genre={"jazz": 1.0}))
    bars = meter_bars(result)
    comps = [steps(bar, SNARE) for _, bar in bars]
    assert all(len(c) <= 2 and set(c) <= offbeats for c in comps), comps
    assert sum(map(len, comps)) >= len(bars) // 2, comps
    assert all((bar[bar[:, SNARE] > 0.5, N_VOICES + SNARE] <= COMP_LEVEL + 1e-6).all() for _, bar in bars)
