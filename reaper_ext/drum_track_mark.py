"""Which track is ReaGroove's own drum track when several carry its role (inside REAPER, plain Python over
`reaper_python`). REAPER's "Duplicate tracks" copies a track's P_EXT values, the role among them, so a copy the
producer moved above the original was found first and written by the next Drumify, the original left on the old
drums. The copy gets a GUID of its own, though: the drum track keeps its own GUID in a P_EXT value (OWN_GUID_KEY,
set by each write, in its undo point), which on a copy names another track. A project written before the mark
was kept knows its copies by their drum items, whose records (reaper_item_record.py) name other GUIDs too.
"""

from __future__ import annotations

from .reaper_names import HASH_KEY

OWN_GUID_KEY = "P_EXT:reagroove_track_guid"


def _guid(r, track) -> str:
    return str(r.RPR_GetSetMediaTrackInfo_String(track, "GUID", "", False)[3] or "")


def marked_own(r, track) -> bool:
    """Whether `track` carries the mark of the drum track with its own GUID (not a copy's)."""
    mark = r.RPR_GetSetMediaTrackInfo_String(track, OWN_GUID_KEY, "", False)[3]
    return bool(mark) and mark == _guid(r, track)


def _copy_of_drums(r, track) -> bool:
    """A copy of the drum track: marked with another track's GUID, or (no mark: written before marks) holding
    generated items that are all the producer's copies of another track's."""
    if r.RPR_GetSetMediaTrackInfo_String(track, OWN_GUID_KEY, "", False)[3]:
        return True  # marked, and not with its own GUID (marked_own was asked first)
    from .reaper_item_record import copied  # (reaper_item_record imports reaper_read, which imports this module)

    items = [r.RPR_GetTrackMediaItem(track, k) for k in range(r.RPR_CountTrackMediaItems(track))]
    generated = [item for item in items if r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]]
    return bool(generated) and all(copied(r, item) for item in generated)


def own_among(r, tracks: list):
    """Of the drum-role tracks `tracks` (in track order, none marked as its own), the drum track: the first that
    is no copy; when all are (the original deleted, or inserted from a template), the first. None for none."""
    return next((t for t in tracks if not _copy_of_drums(r, t)), tracks[0] if tracks else None)


def mark(r, changes, track) -> None:
    """`track` marked as the drum track (through `changes`: in the write's undo point, taken back if it fails)."""
    guid = _guid(r, track)
    if guid and r.RPR_GetSetMediaTrackInfo_String(track, OWN_GUID_KEY, "", False)[3] != guid:
        changes.set_track_string(track, OWN_GUID_KEY, guid)
