"""Slow 6/8 and 12/8 takes (40-48 dotted quarters a minute) read in their own meter at their own tempo: their even
8ths, grouped in threes with the chords changing every second group, were read as a waltz at 120-144 BPM, each
drum bar half a bar of the take (core/audio_slow_compound.py)."""

import pytest
from test_audio_told_meter import six_eight_part

from reagroove.core.audio import read_audio


# Each was read in 3/4 at twice its quarter-note tempo (120-136 BPM).
@pytest.mark.parametrize("dotted_bpm,seed,eighths", [(40.0, 0, 6), (45.0, 3, 6), (42.0, 1, 12), (46.0, 5, 12)])
def test_a_slow_compound_take_is_read_in_its_meter_at_its_tempo(tmp_path, dotted_bpm, seed, eighths):
    path, bar1 = six_eight_part(tmp_path, dotted_bpm, seed, eighths=eighths, bars=16 if eighths == 6 else 10)
    content = read_audio(path)
    assert [(n, d) for _, n, d in content.time_signatures] == [(eighths, 8)]
    assert content.tempos[0][1] == pytest.approx(1.5 * dotted_bpm, rel=0.01)  # quarter notes, as MIDI counts
    assert content.start_s == pytest.approx(bar1, abs=0.04)
    assert any(f"{eighths}/8 time" in w for w in content.warnings)
