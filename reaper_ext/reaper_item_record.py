"""How a generated drum item was written, and what the producer changed of it since (inside REAPER, plain
Python over `reaper_python`): each item ReaGroove writes keeps a record of its span and sound, its GUID, its
take's name and the project it was written in, which tell an item as written from one the producer edited,
trimmed, muted, marked or copied (reaper_side.py writes the items and reads these records).
"""

from __future__ import annotations

import json
import uuid

from reagroove.core.constants import EXT_SECTION

from . import reaper_read
from .reaper_names import PROJ

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


def _edited(r, item, stored_hash: str) -> bool:
    """The producer's edit of a generated item: its notes changed, it was muted (ReaGroove never mutes an
    item: a breakdown), trimmed, sped up, slipped, turned down, faded, pitched or panned, renamed or
    coloured (a take named 'KEEP - chorus groove' had been replaced without a word), or it is their copy of one."""
    take, named = r.RPR_GetActiveTake(item), r.RPR_GetSetMediaItemInfo_String(item, NAME_KEY, "", False)[3]
    marked = not reaper_read.is_null(take) and (bool(named) and r.RPR_GetTakeName(take) != named or bool(
        r.RPR_GetMediaItemInfo_Value(item, "I_CUSTOMCOLOR") or r.RPR_GetMediaItemTakeInfo_Value(take, "I_CUSTOMCOLOR")))
    return (reaper_read.notes_hash(r, item) != stored_hash or bool(r.RPR_GetMediaItemInfo_Value(item, "B_MUTE"))
            or marked or _trimmed(r, item) or _copied(r, item))


def _copied(r, item) -> bool:
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
