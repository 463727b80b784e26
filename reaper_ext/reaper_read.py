"""ReaGroove's reading side inside REAPER: the selected items (their notes, audio sources and what is not heard),
the drum track, note hashes; the project's tempo and meter maps are project_maps.py's. Exported through reaper_side
(the server's one module of callable functions).
"""

from __future__ import annotations

import math

from reagroove.core.constants import EXT_SECTION
from reagroove.core.wording import listed

from . import drum_track_mark, razor_edits
from .project_maps import marker_names, project_info, section_starts
from .reaper_names import (DRUM_MAP_KEY, DRUMS_ROLE, DRUMS_TRACK_NAME, LIVE_KEY, PROJ, ROLE_KEY, VARIATION_BASE,
                          VARIATION_ROLE, ReaperSideError, _r)


def item_span_qn(r, item) -> tuple[float, float]:
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


def take_notes(r, take, lo_qn: float, hi_qn: float) -> list:
    """Unmuted notes of a MIDI take inside the item's span: [qn_on, qn_off, pitch, velocity, channel], every
    pass of a looped item included (what REAPER plays)."""
    count = r.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]
    period = _loop_period_qn(r, take) if count else None
    # a looped source plays its first `period` QN on every pass: notes past its end (an item trimmed shorter
    # than its notes, then looped) are not heard, and folding them onto the next pass would double the start
    source_start = r.RPR_MIDI_GetProjQNFromPPQPos(take, 0.0) if period is not None else 0.0
    notes = []
    for i in range(count):
        res = r.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)
        muted, start_ppq, end_ppq, chan, pitch, vel = res[4], res[5], res[6], res[7], res[8], res[9]
        if muted:
            continue
        qn_on = r.RPR_MIDI_GetProjQNFromPPQPos(take, start_ppq)
        qn_off = r.RPR_MIDI_GetProjQNFromPPQPos(take, end_ppq)
        if period is not None and qn_on - source_start >= period - 1e-9:
            continue
        shifts = [0.0] if period is None else [k * period for k in range(math.ceil((lo_qn - 1e-9 - qn_on) / period),
                                                                       math.floor((hi_qn - 1e-9 - qn_on) / period) + 1)]
        for shift in shifts:
            if lo_qn - 1e-9 <= qn_on + shift < hi_qn - 1e-9:
                notes.append([qn_on + shift, qn_off + shift, int(pitch), int(vel), int(chan)])
    notes.sort(key=lambda n: n[0])
    return notes


def is_null(ptr) -> bool:
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
        if is_null(src):
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
        # the file's channels the take plays (its channel mode: mono left or right of a dual-mono recording)
        "channels": _played_channels(r.RPR_GetMediaItemTakeInfo_Value(take, "I_CHANMODE")),
        # stretch markers ([pos, srcpos]: a take tightened to the grid): where its source plays
        "stretch": [list(r.RPR_GetTakeStretchMarker(take, k, 0.0, 0.0)[3:5])
                    for k in range(r.RPR_GetTakeNumStretchMarkers(take))],
    }


def _played_channels(mode) -> list | None:
    """The file channels (0-based) a take's I_CHANMODE plays, or None for all of them: 0 normal, 1 reversed
    and 2 downmixed play every channel (the same onsets); 3-66 one channel (3 left, 4 right, 5 the third...),
    67 and above a stereo pair from channel mode - 67 (REAPER's numbering, as SWS reads it)."""
    mode = int(mode or 0)
    if 3 <= mode <= 66:
        return [mode - 3]
    return [mode - 67, mode - 66] if mode >= 67 else None


def times_to_qn(times: list) -> list:
    """Project seconds -> QN through REAPER's tempo map, for any number of times in one call."""
    r = _r()
    return [r.RPR_TimeMap2_timeToQN(PROJ, float(t)) for t in times]


def track_index(r, track) -> int:
    return int(r.RPR_GetMediaTrackInfo_Value(track, "IP_TRACKNUMBER")) - 1


def index_under(r, below: int, also=()) -> int:
    """Where a new track goes under track `below`: right after it, or after the tracks of the folder it opens
    (a track among them would play through that folder's bus: a bass folder's amp and fader), or, for a track
    inside a folder that opens none, after that folder (a bass DI inside the bass folder: right under it, the
    drums played through the bass amp on the folder); with `also` (the other tracks holding selected items),
    after each of their folders too."""
    if also:
        return max(index_under(r, int(i)) for i in {int(below), *also})
    count = r.RPR_CountTracks(PROJ)
    if not 0 <= below < count:
        return max(0, min(below + 1, count))
    track = r.RPR_GetTrack(PROJ, below)
    folder = r.RPR_GetParentTrack(track)
    if r.RPR_GetMediaTrackInfo_Value(track, "I_FOLDERDEPTH") <= 0 and folder and not is_null(folder):
        below = track_index(r, folder)
    last, level = below, 0  # level: folders open after `last`, counted from `below`'s own
    while True:
        level += int(r.RPR_GetMediaTrackInfo_Value(r.RPR_GetTrack(PROJ, last), "I_FOLDERDEPTH"))
        if level <= 0 or last + 1 >= count:
            return last + 1
        last += 1


def _pre_fader_send(r, track) -> bool:
    """Whether a track sends (to a track or a hardware output) before its fader, unmuted and not at -inf:
    a headphone mix or a parallel bus hears it with the fader down."""
    for category in (0, 1):
        for k in range(r.RPR_GetTrackNumSends(track, category)):
            mode = r.RPR_GetTrackSendInfo_Value(track, category, k, "I_SENDMODE")  # 0 post-fader; 1, 3 pre
            if mode and not r.RPR_GetTrackSendInfo_Value(track, category, k, "B_MUTE") and \
                    abs(r.RPR_GetTrackSendInfo_Value(track, category, k, "D_VOL")) > FADER_DOWN:
                return True
    return False


# D_VOL at or below this (about -180 dB) is a fader pulled all the way down: REAPER's -inf is 0.
FADER_DOWN = 1e-9


def _soloed(r, track) -> bool:
    """Whether a solo elsewhere leaves `track` heard: soloed itself, inside a soloed folder (soloing the band's
    folder solos its tracks), or exempt from solo (solo defeat)."""
    if r.RPR_GetMediaTrackInfo_Value(track, "B_SOLO_DEFEAT"):
        return True
    while track and not is_null(track):
        if r.RPR_GetMediaTrackInfo_Value(track, "I_SOLO"):
            return True
        track = r.RPR_GetParentTrack(track)
    return False


def why_silent(r, track, midi: bool = False) -> str:
    """Why a track is not heard, in the producer's words ('' if it is): muted, its fader (or its folder's)
    pulled down to -inf with no pre-fader send, inside a muted folder, left out by another track's solo (not
    its own, nor its folder's), or routed nowhere (its master/parent send off, or its folder's, with no send
    or hardware output instead; for `midi` items a MIDI hardware output, an outboard synth, is a way out
    too)."""
    # The master fader is not read: down at -inf it silences everything, the producer's monitoring and not
    # the arrangement, and the drums should follow the part all the same (nothing to say, nothing left out).
    if r.RPR_AnyTrackSolo(PROJ) and not _soloed(r, track):
        return "another track soloed"
    own = track
    while track and not is_null(track):
        if r.RPR_GetMediaTrackInfo_Value(track, "B_MUTE"):
            return "track muted" if track == own else "folder muted"
        if midi and r.RPR_GetMediaTrackInfo_Value(track, "I_MIDIHWOUT") >= 0:
            return ""  # its MIDI plays an outboard synth, whatever becomes of its audio
        if abs(r.RPR_GetMediaTrackInfo_Value(track, "D_VOL")) <= FADER_DOWN:
            # nothing after the fader (the master/parent send, post-fader sends) carries it
            return "" if _pre_fader_send(r, track) else ("track" if track == own else "folder") + " fader down"
        if not r.RPR_GetMediaTrackInfo_Value(track, "B_MAINSEND"):
            # its sound leaves only through sends (category 0) or hardware outputs (1): where a send goes
            # is another track's business, so a track with one counts as heard
            heard = r.RPR_GetTrackNumSends(track, 0) or r.RPR_GetTrackNumSends(track, 1)
            return "" if heard else ("track" if track == own else "folder") + " routed nowhere"
        track = r.RPR_GetParentTrack(track)
    return ""


def volume_down(r, obj, is_take: bool = False) -> bool:
    """Whether an item's volume (or with is_take a take's) is pulled down to -inf (a doubled part silenced by
    its volume handle, not muted): REAPER plays it silent. A negative take volume is a phase flip, heard.
    Take volume and mute envelopes are not read: they silence stretches in time, not the part, and the drums
    keep playing through a passage muted by an envelope as a drummer plays through a muted bar."""
    get = r.RPR_GetMediaItemTakeInfo_Value if is_take else r.RPR_GetMediaItemInfo_Value
    return abs(get(obj, "D_VOL")) <= FADER_DOWN


def item_silenced(r, item) -> bool:
    """Whether an item is muted or pulled down to -inf (volume_down): either way REAPER plays it silent."""
    return bool(r.RPR_GetMediaItemInfo_Value(item, "B_MUTE")) or volume_down(r, item)


def lane_silent(r, item, track) -> bool:
    """Whether an item sits on a fixed item lane that does not play (REAPER 7's comping lanes: the takes not
    chosen). C_LANEPLAYS reads 0 on such a lane only while the track is in fixed-lane mode (I_FREEMODE 2);
    -1 is a hidden lane left from a formerly fixed-lane track, never heard."""
    plays = r.RPR_GetMediaItemInfo_Value(item, "C_LANEPLAYS")
    return plays < 0 or (plays == 0 and r.RPR_GetMediaTrackInfo_Value(track, "I_FREEMODE") == 2)


def track_silent(r, track, midi: bool = False) -> bool:
    """Whether a track is not heard (see `why_silent`)."""
    return bool(why_silent(r, track, midi))


def _take_content(r, item, take, lo: float, hi: float) -> dict:
    """What a take gives the engine: {"notes": [...]} (MIDI) or {"audio": {...}}; empty when it holds
    nothing (no source, no notes in the item's span)."""
    if r.RPR_TakeIsMIDI(take):
        notes = take_notes(r, take, lo, hi)
        return {"notes": notes} if notes else {}
    audio = _take_audio(r, item, take)
    return {"audio": audio} if audio else {}


def _other_takes_playing(r, item, active, entry: dict, lo: float, hi: float) -> list:
    """Entries for the takes other than the active one that REAPER plays (the item's B_ALLTAKESPLAY): each
    like the active take's entry, with its own name and content; a take at -inf or holding nothing is left
    out. A take mute envelope is not read: taking a whole take out with one is rare, and its points would
    have to be followed in time (the take's volume handle is the usual way, and is read)."""
    if not r.RPR_GetMediaItemInfo_Value(item, "B_ALLTAKESPLAY"):
        return []
    shared = {key: value for key, value in entry.items() if key != "audio"}  # the item's, not the active take's
    out = []
    for k in range(r.RPR_CountTakes(item)):
        take = r.RPR_GetTake(item, k)
        # the item's own volume is not down (the caller read it): only this take's is
        if is_null(take) or take == active or volume_down(r, take, is_take=True):
            continue
        content = _take_content(r, item, take, lo, hi)
        if content:
            out.append({**shared, "name": r.RPR_GetTakeName(take), "is_midi": "notes" in content, "notes": [],
                        "take_guid": guid(r, take, is_take=True), **content})
    return out


def _empty_take_hint(r, item, active, lo: float, hi: float) -> str:
    """For an item whose active take plays nothing while other takes hold notes or audio (recorded twice or
    more, left on an empty take): the takes to switch to, every one named ("takes 1 ('verse') and 2 ('verse 2')
    hold notes"), in the producer's words; '' when no take does."""
    current = next((k for k in range(r.RPR_CountTakes(item)) if r.RPR_GetTake(item, k) == active), 0)
    held = []  # (take number, its name quoted, "notes" or "audio")
    for k in range(r.RPR_CountTakes(item)):
        take = r.RPR_GetTake(item, k)
        if k == current or is_null(take):
            continue
        content = _take_content(r, item, take, lo, hi)
        if content:
            name = r.RPR_GetTakeName(take)
            held.append((k + 1, f" ('{name}')" if name else "", "notes" if "notes" in content else "audio"))
    if not held:
        return ""
    # a take whose notes are all muted, or lie outside the item, is not empty: it plays none
    muted = r.RPR_TakeIsMIDI(active) and r.RPR_MIDI_CountEvts(active, 0, 0, 0)[2]
    kinds = {kind for _, _, kind in held}
    if len(held) == 1 or len(kinds) > 1:
        said = listed([f"take {k}{name} holds {kind}" for k, name, kind in held])
    else:
        said = f"takes {listed([f'{k}{name}' for k, name, _ in held])} hold {kinds.pop()}"
    return (f"its active take (take {current + 1}) {'plays no notes' if muted else 'is empty'}; {said}: "
            "switch takes with T")


def _why_no_notes(r, take) -> str:
    """Why a MIDI take plays no notes in its item, in the producer's words: empty, only controller or sysex
    events (a pedal or pitch-bend lane split off the part), every note muted, or its notes outside the item."""
    _, _, count, ccs, texts = r.RPR_MIDI_CountEvts(take, 0, 0, 0)
    if not count:
        held = [what for n, what in ((ccs, "controller or pitch-bend"), (texts, "sysex or text")) if n]
        return f"only {' and '.join(held)} events, no notes" if held else "an empty MIDI item"
    if all(r.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)[4] for i in range(count)):
        return "every note muted"
    return "its notes lie outside the item (trimmed away)"


def guid(r, obj, is_take: bool = False) -> str:
    """An item's (or with is_take a take's) GUID, '{...}': it stays with the item through edits and moves."""
    get = r.RPR_GetSetMediaItemTakeInfo_String if is_take else r.RPR_GetSetMediaItemInfo_String
    return str(get(obj, "GUID", "", False)[3] or "")


def read_selected_items() -> dict:
    """Every selected item: its span in QN, its track, and its notes (MIDI takes) or its file (audio takes).

    One call reads the whole selection, however many notes it holds. The items under REAPER's razor edits come
    before the selected items, each clipped by the areas over it as by a time selection (razor_edits.py).
    """
    r = _r()
    items, razored = [], razor_edits.covered(r)  # (the razor areas read once: the items to read, then each one's)
    for item in razor_edits.items_to_read(r, razored):
        take = r.RPR_GetActiveTake(item)
        take = None if is_null(take) else take  # an empty item ('Insert empty item') has no take
        lo, hi = item_span_qn(r, item)
        track = r.RPR_GetMediaItem_Track(item)
        # each volume read once: the item's, then (the item's not down) the active take's; with 'play all
        # takes' the others still play when only the active take's is down
        muted = r.RPR_GetMediaItemInfo_Value(item, "B_MUTE")
        item_down = not muted and volume_down(r, item)
        take_down = bool(not muted and not item_down and take and volume_down(r, take, is_take=True))
        entry = {
            "item": item,
            "track_index": track_index(r, track),
            "start_qn": lo,
            "end_qn": hi,
            "name": r.RPR_GetTakeName(take) if take else "",
            # who the item is, whatever it holds: the editor keeps hand edits with a selection by these
            "guid": guid(r, item),
            "take_guid": guid(r, take, is_take=True) if take else "",
            "is_midi": bool(take and r.RPR_TakeIsMIDI(take)),
            "role": r.RPR_GetSetMediaItemInfo_String(item, ROLE_KEY, "", False)[3],
            # on ReaGroove's drum track (or a variation track): drums, on whatever MIDI channel they were played
            "on_drum_track": bool(r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3]),
            # not heard, and why: the item muted (or its volume at -inf), on a comping lane that does not play,
            # or its track (muted, in a muted folder, soloed out, its fader down, or routed nowhere); "" = heard
            "muted": "muted" if muted
            else "item volume down" if item_down or take_down
            else "on a lane that does not play" if lane_silent(r, item, track)
            else why_silent(r, track, midi=bool(take and r.RPR_TakeIsMIDI(take))),
            "notes": [],
        }
        if entry["muted"]:
            pass  # not heard: the engine leaves it out, so its notes are neither read nor sent
        elif entry["is_midi"]:
            entry["notes"] = take_notes(r, take, lo, hi)
        elif take:
            entry["audio"] = _take_audio(r, item, take)
        items.append(entry)
        if not take and not entry["muted"]:
            entry["no_notes"] = "an empty item (no take)"
        if (entry["muted"] and not take_down) or not take:
            continue
        # 'play all takes' (a part doubled in two takes of one item): REAPER plays every take, so each is read
        more = _other_takes_playing(r, item, take, {**entry, "muted": ""}, lo, hi)
        if take_down:
            if more:
                items[-1:] = more
            continue
        items.extend(more)
        if not entry["notes"] and not entry.get("audio") and not more:
            entry["empty_take"] = _empty_take_hint(r, item, take, lo, hi)
            if entry["is_midi"] and not entry["empty_take"]:
                entry["no_notes"] = _why_no_notes(r, take)
    drums = find_track(r, DRUMS_TRACK_NAME)
    drum_map = r.RPR_GetSetMediaTrackInfo_String(drums, DRUM_MAP_KEY, "", False)[3] if drums else ""
    span = (min(i["start_qn"] for i in items), max(i["end_qn"] for i in items)) if items else None
    # with no item selected, the folder tracks that are (a band's folder selected for its items): named in the
    # error. Not any track: the track last clicked is selected, whatever the producer meant to select.
    tracks = [] if items else [
        r.RPR_GetTrackName(t, "", 256)[2] for t in (r.RPR_GetSelectedTrack(PROJ, k)
                                                    for k in range(r.RPR_CountSelectedTracks(PROJ)))
        if r.RPR_GetMediaTrackInfo_Value(t, "I_FOLDERDEPTH") > 0]
    razor, chosen = razor_edits.mark_items(r, items, razored), {i["item"] for i in items}
    # the song: the other items heard on the tracks of the selected band items (not the drums', nor a click's)
    band = [i for i in items if not i["muted"] and not i["on_drum_track"] and i["role"] != DRUMS_ROLE]
    song: dict = {"notes": [], "unread": []}  # (each item's volume read once: a big project's many items)
    others = band_heard(r, chosen, {i["track_index"] for i in band}, song) if span else []
    return {"items": items, "selected_folders": tracks, "unselected": unselected_heard(others, *span) if span else [],
            "song_notes": song["notes"], "drum_map": drum_map or None,
            "song_start_qn": song_start_qn(song["unread"], []) if song["unread"] else None,
            "sections": section_starts(), "section_names": marker_names(), "live": live_follow_on(),
            "variations_playing": variations_playing(r), "time_selection_qn": razor or time_selection_qn(r),
            "razor": bool(razor),
            "drums_track": r.RPR_GetTrackName(drums, "", 256)[2] if drums else DRUMS_TRACK_NAME,
            "drums_index": track_index(r, drums) if drums else -1,
            "measure_offset": measure_offset(r), **project_info(fresh=True)}


def unselected_heard(others: list, lo: float, hi: float) -> list:
    """[[lo_qn, hi_qn], ...] of the items heard between lo and hi that are not the selection's (`others`:
    band_heard's), on tracks not ReaGroove's: the band's sections a producer left out of the selection (its drums
    there stay). An item that plays nothing is none: one pulled down to -inf, an empty item or a MIDI item with no
    notes (a 'BREAK' cue on an arrangement track had the bass's two-bar break left with no drums, 'items not
    selected play there')."""
    return [[a, b] for a, b in others if a < hi - 1e-6 and b > lo + 1e-6]


def song_start_qn(others: list, items: list) -> float | None:
    """Where the first of the selected band `items` or the `others` heard (their spans, QN) starts: the song's
    start where its notes are not read here (an audio item on the band's tracks, song_phrases.py); None: none."""
    return min([a for a, _ in others] + [i["start_qn"] for i in items if not i.get("muted") and i.get("role") != "drums"],
               default=None)


def band_heard(r, chosen: set, band: set = frozenset(), song: dict | None = None) -> list:
    """[(lo_qn, hi_qn), ...] of each item heard that is not `chosen` (the items read as the selection), on tracks not
    ReaGroove's. Those on the `band` tracks (indices) are the song around the selection, in `song`: "notes" their
    MIDI notes as the selection's are read, "unread" the spans of those whose notes are not read here (audio)."""
    out = []
    for t in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, t)
        if r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3] or track_silent(r, track):
            continue
        ours = song is not None and t in band
        for k in range(r.RPR_CountTrackMediaItems(track)):
            item = r.RPR_GetTrackMediaItem(track, k)
            if item in chosen or r.RPR_GetMediaItemInfo_Value(item, "B_MUTE"):
                continue
            a, b = item_span_qn(r, item)
            takes = [] if lane_silent(r, item, track) else heard_takes(r, item)
            if not takes:
                continue
            out.append((a, b))
            for take in takes if ours else ():
                if r.RPR_TakeIsMIDI(take):
                    song["notes"].extend([*n, t] for n in take_notes(r, take, a, b))  # (on its track: a part)
                else:
                    song["unread"].append((a, b))
    return out


def plays_something(r, item) -> bool:
    """Whether an item has something to play (heard_takes)."""
    return bool(heard_takes(r, item))


def heard_takes(r, item) -> list:
    """The takes of an item that play something: its active one, or any with 'play all takes', with a source, and
    notes in it if it is MIDI (an empty item or MIDI item, a cue or a placeholder, plays nothing), its volume and the
    take's above -inf (an item pulled down to -inf is silenced, as a muted one)."""
    if volume_down(r, item):
        return []
    takes = [r.RPR_GetTake(item, k) for k in range(r.RPR_CountTakes(item))] \
        if r.RPR_GetMediaItemInfo_Value(item, "B_ALLTAKESPLAY") else [r.RPR_GetActiveTake(item)]
    return [take for take in takes if not is_null(take) and not volume_down(r, take, is_take=True) and (
        r.RPR_MIDI_CountEvts(take, 0, 0, 0)[2] > 0 if r.RPR_TakeIsMIDI(take)
        else not is_null(r.RPR_GetMediaItemTake_Source(take)))]


def measure_offset(r) -> int:
    """The project's measure offset (projmeasoffs: Project Settings > 'Project start measure' less 1): the
    ruler numbers measure index m (TimeMap2_timeToBeats' count from the project start) as m + 1 + this. 0
    where REAPER cannot say (get_config_var_string is REAPER 6.x's)."""
    try:
        ok, _name, value, _size = r.RPR_get_config_var_string("projmeasoffs", "", 64)
        return int(float(value)) if ok else 0
    except (AttributeError, TypeError, ValueError):
        return 0


def time_selection_qn(r) -> list | None:
    """REAPER's time selection [lo_qn, hi_qn], or None when there is none (GetSet_LoopTimeRange2 without isLoop:
    the time selection, not the loop points; a void function, so the wrapper returns its arguments filled in).
    Read with the items: a producer who selects the chorus's bars wants drums there only (actions.py)."""
    res = r.RPR_GetSet_LoopTimeRange2(PROJ, False, False, 0.0, 0.0, False)
    start, end = float(res[3]), float(res[4])
    if end <= start + 1e-9:
        return None
    return [r.RPR_TimeMap2_timeToQN(PROJ, start), r.RPR_TimeMap2_timeToQN(PROJ, end)]


def heard_variations(r) -> list:
    """The variation tracks heard, each with where its unmuted items play: [(track, name, [[lo_qn, hi_qn], ...])].
    Drumify over those bars makes a second kit play with the one being auditioned."""
    out = []
    for i in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, i)
        role = r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3]
        if role not in (VARIATION_ROLE, DRUMS_ROLE) or is_drum_track(r, track) or track_silent(r, track, midi=True):
            continue
        spans = [list(item_span_qn(r, item)) for item in
                 (r.RPR_GetTrackMediaItem(track, k) for k in range(r.RPR_CountTrackMediaItems(track)))
                 if not item_silenced(r, item)]
        if spans:
            out.append((track, r.RPR_GetTrackName(track, "", 256)[2], spans))
    return out


def variations_playing(r) -> list:
    """heard_variations as plain data for the engine's side: [[name, [[lo_qn, hi_qn], ...]], ...]."""
    return [[name, spans] for _track, name, spans in heard_variations(r)]


def live_follow_on() -> bool:
    """Whether live follow runs (its ext-state flag), writing the drum track as the play cursor moves."""
    return _r().RPR_GetExtState(EXT_SECTION, LIVE_KEY) == "on"


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
    return notes_hash(r, _checked(r, item, "MediaItem*", "the item"))


def notes_hash(r, item) -> str:
    take = r.RPR_GetActiveTake(item)
    return "" if is_null(take) else r.RPR_MIDI_GetHash(take, True, "", 128)[3]


def is_drum_track(r, track) -> bool:
    """ReaGroove's drum track, known by its role whatever the producer renamed it to. Variation tracks made
    before they had a role of their own share "drums", and keep their numbered names."""
    if r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3] != DRUMS_ROLE:
        return False
    name = r.RPR_GetTrackName(track, "", 256)[2]
    return not (name.startswith(VARIATION_BASE + " ") and name[len(VARIATION_BASE) + 1:].isdigit())


def find_track(r, name: str):
    """The drum track by role (a renamed one is still written to, under the producer's name); a track of another
    name (tests, benchmarks) by role and name. A copy of the drum track, wherever it lies, is not it
    (drum_track_mark.py)."""
    drums = []
    for i in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, i)
        if name == DRUMS_TRACK_NAME:
            if is_drum_track(r, track):
                if drum_track_mark.marked_own(r, track):
                    return track
                drums.append(track)
        elif r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3] and r.RPR_GetTrackName(track, "", 256)[2] == name:
            return track
    return drum_track_mark.own_among(r, drums)
