"""A waltz played live without a click (its tempo drifting 100 -> 106 BPM) is read in 3/4 untold, its beats and
bar lines on the take's; 4/4 takes that drift as far stay in 4/4.

The meter check folds the accents on one steady grid; a drift slides the take off it, the accents blur and such a
waltz was read in 4/4 (at 2/3 or 4/3 of its tempo): drums with a backbeat on its beat 1 every other bar.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part, ramp_time
from test_audio_told_meter import _seconds_to_beats

from reagroove.core.audio import read_audio

SR = 22050


def _read(tmp_path, audio):
    path = tmp_path / "take.wav"
    sf.write(str(path), audio, SR, subtype="PCM_16")
    return read_audio(path)


# Drifting waltzes that were read in 4/4 untold, at 4/3 or 2/3 of their tempo.
@pytest.mark.parametrize("kind, seed", [("band", 2), ("bass", 1), ("mix", 1)])
def test_a_drifting_waltz_is_read_in_3_4_with_its_beats_and_bar_lines(tmp_path, kind, seed):
    bpm, bars = 100.0, 32
    audio, downbeat = make_part(kind, bpm, seed=seed, seconds=bars * 3 * 60 / bpm, beats_per_bar=3, bpm_end=bpm * 1.06)
    content = _read(tmp_path, audio)
    bar1, n, d = content.time_signatures[0]
    assert (n, d) == (3, 4)
    k = np.arange(bars * 3)
    played = ramp_time(downbeat + k * 60.0 / bpm, bpm, bpm * 1.06, len(audio) / SR - 1.0)
    off = _seconds_to_beats(content, played) - bar1 - k
    assert np.abs(off).max() < 0.125, np.abs(off).max()  # a 32nd: every beat a drum beat, downbeats on bar lines


# 4/4 takes drifting as far (+-6-10%) must stay in 4/4: a 4/4 part read as 3/4 has every bar line wrong.
@pytest.mark.parametrize("kind, bpm, drift, seed", [("mix", 91.6, 1.1, 108), ("band", 108.4, 1.06, 119),
                                                    ("keys", 93.1, 0.94, 107)])
def test_a_drifting_4_4_take_stays_in_4_4(tmp_path, kind, bpm, drift, seed):
    audio, _ = make_part(kind, bpm, seed=seed, seconds=40.0, bpm_end=bpm * drift)
    content = _read(tmp_path, audio)
    assert [(n, d) for _, n, d in content.time_signatures] == [(4, 4)]
