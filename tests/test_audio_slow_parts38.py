"""A slow part without drums (a bass line's 1-bar riff at 60-65 BPM) read at its own tempo, not at double
(core/audio_tempo.py, the repeats_two_bars cue), on rendered audio; a fast bass line keeps its tempo."""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio


def _bpm(tmp_path, kind: str, bpm: float, first_beat: int, lead_s: float, seed: int) -> float:
    audio, _ = make_part(kind, bpm, first_beat=first_beat, lead_s=lead_s, seed=seed, sr=22050)
    path = tmp_path / "part.wav"
    sf.write(str(path), audio, 22050)
    return read_audio(path).bpm


@pytest.mark.parametrize("bpm, first_beat, lead_s, seed", [(60.49, 2, 0.846, 1210927612), (63.68, 2, 0.0, 1839057944)])
def test_a_slow_bass_riff_without_drums_is_read_at_its_own_tempo(tmp_path, bpm, first_beat, lead_s, seed):
    """A bass line at 60-64 BPM, a 1-bar riff with notes on its 16ths, came back at double tempo: at 121-127 BPM
    its bar is half the riff, and the take repeats more at two of those bars than at one. Such a reading is now
    weighed as twice too fast."""
    assert _bpm(tmp_path, "bass", bpm, first_beat, lead_s, seed) == pytest.approx(bpm, rel=0.04)


@pytest.mark.parametrize("kind, bpm, first_beat, lead_s, seed", [("bass", 139.53, 3, 2.924, 1745163767), ("bass", 128.0, 1, 0.5, 3),
                                                                   ("keys", 140.0, 1, 0.0, 5)])
def test_a_fast_part_is_not_read_at_half_tempo(tmp_path, kind, bpm, first_beat, lead_s, seed):
    """The cue only ever weighs against the faster of two readings; a fast line whose take repeats a little more at
    two bars than at one (chords every second bar) keeps its tempo."""
    assert _bpm(tmp_path, kind, bpm, first_beat, lead_s, seed) == pytest.approx(bpm, rel=0.04)
