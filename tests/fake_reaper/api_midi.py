"""Simulated API: MIDI take editing (notes, CCs, raw and text events, packed buffers,
hashes, PPQ conversions) and recent MIDI input."""

import ctypes
from . import project as _fr
from .api_common import _api, _cbytes, _changed, _maybe_sort, _take, _track, _write
from .project import PPQ


# --------------------------------------------------------------------------
# MIDI
# --------------------------------------------------------------------------


def _midi_take(R, ptr, fn):
    tk = _take(R, ptr, fn)
    return tk if tk is not None and tk.is_midi else None


@_api
def _MIDI_CountEvts(R, take, notecnt, cccnt, textcnt):
    # DOC UNCLEAR: the return value; here the total of the three counts.
    tk = _midi_take(R, take, "MIDI_CountEvts")
    if tk is None:
        notecnt.set(0)
        cccnt.set(0)
        textcnt.set(0)
        return 0
    notecnt.set(len(tk.notes))
    cccnt.set(len(tk.ccs))
    textcnt.set(len(tk.texts))
    return len(tk.notes) + len(tk.ccs) + len(tk.texts)


@_api
def _MIDI_GetNote(R, take, idx, sel, mute, start, end, chan, pitch, vel):
    tk = _midi_take(R, take, "MIDI_GetNote")
    if tk is None or not 0 <= idx < len(tk.notes):
        return False
    n = tk.notes[idx]
    sel.set(1 if n.sel else 0)
    mute.set(1 if n.mute else 0)
    start.set(n.start)
    end.set(n.end if n.end is not None else tk.length_qn * PPQ)
    chan.set(n.chan)
    pitch.set(n.pitch)
    vel.set(n.vel)
    return True


@_api
def _MIDI_SetNote(R, take, idx, sel, mute, start, end, chan, pitch, vel, no_sort):
    # "Properties passed as NULL will not be set." (REAPER's Python wrapper
    # always passes all of them.)
    tk = _midi_take(R, take, "MIDI_SetNote")
    if tk is None or not 0 <= idx < len(tk.notes):
        return False
    n = tk.notes[idx]
    if sel:
        n.sel = bool(sel.get())
    if mute:
        n.mute = bool(mute.get())
    if start:
        n.start = float(start.get())
    if end:
        n.end = float(end.get())
    if chan:
        n.chan = int(chan.get()) & 15
    if pitch:
        n.pitch = int(pitch.get()) & 127
    if vel:
        n.vel = int(vel.get()) & 127
    _maybe_sort(tk, no_sort.get(0))
    _changed(tk)
    return True


@_api
def _MIDI_InsertNote(R, take, sel, mute, start, end, chan, pitch, vel, no_sort):
    tk = _midi_take(R, take, "MIDI_InsertNote")
    if tk is None:
        return False
    tk.notes.append(_fr.Note(start, end, chan, pitch, vel, sel, mute))
    _maybe_sort(tk, no_sort.get(0))
    _changed(tk)
    _check_rendered(R, tk, start, pitch)
    return True


def _check_rendered(R, tk, ppq, pitch):
    """A note written where REAPER has already rendered its track (render-ahead) is not heard: record it."""
    track = tk.item.track
    monitored = track.values["I_RECARM"] and track.values["I_RECMON"]
    p = track.project
    t = p.qn_to_time(p.qn_from_ppq(tk, ppq))
    if R.transport.already_rendered(t, monitored=bool(monitored)):
        R.late_notes.append((track.name, t, int(pitch)))


@_api
def _MIDI_DeleteNote(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteNote")
    if tk is None or not 0 <= idx < len(tk.notes):
        return False
    del tk.notes[idx]
    _changed(tk)
    return True


@_api
def _MIDI_GetCC(R, take, idx, sel, mute, ppq, chanmsg, chan, msg2, msg3):
    tk = _midi_take(R, take, "MIDI_GetCC")
    if tk is None or not 0 <= idx < len(tk.ccs):
        return False
    c = tk.ccs[idx]
    sel.set(1 if c.sel else 0)
    mute.set(1 if c.mute else 0)
    ppq.set(c.pos)
    chanmsg.set(c.chanmsg)
    chan.set(c.chan)
    msg2.set(c.msg2)
    msg3.set(c.msg3)
    return True


@_api
def _MIDI_SetCC(R, take, idx, sel, mute, ppq, chanmsg, chan, msg2, msg3, no_sort):
    tk = _midi_take(R, take, "MIDI_SetCC")
    if tk is None or not 0 <= idx < len(tk.ccs):
        return False
    c = tk.ccs[idx]
    if sel:
        c.sel = bool(sel.get())
    if mute:
        c.mute = bool(mute.get())
    if ppq:
        c.pos = float(ppq.get())
    if chanmsg:
        c.chanmsg = int(chanmsg.get()) & 0xF0
    if chan:
        c.chan = int(chan.get()) & 15
    if msg2:
        c.msg2 = int(msg2.get()) & 127
    if msg3:
        c.msg3 = int(msg3.get()) & 127
    _maybe_sort(tk, no_sort.get(0))
    _changed(tk)
    return True


@_api
def _MIDI_InsertCC(R, take, sel, mute, ppq, chanmsg, chan, msg2, msg3):
    tk = _midi_take(R, take, "MIDI_InsertCC")
    if tk is None:
        return False
    tk.ccs.append(_fr.CC(ppq, chanmsg, chan, msg2, msg3, sel, mute))
    _maybe_sort(tk, False)
    _changed(tk)
    return True


@_api
def _MIDI_DeleteCC(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteCC")
    if tk is None or not 0 <= idx < len(tk.ccs):
        return False
    del tk.ccs[idx]
    _changed(tk)
    return True


def _raw_events(tk):
    return [[ppq, flags, msg] for ppq, flags, msg, _k, _r in _fr.take_events(tk)]


def _set_raw(tk, events):
    events.sort(key=lambda e: e[0])
    _fr.set_take_events(tk, [(e[0], e[1], e[2]) for e in events])


@_api
def _MIDI_GetEvt(R, take, idx, sel, mute, ppq, msg, msg_sz):
    # Events are enumerated as MIDI_GetAllEvts lists them (note-ons and
    # note-offs separately), without the final end-of-source marker.
    tk = _midi_take(R, take, "MIDI_GetEvt")
    if tk is None:
        return False
    evs = _fr.take_events(tk)
    if not 0 <= idx < len(evs):
        return False
    pos, flags, data, _k, _r = evs[idx]
    sel.set(flags & 1)
    mute.set(1 if flags & 2 else 0)
    ppq.set(pos)
    cap = msg_sz.get(0)
    if msg and cap is not None and cap >= len(data):
        ctypes.memmove(msg, data, len(data))
    msg_sz.set(len(data))
    return True


@_api
def _MIDI_SetEvt(R, take, idx, sel, mute, ppq, msg, msg_sz, no_sort):
    tk = _midi_take(R, take, "MIDI_SetEvt")
    if tk is None:
        return False
    evs = _raw_events(tk)
    if not 0 <= idx < len(evs):
        return False
    e = evs[idx]
    if sel:
        e[1] = (e[1] & ~1) | (1 if sel.get() else 0)
    if mute:
        e[1] = (e[1] & ~2) | (2 if mute.get() else 0)
    if ppq:
        e[0] = float(ppq.get())
    if msg and msg_sz > 0:
        e[2] = _cbytes(msg, msg_sz)
    _set_raw(tk, evs)
    _changed(tk)
    return True


@_api
def _MIDI_InsertEvt(R, take, sel, mute, ppq, data, size):
    tk = _midi_take(R, take, "MIDI_InsertEvt")
    if tk is None or size <= 0:
        return False
    evs = _raw_events(tk)
    evs.append([float(ppq), (1 if sel else 0) | (2 if mute else 0), _cbytes(data, size)])
    _set_raw(tk, evs)
    _changed(tk)
    return True


@_api
def _MIDI_DeleteEvt(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteEvt")
    if tk is None:
        return False
    evs = _raw_events(tk)
    if not 0 <= idx < len(evs):
        return False
    del evs[idx]
    _set_raw(tk, evs)
    _changed(tk)
    return True


@_api
def _MIDI_GetTextSysexEvt(R, take, idx, sel, mute, ppq, type_, msg, msg_sz):
    tk = _midi_take(R, take, "MIDI_GetTextSysexEvt")
    if tk is None or not 0 <= idx < len(tk.texts):
        return False
    t = tk.texts[idx]
    sel.set(1 if t.sel else 0)
    mute.set(1 if t.mute else 0)
    ppq.set(t.pos)
    type_.set(t.type)
    cap = msg_sz.get(0)
    if msg and cap is not None and cap >= len(t.data):
        ctypes.memmove(msg, t.data, len(t.data))
    msg_sz.set(len(t.data))
    return True


@_api
def _MIDI_InsertTextSysexEvt(R, take, sel, mute, ppq, type_, data, size):
    # "Allowable types are -1:sysex (msg should not include bounding F0..F7),
    # 1-14:MIDI text event types, 15=REAPER notation event."
    tk = _midi_take(R, take, "MIDI_InsertTextSysexEvt")
    if tk is None or not (type_ == -1 or 1 <= type_ <= 15):
        return False
    tk.texts.append(_fr.TextEvt(ppq, type_, _cbytes(data, size), sel, mute))
    _maybe_sort(tk, False)
    _changed(tk)
    return True


@_api
def _MIDI_DeleteTextSysexEvt(R, take, idx):
    tk = _midi_take(R, take, "MIDI_DeleteTextSysexEvt")
    if tk is None or not 0 <= idx < len(tk.texts):
        return False
    del tk.texts[idx]
    _changed(tk)
    return True


@_api
def _MIDI_Sort(R, take):
    tk = _midi_take(R, take, "MIDI_Sort")
    if tk is not None:
        tk.sort_disabled = False
        tk.sort()


@_api
def _MIDI_DisableSort(R, take):
    # "Disable sorting for all MIDI insert, delete, get and set functions,
    # until MIDI_Sort is called."
    tk = _midi_take(R, take, "MIDI_DisableSort")
    if tk is not None:
        tk.sort_disabled = True


@_api
def _MIDI_SelectAll(R, take, select):
    tk = _midi_take(R, take, "MIDI_SelectAll")
    if tk is None:
        return
    for x in tk.notes + tk.ccs + tk.texts:
        x.sel = bool(select)


@_api
def _MIDI_EnumSelNotes(R, take, idx):
    tk = _midi_take(R, take, "MIDI_EnumSelNotes")
    if tk is None:
        return -1
    for i in range(max(idx + 1, 0), len(tk.notes)):
        if tk.notes[i].sel:
            return i
    return -1


@_api
def _MIDI_GetAllEvts(R, take, buf, buf_sz):
    # Buffer: { int32 offset, uint8 flag, int32 msglen, msg[] } little-endian,
    # offsets in ticks from the previous event; the last event is an
    # all-notes-off CC 123 at the end of the source (not in the documentation,
    # see fake_reaper.project.pack_events).
    # DOC UNCLEAR: what happens when *buf_sz is too small is not documented;
    # the simulation then writes nothing, sets *buf_sz to the size needed and
    # returns false.
    tk = _midi_take(R, take, "MIDI_GetAllEvts")
    if tk is None:
        buf_sz.set(0)
        return False
    data = _fr.pack_events(tk)
    cap = buf_sz.get(0) or 0
    if not buf or cap < len(data):
        buf_sz.set(len(data))
        return False
    ctypes.memmove(buf, data, len(data))
    buf_sz.set(len(data))
    return True


@_api
def _MIDI_SetAllEvts(R, take, buf, buf_sz):
    # A malformed buffer (truncated header, bad length) leaves the take
    # unchanged and returns false.
    tk = _midi_take(R, take, "MIDI_SetAllEvts")
    if tk is None or buf_sz < 0:
        return False
    try:
        events = _fr.unpack_buffer(_cbytes(buf, buf_sz))
    except ValueError as e:
        R.errors.append(("MIDI_SetAllEvts", str(e), ""))
        return False
    _fr.set_take_events(tk, events)
    tk.sort_disabled = False
    _changed(tk)
    return True


@_api
def _MIDI_GetHash(R, take, notes_only, buf, buf_sz):
    # "Get a string that only changes when the MIDI data changes." The format
    # of REAPER's string is not documented; this one is 32 hex digits.
    tk = _midi_take(R, take, "MIDI_GetHash")
    if tk is None:
        return False
    _write(buf, _fr.take_hash(tk, bool(notes_only)), buf_sz)
    return True


@_api
def _MIDI_GetTrackHash(R, tr, notes_only, buf, buf_sz):
    t = _track(R, tr, "MIDI_GetTrackHash")
    if t is None:
        return False
    import hashlib
    h = hashlib.md5()
    any_midi = False
    for it in t.sorted_items():
        for tk in it.takes:
            if tk.is_midi:
                any_midi = True
                h.update(("%r|" % it.values["D_POSITION"]).encode())
                h.update(_fr.take_hash(tk, bool(notes_only)).encode())
    if not any_midi:
        return False
    _write(buf, h.hexdigest(), buf_sz)
    return True


def _take_project(tk):
    return tk.item.track.project


@_api
def _MIDI_GetPPQPosFromProjQN(R, take, qn):
    tk = _take(R, take, "MIDI_GetPPQPosFromProjQN")
    return _take_project(tk).ppq_from_qn(tk, qn) if tk else 0.0


@_api
def _MIDI_GetProjQNFromPPQPos(R, take, ppq):
    tk = _take(R, take, "MIDI_GetProjQNFromPPQPos")
    return _take_project(tk).qn_from_ppq(tk, ppq) if tk else 0.0


@_api
def _MIDI_GetPPQPosFromProjTime(R, take, t):
    tk = _take(R, take, "MIDI_GetPPQPosFromProjTime")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    return p.ppq_from_qn(tk, p.time_to_qn(t))


@_api
def _MIDI_GetProjTimeFromPPQPos(R, take, ppq):
    tk = _take(R, take, "MIDI_GetProjTimeFromPPQPos")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    return p.qn_to_time(p.qn_from_ppq(tk, ppq))


@_api
def _MIDI_GetPPQPos_StartOfMeasure(R, take, ppq):
    tk = _take(R, take, "MIDI_GetPPQPos_StartOfMeasure")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    _m, start, _end, _n, _d = p.measure_of_qn(p.qn_from_ppq(tk, ppq))
    return p.ppq_from_qn(tk, start)


@_api
def _MIDI_GetPPQPos_EndOfMeasure(R, take, ppq):
    tk = _take(R, take, "MIDI_GetPPQPos_EndOfMeasure")
    if tk is None:
        return 0.0
    p = _take_project(tk)
    _m, _start, end, _n, _d = p.measure_of_qn(p.qn_from_ppq(tk, ppq))
    return p.ppq_from_qn(tk, end)


@_api
def _MIDI_RefreshEditors(R, take):
    R.ui_updates["MIDI_RefreshEditors"] += 1


@_api
def _MIDI_GetRecentInputEvent(R, idx, buf, buf_sz, ts, dev, proj_pos, loop_cnt):
    # "Gets a recent MIDI input event from the global history. idx=0 for the
    # most recent event, which also latches to the latest MIDI event state (to
    # get a more recent list, calling with idx=0 is necessary). idx=1 next
    # most recent event, returns a non-zero sequence number for the event, or
    # zero if no more events. tsOut will be set to the timestamp in samples
    # relative to the current position (0 is current, -48000 is one second
    # ago, etc). devIdxOut will have the low 16 bits set to the input device
    # index, and 0x10000 will be set if device was enabled only for control.
    # projPosOut will be set to project position in seconds if project was
    # playing back at time of event, otherwise -1."
    # DOC UNCLEAR: *bufOut_sz is taken as the buffer capacity on input and the
    # message length on output; when the message does not fit, nothing is
    # written and *bufOut_sz reports the length needed. The size of REAPER's
    # history is not documented (1024 here).
    got = R.input.get(idx)
    if got is None:
        return 0
    ev, tsamples = got
    msg = ev["msg"]
    cap = buf_sz.get(0) or 0
    if buf and cap >= len(msg):
        ctypes.memmove(buf, msg, len(msg))
        if cap > len(msg):
            ctypes.memset(buf + len(msg), 0, 1)
    buf_sz.set(len(msg))
    ts.set(tsamples)
    dev.set(ev["dev"])
    proj_pos.set(ev["proj_pos"])
    loop_cnt.set(ev["loop"])
    return ev["seq"]
