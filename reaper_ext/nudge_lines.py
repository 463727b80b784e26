"""What Drumify says of the drum items the producer moved a little off the grid: a nudge kept through a redrum,
or one it could not keep, on an item an older ReaGroove wrote without a record of where (reaper_item_record.py)."""

from __future__ import annotations

from reagroove.core.wording import listed

from .selection_bars import bars_said


def _far(off_s: float) -> str:
    ms = round(abs(off_s) * 1000)
    return f"{ms} ms" if ms else "under 1 ms"


def _span_ms(offs_s: list) -> str:
    """'15 ms', or '17-83 ms' for items moved by different amounts (a tempo change moves each further)."""
    lo, hi = _far(min(offs_s, key=abs)), _far(max(offs_s, key=abs))
    return lo if lo == hi else f"{lo.split()[0]}-{hi}" if "under" not in lo else f"under 1-{hi}"


def _by_offset(written: dict) -> dict:
    """{(ms off the grid, late), [(lo_qn, hi_qn), ...]} of a write's "nudged" spans."""
    by_ms: dict = {}
    for lo, hi, _qn, off_s in written.get("nudged") or ():
        by_ms.setdefault((round(abs(off_s) * 1000), off_s > 0), []).append((lo, hi))
    return by_ms


def nudges_kept(project: dict, written: dict) -> list[str]:
    """The bars whose new drums kept the producer's nudge of their item (REAPER's side wrote them as far off the
    grid), said with how far, so a feel kept is never a surprise, nor one lost without a word."""
    out = []
    for (ms, late), spans in _by_offset(written).items():
        far = f"{ms} ms" if ms else "under 1 ms"
        out.append(f"kept your nudge of the drums in {bars_said(project, spans)}: the new drums there play {far} "
                   f"{'late' if late else 'early'}, where you moved the item (move it back onto the grid for drums "
                   "on the beat)")
    return out


def variations_nudged(project: dict, written: dict) -> list[str]:
    """The bars whose variations lie off the grid as the drum track's items the producer nudged there do
    (variation_nudges.py), said with how far: a variation unmuted in the drums' place keeps their feel."""
    return [f"the variations in {bars_said(project, spans)} play {f'{ms} ms' if ms else 'under 1 ms'} "
            f"{'late' if late else 'early'}, as your nudged drums there do" for (ms, late), spans in
            _by_offset(written).items()]


def unrecorded_moves(project: dict, written: dict) -> list[str]:
    """One line for the drum items an older ReaGroove wrote that lay off the grid (nudged, or moved by a tempo
    change: it kept no record to tell): their new drums are on the grid, and how to lay them back is said."""
    moved = written.get("unrecorded_moved") or ()
    if not moved:
        return []
    offs = listed([_span_ms([off_s for *_s, off_s in moved if (off_s > 0) == late]) + (" late" if late else " early")
                   for late in (False, True) if any((off_s > 0) == late for *_s, off_s in moved)])
    one = len(moved) == 1
    it = "it" if one else "them"
    return [f"the drums in {bars_said(project, [(lo, hi) for lo, hi, *_ in moved])} played {offs}, on "
            f"{'an item' if one else 'items'} an older ReaGroove wrote with no record of where: your nudge and a "
            f"tempo change's move cannot be told apart there, so the new drums are on the grid (nudge {it} again "
            "for a laid-back feel: from now on a nudge is kept)"]


__all__ = ["nudges_kept", "unrecorded_moves", "variations_nudged"]
