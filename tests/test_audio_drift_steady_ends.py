"""A steady take keeps one tempo to its last bar: the beat tracker's beats past the last note do not make a map.

Past a take's last note the tracker still placed beats, squeezed 7-12% through the notes' ringing out to the
file's end; smoothed, that rush reached back into the played bars. Steady fast waltzes rendered with no tempo
change (160 BPM strums, a 150 BPM band mix) got a tempo map running up to 168 BPM over their last bars, and the
drums rushed against a part played to a click.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part
from test_audio_drift import assert_on_the_beats

from reagroove.core.audio import read_audio

SR = 22050


@pytest.mark.parametrize("kind, bpm, seed", [("strum", 160.0, 0), ("strum", 160.0, 1), ("mix", 150.0, 1)])
def test_a_steady_fast_waltz_keeps_one_tempo_to_its_last_bar(tmp_path, kind, bpm, seed):
    audio, downbeat, notes = make_part(kind, bpm, seed=seed, seconds=24.0, sr=SR, beats_per_bar=3, with_notes=True)
    path = tmp_path / "waltz.wav"
    sf.write(path, audio, SR)
    content = read_audio(path)
    tempos = [round(t, 1) for _, t in content.tempos]
    assert len(tempos) == 1, f"a steady take got a tempo map, {min(tempos)}-{max(tempos)} BPM"
    assert tempos[0] == pytest.approx(bpm, rel=0.01)
    assert [(n, d) for _, n, d in content.time_signatures] == [(3, 4)]
    played = np.arange(downbeat, max(t for t, *_ in notes) + 0.05, 60.0 / bpm)
    assert_on_the_beats(content, played)
