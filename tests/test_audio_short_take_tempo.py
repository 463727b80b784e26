"""A take too short to tell its tempo says its estimate is a guess (core/audio.py SHORT_TAKE_BPM): one bar of bass at
100 BPM with a lead-in (3 s) was read at 200.38 BPM, a 1-bar keys loop at 120 at 94.84, both said as plainly as a
long take's tempo, and the drums played a fill and an ending at double time. A take needs two bars to read a tempo;
notes spanning less than a bar at 70 BPM (a loop: its file) may be one bar, so the note says the tempo is a guess and
how to give it. Longer takes, and a tempo given, say nothing more."""

import pytest
import soundfile as sf
from audio_synth import make_loop, make_part

from reagroove.core.audio import read_audio

SR = 22050
GUESS = "too short to tell its tempo"


def take(tmp_path, kind: str, bpm: float, bars: int, *, seed: int = 14) -> str:
    """`bars` bars of a part at bpm after a 0.3-s lead-in, with 0.3 s of its ring after them (a bounce of a phrase)."""
    audio, downbeat = make_part(kind, bpm, lead_s=0.3, seconds=bars * 240 / bpm + 4, seed=seed, sr=SR)
    path = tmp_path / f"{kind}{bars}.wav"
    sf.write(path, audio[:int(round((downbeat + bars * 240 / bpm + 0.3) * SR))], SR)
    return str(path)


def guesses(content) -> list[str]:
    return [w for w in content.warnings if GUESS in w]


@pytest.mark.parametrize("kind, bpm", [("bass", 100.0), ("keys", 80.0), ("strum", 120.0), ("mix", 150.0)])
def test_a_one_bar_take_says_its_tempo_is_a_guess_and_how_to_give_it(tmp_path, kind, bpm):
    content = read_audio(take(tmp_path, kind, bpm, 1))
    said = guesses(content)
    assert len(said) == 1, content.warnings
    assert f"{content.bpm:.1f} BPM is a guess; give --bpm" in said[0] and "the take's notes span" in said[0]


def test_a_one_bar_loop_says_so_too_though_it_is_read_at_its_length(tmp_path):
    path = tmp_path / "loop.wav"
    sf.write(path, make_loop("keys", 120.0, bars=1, seed=7), SR)
    said = guesses(read_audio(path))
    assert len(said) == 1 and said[0].startswith("the 2.0-s loop is too short to tell its tempo"), said


# (their notes span 4.8 s and more: past a bar at 70 BPM, 3.4 s)
@pytest.mark.parametrize("kind, bpm, bars", [("bass", 100.0, 2), ("keys", 80.0, 2), ("strum", 150.0, 3),
                                             ("mix", 120.0, 4)])
def test_takes_of_two_bars_or_more_at_a_bar_past_the_line_say_nothing_more(tmp_path, kind, bpm, bars):
    content = read_audio(take(tmp_path, kind, bpm, bars))
    assert content.bpm == pytest.approx(bpm, rel=0.02)
    assert not guesses(content), content.warnings


def test_a_two_bar_loop_is_as_long_as_its_file_not_its_notes(tmp_path):
    # its last chord on beat 3 of bar 2: the notes span 3.3 s, the loop 4 s (two bars at 120)
    path = tmp_path / "loop2.wav"
    sf.write(path, make_loop("keys", 120.0, bars=2, seed=0), SR)
    assert not guesses(read_audio(path))


def test_a_given_tempo_is_no_guess(tmp_path):
    assert not guesses(read_audio(take(tmp_path, "bass", 100.0, 1), bpm=100.0))
