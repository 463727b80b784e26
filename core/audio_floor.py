"""A recording's levels: its noise floor starting is not a note, and a quiet take is raised before analysis.

The onset envelope compares each frame with the frames before it, and
before the file's first sample there is digital silence. A take that opens
on room tone, amp hiss or a noisy preamp (a silent intro, a count-in left
out) therefore "rises" 30-50 dB at 0 s, and that rise was picked as an
onset: a note at 0 s that nobody played. It was said as an onset left out
before bar 1, stretched the onsets' span back to 0 s, so the beat tracker's
guesses through the silent intro counted as the take's beats (a steady take
at 120 BPM read as "a drifting tempo, 119.8 to 123.6 BPM", its drums 10 ms
early throughout), and could pull the tempo and bar 1 estimates.

Such an onset is told from a note by its level: it is no louder than the
file's quiet stretches (the 5th percentile of the loudest band's level, the
noise floor where the take has any pauses) and far below the loud onsets. A
note that opens the file (a loop cut on the beat) is well above its floor,
and in a dense, compressed file whose quiet stretches are loud, it is near
the loud onsets: both are kept.
"""

from __future__ import annotations

import numpy as np

FLOOR_PERCENTILE = 5.0  # the file's quiet stretches: its noise floor where it has any pauses
FLOOR_MARGIN_DB = 6.0  # an opening onset this close to the floor is the floor starting
BELOW_LOUD_DB = 20.0  # ... when it is also this far below the loud onsets (never a compressed mix's first note)


def opening_frames(frame_s: float, ref_s: float, lag: int, fps: float) -> int:
    """Frames whose reference reaches back before the file's first sample (half a window, the lag and the reference span)."""
    return int(np.ceil((frame_s / 2 + ref_s) * fps)) + lag


def floor_at_start(peaks: np.ndarray, peak_level: np.ndarray, level: np.ndarray, loud_level: float, opening: int) -> np.ndarray:
    """Mask of `peaks` (frames, with their levels in dB) to keep: False for an onset in the `opening` frames that is only
    the file's noise floor starting (within FLOOR_MARGIN_DB of its floor and BELOW_LOUD_DB under `loud_level`)."""
    keep = np.ones(len(peaks), bool)
    first = np.flatnonzero(peaks < opening)
    if len(first) == 0 or len(level) == 0:
        return keep
    floor = float(np.percentile(level, FLOOR_PERCENTILE))
    quiet = (peak_level[first] <= floor + FLOOR_MARGIN_DB) & (peak_level[first] <= loud_level - BELOW_LOUD_DB)
    keep[first[quiet]] = False
    return keep


# A quiet take: its loudest band under QUIET_DB (a take bounced near full scale reads -4 to -19 dB there).
# The fixed floors (-90 dB, notes at -70 dBFS at least) cost a take at -40 dBFS 3 of 55 notes, and one
# at -60 dBFS all. It is read again raised to GAIN_TARGET_DB, at most MAX_GAIN_DB: as if normalised.
QUIET_DB = -30.0
GAIN_TARGET_DB = -10.0
MAX_GAIN_DB = 70.0
# ... only if its loudest moments stand this far over its median level: hiss's loudest frames are 3 dB
# over its median (raised, it would read as loud hiss), a part's notes 10-20 dB, a pad's 7.
STANDS_OUT_DB = 6.0


def quiet_gain_db(level: np.ndarray, floor_db: float) -> float:
    """dB to raise a quiet take by before analysis (0: none), from its loudest band's `level` per frame (dB)."""
    if len(level) == 0:
        return 0.0
    top = float(level.max())
    if top >= QUIET_DB or top <= floor_db + 1 or top - float(np.median(level)) < STANDS_OUT_DB:
        return 0.0  # loud enough, digital silence, or hiss: nothing stands out of it
    return min(GAIN_TARGET_DB - top, MAX_GAIN_DB)


__all__ = ["floor_at_start", "opening_frames", "quiet_gain_db"]
