"""A take's events as REAPER's packed buffer (MIDI_GetAllEvts / MIDI_SetAllEvts) and
its hash (MIDI_GetHash)."""

from __future__ import annotations

import hashlib
import struct
from collections import defaultdict

from .model_objects import ALL_NOTES_OFF, CC, Note, PPQ, TextEvt, _read_varlen


# --------------------------------------------------------------------------
# The packed event buffer of MIDI_GetAllEvts / MIDI_SetAllEvts
# --------------------------------------------------------------------------


def take_events(take):
    """All events of a take as sorted (ppq, flags, msg, kind, ref) tuples (no end marker)."""
    evs = []
    for n in take.notes:
        flags = (1 if n.sel else 0) | (2 if n.mute else 0)
        evs.append((n.start, 2, flags, bytes((0x90 | n.chan, n.pitch, n.vel)), "on", n))
        end = n.end if n.end is not None else take.length_qn * PPQ
        evs.append((end, 0, flags, bytes((0x80 | n.chan, n.pitch, 0)), "off", n))
    for c in take.ccs:
        flags = (1 if c.sel else 0) | (2 if c.mute else 0) | (c.shape << 4 if c.shape else 0)
        evs.append((c.pos, 1, flags, c.message(), "cc", c))
    for t in take.texts:
        flags = (1 if t.sel else 0) | (2 if t.mute else 0)
        evs.append((t.pos, 1, flags, t.message(), "text", t))
    # at one position: note-offs first, then CC/text, then note-ons
    evs.sort(key=lambda e: (e[0], e[1]))
    return [(e[0], e[2], e[3], e[4], e[5]) for e in evs]


def pack_events(take):
    """The MIDI_GetAllEvts buffer: {int32 offset, uint8 flag, int32 msglen, msg} little-endian.

    DOC UNCLEAR: the API documentation does not mention it, but REAPER's
    buffers end with an all-notes-off (CC 123) at the end of the MIDI source,
    and scripts that rewrite a take keep it; the simulation does the same.
    Notes appear as separate note-on / note-off events (note-offs first at a
    shared position, an order the documentation does not fix either).
    """
    out = bytearray()
    last = 0
    for ppq, flags, msg, _kind, _ref in take_events(take):
        tick = int(round(ppq))
        out += struct.pack("<iBi", tick - last, flags & 0xFF, len(msg)) + msg
        last = tick
    end = int(round(take.length_qn * PPQ))
    out += struct.pack("<iBi", max(0, end - last), 0, 3) + ALL_NOTES_OFF
    return bytes(out)


def unpack_buffer(buf):
    """Parse a packed buffer into [(ppq, flags, msg bytes)]; raises ValueError if malformed."""
    events = []
    pos = 0
    i = 0
    n = len(buf)
    while i < n:
        if i + 9 > n:
            raise ValueError("truncated event header at byte %d" % i)
        off, flags, ln = struct.unpack_from("<iBi", buf, i)
        i += 9
        if ln < 0 or i + ln > n:
            raise ValueError("bad message length %d at byte %d" % (ln, i - 9))
        msg = bytes(buf[i:i + ln])
        i += ln
        pos += off
        events.append((pos, flags, msg))
    return events


def set_take_events(take, events):
    """Replace a take's content with parsed (ppq, flags, msg) events (MIDI_SetAllEvts).

    Note-on/note-off pairs become notes (first open note of the same channel
    and pitch closes first). A CC 123 (all notes off) is REAPER's end-of-source
    marker: it sets the source length and is not stored as an event.
    Zero-length messages are spacers for long gaps and are skipped.
    """
    notes, ccs, texts = [], [], []
    open_notes = defaultdict(list)
    end_marker = None
    for ppq, flags, msg in events:
        if not msg:
            continue
        sel, mute = bool(flags & 1), bool(flags & 2)
        status = msg[0]
        kind = status & 0xF0
        if status == 0xFF:
            if len(msg) >= 2 and msg[1] == 0x0F and msg[2:6] == b"CCBZ":
                continue  # bezier data for the previous CC: not modelled
            ln, j = _read_varlen(msg, 2)
            texts.append(TextEvt(ppq, msg[1], msg[j:j + ln], sel, mute))
        elif status == 0xF0:
            texts.append(TextEvt(ppq, -1, msg[1:-1] if msg.endswith(b"\xf7") else msg[1:], sel, mute))
        elif kind == 0x90 and len(msg) >= 3 and msg[2] > 0:
            note = Note(ppq, None, status & 15, msg[1], msg[2], sel, mute)
            notes.append(note)
            open_notes[(status & 15, msg[1])].append(note)
        elif (kind == 0x80 or kind == 0x90) and len(msg) >= 3:
            lst = open_notes.get((status & 15, msg[1]))
            if lst:
                lst.pop(0).end = ppq
        elif kind == 0xB0 and len(msg) >= 3 and msg[1] == 0x7B:
            end_marker = ppq
        elif 0x80 <= kind <= 0xE0:
            ccs.append(CC(ppq, kind, status & 15, msg[1] if len(msg) > 1 else 0,
                          msg[2] if len(msg) > 2 else 0, sel, mute, flags >> 4))
    if end_marker is not None:
        take.length_qn = end_marker / PPQ
    for lst in open_notes.values():
        for note in lst:
            note.end = take.length_qn * PPQ
    take.notes, take.ccs, take.texts = notes, ccs, texts
    take.sort()


def take_hash(take, notes_only):
    h = hashlib.md5()
    for n in take.notes:
        h.update(struct.pack("<ddBBBBB", n.start, -1.0 if n.end is None else n.end, n.chan, n.pitch, n.vel,
                             n.sel, n.mute))
    if not notes_only:
        for c in take.ccs:
            h.update(struct.pack("<dBBBBBB", c.pos, c.chanmsg, c.chan, c.msg2, c.msg3, c.sel, c.mute))
        for t in take.texts:
            h.update(struct.pack("<di", t.pos, t.type) + t.data)
    return h.hexdigest()
