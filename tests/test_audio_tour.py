"""Audio parts a producer drops in whole: a full mix (drums, bass, keys or guitar) read at its own tempo."""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio


def _read(tmp_path, audio, sr):
    path = tmp_path / "mix.wav"
    sf.write(str(path), audio, sr, subtype="PCM_16")
    return read_audio(path)


# A mix's snare on 2 and 4 and its 16th hats must not halve or double a usual tempo.
@pytest.mark.parametrize("bpm, seed", [(112.6, 11), (128.5, 12), (96.0, 13)])
def test_a_full_mix_at_a_usual_tempo_keeps_it(tmp_path, bpm, seed):
    audio, _ = make_part("mix", bpm, lead_s=0.3, seed=seed)
    assert _read(tmp_path, audio, 22050).bpm == pytest.approx(bpm, rel=0.03)
