"""Full-mix ballads (drums, bass and guitar or keys at 55-60 BPM) are read at their tempo, not double.

A ballad's 16th hats pass for 8ths at double tempo; its snare on 2 and 4 says the slow reading, and in the
high band's noise (core/audio_tempo.py `_alternation`) snare and kick alternate beat by beat only at the slow
one. These parts (from benchmarks/bench_audio_tempo.py --mix --seed 2) were read at double tempo before.
"""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio

TOL_S = 0.07  # the usual beat-tracking tolerance


@pytest.mark.parametrize(
    "bpm, first_beat, lead_s, sr, seed",
    [
        (58.66, 1, 0.0, 22050, 1276553705),  # starts on its downbeat
        (55.49, 2, 4.879, 44100, 869845139),  # a pickup beat after 5 s of silence
        # Quarter-note hats: at double tempo its beats and offbeats alternate too (read right before; kept so).
        (76.85, 1, 4.574, 22050, 1554096444),
    ],
)
def test_mixed_ballad_reads_its_tempo_and_bar_1(tmp_path, bpm, first_beat, lead_s, sr, seed):
    audio, downbeat = make_part("mix", bpm, first_beat=first_beat, lead_s=lead_s, seed=seed, sr=sr)
    path = tmp_path / "ballad.wav"
    sf.write(path, audio, sr, subtype="PCM_16")
    content = read_audio(path)
    assert content.bpm == pytest.approx(bpm, rel=0.04), f"read at {content.bpm:.1f} BPM, played at {bpm} BPM"
    assert abs(content.start_s - downbeat) <= TOL_S, f"bar 1 at {content.start_s:.3f} s, played at {downbeat:.3f} s"
