"""What the band's notes say in each window beyond their onsets: how many of its parts play (parts_playing: parts
joining or leaving start a section, sections.layer_sections, less a part's landing on the next section's downbeat:
without_landings), and which parts (PartsPlaying.steps: parts swapped for others start one,
part_swap_sections.py), and the lowest pitch started on each step
(lowest_pitches: the roots a riff change is heard from, riff_sections.py). groove.extract_windows puts them in
its Windows."""

from __future__ import annotations

import numpy as np

from .loop import LOOP_BEATS, STEPS, STEPS_PER_BEAT
from .midi import Notes

NO_PITCH = -1  # lowest_pitches' step where no note starts


PART_BITS = 63  # parts told apart by PartsPlaying.steps (a part past these shares the last one's bit)


class PartsPlaying(np.ndarray):
    """(W,) int64 how many parts play in each window (what Windows.parts holds, a plain count to what reads it), with
    `steps`: (W, 32) int64, a bit for each part (in order of its track and channel) starting a note on that step, so
    a drummer's "the lead left and two parts came in" is heard by which parts play, not how many. An array taken
    from it (a slice, a sum) is a plain count: `steps` stays with the whole part's windows only."""

    steps: np.ndarray | None = None

    def __array_finalize__(self, obj) -> None:
        self.steps = None  # (not carried over: its rows would not be the new array's)


def parts_playing(notes: Notes, starts: np.ndarray) -> PartsPlaying:
    """(W,) how many parts (a MIDI track and channel each) start a note in each window starting at `starts`, and on
    which steps each does (PartsPlaying.steps)."""
    starts = np.asarray(starts, np.float64)
    cell = np.searchsorted(starts, notes.start + 1.0 / (2 * STEPS_PER_BEAT), side="right") - 1
    key = notes.parts()
    inside = (cell >= 0) & (notes.start < starts[np.maximum(cell, 0)] + LOOP_BEATS)
    size = int(key.max()) + 1 if len(key) else 1
    pairs = np.unique(cell[inside] * size + key[inside])  # each part once per window
    out = np.bincount(pairs // size, minlength=len(starts)).astype(np.int64).view(PartsPlaying)
    # each note on its nearest 16th (half a 16th early is that step's, as the window's cell above)
    step = np.clip(np.floor((notes.start - starts[np.maximum(cell, 0)]) * STEPS_PER_BEAT + 0.5), 0, STEPS - 1)
    bit = np.minimum(np.unique(key, return_inverse=True)[1], PART_BITS - 1).astype(np.int64)
    steps = np.zeros((len(starts), STEPS), np.int64)
    np.bitwise_or.at(steps, (cell[inside], step[inside].astype(np.int64)), np.left_shift(1, bit[inside]))
    out.steps = steps
    return out


LANDING_STEPS = 2 * STEPS_PER_BEAT  # a part's last notes within a window's first two beats ...


def without_landings(parts: PartsPlaying | None) -> np.ndarray | None:
    """(W,) the parts playing in each window (Windows.parts) less those that only land there: their notes all
    within its first LANDING_STEPS, after they played the window before, none in the window after. A lead ending
    its line on the next section's downbeat has left there (freedoom's E2M3, bar 65: two parts out, one of them
    landing; sections.layer_sections had counted it one window more, the change not held: read so, freedoom has 9
    more bars of parts joining or leaving, 8 of them its drummers' crashes). Plain counts (audio's) as they are."""
    steps = getattr(parts, "steps", None)
    return parts if steps is None else np.asarray(parts) - _landings(steps)


def _landings(steps: np.ndarray) -> np.ndarray:
    """(W,) how many parts only land in each window of `steps` (PartsPlaying.steps), as without_landings reads it."""
    playing = np.bitwise_or.reduce(steps, axis=1)
    early, later = (np.bitwise_or.reduce(half, axis=1) for half in np.split(steps, [LANDING_STEPS], axis=1))
    before, after = np.append(0, playing[:-1])[:len(steps)], np.append(playing[1:], 0)
    landing = early & ~later & before & ~after
    return np.array([bin(int(m)).count("1") for m in landing], np.int64)


def lowest_pitches(cells, windows: int) -> np.ndarray:
    """(W, 32) int16: the lowest pitch starting on each step of `windows` windows (NO_PITCH where none), from
    groove._grid_cells' (window, step, pitch, ...) cells of the notes, their pitch as the lane (one cell a pitch)."""
    win, step, pitch = cells[0], cells[1], cells[2]
    out = np.full((windows, STEPS), 128, np.int16)
    np.minimum.at(out, (np.asarray(win, np.int64), np.asarray(step, np.int64)), np.asarray(pitch, np.int16))
    out[out == 128] = NO_PITCH
    return out


__all__ = ["NO_PITCH", "PartsPlaying", "lowest_pitches", "parts_playing", "without_landings"]
