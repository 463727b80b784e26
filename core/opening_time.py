"""A 1-2 part opening before the band: the drums keep time there (kick, hats), the backbeat left out.

Two parts open a song for 4 bars (an arpeggio and a pad, a riff traded between two synths) and a third joins and
stays. The engine read no quiet intro there (the opening plays more than half the band's onsets, and a duo is
not a part alone: lone_part_intro.py), so the drums played their full groove, backbeat and all.
Freedoom's drummers (R6, stop 77, their drums left out of what the band is read from) play no backbeat over such
4-7 bar openings in 16 of 19 songs (84%), over 8-16 bar ones in 10 of 19 (a coin toss, left alone); over all
1-2 part openings of 4-16 bars 22 of 46 keep time (11 kick and hats, 5 hats alone, 5 a kick alone, 1 other) and
10 lay out.
So here the drums keep the time the groove has (its kick and hats or ride, as played) and leave the snare out
(a ghost snare in the opening's last bar, before the band's entry, stays: it leads into a fill); where a section
starts at the entry (a marker, one heard), the fill into it and the crash on it stay. Where none does (joining_parts
leaves a song's first 8 bars alone) none is added: the 11 drummers below crash there in 2 (d_dm23, d_e1m1), play a
snare into it in 3; the backbeat comes in with the band. Given to the form as a section, the entry had moved
d_e2m5's heard section at bar 9 (its drummer crashes there) to bar 7. The crash on bar 1 stays: 9 of the 11
play none there, but d_dm08's is crashed by its drummer and intro_reading keeps it (--no-opening-crash drops it).
An opening the engine reads as a quiet intro (laid out, or played softer) is left as it was.

On freedoom (4/4 songs, the stand-in model reading the form) it changes 11 openings, and the song's drummer plays
no backbeat there (under half a snare a bar on 2 and 4, its last bar left out) in 10 (d_map12's plays one):
kick and hats d_dm23, d_e2m3, d_e2m5; hats d_dm03, d_dm13, d_dm14; a kick d_dm07, d_dm08; silent d_e1m1, d_map31.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np

from .limbs import SNARE
from .lone_part_intro import intro_parts
from .loop import N_VOICES, STEPS
from .meter import WindowBars, bars_beats

OPENING_PARTS = 2  # an opening plays at most this many parts in each window (a pickup into the band left out) ...
BAND_PARTS = 3  # ... and the band at least this many in each window of the 4 bars from its entry
SHORTEST, LONGEST = 4, 7  # the opening's bars (8-16 bar ones: 10 of 19 drummers without a backbeat, a coin toss)


class Opening(NamedTuple):
    """A 1-2 part opening (`band_joins`): its windows, the bar the band comes in, the parts before and after."""

    where: np.ndarray  # (W,) bool
    bar: int
    alone: int
    band: int
    section: bool = False  # a section starts where the band comes in (the form's: a fill into it, a crash on it)


def band_joins(parts, bars, opens_part: bool = True,
               meters: Sequence[WindowBars | None] | None = None) -> Opening | None:
    """The opening a drummer keeps time through: from bar 1, OPENING_PARTS at most in every window (and some part
    playing), for SHORTEST to LONGEST bars, up to the first window with more; from there BAND_PARTS or more in every
    window of the 4 bars; all of them in 4/4. parts: Windows.parts (None: audio, not known); bars: each window's
    first bar; opens_part: Windows.opens_part (bars from mid-song open nothing); meters: Windows.meters. None
    where there is none."""
    if not opens_part or parts is None or not len(bars):
        return None
    bars, playing = np.asarray(bars, np.int64), np.asarray(parts, np.int64)
    counts = [intro_parts(parts, w, None if meters is None else meters[w]) if bars[w] >= 1 else 0
              for w in range(len(bars))]
    join = next((w for w in range(len(bars)) if bars[w] >= 1 and counts[w] > OPENING_PARTS), None)
    if join is None or int(bars[0]) > 1:
        return None
    bar = int(bars[join])
    where = (bars >= 1) & (np.arange(len(bars)) < join)
    after = (bars >= bar) & (bars < bar + 4)
    if not SHORTEST <= bar - 1 <= LONGEST or not where.any() or not after.any():
        return None
    if int(playing[after].min()) < BAND_PARTS or not any(counts[w] for w in np.flatnonzero(where)):
        return None
    if meters is not None and not all(_in_four(meters[w]) for w in np.flatnonzero(where | after)):
        return None  # (the drummers measured play 4/4: a backbeat on 2 and 4)
    return Opening(where, bar, max(counts[w] for w in np.flatnonzero(where)), int(playing[after].min()))


def _in_four(meter: WindowBars | None) -> bool:
    """The window's bars are all 4/4 (None: two bars of 4/4, the loop's)."""
    return meter is None or all((int(num), int(den)) == (4, 4) for _, num, den in meter)


def keep_time(loops: np.ndarray, where: np.ndarray, fills: np.ndarray | None, asked: np.ndarray | None = None,
              meters: Sequence[WindowBars | None] | None = None) -> np.ndarray:
    """Loops (W, 32, 27) with the windows `where` (Opening.where) played keeping time: no snare (but off the
    backbeat in the opening's last bar); the steps of a fill (fills: the phrase plan's, (W, 32) bool;
    None: none) and those the producer asked for (asked: PhrasePlan.asked) as played. A new array."""
    out = np.array(loops, np.float32, copy=True)
    where = np.asarray(where, bool)
    marked = np.flatnonzero(where)
    for w in marked:
        keep = np.zeros(STEPS, bool)
        for given in (fills, asked):
            if given is not None:
                keep |= np.asarray(given[w], bool)
        snare_off = ~keep
        if w == marked[-1]:  # the last bar before the join keeps its ghost snares: the backbeat alone goes
            last = bars_beats(None if meters is None else meters[w])[-1]
            backbeat = np.zeros(STEPS, bool)
            backbeat[[b.start for b in last[1::2] if 0 <= b.start < STEPS]] = True
            snare_off[last[0].start:] &= backbeat[last[0].start:]
        out[w, snare_off, SNARE::N_VOICES] = 0.0  # (hit, velocity, timing)
    return out


def opening_said(opening: Opening | None, shown=int) -> list[str]:
    """The line drumify says of a 1-2 part opening the drums keep time through; shown: a bar as the producer sees
    it numbered (REAPER's ruler)."""
    if opening is None:
        return []
    bar = shown(opening.bar)
    parts = "one part" if opening.alone == 1 else f"{opening.alone} parts"
    comes_in = f"fill into bar {bar}, a crash on it" if opening.section else f"play the backbeat from bar {bar}"
    return [f"bars {shown(1)}-{shown(opening.bar - 1)} open with {parts} before the band comes in on bar {bar} "
            f"({opening.band} parts): the drums keep time there (kick and hats, no backbeat) and {comes_in}"]


__all__ = ["Opening", "band_joins", "keep_time", "opening_said", "OPENING_PARTS", "BAND_PARTS", "SHORTEST", "LONGEST"]
