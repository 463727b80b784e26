"""Audio parts a producer drops in whole: slow full mixes (a ballad with its drums) read at their own tempo."""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio


def _read(tmp_path, audio, sr):
    path = tmp_path / "mix.wav"
    sf.write(str(path), audio, sr, subtype="PCM_16")
    return read_audio(path)


# Ballads with a drum kit (16th hats, snare on 2 and 4) that were read at double tempo: drums twice as busy.
@pytest.mark.parametrize("bpm, first_beat, lead_s, sr, seed", [(56.32, 3, 0.548, 44100, 1903316163),
                                                              (57.89, 4, 0.0, 22050, 1987460622),
                                                              (68.19, 2, 2.762, 44100, 408886146)])
def test_a_slow_full_mix_with_drums_is_read_at_its_own_tempo_with_bar_1_on_its_downbeat(tmp_path, bpm, first_beat, lead_s, sr, seed):
    audio, downbeat = make_part("mix", bpm, first_beat=first_beat, lead_s=lead_s, seed=seed, sr=sr)
    content = _read(tmp_path, audio, sr)
    assert content.bpm == pytest.approx(bpm, rel=0.03)
    assert content.start_s == pytest.approx(downbeat, abs=0.07)


# The snare on 2 and 4 that keeps a ballad slow must not halve a mix at a usual tempo (its snare is on 2 and 4 too).
@pytest.mark.parametrize("bpm, seed", [(112.6, 11), (128.5, 12), (96.0, 13)])
def test_a_full_mix_at_a_usual_tempo_keeps_it(tmp_path, bpm, seed):
    audio, _ = make_part("mix", bpm, lead_s=0.3, seed=seed)
    assert _read(tmp_path, audio, 22050).bpm == pytest.approx(bpm, rel=0.03)
