"""How a generated drum item was written, and what the producer changed of it since (inside REAPER, plain
Python over `reaper_python`): each item ReaGroove writes keeps a record of its span and sound, its GUID, its
take's name and the project it was written in, which tell an item as written from one the producer edited,
trimmed, muted, marked or copied; and where on the grid its drums belong and the spec it was written from, which
tell an item the producer nudged (a feel kept through a redrum) and one already as Drumify would write it again
(reaper_side.py writes the items and reads these records).
"""

from __future__ import annotations

import hashlib
import json
import uuid

from reagroove.core.constants import EXT_SECTION

from . import reaper_read
from .reaper_names import HASH_KEY, PROJ, SETTINGS_KEY

# How a generated item was written: [length QN, length s, then how it sounds: its take's playrate, start offset
# and volume, the item's volume, its fade-in and fade-out lengths (s), its take's pitch and pan]. An item trimmed
# since is the producer's edit (a stop made by trimming the drums), as one whose notes changed, or one sped up,
# slipped (its take's start offset: the notes moved inside it), turned down, faded (an intro faded in), pitched
# or panned; one moved whole is not (a section moved, space inserted before it), nor one whose length a tempo
# change altered in seconds or in QN (by its timebase). Items stored with the length alone were written as
# CreateNewMIDIItemInProj makes them (rate 1, no offset, unity volume); older records end sooner (_stored_sound).
SPAN_KEY = "P_EXT:reagroove_span"
# The GUID the item had when written: a copy the producer made of it (copy and paste, Ctrl+drag) carries its
# ext data but has its own GUID, and is theirs (bars they chose to repeat), not one to write over.
GUID_KEY = "P_EXT:reagroove_guid"
NAME_KEY = "P_EXT:reagroove_name"  # the take's name as written: one the producer gave it marks it as theirs
# The project an item was written in (an id kept in the project's ext state, saved with it). An item inserted
# from a track or item template (or pasted from another project) carries another project's id with its record:
# its new GUID makes it no copy of THIS project's drums the producer made, but drums as ReaGroove wrote them,
# which Drumify replaces as any other (its notes or sound changed since: an edit, as for any item).
PROJECT_KEY = "P_EXT:reagroove_project"
_PROJECT_ID = "project_id"
_SOUND_AS_WRITTEN = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
_SOUND_LEN = len(_SOUND_AS_WRITTEN)
_FADES = (4, 5)  # where the fades' lengths are in it
# Records written before the fades were kept cannot tell the fades REAPER gave a new item (its preference
# "create automatic fade-in/fade-out for new items", 10 ms by default) from the producer's: only fades longer
# than that count as an edit there.
_OLD_RECORD_FADE_S = 0.011


def _span_now(r, item) -> list:
    lo, hi = reaper_read.item_span_qn(r, item)
    return [hi - lo, r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")]


def _sound_now(r, item) -> list:
    take = r.RPR_GetActiveTake(item)
    take_values = [1.0, 0.0, 1.0] if reaper_read.is_null(take) else [
        r.RPR_GetMediaItemTakeInfo_Value(take, parm) for parm in ("D_PLAYRATE", "D_STARTOFFS", "D_VOL")]
    pitch_pan = [0.0, 0.0] if reaper_read.is_null(take) else [
        r.RPR_GetMediaItemTakeInfo_Value(take, parm) for parm in ("D_PITCH", "D_PAN")]
    return take_values + [r.RPR_GetMediaItemInfo_Value(item, parm) for parm in
                          ("D_VOL", "D_FADEINLEN", "D_FADEOUTLEN")] + pitch_pan


def _stored_sound(was: list | None) -> tuple[list, list]:
    """How a stored item sounded when written, and how far from it each value may be before it is an edit.
    What an older record lacks is taken as CreateNewMIDIItemInProj makes it (see _OLD_RECORD_FADE_S)."""
    stored = was[2:2 + _SOUND_LEN] if was and len(was) >= 6 else []
    sound = stored + _SOUND_AS_WRITTEN[len(stored):]
    slack = [_OLD_RECORD_FADE_S if k >= len(stored) and k in _FADES else 1e-6 for k in range(_SOUND_LEN)]
    return sound, slack


def _stored_span(r, item) -> list | None:
    try:
        was = [float(v) for v in json.loads(r.RPR_GetSetMediaItemInfo_String(item, SPAN_KEY, "", False)[3])]
    except (ValueError, TypeError):
        return None
    return was if len(was) >= 2 else None


def _trimmed(r, item) -> bool:
    """Whether a generated item was trimmed, sped up, slipped, turned down, faded, pitched or panned since it
    was written (only its sound for items written before ReaGroove kept their length)."""
    was = _stored_span(r, item)
    sound, slack = _stored_sound(was)
    if any(abs(a - b) > tol for a, b, tol in zip(sound, _sound_now(r, item), slack)):
        return True
    return was is not None and not any(abs(a - b) < 1e-6 for a, b in zip(was[:2], _span_now(r, item)))


def _edited(r, item, stored_hash: str, pools: bool = True) -> bool:
    """The producer's edit of a generated item: its notes changed, it was muted (ReaGroove never mutes an
    item: a breakdown), trimmed, sped up, slipped, turned down, faded, pitched or panned, renamed or
    coloured (a take named 'KEEP - chorus groove' had been replaced without a word), or it is their copy of one
    (or, with `pools`, pooled with other items: see pooled).
    An item holding more than the one take ReaGroove wrote holds one of theirs (a fill recorded over the drums
    in REAPER's 'new takes' mode): switched back to ReaGroove's take, it was replaced, their take with it."""
    if r.RPR_CountTakes(item) > 1:
        return True
    take, named = r.RPR_GetActiveTake(item), r.RPR_GetSetMediaItemInfo_String(item, NAME_KEY, "", False)[3]
    marked = not reaper_read.is_null(take) and (bool(named) and r.RPR_GetTakeName(take) != named or bool(
        r.RPR_GetMediaItemInfo_Value(item, "I_CUSTOMCOLOR") or r.RPR_GetMediaItemTakeInfo_Value(take, "I_CUSTOMCOLOR")))
    return (reaper_read.notes_hash(r, item) != stored_hash or bool(r.RPR_GetMediaItemInfo_Value(item, "B_MUTE"))
            or marked or _trimmed(r, item) or copied(r, item) or (pools and pooled(r, item)))


def pooled_only(r, item) -> bool:
    """Whether a generated item is the producer's only for its pool: as written but for that (un-pooled, a later
    Drumify would redrum it)."""
    stored = r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]
    return bool(stored) and pooled(r, item) and not _edited(r, item, stored, pools=False)


def pooled(r, item) -> bool:
    """Whether the item's MIDI is pooled with other items (REAPER's pooled MIDI: a copy Ctrl+dragged or pasted
    pooled; its source's type is then "MIDIPOOL", not "MIDI"): notes changed in it change in every item of the
    pool, bars ReaGroove was not asked to write. The producer tied those bars' drums together, so the item is
    theirs, as a copy is: kept, said, and replaced only when asked (deleted whole then: the pool's other items
    keep their drums). REAPER may keep the type after the pool's other items are deleted; it stays theirs."""
    take = r.RPR_GetActiveTake(item)
    if reaper_read.is_null(take):
        return False
    src = r.RPR_GetMediaItemTake_Source(take)
    return not reaper_read.is_null(src) and r.RPR_GetMediaSourceType(src, "", 64)[-2] == "MIDIPOOL"


def copied(r, item) -> bool:
    """Whether the item is the producer's copy of a generated one of this project (items written before GUIDs
    were kept: no; one written in another project, from a template: no)."""
    written = r.RPR_GetSetMediaItemInfo_String(item, GUID_KEY, "", False)[3]
    if not written or written == r.RPR_GetSetMediaItemInfo_String(item, "GUID", "", False)[3]:
        return False
    made_in = r.RPR_GetSetMediaItemInfo_String(item, PROJECT_KEY, "", False)[3]
    return not made_in or made_in == _project_id(r)  # a record without it: older, copied as before


def _project_id(r, changes=None) -> str:
    """This project's id ("" if ReaGroove never wrote in it); with `changes`, made if missing (in the write's
    undo point, saved with the project)."""
    got = r.RPR_GetProjExtState(PROJ, EXT_SECTION, _PROJECT_ID, "", 64)
    pid = got[4] if isinstance(got, (list, tuple)) else ""
    if not pid and changes is not None:
        pid = uuid.uuid4().hex
        r.RPR_SetProjExtState(PROJ, EXT_SECTION, _PROJECT_ID, pid)
        changes._back.append(lambda: r.RPR_SetProjExtState(PROJ, EXT_SECTION, _PROJECT_ID, ""))
    return pid


def _keep_span(r, changes, item) -> None:
    """The stored length follows an item ReaGroove itself shortened (how it sounded when written stays); a failed
    write puts the old one back."""
    old = r.RPR_GetSetMediaItemInfo_String(item, SPAN_KEY, "", False)[3]
    was = _stored_span(r, item)
    # an older record keeps its length: what it does not know stays unknown (not taken from the item now)
    sound = was[2:] if was and len(was) >= 6 else _SOUND_AS_WRITTEN[:4]
    r.RPR_GetSetMediaItemInfo_String(item, SPAN_KEY, json.dumps(_span_now(r, item) + sound), True)
    changes._back.append(lambda: r.RPR_ValidatePtr2(PROJ, item, "MediaItem*")
                         and r.RPR_GetSetMediaItemInfo_String(item, SPAN_KEY, old, True))


# Where an item's drums belong on the bar grid and where it was written: [grid start QN, start QN, start s]. The
# producer nudging the item (a laid-back feel: its start moved by a few ms) moves it in QN and in seconds since;
# a tempo change moves it in one of them only (in seconds by a beat timebase, in QN by a time one), and a whole
# song moved a few ms moves the band with it, whose drums then belong where the producer put them too.
AT_KEY = "P_EXT:reagroove_at"
# A digest of the item spec it was written from: Drumify again with the same settings on the same band finds
# the item already there as written, and writes nothing (an undo point for no change was made before).
SPEC_KEY = "P_EXT:reagroove_spec"
# A move under a 16th is a feel kept through a redrum; one of a 16th or more moves the part itself (its drums
# go back on the grid, as before).
NUDGE_MAX_QN = 0.25


def spec_digest(spec: dict) -> str:
    """What an item spec writes (span, notes, name, settings), as a short digest; positions to a millionth of a
    beat, so a float's last digit from another engine process reads as the same drums."""
    def rounded(v):
        if isinstance(v, float):
            return round(v, 6)
        if isinstance(v, (list, tuple)):
            return [rounded(x) for x in v]
        if isinstance(v, dict):
            return {k: rounded(x) for k, x in v.items()}
        return v
    said = [spec["start_qn"], spec["end_qn"], spec.get("name", "ReaGroove"), spec["notes"], spec.get("settings", {})]
    return hashlib.sha1(json.dumps(rounded(said), sort_keys=True).encode()).hexdigest()


# What wrote an item: "drumify", "live" (live follow's bars) or "variations". A later Drumify takes out only its
# own earlier drums left past a shortened part (drums_around.py), never a live jam's bars nor an audition's.
WRITER_KEY = "P_EXT:reagroove_by"
WRITERS = ("drumify", "live", "variations")
LIVE_NAME = "ReaGroove live"  # the take name live follow has always given its bars


def record_written(r, item, spec: dict, by: str = "") -> None:
    """An item just written from `spec` (at its start, or a nudge off it): where its drums belong, the spec, and
    what wrote it (`by`, one of WRITERS; "" leaves it unsaid)."""
    pos_s = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
    at = [float(spec["start_qn"]), reaper_read.item_span_qn(r, item)[0], pos_s]
    r.RPR_GetSetMediaItemInfo_String(item, AT_KEY, json.dumps(at), True)
    r.RPR_GetSetMediaItemInfo_String(item, SPEC_KEY, spec_digest(spec), True)
    if by:
        r.RPR_GetSetMediaItemInfo_String(item, WRITER_KEY, by, True)


def written_by(r, item) -> str:
    """What wrote a generated item (one of WRITERS), or "" where that cannot be told. Items written before the
    mark was kept are told by the take name stored at writing: live follow's bars were always 'ReaGroove live',
    a variation's ends ' · var N', Drumify's is its settings label; no stored name (the oldest records): ""."""
    by = r.RPR_GetSetMediaItemInfo_String(item, WRITER_KEY, "", False)[3]
    if by:
        return by if by in WRITERS else ""
    named = r.RPR_GetSetMediaItemInfo_String(item, NAME_KEY, "", False)[3]
    if not named:
        return ""
    return "live" if named == LIVE_NAME else "variations" if " · var " in named else "drumify"


def _stored_at(r, item) -> list | None:
    try:
        at = [float(v) for v in json.loads(r.RPR_GetSetMediaItemInfo_String(item, AT_KEY, "", False)[3])]
    except (ValueError, TypeError):
        return None
    return at if len(at) == 3 else None


def nudge_of(r, item) -> tuple[float, float] | None:
    """(grid start QN, offset QN) of a generated item whose drums lie off the grid by under a 16th: the producer
    nudged it since it was written (moved in QN and in seconds), or it was written so, keeping their nudge, and
    has not moved since. None for an item on the grid, one moved a 16th or more, or one written before
    ReaGroove kept where it was written."""
    at = _stored_at(r, item)
    if at is None:
        return None
    grid, start_qn, start_s = at
    now_qn = reaper_read.item_span_qn(r, item)[0]
    now_s = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
    moved = abs(now_qn - start_qn) > 1e-6 and abs(now_s - start_s) > 1e-6
    offset = (now_qn if moved else start_qn) - grid
    return (grid, offset) if 1e-6 < abs(offset) < NUDGE_MAX_QN else None


def as_written(r, entry: list, spec: dict, nudge_qn: float) -> bool:
    """Whether a generated item (entry: [item, lo_qn, hi_qn, edited, locked]) already plays what `spec` writes,
    `nudge_qn` off the grid: written from the same spec for the same bars, untouched since, and where it was. An
    item an older ReaGroove wrote (no record of where, nor of its spec) is, when it lies on the spec's grid span
    with the spec's name, settings and notes (to a tick, as REAPER keeps them)."""
    item, lo, hi, edited, locked = entry
    at = _stored_at(r, item)
    if at is None and not edited and not locked and not nudge_qn:
        return _unrecorded_as_written(r, item, lo, hi, spec)
    return (not edited and not locked and at is not None and abs(at[0] - spec["start_qn"]) < 1e-6
            and r.RPR_GetSetMediaItemInfo_String(item, SPEC_KEY, "", False)[3] == spec_digest(spec)
            and abs(lo - spec["start_qn"] - nudge_qn) < 1e-6 and abs(hi - spec["end_qn"] - nudge_qn) < 1e-6)


_TICK_QN = 1.5 / 960  # a note REAPER put on its PPQ tick (960 a beat) is where the spec put it


def _unrecorded_as_written(r, item, lo: float, hi: float, spec: dict) -> bool:
    take = r.RPR_GetActiveTake(item)
    if (abs(lo - spec["start_qn"]) > 1e-6 or abs(hi - spec["end_qn"]) > 1e-6 or reaper_read.is_null(take)
            or r.RPR_GetTakeName(take) != spec.get("name", "ReaGroove")):
        return False
    try:
        settings = json.loads(r.RPR_GetSetMediaItemInfo_String(item, SETTINGS_KEY, "", False)[3])
    except (ValueError, TypeError):
        return False
    if json.dumps(settings, sort_keys=True) != json.dumps(spec.get("settings", {}), sort_keys=True):
        return False
    now = sorted((n[0], n[2], n[3], n[1]) for n in reaper_read.take_notes(r, take, lo, hi))
    want = sorted((float(n[0]), int(n[2]), int(n[3]), float(n[1])) for n in spec["notes"])
    return len(now) == len(want) and all(
        a[1:3] == b[1:3] and abs(a[0] - b[0]) <= _TICK_QN and abs(a[3] - b[3]) <= _TICK_QN for a, b in zip(now, want))


def unrecorded_move(r, entry: list, spec: dict) -> float | None:
    """How far (QN) a generated item written before ReaGroove kept where it was written (no record) lies off the
    grid span of `spec`'s window, when under a 16th at both ends: ReaGroove wrote every item on its grid then, so
    the producer (a nudge) or a tempo change (its timebase) moved it since, which nothing tells apart. None for an
    item with the record, edited, locked, on the grid or further off it."""
    item, lo, hi, edited, locked = entry
    if edited or locked or _stored_at(r, item) is not None:
        return None
    off = lo - spec["start_qn"]
    return off if 1e-6 < abs(off) < NUDGE_MAX_QN and abs(hi - spec["end_qn"]) < NUDGE_MAX_QN else None


def _keep_at(r, changes, item) -> None:
    """An item whose start ReaGroove itself moved (a live bar written over its front) belongs where it starts
    now; a failed write puts the old record back."""
    old = r.RPR_GetSetMediaItemInfo_String(item, AT_KEY, "", False)[3]
    lo, pos_s = reaper_read.item_span_qn(r, item)[0], r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
    r.RPR_GetSetMediaItemInfo_String(item, AT_KEY, json.dumps([lo, lo, pos_s]), True)
    changes._back.append(lambda: r.RPR_ValidatePtr2(PROJ, item, "MediaItem*")
                         and r.RPR_GetSetMediaItemInfo_String(item, AT_KEY, old, True))
