"""Parts joining on a phrase: a section a drummer hears where new parts come in over a band whose rhythm stays.

part_swap_sections.py needs PART_SWAP (3) parts changing and the band's onsets moving (or SWAP_ANY_RHYTHM parts),
and sections.layer_sections a steady part count either side; where the bass plays every 16th throughout, two
parts joining move neither the band's onsets nor the count around them (freedoom's d_dm07, bars 17 and 49: two
leads join, then three parts, over its bass's 16ths; its drummer fills into each and crashes). Here JOIN_PARTS or
more parts starting on one of the song's 4-bar phrases (each absent the SWAP_BARS bars before, in SWAP_HELD of the
SWAP_BARS after: part_swap_sections._swapped, with a part's landing and pickup told apart as there), at most
SWAP_OUT_MORE more leaving, start a section with no change of rhythm. Not in the song's first JOIN_FROM bars: the
parts coming in over an opening riff are an intro building, which drummers mostly play through without a crash.
phrases.part_sections hears it after every other section rule (said as parts joining, or swapped where some leave).
"""

from __future__ import annotations

from typing import Sequence

from .meter import WindowBars
from .part_swap_sections import PARTS_IN, SWAP_BARS, SWAP_OUT_MORE, _edges_off, _half_bars, _swapped
from .sections import SECTION_MIN_BARS, _blocks_apart, _comparable, _on_phrase, _phrase_grid, bar_rows

# On freedoom's 108 songs with drums, as benchmarks/bench_sections.py measures (8+ bars from every section the other
# rules hear): 49 bars, its drummers crash on 34 (69%; all sections heard 279 of 365 to 313 of 414, 76% both; a
# phrase bar that far from sections is a crash on 33%, such a join off the phrases on 21%). From bar 1 on: 54, 36
# (67%): 3 of the 5 more, bar 5 of d_dm03, d_dm14 and d_map13, are intros building up with no crash.
JOIN_PARTS = PARTS_IN
JOIN_FROM = 8  # bars after the part's first phrase starts (bar 9 of a song from bar 1)


def joining_parts_sections(parts, grooves, bass, bars, meters: Sequence[WindowBars | None] | None, section_bars,
                           near: Sequence[int], starts=None, end: float = float("inf"),
                           phrase_start: int | None = None, back: Sequence[int] = (), entries: int | None = None
                           ) -> dict[int, tuple[int, int]]:
    """{bar: (parts that stop there, parts that start)} where JOIN_PARTS or more parts start on one of the song's
    4-bar phrases (from bar 1, phrase_start and the comebacks `back`), JOIN_FROM or more bars after its first, at
    most SWAP_OUT_MORE more stopping; at least SECTION_MIN_BARS from each other and from the other sections heard
    (`near`), the most parts joining first. None where markers are given or the parts are not told apart (audio).
    Arguments as part_swap_sections takes them (entries: where the band's entries count its phrases from)."""
    steps = getattr(parts, "steps", None)
    if steps is None or len(section_bars) or not len(bars) or len(steps) != len(bars):
        return {}
    rows = bar_rows(grooves, bass, bars, meters, starts, end, steps)
    halves = _half_bars(steps, bars, meters, starts, end)
    grid = _phrase_grid(bars, phrase_start, back, entries)
    first = (phrase_start if phrase_start is not None else int(bars[0])) + JOIN_FROM
    found = []
    for b in sorted(rows):
        if b < first or not _on_phrase(b, grid):
            continue
        block = [rows.get(k) for k in range(b - SWAP_BARS, b + SWAP_BARS)]
        if not _comparable(block):
            continue
        before, after = [r[3] for r in block[:SWAP_BARS]], [r[3] for r in block[SWAP_BARS:]]
        readings = {_swapped(before, after), _swapped(*_edges_off(before, after, halves, b))}
        joins = [(left, joined) for left, joined in readings
                 if joined >= JOIN_PARTS and left <= joined + SWAP_OUT_MORE]
        if joins:
            left, joined = max(joins, key=lambda s: (s[1], -s[0]))
            found.append((joined, -left, _blocks_apart(block), -b, (left, joined)))
    out: dict[int, tuple[int, int]] = {}
    # the most parts joining first, then the fewest leaving, the rhythm moving most, the earlier bar
    for *_, negative_bar, join in sorted(found, reverse=True):
        b = -negative_bar
        if all(abs(b - k) >= SECTION_MIN_BARS for k in (*near, *out)):
            out[b] = join
    return dict(sorted(out.items()))


__all__ = ["joining_parts_sections"]
