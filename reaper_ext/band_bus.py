"""Where a new drum track goes when the band plays in a bus folder (inside REAPER, plain Python over
`reaper_python`): "Band" > Bass, Keys, Guitar, with the glue compressor and the band fader on the folder. The drums
went after the folder, outside the bus the band is mixed in. A folder holding another part (a track with items of
its own that is not the part drummed, nor the same instrument: "Bass DI" and "Bass Amp", or one take recorded on
two inputs, or a MIDI part doubled) is a band bus: the drum track goes at its end, inside it, taking over its
last track's closing. A folder of the part's own instrument (Bass > DI, Amp: the amp sim on the folder) is not:
the drums go after it as before (reaper_read.index_under); nor is a folder named for one family of instruments
("Guitars" > Rhythm, Lead). Track names tell one instrument's tracks ("Bass DI",
"Bass Amp" share "bass"); the words every kind of track uses ("DI", "Amp", "L") do not.
"""

from __future__ import annotations

import re

from .reaper_names import PROJ, ROLE_KEY
from .reaper_read import index_under, is_null, notes_hash, track_index

# words of a track's name that say how it was recorded or mixed, not which instrument it is
_GENERIC = {"di", "amp", "mic", "mics", "bus", "in", "out", "left", "right", "l", "r", "track", "room", "close",
            "direct", "sub", "group", "folder", "stereo", "mono", "dry", "wet", "fx", "main", "the", "and", "to"}
_SAME_TAKE_S = 0.002  # items recorded together on two inputs start and end within a couple of ms
# words that name one instrument family: a folder so named ("Guitars" > Rhythm, Lead; "Keys" > Piano, Rhodes) is
# that family's bus, its FX for those instruments, not the band's, however differently its tracks are named; a
# folder naming two families ("Keys & Bass") or the band ("Backing Band", "Rhythm Section") is the band's
_FAMILY = {**dict.fromkeys(("bass", "basses"), "bass"), **dict.fromkeys(("guitar", "guitars", "gtr", "gtrs"), "guitar"),
           **dict.fromkeys(("keys", "keyboard", "keyboards", "piano", "pianos", "synth", "synths", "pad", "pads",
                            "organ", "organs"), "keys"),
           **dict.fromkeys(("strings", "horns", "brass", "winds"), "orchestra"),
           **dict.fromkeys(("vocal", "vocals", "vox", "bvs", "choir"), "vocals"),
           **dict.fromkeys(("drums", "drum", "percussion", "perc"), "drums")}
_BAND = {"band", "rhythm", "section", "music", "instruments", "mix"}


def _one_family(r, folder) -> bool:
    """Whether `folder`'s name names one family of instruments and not the band."""
    words = _words(r, folder)
    return len({_FAMILY[w] for w in words if w in _FAMILY}) == 1 and not words & _BAND


def _enclosing(r, track) -> list:
    """The folders enclosing `track`, innermost first."""
    out, parent = [], r.RPR_GetParentTrack(track)
    while parent and not is_null(parent) and len(out) < 256:  # bounded: a broken folder structure is no loop
        out.append(parent)
        parent = r.RPR_GetParentTrack(parent)
    return out


def _words(r, track) -> set:
    return {w for w in re.findall(r"[a-z]+", r.RPR_GetTrackName(track, "", 256)[2].lower()) if w not in _GENERIC}


def _spans(r, track) -> list:
    """(position s, length s, notes hash or None for audio) of the track's unmuted items."""
    out = []
    for k in range(r.RPR_CountTrackMediaItems(track)):
        item = r.RPR_GetTrackMediaItem(track, k)
        if r.RPR_GetMediaItemInfo_Value(item, "B_MUTE"):
            continue
        take = r.RPR_GetActiveTake(item)
        midi = not is_null(take) and r.RPR_TakeIsMIDI(take)
        out.append((r.RPR_GetMediaItemInfo_Value(item, "D_POSITION"), r.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"),
                    notes_hash(r, item) if midi else None))
    return out


def _same_take(a: tuple, played: list) -> bool:
    """Item `a` is one of `played` recorded on another input (audio at the same span) or doubled (the same notes)."""
    return any(abs(a[0] - b[0]) < _SAME_TAKE_S and abs(a[1] - b[1]) < _SAME_TAKE_S and a[2] == b[2] for b in played)


def _other_part(r, track, parts: list, words: set, played: list) -> bool:
    """Whether `track` plays a part of its own: not one of `parts`, not ReaGroove's, not the same instrument."""
    if track in parts or r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3]:
        return False
    if _words(r, track) & words:
        return False
    spans = _spans(r, track)
    return bool(spans) and not all(_same_take(s, played) for s in spans)


def _bus_tracks(r, folder) -> list:
    """The tracks inside `folder` (its children and theirs), in order."""
    first, level, out = track_index(r, folder) + 1, 1, []
    for i in range(first, r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, i)
        out.append(track)
        level += int(r.RPR_GetMediaTrackInfo_Value(track, "I_FOLDERDEPTH"))
        if level <= 0:
            break
    return out


def drum_place(r, below: int, also=()) -> tuple[int, int | None]:
    """(index, level) for a new drum track under the part played on track `below` (and `also`, the other
    tracks holding selected items): at the end of the innermost band bus enclosing them all, `level` the folders
    it stays inside (track_place.keep_in_folder moves the closing to it); else index_under's, level None."""
    count = r.RPR_CountTracks(PROJ)
    indices = sorted({int(i) for i in (below, *also) if 0 <= int(i) < count})
    if not indices:
        return index_under(r, below, also), None
    parts = [r.RPR_GetTrack(PROJ, i) for i in indices]
    words = set().union(*(_words(r, t) for t in parts))
    played = [s for t in parts for s in _spans(r, t)]
    shared = _enclosing(r, parts[0])
    for track in parts[1:]:
        theirs = _enclosing(r, track)
        shared = [f for f in shared if f in theirs]
    for folder in shared:
        if _one_family(r, folder):  # one family's bus, its FX for that family (an outer one may be the band's)
            continue
        inside = _bus_tracks(r, folder)
        if inside and any(_other_part(r, t, parts, words, played) for t in inside):
            return track_index(r, inside[-1]) + 1, len(_enclosing(r, folder)) + 1
    return index_under(r, below, also), None
