"""End to end, the drums must land with an audio take when both start at 0 s. A take that drifts (played without a
click) read at a given --bpm gets one steady tempo, as documented, so its drums stray from the take: a bass and
keys take ramping 100 -> 108 BPM over 40 s, told --bpm 100 and its bar 1, got drums up to 1.6 s off its last bars
and nothing said so (the same take untold gets a tempo map that follows it). Now that is said, with how far."""

import re

import numpy as np
import soundfile as sf
from audio_synth import make_part, ramp_time

from reagroove.core.audio import read_audio

SR = 22050


def test_a_drifting_take_told_a_steady_bpm_says_the_drums_stray_and_how_far(tmp_path):
    bpm, bpm_end, lead = 100.0, 108.0, 0.6
    audio, downbeat, notes = make_part("band", bpm, lead_s=lead, seconds=40.0, seed=3, sr=SR, bpm_end=bpm_end,
                                       with_notes=True)
    path = tmp_path / "drifting.wav"
    sf.write(path, audio, SR)
    content = read_audio(path, bpm=bpm, start=downbeat)
    assert content.tempos == [(0.0, bpm)]  # --bpm keeps one steady tempo, as asked
    note = next((w for w in content.warnings if "drift" in w), None)
    assert note is not None, content.warnings
    assert "--bpm 100" in note and "without --bpm" in note
    # how far is how far the steady drums are from the take's played beats at its last notes
    span = lead + int(np.ceil(40.0 / 2.4)) * 2.4  # make_part's ramp: over its steady take's whole bars of 2.4 s
    last = max(t for t, *_ in notes)
    k = np.arange(0, int((last - downbeat) * bpm / 60) + 1)  # the beats up to the last note
    true = ramp_time(lead + k * 60 / bpm, bpm, bpm_end, span)
    stray = float(np.max(np.abs(downbeat + k * 60 / bpm - true)))
    said = float(re.search(r"stray up to (\d+) ms", note).group(1)) / 1000
    assert stray > 1.0 and abs(said - stray) < 0.2 * stray, (said, stray)
    # untold, the same take is followed (nothing to say), and a steady take told its tempo says nothing
    assert not any("drift off" in w for w in read_audio(path).warnings)
    steady, db = make_part("keys", 88.0, lead_s=0.61, seconds=24.0, seed=3, sr=SR)
    sf.write(tmp_path / "steady.wav", steady, SR)
    assert not any("drift" in w for w in read_audio(tmp_path / "steady.wav", bpm=88.0, start=db).warnings)
