"""The band going back to the parts of an earlier section: a section a drummer hears where one part swaps for another.

part_swap_sections hears PART_SWAP (3) or more parts changing on a bar; one part out and one in is mostly a
hand-over (a lead passing its line on) and no section. But where the band goes back to exactly the parts an earlier
section played, a drummer hears the song return to that section (a verse again after the bridge) and marks it:
freedoom's d_map26, bar 31: the choir out, the strings back in, the band on the parts of bars 11-18 again after a
4-bar passage from bar 27; its drummer crashes on 27 and on 31. Here: one or more parts stop and one or more start
on a bar, each of the SWAP_BARS bars either side playing the same parts (no part fading in or out over them), and
those after it are the parts of an earlier section, held from a bar RETURN_GAP or more before it where that set
had begun, the band away from them for more than SWAP_BARS (parts trading 4-bar phrases are one section answering
itself: no return). At least SECTION_MIN_BARS from each other and the sections heard (`near`), or exactly
SHORT_PASSAGE bars after one of those (a 4-bar passage between two sections, as d_map26's bars 27-30).

On freedoom's 108 songs with drums, as benchmarks/bench_sections.py measures: 13 more bars, 9 of them its
drummers' crashes (69%; all bars 21%; new riffs, riff_sections.py, 70%); without the 4-bar passages 11, 7 (64%).
phrases.part_sections says them as parts swapped (a fill into it, a crash on it).
"""

from __future__ import annotations

from typing import Sequence

from .meter import WindowBars
from .part_swap_sections import SWAP_BARS, SWAP_HELD, _swapped
from .sections import SECTION_MIN_BARS, _comparable, bar_rows

RETURN_GAP = 8  # the earlier section's parts begin at least this many bars before the return
SHORT_PASSAGE = 4  # a return this many bars after a section heard ends a passage of one phrase: heard too


def returning_parts_sections(parts, grooves, bass, bars, meters: Sequence[WindowBars | None] | None, section_bars,
                             near: Sequence[int], starts=None, end: float = float("inf")) -> dict[int, tuple[int, int]]:
    """{bar: (parts that stop there, parts that start)} where the band goes back to an earlier section's parts (the
    module's rule). None where markers are given or the parts are not told apart (parts without
    window_notes.PartsPlaying.steps: audio). parts: Windows.parts; the rest as part_swap_sections takes them."""
    steps = getattr(parts, "steps", None)
    if steps is None or len(section_bars) or not len(bars) or len(steps) != len(bars):
        return {}
    rows = bar_rows(grooves, bass, bars, meters, starts, end, steps)
    held = {}  # {bar: the parts playing in SWAP_HELD of the SWAP_BARS bars from it}
    for b in rows:
        run = [rows.get(k) for k in range(b, b + SWAP_BARS)]
        if all(r is not None for r in run):
            held[b] = sum(1 << p for p in range(64) if sum(bool(r[3] & (1 << p)) for r in run) >= SWAP_HELD)
    out: dict[int, tuple[int, int]] = {}
    for b in sorted(rows):
        block = [rows.get(k) for k in range(b - SWAP_BARS, b + SWAP_BARS)]
        if not _comparable(block) or b not in held:
            continue
        before, after = [r[3] for r in block[:SWAP_BARS]], [r[3] for r in block[SWAP_BARS:]]
        left, joined = _swapped(before, after)
        if not (left and joined) or len(set(before)) > 1 or len(set(after)) > 1:
            continue
        earlier = [k for k in held if k <= b - RETURN_GAP and held[k] == held[b] and held.get(k - SWAP_BARS) != held[k]]
        # (away from them more than one phrase: parts trading 4-bar phrases had been heard as a return every 4 bars)
        away = all(held.get(k) != held[b] for k in range(b - 2 * SWAP_BARS, b - SWAP_BARS + 1))
        if earlier and away and all(abs(b - k) >= SECTION_MIN_BARS or b - k == SHORT_PASSAGE for k in (*near, *out)):
            out[b] = (left, joined)
    return out


__all__ = ["returning_parts_sections"]
