"""A busy funk guitar (stabs between 16th scratches, its low strings on 1 and near 3) read at its own tempo, not half.

Before: the stab on 1 and the one near 3 stood over beats 2 and 4 in the low band and in strength, every beat line and
8th played, so it was taken for a slow arpeggio's 16ths read as 8ths (core/audio_marked_beat.py) and halved: a
96 BPM take read at 48, 100 at 50, its drums in bars twice as long. Such an arpeggio is all 8ths of the fast reading;
a funk part plays its 16ths too (a third to a half of its notes' loudness). Of 72 rendered funk takes (6 rhythms,
88-110 BPM, seeds 1-2) 9 read at another octave, now 2 (one rhythm of 16ths everywhere at 88-92, read at 176-184).
"""

import pytest
import soundfile as sf
from test_audio_funk_pushes import SR, pushed_funk

from reagroove.core.audio import read_audio


@pytest.mark.parametrize("bpm,stabs,scratches,seed", [
    (96.0, (0, 3, 10), (1, 2, 4, 5, 6, 8, 12, 13, 14), 2),
    (88.0, (0, 3, 10), (1, 2, 4, 5, 6, 8, 12, 13, 14), 2),
    (100.0, (0, 4, 7, 10, 12, 15), (1, 2, 3, 5, 6, 8, 9, 11, 13, 14), 1),
])
def test_a_busy_funk_guitar_is_read_at_the_tempo_a_drummer_counts(tmp_path, bpm, stabs, scratches, seed):
    path = tmp_path / "funk.wav"
    sf.write(path, pushed_funk(bpm, stabs, scratches, seed=seed), SR, subtype="PCM_16")
    got = read_audio(path)
    assert [t for _, t in got.tempos] == [pytest.approx(bpm, rel=0.01)], got.warnings
