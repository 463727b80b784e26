"""Where a live take stops: the bars live follow wrote ahead of the play cursor that it never reached.

Live follow writes each bar before REAPER renders it, so when the producer stops (or clicks elsewhere on the
timeline) the bar playing goes on past the stop and the next one may be written already. Nobody heard those
drums: the drum track gets back what it held there before the take (an earlier take, Drumify's drums, or
nothing), and the take ends at the stop. Drums put back keep the mark of what wrote them (P_EXT reagroove_by):
Drumify's bars a take never played are still Drumify's (a later Drumify takes them out past a shortened part,
drums_around.py); only what the take played, and the blanks where nothing lay, are live's.
"""

from __future__ import annotations

EPS = 1e-6
LIVE = "live"  # the mark of live follow's own bars (reaper_item_record.WRITERS)


def drums_before_take(items: list[dict]) -> list[dict]:
    """The drum track's generated items as the take finds them (drum_track_items' items, which REAPER sends with
    the poll that sees play start). Edited ones are left out: a live bar is never written over them, so they
    never need putting back. `by`: what wrote each ("" where an older server does not say)."""
    return [{"start_qn": float(it["start_qn"]), "end_qn": float(it["end_qn"]), "name": it.get("name") or "ReaGroove",
             "settings": it.get("settings") or {}, "by": it.get("by") or "",
             "notes": [[float(on), float(off), int(p), int(v)] for on, off, p, v, *_ in it["notes"]]}
            for it in items or [] if not it.get("edited")]


def _notes_in(notes: list, lo: float, hi: float) -> list:
    """Notes starting in [lo, hi), cut off at hi."""
    return [[on, min(off, hi), p, v] for on, off, p, v in notes if lo - EPS <= on < hi - EPS]


def items_after_stop(written: dict, before: list[dict], cut: float) -> list[dict]:
    """The items that undo what the take wrote past `cut` (QN): [] when it wrote nothing there.

    `written`: the take's items by start (the latest version of each bar), `before`: drums_before_take. They
    cover the take's items from the stop to the end of the last bar written ahead (a write replaces what it
    covers, live bars included): the bar the stop is in with its notes before the stop, then each earlier
    item's notes where it lay, with `by`, the mark of what wrote it; where nothing lay, an empty item (the only
    way a write takes notes away). The take's own pieces are marked live's."""
    ahead = [w for w in written.values() if w["end_qn"] > cut + EPS]
    if not ahead:
        return []
    end = max(w["end_qn"] for w in ahead)
    first = min(w["start_qn"] for w in ahead)
    playing = max((w for w in ahead if w["start_qn"] < cut - EPS), key=lambda w: w["start_qn"], default=None)
    start = min(first, cut)
    # what was heard of the bar the stop is in
    sources = [] if playing is None else [dict(playing, end_qn=cut, by=LIVE)]
    for old in sorted(before, key=lambda o: o["start_qn"]):
        lo, hi = max(old["start_qn"], cut, sources[-1]["end_qn"] if sources else start), min(old["end_qn"], end)
        if hi - lo > EPS:
            sources.append(dict(old, start_qn=lo, end_qn=hi))
    pieces, at = [], start
    for src in sources:
        if src["start_qn"] > at + EPS:  # nothing lay here before the take
            pieces.append({**ahead[0], "start_qn": at, "end_qn": src["start_qn"], "notes": [], "by": LIVE})
        pieces.append(dict(src, notes=_notes_in(src["notes"], src["start_qn"], src["end_qn"])))
        at = src["end_qn"]
    if end > at + EPS:
        pieces.append({**ahead[0], "start_qn": at, "end_qn": end, "notes": [], "by": LIVE})
    if playing is not None and len(pieces) > 1 and not pieces[1]["notes"]:
        pieces[:2] = [dict(pieces[0], end_qn=pieces[1]["end_qn"])]  # the bar heard, silent after the stop: one item
    return pieces


__all__ = ["drums_before_take", "items_after_stop"]
