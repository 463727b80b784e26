"""Named patterns for latent navigation (the A and B of the A-B-groove triangle).

A pattern is a groove (32 x 3), optionally with the drum loop it came from
and the groove of its low register (its bass, which drives the kick where a
path between patterns plays it), and where it came from. Patterns are taken
from any MIDI or audio file (a drum loop or any instrumental part: its groove
is what the model encodes), saved as JSON, and loaded back. The defaults are one prototype per genre, computed from the
training data and shipped with the model.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import near_names
from .errors import InputFileError, ReaGrooveError
from .files import atomic_write_text, read_json
from .groove import bar_grid, grooves_from_notes, loops_from_notes, window_meters
from .pickups import pickup_bar
from .low_register import low_register
from .loop import N_VOICES, Groove, Loop, LoopError
from .meter import grooves_to_loop, loop_frame, map_windows
from .meter_read import follow_groupings
from .file_kinds import MIDI_SUFFIXES, audio_format_of, is_audio_path, is_midi_file
from .midi import DRUM_CHANNEL, MidiContent, Notes, read_midi
from .textroll import bar_label


PATTERNS_FORMAT = "reagroove-patterns"


class PatternError(ReaGrooveError):
    pass


@dataclass(frozen=True, eq=False)
class Pattern:
    name: str
    groove: np.ndarray  # (32, 3)
    loop: np.ndarray | None = None  # (32, 27) when the pattern is a drum loop
    source: str = ""
    bass: np.ndarray | None = None  # (32, 3): the groove of its low register (low_register.bass_notes), where it has one

    def __post_init__(self) -> None:
        object.__setattr__(self, "groove", Groove.from_array(self.groove).to_array())
        if self.loop is not None:
            object.__setattr__(self, "loop", Loop.from_hvo(self.loop).to_hvo())
        if self.bass is not None:
            try:
                object.__setattr__(self, "bass", Groove.from_array(self.bass).to_array())
            except LoopError as exc:  # the groove's own words would name the pattern's groove
                raise LoopError(f"its bass's {exc}") from None

    def to_dict(self) -> dict:
        d = {"name": self.name, "source": self.source, "groove": self.groove.tolist()}
        if self.loop is not None:
            d["loop"] = self.loop.tolist()
        if self.bass is not None:
            d["bass"] = self.bass.tolist()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Pattern":
        if not isinstance(d, dict) or "name" not in d or "groove" not in d:
            raise PatternError("a pattern needs a name and a groove")
        name = d["name"]
        if not isinstance(name, (str, int, float)) or isinstance(name, bool):  # a name typed as 7 is still one
            raise PatternError(f"a pattern's name must be text, got {name!r}")
        name = str(name)
        # numpy's own words ("setting an array element with a sequence...") named nothing a user wrote
        shapes = {"groove": "32 rows of 3 numbers (hit, velocity, offset)", "loop": "32 rows of 27 numbers",
                  "bass": "32 rows of 3 numbers (hit, velocity, offset)"}
        arrays = {}
        for key, shape in shapes.items():
            try:
                with np.errstate(over="ignore", invalid="ignore"):  # 1e300 is refused below as out of range
                    arrays[key] = None if d.get(key) is None else np.asarray(d[key], np.float32)
            except (ValueError, TypeError):
                raise PatternError(f"pattern '{name}': its {key} must be {shape}") from None
        try:
            return cls(name, arrays["groove"], arrays["loop"], str(d.get("source", "")), arrays["bass"])
        except (LoopError, ValueError, TypeError) as exc:
            raise PatternError(f"pattern '{name}': {exc}") from None


def pattern_from_midi(path: str | os.PathLike, name: str | None = None, bar: int | None = None) -> Pattern:
    """The 2-bar window starting at `bar` (None: the first with notes) of a MIDI file as a pattern.

    Notes on channel 10 are also kept as a drum loop, so a drum file's pattern
    remembers what was played, not only its rhythm.
    """
    return pattern_from_content(read_midi(path), path, name, bar)


def reads_as_audio(path: str | os.PathLike) -> bool:
    """Whether read_input_file reads a file as audio: an audio name on a file that is not MIDI inside, or audio
    inside whatever the name (a WAV bounce saved as bass.mid)."""
    return (is_audio_path(path) and not is_midi_file(path)) or audio_format_of(path) is not None


def read_input_file(path: str | os.PathLike, bpm: float | None = None, start: float | None = None, *,
                    progress=None, time_signature: tuple[int, int] | None = None, for_drums: bool = True) -> MidiContent:
    """A MIDI file, or an audio file's onsets (core/audio.py; tempo, bar 1 and 3/4 or 4/4 estimated unless given:
    time_signature, --meter's, is an audio file's only: a MIDI file says its own).

    progress(seconds_read, seconds_total) follows the reading of an audio file; for_drums=False where no drums are
    made from it (groove), as its notes say."""
    if os.path.exists(path) and not os.path.isdir(path) and not os.path.isfile(path):
        # a named pipe or a device: reading it waited forever for a writer
        raise InputFileError(path, "not a regular file (a pipe or a device): give a MIDI or audio file")
    if reads_as_audio(path):
        from .audio import read_audio  # here: a MIDI file's read does not load the audio reader

        content = read_audio(path, bpm=bpm, start=start, progress=progress, time_signature=time_signature,
                             for_drums=for_drums)
        if not is_audio_path(path):  # a bounce saved as bass.mid: read as what it is, and said
            kind, suffix = audio_format_of(path), Path(path).suffix or "MIDI"
            content.warnings.append(f"the file is {kind} audio despite its {suffix} name; read as audio")
        return content
    if Path(path).suffix.lower() not in MIDI_SUFFIXES and os.path.isfile(path) and not is_midi_file(path):
        # an .m4a, a .txt: "not a Standard MIDI File (no MThd header)" named a format the producer never gave
        raise InputFileError(path, "not a MIDI or audio file ReaGroove reads (MIDI, WAV/BWF, FLAC, OGG/Opus, MP3, "
                                   "AIFF, CAF)")
    content = read_midi(path)
    if is_audio_path(path):  # a MIDI file saved under an audio name: read as what it is, and said
        content.warnings.append("the file is MIDI despite its audio name; read as MIDI")
    return content


def pattern_from_file(path: str | os.PathLike, name: str | None = None, bar: int | None = None, *, bpm: float | None = None,
                      start: float | None = None, warnings: list[str] | None = None) -> Pattern:
    """The 2-bar window starting at `bar` (None: the first with notes) of a MIDI or audio file as a pattern.

    Audio is read with `read_audio` (bpm/start: its tempo and the seconds of
    bar 1; estimated when None). What was estimated is appended to `warnings`.
    """
    content = read_input_file(path, bpm, start, for_drums=False)  # its bar 1, not drums' (none are laid on it)
    if warnings is not None:
        warnings.extend(getattr(content, "warnings", []) or [])
    return pattern_from_content(content, path, name, bar)


def pattern_from_content(content: MidiContent, path: str | os.PathLike, name: str | None = None,
                         bar: int | None = None) -> Pattern:
    """The 2-bar window starting at `bar` of content read from `path` as a pattern (None: the first with notes).

    A given bar is taken exactly, even where the file's own windows (which
    start at its first note) do not start on it: `--bar 7` is bars 7-8.
    """
    return pattern_and_bars(content, path, name, bar)[0]


def pattern_and_bars(content: MidiContent, path: str | os.PathLike, name: str | None = None,
                     bar: int | None = None):
    """pattern_from_content's pattern, and the bars its window plays (meter.WindowBars: a 3/4 file's two bars of
    3/4), so that loops made from it can be laid back on them (interpolate's path between two waltzes)."""
    if len(content.notes) == 0:
        raise InputFileError(path, "file has no notes")
    if bar is None:  # the bar of the first note (bar 1 for a pickup's): no need to window a whole long file
        grid = bar_grid(content.time_signatures, max(content.end_beat, float(content.notes.start.max())))
        bar = max(grid.bar_number(float(content.notes.start.min())), 1)
        if pickup_bar(grid, content.notes) == bar:
            bar += 1  # a bar holding only a pickup: the pattern is the two bars it leads into
    starts, grid = _bar_start(content, path, bar)
    grooves, counts = grooves_from_notes(content.notes, starts)
    if counts[0] == 0:
        raise InputFileError(path, f"no notes in the 2 bars from bar {bar}")
    # A 3/4 or 6/8 loop read as 8 quarter notes spread over 2 2/3 of its bars and sat off the bar lines of the
    # parts it steered: its own bars are brought into the model's 4/4 frame as a part's windows are (meter.py).
    meters = follow_groupings(grooves, window_meters(grid, starts))
    groove = loop_frame(grooves, meters)[0]
    loop = drum_loop(content.notes, starts, meters[0])
    # its bass, so a path from or to it plays a kick that follows it
    lows, _ = grooves_from_notes(low_register(content), starts)
    bass = loop_frame(lows, meters)[0] if lows[0, :, 0].any() else None
    return Pattern(name or Path(path).stem, groove, loop, f"{Path(path).name}, {bar_label(bar)}", bass), meters[0]


def drum_loop(notes: Notes, starts: np.ndarray, bars=None) -> np.ndarray | None:
    """The drum loop (32, 27) that the notes on MIDI channel 10 play in the 2-bar window at starts[0], in the
    model's 4/4 frame (bars: the window's, None: 4/4), or None where they play none: a drum part's pattern
    remembers what was played, not only its rhythm."""
    drums = notes.select(notes.channel == DRUM_CHANNEL)
    if not len(drums):
        return None
    hvo, _ = loops_from_notes(drums, starts[:1])
    return _loop_frame(hvo[0], bars) if hvo[0, :, :N_VOICES].any() else None


def _loop_frame(hvo: np.ndarray, bars) -> np.ndarray:
    """(32, 27) drum loop on its bars' real grid -> the 4/4 loop the model reads: each voice's (hit, velocity,
    offset) mapped as a groove is (meter.grooves_to_loop), so a loop and a part in the same meter agree."""
    steps = hvo.shape[0]
    per_voice = hvo.reshape(steps, 3, N_VOICES).transpose(2, 0, 1)  # (voices, 32, 3): hit, velocity, offset
    mapped = map_windows(per_voice, [bars] * N_VOICES, grooves_to_loop)
    return np.ascontiguousarray(mapped.transpose(1, 2, 0).reshape(steps, 3 * N_VOICES))


def _bar_start(content: MidiContent, path: str | os.PathLike, bar: int):
    """([start beat of `bar`], the file's bar grid) (bar 1 follows a pickup)."""
    if bar < 1:
        raise InputFileError(path, f"there is no bar {bar}: bars count from 1")
    last_note = float(content.notes.start.max())
    grid = bar_grid(content.time_signatures, max(content.end_beat, last_note))
    last_bar = grid.bar_number(last_note)
    if bar > last_bar:
        raise InputFileError(path, f"file has no bar {bar} (its last note is in bar {last_bar})")
    line = grid.first_bar + bar - 1
    return grid.lines[line : line + 1], grid


class PatternStore:
    """Named patterns: built-in defaults plus the user's, saved to a JSON file."""

    def __init__(self, defaults: dict[str, Pattern] | None = None, path: str | os.PathLike | None = None):
        self.defaults = dict(defaults or {})
        self.path = Path(path) if path is not None else None
        self.user: dict[str, Pattern] = {}
        self._unsaved: set[str] = set()  # added for this run only (add(save=False)): kept over a re-read
        # A damaged file (hand-edited, a sync conflict) stopped every drumify, with patterns or none: the store
        # goes on without the user's patterns and says why (`damaged`); saving to it still refuses (_reread),
        # so the patterns in it are never written over.
        self.damaged: str | None = None
        if self.path is not None and self.path.exists():
            try:
                self.user = load_patterns(self.path)
            except InputFileError as exc:
                self.damaged = str(exc)

    def names(self) -> list[str]:
        return sorted(set(self.defaults) | set(self.user))

    def get(self, name: str) -> Pattern:
        if name in self.user:
            return self.user[name]
        if name in self.defaults:
            return self.defaults[name]
        known = ", ".join(self.names()) or "none saved"
        unread = f"; your saved patterns could not be read: {self.damaged}" if self.damaged else ""
        # 'Rock' or 'Funk ' for rock, funk (names are matched exactly): the name meant, said first
        same = [n for n in self.names() if n.lower() == name.strip().lower()]
        meant = f": did you mean '{same[0]}'?" if same else near_names.meant(name.strip(), self.names())
        raise PatternError(f"no pattern named '{name}'{meant} (patterns: {known}{unread})")

    def add(self, pattern: Pattern, *, save: bool = True) -> None:
        name = pattern.name
        # a name is typed after --pattern-a and picked from a list: it needs a visible character, on one line
        if not name.strip() or name != name.strip() or not name.isprintable():
            raise PatternError(f"pattern name {name!r} is not usable: give a name of visible characters on one line")
        if save:
            self._reread()
            self._unsaved.discard(name)
        else:
            self._unsaved.add(name)
        self.user[pattern.name] = pattern
        if save and self.path is not None:
            self._save()

    def remove(self, name: str) -> None:
        self._reread()
        if name not in self.user:
            mine = sorted(self.user)
            raise PatternError(f"no saved pattern named '{name}'{near_names.meant(name.strip(), mine)} (saved: "
                               f"{', '.join(mine) or 'none'})")
        del self.user[name]
        self._unsaved.discard(name)
        if self.path is not None:
            self._save()

    def _save(self) -> None:
        save_patterns(self.path, {name: p for name, p in self.user.items() if name not in self._unsaved})

    def _reread(self) -> None:
        """The file as it is now, before a change is saved to it: the editor, the docked panel's engine and the
        CLI each keep a store of the same file, so a pattern another one saved (or removed) since this store
        read it is kept (or stays gone) instead of being written over with this store's older list."""
        if self.path is not None and self.path.exists():
            unsaved = {name: self.user[name] for name in self._unsaved if name in self.user}
            self.user = {**load_patterns(self.path), **unsaved}


def save_patterns(path: str | os.PathLike, patterns: dict[str, Pattern]) -> None:
    doc = {"format": PATTERNS_FORMAT, "version": 1, "patterns": [p.to_dict() for p in patterns.values()]}
    atomic_write_text(path, json.dumps(doc) + "\n")


def load_patterns(path: str | os.PathLike) -> dict[str, Pattern]:
    doc = read_json(path, "ReaGroove patterns file", PATTERNS_FORMAT)
    items = doc.get("patterns", [])
    if not isinstance(items, list):  # a hand edit or a sync conflict: a traceback at every start of the panel
        raise InputFileError(path, f"its \"patterns\" must be a list of patterns, got {items!r:.40}")
    try:
        items = [Pattern.from_dict(d) for d in items]
    except PatternError as exc:
        raise InputFileError(path, str(exc)) from None
    return {p.name: p for p in items}


__all__ = ["Pattern", "PatternError", "PatternStore", "pattern_and_bars", "pattern_from_content", "pattern_from_file",
           "pattern_from_midi", "load_patterns", "read_input_file", "reads_as_audio", "save_patterns"]
