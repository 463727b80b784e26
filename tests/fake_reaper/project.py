"""In-memory model of a REAPER instance for the simulated ``reaper_python``.

Nothing here imports reapy or ctypes: this is the state that the C-level
functions of ``reaper_python.py`` read and write, plus a JSON-friendly
builder (:class:`ProjectSpec`) and inspection helpers for tests.

Units follow REAPER: project time in seconds, QN (quarter notes) counted from
the project start, MIDI ticks (PPQ) at 960 per quarter note counted from the
start of a take's source, tempo in BPM.
"""

from __future__ import annotations

import bisect
import configparser
import hashlib
import math
import os
import pickle
import shutil
import struct
import tempfile
import threading
import time
from collections import Counter, defaultdict

from .scripts import ScriptRuntime

PPQ = 960
SAMPLE_RATE = 48000
APP_VERSION = "7.27/linux-x86_64"

# Pointer values look like 64-bit heap addresses: rpr_unpackp prints
# '(MediaItem*)0x00007F3A00001230', and the high 32 bits are not zero so that
# code splitting the hex string in two halves (as REAPER's and reapy's
# rpr_packp do) is exercised.
_POINTER_BASE = 0x00007F3A00001000
_POINTER_STEP = 0x230

_current = None


def current():
    """The Reaper instance the simulated ``reaper_python`` works on."""
    if _current is None:
        raise RuntimeError("no simulated REAPER installed: call fake_reaper.install(reaper) first")
    return _current


def set_current(reaper):
    global _current
    _current = reaper


# --------------------------------------------------------------------------
# MIDI content
# --------------------------------------------------------------------------


class Note:
    __slots__ = ("start", "end", "chan", "pitch", "vel", "sel", "mute")

    def __init__(self, start, end, chan, pitch, vel, sel=False, mute=False):
        self.start = float(start)
        self.end = None if end is None else float(end)  # None: note-on not closed yet (raw inserts)
        self.chan = int(chan) & 15
        self.pitch = int(pitch) & 127
        self.vel = int(vel) & 127
        self.sel = bool(sel)
        self.mute = bool(mute)

    def copy(self):
        return Note(self.start, self.end, self.chan, self.pitch, self.vel, self.sel, self.mute)

    def key(self):
        # Sort order of REAPER's note list: by start position. The tie-break
        # for notes starting together is not documented; we use channel,
        # then pitch, then end, which keeps sorting deterministic.
        return (self.start, self.chan, self.pitch, self.end if self.end is not None else math.inf)

    def as_tuple(self):
        return (self.start, self.end, self.chan, self.pitch, self.vel, self.sel, self.mute)


class CC:
    __slots__ = ("pos", "chanmsg", "chan", "msg2", "msg3", "sel", "mute", "shape")

    def __init__(self, pos, chanmsg, chan, msg2, msg3, sel=False, mute=False, shape=0):
        self.pos = float(pos)
        self.chanmsg = int(chanmsg) & 0xF0
        self.chan = int(chan) & 15
        self.msg2 = int(msg2) & 127
        self.msg3 = int(msg3) & 127
        self.sel = bool(sel)
        self.mute = bool(mute)
        self.shape = int(shape)

    def copy(self):
        return CC(self.pos, self.chanmsg, self.chan, self.msg2, self.msg3, self.sel, self.mute, self.shape)

    def message(self):
        status = self.chanmsg | self.chan
        if self.chanmsg in (0xC0, 0xD0):
            return bytes((status, self.msg2))
        return bytes((status, self.msg2, self.msg3))


class TextEvt:
    __slots__ = ("pos", "type", "data", "sel", "mute")

    def __init__(self, pos, type_, data, sel=False, mute=False):
        self.pos = float(pos)
        self.type = int(type_)  # -1 sysex, 1-14 text meta types, 15 notation
        self.data = bytes(data)
        self.sel = bool(sel)
        self.mute = bool(mute)

    def copy(self):
        return TextEvt(self.pos, self.type, self.data, self.sel, self.mute)

    def message(self):
        if self.type == -1:
            return b"\xf0" + self.data + b"\xf7"
        return bytes((0xFF, self.type & 0x7F)) + _varlen(len(self.data)) + self.data


def _varlen(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def _read_varlen(data, i):
    n = 0
    while i < len(data):
        b = data[i]
        i += 1
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            break
    return n, i


ALL_NOTES_OFF = bytes((0xB0, 0x7B, 0x00))


# --------------------------------------------------------------------------
# Objects behind pointers
# --------------------------------------------------------------------------


class Obj:
    ctype = "void*"
    __slots__ = ("ptr",)


class Source(Obj):
    """A take's source. MIDI sources hold no file; audio sources ("WAVE",
    "FLAC", "MP3", "VORBIS" ...) name one; a "SECTION" source (what REAPER
    makes for a reversed item or a source section) plays the part
    [section_offset, section_offset + section_length) of its ``parent``,
    reversed or not, and names no file itself."""

    ctype = "PCM_source*"
    __slots__ = ("take", "kind", "filename", "parent", "section_offset", "section_length", "reversed")

    def __init__(self, ptr, take, kind="MIDI", filename="", parent=None, section_offset=0.0,
                 section_length=0.0, reversed=False):
        self.ptr = ptr
        self.take = take
        self.kind = kind
        self.filename = filename
        self.parent = parent
        self.section_offset = float(section_offset)
        self.section_length = float(section_length)
        self.reversed = bool(reversed)

    def chain(self):
        """This source and its parents."""
        src = self
        while src is not None:
            yield src
            src = src.parent

    def copy(self, take):
        parent = self.parent.copy(take) if self.parent is not None else None
        return Source(self.ptr, take, self.kind, self.filename, parent, self.section_offset,
                      self.section_length, self.reversed)


# Source types REAPER reports for audio files, by suffix (GetMediaSourceType).
AUDIO_SOURCE_TYPES = {".wav": "WAVE", ".wave": "WAVE", ".w64": "WAVE", ".aif": "WAVE", ".aiff": "WAVE",
                      ".aifc": "WAVE", ".flac": "FLAC", ".mp3": "MP3", ".ogg": "VORBIS", ".oga": "VORBIS",
                      ".opus": "OPUS", ".rpp": "RPP_PROJECT", ".mp4": "VIDEO", ".mov": "VIDEO"}


def audio_source_type(path):
    return AUDIO_SOURCE_TYPES.get(os.path.splitext(str(path))[1].lower(), "WAVE")


class Take(Obj):
    ctype = "MediaItem_Take*"
    __slots__ = ("item", "name", "is_midi", "notes", "ccs", "texts", "sort_disabled", "values",
                 "ext", "guid", "source", "length_qn", "change_count", "stretch_markers")

    def __init__(self, ptr, item, name="", is_midi=True, length_qn=0.0):
        self.ptr = ptr
        self.item = item
        self.name = name
        self.is_midi = is_midi
        self.notes = []
        self.ccs = []
        self.texts = []
        self.sort_disabled = False
        self.values = {"D_STARTOFFS": 0.0, "D_VOL": 1.0, "D_PAN": 0.0, "D_PANLAW": -1.0,
                       "D_PLAYRATE": 1.0, "D_PITCH": 0.0, "B_PPITCH": 0.0, "I_CHANMODE": 0.0,
                       "I_PITCHMODE": -1.0, "I_CUSTOMCOLOR": 0.0}
        self.ext = {}
        self.guid = None
        self.source = None
        self.length_qn = float(length_qn)  # MIDI source length in QN
        self.change_count = 0
        # [pos, srcpos] sorted by pos: pos in the item's seconds times D_PLAYRATE, srcpos in the source's
        self.stretch_markers = []

    def sort(self):
        self.notes.sort(key=Note.key)
        self.ccs.sort(key=lambda c: c.pos)
        self.texts.sort(key=lambda t: t.pos)


class Item(Obj):
    ctype = "MediaItem*"
    __slots__ = ("track", "takes", "active", "values", "notes_text", "ext", "guid")

    def __init__(self, ptr, track):
        self.ptr = ptr
        self.track = track
        self.takes = []
        self.active = 0
        self.values = {"D_POSITION": 0.0, "D_LENGTH": 0.0, "B_MUTE": 0.0, "B_MUTE_ACTUAL": 0.0,
                       "B_UISEL": 0.0, "B_LOOPSRC": 1.0, "D_VOL": 1.0, "C_LOCK": 0.0,
                       "D_SNAPOFFSET": 0.0, "D_FADEINLEN": 0.0, "D_FADEOUTLEN": 0.0,
                       "I_GROUPID": 0.0, "I_CUSTOMCOLOR": 0.0, "B_ALLTAKESPLAY": 0.0,
                       "I_FIXEDLANE": 0.0, "C_LANEPLAYS": 0.0}
        self.notes_text = ""
        self.ext = {}
        self.guid = None

    @property
    def position(self):
        return self.values["D_POSITION"]

    @property
    def length(self):
        return self.values["D_LENGTH"]

    @property
    def selected(self):
        return bool(self.values["B_UISEL"])

    def active_take(self):
        if 0 <= self.active < len(self.takes):
            return self.takes[self.active]
        return None


class Track(Obj):
    ctype = "MediaTrack*"
    __slots__ = ("project", "name", "items", "values", "ext", "guid", "fx", "is_master", "sends", "send_values")

    def __init__(self, ptr, project, name="", is_master=False):
        self.ptr = ptr
        self.project = project
        self.name = name
        self.items = []
        self.values = {"B_MUTE": 0.0, "B_PHASE": 0.0, "I_SOLO": 0.0, "I_FXEN": 1.0, "I_RECARM": 0.0,
                       "I_RECINPUT": 0.0, "I_RECMODE": 0.0, "I_RECMON": 0.0, "I_RECMONITEMS": 0.0,
                       "I_SELECTED": 0.0, "I_FOLDERDEPTH": 0.0, "I_FOLDERCOMPACT": 0.0,
                       "D_VOL": 1.0, "D_PAN": 0.0, "D_WIDTH": 1.0, "B_SHOWINMIXER": 1.0,
                       "B_SHOWINTCP": 1.0, "I_CUSTOMCOLOR": 0.0, "I_MIDIHWOUT": -1.0,
                       "I_NCHAN": 2.0, "C_ALLLANESPLAY": 0.0, "I_NUMFIXEDLANES": 1.0,
                       "B_MAINSEND": 1.0, "I_FREEMODE": 0.0,
                       "B_SOLO_DEFEAT": 0.0}  # heard whatever else is soloed
        self.ext = {}
        # Where the track sends besides its master/parent send (B_MAINSEND): the pointer of each track it sends
        # to, in order, or None for a hardware output (GetTrackNumSends category 0 counts the tracks, 1 the
        # hardware outputs; a track's receives, category -1, are the other tracks' sends to it).
        self.sends = []
        # Each send's own settings (GetTrackSendInfo_Value), parallel to `sends`: I_SENDMODE (0 post-fader,
        # 1 pre-FX, 3 post-FX: the last two are pre-fader, so they carry the sound of a track whose fader is
        # down), B_MUTE, D_VOL...
        self.send_values = []
        self.guid = None
        self.fx = []
        self.is_master = is_master

    @property
    def selected(self):
        return bool(self.values["I_SELECTED"])

    def sorted_items(self):
        # DOC UNCLEAR: the order of GetTrackMediaItem is not documented. REAPER
        # usually lists a track's items by position; with
        # ``reaper.item_order = "unsorted"`` the simulation lists them in an
        # order unrelated to position, so code that relies on it fails here.
        self.items.sort(key=lambda it: it.values["D_POSITION"])
        if self.project.reaper.item_order == "unsorted":
            return sorted(self.items, key=lambda it: hashlib.md5(str(it.ptr).encode()).digest())
        return self.items


class TempoMarker:
    __slots__ = ("time", "bpm", "num", "den", "linear")

    def __init__(self, time_, bpm, num=0, den=0, linear=False):
        self.time = float(time_)
        self.bpm = float(bpm)
        self.num = int(num)
        self.den = int(den)
        self.linear = bool(linear)

    def copy(self):
        return TempoMarker(self.time, self.bpm, self.num, self.den, self.linear)


class _Seg:
    __slots__ = ("t0", "qn0", "bpm", "num", "den", "anchor_qn", "anchor_meas", "marker")

    def qpm(self):
        return self.num * 4.0 / self.den


class Project(Obj):
    """One REAPER project: tracks, tempo map, undo history, project ext state."""

    ctype = "ReaProject*"

    def __init__(self, reaper, ptr, name="", path=""):
        self.reaper = reaper
        self.ptr = ptr
        self.name = name
        self.path = path
        self.tracks = []
        self.master = None
        self.base_bpm = 120.0
        self.base_num = 4
        self.base_den = 4
        self.markers = []
        self.sections = []  # project markers and regions: {"pos": s, "end": s, "isrgn": bool, "name": str}
        self.proj_ext = {}
        self.cursor = 0.0
        self.dirty = 0
        self.state_changes = 0
        self._segs = None
        # undo: REAPER keeps the whole state after each undo point; undoing
        # restores the state saved at the point before.
        self.undo_names = []
        self.undo_flags = []  # per point, the UNDO_STATE_* flags it was made with (-1: every state)
        self._undo_states = []
        self._redo = []

    # ------------------------------------------------------------------ tempo map
    def invalidate_tempo(self):
        self._segs = None

    def segments(self):
        if self._segs is not None:
            return self._segs
        segs = []
        cur = _Seg()
        cur.t0, cur.qn0, cur.bpm, cur.num, cur.den = 0.0, 0.0, self.base_bpm, self.base_num, self.base_den
        cur.anchor_qn, cur.anchor_meas, cur.marker = 0.0, 0, None
        for m in sorted(self.markers, key=lambda m: m.time):
            if m.time <= 1e-12 and not segs and cur.qn0 == 0.0 and cur.t0 == 0.0 and cur.marker is None:
                # a marker at the project start replaces the base tempo
                cur.bpm = m.bpm
                if m.num > 0:
                    cur.num, cur.den = m.num, m.den
                cur.marker = m
                continue
            qn = cur.qn0 + (m.time - cur.t0) * cur.bpm / 60.0
            new = _Seg()
            new.t0, new.qn0, new.bpm, new.num, new.den = m.time, qn, m.bpm, cur.num, cur.den
            new.anchor_qn, new.anchor_meas, new.marker = cur.anchor_qn, cur.anchor_meas, m
            if m.num > 0:
                # A time signature marker starts a new measure; a partial
                # measure before it still counts as a measure.
                x = (qn - cur.anchor_qn) / cur.qpm()
                k = int(math.ceil(x - 1e-9))
                new.anchor_meas = cur.anchor_meas + max(k, 0)
                new.anchor_qn = qn
                new.num, new.den = m.num, m.den
            segs.append(cur)
            cur = new
        segs.append(cur)
        self._segs = segs
        return segs

    def _seg_at_time(self, t):
        segs = self.segments()
        i = bisect.bisect_right([s.t0 for s in segs], t) - 1
        return segs[max(i, 0)]

    def _seg_at_qn(self, qn):
        segs = self.segments()
        i = bisect.bisect_right([s.qn0 for s in segs], qn) - 1
        return segs[max(i, 0)]

    def time_to_qn(self, t):
        s = self._seg_at_time(t)
        return s.qn0 + (t - s.t0) * s.bpm / 60.0

    def qn_to_time(self, qn):
        s = self._seg_at_qn(qn)
        return s.t0 + (qn - s.qn0) * 60.0 / s.bpm

    def tempo_at_time(self, t):
        return self._seg_at_time(t).bpm

    def timesig_at_qn(self, qn):
        s = self._seg_at_qn(qn)
        return s.num, s.den

    def measure_of_qn(self, qn):
        """(measure index, measure start QN, measure end QN, num, den); measures count from 0."""
        s = self._seg_at_qn(qn)
        qpm = s.qpm()
        k = int(math.floor((qn - s.anchor_qn) / qpm + 1e-9))
        m = s.anchor_meas + k
        start = s.anchor_qn + k * qpm
        end = start + qpm
        nxt = self._next_anchor_qn(s.anchor_qn)
        if nxt is not None and nxt < end - 1e-9:
            end = nxt
        return m, start, end, s.num, s.den

    def _next_anchor_qn(self, anchor_qn):
        for s in self.segments():
            if s.anchor_qn > anchor_qn + 1e-9:
                return s.anchor_qn
        return None

    def measure_start_qn(self, measure):
        """QN of the start of measure index ``measure`` plus its seg (for num/den)."""
        chosen = self.segments()[0]
        for s in self.segments():
            if s.anchor_meas <= measure:
                chosen = s
        qpm = chosen.qpm()
        start = chosen.anchor_qn + (measure - chosen.anchor_meas) * qpm
        seg = self._seg_at_qn(start)
        return start, seg

    def full_beats_at_qn(self, qn):
        """Beats since the project start, each time-signature region counted in its denominator."""
        total = 0.0
        regions = []
        for s in self.segments():
            if not regions or s.anchor_qn != regions[-1][0]:
                regions.append((s.anchor_qn, s.den))
        for i, (aq, den) in enumerate(regions):
            end = regions[i + 1][0] if i + 1 < len(regions) else math.inf
            if qn <= aq:
                break
            total += (min(qn, end) - aq) * den / 4.0
        return total

    def marker_info(self, idx):
        m = sorted(self.markers, key=lambda m: m.time)[idx]
        qn = self.time_to_qn(m.time)
        meas, mstart, _end, num, den = self.measure_of_qn(qn)
        return m, meas, (qn - mstart) * den / 4.0

    # ------------------------------------------------------------------ tracks/items
    def all_items(self):
        out = []
        for tr in self.tracks:
            out.extend(tr.sorted_items())
        return out

    def selected_items(self):
        return [it for it in self.all_items() if it.values["B_UISEL"]]

    def selected_tracks(self, want_master=False):
        out = [tr for tr in self.tracks if tr.values["I_SELECTED"]]
        if want_master and self.master is not None and self.master.values["I_SELECTED"]:
            out.insert(0, self.master)
        return out

    def track_number(self, track):
        if track.is_master:
            return -1
        try:
            return self.tracks.index(track) + 1
        except ValueError:
            return 0

    def length(self):
        end = 0.0
        for it in self.all_items():
            end = max(end, it.values["D_POSITION"] + it.values["D_LENGTH"])
        return end

    def changed(self):
        self.state_changes += 1
        self.dirty = 1

    # ------------------------------------------------------------------ take timing
    def take_source_start_qn(self, take):
        item = take.item
        pos = item.values["D_POSITION"]
        startoffs = take.values.get("D_STARTOFFS", 0.0)
        # D_STARTOFFS is "start offset in source media, in seconds" (REAPER's API doc): source seconds, which
        # the take plays D_PLAYRATE times as fast. Converting it with the tempo at the item start is exact for
        # a constant tempo and an approximation otherwise.
        return self.time_to_qn(pos) - startoffs * self.tempo_at_time(pos) / 60.0 / self.take_rate(take)

    def take_rate(self, take):
        return take.values.get("D_PLAYRATE", 1.0) or 1.0

    def ppq_from_qn(self, take, qn):
        return (qn - self.take_source_start_qn(take)) * PPQ * self.take_rate(take)

    def qn_from_ppq(self, take, ppq):
        return self.take_source_start_qn(take) + ppq / (PPQ * self.take_rate(take))

    # ------------------------------------------------------------------ undo
    def snapshot(self):
        return {
            "name": self.name,
            "tracks": [_copy_track(tr, None) for tr in self.tracks],
            "master": _copy_track(self.master, None) if self.master else None,
            "base": (self.base_bpm, self.base_num, self.base_den),
            "markers": [m.copy() for m in self.markers],
            "proj_ext": {k: dict(v) for k, v in self.proj_ext.items()},
        }

    def _saved_snapshot(self) -> bytes:
        # REAPER keeps its undo history in native memory; pickled bytes here are likewise invisible
        # to Python's cyclic GC, whose walk over hundreds of live snapshots would stall the host.
        return pickle.dumps(self.snapshot(), pickle.HIGHEST_PROTOCOL)

    def restore(self, saved: bytes):
        snap = pickle.loads(saved)
        self.reaper.unregister_project_objects(self)
        self.tracks = [_copy_track(tr, self) for tr in snap["tracks"]]
        self.master = _copy_track(snap["master"], self) if snap["master"] else None
        self.base_bpm, self.base_num, self.base_den = snap["base"]
        self.markers = [m.copy() for m in snap["markers"]]
        self.proj_ext = {k: dict(v) for k, v in snap["proj_ext"].items()}
        self.invalidate_tempo()
        self.reaper.register_project_objects(self)
        self.changed()

    def reset_undo(self):
        self.undo_names = []
        self.undo_flags = []
        self._undo_states = [self._saved_snapshot()]
        self._redo = []

    def add_undo_point(self, name, flags=-1):
        # The simulation saves every state whatever `flags` says; the flags are kept so tests can check that
        # a point was made with the states its change touched (REAPER restores only those).
        if not self._undo_states:
            self.reset_undo()
        self.undo_names.append(name)
        self.undo_flags.append(int(flags))
        self._undo_states.append(self._saved_snapshot())
        self._redo = []

    def can_undo(self):
        return self.undo_names[-1] if self.undo_names else None

    def can_redo(self):
        return self._redo[-1][0] if self._redo else None

    def undo(self):
        if not self.undo_names:
            return False
        name, flags = self.undo_names.pop(), self.undo_flags.pop()
        state = self._undo_states.pop()
        self._redo.append((name, state, flags))
        self.restore(self._undo_states[-1])
        return True

    def redo(self):
        if not self._redo:
            return False
        name, state, flags = self._redo.pop()
        self.undo_names.append(name)
        self.undo_flags.append(flags)
        self._undo_states.append(state)
        self.restore(state)
        return True

    # ------------------------------------------------------------------ inspection
    def to_dict(self):
        """JSON-friendly description of the project for test assertions."""
        out = {
            "name": self.name,
            "bpm": self.base_bpm, "num": self.base_num, "den": self.base_den,
            "markers": [{"time": m.time, "bpm": m.bpm, "num": m.num, "den": m.den}
                        for m in sorted(self.markers, key=lambda m: m.time)],
            "cursor": self.cursor,
            "undo_names": list(self.undo_names),
            "proj_ext": {k: dict(v) for k, v in self.proj_ext.items()},
            "tracks": [],
        }
        for tr in self.tracks:
            tdict = {"name": tr.name, "ptr": tr.ptr, "values": dict(tr.values), "ext": dict(tr.ext),
                     "fx": list(tr.fx), "items": []}
            for it in tr.sorted_items():
                idict = {"ptr": it.ptr, "position": it.position, "length": it.length,
                         "selected": it.selected, "muted": bool(it.values["B_MUTE"]),
                         "notes_text": it.notes_text, "ext": dict(it.ext),
                         "start_qn": self.time_to_qn(it.position),
                         "end_qn": self.time_to_qn(it.position + it.length),
                         "takes": []}
                for tk in it.takes:
                    src_qn = self.take_source_start_qn(tk)
                    idict["takes"].append({
                        "ptr": tk.ptr, "name": tk.name, "is_midi": tk.is_midi, "ext": dict(tk.ext),
                        "source_file": next((s.filename for s in tk.source.chain() if s.filename), "")
                        if tk.source else "",
                        "values": dict(tk.values),
                        "notes": [{"start_ppq": n.start, "end_ppq": n.end, "chan": n.chan,
                                   "pitch": n.pitch, "vel": n.vel, "sel": n.sel, "mute": n.mute,
                                   "start_qn": src_qn + n.start / PPQ,
                                   "end_qn": None if n.end is None else src_qn + n.end / PPQ}
                                  for n in tk.notes],
                        "ccs": [{"ppq": c.pos, "chanmsg": c.chanmsg, "chan": c.chan, "msg2": c.msg2,
                                 "msg3": c.msg3} for c in tk.ccs],
                    })
                tdict["items"].append(idict)
            out["tracks"].append(tdict)
        return out


SEND_DEFAULTS = {"I_SENDMODE": 0.0, "B_MUTE": 0.0, "D_VOL": 1.0, "D_PAN": 0.0, "B_PHASE": 0.0, "B_MONO": 0.0,
                 "I_SRCCHAN": 0.0, "I_DSTCHAN": 0.0, "I_MIDIFLAGS": 0.0, "I_AUTOMODE": -1.0}


def send_info(track, k: int) -> dict:
    """The settings of `track`'s send number `k` (in `track.sends`), REAPER's defaults until set."""
    while len(track.send_values) < len(track.sends):
        track.send_values.append(dict(SEND_DEFAULTS))
    return track.send_values[k]


def keep_sends(track, keep) -> None:
    """Only the sends whose destination `keep` accepts, each with its settings."""
    pairs = [(d, dict(send_info(track, k))) for k, d in enumerate(track.sends) if keep(d)]
    track.sends = [d for d, _v in pairs]
    track.send_values = [v for _d, v in pairs]


def _copy_track(tr, project):
    new = Track(tr.ptr, project, tr.name, tr.is_master)
    new.values = dict(tr.values)
    new.ext = dict(tr.ext)
    new.guid = tr.guid
    new.fx = list(tr.fx)
    new.sends = list(tr.sends)
    new.send_values = [dict(v) for v in getattr(tr, "send_values", [])]
    for it in tr.items:
        nit = Item(it.ptr, new)
        nit.values = dict(it.values)
        nit.active = it.active
        nit.notes_text = it.notes_text
        nit.ext = dict(it.ext)
        nit.guid = it.guid
        for tk in it.takes:
            ntk = Take(tk.ptr, nit, tk.name, tk.is_midi, tk.length_qn)
            ntk.notes = [n.copy() for n in tk.notes]
            ntk.ccs = [c.copy() for c in tk.ccs]
            ntk.texts = [t.copy() for t in tk.texts]
            ntk.sort_disabled = tk.sort_disabled
            ntk.values = dict(tk.values)
            ntk.ext = dict(tk.ext)
            ntk.guid = tk.guid
            ntk.change_count = tk.change_count
            ntk.stretch_markers = [list(m) for m in tk.stretch_markers]
            if tk.source is not None:
                ntk.source = tk.source.copy(ntk)
            nit.takes.append(ntk)
        new.items.append(nit)
    return new


# --------------------------------------------------------------------------
# Transport, live input, ext state
# --------------------------------------------------------------------------


class Transport:
    """Play state and positions. The clock is manual by default (tests call
    :meth:`advance`); ``realtime=True`` follows ``time.monotonic``."""

    def __init__(self, reaper, realtime=False):
        self.reaper = reaper
        self.realtime = realtime
        self._manual_now = 0.0
        self.state = 0  # &1 playing, &2 paused, &4 recording
        self._start_pos = 0.0
        self._start_clock = 0.0
        self._paused_pos = 0.0
        self.play_rate = 1.0
        self.block_ahead = 0.0  # GetPlayPosition2 - GetPlayPosition while playing
        self.repeat = 0
        self.loop_range = (0.0, 0.0)  # loop points in seconds (start == end: none)
        # REAPER renders tracks that are not monitored ahead of the play cursor (up to ~200 ms; the
        # exact amount depends on the audio settings). A note written where the cursor plus this has
        # already passed is not heard in this pass: see Reaper.late_notes.
        self.render_ahead = 0.0
        self._play_from = 0.0

    def now(self):
        return time.monotonic() if self.realtime else self._manual_now

    def advance(self, seconds):
        """Manual clock: let ``seconds`` of wall time pass (moves the play position)."""
        if self.realtime:
            raise RuntimeError("transport runs on real time")
        self._manual_now += float(seconds)
        self.reaper.input.release_due()

    def _looping(self):
        """(start, end) of the loop playback repeats, or None. REAPER loops when repeat is on and the play
        started before the loop end (started after it, it plays on)."""
        lo, hi = self.loop_range
        if self.repeat and hi - lo > 1e-9 and self._start_pos < hi - 1e-9:
            return lo, hi
        return None

    def _raw(self):
        return self._start_pos + (self.now() - self._start_clock) * self.play_rate

    def position(self):
        if self.state & 1 and not self.state & 2:
            raw, loop = self._raw(), self._looping()
            if loop and raw >= loop[1]:  # at the loop end the play cursor jumps back to the loop start
                return loop[0] + (raw - loop[1]) % (loop[1] - loop[0])
            return raw
        if self.state & 2:
            return self._paused_pos
        return self.reaper.project.cursor

    def play(self, record=False):
        if self.state & 2:
            self._start_pos = self._paused_pos
        elif not self.state & 1:
            self._start_pos = self.reaper.project.cursor
        self._start_clock = self.now()
        self._play_from = self._start_pos
        self.state = 1 | (4 if record or self.state & 4 else 0)

    def rendered_until(self, monitored=False):
        """While playing: the project time up to which REAPER has rendered a track (None when stopped)."""
        if not self.state & 1 or self.state & 2:
            return None
        return self.position() + (0.0 if monitored else self.render_ahead)

    def set_loop(self, repeat=None, loop_range=None):
        """Repeat on/off and the loop points (seconds); while playing the cursor goes on from where it is."""
        if self.state & 1 and not self.state & 2:
            self._start_pos, self._start_clock = self.position(), self.now()
        if repeat is not None:
            self.repeat = int(repeat)
        if loop_range is not None:
            self.loop_range = (float(loop_range[0]), float(loop_range[1]))

    def already_rendered(self, t, monitored=False):
        """Whether project time `t` has been rendered in this pass (a note written there now is not heard).

        In loop playback REAPER renders across the loop end into the loop start before the cursor jumps;
        a note written in the loop behind the cursor is heard in the next pass, so only the part being
        rendered now (cursor to render point, wrapped) counts, and before the loop what was played."""
        until = self.rendered_until(monitored)
        if until is None:
            return False
        loop = self._looping()
        if not loop:
            return self._play_from - 1e-9 <= t < until - 1e-9
        lo, hi = loop
        if t < lo:  # played before the loop, never again in this take
            return self._play_from - 1e-9 <= t < (until if self._raw() < lo else lo) - 1e-9
        if t >= hi:
            return False  # past the loop end: not played while looping
        pos = self.position()
        return pos - 1e-9 <= t < min(until, hi) - 1e-9 or (until > hi and t < lo + (until - hi) - 1e-9)

    def pause(self):
        # DOC UNCLEAR: whether &1 stays set while paused; the simulation
        # reports 2 (paused), plus 4 while recording.
        if self.state & 2:
            self.play()
        elif self.state & 1:
            self._paused_pos = self.position()
            self.state = 2 | (self.state & 4)
        else:
            self._paused_pos = self.reaper.project.cursor
            self.state = 2

    def stop(self):
        self.state = 0

    def seek(self, pos):
        self._start_pos = pos
        self._start_clock = self.now()
        self._paused_pos = pos
        self._play_from = pos


class RecentInput:
    """Global history of live MIDI input as ``MIDI_GetRecentInputEvent`` shows it.

    Tests :meth:`feed` events directly or :meth:`schedule` them at project
    positions: scheduled events become visible once the transport plays past
    their position (call ``reaper.transport.advance``).
    """

    def __init__(self, reaper, capacity=1024):
        self.reaper = reaper
        self.capacity = capacity
        self.history = []  # dicts, oldest first
        self.pending = []  # (proj_pos, seq_hint, event dict), sorted by position
        self.latched = []
        self._seq = 0
        self._hint = 0

    def feed(self, msg, proj_pos=-1.0, dev=0, loop_cnt=0, ts=None):
        """Add one received message now. ``proj_pos`` in seconds, -1 when not playing."""
        self._seq += 1
        ev = {"seq": self._seq, "msg": bytes(msg), "dev": int(dev), "proj_pos": float(proj_pos),
              "loop": int(loop_cnt), "clock": self.reaper.transport.now(), "ts": ts}
        self.history.append(ev)
        if len(self.history) > self.capacity:
            del self.history[: len(self.history) - self.capacity]
        return ev["seq"]

    def schedule(self, events):
        """``events``: iterable of (proj_pos_seconds, msg_bytes[, dev[, loop_cnt]])."""
        for e in events:
            pos, msg = float(e[0]), bytes(e[1])
            dev = int(e[2]) if len(e) > 2 else 0
            loop = int(e[3]) if len(e) > 3 else 0
            self._hint += 1
            bisect.insort(self.pending, (pos, self._hint, {"msg": msg, "dev": dev, "loop": loop}))
        self.release_due()

    def release_due(self):
        tr = self.reaper.transport
        if not self.pending or not (tr.state & 1) or tr.state & 2:
            return
        now_pos = tr.position()
        while self.pending and self.pending[0][0] <= now_pos + 1e-12:
            pos, _h, e = self.pending.pop(0)
            # the event arrived when the play position was at ``pos``
            clock = tr.now() - (now_pos - pos) / (tr.play_rate or 1.0)
            self._seq += 1
            self.history.append({"seq": self._seq, "msg": e["msg"], "dev": e["dev"],
                                 "proj_pos": pos, "loop": e["loop"], "clock": clock, "ts": None})
        if len(self.history) > self.capacity:
            del self.history[: len(self.history) - self.capacity]

    def get(self, idx):
        """Event for index ``idx`` (0 = most recent, latches the list), or None."""
        if idx == 0:
            self.release_due()
            self.latched = list(reversed(self.history))
        if 0 <= idx < len(self.latched):
            ev = self.latched[idx]
            ts = ev["ts"]
            if ts is None:
                ts = -int(round((self.reaper.transport.now() - ev["clock"]) * SAMPLE_RATE))
            return ev, ts
        return None


class ExtState:
    """Global ext state; ``persist=True`` values go to reaper-extstate.ini.

    DOC UNCLEAR: whether section and key names are case-sensitive is not
    documented; the simulation treats them as case-sensitive. REAPER writes
    reaper-extstate.ini when it exits; the simulation writes it at once. It is
    read at startup, so installer-written values are visible.
    """

    def __init__(self, reaper):
        self.reaper = reaper
        self.values = {}
        self.persisted = set()

    def load_ini(self):
        path = os.path.join(self.reaper.resource_path, "reaper-extstate.ini")
        if not os.path.exists(path):
            return
        cp = configparser.ConfigParser(strict=False, delimiters=("=",), interpolation=None)
        cp.optionxform = str
        cp.read(path, encoding="utf-8")
        for section in cp.sections():
            for key, value in cp[section].items():
                self.values[(section, key)] = value
                self.persisted.add((section, key))

    def _write_ini(self):
        path = os.path.join(self.reaper.resource_path, "reaper-extstate.ini")
        cp = configparser.ConfigParser(strict=False, delimiters=("=",), interpolation=None)
        cp.optionxform = str
        if os.path.exists(path):
            cp.read(path, encoding="utf-8")
        for section in list(cp.sections()):
            for key in list(cp[section].keys()):
                if (section, key) not in self.persisted:
                    del cp[section][key]
        for (section, key) in sorted(self.persisted):
            if not cp.has_section(section):
                cp.add_section(section)
            cp[section][key] = self.values[(section, key)]
        with open(path, "w", encoding="utf-8") as f:
            cp.write(f, space_around_delimiters=False)

    def get(self, section, key):
        return self.values.get((section, key))

    def set(self, section, key, value, persist):
        self.values[(section, key)] = value
        if persist:
            self.persisted.add((section, key))
            self._write_ini()

    def delete(self, section, key, persist):
        self.values.pop((section, key), None)
        if persist and (section, key) in self.persisted:
            self.persisted.discard((section, key))
            self._write_ini()


# --------------------------------------------------------------------------
# The REAPER instance
# --------------------------------------------------------------------------


class Reaper:
    """A simulated REAPER: projects, global state, defer queue, console, actions."""

    def __init__(self, resource_path=None, realtime=False, app_version=APP_VERSION):
        self.lock = threading.RLock()
        self._own_resource = resource_path is None
        self.resource_path = resource_path or tempfile.mkdtemp(prefix="fake_reaper_res_")
        os.makedirs(os.path.join(self.resource_path, "Scripts"), exist_ok=True)
        self.app_version = app_version
        self._next_ptr = _POINTER_BASE
        self.objects = {}
        self.projects = []
        self.active = 0
        self.transport = Transport(self, realtime=realtime)
        self.input = RecentInput(self)
        self.ext = ExtState(self)
        self.ext.load_ini()
        self.console = []
        self.message_boxes = []
        self.message_box_answer = 1  # IDOK
        self.commands = []  # (command_id, flag, project ptr)
        self.toggle_states = {}  # (section, command id) -> state set by SetToggleCommandState (else -1)
        self.toolbar_refreshes = []  # (section, command id) of each RefreshToolbar2 call
        self.scripts = {}  # command id -> (section, path, named id without underscore)
        self.named_commands = {}  # "_NAME" -> id
        self._next_script_cmd = 53000
        self.script_errors = []
        self.script_globals = None  # dict deferred code runs in (the script's __main__)
        self.runtime = ScriptRuntime(self)  # scripts, their deferred loops and atexit code
        self.ticks = 0
        self.item_order = "position"  # or "unsorted": see Track.sorted_items
        self.late_notes = []  # (track name, project seconds, pitch) written after REAPER rendered that time
        self.ui_refresh_depth = 0
        self.undo_depth = 0  # open Undo_BeginBlock calls
        self.undo_project = None
        self.undo_changes_at_begin = 0  # the project's state change count at the outermost BeginBlock
        self.ui_updates = Counter()
        self.api_calls = Counter()
        self.errors = []  # exceptions raised inside simulated API functions
        self.pointer_errors = []  # calls with pointers that are not (or no longer) valid
        self._retbufs = {}
        self._defer_thread = None
        self._defer_stop = None
        self.tick_interval = 0.03
        self.new_project()
        self.load_kb_ini()

    # ------------------------------------------------------------------ pointers
    def alloc(self):
        p = self._next_ptr
        self._next_ptr += _POINTER_STEP
        return p

    def register(self, obj):
        self.objects[obj.ptr] = obj
        return obj

    def unregister_tree(self, obj):
        self.objects.pop(obj.ptr, None)
        if isinstance(obj, Track):
            for it in obj.items:
                self.unregister_tree(it)
        elif isinstance(obj, Item):
            for tk in obj.takes:
                self.unregister_tree(tk)
        elif isinstance(obj, Take):
            if obj.source is not None:
                for src in obj.source.chain():
                    self.objects.pop(src.ptr, None)

    def register_tree(self, obj):
        self.register(obj)
        if isinstance(obj, Track):
            for it in obj.items:
                self.register_tree(it)
        elif isinstance(obj, Item):
            for tk in obj.takes:
                self.register_tree(tk)
        elif isinstance(obj, Take):
            if obj.source is not None:
                for src in obj.source.chain():
                    self.register(src)

    def unregister_project_objects(self, project):
        for tr in project.tracks:
            self.unregister_tree(tr)
        if project.master is not None:
            self.unregister_tree(project.master)

    def register_project_objects(self, project):
        for tr in project.tracks:
            self.register_tree(tr)
        if project.master is not None:
            self.register_tree(project.master)

    def resolve(self, ptr, ctype, fn="?"):
        """Object behind pointer value ``ptr`` if it is a live ``ctype``; None otherwise.

        A non-zero pointer that is unknown, deleted or of another type is
        recorded in :attr:`pointer_errors` (in REAPER it would likely crash).
        """
        if not ptr:
            return None
        obj = self.objects.get(ptr)
        if obj is None or (ctype != "void*" and obj.ctype != ctype):
            self.pointer_errors.append((fn, ctype, ptr))
            return None
        return obj

    def is_valid(self, ptr, ctype):
        obj = self.objects.get(ptr)
        return obj is not None and (ctype == "void*" or obj.ctype == ctype)

    # ------------------------------------------------------------------ projects
    @property
    def project(self):
        return self.projects[self.active]

    def new_project(self, name=""):
        p = Project(self, self.alloc(), name=name)
        self.register(p)
        p.master = self.register(Track(self.alloc(), p, "MASTER", is_master=True))
        self.projects.append(p)
        p.reset_undo()
        return p

    def project_for(self, ptr, fn="?"):
        if not ptr:
            return self.project
        return self.resolve(ptr, "ReaProject*", fn)

    def create_track(self, project, index=None, name=""):
        tr = self.register(Track(self.alloc(), project, name))
        tr.guid = self.make_guid()
        if index is None or index < 0 or index > len(project.tracks):
            index = len(project.tracks)
        project.tracks.insert(index, tr)
        project.changed()
        return tr

    def delete_track(self, tr):
        project = tr.project
        if tr in project.tracks:
            project.tracks.remove(tr)
            for other in project.tracks:  # REAPER removes the sends to a deleted track
                keep_sends(other, lambda d: d != tr.ptr)
            self.unregister_tree(tr)
            project.changed()

    def create_item(self, track):
        it = self.register(Item(self.alloc(), track))
        it.guid = self.make_guid()
        track.items.append(it)
        track.project.changed()
        return it

    def create_take(self, item, midi=True, name="", length_qn=0.0):
        tk = self.register(Take(self.alloc(), item, name=name, is_midi=midi, length_qn=length_qn))
        tk.guid = self.make_guid()
        if midi:
            tk.source = self.register(Source(self.alloc(), tk, "MIDI"))
        item.takes.append(tk)
        item.track.project.changed()
        return tk

    def add_midi_take(self, item, notes=(), name="", active=False):
        """A MIDI take added to ``item`` (an Item or its pointer), as recording again over an item or REAPER's
        "Take > Implode items across tracks into takes" makes one: ``notes`` (start_qn, length_qn, pitch,
        vel[, chan]) from the item's start, the source as long as the item. ``active``: it becomes the
        active take. Returns the take."""
        it = item if isinstance(item, Item) else self.resolve(item, "MediaItem*")
        project = it.track.project
        length_qn = project.time_to_qn(it.position + it.length) - project.time_to_qn(it.position)
        tk = self.create_take(it, midi=True, name=name, length_qn=length_qn)
        for n in notes:
            start, ln, pitch, vel = n[:4]
            tk.notes.append(Note(start * PPQ, (start + ln) * PPQ, n[4] if len(n) > 4 else 0, pitch, vel))
        tk.sort()
        if active:
            it.active = len(it.takes) - 1
        return tk

    def create_midi_item(self, track, start, end):
        project = track.project
        it = self.create_item(track)
        it.values["D_POSITION"] = float(start)
        it.values["D_LENGTH"] = max(0.0, float(end) - float(start))
        qn0, qn1 = project.time_to_qn(start), project.time_to_qn(end)
        self.create_take(it, midi=True, length_qn=max(0.0, qn1 - qn0))
        return it

    def duplicate_item(self, it, start):
        """A copy of MIDI item ``it`` at ``start`` (seconds) on its track, as REAPER's copy and paste (or
        Ctrl+drag) makes one: the same values, notes and ext data (P_EXT), its own GUID."""
        new = self.create_item(it.track)
        new.values = dict(it.values)
        new.values["D_POSITION"] = float(start)
        new.notes_text, new.ext = it.notes_text, dict(it.ext)
        for tk in it.takes:
            ntk = self.create_take(new, midi=tk.is_midi, name=tk.name, length_qn=tk.length_qn)
            ntk.notes = [n.copy() for n in tk.notes]
            ntk.ccs = [c.copy() for c in tk.ccs]
            ntk.texts = [t.copy() for t in tk.texts]
            ntk.values, ntk.ext = dict(tk.values), dict(tk.ext)
        new.active = it.active
        it.track.project.changed()
        return new

    def create_audio_item(self, track, path, start, length, startoffs=0.0, playrate=1.0, name="",
                          section=None, loop=False):
        """An item playing an audio file: its take's source names ``path`` (not read here).

        ``section``: (offset, length, reversed) makes the take's source a
        SECTION of the file's source, as REAPER does for reversed items.
        """
        it = self.create_item(track)
        it.values["D_POSITION"] = float(start)
        it.values["D_LENGTH"] = max(0.0, float(length))
        it.values["B_LOOPSRC"] = 1.0 if loop else 0.0
        tk = self.create_take(it, midi=False, name=name or os.path.basename(str(path)))
        tk.values["D_STARTOFFS"] = float(startoffs)
        tk.values["D_PLAYRATE"] = float(playrate)
        src = Source(self.alloc(), tk, audio_source_type(path), os.fspath(path))
        if section is not None:
            offset, sec_len, rev = section
            src = Source(self.alloc(), tk, "SECTION", "", src, offset, sec_len, rev)
        tk.source = src
        for s in src.chain():
            self.register(s)
        return it

    def delete_item(self, item):
        track = item.track
        if item in track.items:
            track.items.remove(item)
            self.unregister_tree(item)
            track.project.changed()
            return True
        return False

    def make_guid(self):
        h = hashlib.md5(str(self._next_ptr + len(self.objects)).encode() + os.urandom(4)).hexdigest().upper()
        return "{%s-%s-%s-%s-%s}" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])

    # ------------------------------------------------------------------ actions / scripts
    def load_kb_ini(self):
        path = os.path.join(self.resource_path, "reaper-kb.ini")
        if not os.path.exists(path):
            return
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.strip().split(" ", 4)
                if len(parts) >= 5 and parts[0] == "SCR":
                    flags = int(parts[1]) if parts[1].isdigit() else 4
                    section = int(parts[2]) if parts[2].lstrip("-").isdigit() else 0
                    named = parts[3].lstrip("_")
                    rest = parts[4]
                    # rest: "Custom: name.py" /path/to/script.py
                    if rest.startswith('"'):
                        close = rest.find('"', 1)
                        path_part = rest[close + 1:].strip()
                    else:
                        path_part = rest.split(" ", 1)[-1]
                    path_part = path_part.strip('"')
                    if not os.path.isabs(path_part):  # relative to Scripts/, as REAPER writes it
                        path_part = os.path.join(self.resource_path, "Scripts", path_part)
                    self.register_script(path_part, section, named, flags)

    def register_script(self, path, section=0, named=None, flags=4):
        self.runtime.flags[path] = flags
        for cmd, (sec, p, nm) in self.scripts.items():
            if p == path and sec == section:
                return cmd
        if named is None:
            named = "RS" + hashlib.sha1(("%d:%s" % (section, path)).encode()).hexdigest()
        cmd = self._next_script_cmd
        self._next_script_cmd += 1
        self.scripts[cmd] = (section, path, named)
        self.named_commands["_" + named] = cmd
        return cmd

    def unregister_script(self, path, section=0):
        for cmd, (sec, p, nm) in list(self.scripts.items()):
            if p == path and sec == section:
                del self.scripts[cmd]
                self.named_commands.pop("_" + nm, None)
                return True
        return False

    def write_kb_ini(self):
        path = os.path.join(self.resource_path, "reaper-kb.ini")
        lines = []
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = [ln.rstrip("\n") for ln in f if not ln.startswith("SCR ")]
        for cmd, (sec, p, nm) in sorted(self.scripts.items()):
            lines.append('SCR %d %d %s "Custom: %s" %s' % (self.runtime.flags.get(p, 4), sec, nm, os.path.basename(p), p))
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + ("\n" if lines else ""))

    def run_script(self, path):
        """Run a Python ReaScript like REAPER does (see scripts.py): as ``__main__`` in the script namespace."""
        self.runtime.run_script(path, self.script_globals if self.script_globals is not None else {})

    def run_command(self, command, flag=0, proj=0):
        """Main_OnCommand for a registered script (REAPER's own actions: reaper_python._ACTIONS)."""
        self.commands.append((command, flag, proj))
        if command in self.scripts:
            self.run_script(self.scripts[command][1])

    def run_startup(self):
        """REAPER starts: Scripts/__startup.lua runs (see scripts.py)."""
        with self.lock:
            return self.runtime.run_startup()

    @property
    def deferred(self):
        """Code queued by RPR_defer, every script's."""
        return self.runtime.pending()

    # ------------------------------------------------------------------ defer loop
    def run_deferred(self, ticks=1):
        """Play ``ticks`` rounds of REAPER's defer loop (one round = calls queued before it)."""
        for _ in range(ticks):
            with self.lock:
                self.input.release_due()
                self.runtime.tick()
                self.ticks += 1

    def run_atexit(self):
        with self.lock:
            self.runtime.run_all_exits()

    def start_defer_thread(self, interval=None):
        """Run the defer loop in a background thread every ``interval`` seconds (REAPER: ~30 ms)."""
        if self._defer_thread is not None:
            return
        if interval is not None:
            self.tick_interval = interval
        stop = threading.Event()

        def loop():
            while not stop.is_set():
                t0 = time.monotonic()
                self.run_deferred()
                stop.wait(max(0.0, self.tick_interval - (time.monotonic() - t0)))

        th = threading.Thread(target=loop, name="fake-reaper-defer", daemon=True)
        self._defer_stop = stop
        self._defer_thread = th
        th.start()

    def stop_defer_thread(self, timeout=5.0):
        th, stop = self._defer_thread, self._defer_stop
        if th is None:
            return
        stop.set()
        th.join(timeout)
        self._defer_thread = None
        self._defer_stop = None
        if th.is_alive():
            raise RuntimeError("fake REAPER defer thread did not stop within %.1f s" % timeout)

    def close(self):
        self.stop_defer_thread()
        if self._own_resource:
            shutil.rmtree(self.resource_path, ignore_errors=True)

    # ------------------------------------------------------------------ inspection
    def console_text(self):
        return "".join(self.console)

    @property
    def undo_names(self):
        return list(self.project.undo_names)

    def to_dict(self):
        return {"project": self.project.to_dict(), "console": self.console_text(),
                "commands": list(self.commands), "play_state": self.transport.state,
                "ext_state": {"%s/%s" % k: v for k, v in self.ext.values.items()},
                "errors": list(self.errors), "pointer_errors": list(self.pointer_errors),
                "script_errors": list(self.script_errors), "ui_refresh_depth": self.ui_refresh_depth,
                "api_calls": dict(self.api_calls)}

    @classmethod
    def from_spec(cls, spec, resource_path=None, realtime=False):
        return build(spec, resource_path=resource_path, realtime=realtime)


# --------------------------------------------------------------------------
# Building projects from Python
# --------------------------------------------------------------------------


class ProjectSpec:
    """A JSON-serialisable description of a project to simulate.

    >>> spec = ProjectSpec(bpm=120, timesig=(4, 4))
    >>> bass = spec.add_track("Bass", armed=True)
    >>> spec.add_midi_item(bass, start_qn=0, length_qn=8,
    ...                    notes=[(0, 0.5, 36, 100), (1.5, 0.5, 36, 90)], selected=True)
    >>> reaper = spec.build()

    Notes are ``(start_qn, length_qn, pitch, velocity[, channel])`` in quarter
    notes from the item start (``unit="qn"``) or MIDI ticks from the take start
    (``unit="ppq"``); dicts with those keys work too.
    """

    def __init__(self, bpm=120.0, timesig=(4, 4), name="", realtime=False):
        self.data = {"bpm": float(bpm), "num": int(timesig[0]), "den": int(timesig[1]), "name": name,
                     "markers": [], "tracks": [], "ext_state": [], "proj_ext": [], "cursor": 0.0,
                     "realtime": bool(realtime)}

    def tempo_marker(self, bpm, time=None, qn=None, measure=None, timesig=None, linear=False):
        """Tempo / time signature marker at ``time`` seconds (or QN, or measure index)."""
        num, den = timesig if timesig else (0, 0)
        self.data["markers"].append({"time": time, "qn": qn, "measure": measure, "bpm": float(bpm),
                                     "num": int(num), "den": int(den), "linear": bool(linear)})
        return self

    def add_marker(self, qn, name="", region_end_qn=None):
        """A project marker at ``qn`` (a region up to ``region_end_qn`` when given)."""
        self.data.setdefault("sections", []).append({"qn": float(qn), "end_qn": region_end_qn, "name": name})
        return self

    def add_track(self, name="", armed=False, selected=False, muted=False, rec_input=None, fx=(), main_send=True,
                  lanes=None):
        """A track; `main_send` False: its master/parent send is off (B_MAINSEND), so without a send
        (add_send) nothing of it is heard. `lanes`: fixed item lane mode (REAPER 7), each lane's C_LANEPLAYS
        (0 silent, 1 plays exclusively, 2 plays with others); items choose theirs with `lane`."""
        if rec_input is None:
            rec_input = 4096 | (63 << 5) if armed else 0  # MIDI: all devices, all channels
        self.data["tracks"].append({"name": name, "armed": bool(armed), "selected": bool(selected),
                                    "muted": bool(muted), "rec_input": int(rec_input), "fx": list(fx),
                                    "items": [], "main_send": bool(main_send), "sends": [],
                                    "lanes": None if lanes is None else list(lanes)})
        return len(self.data["tracks"]) - 1

    def add_send(self, track, dest=None, mode=0):
        """A send from track index `track` to track index `dest`, or to a hardware output (dest None);
        `mode` its I_SENDMODE (0 post-fader, 1 pre-FX, 3 post-FX: pre-fader)."""
        self.data["tracks"][track].setdefault("sends", []).append(dest)
        self.data["tracks"][track].setdefault("send_modes", []).append(mode)
        return self

    def add_midi_item(self, track, notes=(), start=None, end=None, start_qn=None, length_qn=None,
                      end_qn=None, selected=False, muted=False, name="", unit="qn", ccs=(), ext=None, lane=0):
        if start is None and start_qn is None:
            start_qn = 0.0
        if length_qn is not None and end_qn is None and end is None:
            end_qn = (start_qn or 0.0) + length_qn
        norm = []
        for n in notes:
            if isinstance(n, dict):
                norm.append([n["start"], n["length"], n["pitch"], n.get("vel", 100), n.get("chan", 0),
                             n.get("sel", False), n.get("mute", False)])
            else:
                n = list(n) + [0, False, False][len(n) - 4:] if len(n) < 7 else list(n)
                norm.append([float(n[0]), float(n[1]), int(n[2]), int(n[3]), int(n[4]), bool(n[5]), bool(n[6])])
        self.data["tracks"][track]["items"].append({
            "start": start, "end": end, "start_qn": start_qn, "end_qn": end_qn, "notes": norm,
            "unit": unit, "selected": bool(selected), "muted": bool(muted), "name": name,
            "ccs": [list(c) for c in ccs], "ext": dict(ext or {}), "lane": int(lane)})
        return len(self.data["tracks"][track]["items"]) - 1

    def add_audio_item(self, track, path, start=None, length=None, start_qn=None, length_qn=None,
                       end_qn=None, startoffs=0.0, playrate=1.0, selected=False, muted=False, name="",
                       section=None, loop=False):
        """An audio item playing ``path`` (the file is not read: REAPER reads it when it plays).

        Position in seconds (``start``) or QN (``start_qn``); length in seconds
        (``length``) or QN (``length_qn`` / ``end_qn``). ``startoffs``: the
        take's D_STARTOFFS (source seconds skipped at the item start);
        ``playrate``: D_PLAYRATE; ``section``: (offset, length, reversed) of
        the file the take plays, as REAPER makes for reversed items; ``loop``:
        B_LOOPSRC.
        """
        if start is None and start_qn is None:
            start_qn = 0.0
        if length_qn is not None and end_qn is None:
            end_qn = (start_qn or 0.0) + length_qn
        if length is None and end_qn is None:
            raise ValueError("an audio item needs length (seconds), length_qn or end_qn")
        self.data["tracks"][track]["items"].append({
            "audio": os.fspath(path), "start": start, "length": length, "start_qn": start_qn, "end_qn": end_qn,
            "startoffs": float(startoffs), "playrate": float(playrate), "selected": bool(selected),
            "muted": bool(muted), "name": name, "section": list(section) if section else None, "loop": bool(loop)})
        return len(self.data["tracks"][track]["items"]) - 1

    def ext_state(self, section, key, value):
        self.data["ext_state"].append([section, key, value])
        return self

    def proj_ext_state(self, section, key, value):
        self.data["proj_ext"].append([section, key, value])
        return self

    def cursor(self, seconds):
        self.data["cursor"] = float(seconds)
        return self

    def to_dict(self):
        import copy
        return copy.deepcopy(self.data)

    def build(self, resource_path=None, realtime=None):
        return build(self.data, resource_path=resource_path,
                     realtime=self.data["realtime"] if realtime is None else realtime)


def build(spec, resource_path=None, realtime=False):
    """Make a :class:`Reaper` from a ``ProjectSpec.to_dict()`` dict."""
    if isinstance(spec, ProjectSpec):
        spec = spec.data
    r = Reaper(resource_path=resource_path, realtime=realtime)
    p = r.project
    p.name = spec.get("name", "")
    p.base_bpm, p.base_num, p.base_den = spec.get("bpm", 120.0), spec.get("num", 4), spec.get("den", 4)
    for m in spec.get("markers", []):
        if m.get("time") is not None:
            t = m["time"]
        elif m.get("qn") is not None:
            t = p.qn_to_time(m["qn"])
        else:
            start_qn, _seg = p.measure_start_qn(int(m["measure"]))
            t = p.qn_to_time(start_qn)
        p.markers.append(TempoMarker(t, m["bpm"], m.get("num", 0), m.get("den", 0), m.get("linear", False)))
        p.invalidate_tempo()
    for m in spec.get("sections", []):
        p.sections.append({"pos": p.qn_to_time(m["qn"]), "isrgn": m["end_qn"] is not None, "name": m["name"],
                           "end": p.qn_to_time(m["end_qn"]) if m["end_qn"] is not None else 0.0})
    for section, key, value in spec.get("ext_state", []):
        r.ext.set(section, key, value, False)
    for section, key, value in spec.get("proj_ext", []):
        p.proj_ext.setdefault(section, {})[key] = value
    for tdesc in spec.get("tracks", []):
        tr = r.create_track(p, name=tdesc.get("name", ""))
        tr.values["I_RECARM"] = 1.0 if tdesc.get("armed") else 0.0
        tr.values["I_SELECTED"] = 1.0 if tdesc.get("selected") else 0.0
        tr.values["B_MUTE"] = 1.0 if tdesc.get("muted") else 0.0
        tr.values["I_RECINPUT"] = float(tdesc.get("rec_input", 0))
        tr.values["B_MAINSEND"] = 1.0 if tdesc.get("main_send", True) else 0.0
        tr.fx = list(tdesc.get("fx", []))
        if tdesc.get("lanes") is not None:
            # fixed item lanes (REAPER 7): each lane's C_LANEPLAYS (0 silent, 1 plays exclusively, 2 plays with others)
            tr.values["I_FREEMODE"] = 2.0
            tr.values["I_NUMFIXEDLANES"] = float(len(tdesc["lanes"]))
            for k, plays in enumerate(tdesc["lanes"]):
                tr.values[f"C_LANEPLAYS:{k}"] = float(plays)
        for idesc in tdesc.get("items", []):
            if idesc.get("audio") is not None:
                start = idesc["start"] if idesc.get("start") is not None else p.qn_to_time(idesc.get("start_qn") or 0.0)
                length = idesc["length"] if idesc.get("length") is not None else p.qn_to_time(idesc["end_qn"]) - start
                it = r.create_audio_item(tr, idesc["audio"], start, length, idesc.get("startoffs", 0.0),
                                         idesc.get("playrate", 1.0), idesc.get("name", ""),
                                         tuple(idesc["section"]) if idesc.get("section") else None,
                                         idesc.get("loop", False))
                it.values["B_UISEL"] = 1.0 if idesc.get("selected") else 0.0
                it.values["B_MUTE"] = 1.0 if idesc.get("muted") else 0.0
                it.values["I_FIXEDLANE"] = float(idesc.get("lane", 0))
                continue
            start = idesc["start"] if idesc.get("start") is not None else p.qn_to_time(idesc.get("start_qn") or 0.0)
            if idesc.get("end") is not None:
                end = idesc["end"]
            elif idesc.get("end_qn") is not None:
                end = p.qn_to_time(idesc["end_qn"])
            else:
                end = start
            if end <= start:  # default length: up to the last note end, at least one measure
                start_q = p.time_to_qn(start)
                last = max([n[0] + n[1] for n in idesc["notes"]] or [0.0])
                if idesc.get("unit") == "ppq":
                    last /= PPQ
                _m, _s, m_end, _n, _d = p.measure_of_qn(start_q + max(last, 1e-6) - 1e-6)
                end = p.qn_to_time(max(m_end, start_q + last))
            it = r.create_midi_item(tr, start, end)
            it.values["B_UISEL"] = 1.0 if idesc.get("selected") else 0.0
            it.values["B_MUTE"] = 1.0 if idesc.get("muted") else 0.0
            it.values["I_FIXEDLANE"] = float(idesc.get("lane", 0))
            it.ext.update(idesc.get("ext", {}))
            tk = it.takes[0]
            tk.name = idesc.get("name", "")
            scale = 1.0 if idesc.get("unit") == "ppq" else PPQ
            for s, ln, pitch, vel, chan, sel, mute in idesc["notes"]:
                tk.notes.append(Note(s * scale, (s + ln) * scale, chan, pitch, vel, sel, mute))
            for c in idesc.get("ccs", []):
                # (pos, cc number, value[, channel]) in the item's unit
                pos, num, val = c[0], c[1], c[2]
                chan = c[3] if len(c) > 3 else 0
                tk.ccs.append(CC(pos * scale, 0xB0, chan, num, val))
            tk.sort()
    for tr, tdesc in zip(p.tracks, spec.get("tracks", [])):
        tr.sends = [None if d is None else p.tracks[int(d)].ptr for d in tdesc.get("sends", [])]
        for k, mode in enumerate(tdesc.get("send_modes", [])):
            send_info(tr, k)["I_SENDMODE"] = float(mode)
    p.cursor = float(spec.get("cursor", 0.0))
    p.dirty = 0
    p.reset_undo()
    return r


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
