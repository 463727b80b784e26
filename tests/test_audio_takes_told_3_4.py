"""A 12/8 take told `--meter 3/4`, as the note of its untold reading offers ("12/8 time ...; --meter 3/4 keeps 3/4").

Before: told 3/4, only a take heard as 6/8 had bar 1 read on its dotted beats; a 12/8 take was read on quarter
beats and bar 1 fell half a 3/4 bar off, on an off-beat 8th (12/8 at 55 dotted quarters a minute: +1.09 s, at 60:
+1.00 s, at 70: +0.86 s; faded in too). Now a take told 3/4 whose 8ths go in threes, 6/8 or 12/8, gets bar 1 where
its untold reading puts it: the drums' 3/4 bars start on the take's downbeat, two to each 12/8 bar.
"""

import pytest
import soundfile as sf
from audio_synth import faded_in
from test_audio_told_meter import SR, six_eight_part

from reagroove.core.audio import read_audio


def meter_of(content):
    return [(n, d) for _, n, d in content.time_signatures]


@pytest.mark.parametrize("dotted_bpm, seed, lead_s", [(55.0, 3, 0.4), (60.0, 1, 0.4), (70.0, 4, 0.7)])
def test_a_12_8_take_told_3_4_as_its_note_offers_keeps_bar_1_on_its_downbeat(tmp_path, dotted_bpm, seed, lead_s):
    path, downbeat = six_eight_part(tmp_path, dotted_bpm, seed, eighths=12, bars=10, lead_s=lead_s)
    untold = read_audio(path)
    note = next(w for w in untold.warnings if "estimated" in w)
    assert meter_of(untold) == [(12, 8)] and "--meter 3/4 keeps 3/4" in note, note  # what the user follows
    told = read_audio(path, time_signature=(3, 4))
    assert meter_of(told) == [(3, 4)]
    assert told.tempos[0][1] == pytest.approx(dotted_bpm * 1.5, rel=0.01)
    assert told.start_s == pytest.approx(downbeat, abs=0.04)  # not half a 3/4 bar later, on an off-beat 8th
    assert told.start_s == pytest.approx(untold.start_s, abs=0.01)
    assert told.time_signatures[0][0] == pytest.approx(untold.time_signatures[0][0], abs=0.01)  # the drums' bar line
    assert not any("before bar 1" in w for w in told.warnings), told.warnings


def test_a_12_8_take_faded_in_and_told_3_4_keeps_bar_1_where_it_starts(tmp_path):
    path, downbeat = six_eight_part(tmp_path, 55.0, 3, eighths=12, bars=10, lead_s=1.0)
    audio, _ = sf.read(path, dtype="float32")
    sf.write(path, faded_in(audio, downbeat, 12 * 20.0 / 55.0, SR), SR, subtype="PCM_16")  # over its first bar
    told = read_audio(path, time_signature=(3, 4))
    assert meter_of(told) == [(3, 4)]
    assert told.start_s == pytest.approx(downbeat, abs=0.04)
