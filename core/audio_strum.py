"""A strum's later strings, told from new notes: a guitar raked slowly (25-30 ms a string, a stroke of six strings
taking 125-150 ms) rises in the onset envelope once a string, and its last strings, where the stroke's own peak
has left the picker's moving average, read as onsets of their own (at 100 BPM, 157 onsets to 68 strokes, and the
take read at double tempo). A drummer hears one hit, at the first string.

Such a string's peak is a small part of the stroke's and the envelope between them never rests: it peaks again
within a string's gap all the way from the stroke. A note of its own (a ghost stroke, a 16th after an accent)
starts out of the stroke's ringing, with no train of rises leading to it, or is as strong as the stroke.
"""

from __future__ import annotations

import numpy as np


def rake_strings(flux: np.ndarray, fps: float, peak_times: np.ndarray, strength: np.ndarray, *, gap_s: float,
                 span_s: float, ratio: float, floor_abs: float, floor_part: float = 0.25) -> np.ndarray:
    """Which onsets (by their flux peaks' times `peak_times`, s, and `strength`, their flux there) are a strum's
    later strings: more than `gap_s` and at most `span_s` after a stroke at least `ratio` times as strong, and
    joined to it by flux peaks (each at least `floor_part` of the onset's own and `floor_abs`) never more than
    `gap_s` apart; and the onsets picked between them as weak. A string already found to be one does not start a
    stroke of its own. An onset within `gap_s` of the stroke and nothing after is kept: a drummer's flam or drag
    (rendered Groove MIDI grooves lost 4 ghost notes 25-47 ms after a note when those counted too)."""
    n, count = len(flux), len(peak_times)
    later = np.zeros(count, bool)
    if count < 2 or gap_s <= 0:
        return later
    idx = np.clip(np.round(np.asarray(peak_times) * fps).astype(np.int64), 0, n - 1)
    gap, span = max(1, int(round(gap_s * fps))), int(round(span_s * fps))
    for j in range(1, count):
        p = idx[j]
        for k in range(j - 1, -1, -1):
            q = idx[k]
            if p - q > span:
                break
            if later[k] or strength[k] < ratio * strength[j] or p - q <= gap:
                continue
            seg = flux[q : p + 1]
            floor = max(floor_abs, floor_part * float(strength[j]))
            peaks = np.flatnonzero((seg[1:-1] >= seg[:-2]) & (seg[1:-1] > seg[2:]) & (seg[1:-1] >= floor)) + 1
            if np.diff(np.concatenate([[0], peaks, [len(seg) - 1]])).max() <= gap:
                later[j] = True
                # the strings picked between, the one next to the stroke too, are as much the stroke's
                later[k + 1 : j] |= strength[k + 1 : j] * ratio <= strength[k]
                break
    return later
