"""Band takes drifting slowly with no click, 3 and 15 minutes long: their last bars' drums stay on the band.

Before: on a 15-minute take (97.3 -> 104 BPM) the tracker bent the last beat 60 ms onto the last note, under the
1/10 of a beat that ended the tracked beats there (core/audio_drift.py, `_bent`), and smoothing spread it over the
last 2 bars, whose drums sat up to 56 ms ahead of the band. On a 3-minute one (97.3 -> 101 BPM) the tracker slid
onto the offbeats two minutes in and held them: the drums of its last 115 beats sat 300 ms (half a beat) off the
band's. Rendered at 11.025 kHz (light to make; the faults show there as at 22.05 kHz).
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import drum_beats_s, long_take

from reagroove.core.audio import read_audio

SR = 11025


@pytest.mark.parametrize("seconds,bpm_end", [(900.0, 104.0), (180.0, 101.0)])
def test_a_drifting_take_keeps_its_last_bars_on_the_band(tmp_path, seconds, bpm_end):
    audio, played = long_take("band", 97.3, seconds, bpm_end=bpm_end, seed=21, sr=SR)
    path = tmp_path / "long.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    content = read_audio(path)
    played = played[:-1]  # each bar's beats, the last bar's end left out
    off = np.abs(drum_beats_s(content, len(played)) - played)
    assert len(content.tempos) > 1  # followed with a map
    worst = int(np.argmax(off))
    assert np.max(off) < 0.03, f"drums {off[worst] * 1000:.0f} ms off the band at bar {worst // 4 + 1} of {len(off) // 4}"
    assert np.median(off) < 0.008


def test_two_offbeat_runs_about_one_sliding_beat_put_the_grid_in_once():
    """The tracker half a beat off for 10 beats, one beat sliding back (0.15 of a beat off), then off again for 10:
    both runs widened over the sliding beat and the curve's beats were put in twice there (81 beats for 60), so the
    take's tempo map was refused and its drums drifted again."""
    from reagroove.core.audio_drift import _grid_where_offbeat

    grid = np.arange(60, dtype=np.float64)
    off = np.zeros(60)
    off[10:20], off[20], off[21:31] = 0.5, 0.15, 0.5
    fixed = _grid_where_offbeat(grid + off, grid, off)
    np.testing.assert_allclose(fixed, grid)
