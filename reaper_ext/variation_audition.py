"""The variations Drumify mutes, for reaper_side.write_drum_track, in its undo point: a variation the producer
unmuted (auditioned) over the bars written is muted only where the drum track plays once the drums are written
(new drums, those already there, an edited item of theirs that plays), so one kit plays there. Where the drum
track's items are muted (the producer muted them to hear the variation in their place: a chorus played by Var 1)
or it has none, the variation is what they hear and plays on; muting it too left those bars with no kit at all.
Both are worked out over the variation's whole span, not only the bars written, so no bar of it goes silent.
REAPER mutes whole items: one over both playing and muted drum bars plays on where most of it lies over muted
ones, else is muted; the bars it leaves with two kits or none are returned to be said."""

from __future__ import annotations

from . import reaper_read
from .reaper_names import PROJ
from .selection_bars import merged, overlap

# drums nudged under a 16th off the grid reach that far into the next window: not a bar they play
NUDGE_QN = 0.25


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


def _said(spans) -> list:
    """Spans merged, as plain lists for the result: [[lo_qn, hi_qn], ...]."""
    return [[a, b] for a, b in merged(tuple(s) for s in spans)]


def drums_heard_over(r, drum_items: dict, windows: list) -> tuple[list, list]:
    """(playing, silent): the windows' spans [(lo_qn, hi_qn)] where an item on the drum track plays (not muted nor
    at -inf; one of the producer's own holding something), and the rest of them. `drum_items`: {item: (start_s,
    end_s, generated)}, every item on the track (reaper_side._generated_spans)."""
    windows = merged(tuple(w) for w in windows)
    lo_s = r.RPR_TimeMap2_QNToTime(PROJ, min(a for a, _ in windows))
    hi_s = r.RPR_TimeMap2_QNToTime(PROJ, max(b for _, b in windows))
    heard = []
    for item, (start, end, generated) in drum_items.items():
        if start < hi_s - 1e-9 and end > lo_s + 1e-9 and not reaper_read.item_silenced(r, item) and (
                generated or reaper_read.plays_something(r, item)):
            heard.append(reaper_read.item_span_qn(r, item))
    playing = merged(tuple(p) for p in _inside(heard, windows))
    return playing, [s for s in _minus(windows, playing) if s[1] - s[0] > NUDGE_QN]


def _one_kit(r, changes, track, playing: list, silent: list) -> tuple[list, list, bool]:
    """(muted, kept, track_muted): the variation's unmuted items as (item, (lo_qn, hi_qn)), split by where each
    mostly lies: over the drum track's playing bars (muted), or its muted ones (playing on; REAPER mutes whole
    items). Every one muted mutes the track instead, as Drumify always has, so unmuting it auditions it again;
    not where a muted one also lies over muted drum bars (no kit there): its items are muted then, so splitting
    that item and unmuting its part there (as said) brings the kit back, which a muted track would not."""
    muted, kept = [], []
    for k in range(r.RPR_CountTrackMediaItems(track)):
        item = r.RPR_GetTrackMediaItem(track, k)
        if reaper_read.item_silenced(r, item):
            continue
        span = reaper_read.item_span_qn(r, item)
        over_drums = overlap(*span, playing)
        (muted if over_drums > NUDGE_QN and over_drums >= overlap(*span, silent) else kept).append((item, span))
    track_muted = bool(muted) and not kept and not _inside([span for _item, span in muted], silent)
    if track_muted:
        changes.set_track_value(track, "B_MUTE", 1.0)
    else:
        for item, _span in muted:
            changes.set_item_value(item, "B_MUTE", 1.0)
    return muted, kept, track_muted


def mute_where_drums_play(r, changes, drums, drum_items: dict, windows: list) -> tuple[list, list]:
    """(muted, still) for the variations heard over the bars written (`windows`, [(lo_qn, hi_qn)]), the drum track
    `drums` written: muted where the drum track plays (drums_heard_over over each one's whole span), each as
    {"name", "track_muted": the whole track muted, "muted": [[lo_qn, hi_qn], ...] where it was muted over playing
    drums, "two_kits": where an item of it kept playing over them, "no_kit": where one muted lay over none};
    only those with something muted or left as two kits or none. `still`: those playing on where the drum track
    does not, [[name, [[lo_qn, hi_qn], ...]], ...]."""
    muted, still, written = [], [], merged(tuple(w) for w in windows)
    for track, name, plays in reaper_read.heard_variations(r):
        if track == drums or sum(overlap(a, b, written) for a, b in plays) <= NUDGE_QN:
            continue
        playing, silent = drums_heard_over(r, drum_items, plays)
        gone_spans, kept_spans, track_muted = [], [tuple(p) for p in plays], False
        if playing:  # else it plays only where the drum track does not: left as it is
            gone, kept, track_muted = _one_kit(r, changes, track, playing, silent)
            gone_spans, kept_spans = [span for _item, span in gone], [span for _item, span in kept]
        entry = {"name": name, "track_muted": track_muted,
                 "muted": _said(_inside(gone_spans, playing)), "two_kits": _said(_inside(kept_spans, playing)),
                 "no_kit": _said(_inside(gone_spans, silent))}
        if gone_spans or entry["two_kits"]:
            muted.append(entry)
        if keeps := _inside(kept_spans, silent):
            still.append([name, _said(keeps)])
    return muted, still


__all__ = ["drums_heard_over", "mute_where_drums_play"]
