"""Long takes as producers record them: a steady band part minutes long, and one drifting slowly.

Before: a steady 10-minute take at 97.3 BPM had its bar 1 read 13 ms early (read with the first, 0.01% slow
tempo estimate, before the whole take refined it), so every drum beat sat 13 ms ahead of the band (a 3-minute
take's: 3 ms); at 22.05 kHz its tracked beats also bent into the file's last frame and it got a 246-tempo map
(97.0-99.8 BPM), its last bars' drums 37 ms off. A take drifting 97.3 -> 101 BPM over 3 minutes got a map up to
105 BPM at its end, its last 2 bars' drums 80 ms off the band's beats. The takes are rendered at 11.025 kHz
(light to make; both faults show there as at 22.05 kHz).
"""

import numpy as np
import soundfile as sf
from audio_synth import drum_beats_s, long_take

from reagroove.core.audio import read_audio

SR = 11025


def _read(tmp_path, name, **kw):
    audio, played = long_take("band", 97.3, seed=13, sr=SR, **kw)
    path = tmp_path / f"{name}.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    content = read_audio(path)
    played = played[:-1]  # each bar's beats, the last bar's end left out
    return content, played, np.abs(drum_beats_s(content, len(played)) - played)


def test_a_steady_ten_minute_take_keeps_one_tempo_and_every_drum_beat_on_the_band(tmp_path):
    content, played, off = _read(tmp_path, "steady", seconds=600.0)
    assert len(content.tempos) == 1 and abs(content.tempos[0][1] - 97.3) < 0.01
    assert abs(content.start_s - played[0]) < 0.008
    assert np.max(off) < 0.008, f"drums up to {np.max(off) * 1000:.0f} ms off the band (beat {int(np.argmax(off))})"


def test_a_take_drifting_over_three_minutes_keeps_its_first_and_last_bars_on_the_band(tmp_path):
    content, played, off = _read(tmp_path, "drifting", seconds=180.0, bpm_end=101.0)
    tempos = [t for _, t in content.tempos]
    assert len(tempos) > 1  # followed with a map
    assert 96.3 < min(tempos) and max(tempos) < 102.0  # the played range, 97.3 -> 101, not a rush at the end
    assert np.max(off[:4]) < 0.025 and np.max(off[-8:]) < 0.025, \
        f"first bar {np.max(off[:4]) * 1000:.0f} ms, last 2 bars {np.max(off[-8:]) * 1000:.0f} ms off the band"
    assert np.median(off) < 0.008
