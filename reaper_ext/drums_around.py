"""The other drums a Drumify write meets around the bars it writes (reaper_side.write_drum_track, in its undo point).

Variation tracks heard over those bars (auditioned, then Drumify run for new drums) are muted, so one kit plays.

ReaGroove's drums left past the band by an earlier run: the producer shortened or moved the part (trimmed the
bass's last two bars) and ran Drumify again, which writes the bars the part plays now and left the old drums
playing on over silence, a different take from the one just written, and said nothing of them. They go in the
run's undo point, said with their bars: only items as written (not edited, locked, pooled or the producer's own),
running on from the bars written without a gap, past every part heard on any track (selected or not): after the
last, before the first. The drums of a break between two parts stay."""

from __future__ import annotations

from . import reaper_read
from .reaper_item_record import _edited
from .reaper_names import HASH_KEY, PROJ, ROLE_KEY

SAME_S = 1e-4  # seconds: two items this close meet (their edges went through the tempo map apiece)


def _band_extent(r) -> tuple[float, float] | None:
    """(first, last) QN of the items heard on tracks not ReaGroove's, selected or not; None where none plays."""
    lo, hi = float("inf"), float("-inf")
    for t in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, t)
        if r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3] or reaper_read.track_silent(r, track):
            continue
        for k in range(r.RPR_CountTrackMediaItems(track)):
            item = r.RPR_GetTrackMediaItem(track, k)
            if (r.RPR_GetMediaItemInfo_Value(item, "B_MUTE") or reaper_read.lane_silent(r, item, track)
                    or not reaper_read.plays_something(r, item)):
                continue
            a, b = reaper_read.item_span_qn(r, item)
            lo, hi = min(lo, a), max(hi, b)
    return (lo, hi) if lo < hi else None


def drums_past_band(r, track, lo_qn: float, hi_qn: float, gone: set, spans: dict) -> list:
    """[[item, lo_qn, hi_qn], ...]: ReaGroove's items as written on the drum track `track` that run on from the
    bars [lo_qn, hi_qn) just drummed, after them or before them, item by item without a gap, and lie past every
    part that plays (after the last, before the first: the drums of a break between parts stay). The first item
    that is the producer's, or that a part plays over, ends the run on that side. `spans`: the track's items
    {item: (start s, end s, generated)} (reaper_side._generated_spans): a write after a long live take reads only
    the items next to its bars."""
    lo_s, hi_s = r.RPR_TimeMap2_QNToTime(PROJ, lo_qn), r.RPR_TimeMap2_QNToTime(PROJ, hi_qn)
    mine = [(a, b, item) for item, (a, b, generated) in spans.items() if generated and item not in gone]
    runs = []  # per side, the items running on from the bars without a gap, nearest first
    for later in (True, False):
        side = sorted((m for m in mine if (m[0] >= hi_s - SAME_S if later else m[1] <= lo_s + SAME_S)),
                      key=lambda m: m[0] if later else -m[1])
        edge, run = hi_s if later else lo_s, []
        for a, b, item in side:
            if abs((a if later else b) - edge) > SAME_S:  # a gap: drums of another part, or the producer's rest
                break
            run.append(item)
            edge = b if later else a
        runs.append((later, run))
    if not any(run for _, run in runs):
        return []
    band = _band_extent(r)
    if band is None:  # no part heard at all: nothing to be past
        return []
    out = []
    for later, run in runs:
        for item in run:
            a, b = reaper_read.item_span_qn(r, item)
            past = a >= band[1] - 1e-6 if later else b <= band[0] + 1e-6
            stored = r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]
            if not past or int(r.RPR_GetMediaItemInfo_Value(item, "C_LOCK")) & 1 or _edited(r, item, stored):
                break
            out.append([item, a, b])
    return out


def mute_superseded(r, changes, drums, spans: list) -> list:
    """Variation tracks heard over the bars Drumify just wrote (auditioned, then Drumify run for new drums) are
    muted in its undo point, so one kit plays: [[name, plays elsewhere too], ...]."""
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    out = []
    for t, name, plays in reaper_read.heard_variations(r):
        if t != drums and any(a < y - 1e-6 and b > x + 1e-6 for a, b in plays for x, y in spans):
            changes.set_track_value(t, "B_MUTE", 1.0)
            out.append([name, any(a < lo - 1e-6 or b > hi + 1e-6 for a, b in plays)])
    return out
