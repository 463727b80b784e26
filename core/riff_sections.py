"""Riff changes: where the band moves to a new riff on the same rhythm, a section a drummer hears from its notes.

The other sections heard (sections.py) come from the band's onsets, which carry no pitch: a riff played on E for
16 bars, then the same rhythm on A, was one groove to them. Here each bar's notes are read by their root, the
lowest note the band starts on each 16th (Windows.lows, from the bass where one plays): where the roots' pitch
classes over the 4 bars from one of the song's 4-bar phrases differ from the 4 before by RIFF_CHANGE, each block
held either side (the 4 bars before it the 4 before them again, the 4 after it the next 4), the band has changed
riffs and keeps to it. A drummer fills into that bar and crashes on it, as at a marker.

RIFF_CHANGE is measured on freedoom's held-out songs (the 17 of models/freedoom_composer_split.txt), never openmsx: at
0.6, 7 of the 9 riff changes heard away from the other sections are bars its drummers crash on (19% of all bars
are); at 0.5, 7 of 14 (three of the others in d_dm24, whose drummer crashes once in the song). d_e1m6 (a training
song) going from E-A to C-A-E-G on bar 17 moves 0.50 of its roots: heard at 0.5, not at 0.6.

A change whose 4 bars after run past the song's end is no new riff: it is the song's last lines (d_e1m9 bar 69,
the verse's last line A A G G | F F D D, played the same way at bar 29 unheard). Over freedoom (92 4/4 songs with
drums), the drummers crash on 30 of the 42 changes held both sides (71%) and on none of the 3 held only before the
end (d_dm17 145, d_e1m9 69, d_e2m2 77).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .sections import SECTION_MIN_BARS, _on_phrase, _phrase_grid, played_bars

# the share of the roots' pitch classes (their onsets' counts) that moves between two 4-bar blocks ...
RIFF_CHANGE = 0.6
RIFF_STEADY = 2.0  # ... at least this many times what moves between either block and the 4 bars beyond it
RIFF_NOTES = 2  # a bar of a riff starts at least this many roots


def _roots(lows: np.ndarray, bars, meters, starts, end) -> dict[int, np.ndarray]:
    """{bar: (12,) how many of its 16ths start a root on each pitch class} for each bar the windows play."""
    out: dict[int, np.ndarray] = {}
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = max(beats[0].start, 0), max(beats[-1].start + beats[-1].length, 0)
        if bar in out or hi <= lo:
            continue
        row = lows[w, lo:hi]
        out[bar] = np.bincount(row[row >= 0] % 12, minlength=12).astype(np.float32)
    return out


def _riff_bar(roots: np.ndarray | None) -> bool:
    """Whether a bar plays a riff: RIFF_NOTES roots or more (a bass line of one note a bar is a melody, no riff)."""
    return roots is not None and roots.sum() >= RIFF_NOTES


def _apart(a: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> float:
    """How far two runs of bars' roots are apart: the share of their pitch classes that moves (0: the same, 1: none
    shared)."""
    x, y = np.sum(a, 0), np.sum(b, 0)
    return float(0.5 * np.abs(x / x.sum() - y / y.sum()).sum())


def riff_sections(lows, bars, meters, section_bars, near: Sequence[int], starts=None, end: float = float("inf"),
                  phrase_start: int | None = None, back: Sequence[int] = (), entries: int | None = None
                  ) -> dict[int, tuple[int, int]]:
    """{bar: (the root's pitch class before, after)} where the band moves to a new riff on one of its 4-bar phrases
    and keeps to it: the roots of the 4 bars from there differ from the 4 before in at least RIFF_CHANGE of their
    pitch classes, RIFF_STEADY times more than either block differs from the 4 bars beyond it (bars of RIFF_NOTES
    roots or more), away from the other sections heard (`near`: SECTION_MIN_BARS) and from each other (the stronger
    change wins). Phrases count from bar 1, the first phrase, comebacks (`back`) and `near` (from `entries` instead
    of the first two where the band's entries count its phrases: sections._phrase_grid). lows: Windows.lows (None
    where pitches are not known: audio, a drum part); none where markers are given."""
    if lows is None or len(section_bars) or not len(bars):
        return {}
    grid = _phrase_grid(bars, phrase_start, (*back, *near), entries)  # (the song's phrases count from each section too)
    roots = _roots(np.asarray(lows), bars, meters, starts, end)
    last = max(roots, default=0)
    found = []
    for b in sorted(roots):
        block = [roots.get(k) for k in range(b - 8, b + 8)]
        if not _on_phrase(b, grid) or not all(_riff_bar(r) for r in block[4:12]):
            continue
        if b + 7 > last:  # the 4 bars after it run past the song's end: the song's last lines, not a new riff
            continue
        change = _apart(block[4:8], block[8:12])
        # held either side: the 4 bars before are the 4 before them again, the 4 after the next 4 (a riff of 4
        # bars, E A E B, is one riff however its bars differ); where the part opens or stops, one side only
        held = [_apart(a, b_) for a, b_ in ((block[0:4], block[4:8]), (block[8:12], block[12:16]))
                if all(_riff_bar(r) for r in (*a, *b_))]
        if held and change >= RIFF_CHANGE and change > RIFF_STEADY * max(held):
            found.append((change, b, int(np.argmax(np.sum(block[4:8], 0))), int(np.argmax(np.sum(block[8:12], 0)))))
    out: dict[int, tuple[int, int]] = {}
    for change, b, before, after in sorted(found, reverse=True):
        if all(abs(b - k) >= SECTION_MIN_BARS for k in (*near, *out)):
            out[b] = (before, after)
    return dict(sorted(out.items()))


__all__ = ["riff_sections", "RIFF_CHANGE", "RIFF_STEADY", "RIFF_NOTES"]
