"""Copies of the drum track (inside REAPER, plain Python over `reaper_python`): a producer who duplicated
"ReaGroove Drums" to layer a second kit has two tracks with its role; Drumify writes its own only (wherever the
copy was moved: drum_track_mark.py), and the copy keeps the drums it had, heard under the new ones: two grooves
at once, with nothing said. reaper_side.py reports the copies heard over the bars a run wrote (actions.py says
so, and how to layer a kit that follows every run: a MIDI send from the drum track); a copy is never written
nor muted (it may be the layer they want).
"""

from __future__ import annotations

from . import reaper_read
from .reaper_names import HASH_KEY, PROJ


def copies_heard(r, drums, spans: list) -> list:
    """The other drum-role tracks heard (not muted, fader up, not soloed out) whose unmuted ReaGroove drum items
    play over `spans` ([[lo_qn, hi_qn], ...], the windows written): [[name, track number, [[lo_qn, hi_qn], ...]]],
    the spans clipped to those windows."""
    out = []
    if not spans:
        return out
    for i in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, i)
        if track == drums or not reaper_read.is_drum_track(r, track) or reaper_read.track_silent(r, track, midi=True):
            continue
        under = []
        for k in range(r.RPR_CountTrackMediaItems(track)):
            item = r.RPR_GetTrackMediaItem(track, k)
            if reaper_read.item_silenced(r, item) or not r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]:
                continue
            lo, hi = reaper_read.item_span_qn(r, item)
            under += [[max(lo, a), min(hi, b)] for a, b in spans if lo < b - 1e-6 and hi > a + 1e-6]
        if under:
            out.append([r.RPR_GetTrackName(track, "", 256)[2], i + 1, sorted(under)])
    return out
