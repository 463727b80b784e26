"""Parts swapped: a section a drummer hears where the band's parts change by which they are, not how many.

sections.layer_sections counts the parts playing in each 2-bar window on the song's 4-bar phrases: a lead dropping
out as two other parts come in is 3 parts to 4 there, no section, and a change on an even bar lies inside a window.
Here each bar's parts are told apart (window_notes.PartsPlaying.steps): where PART_SWAP or more parts stop or start
playing on one bar, PARTS_IN of them starting (and no more than one fewer than stop), each kept to for the SWAP_BARS
bars either side, and the band's rhythm
changes with them (sections.TEXTURE_CHANGE), a drummer hears a new section (freedoom's E4M6: the lead out and two
parts in on bar 36, the riff cut to bursts; its drummer crashes there), on the song's phrases or off them.
Four or more parts swapping are a section on the same rhythm too (freedoom's E2M3, bar 49: two leads out, two
comping parts in over the same 16ths of its doubled bass). A part's last notes landing in the first half of the
new section's first bar, or a pickup in the second half of the bar before it, does not keep it playing there (the
leads of E2M3 end on its bar 49's downbeat).
A change of parts that rule misses (fewer coming in than leave, or the band's onsets moving too little) is a section
too where the parts that stay change their figures with it, on one of the song's 4-bar phrases (freedoom's MAP30, bars 25 and 65: both distortion guitars out, strings in, the bass and
its doubling saw from a riff to straight 16ths and the lead from 16ths to a phrase; bar 33 back: the band's onsets,
every 16th either side, and the bass's move by a quarter, under TEXTURE_CHANGE; its drummer fills and crashes on
each): FIGURE_PARTS or more of the parts playing on both sides each moving FIGURE_MOVE of their own onsets.
phrases.part_sections puts it with the other sections (a fill into it, a crash on it, fill_every counting from it).
Two parts joining on a phrase with the band's rhythm as it was, too few for a swap here: joining_parts.py.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .meter import WindowBars
from .sections import (SECTION_MIN_BARS, TEXTURE_CHANGE, _blocks_apart, _comparable, _on_phrase, _onset_distance,
                       _phrase_grid, bar_rows, played_bars)

# Parts stopping or starting on one bar, as they are told apart: PART_SWAP or more in all, PARTS_IN or more of them
# starting and at most SWAP_OUT_MORE more stopping than starting (a lead out and two parts in; three out and two in,
# the band keeping its size). Most of the band leaving is a breakdown (breakdowns.py: softer, no crash): on freedoom
# its drummers crash on 4 of 14 such bars, on 11 of 14 of these (79%, as the layer changes' 78%; all bars 21%:
# measured as benchmarks/bench_sections.py measures the others).
PART_SWAP = 3
PARTS_IN = 2
# d_map26's bar 19 (strings and both brasses out, guitar and choir in, the band's 16ths as they were: 5 parts to 4)
# had been refused for one part more going than coming; its drummer fills into it and crashes on it. Allowing one
# more out: 13 more bars on freedoom's 108 songs with drums, 9 of them its drummers' crashes (swaps 49 of 60, 82%, to
# 58 of 73, 79%; all sections heard 261 of 341 to 270 of 352, 77% both); of the other 4, d_dm07's and d_map06's
# drummers change groove or fill there without a crash, d_dm15's never crashes, d_map20's is out.
SWAP_OUT_MORE = 1
SWAP_BARS = 4  # ... each playing in SWAP_HELD or more of these bars on its side of the change and in none on the other
SWAP_HELD = 3
# ... the band's rhythm changing with them, or SWAP_ANY_RHYTHM or more parts changing: with the parts' landings and
# pickups told apart, 33 more bars on freedoom, 28 of them its drummers' crashes (85%; all: 39 of 47, 83%)
SWAP_ANY_RHYTHM = 4
# A change of parts on a phrase (PART_SWAP or more stopping or starting, at least one stopping) with the band changing
# its figures: FIGURE_PARTS or more parts playing on both sides (SWAP_HELD of SWAP_BARS bars) each moving FIGURE_MOVE
# or more of its own onsets (sections._onset_distance) between the 4 bars before and after. On freedoom's songs with
# drums, as benchmarks/bench_sections.py measures, 15 more bars, 12 of them its drummers' crashes (80%; all swaps 50
# of 61, 82%); one part changing its figure: 39, 27 (69%); three: 7, 6; each moving 0.3: 8, 7.
FIGURE_PARTS = 2
FIGURE_MOVE = 0.2


def part_swap_sections(parts, grooves, bass, bars, meters: Sequence[WindowBars | None] | None, section_bars,
                       near: Sequence[int], starts=None, end: float = float("inf"), phrase_start: int | None = None,
                       back: Sequence[int] = (), entries: int | None = None) -> dict[int, tuple[int, int]]:
    """{bar: (parts that stop there, parts that start)} where PART_SWAP or more of the band's parts stop or start
    on one bar, PARTS_IN or more starting and at most SWAP_OUT_MORE more stopping, and keep to it (SWAP_HELD of
    SWAP_BARS bars either side), the band's onsets (or the bass's) moving by TEXTURE_CHANGE between the 4 bars
    before and after or SWAP_ANY_RHYTHM or more parts changing (read as they are, or without a part's landing or
    pickup), or on one of the song's 4-bar phrases (from bar 1, phrase_start and the comebacks `back`) fewer
    starting, the parts staying changing their figures (FIGURE_PARTS, FIGURE_MOVE); at least SECTION_MIN_BARS from
    each other and from the other sections heard (`near`), the second kind where the first leaves room. None where
    markers are given or the parts are not told apart (parts without PartsPlaying.steps: audio). parts:
    Windows.parts; entries: the bar the band's entries count its phrases from (sections._phrase_grid); the rest as
    sections.texture_sections takes them."""
    steps = getattr(parts, "steps", None)
    if steps is None or len(section_bars) or not len(bars) or len(steps) != len(bars):
        return {}
    rows = bar_rows(grooves, bass, bars, meters, starts, end, steps)  # (its beats, onsets, the bass's, its parts' bits)
    halves = _half_bars(steps, bars, meters, starts, end)
    per_bar = bar_steps(steps, bars, meters, starts, end)
    grid = _phrase_grid(bars, phrase_start, back, entries)
    found = []
    for b in sorted(rows):
        block = [rows.get(k) for k in range(b - SWAP_BARS, b + SWAP_BARS)]
        if not _comparable(block):
            continue
        before, after = [r[3] for r in block[:SWAP_BARS]], [r[3] for r in block[SWAP_BARS:]]
        change = _blocks_apart(block)
        readings = {_swapped(before, after), _swapped(*_edges_off(before, after, halves, b))}
        swaps = [(left, joined) for left, joined in readings
                 if left + joined >= PART_SWAP and joined >= max(PARTS_IN, left - SWAP_OUT_MORE) and
                 (change >= TEXTURE_CHANGE or left + joined >= SWAP_ANY_RHYTHM)]
        if swaps:
            left, joined = max(swaps, key=lambda s: (sum(s), s))
            found.append((True, left + joined, change, b, (left, joined)))
            continue
        swaps = [(left, joined) for left, joined in readings if left + joined >= PART_SWAP and left]
        if swaps and _on_phrase(b, grid) and _figures_moved(before, after, per_bar, b) >= FIGURE_PARTS:
            left, joined = max(swaps, key=lambda s: (sum(s), s))
            found.append((False, left + joined, change, b, (left, joined)))
    out: dict[int, tuple[int, int]] = {}
    # the parts swapped for more first, then the most parts changing, then the rhythm moving most
    for _, _, _, b, swap in sorted(found, reverse=True):
        if all(abs(b - k) >= SECTION_MIN_BARS for k in (*near, *out)):
            out[b] = swap
    return dict(sorted(out.items()))


def bar_steps(steps, bars, meters, starts, end) -> dict[int, np.ndarray]:
    """{bar: its steps' part bits (window_notes.PartsPlaying.steps)}, each bar's first window's."""
    out: dict[int, np.ndarray] = {}
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = max(beats[0].start, 0), max(beats[-1].start + beats[-1].length, 0)
        if bar not in out and hi > lo:
            out[bar] = steps[w, lo:hi]
    return out


def _figures_moved(before: list[int], after: list[int], per_bar: dict[int, np.ndarray], bar: int) -> int:
    """How many parts playing in SWAP_HELD of the bars on both sides of `bar` move FIGURE_MOVE of their own onsets."""
    def held(side, bit):
        return sum(bool(m & bit) for m in side) >= SWAP_HELD

    def figure(bit, lo):
        return np.mean([(per_bar[k] & bit).astype(bool) for k in range(lo, lo + SWAP_BARS)], 0)
    staying = [1 << p for p in range(64) if held(before, 1 << p) and held(after, 1 << p)]
    return sum(_onset_distance(figure(bit, bar - SWAP_BARS), figure(bit, bar)) >= FIGURE_MOVE for bit in staying)


def _half_bars(steps, bars, meters, starts, end) -> dict[int, tuple[int, int]]:
    """{bar: (bits of the parts starting a note in its first half, in its second half)}, each bar's first window's."""
    out: dict[int, tuple[int, int]] = {}
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = max(beats[0].start, 0), max(beats[-1].start + beats[-1].length, 0)
        mid = lo + (hi - lo) // 2
        if bar not in out and hi > lo:
            out[bar] = (int(np.bitwise_or.reduce(steps[w, lo:mid])) if mid > lo else 0,
                        int(np.bitwise_or.reduce(steps[w, mid:hi])) if hi > mid else 0)
    return out


def _edges_off(before: list[int], after: list[int], halves: dict, bar: int) -> tuple[list[int], list[int]]:
    """The part bits either side of `bar` without a part's landing (its notes in the first half of `bar` only,
    after it played the bar before) and a pickup (notes in the second half of the bar before only, the part
    playing in the bar after `bar`)."""
    (early, late), (early_before, late_before) = halves.get(bar, (0, 0)), halves.get(bar - 1, (0, 0))
    landing = early & ~late & before[-1]
    pickup = late_before & ~early_before & after[1]
    return [*before[:-1], before[-1] & ~pickup], [after[0] & ~landing, *after[1:]]


def _swapped(before: list[int], after: list[int]) -> tuple[int, int]:
    """(parts that stop, parts that start) between two runs of bars' part bits: each playing in SWAP_HELD or more
    of the bars on its side and in none on the other."""
    def held(side, bit):
        return sum(bool(m & bit) for m in side)
    bits = [1 << p for p in range(64) if any(m & (1 << p) for m in (*before, *after))]
    left = sum(held(before, bit) >= SWAP_HELD and not held(after, bit) for bit in bits)
    joined = sum(held(after, bit) >= SWAP_HELD and not held(before, bit) for bit in bits)
    return left, joined


__all__ = ["part_swap_sections"]
