"""Latin, jazz and reggae over a waltz or a 6/8 part, and latin in half time, as their drummers play them.

Asked for a genre over these, the network's figure had played as the meter laid it: latin over the bundled piano
waltz a samba's snare (6 medium 16ths a bar) and no clave or bell, latin in 6/8 no bell at all, jazz in 6/8 the ride
on the two dotted beats alone, reggae over the waltz 5 snare notes a bar, and latin in half time a loud snare on the
3 with no clave."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from test_ear_clave_comping import funk  # noqa: F401 (a fixture: the bundled funk bass)

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, OPEN, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "open_hat", "ride"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
CRASH = VOICES.index("crash")
WALTZ = Path(__file__).resolve().parents[1] / "core" / "examples" / "piano_waltz.mid"
BEMBE = "x.x.xx.x.x.x"  # the 6/8 bell's 12 8ths, over two 12-16th bars
BELL = [np.array([2 * k for k, c in enumerate(BEMBE[6 * half:6 * half + 6]) if c == "x"]) for half in (0, 1)]
SON_CLAVE = ({0, 6, 12, 20, 24}, {4, 8, 16, 22, 28})  # 3-2 and 2-3, over a window's two 4/4 bars
CLAVE_LEVEL = 0.6  # at most a cross-stick's velocity (medium), under a backbeat's
GHOST = 0.35  # at most a ghost note's


@pytest.fixture
def six_eight(make_midi):
    """8 bars of a 6/8 part at a dotted quarter of 100: a bass note on each dotted beat, chords on the other 8ths."""
    notes = [(3.0 * bar + 0.5 * k, pitch, vel, 0) for bar in range(8)
             for k, (pitch, vel) in enumerate([(45, 100), (57, 70), (60, 70), (52, 90), (57, 70), (60, 70)])]
    return read_midi(make_midi(notes, tempos=[(0, 150.0)], time_signatures=[(0, 6, 8)], length=0.2))


def meter_bars(result):
    """The 3/4 or 6/8 beat bars (no fill's toms) of a result: (bar's place in its window, its 12 steps (12, 27))."""
    out = []
    for loop, bars in zip(result.loops, result.meters):
        if bars is None or len(bars) != 2:  # (the waltz's pickup: a window of one bar)
            continue
        for place, (offset, num, den) in enumerate(bars):
            assert (num, den) in ((3, 4), (6, 8)), bars
            bar = loop[round(offset * 4):round(offset * 4) + 12]
            if not (bar[:, TOMS] > 0.5).any():
                out.append((place, bar))
    assert len(out) >= 4, len(out)
    return out


def steps(bar, voice) -> list[int]:
    return np.flatnonzero(bar[:, voice] > 0.5).tolist()


def as_latin(bar, place) -> list[str]:
    """What a latin drummer would not play in a 3/4 or 6/8 beat bar, its place in a window's two bars (the bell's
    half)."""
    faults = []
    crash = bar[:, CRASH] > 0.5
    if steps(bar, RIDE) != [s for s in BELL[place] if not crash[s]]:
        faults.append(f"ride on {steps(bar, RIDE)}, not the bell")
    if steps(bar, CLOSED) or steps(bar, OPEN):
        faults.append("the hats beside the bell")
    kicks = steps(bar, KICK)
    if not {0, 6} <= set(kicks) or len(kicks) > 3:
        faults.append(f"kick on {kicks}")
    snare, vel = steps(bar, SNARE), bar[:, N_VOICES + SNARE]
    rim = [s for s in snare if vel[s] > GHOST]
    if len(rim) != 1 or vel[rim].max() > CLAVE_LEVEL or len(snare) > 3:
        faults.append(f"snare on {snare} at {vel[snare].round(2).tolist()}, not one rim note and a ghost or two")
    return faults


@pytest.mark.parametrize("part, seed", [("waltz", 0), ("six_eight", 0), ("six_eight", 3)])
def test_latin_in_a_waltz_or_6_8_plays_the_bell_the_kick_on_the_beats_and_one_rim_note(shipped, part, seed, request):
    """The right hand on the 6/8 bell (bembe, over two bars), no hats; the kick on the 1 and the 4th 8th (a pickup
    beside them); one cross-stick note a bar at a rim's level and a ghost note or two (the waltz's had 6 medium
    snares a bar, a samba's)."""
    content = read_midi(WALTZ) if part == "waltz" else request.getfixturevalue(part)
    result = shipped.drumify(content, Settings(genre={"latin": 1.0}, seed=seed))
    faults = [(place, f) for place, bar in meter_bars(result) for f in as_latin(bar, place)]
    assert not faults, faults[:4]


def test_latin_versions_in_6_8_keep_the_bell_and_differ(shipped, six_eight):
    """Each version plays the bell, the kick's beats and the rim, and differs from the others in its own pickups and
    ghost notes (the rule's notes alone had played every version alike)."""
    settings = Settings(genre={"latin": 1.0})
    result = shipped.drumify(six_eight, settings)
    versions = shipped.variations_of(result, settings, 3)
    for v, loops in enumerate(versions):
        faults = [f for place, bar in meter_bars(replace(result, loops=loops)) for f in as_latin(bar, place)]
        assert not faults, (f"version {v + 1}", faults[:4])
    hits = versions[..., :N_VOICES] > 0.5
    assert all((hits[a] != hits[b]).any() for a in range(3) for b in range(a)), "two versions alike"


def test_jazz_in_6_8_rides_every_eighth(shipped, six_eight):
    """A 6/8 jazz ride plays the bar's six 8ths; it had played its two dotted beats alone. No backbeat: at most a
    quiet comp note off the dotted beats."""
    result = shipped.drumify(six_eight, Settings(genre={"jazz": 1.0}))
    for _, bar in meter_bars(result):
        assert steps(bar, RIDE) == list(range(0, 12, 2)), steps(bar, RIDE)
        assert not set(steps(bar, SNARE)) & {0, 6} and (bar[bar[:, SNARE] > 0.5, N_VOICES + SNARE] <= 0.38).all()


@pytest.mark.parametrize("part, drop", [("waltz", 8), ("six_eight", 6)])
def test_reggae_in_a_waltz_or_6_8_drops_kick_and_rim_together(shipped, part, drop, request):
    """Reggae: the snare on the drop alone, the kick with it (the waltz's 3, 6/8's second dotted beat); over the
    waltz the snare had played 5 notes a bar. In 6/8 the 1 is left open but under a crash (the one drop)."""
    content = read_midi(WALTZ) if part == "waltz" else request.getfixturevalue(part)
    result = shipped.drumify(content, Settings(genre={"reggae": 1.0}))
    for _, bar in meter_bars(result):
        assert steps(bar, SNARE) == [drop], steps(bar, SNARE)
        assert drop in steps(bar, KICK), steps(bar, KICK)
        if part == "six_eight":
            assert all(s == drop or bar[s, CRASH] > 0.5 for s in steps(bar, KICK)), steps(bar, KICK)


def test_latin_in_half_time_plays_the_clave_on_the_songs_bars(shipped, funk):  # noqa: F811
    """`--feel half --genre latin`: the rim on the son clave over each window's two bars, no loud snare (it had
    played the network's figure at half speed, a loud snare on the 3), and the note says so."""
    result = shipped.drumify(funk, Settings(genre={"latin": 1.0}, feel="half"))
    beat = [loop for loop in result.loops if not (loop[:, TOMS] > 0.5).any()]
    assert len(beat) >= 2
    for loop in beat:
        rim = set(np.flatnonzero(loop[:, SNARE] > 0.5).tolist())
        assert rim in SON_CLAVE, sorted(rim)
        assert loop[sorted(rim), N_VOICES + SNARE].max() <= CLAVE_LEVEL
    assert any("latin" in m and "clave" in m for m in result.messages), result.messages


def test_muted_groups_stay_silent_and_unsaid_under_the_meters_and_half_times_rules(shipped, funk):  # noqa: F811
    """Latin over a waltz with the cymbals muted had laid its bell on the muted ride (21 notes), the hats' time gone;
    latin in half time with the snare muted said "the rim plays the son clave", none playing."""
    waltz = shipped.drumify(read_midi(WALTZ), Settings(genre={"latin": 1.0}, voice_groups={"cymbals": False}))
    assert not (waltz.loops[..., [RIDE, CRASH]] > 0.5).any()
    assert (waltz.loops[..., CLOSED] > 0.5).sum() >= 4 * len(waltz.loops)  # the hats keep the time
    half = shipped.drumify(funk, Settings(genre={"latin": 1.0}, feel="half", voice_groups={"snare": False}))
    assert not (half.loops[..., SNARE] > 0.5).any()
    assert not any("clave" in m for m in half.messages), half.messages
