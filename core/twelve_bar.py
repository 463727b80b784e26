"""12-bar choruses: a blues played through more than once, where a drummer fills into each chorus and crashes on it.

The other sections are heard on 4- and 8-bar phrases; a 12-bar blues played twice through the same band is one
texture to them (R13 p6: chorus 2 at bar 13 went unmarked, `bar 9 x4` ran across it). Here each bar is read by its
downbeat root (the lowest note the band starts in the bar's first beat, Windows.lows: the harmony's root, where
the lowest note of the whole bar is a walking bass's passing tone). Where those roots repeat every 12 bars
(TWELVE_SAME of the bars 12 apart) and not every 4 or 8 (at most OTHER_SAME: a blues's I-IV-I-I | IV-IV-I-I |
V-IV-I-V matches 57% of the bars 4 apart), the song is in 12-bar choruses, counted from its first played bar.

Measured (scratch scripts, /tmp/s79/T2): of freedoom's 108 songs none reads so as a whole (its one 12-bar passage,
d_e4m7 bars 5-28, lies inside a song of other phrases; its drummer fills into and crashes on bar 17); of the 27
review parts (R10, R11, R13) and the 3 examples, exactly the two blues do (R11 p7 12/8 slow blues, R13 p6
rockabilly); a house part whose textures change 12 bars apart (its roots loop every 4) does not.
"""

from __future__ import annotations

import numpy as np

from .sections import played_bars

FORM_BARS = 12
TWELVE_SAME = 0.85  # the share of bars whose downbeat root is the one 12 bars later ...
# ... and at most this share 3, 4, 6 or 8 bars later (else the 12 bars are shorter phrases: a blues's bars 3 and 6
# apart match in 1 of 6; a 3-bar cycle of roots, every 12 bars the same too, is no blues)
OTHER_SAME = 0.75
OTHER_PERIODS = (3, 4, 6, 8)
MIN_PAIRS = 12  # at least a whole chorus heard twice
TAIL_BARS = 4  # a chorus starting this close to the end is the song's last bars (an ending's tonic), no chorus


def _downbeat_roots(lows: np.ndarray, bars, meters, starts, end) -> dict[int, int]:
    """{bar: the pitch class of the first root started in its first beat} for each bar the windows play."""
    out: dict[int, int] = {}
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = max(beats[0].start, 0), max(beats[0].start + beats[0].length, 0)
        row = lows[w, lo:hi] if bar not in out and hi > lo else np.empty(0, int)
        row = row[row >= 0]
        if len(row):
            out[bar] = int(row[0]) % 12
    return out


def _same(roots: dict[int, int], period: int) -> tuple[float, int]:
    pairs = [roots[b] == roots[b + period] for b in roots if b + period in roots]
    return (sum(pairs) / len(pairs) if pairs else 0.0), len(pairs)


def chorus_starts(lows, bars, meters, starts=None, end: float = float("inf")) -> list[int]:
    """Bars that start a new 12-bar chorus (the second on), or [] where the song is not in 12-bar choruses."""
    if lows is None or not len(bars):
        return []
    roots = _downbeat_roots(np.asarray(lows), bars, meters, starts, end)
    if not roots:
        return []
    twelve, pairs = _same(roots, FORM_BARS)
    if pairs < MIN_PAIRS or twelve < TWELVE_SAME or any(_same(roots, p)[0] > OTHER_SAME for p in OTHER_PERIODS):
        return []
    first, last = min(roots), max(roots)
    return list(range(first + FORM_BARS, last - TAIL_BARS + 2, FORM_BARS))
