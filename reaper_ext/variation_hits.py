"""Whether a new variation copies one already on a variation track over the same bars (the same drums, note for
note), or nearly plays the drum track's own drums there (Var 1 had been Drumify's part again), and how far it is
from them: its hits (each note's pitch and 16th) against theirs, measured as
core/takes.py measures versions against each other (the share of hits that change). Plain Python, no numpy:
REAPER's side (reaper_side.write_variation_tracks) refuses copies with it, and the engine's side
(reaper_ext/more_variations.py) picks other versions with it.
"""

from __future__ import annotations

import bisect

from . import reaper_read
from .reaper_item_record import nudge_of
from .reaper_names import DRUMS_ROLE, DRUMS_TRACK_NAME, PROJ, ROLE_KEY, VARIATION_BASE, VARIATION_ROLE


def hits_of(notes, spans) -> dict:
    """{(pitch, 16th): (on_qn, velocity)} of notes [[on_qn, off_qn, pitch, velocity, ...], ...] starting inside one
    of spans [(lo, hi)]: its keys are the hits, whatever their velocity or their few ms off the grid."""
    merged = _merged(spans)
    starts = [lo for lo, _ in merged]

    def inside(on: float) -> bool:  # one bisection: a long song's thousands of notes against its items
        k = bisect.bisect_right(starts, on + 1e-6) - 1
        return k >= 0 and on < merged[k][1] - 1e-6

    return {(int(n[2]), int(round(float(n[0]) * 4))): (float(n[0]), int(n[3])) for n in notes if inside(float(n[0]))}


def _merged(spans) -> list:
    out: list = []
    for lo, hi in sorted((float(a), float(b)) for a, b in spans):
        if out and lo <= out[-1][1] + 1e-9:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def hit_change(a, b) -> float:
    """The share of hits that change between two parts (their hits: sets, or hits_of's keys), over the larger
    part's hits (core/takes.hit_change)."""
    a, b = set(a), set(b)
    return len(a ^ b) / max(len(a), len(b), 1)


def nearest(hits, others) -> tuple[float, str]:
    """(change, name) of the one of others [(name, hits)] nearest `hits` ((1.0, "") with none)."""
    return min(((hit_change(hits, theirs), name) for name, theirs in others), default=(1.0, ""))


def same_drums(a: dict, b: dict) -> bool:
    """Whether two parts (hits_of's) play the same drums to the ear: the same hits, each within a tick's rounding
    (REAPER keeps a note on its PPQ tick) and a velocity step of the other's."""
    return a.keys() == b.keys() and all(abs(a[k][0] - b[k][0]) <= 1 / 96 and abs(a[k][1] - b[k][1]) <= 1 for k in a)


def spans_of(items: list) -> list:
    """[(lo_qn, hi_qn)] of a version's item specs."""
    return [(float(i["start_qn"]), float(i["end_qn"])) for i in items]


def _track_hits(r, track, spans, lo: float, hi: float) -> dict:
    """hits_of the notes of every MIDI item on `track` over spans (lo, hi: their outer bounds). An item of
    ReaGroove's laid a little off the grid (the producer's nudge of the drums, which variations keep:
    variation_nudges.py) is read where it was written, so a version drawn again is known for a copy of it."""
    notes = []
    for k in range(r.RPR_CountTrackMediaItems(track)):
        item = r.RPR_GetTrackMediaItem(track, k)
        a, b = reaper_read.item_span_qn(r, item)
        take = r.RPR_GetActiveTake(item)
        if a < hi - 1e-6 and b > lo + 1e-6 and not reaper_read.is_null(take) and r.RPR_TakeIsMIDI(take):
            off = (nudge_of(r, item) or (0.0, 0.0))[1]
            notes += [[n[0] - off, n[1] - off, *n[2:]]
                      for n in reaper_read.take_notes(r, take, max(a, lo + off), min(b, hi + off))]
    return hits_of(notes, spans)


def is_variation_track(r, track) -> bool:
    """A variation track: by its role, or one an older ReaGroove made before variation tracks had a role of their
    own (the drum track's role, under a numbered name: 'ReaGroove Var 2')."""
    role = r.RPR_GetSetMediaTrackInfo_String(track, ROLE_KEY, "", False)[3]
    if role == VARIATION_ROLE:
        return True
    name = r.RPR_GetTrackName(track, "", 256)[2]
    return role == DRUMS_ROLE and name.startswith(VARIATION_BASE + " ") and name[len(VARIATION_BASE) + 1:].isdigit()


def existing_variations(r, spans) -> list:
    """[(name, hits)] of the variation tracks playing notes in spans [(lo_qn, hi_qn)] (inside REAPER), in track
    order: every item on them, as the producer auditions them (a track muted for the audition counts)."""
    if not spans:
        return []
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    out = []
    for i in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, i)
        if not is_variation_track(r, track):
            continue
        hits = _track_hits(r, track, spans, lo, hi)
        if hits:
            out.append((r.RPR_GetTrackName(track, "", 256)[2], hits))
    return out


def main_drums(r, spans) -> tuple[str, dict] | None:
    """(name, hits) of the drum track's drums in spans (Drumify's, or the producer's own there), None where it
    plays none there: a variation playing them again is no version to audition in their place."""
    track = reaper_read.find_track(r, DRUMS_TRACK_NAME) if spans else None
    if track is None:
        return None
    hits = _track_hits(r, track, spans, min(a for a, _ in spans), max(b for _, b in spans))
    return (r.RPR_GetTrackName(track, "", 256)[2], hits) if hits else None


def copies(versions: list, existing: list, drums: tuple | None = None, apart: float = 0.0) -> list:
    """[[version index, track name]] for each version (its item specs) playing the drums one of the existing
    variations [(name, hits_of)] plays over its bars (the same settings drawn again on the same band), or, with
    `drums` (main_drums'), within `apart` of the hits of the drum track's (version 1 is Drumify's own part)."""
    out = []
    for k, items in enumerate(versions):
        mine = hits_of([n for i in items for n in i["notes"]], spans_of(items))
        found = [[k, name] for name, theirs in existing if same_drums(mine, theirs)][:1]
        if not found and drums is not None and hit_change(mine, drums[1]) < apart:
            found = [[k, drums[0]]]
        out += found
    return out


__all__ = ["copies", "existing_variations", "hit_change", "hits_of", "is_variation_track", "main_drums", "nearest", "same_drums", "spans_of"]
