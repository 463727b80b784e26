"""Cutting an old drum item at a bar line, for reaper_side.write_drum_track (inside REAPER): what of a generated item
lies outside a new one stays, in the item shortened, in the item with its front trimmed (a live bar's), or in a new
item for what lies after.

A hit played a hair early on the cut's bar line is the later bar's, as the windows count it (a note half a 16th
early is its bar's: selection_bars, song_phrases). Humanize puts a downbeat up to that early: d_map12's bar 36 kick
and hat at QN 139.992. Cut by onsets alone, a time selection over bars 34-35 (2-bar items 33-34 and 35-36) left bar
36 with no kick or hat on 1: they lay before the cut, went with the part cut away, and the new item does not play
them. At the other end the old item kept its early downbeat just before the new item's own (a flam). So here the
part after a cut keeps the early hits of its first bar line (moved onto it: REAPER plays nothing of a take before its
item's start, as selection_bars.inside_item does for Drumify's own items), and the part before loses them. Not
variation_audition.NUDGE_QN: a whole 16th would take the bar's last 16th (the "a" of 4) onto the next downbeat. Only
a cut on the 16th grid: live follow also cuts a bar at the play cursor, where a hit on the beat just before is the
beat's (moved onto the cursor, it was a note written where REAPER had rendered: test_reaper_live_short_loops).
"""

from __future__ import annotations

import json

from reagroove.core.loop import STEPS_PER_BEAT

from . import reaper_read
from .reaper_item_record import _keep_at, _keep_span, pooled, written_by
from .reaper_names import HASH_KEY, PROJ, SETTINGS_KEY
from .selection_bars import inside_item

EARLY_QN = 0.5 / STEPS_PER_BEAT  # a hit this early on a bar line is that bar's


def early_before(cut_qn: float) -> float:
    """How early a hit may lie before a cut and still be the later part's: half a 16th where the cut is on the 16th
    grid (bar lines, a selection's or a razor edit's bars); none elsewhere (live follow cuts a bar at the play
    cursor, between steps: a hit on the beat before it is the beat's, and what REAPER rendered there stays)."""
    steps = cut_qn * STEPS_PER_BEAT
    return EARLY_QN if abs(steps - round(steps)) < 1e-6 else 0.0


def _notes_qn(r, take) -> list:
    """Every note of a take: (index, selected, muted, on QN, off QN, channel, pitch, velocity)."""
    out = []
    for i in range(r.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]):
        res = r.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)
        out.append((i, res[3], res[4], r.RPR_MIDI_GetProjQNFromPPQPos(take, res[5]),
                    r.RPR_MIDI_GetProjQNFromPPQPos(take, res[6])) + tuple(res[7:10]))
    return out


def _put_back(r, changes, item, take, extents: tuple[float, float] | None) -> None:
    """How a failed write puts the item back: its extents (QN; None: left alone), every note where it was, and its
    stored hash."""
    notes, hash_was = _notes_qn(r, take), r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]

    def back():
        if not r.RPR_ValidatePtr2(PROJ, item, "MediaItem*"):
            return
        if extents is not None:
            r.RPR_MIDI_SetItemExtents(item, *extents)
        for i in reversed(range(r.RPR_MIDI_CountEvts(take, 0, 0, 0)[2])):
            r.RPR_MIDI_DeleteNote(take, i)
        for _i, sel, muted, on, off, chan, pitch, vel in notes:
            r.RPR_MIDI_InsertNote(take, sel, muted, r.RPR_MIDI_GetPPQPosFromProjQN(take, on),
                                  r.RPR_MIDI_GetPPQPosFromProjQN(take, off), chan, pitch, vel, True)
        r.RPR_MIDI_Sort(take)
        r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, hash_was, True)

    changes._back.append(back)


def _as_written_now(r, item, take) -> None:
    """The notes ReaGroove itself changed are as written: the stored hash follows them (not the producer's edit)."""
    r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, r.RPR_MIDI_GetHash(take, True, "", 128)[3], True)


def piece_after(r, changes, track, old: list, hi_qn: float, write) -> list:
    """A new item (in a list; none if nothing is left) for what of a generated item [old = item, lo, hi, edited]
    lies after hi_qn: its notes there (a hit half a 16th early on hi_qn with them, on it), its name and settings,
    written by `write(r, changes, track, spec, nudge_qn, by)` (what lies before the new item stays in the old one,
    which the caller shortens: keep_before)."""
    item, lo, hi = old[0], old[1], old[2]
    start = max(lo, hi_qn)
    if hi - start <= 1e-6:
        return []
    take = r.RPR_GetActiveTake(item)
    cut_inside = start > lo + 1e-6  # (an item starting there: nothing of it before its start is heard)
    notes = [] if reaper_read.is_null(take) else reaper_read.take_notes(
        r, take, start - early_before(start) if cut_inside else start, hi)
    name = "" if reaper_read.is_null(take) else r.RPR_GetTakeName(take)
    settings = json.loads(r.RPR_GetSetMediaItemInfo_String(item, SETTINGS_KEY, "", False)[3] or "{}")
    inside = inside_item([[on, min(off, hi), pitch, vel] for on, off, pitch, vel, _chan in notes], start)
    piece = {"start_qn": start, "end_qn": hi, "notes": inside, "name": name or "ReaGroove", "settings": settings}
    return [write(r, changes, track, piece, 0.0, written_by(r, item))]  # written by what wrote the old one


def trim_front(r, changes, old: list, lo_qn: float) -> bool:
    """What of a generated item [old = item, lo, hi, ...] lies after lo_qn stays, in the item itself: its start moves
    there (MIDI_SetItemExtents keeps the notes where they are), its notes before go, and a hit half a 16th early on
    lo_qn moves onto it. A live bar's copy of that part written anew would put notes where REAPER may have rendered
    already (a short loop's bar rewritten while it plays). False (nothing done) when nothing is left or it is no
    MIDI item; a failed write puts it back."""
    item, lo, hi = old[0], old[1], old[2]
    take = r.RPR_GetActiveTake(item)
    if hi - lo_qn <= 1e-6 or reaper_read.is_null(take) or not r.RPR_TakeIsMIDI(take) or pooled(r, item):
        return False  # a pooled item's notes are its pool's too: the caller deletes it and writes what stays anew
    _put_back(r, changes, item, take, (lo, hi))
    early, margin = [], early_before(lo_qn)
    for i, sel, muted, on, off, chan, pitch, vel in reversed(_notes_qn(r, take)):
        if on < lo_qn - 1e-9:
            r.RPR_MIDI_DeleteNote(take, i)
            if margin and on >= lo_qn - margin - 1e-9:
                early.append((sel, muted, max(off, lo_qn + 1e-3), chan, pitch, vel))
    r.RPR_MIDI_SetItemExtents(item, lo_qn, hi)
    for sel, muted, off, chan, pitch, vel in early:
        r.RPR_MIDI_InsertNote(take, sel, muted, r.RPR_MIDI_GetPPQPosFromProjQN(take, lo_qn),
                              r.RPR_MIDI_GetPPQPosFromProjQN(take, off), chan, pitch, vel, True)
    r.RPR_MIDI_Sort(take)
    _as_written_now(r, item, take)  # its notes now, and its span (not the producer's edit)
    _keep_span(r, changes, item)
    _keep_at(r, changes, item)
    return True


def keep_before(r, changes, track, e: list, at_qn: float, kept: list, gone: list) -> None:
    """What of generated item e ([item, lo_qn, ...]) lies before `at_qn` stays, the item shortened in place (never
    cut mid-play: appended to `kept`), without the hits half a 16th early on at_qn (the next bar's, which the item
    written there plays); an item starting there is deleted (appended to `gone`). A pooled item's notes are its
    pool's too: it ends at its first such hit instead."""
    if e[1] >= at_qn - 1e-6:
        changes.delete_item(track, e[0])
        gone.append(e[0])
        return
    end_qn, margin = at_qn, early_before(at_qn)
    take = r.RPR_GetActiveTake(e[0])
    early = [] if not margin or reaper_read.is_null(take) or not r.RPR_TakeIsMIDI(take) else [
        n for n in _notes_qn(r, take) if at_qn - margin - 1e-9 <= n[3] < at_qn - 1e-9 and n[3] > e[1] + 1e-9]
    if early and pooled(r, e[0]):
        end_qn = min(n[3] for n in early)
    elif early:
        _put_back(r, changes, e[0], take, None)
        for n in reversed(early):  # (by index, the last first)
            r.RPR_MIDI_DeleteNote(take, n[0])
        _as_written_now(r, e[0], take)
    changes.set_item_value(e[0], "D_LENGTH", r.RPR_TimeMap2_QNToTime(PROJ, end_qn)
                           - r.RPR_GetMediaItemInfo_Value(e[0], "D_POSITION"))
    _keep_span(r, changes, e[0])
    kept.append(e[0])


__all__ = ["EARLY_QN", "early_before", "keep_before", "piece_after", "trim_front"]
