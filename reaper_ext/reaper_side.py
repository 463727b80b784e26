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
import math

from reagroove.core.constants import DRUM_CHANNEL, EXT_SECTION

from . import reaper_edit

PROJ = 0  # the current project
ROLE_KEY = "P_EXT:reagroove_role"
HASH_KEY = "P_EXT:reagroove_hash"
SETTINGS_KEY = "P_EXT:reagroove_settings"
DRUM_MAP_KEY = "P_EXT:reagroove_drummap"
DRUMS_TRACK_NAME = "ReaGroove Drums"
DRUMS_ROLE = "drums"  # the drum track's ROLE_KEY (and every generated item's)
VARIATION_ROLE = "variation"
VARIATION_BASE = "ReaGroove Var"
LIVE_UNDO_NAME = "ReaGroove: live follow"
LIVE_KEY = "live"  # ext-state key: "on" while live follow runs (the toggle action, both panels, the follower)
# Drumify while live follow writes the same track would interleave their bars: it waits, and says so.
LIVE_RUNNING = ("{what} changed nothing: live follow is on and writes the '{track}' track; turn live follow off "
                "(the action 'ReaGroove: Live follow on/off' or a panel's Live follow), then {what} again")


class ReaperSideError(ValueError):
    """A request REAPER cannot carry out (a stale pointer...): one line, sent back to the engine."""


def _r():
    import reaper_python  # REAPER's embedded module: only importable inside REAPER

    return reaper_python


# ---------------------------------------------------------------- reading


def project_info() -> dict:
    """Tempo and time-signature maps in QN, play state and position."""
    r = _r()
    tempos, sigs = [], []
    n = r.RPR_CountTempoTimeSigMarkers(PROJ)
    num, den = 4, 4
    for i in range(n):
        res = r.RPR_GetTempoTimeSigMarker(PROJ, i, 0, 0, 0, 0, 0, 0, False)
        time_s, bpm, m_num, m_den = res[3], res[6], res[7], res[8]
        qn = r.RPR_TimeMap2_timeToQN(PROJ, time_s)
        tempos.append((qn, bpm))
        if m_num > 0 and m_den > 0:  # 0 or -1: this marker leaves the meter as it was
            num, den = m_num, m_den
            sigs.append((qn, num, den))
    if not tempos or tempos[0][0] > 1e-9 or not sigs or sigs[0][0] > 1e-9:
        # The map at time 0 (Master_GetTempo is the tempo at the edit cursor, not at the start).
        res = r.RPR_TimeMap_GetTimeSigAtTime(PROJ, 0.0, 0, 0, 0)  # void: (proj, time, num, den, tempo)
        if not tempos or tempos[0][0] > 1e-9:
            tempos.insert(0, (0.0, float(res[-1])))
        if not sigs or sigs[0][0] > 1e-9:
            sigs.insert(0, (0.0, int(res[-3]) or 4, int(res[-2]) or 4))
    play_state = r.RPR_GetPlayState()
    pos_s = r.RPR_GetPlayPosition2() if play_state & 1 else r.RPR_GetCursorPosition()
    return {
        "tempos": tempos,
        "time_signatures": sigs,
        "play_state": int(play_state),
        "position_qn": r.RPR_TimeMap2_timeToQN(PROJ, pos_s),
    }


def _item_span_qn(r, item) -> tuple[float, float]:
    pos = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
    length = r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")
    # seconds -> beats round-trips with float error; bar-aligned spans should compare equal to the grid
    return (round(r.RPR_TimeMap2_timeToQN(PROJ, pos), 9), round(r.RPR_TimeMap2_timeToQN(PROJ, pos + length), 9))


def _loop_period_qn(r, take) -> float | None:
    """Project QN between the passes of a looped MIDI item (REAPER loops a MIDI item's source when its edge
    is dragged past the end, by default), or None when the item plays its source once."""
    item = r.RPR_GetMediaItemTake_Item(take)
    if not r.RPR_GetMediaItemInfo_Value(item, "B_LOOPSRC"):
        return None
    res = r.RPR_GetMediaSourceLength(r.RPR_GetMediaItemTake_Source(take), False)  # (length, source, is_qn)
    length, is_qn = float(res[0]), bool(res[-1])
    rate = r.RPR_GetMediaItemTakeInfo_Value(take, "D_PLAYRATE") or 1.0
    return length / rate if is_qn and length > 1e-6 else None


def _take_notes(r, take, lo_qn: float, hi_qn: float) -> list:
    """Unmuted notes of a MIDI take inside the item's span: [qn_on, qn_off, pitch, velocity, channel], every
    pass of a looped item included (what REAPER plays)."""
    count = r.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]
    period = _loop_period_qn(r, take) if count else None
    notes = []
    for i in range(count):
        res = r.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)
        muted, start_ppq, end_ppq, chan, pitch, vel = res[4], res[5], res[6], res[7], res[8], res[9]
        if muted:
            continue
        qn_on = r.RPR_MIDI_GetProjQNFromPPQPos(take, start_ppq)
        qn_off = r.RPR_MIDI_GetProjQNFromPPQPos(take, end_ppq)
        shifts = [0.0] if period is None else [k * period for k in range(math.ceil((lo_qn - 1e-9 - qn_on) / period),
                                                                       math.floor((hi_qn - 1e-9 - qn_on) / period) + 1)]
        for shift in shifts:
            if lo_qn - 1e-9 <= qn_on + shift < hi_qn - 1e-9:
                notes.append([qn_on + shift, qn_off + shift, int(pitch), int(vel), int(chan)])
    notes.sort(key=lambda n: n[0])
    return notes


def _is_null(ptr) -> bool:
    """A pointer string such as '(PCM_source*)0x0000000000000000' that points nowhere."""
    try:
        return not ptr or int(str(ptr).rsplit("0x", 1)[1], 16) == 0
    except (IndexError, ValueError):
        return True


def _take_audio(r, item, take) -> dict | None:
    """Where an audio take's sound comes from: its file and how the item plays it (None: no file).

    A reversed item or a source section has a SECTION source naming no file:
    the file is its parent's, the section's offset is added to the take's
    start offset, and its length bounds (and, looped, repeats) the source.
    All in seconds; the engine reads the file (REAPER never does here).
    """
    src = r.RPR_GetMediaItemTake_Source(take)
    section_offset, section_length, reversed_ = 0.0, None, False
    path = ""
    for _ in range(8):  # sections of sections: bounded
        if _is_null(src):
            break
        path = r.RPR_GetMediaSourceFileName(src, "", 4096)[-2]  # void: (source, filename, size)
        if path:
            break
        res = r.RPR_PCM_Source_GetSectionInfo(src, 0.0, 0.0, False)  # (ok, src, offset, length, reversed)
        if res[0]:
            section_offset += float(res[2])
            section_length = float(res[3]) if section_length is None else min(section_length, float(res[3]))
            reversed_ = reversed_ != bool(res[4])
        src = r.RPR_GetMediaSourceParent(src)
    if not path:
        return None
    return {
        "path": path,
        "type": r.RPR_GetMediaSourceType(src, "", 64)[-2],
        "position": r.RPR_GetMediaItemInfo_Value(item, "D_POSITION"),
        "length": r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"),
        "startoffs": r.RPR_GetMediaItemTakeInfo_Value(take, "D_STARTOFFS"),
        "playrate": r.RPR_GetMediaItemTakeInfo_Value(take, "D_PLAYRATE"),
        "loop": bool(r.RPR_GetMediaItemInfo_Value(item, "B_LOOPSRC")),
        "section_offset": section_offset,
        "section_length": section_length,
        "reversed": reversed_,
    }


def times_to_qn(times: list) -> list:
    """Project seconds -> QN through REAPER's tempo map, for any number of times in one call."""
    r = _r()
    return [r.RPR_TimeMap2_timeToQN(PROJ, float(t)) for t in times]


def _track_index(r, track) -> int:
    return int(r.RPR_GetMediaTrackInfo_Value(track, "IP_TRACKNUMBER")) - 1


def _track_silent(r, track) -> bool:
    """Whether a track is not heard: muted, inside a muted folder, left out by another track's solo, or
    routed nowhere (its master/parent send off, or its folder's, with no send or hardware output instead)."""
    if r.RPR_AnyTrackSolo(PROJ) and not r.RPR_GetMediaTrackInfo_Value(track, "I_SOLO"):
        return True
    while track and not _is_null(track):
        if r.RPR_GetMediaTrackInfo_Value(track, "B_MUTE"):
            return True
        if not r.RPR_GetMediaTrackInfo_Value(track, "B_MAINSEND"):
            # its sound leaves only through sends (category 0) or hardware outputs (1): where a send goes
            # is another track's business, so a track with one counts as heard
            return not (r.RPR_GetTrackNumSends(track, 0) or r.RPR_GetTrackNumSends(track, 1))
        track = r.RPR_GetParentTrack(track)
    return False


def read_selected_items() -> dict:
    """Every selected item: its span in QN, its track, and its notes (MIDI takes) or its file (audio takes).

    One call reads the whole selection, however many notes it holds.
    """
    r = _r()
    items = []
    for i in range(r.RPR_CountSelectedMediaItems(PROJ)):
        item = r.RPR_GetSelectedMediaItem(PROJ, i)
        take = r.RPR_GetActiveTake(item)
        take = None if _is_null(take) else take  # an empty item ('Insert empty item') has no take
        lo, hi = _item_span_qn(r, item)
        track = r.RPR_GetMediaItem_Track(item)
        entry = {
            "item": item,
            "track_index": _track_index(r, track),
            "start_qn": lo,
            "end_qn": hi,
            "name": r.RPR_GetTakeName(take) if take else "",
            "is_midi": bool(take and r.RPR_TakeIsMIDI(take)),
            "role": r.RPR_GetSetMediaItemInfo_String(item, ROLE_KEY, "", False)[3],
            # not heard: the item muted, or its track (muted, in a muted folder, soloed out, or routed nowhere)
            "muted": bool(r.RPR_GetMediaItemInfo_Value(item, "B_MUTE")) or _track_silent(r, track),
            "notes": [],
        }
        if entry["muted"]:
            pass  # not heard: the engine leaves it out, so its notes are neither read nor sent
        elif entry["is_midi"]:
            entry["notes"] = _take_notes(r, take, lo, hi)
        elif take:
            entry["audio"] = _take_audio(r, item, take)
        items.append(entry)
    drums = _find_track(r, DRUMS_TRACK_NAME)
    drum_map = r.RPR_GetSetMediaTrackInfo_String(drums, DRUM_MAP_KEY, "", False)[3] if drums else ""
    return {"items": items, "drum_map": drum_map or None, "sections": section_starts(), "live": live_follow_on(),
            "drums_track": r.RPR_GetTrackName(drums, "", 256)[2] if drums else DRUMS_TRACK_NAME, **project_info()}


def live_follow_on() -> bool:
    """Whether live follow runs (its ext-state flag), writing the drum track as the play cursor moves."""
    return _r().RPR_GetExtState(EXT_SECTION, LIVE_KEY) == "on"


def section_starts() -> list[float]:
    """Where the project's markers and regions start, in QN: the song's sections."""
    r = _r()
    out = []
    for i in range(r.RPR_CountProjectMarkers(PROJ, 0, 0)[0]):
        res = r.RPR_EnumProjectMarkers2(PROJ, i, 0, 0.0, 0.0, "", 0)  # the name is not needed (nor readable)
        if res[0] <= 0:
            break
        out.append(r.RPR_TimeMap2_timeToQN(PROJ, res[4]))
    return sorted(set(out))


def _checked(r, ptr, ctype: str, what: str):
    """`ptr` if it is a live `ctype` of the current project; else a one-line error.

    Inside REAPER, importing reapy replaces rpr_packp with a version that
    does not validate pointers, and a stale one would crash REAPER.
    """
    current = r.RPR_EnumProjects(-1, "", 0)[0]  # ValidatePtr2 with no project: which one is not documented
    if not isinstance(ptr, str) or not r.RPR_ValidatePtr2(current, ptr, ctype):
        raise ReaperSideError(f"{what} {str(ptr)[:60]!r} is not in the current project (deleted, or another project's)")
    return ptr


def item_notes_hash(item) -> str:
    """REAPER's hash of an item's notes (changes when anyone edits them)."""
    r = _r()
    return _notes_hash(r, _checked(r, item, "MediaItem*", "the item"))


def _notes_hash(r, item) -> str:
    take = r.RPR_GetActiveTake(item)
    return "" if _is_null(take) else r.RPR_MIDI_GetHash(take, True, "", 128)[3]


# ---------------------------------------------------------------- writing


def is_drum_track(r, track) -> bool:
    """ReaGroove's drum track, known by its role whatever the producer renamed it to. Variation tracks made
    before they had a role of their own share "drums", and keep their numbered names."""
    if r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3] != DRUMS_ROLE:
        return False
    name = r.RPR_GetTrackName(track, "", 256)[2]
    return not (name.startswith(VARIATION_BASE + " ") and name[len(VARIATION_BASE) + 1:].isdigit())


def _find_track(r, name: str):
    """The drum track by role (a renamed one is still written to, under the producer's name); a track of another
    name (tests, benchmarks) by role and name."""
    for i in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, i)
        if name == DRUMS_TRACK_NAME:
            if is_drum_track(r, track):
                return track
        elif r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3] and r.RPR_GetTrackName(track, "", 256)[2] == name:
            return track
    return None


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
    count = r.RPR_GetProjectStateChangeCount(PROJ)
    known = _spans.get(track)
    if known is not None and known[0] is r and known[1] == count:
        return known[2]
    spans = {}
    for i in range(r.RPR_CountTrackMediaItems(track)):
        item = r.RPR_GetTrackMediaItem(track, i)
        if r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]:
            pos = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
            spans[item] = (pos, pos + r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"))
    _spans[track] = (r, count, spans)
    return spans


def _generated_overlapping(r, track, lo_qn: float, hi_qn: float) -> list:
    """Generated items on `track` overlapping [lo_qn, hi_qn): [item, lo_qn, hi_qn, edited].

    A write costs the same on a track holding the hundreds of items of a
    long live take as on an empty one (see _spans).
    """
    lo_s, hi_s = r.RPR_TimeMap2_QNToTime(PROJ, lo_qn), r.RPR_TimeMap2_QNToTime(PROJ, hi_qn)
    out = []
    for item, (start, end) in _generated_spans(r, track).items():
        if start < hi_s - 1e-9 and end > lo_s + 1e-9:
            lo, hi = _item_span_qn(r, item)
            if lo < hi_qn - 1e-9 and hi > lo_qn + 1e-9:
                stored = r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]
                out.append([item, lo, hi, _notes_hash(r, item) != stored])
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
        spans[item] = (pos, pos + r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"))
    _spans[track] = (r, r.RPR_GetProjectStateChangeCount(PROJ), spans)


def _remember_drum_map(changes, track, drum_map: dict | None) -> None:
    """A user drum map (None = General MIDI) stored with the track, so later runs use the same kit."""
    if drum_map:
        changes.set_track_string(track, DRUM_MAP_KEY, json.dumps(drum_map))


def _write_item(r, changes, track, spec: dict):
    start_s = r.RPR_TimeMap2_QNToTime(PROJ, spec["start_qn"])
    end_s = r.RPR_TimeMap2_QNToTime(PROJ, spec["end_qn"])
    # qnInOptional is a `const bool*`, so REAPER's wrapper returns (item, *args).
    item = r.RPR_CreateNewMIDIItemInProj(track, start_s, end_s, False)[0]
    changes.new_item(track, item)
    take = r.RPR_GetActiveTake(item)
    r.RPR_GetSetMediaItemTakeInfo_String(take, "P_NAME", spec.get("name", "ReaGroove"), True)
    for qn_on, qn_off, pitch, vel in spec["notes"]:
        on = r.RPR_MIDI_GetPPQPosFromProjQN(take, qn_on)
        off = r.RPR_MIDI_GetPPQPosFromProjQN(take, qn_off)
        r.RPR_MIDI_InsertNote(take, False, False, on, max(off, on + 1), DRUM_CHANNEL, int(pitch), int(vel), True)
    r.RPR_MIDI_Sort(take)
    r.RPR_GetSetMediaItemInfo_String(item, ROLE_KEY, DRUMS_ROLE, True)
    r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, r.RPR_MIDI_GetHash(take, True, "", 128)[3], True)
    r.RPR_GetSetMediaItemInfo_String(item, SETTINGS_KEY, json.dumps(spec.get("settings", {})), True)
    return item


def _piece_after(r, changes, track, old: list, hi_qn: float) -> list:
    """A new item (in a list; none if nothing is left) for what of a generated item [old = item, lo, hi, edited]
    lies after hi_qn: its notes there, its name and settings (what lies before the new item stays in the old
    one, which the caller shortens)."""
    item, lo, hi = old[0], old[1], old[2]
    start = max(lo, hi_qn)
    if hi - start <= 1e-6:
        return []
    take = r.RPR_GetActiveTake(item)
    notes = [] if _is_null(take) else _take_notes(r, take, start, hi)
    name = "" if _is_null(take) else r.RPR_GetTakeName(take)
    settings = json.loads(r.RPR_GetSetMediaItemInfo_String(item, SETTINGS_KEY, "", False)[3] or "{}")
    inside = [[on, min(off, hi), pitch, vel] for on, off, pitch, vel, _chan in notes]
    return [_write_item(r, changes, track, {"start_qn": start, "end_qn": hi, "notes": inside,
                                            "name": name or "ReaGroove", "settings": settings})]


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
    it does not exist yet), items [{start_qn, end_qn, name, notes
    [[qn_on, qn_off, pitch, velocity]], settings}], overwrite_edited (bool),
    undo_name, mute (bool, for variation tracks), reuse (bool: reuse the
    drum track, found by its role whatever the producer renamed it to, or for
    another track_name a ReaGroove track of that name), undo (default true;
    false for the bars of a live take, which end_live_take makes one undo
    point of).

    Generated items already on the track that overlap a new one are replaced,
    unless the producer has edited them since (their notes' hash differs from
    the one stored at writing) and overwrite_edited is false: then they stay
    and the new item is not written there.

    One writer at a time: while live follow is on (its ext-state flag), a
    write to the drum track that is not one of its bars changes nothing and
    raises a one-line ReaperSideError naming live follow.
    """
    name = spec.get("track_name", DRUMS_TRACK_NAME)
    live_bars = not spec.get("undo", True)
    if not live_bars and name == DRUMS_TRACK_NAME and spec.get("reuse", True) and live_follow_on():
        r = _r()
        track = _find_track(r, name)
        raise ReaperSideError(LIVE_RUNNING.format(what="drumify",
                                                  track=r.RPR_GetTrackName(track, "", 256)[2] if track else name))

    def work(r, changes):
        track = _find_track(r, name) if spec.get("reuse", True) else None
        made_track = track is None
        if made_track:
            track = _new_track(r, changes, name, int(spec.get("below_index", r.RPR_CountTracks(PROJ) - 1)) + 1)
        _remember_drum_map(changes, track, spec.get("drum_map"))
        if spec.get("mute") is not None:
            changes.set_track_value(track, "B_MUTE", 1.0 if spec["mute"] else 0.0)
        written, kept, gone = 0, [], set()
        for new in spec["items"]:
            overlapping = [e for e in _generated_overlapping(r, track, new["start_qn"], new["end_qn"])
                           if e[0] not in gone]
            if any(e[3] for e in overlapping) and not spec.get("overwrite_edited", False):
                kept.append([new["start_qn"], new["end_qn"]])
                continue
            item = _write_item(r, changes, track, new)
            # What of the old items lies outside the new one stays (a 1-bar live take over 2-bar items leaves
            # no hole); the rest is deleted once the whole write is done, so a failure can put it all back.
            kept_items, gone_now = [item], []
            for e in overlapping:
                kept_items += _piece_after(r, changes, track, e, new["end_qn"])
                if e[1] < new["start_qn"] - 1e-6:  # it starts before: shortened in place, never cut mid-play
                    changes.set_item_value(e[0], "D_LENGTH", r.RPR_TimeMap2_QNToTime(PROJ, new["start_qn"])
                                           - r.RPR_GetMediaItemInfo_Value(e[0], "D_POSITION"))
                    kept_items.append(e[0])
                else:
                    changes.delete_item(track, e[0])
                    gone_now.append(e[0])
            gone.update(gone_now)
            _written(r, track, kept_items, gone_now)
            written += 1
        changes.done()
        _written(r, track, [], [])  # the index stays current after the deletions
        return {"track": track, "track_index": _track_index(r, track), "created": made_track, "written": written,
                "kept_edited": kept}

    return _edit(None if live_bars else spec.get("undo_name", "ReaGroove: drumify"), work)


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
    """N variation tracks under `below_index` in one undo point; the first plays (unless ReaGroove drums
    already play), the rest are muted.

    spec: below_index, base_name, variations [[items...], ...], undo_name, drum_map (None = General MIDI).
    """

    def work(r, changes):
        below = int(spec["below_index"])
        base = spec.get("base_name", VARIATION_BASE)
        # Another run's tracks stay: the new ones are numbered after them, and when ReaGroove drums already
        # play (the drum track, an earlier variation) every new one starts muted, so two kits never play at once.
        first, playing = 1, False
        for i in range(r.RPR_CountTracks(PROJ)):
            t = r.RPR_GetTrack(PROJ, i)
            if not r.RPR_GetSetMediaTrackInfo_String(t, ROLE_KEY, "", False)[3]:
                continue
            playing = playing or r.RPR_GetMediaTrackInfo_Value(t, "B_MUTE") == 0.0
            name = r.RPR_GetTrackName(t, "", 256)[2]
            if name.startswith(base + " ") and name[len(base) + 1:].isdigit():
                first = max(first, int(name[len(base) + 1:]) + 1)
        tracks = []
        for i, items in enumerate(spec["variations"]):
            track = _new_track(r, changes, f"{base} {first + i}", below + 1 + i, VARIATION_ROLE)
            r.RPR_SetMediaTrackInfo_Value(track, "B_MUTE", 0.0 if i == 0 and not playing else 1.0)
            _remember_drum_map(changes, track, spec.get("drum_map"))
            for new in items:
                _write_item(r, changes, track, new)
            tracks.append(track)
        return {"tracks": tracks, "written": sum(len(v) for v in spec["variations"]), "first_number": first,
                "first_plays": not playing}

    return _edit(spec.get("undo_name", "ReaGroove: variations"), work)


def drum_track_items(track_name: str = DRUMS_TRACK_NAME) -> dict:
    """The generated items of a drum track (span, notes, edited or not), for tests and the panel."""
    r = _r()
    track = _find_track(r, track_name)
    if track is None:
        return {"track": None, "items": []}
    items = []
    for item, stored in _generated_items(r, track):
        lo, hi = _item_span_qn(r, item)
        take = r.RPR_GetActiveTake(item)
        items.append({
            "item": item, "start_qn": lo, "end_qn": hi, "edited": _notes_hash(r, item) != stored,
            "name": r.RPR_GetTakeName(take), "notes": _take_notes(r, take, lo, hi),
            "settings": json.loads(r.RPR_GetSetMediaItemInfo_String(item, SETTINGS_KEY, "", False)[3] or "{}"),
        })
    return {"track": track, "track_index": _track_index(r, track), "items": items}


def show_message(text: str) -> None:
    """A line in REAPER's console: how the engine process reports results and errors to the producer."""
    _r().RPR_ShowConsoleMsg(str(text).rstrip("\n") + "\n")


# Reading what is played live: its own module, called through this one's name.
from . import reaper_live_input  # noqa: E402

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
