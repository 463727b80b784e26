"""Audio input as a producer's takes come (audio34b's hunt): quiet takes."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import AudioFileError, read_audio

SR = 22050


def _take(kind="bass", bpm=100.0, seed=3):
    audio, downbeat, notes = make_part(kind, bpm, seed=seed, sr=SR, with_notes=True)
    return audio, downbeat, np.array(sorted(n[0] for n in notes))


def _found(times, truth, tol=0.05):
    """How many of `truth` have a detected onset within `tol` s."""
    return sum(bool(np.any(np.abs(times - t) < tol)) for t in truth)


@pytest.mark.parametrize("dbfs", [-40, -60])
def test_a_quiet_but_clean_take_reads_as_the_same_take_at_full_level(tmp_path, dbfs):
    # Before, a take peaking at -40 dBFS lost 3 of its 55 notes, and one at -60 dBFS was refused
    # ("no clear onsets"): the fixed floors were in dBFS. A quiet take is raised before analysis now.
    audio, downbeat, truth = _take()
    loud, quiet = tmp_path / "loud.wav", tmp_path / "quiet.wav"
    sf.write(loud, audio, SR, subtype="PCM_16")
    sf.write(quiet, audio * 10 ** (dbfs / 20), SR, subtype="PCM_16")
    full, soft = read_audio(loud), read_audio(quiet)
    assert _found(full.onsets.times, truth) == len(truth)
    assert _found(soft.onsets.times, truth) == len(truth)
    assert len(soft.notes) == len(full.notes)
    assert abs(soft.tempos[0][1] - full.tempos[0][1]) < 0.2
    assert abs(soft.start_s - full.start_s) < 0.02
    assert not any("onsets before bar 1" in w for w in soft.warnings)


@pytest.mark.parametrize("amp,seconds", [(0.0, 5), (1e-4, 10), (1e-3, 10), (1e-3, 60)])
def test_silence_and_hiss_stay_refused_however_quiet(tmp_path, amp, seconds):
    # Raising a quiet take's gain must not turn a file of hiss (or digital silence) into notes.
    path = tmp_path / "hiss.wav"
    sf.write(path, amp * np.random.default_rng(1).standard_normal(SR * seconds), SR, subtype="PCM_16")
    with pytest.raises(AudioFileError, match="silent|no clear onsets|too few"):
        read_audio(path)

