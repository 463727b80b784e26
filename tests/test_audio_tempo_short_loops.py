"""Audio tempo and bar 1 of short loops and phrases (core/audio_tempo.py), on rendered audio."""

import pytest
import soundfile as sf
from audio_synth import make_loop, make_part

from reagroove.core.audio import read_audio


@pytest.mark.parametrize("kind, bpm", [("strum", 120.0), ("keys", 96.0), ("mix", 75.0), ("bass", 140.0)])
def test_a_one_bar_loop_is_read_at_its_own_tempo_from_its_start(tmp_path, kind, bpm):
    """A 1-bar loop exported from a DAW (2 s at 120 BPM) holds 4 beat lines, fewer than a reading needs, so
    only faster tempos were weighed: 120 BPM came back as 77, 96 as 193, 75 as 150, 140 as 96. A short
    file that starts with its music and fits a whole-bar tempo is a loop: it is read as it plays, over and
    over, a whole number of bars long, with bar 1 where it starts."""
    path = tmp_path / "loop.wav"
    sf.write(str(path), make_loop(kind, bpm, bars=1, seed=7), 22050)
    content = read_audio(path)
    assert content.bpm == pytest.approx(bpm, rel=0.04)
    assert content.start_s == pytest.approx(0.0, abs=0.03)
    # The drums' bars are the loop's: its onsets fall within one bar from bar 1.
    assert content.notes.start.min() >= 0.0 and content.notes.start.max() < 4.0


def test_a_short_phrase_that_is_no_loop_is_read_as_before(tmp_path):
    """A phrase cut 0.4 s past its second bar (a tail of the next) or 3 bars long is no 1-, 2- or 4-bar loop:
    reading it as one (its length as whole bars) gave 120 BPM as 55-80 and 140 as 63-96."""
    for kind, bpm, bars, extra in (("keys", 140.0, 2, 0.4), ("mix", 90.0, 2, 0.4), ("strum", 120.0, 3, 0.0), ("keys", 140.0, 3, 0.6)):
        audio, downbeat = make_part(kind, bpm, seconds=10.0, seed=3)
        path = tmp_path / "phrase.wav"
        sf.write(str(path), audio[: int(round((downbeat + bars * 240.0 / bpm + extra) * 22050))], 22050)
        assert read_audio(path).bpm == pytest.approx(bpm, rel=0.04), (kind, bpm, bars, extra)
