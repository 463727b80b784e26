"""A guitar strummed slowly, as a player rakes a chord on a ballad or a big open strum: six strings 25-30 ms apart,
a stroke taking 125-150 ms. A drummer hears one hit a stroke, at its first string.

Before: the last strings of each stroke read as onsets of their own (at 100 BPM, 157 onsets to 68 strokes at
25-30 ms a string, and the take read at 200 BPM; at 90 BPM and 30 ms, 221 onsets), so the drums got a hit for a
string. Strums raked at the usual 10-15 ms, and other parts, keep every note (tests/test_audio_takes_guitar.py).
"""

from dataclasses import replace

import numpy as np
import pytest
import soundfile as sf
from audio_synth import guitar_take, make_part

from reagroove.core.audio import DEFAULT_PARAMS, read_audio

SR = 22050


@pytest.mark.parametrize("bpm,gaps_s,seed,lead_s", [(100.0, (0.025, 0.030), 1, 0.5), (90.0, (0.030, 0.030), 3, 0.5),
                                                   (100.0, (0.025, 0.025), 2, 0.8)])
def test_a_slowly_raked_strum_is_one_onset_at_its_first_string(tmp_path, bpm, gaps_s, seed, lead_s):
    audio, strokes = guitar_take(bpm, gaps_s=gaps_s, seed=seed, lead_s=lead_s, sr=SR)
    path = tmp_path / "strums.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    got = read_audio(path)
    assert got.bpm == pytest.approx(bpm, rel=0.01)  # not twice as fast from the strings between strokes
    assert got.start_s == pytest.approx(lead_s, abs=0.03)
    times = got.onsets.times
    nearest = np.abs(times[:, None] - strokes[None, :]).min(axis=0)
    assert np.mean(nearest < 0.02) > 0.97  # every stroke still found, at its first string
    assert len(times) <= len(strokes) + 3, f"{len(times)} onsets to {len(strokes)} strokes"


@pytest.mark.parametrize("kind,bpm,seed", [("strum", 100.0, 2), ("keys", 128.0, 3), ("bass", 165.0, 4),
                                           ("band", 100.0, 2)])
def test_parts_that_are_not_slow_strums_keep_every_onset(tmp_path, kind, bpm, seed):
    """A 16th strum pattern, keys, a bass line and a band: notes a 16th apart, soft after loud, each still heard:
    the onsets are those read with the later-string check off."""
    audio, _ = make_part(kind, bpm, seconds=16, seed=seed, sr=SR)
    path = tmp_path / "part.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    every = read_audio(path, bpm=bpm, start=0.0, params=replace(DEFAULT_PARAMS, rake_gap_s=0.0)).onsets.times
    assert np.array_equal(read_audio(path, bpm=bpm, start=0.0).onsets.times, every)
