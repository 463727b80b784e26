"""A file's end marker: an inaudible note a sequencer or a game's tracker leaves after the music has ended (openmsx's
chuggachugga and ttsong_iv: one note at velocity 10 a bar after the final chord has died away), so a player or a
loop point runs to the bar's end. Read as music it made a bar of its own: the song no longer ended on its final
chord, and the drums grooved on through that bar and the silence after it where a drummer ends with the band."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .midi import Notes

# a note this soft (MIDI velocity) is heard by nobody over a band; a pianissimo last note of a fade-out is louder
MARKER_VELOCITY = 16
# and this much softer than the music's median note at most: a part played at 20 throughout has no marker
MARKER_SHARE = 0.25


def end_marker_beat(notes: Notes) -> float | None:
    """The beat of the file's end marker among `notes` (every note of the file): the notes starting at its last
    onset, each at MARKER_VELOCITY or softer and MARKER_SHARE of the others' median velocity or less, struck after
    every other note has ended; None where the file has none. A drum part has none: its last soft note (a ghost
    note after a loop's last hit has died) is played."""
    if len(notes) < 2 or (notes.channel == DRUM_CHANNEL).all():
        return None
    last = float(notes.start.max())
    at = notes.start >= last - 1e-9
    rest = ~at
    if not rest.any() or float(notes.end[rest].max()) > last + 1e-9:
        return None
    loudest = int(notes.velocity[at].max())
    if loudest > MARKER_VELOCITY or loudest > MARKER_SHARE * float(np.median(notes.velocity[rest])):
        return None
    return last


def without_end_marker(notes: Notes, beat: float | None) -> Notes:
    """`notes` without the end marker at `beat` (end_marker_beat's; None: all of them)."""
    if beat is None or not len(notes):
        return notes
    return notes.select(~((notes.start >= beat - 1e-9) & (notes.velocity <= MARKER_VELOCITY)))
