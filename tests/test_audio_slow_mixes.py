"""Slow full mixes (a ballad with its drums, 56-68 BPM) are read at their own tempo, bar 1 on the downbeat
(core/audio_tempo.py), on rendered audio."""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio


@pytest.mark.parametrize("bpm, first_beat, lead_s, seed", [(58.0, 1, 0.0, 11), (61.5, 2, 0.6, 12),
                                                           (65.5, 4, 0.0, 14), (67.0, 3, 1.2, 15), (59.5, 2, 4.0, 16),
                                                           (62.5, 4, 0.3, 17), (66.0, 1, 3.0, 18)])
def test_a_slow_mix_is_read_at_its_own_tempo_with_bar_1_on_its_downbeat(tmp_path, bpm, first_beat, lead_s, seed):
    """A ballad with drums (16th hats, snare on 2 and 4) came back at double tempo: its hats look like 8ths
    there, and only the snare on 2 and 4 says the slow reading. Drums at double tempo would play twice
    the bars and a fill every half bar."""
    audio, downbeat = make_part("mix", bpm, first_beat=first_beat, lead_s=lead_s, seed=seed)
    path = tmp_path / "ballad.wav"
    sf.write(str(path), audio, 22050)
    content = read_audio(path)
    assert content.bpm == pytest.approx(bpm, rel=0.03)
    assert content.start_s == pytest.approx(downbeat, abs=0.07)
