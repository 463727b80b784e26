"""A section a drummer may play in half time, told as a tip (`--bars A-B --feel half`), not played so unasked.

A metal band dropping from 16th chugs to a sparse, loud, syncopated riff (a breakdown: hits on the 1, the "a" of 1,
the "and" of 2 ...) is often drummed in half time, the snare on each bar's 3 and the kick with the chugs; the drums
had stayed in full time there, louder. `--feel half` plays a whole part in half time, so the bars are named with the
way to ask for them alone.
Why a tip and not the feel itself: freedoom's drummers (95 drummed songs) play half time in 31 sections of 16 songs
amid normal time, and no band figure marks those sections (4-bar phrases, half time vs normal in the same songs:
AUC 0.40-0.59 for onsets a bar, notes, bass onsets, 16th syncopation, accents on 1 and 3, parts, pitches; the band
halving its onsets vs the phrase before: 7 of 32 such phrases half time). The section this module finds (below)
is found 4 times in freedoom, and its drummers stay in normal time in all 4; a producer asking for half time there
decides it, as in the 808 tip (feel.half_time_hint).
"""

from __future__ import annotations

import numpy as np

BAR = 16  # 16th steps of a 4/4 bar
SECTION_BARS = 4  # the sparse riff lasts this many bars at least (a stop or a bar's break is no section) ...
BEFORE_BARS = 4  # ... after this many bars of the band busier ...
DROP = 0.5  # ... playing at least twice its onsets a bar (median: 16ths or gallops -> a riff of 6)
# a riff, not rests or held chords: this many onsets a bar at least, and at most SPARSE_MOST (a half-time feel
# under busier playing is a part's choice the band does not show)
SPARSE_LEAST, SPARSE_MOST = 3, 8
# syncopated: this many onsets a bar on a beat's "e" or "a" (on average) -- a quarter-note bridge is no breakdown
# (without it 16 sections of freedoom, 1 of them drummed in half time)
ODD_A_BAR = 1.0
# as loud as the bars before it (the median velocity of its onsets, up to this much under theirs): a quieter
# section is a breakdowns.py breakdown, played thinner and softer
LOUD_SLACK = 0.02
TIP = ("{said} drop to a loud, sparse riff ({busy} onsets a bar -> {sparse}): a breakdown a drummer may play in "
       "half time, the backbeat on each bar's 3 (ask for it: --bars {first} --feel half, or Half time in the panels "
       "over a time selection of those bars)")


def _plain_four_four(bars) -> bool:
    """Whether a window's bars (WindowBars; None: the loop's) are two whole 4/4 bars."""
    return bars is None or (len(bars) == 2 and all(tuple(b[1:3]) == (4, 4) for b in bars) and float(bars[0][0]) == 0.0)


def half_time_sections(grooves, meters, bars) -> list[tuple[int, int, int, int]]:
    """(first bar, last bar, onsets a bar before, onsets a bar in it) of each section reading as a breakdown that a
    drummer may play in half time. grooves: (W, 32, 3) the band's windows on the real grid (Windows.grooves); meters:
    Windows.meters (None: all 4/4); bars: each window's first bar."""
    g = np.asarray(grooves, np.float32).reshape(-1, 2 * BAR, 3)
    four = np.repeat([_plain_four_four(m) for m in (meters if meters is not None else [None] * len(g))], 2)
    hits, vel = (g[..., 0] > 0.5).reshape(-1, BAR), g[..., 1].reshape(-1, BAR)
    nums = (np.asarray(bars, np.int64)[:, None] + np.arange(2)).reshape(-1)
    on, odd = hits.sum(1), hits[:, 1::2].sum(1)
    sparse = four & (on >= SPARSE_LEAST) & (on <= SPARSE_MOST)
    found, i = [], 0
    while i < len(on):
        j = i
        while j < len(on) and sparse[j] and (j == i or nums[j] == nums[j - 1] + 1):
            j += 1
        if j - i >= SECTION_BARS and i >= BEFORE_BARS and four[i - BEFORE_BARS:i].all() and \
                nums[i] - nums[i - BEFORE_BARS] == BEFORE_BARS:
            before, run = slice(i - BEFORE_BARS, i), slice(i, j)
            busy, riff = float(np.median(on[before])), float(np.median(on[run]))
            loud = np.median(vel[run][hits[run]]) >= np.median(vel[before][hits[before]]) - LOUD_SLACK
            if riff <= DROP * busy and loud and odd[run].mean() >= ODD_A_BAR:
                found.append((int(nums[i]), int(nums[j - 1]), round(busy), round(riff)))
        i = max(j, i + 1)
    return found


def half_time_section_tip(feel: str, grooves, meters, bars, shown=int) -> list[str]:
    """The line drumify says once of the sections `half_time_sections` finds, where the feel asked is normal;
    grooves None (a drum part): none. shown: a bar as the producer sees it numbered (REAPER's ruler)."""
    if feel == "half" or grooves is None or not len(bars):
        return []
    found = half_time_sections(grooves, meters, bars)
    if not found:
        return []
    spans = [f"{shown(a)}-{shown(b)}" for a, b, _, _ in found]
    return [TIP.format(said="bars " + " and ".join(spans), busy=found[0][2],
                       sparse=found[0][3], first=spans[0])]


__all__ = ["half_time_sections", "half_time_section_tip"]
