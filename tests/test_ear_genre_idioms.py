"""Genres as a drummer of each style plays them over a band part (`--genre`), in half time (`--feel half`).

Jazz: the ride keeps time, the hat foot stays a foot on the song's 2 and 4. Half time had filled the hat to the
bar's 8ths as if the hands played it (16ths over a part playing 16ths) beside the ride's 8ths (its 16ths there):
two time-keepers at once, which no jazz drummer plays. Over a swung part the ride plays "ding, ding-a ding", the
bar's quarters and the skip note on the swung 8th of 2 and 4, where half time had kept every swung 8th on it (a
blues shuffle's ride).

Reggae: the one drop, kick and snare together on the bar's 3, the 1 dropped. Half time had played hip-hop's half time
under it (the kick on the 1, taken from under the backbeat on 3)."""

import numpy as np
import pytest
from test_ear_half_time_shuffle import shuffle  # noqa: F401 (a fixture: a walking shuffle bass at 120)
from test_half_time_by_ear import CLOSED, HALF_TIME, SNARE, TOMS, song_bars

from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.meter import loops_to_bars
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

RIDE, KICK, CRASH = VOICES.index("ride"), VOICES.index("kick"), VOICES.index("crash")
BARS = 8


@pytest.fixture
def sixteenths(make_midi):
    """A funk bass in 16ths at 100 (a half-time part whose hats play the bar's 16ths)."""
    line = (0.0, 0.25, 0.75, 1.5, 1.75, 2.25, 2.5, 3.0, 3.5, 3.75)
    notes = [(4 * bar + t, 36 + (k % 3) * 5, 100 if t % 1 == 0 else 75, 0)
             for bar in range(BARS) for k, t in enumerate(line)]
    return read_midi(make_midi(notes, "funk16_100.mid", tempos=((0, 100.0),), length=0.2))


def riding_bars(loops, bars) -> list[np.ndarray]:
    """The song's bars (16, 9) of hits whose ride keeps time (the beat, not a fill's toms)."""
    out = []
    for bar in song_bars(loops, bars).values():
        h = bar[:, :N_VOICES] > 0.5
        if h[:, RIDE].sum() >= 4:
            out.append(h)
    return out


@pytest.mark.parametrize("part, eighth", [("shuffle", 3), ("sixteenths", 2)])  # the 8th: swung (the "a"), straight
def test_jazz_in_half_time_keeps_the_hat_foot_on_2_and_4_under_the_ride(shipped, part, eighth, request):
    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"jazz": 1.0}, feel="half"))
    bars = riding_bars(result.loops, result.bars)
    assert len(bars) >= BARS - 2, len(bars)
    for h in bars:
        hat = np.flatnonzero(h[:, CLOSED]).tolist()
        assert set(hat) <= {0, 4, 8, 12}, f"hat on steps {hat}: the hands' 8ths beside the ride"
        assert {4, 12} <= set(hat), f"hat foot on steps {hat}, not the song's 2 and 4"
        ride = np.flatnonzero(h[:, RIDE])
        assert np.isin(ride % 4, (0, eighth)).all(), f"ride on steps {ride.tolist()}: 16ths"
        assert set(range(0, 16, 4)) <= set(ride.tolist())  # the ride keeps the bar's quarters at least


@pytest.mark.parametrize("settings", [{}, {"fill_every": 2}])
def test_jazz_in_half_time_over_a_swung_part_rides_the_skip_note_pattern(shipped, shuffle, settings):
    result = shipped.drumify(shuffle, Settings(genre={"jazz": 1.0}, feel="half", **settings))
    bars = riding_bars(result.loops, result.bars)
    assert len(bars) >= BARS - 2, len(bars)
    for h in bars:
        ride = np.flatnonzero(h[:, RIDE]).tolist()
        fill_from = min(np.flatnonzero(h[:, TOMS].any(1)).tolist() + [16])
        for beat, skip in ((0, False), (4, True), (8, False), (12, True)):
            if beat + 4 <= fill_from:  # the swung 8th of each beat (its "a" step): after 2 and 4 only
                assert h[beat, RIDE] and h[beat + 3, RIDE] == skip, f"ride on steps {ride}"


def test_jazz_in_half_time_is_said_as_jazz_plays_it(shipped, shuffle):
    """The half-time note had said "the backbeat on its 3" where jazz keeps time on the ride and plays none."""
    result = shipped.drumify(shuffle, Settings(genre={"jazz": 1.0}, feel="half"))
    said = [m for m in result.messages if m.startswith("half-time feel")]
    assert said and "jazz: the ride keeps time" in said[0] and "backbeat" not in said[0], said
    assert any(m.startswith("half-time feel: the kick on each bar's 1, the backbeat on its 3")
               for m in shipped.drumify(shuffle, Settings(feel="half")).messages)


def made_jazz_loop(foot_steps) -> np.ndarray:
    """One 2-bar loop (1, 32, 27): the ride on the 8ths, the hat foot on `foot_steps` of each bar, kick on the 1."""
    loop = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    for voice, steps, vel in ((RIDE, range(0, 16, 2), 0.7), (CLOSED, foot_steps, 0.5), (KICK, (0,), 0.6)):
        for bar in (0, 16):
            loop[0, [bar + s for s in steps], voice] = 1.0
            loop[0, [bar + s for s in steps], N_VOICES + voice] = vel
    return loop


@pytest.mark.parametrize("sixteenths", [False, True])
def test_a_hat_foot_under_the_ride_stays_a_foot_on_half_time_bars(sixteenths):
    # the loop's foot on 2 and 4 lands on the bar's 3 alone at half speed: it keeps the song's 2 and 4
    out = loops_to_bars(made_jazz_loop((4, 12)), HALF_TIME, sixteenths=sixteenths)
    for bar in (0, 16):
        assert np.flatnonzero(out[0, bar:bar + 16, CLOSED] > 0.5).tolist() == [4, 12]
        assert (np.flatnonzero(out[0, bar:bar + 16, RIDE] > 0.5) % 2 == 0).all()
    # a foot on every beat keeps every beat of the bar
    out = loops_to_bars(made_jazz_loop((0, 4, 8, 12)), HALF_TIME, sixteenths=sixteenths)
    for bar in (0, 16):
        assert np.flatnonzero(out[0, bar:bar + 16, CLOSED] > 0.5).tolist() == [0, 4, 8, 12]
    # hats played by the hands (on the off-beats too) under a ride still keep the bar's 8ths
    hands = made_jazz_loop((0, 2, 4, 6, 8, 10, 12, 14))
    out = loops_to_bars(hands, HALF_TIME, sixteenths=False)
    assert np.flatnonzero(out[0, :16, CLOSED] > 0.5).tolist() == list(range(0, 16, 2))


REGGAE_BASS = ((0.5, 43, 95), (1.0, 43, 90), (1.5, 47, 85), (2.5, 50, 95), (3.0, 47, 85), (3.5, 45, 80))


def reggae_band(make_midi, line, name):
    """A reggae band at 75: the bass `line` (beat, pitch, velocity) each bar, the guitar skanking on every "and"."""
    notes = [(4 * bar + t, p, v, 0) for bar in range(BARS) for t, p, v in line]
    notes += [(4 * bar + beat + 0.5, p, 85, 1, 1) for bar in range(BARS) for beat in range(4) for p in (67, 71, 74)]
    return read_midi(make_midi(sorted(notes), name, tempos=((0, 75.0),), length=0.2))


@pytest.fixture
def reggae(make_midi):
    """The bass leaves the 1 empty."""
    return reggae_band(make_midi, REGGAE_BASS, "reggae_75.mid")


@pytest.fixture
def reggae_sixteenth(make_midi):
    """The bass also strikes the 16th after the bar's 3, where half time moves a kick on the 3 (trap_kicks.py)."""
    return reggae_band(make_midi, REGGAE_BASS + ((2.25, 43, 90),), "reggae_16th_75.mid")


def beat_bars(result) -> list[np.ndarray]:
    """The song's bars (16, 9) of hits that play the beat (no fill's toms)."""
    bars = [bar[:, :N_VOICES] > 0.5 for bar in song_bars(result.loops, result.bars).values()]
    return [h for h in bars if h.any() and not h[:, TOMS].any()]


@pytest.mark.parametrize("part, settings", [("reggae", {}), ("reggae", {"fill_every": 2}), ("reggae_sixteenth", {})])
def test_reggae_in_half_time_plays_the_one_drop(shipped, part, settings, request):
    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"reggae": 1.0}, feel="half", **settings))
    assert any("one drop" in m for m in result.messages) and not any("kick on each bar's 1" in m
                                                                     for m in result.messages)
    bars = beat_bars(result)
    assert len(bars) >= BARS - 2
    for h in bars:
        assert h[8, SNARE] and h[8, KICK], "kick and snare together on the bar's 3"
        early = np.flatnonzero(h[:8, KICK] & ~h[:8, CRASH]).tolist()
        assert not early, f"kick on steps {early} before the drop"
    for version in shipped.variations_of(result, Settings(genre={"reggae": 1.0}, feel="half", **settings), 2)[1:]:
        for bar in (version[w, s:s + 16, :N_VOICES] > 0.5 for w in range(len(version)) for s in (0, 16)):
            if bar.any() and not bar[:, TOMS].any() and bar[8, SNARE]:
                assert bar[8, KICK] and not (bar[:8, KICK] & ~bar[:8, CRASH]).any()


def test_other_genres_in_half_time_keep_the_kick_on_the_1(shipped, reggae):
    for genre in ({}, {"rock": 1.0}, {"reggae": 0.4, "rock": 0.6}):
        result = shipped.drumify(reggae, Settings(genre=genre, feel="half"))
        assert np.mean([h[0, KICK] for h in beat_bars(result)]) > 0.9, genre
        assert not any("one drop" in m for m in result.messages), genre
