"""A grace note on live input (core/live_rolls.py) is a soft note on its note's own channel: a soft kick pad 60 ms
before a snare pad (drum pads two semitones apart are two drums) had the kick taken back as the snare's grace note,
and so had a soft keys note before a bass note a tone away on another channel. On drum pads only the same pad's
soft stroke before a loud one is a grace note (a flam)."""

from reagroove.core.constants import DRUM_CHANNEL
from reagroove.core.live_rolls import Rolls

BPM = 120.0


def grace_of(first, second) -> bool:
    """Whether the note (pitch, velocity, channel) 60 ms before another is heard as that note's grace note."""
    rolls = Rolls()
    rolls.onset(0.0, 0.0, first[0], first[1], BPM, first[2])
    return rolls.onset(0.06, 0.12, second[0], second[1], BPM, second[2])[3] is not None


def test_a_soft_kick_pad_before_a_snare_pad_is_two_drums():
    assert not grace_of((36, 60, DRUM_CHANNEL), (38, 100, DRUM_CHANNEL))


def test_a_soft_stroke_of_the_same_pad_before_a_loud_one_is_a_flam():
    assert grace_of((38, 50, DRUM_CHANNEL), (38, 100, DRUM_CHANNEL))


def test_a_grace_note_is_on_its_notes_channel():
    assert grace_of((38, 60, 1), (40, 100, 1))  # a bass grace note a tone below
    assert not grace_of((62, 60, 0), (64, 100, 1))  # soft keys, then the bass a tone away: two parts
