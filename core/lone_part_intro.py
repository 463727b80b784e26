"""An intro a part plays alone: the song's first section one part (a Rhodes, a pad) before the band comes in.

sections.opens_quietly reads an intro from the band's onsets: at most half of those after it. A lone Rhodes playing
its chords on the beat (freedoom's d_e1m8: 3 onsets a bar, then 5 with bass and lead) is more than half, and its
left hand is low, so the bass rule missed it too: the drums played their full groove with a crash on bar 1 where
the song's drummer is silent for 8 bars. Freedoom's songs with an "Introduction" marker whose opening is one part
(d_e1m4, d_e1m8, d_map14; d_map27 and d_map32 open with 1-3 of 4-5) have their drummers silent or nearly so
there (0-2 hits a bar); those opening with the whole band (d_dm27, d_dm31) play on. Read from the parts
(Windows.parts): the opening plays one part at most in every window, and every window of the section after it
LINEUP_GAP more parts at least; a part whose only notes in the opening are in its last beat is the band's pickup
into the section (d_e1m8's bass, bar 8), not a second part of the intro. The drums play it as a quiet intro
(breakdowns.intro_windows: softer, no crash on bar 1, the crash where the band comes in). On freedoom it adds
d_e1m8's intro alone.
A part alone that the band builds on is one too: the opening's first window one part, parts joining it before the
section, every window of the section LINEUP_GAP more than that first part and none of the opening's more than the
section's: d_map20's acoustic guitar alone, then a part joining every 4 bars (its drummer silent until bar 16),
d_e1m7, d_map14, d_map23 (drummers silent in 62-88% of those bars), d_map04 (played on) against
(intro_reading.py). An opening of two bars is none (intro_reading.too_short).
Where no section is heard within INTRO_BARS, the band's entry is found here (`band_entry`): freedoom's d_dm16
opens on its synth bass alone for 4 bars, 2 parts joining on bar 5, and its drummer plays hats only there, crashing
on 5; joining_parts leaves a song's first JOIN_FROM bars alone, so no section was heard at 5 and the drums played
their full groove with a crash on bar 1.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .intro_reading import too_short
from .loop import STEPS
from .meter import WindowBars, bars_beats
from .sections import INTRO_BARS, opening_windows

# the parts an opening plays at most to be a part alone (a second part's few notes make it a duo: the band's)
LONE_PARTS = 1
# ... and how many more each window of the 4 bars after it plays at least (one part joining is a duo, not the band)
LINEUP_GAP = 2


def opens_alone(parts, bars: np.ndarray, section_bars: Sequence[int], opens_part: bool = True,
                meters: Sequence[WindowBars | None] | None = None) -> bool:
    """The part opens with one part alone (LONE_PARTS in every window it plays, a pickup into the section left out:
    `intro_parts`) up to its first section within sections.INTRO_BARS, and the band comes in there: every window
    of the 4 bars from it plays LINEUP_GAP more parts; or the opening's first window plays one part and the band
    builds on it (parts joining it, the section LINEUP_GAP more than that first part). parts: Windows.parts, (W,)
    (None: audio, not known; with PartsPlaying.steps, pickups are told); opens_part as sections.opens_quietly's;
    meters: Windows.meters. Two bars before the section are no intro (intro_reading.too_short)."""
    windows = opening_windows(bars, section_bars) if opens_part and parts is not None else None
    if windows is None:
        return False
    playing = np.asarray(parts, np.int64)
    intro, after = windows[0] & (playing > 0), windows[1]
    if not intro.any() or not after.any():
        return False
    if too_short(windows[0]):  # (two bars before a section: the band's pickup, intro_reading.py)
        return False
    counts = [intro_parts(parts, w, None if meters is None else meters[w]) for w in np.flatnonzero(intro)]
    alone, band = max(counts), int(playing[after].min())
    if alone <= LONE_PARTS and band >= alone + LINEUP_GAP:
        return True
    # the band builds on a part alone: it opens the song, parts join it before the band's section, which plays
    # LINEUP_GAP more (d_map20's acoustic guitar, a part joining every 4 bars: its drummer silent until bar 16)
    return bool(0 < counts[0] <= LONE_PARTS and band >= counts[0] + LINEUP_GAP and alone <= band)


def band_entry(parts, bars: np.ndarray, section_bars: Sequence[int], opens_part: bool = True,
               meters: Sequence[WindowBars | None] | None = None) -> tuple[int, int, int] | None:
    """(bar, parts before, parts after): where the band comes in after one part alone, on a 4-bar phrase from the
    part's first bar within INTRO_BARS, found from the parts where no section is heard that soon (opening_windows
    None): the first such bar from which every window of the 4 bars plays LINEUP_GAP more parts than any window
    of the opening before it (LONE_PARTS at most, a pickup into it left out: `intro_parts`). None: a section is
    heard that soon (opens_alone reads it), parts not known, or no such bar (one part joining is a duo: the band
    joining only in part keeps its groove from bar 1)."""
    if not opens_part or parts is None or not len(bars) or opening_windows(bars, section_bars) is not None:
        return None
    bars, playing = np.asarray(bars, np.int64), np.asarray(parts, np.int64)
    first = max(int(bars[0]), 1)
    ends = np.append(bars[1:], bars[-1] + 2)  # the bar after each window (as opening_windows')
    for bar in range(first + 4, first + INTRO_BARS + 1, 4):
        before, after = (ends <= bar) & (bars >= 1), (bars >= bar) & (bars < bar + 4)
        opening = before & (playing > 0)
        if too_short(before) or not opening.any() or not np.any(bars == bar) or not after.any():
            continue
        alone = max(intro_parts(parts, w, None if meters is None else meters[w]) for w in np.flatnonzero(opening))
        if alone > LONE_PARTS:
            return None  # a duo or more before the band comes in: the band's own opening
        if int(playing[after].min()) >= alone + LINEUP_GAP:
            return bar, alone, int(playing[after].min())
    return None


def intro_parts(parts, w: int, meter: WindowBars | None, until: int | None = None) -> int:
    """How many parts play window `w` of an opening before its last beat (a pickup there is the next section's), or
    before step `until` where given (its parts by step known: PartsPlaying.steps)."""
    steps = getattr(parts, "steps", None)
    if steps is None:
        return int(np.asarray(parts)[w])
    last_beat = min(bars_beats(meter)[-1][-1].start, STEPS) if until is None else until
    return bin(int(np.bitwise_or.reduce(np.asarray(steps[w][:last_beat], np.int64)))).count("1")


__all__ = ["band_entry", "intro_parts", "opens_alone", "LONE_PARTS", "LINEUP_GAP"]
