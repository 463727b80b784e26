"""Variations laid where the producer laid the drums (reaper_side.write_variation_tracks, inside REAPER).

A producer who nudged the drum items a little off the grid (drums laid back 30 ms) has a feel Drumify keeps through
a redrum (reaper_item_record.nudge_of). Variations wrote every version on the grid, so the one unmuted in the drum
track's place played its bars 30 ms ahead of the drums it was auditioned against. Each variation item now goes as
far off the grid as the drum track's item written for the same bars; a drum track moved a bar or more (a part
moved, not a feel), edited or locked items, and bars with no drum item leave the variations on the grid.
"""

from __future__ import annotations

from . import reaper_read
from .reaper_item_record import nudge_of
from .reaper_names import DRUMS_TRACK_NAME, PROJ

SAME_QN = 1e-6


def drum_track_nudges(r, spans: list) -> list[tuple[float, float]]:
    """[(grid start QN, offset QN), ...] of the drum track's generated items over spans [(lo_qn, hi_qn), ...] (the
    variations' bars: a long live take's hundreds of items elsewhere are not read) as written (not edited, not
    locked) that the producer nudged off the grid by under a 16th."""
    from .reaper_side import _generated_overlapping  # (reaper_side imports this module)

    track = reaper_read.find_track(r, DRUMS_TRACK_NAME) if spans else None
    if track is None:
        return []
    written = _generated_overlapping(r, track, min(lo for lo, _ in spans), max(hi for _, hi in spans))
    return [found for item, _lo, _hi, edited, locked in written if not (edited or locked)
            and (found := nudge_of(r, item))]


def offset_at(nudges: list, start_qn: float) -> float:
    """The offset (QN) of the drum item written for the bars starting at start_qn; 0.0 where none was nudged."""
    return next((off for grid, off in nudges if abs(grid - start_qn) < SAME_QN), 0.0)


def nudged_spans(r, nudges: list, items: list) -> list:
    """[[lo_qn, hi_qn, offset QN, offset s], ...] of `items` (one version's) laid off the grid, as Drumify's
    "nudged" says them (nudge_lines.py)."""
    out = []
    for new in items:
        off = offset_at(nudges, new["start_qn"])
        if off:
            lo = new["start_qn"]
            out.append([lo, new["end_qn"], off,
                        r.RPR_TimeMap2_QNToTime(PROJ, lo + off) - r.RPR_TimeMap2_QNToTime(PROJ, lo)])
    return out


__all__ = ["drum_track_nudges", "nudged_spans", "offset_at"]
