"""Live input inside REAPER: the notes played on record-armed tracks since the last poll (reaper_side exports it).

REAPER's Python wrapper for MIDI_GetRecentInputEvent decodes the event's
bytes as text, which fails on note bytes, so it is called through ctypes.
"""

from __future__ import annotations

import ctypes

from reagroove.core.constants import EXT_SECTION

from .reaper_names import DRUM_MAP_KEY, PROJ, _r
from .project_maps import project_info, section_starts
from .reaper_read import measure_offset

VIRTUAL_KEYBOARD = 62  # REAPER's virtual MIDI keyboard: device 62, reported with the control-only flag set
CONTROL_ONLY = 0x10000  # devIdxOut flag of MIDI_GetRecentInputEvent: a device enabled for control only
# ext-state key: a count the docked panel's "Fill into next section" moves on; live follow's process cues the next
# section when it changes (LiveFollower.cue_section; the full editor calls that itself)
CUE_KEY = "live_cue"

# C signature of MIDI_GetRecentInputEvent (REAPER 6+):
# int (int idx, char* bufOut, int* bufOut_sz, int* tsOut, int* devIdxOut, double* projPosOut, int* projLoopCntOut)
_RECENT_INPUT_PROTO = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int),
    ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_int),
)
_recent_input_fn = None


def _recent_input():
    """MIDI_GetRecentInputEvent called through ctypes: the stock wrapper fails on note bytes.

    The wrapper is kept per function address: a reloaded reaper_python (a new
    simulated REAPER in the same process) has new addresses, and calling a
    stale one crashes the interpreter.
    """
    global _recent_input_fn
    address = _r().rpr_getfp("MIDI_GetRecentInputEvent")
    if _recent_input_fn is None or _recent_input_fn[0] != address:
        _recent_input_fn = (address, _RECENT_INPUT_PROTO(address))
    return _recent_input_fn[1]


def _armed_inputs(r) -> list[tuple[int, int, int]]:
    """(device, channel, track index) of every record-armed track with MIDI input; 63 = all devices, 0 = all
    channels."""
    out = []
    for i in range(r.RPR_CountTracks(PROJ)):
        track = r.RPR_GetTrack(PROJ, i)
        if r.RPR_GetMediaTrackInfo_Value(track, "I_RECARM") < 0.5:
            continue
        rec = int(r.RPR_GetMediaTrackInfo_Value(track, "I_RECINPUT"))
        if rec >= 0 and rec & 4096:  # MIDI input: low 5 bits channel, next 6 bits device
            out.append(((rec >> 5) & 63, rec & 31, i))
    return out


def _heard_device(dev: int) -> int | None:
    """The input device index of an event, or None for a device enabled for control only.

    The virtual keyboard reports itself with the control-only flag set, yet it is what a producer
    without a MIDI keyboard plays.
    """
    device = dev & 0xFFFF
    if dev & CONTROL_ONLY and device != VIRTUAL_KEYBOARD:
        return None
    return device


def poll_live_input(last_seq: int | None, take_start: bool = False) -> dict:
    """New note-ons since event `last_seq` from devices feeding record-armed tracks, with project positions in QN.

    MIDI_GetRecentInputEvent returns a sequence number per event (its tsOut is
    relative to "now", so it cannot tell old from new); the newest one seen is
    returned as `last_seq` for the next poll. `last_seq` None (the first poll
    of a follower) returns no events: what was played before follow started
    is history, not input.
    Returns {events: [[qn, pitch, velocity, channel 0-15]], last_seq, armed, armed_index (the index of the last armed
    MIDI track in the track list, -1 if none: a new drum track goes under it), play_state, position_qn, tempos, time_signatures,
    repeat (REAPER's repeat is on), loop_qn ([start, end] of the loop points in QN, None when there are none), sections
    (where the project's markers and regions start, in QN: the sections live follow fills into), cue (the docked
    panel's count of "fill into next section" presses, CUE_KEY)}:
    with repeat on the play cursor jumps from the loop end back to its start, which live follow writes ahead of.
    `take_start` (the follower saw REAPER stopped until now) and REAPER playing: also drums_muted (the drum track's
    name when it is muted, else ""), drums_before (drum_track_items' items without their pointers), drums_map (the drum
    map the drum track keeps, as JSON text; "" for General MIDI or no drum track) and measure_offset (the ruler's
    start measure less 1), read once a take rather than on every poll.
    """
    r = _r()
    fn = _recent_input()
    armed = _armed_inputs(r)
    events, releases, newest = [], [], last_seq or 0
    buf = ctypes.create_string_buffer(64)
    for idx in range(256):  # the most recent first; stop at what we have seen
        sz, ts, dev, loops = ctypes.c_int(64), ctypes.c_int(0), ctypes.c_int(0), ctypes.c_int(0)
        pos = ctypes.c_double(0.0)
        seq = fn(idx, buf, ctypes.byref(sz), ctypes.byref(ts), ctypes.byref(dev), ctypes.byref(pos), ctypes.byref(loops))
        if not seq or (last_seq is not None and seq <= last_seq):
            break
        newest = max(newest, seq)
        if last_seq is None:
            break  # the first poll only learns where the history ends
        msg = buf.raw[: sz.value]
        off = len(msg) >= 3 and (msg[0] & 0xF0 == 0x80 or msg[0] & 0xF0 == 0x90 and msg[2] == 0)
        if len(msg) < 3 or msg[0] & 0xF0 != 0x90 and not off or pos.value < 0:
            continue  # not a note, or received while the project was not playing
        chan = (msg[0] & 0x0F) + 1
        device = _heard_device(dev.value)
        if device is None or not any((d == 63 or d == device) and (c == 0 or c == chan) for d, c, _ in armed):
            continue
        # note-offs apart: how long a bass note rings tells a trap 808's sustain (core/live_bass.py)
        (releases if off else events).append([r.RPR_TimeMap2_timeToQN(PROJ, pos.value), msg[1], msg[2], chan - 1])
    events.reverse()
    releases.reverse()
    live = r.RPR_GetExtState(EXT_SECTION, "live")
    info = project_info()
    if take_start and info["play_state"] & 1:
        info.update(_drum_track_now(r))
    return {"events": events, "releases": releases, "last_seq": newest, "armed": bool(armed),
            "armed_index": max((i for *_, i in armed), default=-1), "live": live, **info, **_loop_state(r),
            "sections": section_starts(kept=True), "cue": r.RPR_GetExtState(EXT_SECTION, CUE_KEY)}


def _drum_track_now(r) -> dict:
    """The drum track as a take starts: muted (its name, else ""), its generated items (live_take_end.py) and the
    drum map Drumify left with it (the producer's kit: live follow plays its notes too)."""
    from .reaper_side import drum_track_items  # (reaper_side imports this module)

    found = drum_track_items()
    track = found["track"]
    muted = track is not None and r.RPR_GetMediaTrackInfo_Value(track, "B_MUTE") >= 0.5
    return {"drums_muted": r.RPR_GetTrackName(track, "", 256)[2] if muted else "",
            "drums_before": [{k: v for k, v in it.items() if k != "item"} for it in found["items"]],
            "drums_map": r.RPR_GetSetMediaTrackInfo_String(track, DRUM_MAP_KEY, "", False)[3] if track else "",
            "measure_offset": measure_offset(r)}  # (bars said as the ruler numbers them)


def _loop_state(r) -> dict:
    """REAPER's repeat state and its loop points in QN (GetSet_LoopTimeRange2 with isLoop: the loop points, not the
    time selection; a void function, so the wrapper returns its arguments with the outputs filled in)."""
    repeat = bool(r.RPR_GetSetRepeatEx(PROJ, -1))  # -1: query
    res = r.RPR_GetSet_LoopTimeRange2(PROJ, False, True, 0.0, 0.0, False)
    start, end = float(res[3]), float(res[4])
    loop = [r.RPR_TimeMap2_timeToQN(PROJ, start), r.RPR_TimeMap2_timeToQN(PROJ, end)] if end > start else None
    return {"repeat": repeat, "loop_qn": loop}


__all__ = ["CONTROL_ONLY", "CUE_KEY", "VIRTUAL_KEYBOARD", "poll_live_input"]
