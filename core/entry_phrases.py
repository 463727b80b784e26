"""The band's phrases counted from where its parts come in, not from its first note.

A band's phrases run from where its parts come in: freedoom's d_dm10 opens on the bass alone for 2 bars, and its
parts come in (and its riffs change) on bar 3 mod 8. Counted from bar 1, the parts' phrase rules (riff_sections'
new riff on bars 35 and 83, part_swap_sections, joining_parts, busy_part_sections) refused them off the phrases: 114
bars with one crash. A part's held entry (silent ENTRY_REST bars, then playing in ENTRY_HELD of the next 4, its first
note in the bar's first half) is where a phrase starts; where a strict majority of the entries after the first
phrase's bar (ENTRY_MIN at least) fall on one 4-bar residue other than its own, the band's phrases count from there.
On freedoom that is 16 songs; in 12 of the 14 with 3 or more crashes its drummers crash mostly on the entries' grid,
in 2 on the first phrase's; bench_sections' rules together, counted so, hear 417 sections, 319 crashed (410, 312). The
onsets' rules (sections.py's texture, level and layers) keep their count: counted from the entries, d_fdmint's
textures were heard a bar late (2 crashes fewer).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np

from .meter import WindowBars
from .sections import played_bars

ENTRY_REST = 4  # bars a part is silent before it (or silent since the song's start) ...
ENTRY_HELD = 3  # ... and bars of the 4 from its entry it plays in: a part coming in, not a lick
# the entries that count the band's phrases at least: two parts joining off the phrases of a band playing from bar 1
# are its figure, grooved through (freedoom's d_dm28: its riff heard on bar 15, no crash there)
ENTRY_MIN = 3


def held_entries(parts, bars, meters: Sequence[WindowBars | None] | None, starts=None,
                 end: float = float("inf"), opens_part: bool = True) -> list[int]:
    """The bars where a part comes in and stays: silent ENTRY_REST bars before (or since the song's start), a note
    in the bar's first half, playing in ENTRY_HELD of the 4 bars from it. parts: Windows.parts with
    PartsPlaying.steps (none: no entries known); opens_part: the windows open the song (Windows.opens_part): bars
    drummed from mid-song hear no part come in before ENTRY_REST bars of them (every part seems to on their first)."""
    steps = getattr(parts, "steps", None)
    if steps is None or not len(bars):
        return []
    played: dict[int, int] = {}  # bar -> the parts playing in it (bits)
    early: dict[int, int] = {}  # bar -> the parts with a note in its first half
    for w, bar, beats in played_bars(bars, meters, starts, end):
        if bar in played:
            continue
        lo, hi = max(beats[0].start, 0), max(beats[-1].start + beats[-1].length, 0)
        mid = lo + (hi - lo) // 2
        played[bar] = int(np.bitwise_or.reduce(steps[w, lo:hi])) if hi > lo else 0
        early[bar] = int(np.bitwise_or.reduce(steps[w, lo:mid])) if mid > lo else 0
    out = set()
    for bar in sorted(played):
        for bit in _bits(early[bar]):
            rest = any(played.get(b, 0) & bit for b in range(bar - ENTRY_REST, bar))
            held = sum(bool(played.get(b, 0) & bit) for b in range(bar, bar + 4))
            if not rest and held >= ENTRY_HELD and (opens_part or bar - ENTRY_REST >= min(played)):
                out.add(bar)
    return sorted(out)


def _bits(mask: int) -> list[int]:
    """Each part's bit set in `mask` (PartsPlaying.steps' bits)."""
    return [1 << k for k in range(mask.bit_length()) if mask >> k & 1]


def entry_phrase_start(parts, bars, meters: Sequence[WindowBars | None] | None, phrase_start: int, starts=None,
                       end: float = float("inf"), opens_part: bool = True) -> int | None:
    """The bar the band's phrases count from where its parts' held entries say so: the first entry after
    `phrase_start` (the first phrase's bar) on the 4-bar residue that a strict majority of those entries (ENTRY_MIN
    at least) share, where that is not phrase_start's own; None where they agree with it, split, are fewer, or none
    is known."""
    later = [b for b in held_entries(parts, bars, meters, starts, end, opens_part) if b > phrase_start]
    if len(later) < ENTRY_MIN:
        return None
    residue, count = Counter((b - phrase_start) % 4 for b in later).most_common(1)[0]
    if residue == 0 or 2 * count <= len(later):
        return None
    return next(b for b in later if (b - phrase_start) % 4 == residue)


__all__ = ["held_entries", "entry_phrase_start", "ENTRY_REST", "ENTRY_HELD", "ENTRY_MIN"]
