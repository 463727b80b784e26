"""What the band's notes say in each window beyond their onsets: how many of its parts play (parts_playing: parts
joining or leaving start a section, sections.layer_sections) and the lowest pitch started on each step
(lowest_pitches: the roots a riff change is heard from, riff_sections.py). groove.extract_windows puts both in
its Windows."""

from __future__ import annotations

import numpy as np

from .loop import LOOP_BEATS, STEPS, STEPS_PER_BEAT
from .midi import Notes

NO_PITCH = -1  # lowest_pitches' step where no note starts


def parts_playing(notes: Notes, starts: np.ndarray) -> np.ndarray:
    """(W,) how many parts (a MIDI track and channel each) start a note in each window starting at `starts`."""
    cell = np.searchsorted(np.asarray(starts, np.float64), notes.start + 1.0 / (2 * STEPS_PER_BEAT), side="right") - 1
    key = notes.parts()
    inside = (cell >= 0) & (notes.start < np.asarray(starts)[np.maximum(cell, 0)] + LOOP_BEATS)
    size = int(key.max()) + 1 if len(key) else 1
    pairs = np.unique(cell[inside] * size + key[inside])  # each part once per window
    return np.bincount(pairs // size, minlength=len(starts)).astype(np.int64)


def lowest_pitches(cells, windows: int) -> np.ndarray:
    """(W, 32) int16: the lowest pitch starting on each step of `windows` windows (NO_PITCH where none), from
    groove._grid_cells' (window, step, pitch, ...) cells of the notes, their pitch as the lane (one cell a pitch)."""
    win, step, pitch = cells[0], cells[1], cells[2]
    out = np.full((windows, STEPS), 128, np.int16)
    np.minimum.at(out, (np.asarray(win, np.int64), np.asarray(step, np.int64)), np.asarray(pitch, np.int16))
    out[out == 128] = NO_PITCH
    return out


__all__ = ["NO_PITCH", "lowest_pitches", "parts_playing"]
