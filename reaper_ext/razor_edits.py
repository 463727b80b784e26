"""REAPER's razor edits as a selection (read inside REAPER by reaper_read.read_selected_items).

A producer who drags a razor edit over bars 5-8 of the bass (REAPER 6.24+'s area selection) and runs Drumify means
those bars of that part. Razor edits were not read: with no item selected Drumify said to select items, and with
the bass item still selected from before it drummed the whole item. Now razor edits come first, as they do for
REAPER's own edit commands (cut, copy, delete act on razor edits ahead of the item selection): the items under
them on the band's tracks are the selection, each clipped by the areas on its own track as a time selection clips
(ahead of one): areas over bass bars 1-2 and 7-8 drum those bars, not 1-8 (selection_bars.selection_clip). An area
counts only where it covers an item: one left over an empty vocal track would have clipped the selected bass to
its bars. Envelope areas (a razor edit on an automation lane) are no part's; razor edits only on ReaGroove's
tracks (drum bars marked to redrum) clip the selected items.
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


def covered(r) -> dict:
    """{item: [(lo s, hi s), ...]} for each item a razor edit on its own track covers part of, on the band's
    tracks, the areas cut to the item (an area covering no item marks nothing): read once an action, for
    items_to_read and mark_items."""
    out = {}
    for t in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, t)
        # each string read costs a 4 MB buffer (reaper_python's), and the editor's selection check comes here every
        # second: a track with no items is not read, the role only where the track has razor edits (most have none)
        count = r.RPR_CountTrackMediaItems(track)
        areas = _areas(r, track) if count else []
        if areas and r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3]:  # ReaGroove's: not the band's
            areas = []
        for k in range(count if areas else 0):
            item = r.RPR_GetTrackMediaItem(track, k)
            pos = r.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
            end = pos + r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")
            cut = [(max(lo, pos), min(hi, end)) for lo, hi in areas if pos < hi - 1e-9 and end > lo + 1e-9]
            if cut:
                out[item] = cut
    return out


def items_to_read(r, band: dict) -> list:
    """The items under the razor edits on the band's tracks (`band`: covered's), track by track; where there are
    none, the selected items."""
    return list(band) or [r.RPR_GetSelectedMediaItem(PROJ, i) for i in range(r.RPR_CountSelectedMediaItems(PROJ))]


def mark_items(r, entries: list, band: dict) -> list | None:
    """Each read item's razor areas, as entry["razor_qn"] [[lo_qn, hi_qn], ...]: those on its own track over it
    (`band`: covered's), or (the band's tracks having none over items) those on ReaGroove's tracks, drum bars marked
    to redrum, cut to the item. Returns [lo_qn, hi_qn] over them all (what an older engine clips the part to), or
    None where no razor edit marks anything."""
    tracks = [r.RPR_GetTrack(PROJ, t) for t in range(r.RPR_CountTracks(PROJ))]
    drums = [] if band else [a for track in tracks if r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3]
                             for a in _areas(r, track)]
    if not band and not drums:
        return None

    def qn(seconds: float) -> float:
        return r.RPR_TimeMap2_timeToQN(PROJ, seconds)

    for entry in entries:
        pos = r.RPR_GetMediaItemInfo_Value(entry["item"], "D_POSITION")
        end = pos + r.RPR_GetMediaItemInfo_Value(entry["item"], "D_LENGTH")
        areas = band.get(entry["item"]) or [(max(lo, pos), min(hi, end)) for lo, hi in drums if lo < end and hi > pos]
        entry["razor_qn"] = [[qn(lo), qn(hi)] for lo, hi in areas]
    spans = [s for e in entries for s in e["razor_qn"]] or [[qn(lo), qn(hi)] for lo, hi in drums]
    return [min(lo for lo, _ in spans), max(hi for _, hi in spans)]


__all__ = ["covered", "items_to_read", "mark_items"]
