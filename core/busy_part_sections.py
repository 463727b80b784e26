"""A busy part joining: one part coming in on every 16th (or nearly), filling in the band's grid, starts a section.

sections.layer_sections hears LAYER_CHANGE (2) or more parts joining or leaving: one part alone is mostly a pad or a
doubling, the band's rhythm the same, and on freedoom its drummers crash on few such bars. One that drives the 16ths
is heard at once: the band's onsets go from a figure with gaps to every 16th, the song lifted (freedoom's d_e4m7,
bar 17: a 16th line over the riff, its drummer crashing there; the band's onsets there move by a third of the bar,
under sections.TEXTURE_CHANGE). Here: one part starting on one of the song's 4-bar phrases, playing in SWAP_HELD of
the 4 bars after it and none of the 4 before, no part stopping, on BUSY_SHARE of those bars' steps or more, the band
then playing FULL_GRID of its steps, BUSY_RISE more than before. On freedoom's 108 songs with drums 5 such bars away
from the sections already heard, all 5 its drummers' crashes (measured as benchmarks/bench_sections.py measures).
phrases.part_sections says it as parts joining (layer_changes: a fill into it, a crash on it).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .meter import WindowBars
from .part_swap_sections import SWAP_BARS, SWAP_HELD, bar_steps
from .sections import SECTION_MIN_BARS, _comparable, _on_phrase, _phrase_grid, bar_rows

BUSY_SHARE = 0.75  # the joining part's onsets over its bars' steps: a 16th line (a few rests in it)
FULL_GRID = 0.9  # the band's onsets over the steps after it joins: every 16th, or nearly
BUSY_RISE = 0.25  # ... that many more of the steps than before it joined (a grid already full gains nothing heard)


def busy_part_sections(parts, grooves, bars, meters: Sequence[WindowBars | None] | None, section_bars,
                       near: Sequence[int], starts=None, end: float = float("inf"), phrase_start: int | None = None,
                       back: Sequence[int] = (), entries: int | None = None) -> dict[int, tuple[int, int]]:
    """{bar: (parts playing before, after)} where one busy part joins the band on one of its 4-bar phrases (the
    module's rule), at least SECTION_MIN_BARS from each other and the sections heard (`near`). None where markers are
    given or the parts are not told apart (parts without window_notes.PartsPlaying.steps: audio). parts:
    Windows.parts; entries: the bar the band's entries count its phrases from (sections._phrase_grid); the rest as
    sections.layer_sections and texture_sections take them."""
    steps = getattr(parts, "steps", None)
    if steps is None or len(section_bars) or not len(bars) or len(steps) != len(bars):
        return {}
    rows = bar_rows(grooves, None, bars, meters, starts, end, steps)
    per_bar = bar_steps(steps, bars, meters, starts, end)
    grid = _phrase_grid(bars, phrase_start, back, entries)
    out: dict[int, tuple[int, int]] = {}
    for b in sorted(rows):
        block = [rows.get(k) for k in range(b - SWAP_BARS, b + SWAP_BARS)]
        if not _on_phrase(b, grid) or not _comparable(block):
            continue
        before, after = [r[3] for r in block[:SWAP_BARS]], [r[3] for r in block[SWAP_BARS:]]
        was = int(np.bitwise_or.reduce(before))
        new = [1 << p for p in range(64) if not was & (1 << p) and sum(bool(m & (1 << p)) for m in after) >= SWAP_HELD]
        left = [p for p in range(64) if sum(bool(m & (1 << p)) for m in before) >= SWAP_HELD and
                not any(m & (1 << p) for m in after)]
        if len(new) != 1 or left:
            continue
        busy = np.mean([(per_bar[k] & new[0]).astype(bool).mean() for k in range(b, b + SWAP_BARS)])
        full = [float(np.mean([r[1].mean() for r in side])) for side in (block[:SWAP_BARS], block[SWAP_BARS:])]
        if busy >= BUSY_SHARE and full[1] >= FULL_GRID and full[1] - full[0] >= BUSY_RISE and \
                all(abs(b - k) >= SECTION_MIN_BARS for k in (*near, *out)):
            out[b] = (bin(was).count("1"), bin(was | new[0]).count("1"))
    return out


__all__ = ["busy_part_sections"]
