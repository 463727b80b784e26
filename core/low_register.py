"""The band's low register: the bass part that drives the kick, read from MIDI notes by pitch (no program changes
needed: bass guitars, synth bass and a piano's left hand all sit there), or audio's low bands (core/audio.py)."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .midi import MidiContent, Notes

BASS_MEDIAN_PITCH = 50  # a part whose median pitch is below D3 is a bass part
BASS_PITCH = 48  # without such a part: notes below C3 are the low register


def bass_notes(notes: Notes) -> Notes:
    """The low-register part of a set of notes: tracks/channels whose median pitch is below
    BASS_MEDIAN_PITCH, or, where no part is that low, the notes below BASS_PITCH.

    Works from MIDI alone (no program changes needed): bass guitars, synth bass
    and a piano's left hand all sit there. Drum-channel notes are never bass."""
    if len(notes) == 0:
        return notes
    notes = notes.select(notes.channel != DRUM_CHANNEL)
    key = notes.parts()
    low = np.zeros(len(notes), bool)
    medians = {int(k): float(np.median(notes.pitch[key == k])) for k in np.unique(key)}
    for k, median in medians.items():
        if median < BASS_MEDIAN_PITCH:
            low |= key == k
    if not low.any():
        low = notes.pitch < BASS_PITCH
    return notes.select(low)


def low_register(content: MidiContent) -> Notes:
    """The notes of content's low register: audio's bass part, which it carries apart from its notes
    (core/audio.py: the low bands' onsets), else its MIDI's (`bass_notes`)."""
    low = getattr(content, "bass_part", None)
    return bass_notes(content.notes) if low is None else low


__all__ = ["BASS_MEDIAN_PITCH", "BASS_PITCH", "bass_notes", "low_register"]
