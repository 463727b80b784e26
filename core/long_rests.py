"""Where an input rests long: the runs of windows without a note (said by extract_windows: the drums keep time
through them), and the notes' longest gap (said where an input is too long to drum whole)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .groove import BarGrid
    from .midi import Notes


def rest_windows(counts: np.ndarray, at_least: int) -> list[tuple[int, int]]:
    """The runs of at least `at_least` windows without a note, in order, as (first, end) indices."""
    empty = np.concatenate([[0], (np.asarray(counts) == 0).astype(np.int8), [0]])
    runs = np.flatnonzero(np.diff(empty)).reshape(-1, 2)
    return [(int(first), int(end)) for first, end in runs if end - first >= at_least]


def longest_rest(notes: Notes, grid: BarGrid, shift: int = 0) -> str:
    """Where the notes leave their longest gap, in bars (said `shift` on: Windows.bar_shift), for an input too
    long to drum whole."""
    beats = np.unique(notes.start)
    if len(beats) < 2:
        return "one note"
    i = int(np.argmax(np.diff(beats)))
    first, last = grid.bar_number(beats[i]), grid.bar_number(beats[i + 1])
    if last - first < 2:  # no whole bar of rest anywhere: the music plays on throughout
        return "notes in every bar"
    return f"none between bar {first + shift} and bar {last + shift}"


__all__ = ["rest_windows", "longest_rest"]
