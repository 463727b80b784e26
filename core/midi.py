"""Standard MIDI Files in and out.

Reading: all tracks and channels of a type 0 or 1 file become one table of
notes with positions in beats (quarter notes), plus the tempo and time
signature maps. Positions in beats make the 16th-note grid independent of
tempo. The track scanner below reads only what ReaGroove uses (notes, tempo,
meter, markers, and what makes a channel a drum part: bank selects, GS/XG/GM
set-up messages) and skips everything else without building message objects; that is
about ten times faster than `mido.MidiFile` on large files and is checked
against mido in the tests.

Writing drum files is midi_write.py.
"""

from __future__ import annotations

import os
import struct
from array import array
from dataclasses import dataclass, field

import numpy as np

from .constants import DRUM_CHANNEL  # MIDI channel 10, counted from 0
from .drum_kits import MAX_SETUP_SYSEX, SETUP_SYSEX_MAKERS, move_drum_kits
from .errors import MidiFileError, os_problem
from .file_kinds import MIDI_HEAD_BYTES, audio_format_of_header, is_midi_header
from .midi_cut import cut_between_tracks_words, cut_short_words, last_tick_read, no_notes_before_the_cut, no_tracks_words
from .named_sections import named_markers  # (marker_names)
from .wording import counted

# Bigger files are not performances (a 2-hour dense piano part is ~3 MB); this
# bound keeps memory predictable.
MAX_MIDI_BYTES = 64 * 1024 * 1024
DEFAULT_BPM = 120.0
MIN_FILE_BPM, MAX_FILE_BPM = 1.0, 960.0  # the tempos ReaGroove reads and writes (beyond them, a damaged file)
# How far after its last note a file is read (10,000 bars of 4/4): events beyond are a damaged file's.
MAX_TAIL_BEATS = 40_000
# Notes further on are a damaged file's (a million beats: 17 hours at 960 BPM); their bars alone would take GBs.
MAX_NOTE_BEAT = 1_000_000


@dataclass
class Notes:
    """Notes as parallel arrays (one row per note), positions in beats."""

    start: np.ndarray  # float64 beats
    end: np.ndarray  # float64 beats
    pitch: np.ndarray  # int16
    velocity: np.ndarray  # int16, 1..127
    channel: np.ndarray  # int16, 0..15
    track: np.ndarray  # int32: a file may hold more tracks than int16 counts (a damaged header's 33,000)

    @classmethod
    def empty(cls) -> "Notes":
        f, i = np.zeros(0, np.float64), np.zeros(0, np.int16)
        return cls(f, f.copy(), i, i.copy(), i.copy(), np.zeros(0, np.int32))

    @classmethod
    def from_lists(cls, start, pitch, velocity, end=None, channel=0, track=0) -> "Notes":
        start = np.asarray(start, np.float64)
        n = len(start)
        end = start + 0.25 if end is None else np.asarray(end, np.float64)
        return cls(
            start,
            end,
            np.asarray(pitch, np.int16).reshape(n),
            np.asarray(velocity, np.int16).reshape(n),
            np.broadcast_to(np.asarray(channel, np.int16), (n,)).copy(),
            np.broadcast_to(np.asarray(track, np.int32), (n,)).copy(),
        )

    def __len__(self) -> int:
        return len(self.start)

    def select(self, mask: np.ndarray) -> "Notes":
        return Notes(*(a[mask] for a in (self.start, self.end, self.pitch, self.velocity, self.channel, self.track)))

    def parts(self) -> np.ndarray:
        """(n,) int64: each note's part, its track and channel as one number (a bass on its own channel or track)."""
        return self.track.astype(np.int64) * 16 + self.channel

    def concat(self, other: "Notes") -> "Notes":
        """These notes and `other`'s, in one table (this one's rows first)."""
        return Notes(*(np.concatenate([getattr(self, f), getattr(other, f)])
                       for f in ("start", "end", "pitch", "velocity", "channel", "track")))


@dataclass
class MidiContent:
    """What ReaGroove reads from a MIDI file."""

    path: str
    notes: Notes
    ticks_per_beat: int
    tempos: list[tuple[float, float]]  # (beat, bpm), sorted, first at beat 0
    time_signatures: list[tuple[float, int, int]]  # (beat, numerator, denominator)
    end_beat: float  # end of the last track (end-of-track event or last note off)
    warnings: list[str] = field(default_factory=list)
    # The low-register part when it is known apart from `notes` (audio: the low bands' onsets,
    # core/audio.py); None = found among the notes by register (low_register.bass_notes).
    bass_part: Notes | None = None
    # beats of the file's markers and cue points (a DAW's section markers: verse, chorus...), sorted
    markers: list[float] = field(default_factory=list)
    # (beat, name) of each marker and cue point, sorted: a named chorus's lift (named_sections.py)
    marker_names: list[tuple[float, str]] = field(default_factory=list)

    @property
    def bpm(self) -> float:
        """The tempo at the start of the file."""
        return self.tempos[0][1]


def _varlen(data: bytes, i: int) -> tuple[int, int]:
    b = data[i]
    i += 1
    value = b & 0x7F
    while b & 0x80:
        b = data[i]
        i += 1
        value = (value << 7) | (b & 0x7F)
    return value, i


def _scan_track(data: bytes, i: int, end: int, track: int, out: array, metas: list) -> tuple[int, int, str | None, int]:
    """Scan one MTrk chunk body; append (tick, channel, pitch, velocity, track) note events.

    `out` is a flat array of int64, 5 values per event: numpy reads it without a copy per event.

    Velocity 0 marks a note-off. Returns (last tick, number of clipped data bytes,
    None or the kind of a meta/sysex event whose length runs past the chunk: the
    track is read up to it, as a damaged trailing text event must not cost the song;
    "end" where the track's end-of-track event was read, and the offset where the scan stopped).
    Raises IndexError on a truncated track.
    """
    tick = 0
    status = 0
    clipped = 0
    extend = out.extend
    note = False  # the running status is a note-on/off: the hot path below
    chan = 0
    while i < end:
        b = data[i]
        i += 1
        if b & 0x80:  # variable-length delta time, inlined: this loop is the hot path
            delta = b & 0x7F
            while b & 0x80:
                b = data[i]
                i += 1
                delta = (delta << 7) | (b & 0x7F)
            tick += delta
        else:
            tick += b
        b = data[i]
        if b & 0x80:
            i += 1
            if b >= 0xF0:
                if b == 0xFF:  # meta event
                    mtype = data[i]
                    length, i = _varlen(data, i + 1)
                    if i + length > end:
                        return tick, clipped, "meta", i
                    if mtype == 0x51 or mtype == 0x58 or mtype == 0x06 or mtype == 0x07:  # tempo, meter, marker, cue
                        metas.append((tick, mtype, data[i : i + length]))
                    elif mtype == 0x2F:
                        return tick, clipped, "end", i + length
                    i += length
                elif b == 0xF0 or b == 0xF7:  # sysex
                    length, i = _varlen(data, i)
                    if i + length > end:
                        return tick, clipped, "sysex", i
                    # Roland GS, Yamaha XG and universal messages (resets, a part made a drum part): kept for
                    # drum_kits.move_drum_kits; a long one is a sound dump, not a part's set-up
                    if b == 0xF0 and 4 <= length <= MAX_SETUP_SYSEX and data[i] in SETUP_SYSEX_MAKERS:
                        metas.append((tick, 0xF0, data[i : i + length]))
                    i += length
                # Other system messages carry no data in files.
                continue
            status = b
            note = 0x80 <= b < 0xA0
            chan = b & 0x0F
        elif not status:
            raise ValueError(f"track {track}: data byte without a status byte at offset {i}")
        if note:
            pitch = data[i]
            vel = data[i + 1]
            i += 2
            if (pitch | vel) & 0x80:  # out-of-range data bytes: clip, as mido's clip=True does
                clipped += 1
                pitch, vel = min(pitch, 127), min(vel, 127)
            extend((tick, chan, pitch, vel if status >= 0x90 else 0, track))
        elif 0xC0 <= status < 0xE0:
            i += 1
        else:
            if status & 0xF0 == 0xB0 and data[i] == 0:  # bank select: a GM2/XG drum kit on any channel
                metas.append((tick, 0xB0, bytes((chan, data[i + 1] & 0x7F))))
            i += 2
    if i > end:
        raise IndexError
    return tick, clipped, None, i


def _scan_chunk(data: bytes, body: int, clen: int, track: int, events: array, metas: list,
                warnings: list) -> tuple[int, int, str | None, int, int]:
    """_scan_track over one MTrk chunk, and its length (clen) as the events have it: where the length field
    stops short, mid-track (a damaged header), the track is read on to its end-of-track, up to the next
    track, else the rest of it was read as chunks ("the file holds 1 track"). Raises IndexError where the
    track is cut short."""
    end = body + clen
    n_events, n_metas = len(events), len(metas)
    try:
        scanned = _scan_track(data, body, min(end, len(data)), track, events, metas)
    except IndexError:  # cut mid-event: a file cut short, or a length field too short
        scanned = None
    if (scanned is None or scanned[2] != "end") and end < len(data) and not _chunk_at(data, end):
        nxt = data.find(b"MTrk", end)
        limit = nxt if nxt >= 0 else len(data)
        kept = events[n_events:], metas[n_metas:]
        del events[n_events:], metas[n_metas:]
        try:
            again = _scan_track(data, body, limit, track, events, metas)
        except (IndexError, ValueError):
            again = None
        if again is not None and again[2] == "end":
            warnings.append(f"track {track + 1}: its length stops short of its end-of-track (a damaged "
                            "header); read up to its end-of-track event")
            return (*again, limit - body)
        # no end-of-track there either (a track without one, padding after it): as first read
        del events[n_events:], metas[n_metas:]
        events.extend(kept[0])
        metas.extend(kept[1])
    if scanned is None:
        raise IndexError
    return (*scanned, clen)


def _chunk_at(data: bytes, pos: int) -> bool:
    """Whether a chunk (4 ASCII letters and a length: MTrk, or a tool's own such as XFKM) or the file's end
    is at `pos`: where a track's length field leads, if it is right."""
    return pos == len(data) or (pos + 8 <= len(data) and data[pos : pos + 4].isalpha())


def _next_track_after(data: bytes, stop: int, end: int) -> int | None:
    """Where the next track chunk begins when a track's length field is too long: its end-of-track event
    ended at `stop`, an "MTrk" header follows there, and the length's `end` lands on no chunk (mid-track,
    or past the file). None where the length is as written (padding after an end-of-track is allowed)."""
    if stop >= end or data[stop : stop + 4] != b"MTrk":
        return None
    if end == len(data) or (end + 8 <= len(data) and data[end : end + 4] == b"MTrk"):
        return None
    return stop


def _cut_short(track: int, length: int, past_end: int, long_length: tuple[int, int] | None) -> str:
    """Why a file ends inside `track` (0-based) whose length field gives `length` bytes, `past_end` of them past
    the file's end, with an earlier track's too-long length field (`long_length`, read past at its end-of-track):
    "file is truncated in track 2" named neither, where track 1's length was the 0xFFFFFFFF a tool wrote."""
    said = f"file is truncated in track {track + 1}"
    if past_end > 0:
        said += f": its length ({counted(length, 'byte')}) runs {counted(past_end, 'byte')} past the end of the file"
    if long_length is not None:
        said += f"; track {long_length[0] + 1}'s length ({counted(long_length[1], 'byte')}) is damaged too"
    return said


def _pair_notes(events, last_tick_of_track: dict[int, int]) -> tuple[np.ndarray, int, int]:
    """Pair note-ons with note-offs, first on first off per (track, channel, pitch).

    Returns rows (start_tick, end_tick, pitch, velocity, channel, track),
    sorted by time, the number of notes never switched off (they end at their
    track's end) and of stray note-offs (ignored). Vectorized: the open-note
    count per key is a running sum clamped at zero; the k-th valid off of a
    key closes its k-th on.
    """
    ev = np.frombuffer(events, dtype=np.int64).reshape(-1, 5) if isinstance(events, array) else np.array(events, np.int64).reshape(-1, 5)
    if len(ev) == 0:
        return np.zeros((0, 6), np.int64), 0, 0
    key = (ev[:, 4] << 11) | (ev[:, 1] << 7) | ev[:, 2]
    # A stable sort by key keeps each key's events in time order (tracks are scanned in order);
    # keys of up to 31 tracks fit 16 bits, which numpy sorts by radix.
    order = np.argsort(key.astype(np.uint16) if key.max() < 1 << 16 else key, kind="stable")
    key, tick, vel = key[order], ev[:, 0][order], ev[:, 3][order]
    is_on = vel > 0
    d = np.where(is_on, 1, -1)
    first = np.ones(len(ev), bool)
    first[1:] = key[1:] != key[:-1]
    group = np.cumsum(first) - 1
    start_idx = np.flatnonzero(first)
    s = np.cumsum(d)
    s_rel = s - (s[start_idx] - d[start_idx])[group]  # running sum within each key
    # Running minimum within each key: later groups are shifted far below earlier ones.
    big = len(ev) + 1
    run_min = np.minimum.accumulate(s_rel - group * big) + group * big
    open_after = s_rel - np.minimum(run_min, 0)
    open_before = np.empty_like(open_after)
    open_before[0] = 0
    open_before[1:] = open_after[:-1]
    open_before[first] = 0
    valid_off = ~is_on & (open_before > 0)
    stray = int((~is_on).sum() - valid_off.sum())

    def rank(mask):
        c = np.cumsum(mask)
        return c - (c[start_idx] - mask[start_idx])[group] - 1

    on_key = (group * big + rank(is_on))[is_on]
    off_key = (group * big + rank(valid_off))[valid_off]
    off_tick = tick[valid_off]
    pos = np.searchsorted(off_key, on_key)
    pos_c = np.minimum(pos, max(len(off_key) - 1, 0))
    matched = (pos < len(off_key)) & (off_key[pos_c] == on_key) if len(off_key) else np.zeros(len(on_key), bool)
    if not is_on.any():
        return np.zeros((0, 6), np.int64), 0, stray
    on_tick, on_key, on_vel = tick[is_on], key[is_on], vel[is_on]
    on_track, on_chan, on_pitch = on_key >> 11, (on_key >> 7) & 0x0F, on_key & 0x7F
    track_end = np.zeros(int(on_track.max()) + 1, np.int64)
    for t, last in last_tick_of_track.items():
        if t < len(track_end):
            track_end[t] = last
    end = np.where(matched, off_tick[pos_c] if len(off_key) else 0, np.maximum(track_end[on_track], on_tick))
    by_time = np.lexsort((on_pitch, on_tick))
    out = np.stack([on_tick, end, on_pitch, on_vel, on_chan, on_track], axis=1)[by_time]
    return out, int((~matched).sum()), stray


def read_midi(path: str | os.PathLike) -> MidiContent:
    """Read a Standard MIDI File (type 0 or 1, any resolution) into notes in beats.

    Raises MidiFileError with a one-line reason for anything unreadable.
    """
    path = os.fspath(path)
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise MidiFileError(path, "no such file or folder") from None  # in the words every command uses
    except OSError as exc:  # in the words the audio reader uses (strerror was 'File name too long', capitalised)
        from .files import path_problem  # a folder on the way that cannot be opened is named

        raise MidiFileError(path, path_problem(exc)) from None
    if size > MAX_MIDI_BYTES:
        raise MidiFileError(path, f"file is {size / 2**20:.0f} MB; ReaGroove reads MIDI files up to {MAX_MIDI_BYTES // 2**20} MB")
    if os.path.isdir(path):  # `groove parts/`: not "Is a directory" (nor Windows' "Permission denied")
        raise MidiFileError(path, "is a folder, not a file: give a MIDI or audio file")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:  # chmod 0 said "Permission denied", where audio says this
        raise MidiFileError(path, "cannot be read: permission denied" if isinstance(exc, PermissionError) else os_problem(exc)) from None
    return parse_midi_bytes(data, path)


def parse_midi_bytes(data: bytes, path: str = "<bytes>") -> MidiContent:
    """Parse SMF bytes; `path` names the source in error messages."""
    if not data:
        raise MidiFileError(path, "file is empty")
    if data[:4] != b"MThd" and is_midi_header(data):  # RIFF-wrapped MIDI: take the data chunk
        pos = data.find(b"MThd")
        if pos < 0:
            raise MidiFileError(path, "RIFF MIDI file holds no MIDI data")
        data = data[pos:]
    if data[:4] != b"MThd":
        if kind := audio_format_of_header(data[:MIDI_HEAD_BYTES]):  # a bounce saved as .mid: say what it is
            raise MidiFileError(path, f"not a Standard MIDI File: it is {kind} audio (give it a .{kind.lower()} "
                                      "name to read it as audio)")
        raise MidiFileError(path, "not a Standard MIDI File (no MThd header)")
    if len(data) < 14:
        raise MidiFileError(path, "file is truncated inside its header")
    hlen, fmt, ntracks, division = struct.unpack(">IHHh", data[4:14])
    if fmt not in (0, 1, 2):  # format 2 of one pattern is a type 0 file; of more, refused once they are counted
        raise MidiFileError(path, f"its header gives MIDI format {fmt}, which no MIDI file has (formats are 0-2): a damaged header")
    if division == 0:
        raise MidiFileError(path, "its header gives 0 ticks per beat (a damaged file)")
    if division < 0:
        raise MidiFileError(path, "SMPTE time division is not supported; export the file with ticks per beat")
    warnings: list[str] = []
    events = array("q")
    metas: list = []
    last_ticks: dict[int, int] = {}
    clipped = 0
    pos = 8 + hlen
    if hlen != 6 and not _chunk_at(data, pos) and data[14:18] == b"MTrk":
        # a damaged header length (2, 60000): read from the track right after the 6 bytes a header has,
        # or its tracks were skipped as header ("file has no tracks")
        warnings.append(f"its header gives a length of {counted(hlen, 'byte')}, not 6 (a damaged header); read from the "
                        "first track after it")
        pos = 14
    track = 0
    damage = ""  # the first event that cut a track short
    long_length = None  # (track, length) of the first length field past its end-of-track: said if a later track is cut
    cut_short = None  # (track, bytes missing, last tick read) of a file cut inside a track after whole ones
    while pos + 8 <= len(data):
        ctype = data[pos : pos + 4]
        (clen,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        body = pos + 8
        if ctype != b"MTrk" and sum(a != b for a, b in zip(ctype, b"MTrk")) == 1:
            # one damaged byte in a track's tag ("MTrl"): skipped as a tool's own chunk, the track was lost
            # and the file called truncated; another tool's chunk (XFIH, XFKM) differs in more
            warnings.append(f"track {track + 1}: its chunk is tagged {ctype.decode('latin-1')!r}, not 'MTrk' "
                            "(a damaged file); read as a track")
            ctype = b"MTrk"
        if ctype == b"MTrk":
            end = body + clen
            truncated = end > len(data)
            firsts = len(events), len(metas)  # a cut track's events start there; notes before: whole tracks' notes
            try:
                last, c, cut, stop, clen = _scan_chunk(data, body, clen, track, events, metas, warnings)
                clipped += c
            except IndexError:
                if not firsts[0] or long_length or end <= len(data):
                    raise MidiFileError(path, _cut_short(track, end - body, end - len(data), long_length)) from None
                cut_short = (track, end - len(data), last_tick_read(events, firsts[0], metas, firsts[1]))
                break
            except ValueError as exc:
                raise MidiFileError(path, f"corrupt data in {exc}") from None
            ended, cut = cut == "end", (None if cut == "end" else cut)
            following = _next_track_after(data, stop, end) if ended else None
            if following is not None:
                # its length field is too big (a damaged header) and the next track begins right after its
                # end-of-track: read on from there, or that track (and any after) was swallowed as this one's
                warnings.append(f"track {track + 1}: its length runs past its end-of-track into the next track (a "
                                "damaged header); read up to its end-of-track event")
                long_length = long_length or (track, end - body)
                truncated, clen = False, following - body
            if truncated and not ended:
                if not firsts[0] or long_length:
                    raise MidiFileError(path, _cut_short(track, end - body, end - len(data), long_length))
                cut_short = (track, end - len(data), last)
                break
            if truncated:  # every event is there, up to its end-of-track: only the chunk's length is wrong
                warnings.append(f"track {track + 1}: its length runs past the end of the file (a damaged header); "
                                "read up to its end-of-track event")
            if cut:
                damage = damage or f"track {track + 1} is damaged: a {cut} event at beat {last / division + 1:g} runs " \
                                   "past the end of its track"
                warnings.append(f"track {track + 1}: a {cut} event at beat {last / division + 1:g} runs past the "
                                "end of its track (a damaged file); the track is read up to it")
            last_ticks[track] = last
            track += 1
        pos = body + clen
    if cut_short:
        last_ticks[cut_short[0]] = cut_short[2]
        track = ntracks = max(ntracks, cut_short[0] + 1)  # the tracks after the cut are said lost with it
    if track == 0:
        raise MidiFileError(path, no_tracks_words(ntracks, len(data) < 22))  # 22: a header and one chunk's tag
    if fmt == 2 and max(track, ntracks) > 1:  # its tracks are patterns, each from time 0, played in turn: no one song
        raise MidiFileError(path, f"MIDI format 2 ({max(track, ntracks)} separate patterns) is not supported: export "
                                  "the song as a type 1 or type 0 MIDI file")
    if track < ntracks:  # the file ends on a whole track: its tracks are read, as a file cut inside one
        if not len(events):
            raise MidiFileError(path, no_notes_before_the_cut(ntracks, track))
        warnings.insert(0, cut_between_tracks_words(ntracks, track))
    if track > ntracks:
        warnings.append(f"header announces {counted(ntracks, 'track')}, file holds {track}")
    if clipped:
        warnings.append(f"{counted(clipped, 'out-of-range data byte')} clipped to 127")

    tpb = float(division)
    rows, unclosed, stray = _pair_notes(events, last_ticks)
    if damage and not len(rows):  # "file has no notes" hid that they were lost to the damage
        raise MidiFileError(path, f"{damage}, and no notes come before it (a damaged file)")
    if len(rows) and rows[-1, 0] / tpb > MAX_NOTE_BEAT:  # rows are sorted by time
        raise MidiFileError(path, f"it has notes at beat {rows[-1, 0] / tpb + 1:,.0f}, days of music on (a damaged "
                                  f"file: a corrupt delta time?); ReaGroove reads notes up to beat {MAX_NOTE_BEAT:,}")
    if unclosed:
        warnings.append("1 note is never switched off; it ends at the end of its track" if unclosed == 1 else
                        f"{unclosed} notes are never switched off; they end at the end of their track")
    notes = Notes(
        rows[:, 0] / tpb,
        rows[:, 1] / tpb,
        rows[:, 2].astype(np.int16),
        rows[:, 3].astype(np.int16),
        rows[:, 4].astype(np.int16),
        rows[:, 5].astype(np.int32),
    )
    metas.sort(key=lambda m: m[0])
    move_drum_kits(notes.channel, rows[:, 0], metas, warnings)
    metas, far_end = _within_reach(notes, metas, max(last_ticks.values()), tpb, warnings)
    tempos: list[tuple[float, float]] = []
    sigs: list[tuple[float, int, int]] = []
    markers = sorted({tick / tpb for tick, mtype, _ in metas if mtype in (0x06, 0x07)})
    invalid: list[str] = []  # tempo and meter events no music has: said, so a bar grid off from the DAW's is explained
    for tick, mtype, payload in metas:
        beat = tick / tpb
        if mtype == 0x51:
            usec = int.from_bytes(payload[:3], "big") if len(payload) >= 3 else 0
            if usec > 0:
                _set_at(tempos, beat, 60_000_000 / usec)
            else:
                invalid.append(f"a tempo of {'0 µs a beat' if len(payload) >= 3 else 'no value'} at beat {beat + 1:g}")
        elif mtype == 0x58:
            num, den_pow = (payload[0], payload[1]) if len(payload) >= 2 else (0, 0)
            if num > 0 and den_pow <= 6:
                _set_at(sigs, beat, num, 2**den_pow, bar=num * 4 / 2**den_pow)
            else:
                meter = f"{num}/2^{den_pow}" if len(payload) >= 2 else "without a value"
                invalid.append(f"a time signature {meter} at beat {beat + 1:g}")
    if invalid:
        warnings.append(f"{len(invalid)} invalid tempo or time signature event{'s' if len(invalid) > 1 else ''} "
                        f"ignored ({invalid[0]}{', ...' if len(invalid) > 1 else ''})")
    too_fast = next((b for b, t in tempos if t > MAX_FILE_BPM), None)
    if too_fast is not None:
        bpm = dict(tempos)[too_fast]
        raise MidiFileError(path, f"its tempo at beat {too_fast + 1:g} is {bpm:.0f} BPM; "
                                  f"ReaGroove reads files up to {MAX_FILE_BPM:g} BPM")
    if not tempos:
        warnings.append(f"no tempo in file; assuming {DEFAULT_BPM:g} BPM")
    if not tempos or tempos[0][0] > 0:
        tempos.insert(0, (0.0, DEFAULT_BPM))  # the SMF default until the first tempo event
    if not sigs or sigs[0][0] > 0:
        sigs.insert(0, (0.0, 4, 4))
    if cut_short:
        warnings.insert(0, cut_short_words(cut_short[0], ntracks, cut_short[1], cut_short[2] / tpb, sigs))
    music_end = float(notes.end.max()) if len(notes) else 0.0
    track_ends = set(last_ticks.values())
    if len(notes):
        # A meter change from the bar line ending the music on (a DAW's bar past the song, a template's) has no
        # bar played in it: kept, it would be written into the drums and said as a meter the music is in. A
        # track ending on one ends there for it, not for the music (no bar of drums after the song for it).
        line = _bar_line_after(sigs, music_end)
        sigs = [s for s in sigs if s[0] <= 0 or s[0] < line - 1e-9]
        after = {tick for tick, mtype, _ in metas if mtype == 0x58 and tick > 0 and tick / tpb >= line - 1e-9}
        track_ends = {t for t in track_ends if t not in after} or {0}
    end_beat = max(far_end if far_end is not None else max(track_ends) / tpb, music_end)
    return MidiContent(path, notes, int(division), tempos, sigs, end_beat, warnings, markers=markers,
                       marker_names=named_markers(metas, tpb))


def _within_reach(notes: Notes, metas: list, last_tick: int, tpb: float, warnings: list[str]) -> tuple[list, float | None]:
    """The file read up to MAX_TAIL_BEATS after its last note starts: tempo, meter and marker events further on,
    a track's end and the end of a note never switched off further on, are a damaged file's (a corrupt delta
    time) and would make the bars of hours no music plays (a 300-byte file took 4 GB). Notes are all kept:
    a stray note hours after the music is said by the windows (drum a range of bars).

    Returns the events kept and, where the file runs on past that reach, the beat it is read to (else None);
    clips `notes.end` in place."""
    reach = (float(notes.start.max()) if len(notes) else 0.0) + MAX_TAIL_BEATS
    if last_tick / tpb <= reach:
        return metas, None
    np.minimum(notes.end, reach, out=notes.end)
    kept = [m for m in metas if m[0] / tpb <= reach]
    dropped = len(metas) - len(kept)
    end = max([float(notes.end.max()) if len(notes) else 0.0] + [m[0] / tpb for m in kept])
    warnings.append(f"the file runs on to beat {last_tick / tpb + 1:,.0f}, more than {MAX_TAIL_BEATS:,} beats after its "
                    f"last note (a damaged file?): read to beat {end + 1:,.0f}"
                    + (f", {dropped} tempo, meter or marker event{'s' if dropped != 1 else ''} after it ignored"
                       if dropped else ""))
    return kept, end


def _bar_line_after(sigs: list[tuple[float, int, int]], beat: float) -> float:
    """The first bar line at or after `beat` on the bar grid of a meter map (sorted, the first at 0)."""
    start, num, den = ([s for s in sigs if s[0] < beat - 1e-9] or sigs[:1])[-1]
    bar = num * 4.0 / den
    return start + np.ceil((beat - start) / bar - 1e-9) * bar


def _set_at(events: list, beat: float, *values, bar: float = 0.0) -> None:
    """Append a map entry; a later event at the same beat replaces the earlier one. A meter (`bar` beats
    long) stated again mid-bar is kept: it starts a bar there, as in the DAW that wrote it (a partial bar)."""
    off_grid = bar > 0 and bool(events) and abs((d := (beat - events[-1][0]) / bar) - round(d)) > 1e-6
    if events and events[-1][0] == beat:
        events[-1] = (beat, *values)
    elif not events or events[-1][1:] != values or off_grid:
        events.append((beat, *values))


def drum_channel_notes(content: MidiContent) -> tuple[Notes, str | None]:
    """The notes to read as drums: channel 10 if it has any, else all notes (with a warning)."""
    on_10 = content.notes.channel == DRUM_CHANNEL
    if on_10.any():
        return content.notes.select(on_10), None
    if len(content.notes) == 0:
        return content.notes, None
    chans = sorted({int(c) + 1 for c in np.unique(content.notes.channel)})
    return content.notes, f"no notes on MIDI channel 10; reading channel{'s' if len(chans) > 1 else ''} {', '.join(map(str, chans))} as drums"


def tempo_at(tempos, beats, default: float = 120.0):
    """The tempo (BPM) at `beats` (one beat, or an array of them) under a tempo map [(beat, bpm), ...] in order
    (MidiContent.tempos, REAPER's): the last change at or before each (1e-9 early counts), the first tempo before
    the first change, `default` for an empty map. A float for one beat, an array for an array."""
    if not tempos:
        return default if np.ndim(beats) == 0 else np.full(np.shape(beats), default)
    marks = np.array([float(b) for b, _ in tempos])
    bpms = np.array([float(t) for _, t in tempos])
    at = bpms[np.maximum(np.searchsorted(marks, np.asarray(beats, np.float64) + 1e-9, side="right") - 1, 0)]
    return float(at) if np.ndim(beats) == 0 else at


__all__ = [
    "Notes",
    "MidiContent",
    "read_midi",
    "tempo_at",
    "parse_midi_bytes",
    "drum_channel_notes",
    "MAX_MIDI_BYTES",
]

