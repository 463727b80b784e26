"""ReaGroove's functions that run inside REAPER (plain Python over `reaper_python`; no torch, no numpy).

The engine process calls each of these once per operation through the
server (see server.py), so reading or writing an item of any size costs one
round trip: all work on notes happens here, inside REAPER. Every function
that edits the project is one undo point, and takes back its own partial
work if it fails half way, so nothing half-written is left behind, nor an
undo or redo entry for it (reaper_edit.py).

Positions cross the wire in quarter notes (QN) from the project start, which
is what the engine's grid is built on; REAPER's tempo map converts them.

Notes are read and written with MIDI_GetNote / MIDI_InsertNote rather than
the packed MIDI_GetAllEvts buffer: REAPER's Python wrapper decodes `char*`
buffers as text, which fails on MIDI bytes (reference.md).
"""

from __future__ import annotations

import json

from reagroove.core.constants import DRUM_CHANNEL, EXT_SECTION

from . import (band_bus, drum_track_copies, drum_track_mark, held_bars, project_maps, reaper_edit, reaper_live_input,
               reaper_read, track_kit, track_place, variation_hits, variation_nudges)
from .drums_around import drums_in_gaps, drums_past_band
from .item_cuts import keep_before, piece_after, trim_front  # a hit a hair early on a cut is the later bar's
from .reaper_item_record import (GUID_KEY, NAME_KEY, PROJECT_KEY, SPAN_KEY, WRITERS, _edited, _project_id, _sound_now,
                                 _span_now, as_written, nudge_of, pooled_only, record_written, unrecorded_move,
                                 written_by)
from .reaper_names import (  # noqa: F401  (LIVE_KEY, LIVE_RUNNING, LIVE_UNDO_NAME: read through this module too)
    DRUM_MAP_KEY, DRUMS_ROLE, DRUMS_TRACK_NAME, HASH_KEY, LIVE_KEY, LIVE_RUNNING, LIVE_UNDO_NAME, PROJ, ROLE_KEY,
    SETTINGS_KEY, VARIATION_BASE, VARIATION_ROLE, ReaperSideError, _r,
)
from .variation_audition import mute_where_drums_play

# ---------------------------------------------------------------- writing


def _new_track(r, changes, name: str, index: int, role: str = DRUMS_ROLE):
    index = max(0, min(index, r.RPR_CountTracks(PROJ)))
    r.RPR_InsertTrackAtIndex(index, True)
    track = r.RPR_GetTrack(PROJ, index)
    changes.new_track(track)
    r.RPR_GetSetMediaTrackInfo_String(track, "P_NAME", name, True)
    r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, role, True)
    return track


def _generated_items(r, track) -> list:
    out = []
    for i in range(r.RPR_CountTrackMediaItems(track)):
        item = r.RPR_GetTrackMediaItem(track, i)
        stored = r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]
        if stored:
            out.append((item, stored))
    return out


# Where the generated items of a track are, in seconds: {track: (reaper_python module, project state count,
# {item: (start, end)})}. REAPER does not promise that GetTrackMediaItem lists a track's items by position,
# so finding the items a write overlaps would mean reading every item; this index is read once per track
# and kept up to date by the writes themselves, and read again whenever anything else changed the project
# since (or reaper_python was loaded anew: another REAPER, whose pointers may look the same).
_spans: dict = {}


def _generated_spans(r, track) -> dict:
    """{item: (start, end, generated)} of every item on `track`, in seconds (the producer's own items too)."""
    count = r.RPR_GetProjectStateChangeCount(PROJ)
    known = _spans.get(track)
    if known is not None and known[0] is r and known[1] == count:
        return known[2]
    spans = {}
    for i in range(r.RPR_CountTrackMediaItems(track)):
        item = r.RPR_GetTrackMediaItem(track, i)
        pos = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        spans[item] = (pos, pos + r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"),
                       bool(r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]))
    _spans[track] = (r, count, spans)
    return spans


def _generated_overlapping(r, track, lo_qn: float, hi_qn: float, theirs: bool = False) -> list:
    """Generated items on `track` overlapping [lo_qn, hi_qn): [item, lo_qn, hi_qn, edited, locked] (edited: its
    notes changed, it was trimmed, or muted; locked: the producer locked it, C_LOCK, to keep it as it is). With
    `theirs`, the producer's own items there that play (unmuted, with notes or audio: a fill they played) come too, as
    locked: never replaced, nor played over.

    A write costs the same on a track holding the hundreds of items of a
    long live take as on an empty one (see _spans).
    """
    lo_s, hi_s = r.RPR_TimeMap2_QNToTime(PROJ, lo_qn), r.RPR_TimeMap2_QNToTime(PROJ, hi_qn)
    out = []
    for item, (start, end, generated) in _generated_spans(r, track).items():
        if start < hi_s - 1e-9 and end > lo_s + 1e-9 and (generated or theirs):
            lo, hi = reaper_read.item_span_qn(r, item)
            if not (lo < hi_qn - 1e-9 and hi > lo_qn + 1e-9):
                continue
            if not generated:  # the producer's: muted or empty (a MIDI item with no notes yet too), it plays
                # nothing, and drums may go there
                if not r.RPR_GetMediaItemInfo_Value(item, "B_MUTE") and reaper_read.plays_something(r, item):
                    out.append([item, lo, hi, True, True])
                continue
            stored = r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]
            locked = int(r.RPR_GetMediaItemInfo_Value(item, "C_LOCK")) & 1
            edited = _edited(r, item, stored)
            out.append([item, lo, hi, edited, bool(locked)])
    return out


def _written(r, track, items: list, deleted: list) -> None:
    """Keep the track's index of generated items in step with a write (see _spans)."""
    known = _spans.get(track)
    if known is None or known[0] is not r:
        return
    spans = known[2]
    for item in deleted:
        spans.pop(item, None)
    for item in items:
        pos = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        spans[item] = (pos, pos + r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"), True)
    _spans[track] = (r, r.RPR_GetProjectStateChangeCount(PROJ), spans)


def _remember_drum_map(changes, track, drum_map: dict | None) -> None:
    """A user drum map (None = General MIDI) stored with the track, so later runs use the same kit (stored already:
    left alone, so a run that changes nothing else makes no undo point)."""
    stored = changes.r.RPR_GetSetMediaTrackInfo_String(track, DRUM_MAP_KEY, "", False)[3]
    if drum_map and stored != json.dumps(drum_map):
        changes.set_track_string(track, DRUM_MAP_KEY, json.dumps(drum_map))


def _write_item(r, changes, track, spec: dict, nudge_qn: float = 0.0, by: str = ""):
    """The item `spec` describes; `nudge_qn` moves it and its notes off the grid (the producer's nudge, kept); `by`:
    what writes it (reaper_item_record.WRITERS)."""
    start_s = r.RPR_TimeMap2_QNToTime(PROJ, spec["start_qn"] + nudge_qn)
    end_s = r.RPR_TimeMap2_QNToTime(PROJ, spec["end_qn"] + nudge_qn)
    # qnInOptional is a `const bool*`, so REAPER's wrapper returns (item, *args).
    item = r.RPR_CreateNewMIDIItemInProj(track, start_s, end_s, False)[0]
    changes.new_item(track, item)
    take = r.RPR_GetActiveTake(item)
    r.RPR_GetSetMediaItemTakeInfo_String(take, "P_NAME", spec.get("name", "ReaGroove"), True)
    r.RPR_GetSetMediaItemInfo_String(item, NAME_KEY, spec.get("name", "ReaGroove"), True)
    for qn_on, qn_off, pitch, vel in spec["notes"]:
        on = r.RPR_MIDI_GetPPQPosFromProjQN(take, qn_on + nudge_qn)
        off = r.RPR_MIDI_GetPPQPosFromProjQN(take, qn_off + nudge_qn)
        r.RPR_MIDI_InsertNote(take, False, False, on, max(off, on + 1), DRUM_CHANNEL, int(pitch), int(vel), True)
    r.RPR_MIDI_Sort(take)
    r.RPR_GetSetMediaItemInfo_String(item, ROLE_KEY, DRUMS_ROLE, True)
    r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, r.RPR_MIDI_GetHash(take, True, "", 128)[3], True)
    r.RPR_GetSetMediaItemInfo_String(item, SETTINGS_KEY, json.dumps(spec.get("settings", {})), True)
    r.RPR_GetSetMediaItemInfo_String(item, SPAN_KEY, json.dumps(_span_now(r, item) + _sound_now(r, item)), True)
    r.RPR_GetSetMediaItemInfo_String(item, GUID_KEY, r.RPR_GetSetMediaItemInfo_String(item, "GUID", "", False)[3], True)
    r.RPR_GetSetMediaItemInfo_String(item, PROJECT_KEY, _project_id(r, changes), True)
    record_written(r, item, spec, by)
    return item


# A live take's bars are written without an undo point; end_live_take makes one of them all when the take
# ends. Kept per reaper_python module, as _spans is: {"r": module, "open": bars written since the last point,
# "closed": the take's point was made early, by another edit that came while it was open}.
_live_take: dict = {"r": None, "open": False, "closed": False}


def _take_state(r) -> dict:
    if _live_take["r"] is not r:
        _live_take.update(r=r, open=False, closed=False)
    return _live_take


def _close_live_take(r) -> None:
    """Another edit comes while a live take's bars have no undo point yet (follow turned off, its follower not
    yet at its next poll; or Variations while it plays): those bars become their own point first, so the
    edit's point holds only its own change and undoing it never takes live bars with it."""
    state = _take_state(r)
    if state["open"]:
        r.RPR_Undo_OnStateChangeEx2(PROJ, LIVE_UNDO_NAME, reaper_edit.UNDO_STATE_ALL, -1)
        state.update(open=False, closed=True)


def _edit(undo_name: str | None, work):
    """`work(r, changes)` as one undo point, or none at all if it fails (reaper_edit.py); the bars of a live
    take (undo_name None) are remembered for end_live_take."""
    r = _r()
    if undo_name is not None:
        _close_live_take(r)
    before = r.RPR_GetProjectStateChangeCount(PROJ)
    try:
        result = reaper_edit.edit(r, undo_name, work)
    except BaseException:
        _spans.clear()  # the index may hold items the failed write made and took back
        raise
    if undo_name is None and r.RPR_GetProjectStateChangeCount(PROJ) != before:
        _take_state(r).update(open=True, closed=False)
    return result


def write_drum_track(spec: dict) -> dict:
    """Write generated items onto a drum track, as one undo point.

    spec: track_name, below_index (insert the track under this track index if
    it does not exist yet; item_tracks, the tracks of the selected items, and
    after the folder of any of them), items [{start_qn, end_qn, name, notes
    [[qn_on, qn_off, pitch, velocity]], settings}], overwrite_edited (bool),
    undo_name, mute (bool, for variation tracks), reuse (bool: reuse the
    drum track, found by its role whatever the producer renamed it to, or for
    another track_name a ReaGroove track of that name), undo (default true;
    false for the bars of a live take, which end_live_take makes one undo
    point of), no_instrument_message (a console line for a drum track this write makes that has no instrument:
    live follow's, whose bars have no summary; "instrument" in the result says it for Drumify's).

    Generated items already on the track that overlap a new one are replaced,
    unless the producer has edited them since (their notes' hash differs from
    the one stored at writing, or they trimmed, muted, sped up, slipped, turned down, faded, pitched or
    panned the item) and overwrite_edited is false, or locked them
    (C_LOCK): then they stay, and of the new item only the window's bars outside them are written (held_bars.py;
    "kept_edited": the bars kept, "kept_why": why each is, "replaced": [[name, lo_qn, hi_qn]] of the generated items
    replaced, for the console to name those of other settings). Items of the producer's own on the track
    (a fill they played) that play are never replaced nor played over: no new item is written over them. A
    generated item as written lying under such an item that plays (their copy of an edited one, dragged over
    it) goes where it lies under it (_clear_under), in the same undo point (not for a live take's bars).

    A generated item the producer nudged off the grid by under a 16th (drums laid back) is replaced by one as
    far off it, its notes with it ("nudged": [[lo_qn, hi_qn, offset QN, offset s]] of the grid spans); one an older
    ReaGroove wrote, with no record of where, is replaced whole by one on the grid ("unrecorded_moved", alike). When
    every window already holds what it would write (the same spec, untouched since) or the producer's items
    kept, nothing is written and no undo point made ("unchanged": the items found so). Copies of the drum track
    heard under the windows written are named ("drum_copies", drum_track_copies.py), never written. With
    past_band (Drumify's), an earlier Drumify's items as written running on after these bars past every part
    (the part shortened at its end) go too (said in "past_band": drums_around.py).

    One writer at a time: while live follow is on (its ext-state flag), a
    write to the drum track that is not one of its bars changes nothing and
    raises a one-line ReaperSideError naming live follow.
    """
    name = spec.get("track_name", DRUMS_TRACK_NAME)
    live_bars = not spec.get("undo", True)
    if not live_bars and name == DRUMS_TRACK_NAME and spec.get("reuse", True) and reaper_read.live_follow_on():
        r = _r()
        track = reaper_read.find_track(r, name)
        raise ReaperSideError(LIVE_RUNNING.format(what="drumify",
                                                  track=r.RPR_GetTrackName(track, "", 256)[2] if track else name))

    def work(r, changes):
        track = reaper_read.find_track(r, name) if spec.get("reuse", True) else None
        made_track = track is None
        if made_track:
            below = int(spec.get("below_index", r.RPR_CountTracks(PROJ) - 1))
            at, level = band_bus.drum_place(r, below, spec.get("item_tracks", ()))  # in a band's bus folder
            track = _new_track(r, changes, name, at)
            track_place.keep_in_folder(r, changes, at, 1, level)
        _remember_drum_map(changes, track, spec.get("drum_map"))
        if spec.get("mute") is not None:
            changes.set_track_value(track, "B_MUTE", 1.0 if spec["mute"] else 0.0)
        written, kept, gone, theirs, removed, covers = 0, [], set(), set(), [], set()
        # items the producer nudged, each left to the new item for its own bars (one pushed early overlaps the bar
        # before); items written here are not cut by the next one (a nudged one overlaps it, as the producer's did)
        nudges, unrecorded = ({}, {}) if live_bars else _nudged(r, track, spec["items"])
        # wrote: the windows written; pools: those kept only for a pooled item there (its notes are other bars' too)
        fresh, unchanged, nudged, moved, wrote, pools = set(), 0, [], [], [], []

        def in_window(k: int, new: dict) -> list:
            return [e for e in _generated_overlapping(r, track, new["start_qn"], new["end_qn"], theirs=True)
                    if e[0] not in gone and e[0] not in fresh and nudges.get(e[0], (k,))[0] == k]

        def holding_of(overlapping: list) -> list:  # an edited item stays unless overwrite_edited; a locked one stays
            return [e for e in overlapping if e[4] or (e[3] and not spec.get("overwrite_edited", False))]

        def nudge_of_window(overlapping: list) -> float:
            return next((nudges[e[0]][1] for e in overlapping if e[0] in nudges), 0.0)

        def write_window(k: int, new: dict, overlapping: list, names: list) -> int:
            nudge = nudge_of_window(overlapping)
            # a take's bars are live's; the drums put back past its stop keep what wrote them (live_take_end.py)
            by = (new.get("by") if new.get("by") in WRITERS else "live") if live_bars else "drumify"
            item = _write_item(r, changes, track, new, nudge, by)
            fresh.add(item)
            if nudge:
                nudged.append([new["start_qn"], new["end_qn"], nudge, r.RPR_TimeMap2_QNToTime(
                    PROJ, new["start_qn"] + nudge) - r.RPR_TimeMap2_QNToTime(PROJ, new["start_qn"])])
            # What of the old items lies outside the new one stays (a 1-bar live take over 2-bar items leaves
            # no hole); the rest is deleted once the whole write is done, so a failure can put it all back.
            kept_items, gone_now = [item], []
            for e in overlapping:
                if not live_bars and not e[3] and not e[4]:
                    names.append(held_bars.replaced(r, e, new))  # (the console names those of other settings)
                if e[0] in unrecorded:  # an older ReaGroove's item moved off its grid: its drums are all this window's
                    changes.delete_item(track, e[0])
                    gone_now.append(e[0])
                    moved.append([new["start_qn"], new["end_qn"], unrecorded[e[0]], r.RPR_TimeMap2_QNToTime(
                        PROJ, new["start_qn"] + unrecorded[e[0]]) - r.RPR_TimeMap2_QNToTime(PROJ, new["start_qn"])])
                    continue
                if live_bars and e[1] >= new["start_qn"] - 1e-6 and trim_front(r, changes, e, new["end_qn"]):
                    kept_items.append(e[0])
                    continue
                kept_items += piece_after(r, changes, track, e, new["end_qn"] + nudge, _write_item)
                keep_before(r, changes, track, e, new["start_qn"] + nudge, kept_items, gone_now)
            gone.update(gone_now)
            _written(r, track, kept_items, gone_now)
            wrote.append([new["start_qn"], new["end_qn"]])
            return 1

        def parts_of(k: int, new: dict) -> tuple:  # (overlapping, holding, held bars, the pieces to write)
            overlapping = in_window(k, new)
            holding = holding_of(overlapping)
            if not holding:
                return overlapping, holding, [], [new]
            held, pieces = ([[new["start_qn"], new["end_qn"]]], []) if live_bars else held_bars.held_bars(
                r, new, holding, _generated_spans(r, track))
            return overlapping, holding, held, pieces

        def piece_there(k: int, piece: dict, holding: list) -> bool:
            overlapping = [e for e in in_window(k, piece) if e not in holding]
            return len(overlapping) == 1 and as_written(r, overlapping[0], piece, nudge_of_window(overlapping))

        def already_there(k: int, new: dict) -> bool:  # what the window would write, or the producer's items kept
            overlapping, holding, _held, pieces = parts_of(k, new)
            if overlapping and len(holding) == len(overlapping):
                return True
            return bool(pieces) and all(piece_there(k, p, holding) for p in pieces)

        # Drumify again with nothing changed (the same settings and seed draw the same drums): every window holds
        # what it would write already, so nothing is written and no undo point made. Anything else writes every
        # window, as before.
        same = not live_bars and all(already_there(k, new) for k, new in enumerate(spec["items"]))
        why, gone_names = [], []  # why each kept span is kept; the replaced items' names and bars
        for k, new in enumerate(spec["items"]):
            overlapping, holding, held, pieces = parts_of(k, new)
            if holding:  # its bars kept (the window's other bars written below); an item across two windows: said once
                kept += held
                reasons = held_bars.why_kept(r, holding, _generated_spans(r, track))
                why += [reasons] * len(held)
                if any(not e[4] and pooled_only(r, e[0]) for e in holding):
                    pools += held
                theirs.update(str(e[0]) for e in holding)
                if not live_bars:
                    removed += _clear_under(r, changes, track, holding, overlapping, gone, covers)
            for piece in pieces:
                if same:
                    unchanged += 1
                    continue
                if holding:
                    overlapping = [e for e in in_window(k, piece) if e not in holding]
                written += write_window(k, piece, overlapping, gone_names)
        past = [] if live_bars or not spec.get("past_band") or not spec["items"] else drums_past_band(
            r, track, min(n["start_qn"] for n in spec["items"]), max(n["end_qn"] for n in spec["items"]), gone,
            _generated_spans(r, track))
        for item, _lo, _hi in past:  # an earlier run's drums past every part: in this undo point
            changes.delete_item(track, item)
        _written(r, track, [], [e[0] for e in past])
        if (written or made_track) and name == DRUMS_TRACK_NAME:  # known from a copy of it (drum_track_mark.py)
            drum_track_mark.mark(r, changes, track)
        changes.done()
        _written(r, track, [], [])  # the index stays current after the deletions
        heard = not reaper_read.track_silent(r, track, midi=True)
        spans = [(new["start_qn"], new["end_qn"]) for new in spec["items"]]
        # the drum track's items once (muting variations leaves them as they are), where anything below reads them
        drum_items = None if live_bars and not spec.get("mute_variations") else _generated_spans(r, track)
        muted, still = (mute_where_drums_play(r, changes, track, drum_items, spans)
                        if spec.get("mute_variations") and (written or unchanged) and heard else ([], []))
        return {"track": track, "track_index": reaper_read.track_index(r, track), "created": made_track, "written": written,
                "kept_edited": kept, "kept_why": why, "replaced": gone_names, "kept_items": len(theirs), "heard": heard,
                "muted_variations": muted,
                "variations_still_playing": still,  # where the drum track's items are muted: variation_audition.py
                "removed_under": removed, "under_items": len(covers), "unchanged": unchanged, "nudged": nudged,
                "unrecorded_moved": moved, "instrument": track_kit.plays_midi(r, track),  # a new track: none
                "drum_copies": [] if live_bars else drum_track_copies.copies_heard(r, track, wrote),
                "pooled_kept": pools, "past_band": [[lo, hi] for _item, lo, hi in past],
                "gap_kept": drums_in_gaps(r, track, spec, written, drum_items) if not live_bars else []}

    result = _edit(None if live_bars else spec.get("undo_name", "ReaGroove: drumify"), work)
    if result["created"] and not result["instrument"] and spec.get("no_instrument_message"):
        show_message(spec["no_instrument_message"])  # live follow's bars: said here, in no round trip of its own
    return result


def _nudged(r, track, items: list) -> tuple[dict, dict]:
    """({item: (index of the new item for its bars, offset QN)}, {item: offset QN}): the generated items as written
    (not edited, not locked) that the producer nudged off the grid by under a 16th (reaper_item_record.nudge_of):
    the new drums for their bars keep the nudge, a feel (drums laid back), not a part moved; and those an older
    ReaGroove wrote (no record of where) lying as far off their window's grid: theirs at no offset (whether the
    producer or a tempo change moved them is not known: their new drums go on the grid, and the whole old item)."""
    out, unrecorded = {}, {}
    for k, new in enumerate(items):
        for e in _generated_overlapping(r, track, new["start_qn"], new["end_qn"]):
            found = None if e[3] or e[4] else nudge_of(r, e[0])
            if found and abs(found[0] - new["start_qn"]) < 1e-6:
                out[e[0]] = (k, found[1])
            elif e[0] not in out and (off := unrecorded_move(r, e, new)) is not None:
                out[e[0]], unrecorded[e[0]] = (k, 0.0), off
    return out, unrecorded


def _clear_under(r, changes, track, holding: list, overlapping: list, gone: set, covers: set) -> list:
    """In a window left to the producer's items (`holding`: edited, locked, their copy or their own), what of
    ReaGroove's items as written (not edited, not locked) lies under one of theirs that plays (unmuted, above
    -inf) goes: both played at once there. What lies before or after it stays ([[lo_qn, hi_qn], ...] taken out;
    the items of theirs over them added to `covers`)."""
    over = [e for e in holding if not reaper_read.item_silenced(r, e[0])]
    out = []
    for e in overlapping:
        under = [h for h in over if h[1] < e[2] - 1e-6 and h[2] > e[1] + 1e-6]
        if e[3] or e[4] or e[0] in gone or not under:
            continue
        covers.update(str(h[0]) for h in under)
        lo, hi = max(e[1], min(h[1] for h in under)), min(e[2], max(h[2] for h in under))
        kept_items, gone_now = piece_after(r, changes, track, e, hi, _write_item), []
        keep_before(r, changes, track, e, lo, kept_items, gone_now)
        gone.update(gone_now)
        _written(r, track, kept_items, gone_now)
        out.append([lo, hi])
    return out


def end_live_take(name: str = LIVE_UNDO_NAME) -> bool:
    """One undo point for the bars a live take wrote without one (called when the transport stops); none
    when another edit has made their point already and no bar came since (False then)."""
    r = _r()
    state = _take_state(r)
    if state["closed"] and not state["open"]:
        state["closed"] = False
        return False
    # every state: the take may have made the drum track (Undo_OnStateChange2 is "limited to items")
    r.RPR_Undo_OnStateChangeEx2(PROJ, str(name), reaper_edit.UNDO_STATE_ALL, -1)
    state.update(open=False, closed=False)
    return True


def set_live_flag(on: bool) -> bool:
    """The ext-state `live` flag ("on"/"off") that the docked panel shows, for live follow started elsewhere."""
    _r().RPR_SetExtState(EXT_SECTION, LIVE_KEY, "on" if on else "off", False)
    return True


def write_variation_tracks(spec: dict) -> dict:
    """N variation tracks under the drum track (with none, under `below_index`) in one undo point; the first
    plays (unless ReaGroove drums already play there: an unmuted ReaGroove track with drums over those bars),
    the rest are muted.

    spec: below_index, item_tracks (as for write_drum_track), base_name, variations [[items...], ...], undo_name,
    drum_map (None = General MIDI), refuse_copies (optional): with it, a version playing the drums a variation
    track already plays over its bars (Variations pressed again with nothing changed draws the same versions) is
    never written: nothing is written then, no undo point made, and the result says which ("copies": [[version,
    track name]]) with the hits of the variation tracks there ("existing": [[name, [[pitch, 16th], ...]]]), for
    the engine to draw others (more_variations.py). With drums_apart (a share of hits) too, a version within it
    of the drum track's drums over its bars (Var 1 is Drumify's part: the drums there already) is refused alike,
    the drum track's hits sent with the others and its name as "drum_track". Each new track gets a copy of the
    drum track's FX chain (track_kit.py: "kit", the instrument copied, "" where none; "kit_from", the drum track).
    """
    if spec.get("refuse_copies") and spec["variations"]:  # every version plays the same bars: the first's
        spans = variation_hits.spans_of(spec["variations"][0])
        there = variation_hits.existing_variations(_r(), spans)
        drums = variation_hits.main_drums(_r(), spans) if spec.get("drums_apart") else None
        found = variation_hits.copies(spec["variations"], there, drums, float(spec.get("drums_apart") or 0.0))
        if found:
            return {"tracks": [], "written": 0, "copies": found, "drum_track": drums[0] if drums else "",
                    "existing": [[name, sorted(hits)] for name, hits in there + ([drums] if drums else [])]}

    def work(r, changes):
        # the first new track's index: under the drum track wherever the producer put it (at the top, in a drum
        # bus), else under the band; after an earlier run's variations there, so the list reads Var 1, 2, 3, 4
        # (not 3, 4, 1, 2), and after the drum track, so the band's drums read Drums, Var 1, 2 whichever action
        # ran first (Variations after Drumify had put them between the band and its drums)
        at, level = track_place.variations_index(r, int(spec["below_index"]), spec.get("item_tracks", ()))
        base = spec.get("base_name", VARIATION_BASE)
        # Another run's tracks stay: the new ones are numbered after them, and when ReaGroove drums already
        # play over these bars (the drum track, an earlier variation, a fill the producer played there) every new
        # one starts muted, so two kits never play at once (drums of other bars, the verse's, leave the chorus's
        # first variation playing).
        spans = [(new["start_qn"], new["end_qn"]) for items in spec["variations"] for new in items]
        first, playing = 1, False
        for i in range(r.RPR_CountTracks(PROJ)):
            t = r.RPR_GetTrack(PROJ, i)
            if not r.RPR_GetSetMediaTrackInfo_String(t, ROLE_KEY, "", False)[3]:
                continue
            playing = playing or (r.RPR_GetMediaTrackInfo_Value(t, "B_MUTE") == 0.0 and spans != [] and any(
                not reaper_read.item_silenced(r, e[0])  # an item silenced for a breakdown plays nothing
                for e in _generated_overlapping(r, t, min(lo for lo, _ in spans), max(hi for _, hi in spans),
                                                theirs=True)))
            name = r.RPR_GetTrackName(t, "", 256)[2]
            if name.startswith(base + " ") and name[len(base) + 1:].isdigit():
                first = max(first, int(name[len(base) + 1:]) + 1)
        tracks, laid = [], variation_nudges.drum_track_nudges(r, spans)  # the drums' nudge off the grid, kept
        for i, items in enumerate(spec["variations"]):
            track = _new_track(r, changes, f"{base} {first + i}", at + i, VARIATION_ROLE)
            r.RPR_SetMediaTrackInfo_Value(track, "B_MUTE", 0.0 if i == 0 and not playing else 1.0)
            _remember_drum_map(changes, track, spec.get("drum_map"))
            for new in items:
                _write_item(r, changes, track, _numbered(new, i + 1, first + i),
                            variation_nudges.offset_at(laid, new["start_qn"]), by="variations")
            tracks.append(track)
        kit = track_kit.copy_kit(r, tracks)  # the drum track's kit on each, so an unmuted variation plays
        track_place.keep_in_folder(r, changes, at, len(tracks), level)
        # heard: the one that plays is not left silent by a solo elsewhere (all muted: nothing is meant to play)
        silent = bool(tracks) and not playing and reaper_read.track_silent(r, tracks[0], midi=True)
        return {"tracks": tracks, "written": sum(len(v) for v in spec["variations"]), "first_number": first,
                "first_plays": not playing, "heard": not silent, **kit,
                "nudged": variation_nudges.nudged_spans(r, laid, (spec["variations"] or [[]])[0])}

    return _edit(spec.get("undo_name", "ReaGroove: variations"), work)


def _numbered(item: dict, version: int, number: int) -> dict:
    """A variation's item named with its track's number: the engine labels versions 1..N (" · var 2") without
    knowing that an earlier run's tracks took the first numbers ("ReaGroove Var 4" holding "var 1")."""
    said, name = f" · var {version}", str(item.get("name", ""))
    if number == version or not name.endswith(said):
        return item
    return {**item, "name": name[: -len(said)] + f" · var {number}"}


def drum_track_items(track_name: str = DRUMS_TRACK_NAME) -> dict:
    """The generated items of a drum track (span, notes, edited or not), for tests and the panel."""
    r = _r()
    track = reaper_read.find_track(r, track_name)
    if track is None:
        return {"track": None, "items": []}
    items = []
    for item, stored in _generated_items(r, track):
        lo, hi = reaper_read.item_span_qn(r, item)
        take = r.RPR_GetActiveTake(item)
        items.append({
            "item": item, "start_qn": lo, "end_qn": hi, "edited": _edited(r, item, stored),
            "by": written_by(r, item),
            "name": r.RPR_GetTakeName(take), "notes": reaper_read.take_notes(r, take, lo, hi),
            "settings": json.loads(r.RPR_GetSetMediaItemInfo_String(item, SETTINGS_KEY, "", False)[3] or "{}"),
        })
    return {"track": track, "track_index": reaper_read.track_index(r, track), "items": items}


def show_message(text: str) -> None:
    """A line in REAPER's console: how the engine process reports results and errors to the producer."""
    _r().RPR_ShowConsoleMsg(str(text).rstrip("\n") + "\n")


# Reading the project and the selection, and what is played live: modules of their own, exported here
# (the server calls only what EXPORTED names in this module).
project_info = project_maps.project_info_and_selection  # with the selection counted: the editor greys Drumify
read_selected_items = reaper_read.read_selected_items
times_to_qn = reaper_read.times_to_qn
item_notes_hash = reaper_read.item_notes_hash
is_drum_track = reaper_read.is_drum_track

poll_live_input = reaper_live_input.poll_live_input

# The functions the engine may call through the server; nothing else is callable.
EXPORTED = (
    "project_info",
    "read_selected_items",
    "times_to_qn",
    "item_notes_hash",
    "write_drum_track",
    "write_variation_tracks",
    "drum_track_items",
    "poll_live_input",
    "end_live_take",
    "set_live_flag",
    "show_message",
)
