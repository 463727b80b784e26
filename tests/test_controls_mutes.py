"""Muting voice groups on the shipped model: the groups left on play (a draw never leaves them silent),
the muted ones never do, and one drummer plays it all."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings as hsettings, strategies as st

pytest.importorskip("torch")

from reagroove.core import read_midi  # noqa: E402
from reagroove.core.groove import extract_windows  # noqa: E402
from reagroove.core.limbs import HANDS  # noqa: E402
from reagroove.core.loop import N_VOICES, VOICE_GROUPS, VOICES  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402
from reagroove.models import drumify_batch  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
GROUPS = list(VOICE_GROUPS)
NOT_CRASH = np.asarray(VOICES) != "crash"


@pytest.fixture(scope="module")
def funk():
    return extract_windows(read_midi(EXAMPLES / "funk_bass.mid"))


def test_the_kick_alone_plays_at_any_temperature(funk):
    """Muting all but the kick (or kick and toms) at a high temperature left whole parts silent: the draw
    had no kick (funk_bass at temperature 1, seed 3)."""
    for on in (("kick",), ("kick", "toms")):
        groups = {g: g in on for g in GROUPS}
        for temperature in (1.0, 2.0, 3.0):
            for seed in range(1, 5):
                loops = drumify_batch(funk.grooves, bass=funk.bass, voice_groups=groups, temperature=temperature,
                                      seed=seed, crash=np.eye(len(funk.grooves))[0], take=np.zeros(len(funk.grooves)))
                played = (loops[..., :N_VOICES] > 0.5)[..., NOT_CRASH].any((1, 2))
                assert played.all(), f"{on} on, temperature {temperature}, seed {seed}: loops {np.flatnonzero(~played)} silent"


@hsettings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(GROUPS), min_size=1, max_size=4), st.sampled_from([None, 0.3, 1.0, 3.0]),
       st.integers(0, 2**32 - 1), st.sampled_from([None, 0.0, 0.5, 1.0]), st.integers(0, 3))
def test_muted_groups_stay_silent_and_the_others_play(shipped, muted, temperature, seed, density, fill_every):
    wins = extract_windows(read_midi(EXAMPLES / "funk_bass.mid"), bars=(1, 8))
    s = Settings(voice_groups={g: False for g in muted}, temperature=temperature, seed=seed, density=density,
                 fill_every=fill_every)
    hits = shipped.drumify_windows(wins, s).loops[..., :N_VOICES] > 0.5
    for g in muted:
        assert not hits[..., [VOICES.index(v) for v in VOICE_GROUPS[g]]].any(), f"muted {g} plays"
    assert hits[..., NOT_CRASH].any(), "the groups left on are silent"
    assert (hits[..., HANDS].sum(-1) <= 2).all()


@pytest.mark.parametrize("muted", [("kick",), ("snare",), ("kick", "snare")])
def test_a_muted_kick_or_snare_leaves_the_rest_as_the_full_kit_plays_it(shipped, make_midi, muted):
    """A producer mutes the kick or the snare to layer one of their own over the beat. Told they were off,
    the network put the snare's hits on the mid tom, on every off-16th of a plain rock bass line (kick and
    snare muted: mid tom on 16 of 32 steps, no backbeat anywhere). Now no stand-in plays them: no tom where
    the full kit has none, and the hats as the full kit plays them."""
    notes = [(k / 2, 40 if (k // 8) % 2 == 0 else 45, 100, 0) for k in range(64)]  # 8th-note rock bass, 8 bars
    wins = extract_windows(read_midi(make_midi(notes)))
    full = shipped.drumify_windows(wins, Settings()).loops[..., :N_VOICES] > 0.5
    some = shipped.drumify_windows(wins, Settings(voice_groups={g: False for g in muted})).loops[..., :N_VOICES] > 0.5
    toms = [VOICES.index(v) for v in VOICE_GROUPS["toms"]]
    assert not (some[..., toms] & ~full[..., toms]).any()
    hats = VOICES.index("closed_hat")
    assert (some[..., hats] == full[..., hats]).mean() > 0.95
    for g in {"kick", "snare"} - set(muted):  # what is not muted plays as it did
        v = VOICES.index(g)
        assert (some[..., v] == full[..., v]).mean() > 0.95


def test_the_toms_alone_play_a_tom_groove(shipped):
    """Every group muted but the toms: with no time-keeper left, the toms stand in for them all. (When a muted
    kick and snare were first left out of what the network plays, this part went silent.)"""
    wins = extract_windows(read_midi(EXAMPLES / "funk_bass.mid"), bars=(1, 8))
    s = Settings(voice_groups={g: g == "toms" for g in GROUPS}, seed=0)
    hits = shipped.drumify_windows(wins, s).loops[..., :N_VOICES] > 0.5
    toms = [VOICES.index(v) for v in VOICE_GROUPS["toms"]]
    assert hits[..., toms].any(-1).sum(-1).min() >= 4  # every window keeps a groove on the toms
    assert not np.delete(hits, toms, axis=-1)[..., NOT_CRASH[np.delete(np.arange(N_VOICES), toms)]].any()


@pytest.mark.parametrize("part", ["rock", "funk", "waltz"])
def test_muted_hats_keep_their_time_on_the_ride(shipped, make_midi, part):
    """A drummer without hi-hats keeps the same time on the ride. Told the hats were off, the network played
    the ride where its drummers do beside hats: a rock bass line got the ride on 1 and 2 of one bar, then
    whole bars without a cymbal."""
    if part == "rock":
        notes = [(k / 2, 40 if (k // 8) % 2 == 0 else 45, 100, 0) for k in range(64)]  # 8th-note rock bass, 8 bars
        wins = extract_windows(read_midi(make_midi(notes)))
    else:
        wins = extract_windows(read_midi(EXAMPLES / ("funk_bass.mid" if part == "funk" else "piano_waltz.mid")))
    full = shipped.drumify_windows(wins, Settings()).loops[..., :N_VOICES] > 0.5
    res = shipped.drumify_windows(wins, Settings(voice_groups={"hats": False}))
    some = res.loops[..., :N_VOICES] > 0.5
    hat, open_hat, ride = (VOICES.index(v) for v in ("closed_hat", "open_hat", "ride"))
    assert not some[..., [hat, open_hat]].any()
    hats = full[..., hat] | full[..., open_hat]
    assert (some[..., ride] == (hats | full[..., ride])).mean() > 0.9  # the full kit's time, on the ride
    assert (some[..., ride].sum(-1) >= 0.75 * hats.sum(-1)).mean() > 0.9  # window by window (fills aside)
