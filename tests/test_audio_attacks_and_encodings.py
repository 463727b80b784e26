"""Audio input as a producer's files come: sharp attacks read on their notes, companded or ADPCM WAVs read without
notes nobody played."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, make_part, render, render_notes

from reagroove.core.audio import onset_envelope, pick_onsets


def _errors(path, truth):
    """Detected minus true onset times (s) of the true onsets found within 40 ms."""
    got = pick_onsets(onset_envelope(path)).times
    out = []
    for t in truth:
        j = int(np.argmin(np.abs(got - t)))
        if abs(got[j] - t) < 0.04:
            out.append(got[j] - t)
    return np.array(out)


@pytest.mark.parametrize("sr", [22050, 44100])
@pytest.mark.parametrize("timbre", ["click", "kick", "snare", "strum"])
def test_sharp_attacks_land_on_their_notes_not_10_ms_early(tmp_path, sr, timbre):
    # Before, a click, a drum hit or a strum read 9-12 ms early at every rate: the drums came before the part.
    rng = np.random.default_rng(5)
    truth = np.sort(0.5 + np.cumsum(rng.uniform(0.25, 0.5, 30)))
    if timbre == "click":
        audio = render(truth, rng.uniform(0.6, 1.0, 30), timbre="click", sr=sr, reverb=0.1, noise_db=-60, seed=1)
    else:
        notes = [(t, 0.8, timbre, [float(_hz(48)), float(_hz(55)), float(_hz(60))], 0.3, True) for t in truth]
        audio = render_notes(notes, sr=sr, duration_s=truth[-1] + 1, seed=2)
    path = tmp_path / "hits.wav"
    sf.write(path, audio, sr, subtype="PCM_16")
    err = _errors(path, truth)
    assert len(err) >= 28
    assert abs(float(np.median(err))) < 0.004, f"median onset error {1000 * np.median(err):+.1f} ms"


@pytest.mark.parametrize("kind, subtype, gain", [
    ("bass", "ALAW", 1.0), ("bass", "ULAW", 0.25), ("bass", "IMA_ADPCM", 1.0), ("bass", "MS_ADPCM", 0.25),
    ("keys", "IMA_ADPCM", 0.25), ("keys", "MS_ADPCM", 1.0),
])
def test_a_companded_or_adpcm_wav_gets_no_notes_nobody_played(tmp_path, kind, subtype, gain):
    # Their noise follows the signal; in a bass's or keys' dark upper bands it read as soft notes
    # (IMA ADPCM: 52 extra onsets to a 61-note bass line, MS ADPCM 93, A-law 5).
    audio, _, notes = make_part(kind, 100, seed=7, sr=22050, with_notes=True)
    truth = np.array(sorted(n[0] for n in notes))
    path = tmp_path / "take.wav"
    sf.write(path, audio * gain, 22050, subtype=subtype)
    got = pick_onsets(onset_envelope(path)).times
    extra = int(sum(np.min(np.abs(truth - t)) > 0.05 for t in got))
    found = int(sum(np.min(np.abs(got - t)) <= 0.05 for t in truth))
    sf.write(tmp_path / "pcm.wav", audio * gain, 22050, subtype="PCM_16")
    got_pcm = pick_onsets(onset_envelope(tmp_path / "pcm.wav")).times
    found_pcm = int(sum(np.min(np.abs(got_pcm - t)) <= 0.05 for t in truth))
    assert extra <= 1, f"{extra} onsets nobody played"
    assert found >= found_pcm - 2  # the notes themselves are still read
