"""A take whose tempo changes between sections, as a band plays a verse at 97 BPM and the chorus at 110 with no click:
the drums keep with both sections and with the change between them.

Before: the tempo was read per 12 s window only within 12% of the whole take's (97 BPM), so the 110 BPM section
read 96-109 BPM, the curve through the windows bent at the take's ends, and a band's last bars' drums sat 0.3-1 s
off; where the windows did reach the second tempo (a guitar part), the tracked beats were smoothed across the
change and the drums sat 40-60 ms off the band over the two bars about it. The takes are rendered at 11.025 kHz.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import drum_beats_s, long_take

from reagroove.core.audio import read_audio

SR = 11025


def read_changing_take(tmp_path, kind, bpm, after, seed, seconds=75.0):
    """A rendered take changing tempo from bpm to after halfway, read as a file: (its content, the played beats)."""
    audio, played = long_take(kind, bpm, seconds, change_to=after, seed=seed, sr=SR)
    path = tmp_path / "take.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    return read_audio(path), played


def assert_drums_follow(content, played, bpm, after, within_s):
    """The drums of a take changing from bpm to after on the played beats (each bar's, the last bar's end too)
    within `within_s`, both tempos in its map."""
    played = played[:-1]  # each bar's beats, the last bar's end left out
    off = np.abs(drum_beats_s(content, len(played)) - played)
    worst = int(np.argmax(off))
    assert np.max(off) < within_s, f"drums {off[worst] * 1000:.0f} ms off the band at bar {worst // 4 + 1}"
    tempos = [t for _, t in content.tempos]
    assert tempos[1] == pytest.approx(bpm, rel=0.01) and tempos[-1] == pytest.approx(after, rel=0.01)


@pytest.mark.parametrize("kind,bpm,after,seed", [("band", 97.0, 110.0, 13), ("strum", 97.0, 110.0, 3),
                                                 ("bass", 100.0, 112.0, 7)])
def test_drums_follow_a_tempo_change_between_sections(tmp_path, kind, bpm, after, seed):
    content, played = read_changing_take(tmp_path, kind, bpm, after, seed)
    assert_drums_follow(content, played, bpm, after, 0.025)
