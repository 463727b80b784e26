"""Audio onset picking with behaviour unchanged by its cleanup: the low-note pass reuses the first pick, and each
band's peaks are picked once per import."""

from dataclasses import replace

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core import audio
from reagroove.core.audio import DEFAULT_PARAMS, _low_notes_earlier, onset_envelope, pick_onsets, read_audio
from reagroove.core.audio_pick import pick_peaks

KINDS = ("bass", "strum", "keys", "mix", "band")


@pytest.fixture(scope="module")
def envelopes(tmp_path_factory):
    """Each synth part kind rendered (16 s, mono WAV) and its onset envelope."""
    out, folder = {}, tmp_path_factory.mktemp("parts")
    for seed, kind in enumerate(KINDS):
        samples, _ = make_part(kind, 100.0, seed=seed, seconds=16.0)
        path = folder / f"{kind}.wav"
        sf.write(str(path), samples, 22050)
        out[kind] = path, onset_envelope(path, DEFAULT_PARAMS)
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_the_onsets_are_the_ones_the_second_pick_gave(envelopes, kind):
    """The low-note pass read a second pick without the attack shift; the first pick's own unshifted times are
    those times exactly, so every part's onsets are what they were."""
    p = DEFAULT_PARAMS
    _, env = envelopes[kind]
    args = (env, env.flux, env.level)
    rest = (p.delta_abs, p.delta_rel, p.wait_s, p.gate_db)
    shifted, plain = pick_peaks(*args, p, *rest)
    second, _ = pick_peaks(*args, replace(p, attack_shift_s=0.0), *rest)  # what the old code picked again
    np.testing.assert_array_equal(plain, second.times)
    assert len(shifted.times) > 10
    # the onsets as the old code made them: the low-note pass over the second pick's times
    old = _low_notes_earlier(env, p, shifted, second.times)
    new = pick_onsets(env, p)
    for field in ("times", "strength", "velocity"):
        np.testing.assert_array_equal(getattr(new, field), getattr(old, field))


def test_the_low_note_pass_moves_bass_notes(envelopes):
    """The comparison above covers the pass doing something: on the bass part it moves notes earlier."""
    _, env = envelopes["bass"]
    p = DEFAULT_PARAMS
    shifted, _ = pick_peaks(env, env.flux, env.level, p, p.delta_abs, p.delta_rel, p.wait_s, p.gate_db)
    moved = shifted.times - pick_onsets(env, p).times
    assert np.isclose(moved, p.low_note_shift_s).sum() >= 5


@pytest.mark.parametrize("kind", ["bass", "band"])
def test_an_audio_import_picks_each_bands_peaks_once(envelopes, monkeypatch, kind):
    """Old code: the all-band flux's peaks were picked twice on every import (the second time only for the
    times without the attack shift), the low bands' once."""
    calls = []
    real = audio.pick_peaks

    def counting(env, flux, *args):
        calls.append("low" if flux is env.bass_flux else "all" if flux is env.flux else "other")
        return real(env, flux, *args)

    monkeypatch.setattr(audio, "pick_peaks", counting)
    path, _ = envelopes[kind]
    content = read_audio(path, bpm=100.0)
    assert len(content.onsets.times) > 10
    assert sorted(calls) == ["all", "low"]
