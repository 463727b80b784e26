"""REAPER's razor edits as a selection (read inside REAPER by reaper_read.read_selected_items).

A producer who drags a razor edit over bars 5-8 of the bass (REAPER 6.24+'s area selection) and runs Drumify means
those bars of that part. Razor edits were not read: with no item selected Drumify said to select items, and with
the bass item still selected from before it drummed the whole item. Now razor edits come first, as they do for
REAPER's own edit commands (cut, copy, delete act on razor edits ahead of the item selection): the items under
them on the band's tracks are the selection, and their span clips the part as a time selection does (ahead of
one). Envelope areas (a razor edit on an automation lane) are no part's; razor edits only on ReaGroove's tracks
(drum bars marked to redrum) clip the selected items.
"""

from __future__ import annotations

from .reaper_names import PROJ, ROLE_KEY

RAZOR_KEY = "P_RAZOREDITS"  # "start end GUID" triples in seconds; GUID "" for the track's items, else an envelope's


def _areas(r, track) -> list[tuple[float, float]]:
    """[(lo s, hi s), ...] of a track's razor edits over its items (not its envelopes); [] where REAPER has none
    or is older than razor edits."""
    words = str(r.RPR_GetSetMediaTrackInfo_String(track, RAZOR_KEY, "", False)[3] or "").split()
    out = []
    for k in range(0, len(words) - 2, 3):
        try:
            lo, hi = float(words[k]), float(words[k + 1])
        except ValueError:
            return []
        if words[k + 2].strip('"') == "" and hi > lo:
            out.append((lo, hi))
    return out


def span_qn(r) -> list | None:
    """[lo_qn, hi_qn] over every razor edit on the project's tracks (items' areas), or None where there is none."""
    areas = [a for t in range(r.RPR_CountTracks(PROJ)) for a in _areas(r, r.RPR_GetTrack(PROJ, t))]
    if not areas:
        return None
    return [r.RPR_TimeMap2_timeToQN(PROJ, min(lo for lo, _ in areas)),
            r.RPR_TimeMap2_timeToQN(PROJ, max(hi for _, hi in areas))]


def items_under(r) -> list:
    """The items a razor edit covers part of on the tracks not ReaGroove's, track by track."""
    out = []
    for t in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, t)
        areas = [] if r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3] else _areas(r, track)
        for k in range(r.RPR_CountTrackMediaItems(track) if areas else 0):
            item = r.RPR_GetTrackMediaItem(track, k)
            pos = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
            end = pos + r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")
            if any(pos < hi - 1e-9 and end > lo + 1e-9 for lo, hi in areas):
                out.append(item)
    return out


def items_to_read(r) -> list:
    """The items under the razor edits on the band's tracks; where there are none, the selected items."""
    return items_under(r) or [r.RPR_GetSelectedMediaItem(PROJ, i) for i in range(r.RPR_CountSelectedMediaItems(PROJ))]


__all__ = ["items_to_read", "items_under", "span_qn"]
