"""A 4/4 shuffle read from audio without --meter stays 4/4 at its tempo (core/audio_meter.py `_swung`): one whose
bass plays swung 8ths (a boogie) was read as 3/4 at 3/2 of its tempo, each 3/4 bar two swung beats (1, 2, 2&, 3&),
and drummed as a waltz. A waltz strummed 1, 2, 2& and 3& (the same onsets, no bar of four) stays 3/4."""

import pytest
from test_audio_compound_meter import shuffle_part
from test_audio_waltz_meter import _waltz

from reagroove.core.groove import extract_windows
from reagroove.core.swing import part_swing
from reagroove.core.audio import read_audio


# odd seeds: the bass swings too (the 3 read as 3/4 at 135, 172 and 191 before)
@pytest.mark.parametrize("bpm, seed", [(90.0, 3), (114.5, 7), (127.3, 9)])
def test_a_shuffle_with_a_swung_bass_is_read_in_4_4_at_its_tempo_and_swung(tmp_path, bpm, seed):
    # bar 1 a beat into the file: a bar 1 between the file's 16ths leaves every groove step off by that residual
    # (groove.extract_windows), and the swung 8ths then read as straight, whatever the meter
    path, downbeat = shuffle_part(tmp_path, bpm, seed, bars=12, lead_s=60.0 / bpm)
    content = read_audio(path)
    assert [tuple(ts[1:]) for ts in content.time_signatures] == [(4, 4)], content.warnings
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
    swing = part_swing(extract_windows(content).grooves)  # the drums play its swung 8ths
    assert swing is not None and 2.5 <= swing <= 2.8  # a triplet's 3rd 8th: 2.67 16ths


def test_a_waltz_strummed_on_1_2_2and_3and_stays_3_4(tmp_path):
    path, downbeat = _waltz(tmp_path, "strum", 109.1, 3)  # read in 4/4 at 2/3 of its tempo, as a shuffle would be
    content = read_audio(path)
    assert [tuple(ts[1:]) for ts in content.time_signatures] == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(109.1, rel=0.02)
