"""The simulated REAPER's objects behind pointers (sources, takes, items, tracks, tempo
markers) and their MIDI content (notes, CCs, text/sysex events); units and pointer values."""

from __future__ import annotations

import hashlib
import math
import os


PPQ = 960
SAMPLE_RATE = 48000
APP_VERSION = "7.27/linux-x86_64"

# Pointer values look like 64-bit heap addresses: rpr_unpackp prints
# '(MediaItem*)0x00007F3A00001230', and the high 32 bits are not zero so that
# code splitting the hex string in two halves (as REAPER's and reapy's
# rpr_packp do) is exercised.
_POINTER_BASE = 0x00007F3A00001000
_POINTER_STEP = 0x230
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
