"""What a drum part is: notes all on MIDI channel 10 (a drum take, pads played live), which the drum-part network
plays (models/README.md), and whether it was typed into a DAW rather than played."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .loop import STEPS_PER_BEAT
from .midi import Notes


def typed_beat(notes: Notes) -> bool:
    """A drum part typed into a DAW: 8 notes or more, all at one velocity and on the 16th grid (within a 20th of a
    16th, 6 ms at 120 BPM: tighter than a player). Its groove has no accents or timing, where a drummer's tells
    the drum-part network where the kick and snare were (models/README, "Tried in stop 58": F1 0.44 against 0.64
    on GMD's validation loops made so)."""
    if len(notes) < 8 or np.ptp(notes.velocity) > 1:
        return False
    return bool(np.all(np.abs(notes.start * STEPS_PER_BEAT - np.round(notes.start * STEPS_PER_BEAT)) < 0.05))


def is_drum_part(notes: Notes) -> bool:
    """Whether notes are a drum part: every one on MIDI channel 10 (a drum take, a pad, a drum loop
    to re-drum). Such a part's onsets are drum hits already, so the model trained on drummers'
    own grooves plays it (models/README.md); any other part is a band part."""
    return bool(len(notes)) and bool(np.all(notes.channel == DRUM_CHANNEL))


__all__ = ["is_drum_part", "typed_beat"]
