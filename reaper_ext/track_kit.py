"""The drum kit on ReaGroove's tracks, inside REAPER: a track ReaGroove makes is empty, and MIDI on a track with no
instrument plays nothing, so a new user pressing play heard silence and nothing said why.

Variation tracks get a copy of the drum track's FX chain (TrackFX_CopyToTrack, not moved), so muting the drum
track and unmuting Var 2 plays Var 2 through the producer's kit. The copies go on the new tracks only, inside the
write's one undo point: a write that fails deletes those tracks (reaper_edit.Changes), their FX with them.

CPU: each copy is a new instance of the kit (a sampler loads its samples again), and REAPER goes on running a
muted track's FX unless its "Do not process muted tracks" preference is on. Copies are made all the same, online:
auditioning is muting and unmuting, and a copy left offline (TrackFX_SetOffline) or a MIDI send to the drum
track's one kit (silenced with the drum track: REAPER's mute also mutes a synth fed by a receive) would play
nothing when a variation is unmuted. An idle instrument with no notes to play costs little CPU; the summary says
that each copy runs, so the variations not kept are deleted. Plain Python over `reaper_python`.
"""

from __future__ import annotations

from .reaper_names import DRUMS_TRACK_NAME, ReaperSideError
from .reaper_read import find_track


def plays_midi(r, track) -> bool:
    """Whether MIDI on `track` reaches something that sounds: an instrument in its FX chain, a send to another track
    (the kit there), or a hardware MIDI output (a drum module)."""
    if r.RPR_TrackFX_GetInstrument(track) >= 0:
        return True
    return r.RPR_GetTrackNumSends(track, 0) > 0 or r.RPR_GetMediaTrackInfo_Value(track, "I_MIDIHWOUT") >= 0


def fx_name(r, track, fx: int) -> str:
    """'ReaSamplOmatic5000 (Cockos)' for 'VSTi: ReaSamplOmatic5000 (Cockos)': the plugin as the producer names it."""
    name = r.RPR_TrackFX_GetFXName(track, fx, "", 256)[3]
    kind, colon, rest = name.partition(": ")
    return rest if colon and " " not in kind else name


def copy_kit(r, tracks: list) -> dict:
    """The drum track's FX chain copied onto each of the new `tracks` (appended after any FX REAPER's default track
    put there). {"kit": the instrument's name (or the first FX's), "" when nothing was copied; "kit_from": the drum
    track's name, "" with no drum track}. A copy REAPER did not make raises ReaperSideError (the write is taken
    back)."""
    drums = find_track(r, DRUMS_TRACK_NAME)
    if drums is None:
        return {"kit": "", "kit_from": ""}
    name = r.RPR_GetTrackName(drums, "", 256)[2]
    count = r.RPR_TrackFX_GetCount(drums)
    if count <= 0 or not tracks:
        return {"kit": "", "kit_from": name}
    for track in tracks:
        had = r.RPR_TrackFX_GetCount(track)
        for fx in range(count):
            r.RPR_TrackFX_CopyToTrack(drums, fx, track, had + fx, False)
        if r.RPR_TrackFX_GetCount(track) != had + count:
            raise ReaperSideError(f"could not copy the drum track's FX onto '{r.RPR_GetTrackName(track, '', 256)[2]}'"
                                  " (a plugin REAPER failed to load?): nothing written")
    instrument = r.RPR_TrackFX_GetInstrument(drums)
    return {"kit": fx_name(r, drums, instrument if instrument >= 0 else 0), "kit_from": name}


__all__ = ["copy_kit", "fx_name", "plays_midi"]
