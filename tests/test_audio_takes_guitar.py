"""A guitar part as a player records it: 8th-note strums (six strings one after another, down on the beats and up
between) and a palm-muted 8th chug. Each stroke is one onset at its first string (where a drummer hears it), and
the take's tempo and bar 1 are read. Strums raked slower (25-30 ms a string, 125-150 ms a stroke):
tests/test_audio_slow_strums.py."""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import guitar_take

from reagroove.core.audio import read_audio

SR = 22050


@pytest.mark.parametrize("chug,bpm,seed,lead_s", [(False, 100.0, 1, 0.5), (False, 132.0, 2, 1.3), (True, 140.0, 4, 0.5),
                                                   (True, 180.0, 6, 0.3)])
def test_each_stroke_is_one_onset_and_the_take_reads_at_its_tempo(tmp_path, chug, bpm, seed, lead_s):
    audio, strokes = guitar_take(bpm, chug=chug, gaps_s=(0.010, 0.015), seed=seed, lead_s=lead_s, sr=SR)
    path = tmp_path / "guitar.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    got = read_audio(path)
    assert got.bpm == pytest.approx(bpm, rel=0.01)
    assert got.start_s == pytest.approx(lead_s, abs=0.03)
    times = got.onsets.times
    nearest = np.abs(times[:, None] - strokes[None, :]).min(axis=0)
    assert np.mean(nearest < 0.02) > 0.97  # every stroke found at its first string
    assert len(times) <= len(strokes) + 2  # one onset a stroke, not one a string
