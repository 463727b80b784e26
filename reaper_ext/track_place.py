"""Where new variation tracks go: under the drum track wherever the producer put it (at the top of the project,
in a drum bus folder), after the variation tracks already there, inside REAPER.

REAPER's InsertTrackAtIndex right after the last track of a folder puts the new track outside it: the track
before keeps closing the folder (its I_FOLDERDEPTH below 0). Variations under a drum track that closes a drum
bus folder would play outside the bus, so the closing moves to the last new track (as REAPER's own "insert new
track" does there).
"""

from __future__ import annotations

from . import band_bus, variation_hits
from .reaper_names import DRUMS_TRACK_NAME, PROJ
from .reaper_read import find_track, is_drum_track, is_null, track_index


def nesting(r, track) -> int:
    """How many folders enclose `track`."""
    level, parent = 0, r.RPR_GetParentTrack(track)
    while parent and not is_null(parent) and level < 256:  # bounded: a broken folder structure is no loop
        level, parent = level + 1, r.RPR_GetParentTrack(parent)
    return level


def _depth(r, index: int) -> int:
    return int(r.RPR_GetMediaTrackInfo_Value(r.RPR_GetTrack(PROJ, index), "I_FOLDERDEPTH"))


def variations_index(r, below: int, also=()) -> tuple[int, int | None]:
    """(index, level) for new variation tracks: after the drum track and the variation tracks right after it, or,
    with no drum track (or one opening a folder of its own), where a new drum track would go for track `below`
    (band_bus.drum_place; `also`: the other tracks holding selected items) after any ReaGroove tracks there.
    `level`: how many folders enclose the new tracks' place, for keep_in_folder (None: no folder to keep them in)."""
    drums = find_track(r, DRUMS_TRACK_NAME)
    if drums and _depth(r, track_index(r, drums)) <= 0:
        at, level = track_index(r, drums), None
    else:  # at the end of a band's bus folder, inside it, as the drum track would be (band_bus.py)
        at, level = band_bus.drum_place(r, below, also)
    while at < r.RPR_CountTracks(PROJ):
        track = r.RPR_GetTrack(PROJ, at)
        depth = _depth(r, at)
        # never past one that opens a folder, so the new ones stay at the level they were
        if depth > 0 or not (variation_hits.is_variation_track(r, track) or is_drum_track(r, track)):
            break
        level = nesting(r, track) if level is None else level
        at += 1
        if depth < 0:  # it closes a folder: the new tracks go after it, and close it instead (keep_in_folder)
            break
    return at, level


def keep_in_folder(r, changes, first: int, count: int, level: int | None) -> None:
    """The `count` new tracks from index `first` inside the folders (up to `level` of them) that the track
    before them closes: that track's closing moves to the last new track, through `changes` (taken back if
    the write fails, and in the write's one undo point)."""
    if level is None or first <= 0 or count <= 0:
        return
    before = r.RPR_GetTrack(PROJ, first - 1)
    depth = _depth(r, first - 1)
    closes = min(level - (nesting(r, before) + depth), -depth)
    if depth >= 0 or closes <= 0:
        return
    last = r.RPR_GetTrack(PROJ, first + count - 1)
    changes.set_track_value(before, "I_FOLDERDEPTH", float(depth + closes))
    changes.set_track_value(last, "I_FOLDERDEPTH", r.RPR_GetMediaTrackInfo_Value(last, "I_FOLDERDEPTH") - closes)
