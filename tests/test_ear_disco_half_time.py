"""Disco asked for in half time (`--genre disco --feel half`): four on the floor under the backbeat on 3.

Disco's kick on every beat is the genre; half time laid the loop's beats on the bar's 1 and 3 and took the kick from
under the backbeat, so the bundled funk bass in disco's half time had kicked on the 1 and the "and" of 2 alone, a
hip-hop half time, and said "the kick on each bar's 1"."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_half_time_shuffle import shuffle  # noqa: F401 (a fixture: a walking shuffle bass at 120)
from test_half_time_by_ear import song_bars

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE = VOICES.index("kick"), VOICES.index("snare")
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"


@pytest.fixture
def funk():
    return read_midi(FUNK_BASS)


def beat_bars(loops, bars) -> list[np.ndarray]:
    """The song's bars' hits (16, 9) that play a beat (no fill's toms)."""
    out = [bar[:, :N_VOICES] > 0.5 for bar in song_bars(loops, bars).values()]
    return [h for h in out if h.any() and not h[:, TOMS].any()]


@pytest.mark.parametrize("part, settings", [("funk", {}), ("shuffle", {}), ("funk", {"fill_every": 2})])
def test_disco_in_half_time_keeps_four_on_the_floor_under_the_backbeat_on_3(shipped, part, settings, request):
    result = shipped.drumify(request.getfixturevalue(part), Settings(genre={"disco": 1.0}, feel="half", **settings))
    bars = beat_bars(result.loops, result.bars)
    assert len(bars) >= 4, len(bars)
    for h in bars:
        kick = np.flatnonzero(h[:, KICK]).tolist()
        assert {0, 4, 8, 12} <= set(kick), f"kick on steps {kick}: not on every beat"
        if h[:, SNARE].sum() <= 2:  # (not a fill's snare run)
            assert h[8, SNARE] and not h[4, SNARE] and not h[12, SNARE], "the backbeat on the bar's 3 alone"
    said = [m for m in result.messages if m.startswith("half-time feel")]
    assert said and "four on the floor" in said[0] and "kick on each bar's 1" not in said[0], said


def test_disco_versions_in_half_time_keep_four_on_the_floor(shipped, funk):
    settings = Settings(genre={"disco": 1.0}, feel="half")
    result = shipped.drumify(funk, settings)
    for version in shipped.variations_of(result, settings, 3)[1:]:
        for h in beat_bars(version, result.bars):
            assert {0, 4, 8, 12} <= set(np.flatnonzero(h[:, KICK]).tolist())


def test_half_time_without_disco_keeps_the_kick_off_the_backbeat(shipped, funk):
    for genre in ({}, {"rock": 1.0}, {"disco": 0.4, "funk": 0.6}):
        result = shipped.drumify(funk, Settings(genre=genre, feel="half"))
        bars = beat_bars(result.loops, result.bars)
        assert not any(h[8, KICK] and h[8, SNARE] for h in bars), genre
