"""The other drums a Drumify write meets around the bars it writes (reaper_side.write_drum_track, in its undo point):
variation tracks heard over them are variation_audition.py's.

An earlier Drumify's drums left after the band's end: the producer shortened the part (trimmed the bass's last two
bars) and ran Drumify again, which writes the bars the part plays now and left the old drums playing on over
silence, a different take from the one just written, and said nothing of them. They go in the run's undo point,
said with their bars: only items an earlier Drumify wrote as they are (not edited, locked, pooled or the producer's
own; not a live take's bars, a jam the producer may have played over no recorded part, nor a variation's),
running on from the bars written without a gap, after every part of the arrangement ends. A part plays where any
track not ReaGroove's has an item that plays there, whatever the track's mute, solo, fader or routing (the mix of
the moment: the keys muted for a listen still play in the song); an item muted itself or pulled down to -inf, on a
comping lane not chosen, or holding nothing does not. Drums BEFORE the first part stay: trimming the start of a part
under its drums is how a producer makes a drum intro or count-in. The drums of a break between two parts stay too,
but where they meet the bars written they are said (drums_in_gaps): a part moved a bar later, drummed alone, had
left its old first bar's groove playing over the gap before it, with nothing said."""

from __future__ import annotations

from . import reaper_read
from .reaper_item_record import _edited, written_by
from .reaper_names import HASH_KEY, PROJ, ROLE_KEY

SAME_S = 1e-4  # seconds: two items this close meet (their edges went through the tempo map apiece)


def _plays(r, item, track) -> bool:
    """Whether an item plays in the arrangement: not muted itself, not on a lane never heard, and holding something
    at a volume above -inf (its track's mute, solo and fader are the mix, not the arrangement)."""
    return not (r.RPR_GetMediaItemInfo_Value(item, "B_MUTE") or reaper_read.lane_silent(r, item, track)
                or not reaper_read.plays_something(r, item))


def _band_items(r):
    """(track, item) of every item on the tracks not ReaGroove's, selected or not."""
    for t in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, t)
        if not r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3]:
            for k in range(r.RPR_CountTrackMediaItems(track)):
                yield track, r.RPR_GetTrackMediaItem(track, k)


def _part_spans(r) -> list:
    """[(lo_qn, hi_qn)] of every item that plays on the tracks not ReaGroove's, selected or not."""
    return [reaper_read.item_span_qn(r, item) for track, item in _band_items(r) if _plays(r, item, track)]


def _part_over(r, lo_qn: float, hi_qn: float) -> bool:
    """Whether an item that plays on a track not ReaGroove's (as _part_spans reads them) lies over (lo_qn, hi_qn):
    each item's position read first, whether it plays only for one over the span, the first such ending the
    look (_part_spans reads whether every item in the project plays: about 0.2 s of a redrum over 100 tracks)."""
    lo_s, hi_s = r.RPR_TimeMap2_QNToTime(PROJ, lo_qn), r.RPR_TimeMap2_QNToTime(PROJ, hi_qn)
    for track, item in _band_items(r):
        at = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        if at >= hi_s + SAME_S or at + r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH") <= lo_s - SAME_S:
            continue  # clear of the span by more than the QN test's tolerance: played or not, not over it
        x, y = reaper_read.item_span_qn(r, item)
        if x < hi_qn - 1e-6 and y > lo_qn + 1e-6 and _plays(r, item, track):
            return True
    return False


def _band_end(r) -> float | None:
    """The last QN any item plays on the tracks not ReaGroove's, selected or not; None where none plays."""
    return max((hi for _lo, hi in _part_spans(r)), default=None)


def _as_written(r, item) -> bool:
    """An item an earlier Drumify wrote, as it wrote it (not edited, locked, a live take's or a variation's)."""
    stored = r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]
    return (written_by(r, item) == "drumify" and not _edited(r, item, stored)
            and not int(r.RPR_GetMediaItemInfo_Value(item, "C_LOCK")) & 1)


def drums_past_band(r, track, lo_qn: float, hi_qn: float, gone: set, spans: dict) -> list:
    """[[item, lo_qn, hi_qn], ...]: the items an earlier Drumify wrote, as written, on the drum track `track` that
    run on after the bars [lo_qn, hi_qn) just drummed, item by item without a gap, and start at or after the end
    of every part that plays (drums before the bars, and a break's between parts, stay: see the module). The
    first item that is not such, or that one of the producer's items on the track plays over (a fill), ends the
    run. `spans`: the track's items {item: (start s, end s, generated)} (reaper_side._generated_spans)."""
    hi_s = r.RPR_TimeMap2_QNToTime(PROJ, hi_qn)
    after = sorted(((a, b, item) for item, (a, b, generated) in spans.items()
                    if generated and item not in gone and a >= hi_s - SAME_S), key=lambda m: m[0])
    edge, run = hi_s, []  # the items running on from the bars without a gap, nearest first
    for a, b, item in after:
        if abs(a - edge) > SAME_S:  # a gap: drums of another part, or the producer's rest
            break
        run.append((a, b, item))
        edge = b
    band_end = _band_end(r) if run else None
    if band_end is None:  # nothing to remove, or no part plays at all: nothing to be past
        return []
    theirs = _theirs(r, track, spans)
    out = []
    for a_s, b_s, item in run:
        lo, hi = reaper_read.item_span_qn(r, item)
        if lo < band_end - 1e-6 or not _untouched(r, item, a_s, b_s, theirs):
            break
        out.append([item, lo, hi])
    return out


def _theirs(r, track, spans: dict) -> list:
    """[(lo_s, hi_s)] of the producer's own items on the drum track that play (`spans`: drums_past_band's)."""
    return [(a, b) for item, (a, b, generated) in spans.items() if not generated and _plays(r, item, track)]


def _untouched(r, item, a_s: float, b_s: float, theirs: list) -> bool:
    """Whether an earlier Drumify's item (a_s..b_s seconds) is as it wrote it, none of the producer's items over it."""
    return _as_written(r, item) and not any(x < b_s - SAME_S and y > a_s + SAME_S for x, y in theirs)


def drums_in_gaps(r, track, spec: dict, written: int, spans: dict) -> list:
    """[[lo_qn, hi_qn], ...]: the items an earlier Drumify wrote, as written, on the drum track `track` that run on
    from the bars a Drumify write just drummed (`spec`, Drumify's: its "past_band"; `written` of its windows
    written: none, nothing new meets them), before or after them, item by item without a gap, in a gap between
    two parts where no part plays now. They stay (a break's drums, kept time through, are Drumify's too), and are
    said: the part moved a bar later left its old first bar's groove playing over the gap, with no fill into
    the comeback. The first item that is not such (a part plays over it, one of the producer's items plays over
    it, no part plays on one side of it: an intro, or drums past the band) ends the run. `spans`: as for
    drums_past_band."""
    if not written or not spec.get("past_band") or not spec["items"]:
        return []
    lo_s, hi_s = (r.RPR_TimeMap2_QNToTime(PROJ, f(key(n) for n in spec["items"]))
                  for f, key in ((min, lambda n: n["start_qn"]), (max, lambda n: n["end_qn"])))
    ours = sorted((a, b, item) for item, (a, b, generated) in spans.items() if generated)
    if not any(abs(b - lo_s) <= SAME_S or abs(a - hi_s) <= SAME_S for a, b, _item in ours):
        return []  # no drums meet the bars written: no need to read every track's items
    theirs = _theirs(r, track, spans)
    out, parts = [], []

    def in_gap(a_s: float, b_s: float, item) -> bool:
        # the drum track's own reads first, then whether a part plays over it (a re-drummed middle section's
        # neighbours: the part next to it, found among the first items read); every part only for a gap
        lo, hi = reaper_read.item_span_qn(r, item)
        if not _untouched(r, item, a_s, b_s, theirs) or _part_over(r, lo, hi):
            return False
        parts[:] = parts or _part_spans(r)
        if not any(y <= lo + 1e-6 for _, y in parts) or not any(x >= hi - 1e-6 for x, _ in parts):
            return False
        out.append([lo, hi])
        return True

    for backward, edge in ((True, lo_s), (False, hi_s)):
        while True:  # the item meeting the edge, then the one meeting it, ...
            meets = [m for m in ours if abs((m[1] if backward else m[0]) - edge) <= SAME_S]
            if not meets or not in_gap(*meets[0]):
                break
            edge = meets[0][0] if backward else meets[0][1]
    return sorted(out)
