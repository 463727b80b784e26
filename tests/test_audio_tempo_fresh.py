"""Audio tempo and bar 1 of loops and slow parts (core/audio_tempo.py), on rendered audio."""

import pytest
import soundfile as sf
from audio_synth import make_loop

from reagroove.core.audio import read_audio


@pytest.mark.parametrize("kind, bpm", [("strum", 120.0), ("keys", 96.0), ("mix", 75.0), ("bass", 140.0)])
def test_a_one_bar_loop_is_read_at_its_own_tempo_from_its_start(tmp_path, kind, bpm):
    """A 1-bar loop exported from a DAW (2 s at 120 BPM) holds 4 beat lines, fewer than a reading needs, so
    only faster tempos were weighed: 120 BPM came back as 77, 96 as 193, 75 as 150, 140 as 96. A short
    file that starts with its music is a loop: it is read as it plays, over and over, a whole number of
    bars long, with bar 1 where it starts."""
    path = tmp_path / "loop.wav"
    sf.write(str(path), make_loop(kind, bpm, bars=1, seed=7), 22050)
    content = read_audio(path)
    assert content.bpm == pytest.approx(bpm, rel=0.04)
    assert content.start_s == pytest.approx(0.0, abs=0.03)
    # The drums' bars are the loop's: its onsets fall within one bar from bar 1.
    assert content.notes.start.min() >= 0.0 and content.notes.start.max() < 4.0
