"""A take whose tempo jumps further than the drums follow, said: from there its notes sit off the drums' grid.

core/audio_tempo_step.py follows a take that steps between two steady sections, up to a third faster or slower
where each section's windows read their own tempo cleanly. Where they do not (a section at 5:4 of the other reads
as the other's alias; a verse at 120 BPM and a bridge at 92 blur into 115), the take was drummed at one tempo, and
from the jump on the drums ran at the wrong tempo with nothing said (a keys part going 84 -> 105 BPM: its second
half's notes up to a beat off). Such a stretch is plain in the notes: on the grid they fit for most of the take
they sit near the 16ths, and past the jump they land anywhere between them.

A band that changes feel at one tempo leaves the 16ths too: 8th triplets (a 12/8 feel) sit a third of a 16th off
them, swung 8ths a third to two fifths. Those notes sit on a grid of their own, the triplets' or the swung 8ths',
where a jump's notes land anywhere on every grid; only a stretch off all of them is said.
"""

from __future__ import annotations

import numpy as np

WINDOW_S = 12.0  # the take's notes are read in windows this long (the tempo windows' length)
HOP_S = 6.0
MIN_NOTES = 12  # a window with fewer notes says nothing
ON_GRID = 0.12  # 16ths: a window whose notes sit this near the grid's 16ths (weighted mean) fits it (8 ms jitter
# at 120 BPM: 0.06)
OFF_GRID = 0.2  # ... and one this far off does not (notes anywhere between the 16ths: 0.25)
FEEL_FIT = 0.15  # ... unless its notes sit this near the triplets or swung 8ths (in their own steps; soft notes'
# onsets read late put a 12/8 feel at 0.03-0.11, a jump's notes are 0.19-0.26 from either grid)
SWING = np.arange(0.58, 0.725, 0.01)  # where a swung 8th falls in its beat: lightly swung to dotted 8th-16th
MIN_OFF_S = 18.0  # at least this much of the take sits off (a bar or two of rubato, a fill, is not a jump)


def window_fits(times: np.ndarray, w: np.ndarray, beats: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(window starts s, how far each window's notes sit off the 16ths, off the triplets or swung 8ths) of a take's
    notes (`times` s, weights `w`, at `beats` on the drums' grid), over windows with MIN_NOTES notes or more."""
    times, w, beats = (np.asarray(a, np.float64) for a in (times, w, beats))
    sixteenths = np.abs(4 * beats - np.round(4 * beats))  # each note's distance from the grid, in its steps
    triplets = np.abs(3 * beats - np.round(3 * beats))
    in_beat = beats - np.floor(beats)
    swung = 2 * np.minimum(np.minimum(in_beat[:, None], np.abs(in_beat[:, None] - SWING)), 1 - in_beat[:, None])
    starts, off, feel = [], [], []
    for s in np.arange(times[0], times[-1] - WINDOW_S + 1e-9, HOP_S) if len(times) else ():
        m = (times >= s) & (times < s + WINDOW_S)
        if m.sum() >= MIN_NOTES:
            starts.append(s)
            off.append(float(np.average(sixteenths[m], weights=w[m] + 1e-9)))
            feel.append(min(float(np.average(triplets[m], weights=w[m] + 1e-9)),
                            float(np.average(swung[m], axis=0, weights=w[m] + 1e-9).min())))
    return np.asarray(starts), np.asarray(off), np.asarray(feel)


def off_grid_stretch(times: np.ndarray, w: np.ndarray, beats: np.ndarray) -> tuple[float, float] | None:
    """(from s, to s) of the stretch where a take's notes (`times` s, weights `w`, at `beats` on the drums'
    grid) sit off the grid's 16ths while the rest of the take fits it, or None."""
    times = np.asarray(times, np.float64)
    if len(times) < 2 * MIN_NOTES or times[-1] - times[0] < WINDOW_S + MIN_OFF_S:
        return None
    starts, off, feel = window_fits(times, w, beats)
    if len(off) < 3:
        return None
    if off.min() > ON_GRID:  # nowhere on the grid (a shuffle read on straight 16ths): not a jump
        return None
    bad = (off > OFF_GRID) & (feel > FEEL_FIT)  # triplets or swung 8ths at the drums' tempo are a feel, not a jump
    if not bad.any():
        return None
    lo, hi = float(starts[bad].min()), float(starts[bad].max() + WINDOW_S)
    return (lo, hi) if hi - lo >= MIN_OFF_S else None


def jump_note(stretch: tuple[float, float], bpm: float, mapped: bool) -> str:
    """What a user should know about a take whose notes leave the drums' grid over `stretch` (s): drummed at one
    tempo, `bpm`, or along a tempo map (`mapped`) that misses the change."""
    lo, hi = stretch
    kept = "the drums' tempo map misses it" if mapped else f"the drums keep {bpm:.1f} BPM"
    return (f"the take's notes sit off the drums' grid from about {lo:.0f} s to {hi:.0f} s: its tempo seems to jump "
            f"further than the drums follow ({kept}); cut the take where it changes and drum each part, or give --bpm")
