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


@pytest.mark.parametrize("bpm", [120.0, 140.0, 170.0])
def test_a_two_bar_loop_is_not_read_as_one_bar_at_half_tempo(tmp_path, bpm):
    """A 2-bar loop (4 s at 120 BPM) is also 1 bar at 60, and at that reading the bar is the loop itself, which
    repeats perfectly because the file is played over and over, whatever the music: the 2-bar loops of 4 kinds
    (6 seeds each) were read at half tempo in 7 of 24 at 120 BPM, 12 of 24 at 140 and 20 of 24 at 170. A bar as
    long as the loop is now weighed by what the loop says of it (its half bar's repeat)."""
    right = 0
    for kind in ("bass", "strum", "keys", "mix"):
        for seed in range(3):
            path = tmp_path / f"{kind}{seed}.wav"
            sf.write(str(path), make_loop(kind, bpm, bars=2, seed=seed), 22050)
            right += read_audio(path).bpm == pytest.approx(bpm, rel=0.04)
    assert right >= 10  # of 12 (before: 7 at 120 BPM, 5 at 140, 2 at 170)
