"""The variations Drumify mutes, for reaper_side.write_drum_track, in its undo point: a variation the producer
unmuted (auditioned) is muted only over the bars where the drum track plays once the drums are written (new
drums, those already there, an edited item of theirs that plays), so one kit plays there. Where the drum track's
items are muted (the producer muted them to hear the variation in their place: a chorus played by Var 1), the
variation is what they chose to hear and plays on; muting it too left those bars with no kit at all. A variation
heard over both has its items over the drum track's playing bars muted, the rest left playing."""

from __future__ import annotations

from . import reaper_read
from .reaper_names import PROJ

# drums nudged under a 16th off the grid reach that far into the next window: not a bar they play
NUDGE_QN = 0.25


def _overlap(spans, others) -> float:
    """QN of `spans` lying inside `others` (each a list of (lo, hi), those of `others` apart)."""
    return sum(max(0.0, min(b, y) - max(a, x)) for a, b in spans for x, y in others)


def _inside(spans, others) -> list:
    """The pieces of `spans` inside `others`, longer than a nudge: [[lo, hi], ...]."""
    pieces = [[max(a, x), min(b, y)] for a, b in spans for x, y in others]
    return sorted(p for p in pieces if p[1] - p[0] > NUDGE_QN)


def _minus(spans, cut) -> list:
    """`spans` [(lo, hi)] with `cut` (sorted, apart) taken out."""
    out = []
    for lo, hi in spans:
        at = lo
        for x, y in cut:
            if y <= at or x >= hi:
                continue
            if x > at:
                out.append((at, x))
            at = max(at, y)
        if at < hi:
            out.append((at, hi))
    return out


def drums_heard_over(r, drum_items: dict, windows: list) -> tuple[list, list]:
    """(playing, silent): the windows' spans [(lo_qn, hi_qn)] where an item on the drum track plays (not muted nor
    at -inf; one of the producer's own holding something), and the rest of them. `drum_items`: {item: (start_s,
    end_s, generated)}, every item on the track (reaper_side._generated_spans)."""
    lo_s = r.RPR_TimeMap2_QNToTime(PROJ, min(a for a, _ in windows))
    hi_s = r.RPR_TimeMap2_QNToTime(PROJ, max(b for _, b in windows))
    heard = []
    for item, (start, end, generated) in drum_items.items():
        if start < hi_s - 1e-9 and end > lo_s + 1e-9 and not reaper_read.item_silenced(r, item) and (
                generated or reaper_read.plays_something(r, item)):
            heard.append(reaper_read.item_span_qn(r, item))
    playing = [tuple(p) for p in _inside(heard, windows)]
    merged: list = []
    for a, b in playing:
        if merged and a <= merged[-1][1] + 1e-6:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged, [s for s in _minus(windows, merged) if s[1] - s[0] > NUDGE_QN]


def mute_where_drums_play(r, changes, drums, drum_items: dict, windows: list) -> tuple[list, list]:
    """(muted, still): the variations heard over the drum track's playing bars (drums_heard_over), muted there, as
    [[name, plays other bars too (silent now)], ...], or [[name, False, [[lo_qn, hi_qn], ...] of its items muted]]
    for one heard where the drum track's items are muted too; and those playing on where they are muted,
    [[name, [[lo_qn, hi_qn], ...]], ...]."""
    playing, silent = drums_heard_over(r, drum_items, windows)
    lo, hi = min(a for a, _ in windows), max(b for _, b in windows)
    muted, still = [], []
    for track, name, plays in reaper_read.heard_variations(r):
        if track == drums:
            continue
        over_drums = _overlap(plays, playing) > NUDGE_QN
        if over_drums and _overlap(plays, silent) <= NUDGE_QN:
            changes.set_track_value(track, "B_MUTE", 1.0)
            muted.append([name, any(a < lo - 1e-6 or b > hi + 1e-6 for a, b in plays)])
            continue
        if over_drums:  # its items where the drum track plays are muted: one kit in every bar, none silent
            where = []
            for k in range(r.RPR_CountTrackMediaItems(track)):
                item = r.RPR_GetTrackMediaItem(track, k)
                span = [reaper_read.item_span_qn(r, item)]
                if not reaper_read.item_silenced(r, item) and _overlap(span, playing) > max(
                        NUDGE_QN, _overlap(span, silent)):
                    changes.set_item_value(item, "B_MUTE", 1.0)
                    where.append(list(span[0]))
            plays = [p for p in plays if list(p) not in where]
            muted.append([name, False, where])
        if keeps := _inside(plays, silent):
            still.append([name, keeps])
    return muted, still


__all__ = ["drums_heard_over", "mute_where_drums_play"]
