"""A cap (`--max-hits`) or a mute (`--mute`) holds on what drumify writes, over the rules that lay a genre's own time
after the network's cap (half_time_genres.genre_half_time: a waltz's and 6/8's bars, meter_genres.py, and half time's;
core/muted_voices.as_asked and plays).

`reagroove drumify core/examples/piano_waltz.mid --genre latin --max-hits ride=0` had ridden latin's bembe bell on 20
rides (17 with fills); disco and jazz over the waltz had laid 12 and 5 snare notes under `snare=0`, half-time jazz
64-72 rides over the funk bass and the shuffle, half-time latin's clave 20-30 snare notes; each voice capped at 2 was
over its cap in 28 of the 486 parts of the grid below."""

from itertools import product
from pathlib import Path

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES, VOICE_GROUPS, VOICES
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
BUNDLED = ("funk_bass", "piano_waltz", "shuffle_blues")
RULED = ("latin", "jazz", "reggae", "disco")  # the genres whose own time is laid after the cap
CLOSED_HAT, RIDE = VOICES.index("closed_hat"), VOICES.index("ride")


def capped_at(voice: str, n: int) -> tuple:
    caps = [32] * N_VOICES
    caps[VOICES.index(voice)] = n
    return tuple(caps)


@pytest.mark.parametrize("example, feel", list(product(BUNDLED, ("normal", "half"))))
def test_a_voice_capped_at_0_or_muted_plays_nowhere_in_any_genre(shipped, example, feel):
    """Each bundled example in each genre, in normal and half time, each voice capped at 0 and each group muted:
    not one hit of it written."""
    song = read_midi(EXAMPLES / f"{example}.mid")
    heard = []
    for genre in GENRES:
        asked = dict(genre={genre: 1.0}, feel=feel)
        for how, what in [("cap", v) for v in VOICES] + [("mute", g) for g in VOICE_GROUPS]:
            if how == "cap":
                settings, silent = Settings(max_hits=capped_at(what, 0), **asked), [VOICES.index(what)]
            else:
                settings, silent = (Settings(voice_groups={what: False}, **asked),
                                    [VOICES.index(v) for v in VOICE_GROUPS[what]])
            loops = shipped.drumify(song, settings).loops
            assert loops.any()
            if (loops[..., silent] > 0.5).any():
                heard.append((genre, how, what, int((loops[..., silent] > 0.5).sum())))
    assert not heard, heard


@pytest.mark.parametrize("example", BUNDLED)
def test_a_voice_capped_at_2_plays_at_most_2_a_window_in_a_genre_with_its_own_time(shipped, example):
    """Each voice capped at 2 hits a window: at most 2 in every window written, latin's, jazz's, reggae's and disco's
    own time included, in normal and half time (no fill asked: none to leave uncounted)."""
    song = read_midi(EXAMPLES / f"{example}.mid")
    over = []
    for genre, feel, voice in product(RULED, ("normal", "half"), range(N_VOICES)):
        settings = Settings(max_hits=capped_at(VOICES[voice], 2), genre={genre: 1.0}, feel=feel)
        per_window = (shipped.drumify(song, settings).loops[..., voice] > 0.5).sum(1)
        if (per_window > 2).any():
            over.append((genre, feel, VOICES[voice], per_window.tolist()))
    assert not over, over


@pytest.mark.parametrize("fill_every", [0, 2])
def test_latin_over_the_waltz_with_no_ride_keeps_its_time_on_the_hats(shipped, fill_every):
    """`piano_waltz --genre latin --max-hits ride=0`: no ride, with or without fills; the hats keep the waltz's 8ths
    under the kick and rim, as with the cymbals muted (the bell had gone onto the ride, the hats taken off)."""
    song = read_midi(EXAMPLES / "piano_waltz.mid")
    asked = dict(genre={"latin": 1.0}, fill_every=fill_every)
    capped = shipped.drumify(song, Settings(max_hits=capped_at("ride", 0), **asked))
    assert not (capped.loops[..., RIDE] > 0.5).any()
    muted = shipped.drumify(song, Settings(voice_groups={"cymbals": False}, **asked))
    for result in (capped, muted):
        hats = result.loops[..., CLOSED_HAT] > 0.5
        beats = [w for w, bars in enumerate(result.meters) if bars and len(bars) == 2]  # (the pickup left)
        # the waltz's 8ths (steps 0, 2, ... 22) on the hats in most of its windows' bars
        assert hats[beats][:, 0:24:2].mean() > 0.7, hats[beats].astype(int)


def test_versions_of_a_capped_part_hold_the_cap(shipped):
    """The versions drawn of it (drumify --variations) too."""
    settings = Settings(max_hits=capped_at("snare", 0), genre={"disco": 1.0})
    result = shipped.drumify(read_midi(EXAMPLES / "piano_waltz.mid"), settings)
    versions = shipped.variations_of(result, settings, 3)
    assert versions.any() and not (versions[..., VOICES.index("snare")] > 0.5).any()
    assert np.array_equal(versions[0], result.loops)
