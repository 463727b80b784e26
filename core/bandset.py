"""Real band arrangements as (band groove, bass groove, drum loop) 2-bar windows.

A multi-track song file (drums on channel 10, other instruments elsewhere)
gives pairs the Groove MIDI Dataset cannot: what the band plays and what its
drummer played with it. Every 2-bar window of 4/4 music (1-bar hop) keeps:

- groove: all non-drum notes flattened to the 16th grid (32 x 3), as a user's
  input is at run time;
- bass: the low-register part alone (32 x 3; see `bass_notes`), the part that
  drives the kick;
- hvo: the song's own drums (32 x 27) in the 9 voices (percussion outside
  the drum map, such as tambourine or claps, is left out);
- parts: each instrument part's own groove (up to PART_SLOTS parts, by
  track and channel, the busiest first; the rest share the last slot), with
  part_bass saying which are low-register parts and part_low each part's own
  low register (its notes below C3 where it is not a bass part): training and
  evaluation feed the network subsets of a band (the guitar alone, keys and
  bass) as producers give them, with the bass groove the engine would take
  from those parts (`bass_of_parts`);
- sounding: on each step, the velocity of the loudest band note still sounding (groove.sounding_levels), the
  level the engine keeps a band part's sections at (dynamics.band_level; benchmarks/bench_band_level.py);
- file_index: which song, so splits never mix windows of one file.

Windows need at least 4 drum hits and 4 input onsets (the same selection as
the evaluation in the issues that measured ReaGroove on real songs). Used for
training and validation (freedoom-midi) and for evaluation only (openmsx-midi).
"""

from __future__ import annotations

import os
import sys
import zlib
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from .constants import DRUM_CHANNEL
from .errors import ReaGrooveError
from .groove import bar_grid, grooves_from_notes, loops_from_notes, sounding_levels
from .low_register import BASS_MEDIAN_PITCH, bass_notes
from .loop import N_VOICES
from .midi import MidiContent, Notes, read_midi, tempo_at
from .option_paths import home_path

MIN_HITS = 4
PART_SLOTS = 8  # instrument parts kept apart per window; songs have 5-10, the quietest share the last slot


class BandSetError(ReaGrooveError):
    pass


@dataclass
class BandWindows:
    grooves: np.ndarray  # (N, 32, 3) all non-drum parts
    bass: np.ndarray  # (N, 32, 3) the low-register part
    hvo: np.ndarray  # (N, 32, 27) the song's drums
    parts: np.ndarray  # (N, PART_SLOTS, 32, 3) each part's groove (zeros: no such part)
    part_bass: np.ndarray  # (N, PART_SLOTS) bool, the part is in the bass groove
    part_low: np.ndarray  # (N, PART_SLOTS, 32, 3) each part's own low register (bass_notes of that part alone)
    file_index: np.ndarray  # (N,) int32
    bar: np.ndarray  # (N,) int32, 1-based bar of the window's start
    sounding: np.ndarray  # (N, 32) float32, the loudest band note sounding on each step (groove.sounding_levels)
    bpm: np.ndarray  # (N,) float64, the song's tempo at the window's start (the engine's hands play at it)
    files: list[str]

    def __len__(self) -> int:
        return len(self.hvo)

    def select(self, mask) -> "BandWindows":
        rows = {f.name: getattr(self, f.name)[mask] for f in fields(self) if f.name != "files"}
        return BandWindows(files=self.files, **rows)

    def join(self, other: "BandWindows") -> "BandWindows":
        """These windows and another set's (their songs numbered after these)."""
        rows = {f.name: np.concatenate([getattr(self, f.name), getattr(other, f.name) + (len(self.files) if f.name == "file_index" else 0)])
                for f in fields(self) if f.name != "files"}
        return BandWindows(files=self.files + other.files, **rows)

    def split_by_file(self, share: float, salt: str = "reagroove") -> tuple["BandWindows", "BandWindows"]:
        """(rest, held-out): about `share` of the files go to the held-out part, chosen by a
        stable hash of the file name (the same files on every machine)."""
        return self._split([(zlib.crc32(f"{salt}:{Path(f).name}".encode()) % 1000) < share * 1000 for f in self.files])

    def split_by_names(self, names) -> tuple["BandWindows", "BandWindows"]:
        """(rest, held-out): the files named (by file name, e.g. a composer's songs) are held out."""
        return self._split(np.isin([Path(f).name for f in self.files], list(names)))

    def _split(self, held_files) -> tuple["BandWindows", "BandWindows"]:
        """(rest, held-out) for one flag per file: a song's windows never straddle the two."""
        mask = np.asarray(held_files, bool)[self.file_index]
        return self.select(~mask), self.select(mask)


def refuse_missing_band_paths(folders, song_list=None) -> None:
    """One line, before any song is read, for an option naming a folder of band songs or a song list that is not
    there: `folders` are (option, folder) pairs. Training had read the Groove MIDI Dataset first."""
    for option, folder in folders:
        folder = home_path(folder)  # $REAGROOVE_BAND="~/band", quoted in a shell profile, keeps its '~'
        if not folder.is_dir():
            problem = "not a folder" if folder.exists() else "no such folder"
            raise BandSetError(f"{folder}: {problem} ({option} takes a folder of multi-track MIDI files)")
    if song_list is not None and not Path(song_list).is_file():
        problem = "a folder, not a song list file" if Path(song_list).is_dir() else "no such file"
        raise BandSetError(f"{song_list}: {problem} (--band-val takes a list of song file names)")


def read_song_list(path: str | os.PathLike) -> list[str]:
    """File names, one per line ('#' starts a comment), of a held-out song list such as
    models/freedoom_composer_split.txt."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise BandSetError(f"{path}: cannot read the song list ({e.__class__.__name__})") from None
    names = [line.split("#", 1)[0].strip() for line in lines]
    names = [n for n in names if n]
    if not names:
        raise BandSetError(f"{path}: the song list names no files")
    return names


def refuse_songs_not_there(song_list, names, folders, option: str) -> None:
    """A one-line error where a held-out song list names a song that is in none of `folders` (.mid files, by
    name): a mistyped name had been ignored without a word, the song meant trained on, and a list naming none of
    them had trained with no band validation at all."""
    there = {p.name for f in folders if home_path(f).is_dir() for p in home_path(f).iterdir()}
    missing = [n for n in names if n not in there]
    if missing:
        where = str(folders[0]) if len(folders) == 1 else f"any {option} folder"
        verb = "is" if len(missing) == 1 else "are"
        raise BandSetError(f"{song_list}: {len(missing)} of the {len(names)} songs it names {verb} not in {where}: "
                           f"{', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''} (a song "
                           "list names .mid files of that folder)")


def windows_of_song(content: MidiContent, hop_bars: int = 1) -> tuple[np.ndarray, ...]:
    """(grooves, bass, hvo, bars, parts, part_bass, part_low, sounding, bpm) of the 4/4 2-bar windows of one song
    with drums on channel 10."""
    notes = content.notes
    drums = notes.select(notes.channel == DRUM_CHANNEL)
    parts = notes.select(notes.channel != DRUM_CHANNEL)
    empty = ((np.zeros((0, 32, 3), np.float32),) * 2 + (np.zeros((0, 32, 27), np.float32), np.zeros(0, np.int32),
                                                       np.zeros((0, PART_SLOTS, 32, 3), np.float32), np.zeros((0, PART_SLOTS), bool),
                                                       np.zeros((0, PART_SLOTS, 32, 3), np.float32), np.zeros((0, 32), np.float32),
                                                       np.zeros(0)))
    if len(drums) == 0 or len(parts) == 0:
        return empty
    grid = bar_grid(content.time_signatures, max(content.end_beat, float(notes.start.max())))
    lines, meters = grid.lines, grid.meters
    last = float(notes.start.max())
    idx = [i for i in range(grid.first_bar, len(lines) - 2, hop_bars)
           if lines[i + 1] <= last and meters[i] == (4, 4) and meters[i + 1] == (4, 4) and abs(lines[i + 2] - lines[i] - 8.0) < 1e-6]
    if not idx:
        return empty
    starts = lines[idx]
    grooves, _ = grooves_from_notes(parts, starts)
    bass, _ = grooves_from_notes(bass_notes(parts), starts)
    each, each_bass, each_low = part_grooves(parts, starts)
    hvo, _ = loops_from_notes(drums, starts)
    bars = np.asarray(idx, np.int32) - grid.first_bar + 1
    keep = (hvo[..., :N_VOICES].sum((1, 2)) >= MIN_HITS) & (grooves[..., 0].sum(1) >= MIN_HITS)
    return (grooves[keep], bass[keep], hvo[keep], bars[keep], each[keep],
            np.broadcast_to(each_bass, (int(keep.sum()), PART_SLOTS)).copy(), each_low[keep],
            sounding_levels(parts, starts)[keep], tempo_at(content.tempos, starts)[keep])


def part_grooves(parts: Notes, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """((W, PART_SLOTS, 32, 3), (PART_SLOTS,) bool, (W, PART_SLOTS, 32, 3)): the groove of each part (track and
    channel) of a song, the busiest first (those beyond the slots share the last one), which are bass parts
    (whole parts that bass_notes takes; a song with none has no bass part among its slots), and the groove of
    each part's own low register (bass_notes of that part alone, as the engine reads a file of that part)."""
    key = parts.parts()
    keys, counts = np.unique(key, return_counts=True)
    order = keys[np.argsort(-counts, kind="stable")]
    out = np.zeros((len(starts), PART_SLOTS, 32, 3), np.float32)
    low = np.zeros_like(out)
    is_bass = np.zeros(PART_SLOTS, bool)
    for slot in range(min(len(order), PART_SLOTS)):
        chosen = order[slot:] if slot == PART_SLOTS - 1 else order[slot:slot + 1]
        notes = parts.select(np.isin(key, chosen))
        out[:, slot], _ = grooves_from_notes(notes, starts)
        low[:, slot], _ = grooves_from_notes(bass_notes(notes), starts)
        is_bass[slot] = all(np.median(parts.pitch[key == k]) < BASS_MEDIAN_PITCH for k in chosen)
    return out, is_bass, low


def flatten_parts(parts: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """The groove (N, 32, 3) of the chosen parts (chosen: (N, PART_SLOTS) bool) of part grooves
    (N, PART_SLOTS, 32, 3), as grooves_from_notes flattens their notes: a hit where any part plays,
    the loudest part's velocity and timing."""
    vel = np.where(chosen[:, :, None] & (parts[..., 0] > 0), parts[..., 1], -1.0)  # (N, slots, 32)
    loudest = vel.argmax(1)  # (N, 32)
    out = np.take_along_axis(parts, loudest[:, None, :, None], 1)[:, 0]
    return np.where((vel.max(1) >= 0)[..., None], out, 0.0).astype(np.float32)


def bass_of_parts(bw: BandWindows, rows, chosen: np.ndarray) -> np.ndarray:
    """The bass groove (N, 32, 3) the engine takes from the chosen parts (chosen: (N, PART_SLOTS) bool) of
    windows `rows`, as bass_notes takes it from their notes: the bass parts among them, or where there is
    none, their notes below C3 (a guitar's low strings, a piano's left hand; zeros where they have none)."""
    bass_parts = chosen & bw.part_bass[rows]
    has_bass = bass_parts.any(1)[:, None, None]
    return np.where(has_bass, flatten_parts(bw.parts[rows], bass_parts), flatten_parts(bw.part_low[rows], chosen))


def load_band_windows(folder: str | os.PathLike, hop_bars: int = 1) -> BandWindows:
    """Windows of every .mid file in a folder (sorted by name); unreadable files are skipped."""
    folder = home_path(folder)
    if not folder.is_dir():
        raise BandSetError(f"{folder}: not a folder of multi-track MIDI files" if folder.exists() else
                           f"{folder}: no such folder")
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".mid", ".midi"))
    if not paths:
        raise BandSetError(f"{folder}: no .mid files")
    cols: list[list[np.ndarray]] = [[] for _ in range(10)]
    files: list[str] = []
    unreadable: list[str] = []  # "name: problem", said: a damaged song had been left out without a word
    no_drums = 0
    for p in paths:
        try:
            content = read_midi(p)
        except ReaGrooveError as exc:
            unreadable.append(f"{p.name}: {str(exc).removeprefix(str(p) + ': ')}")
            continue
        no_drums += not (content.notes.channel == DRUM_CHANNEL).any()
        g, b, h, bars, each, each_bass, each_low, sounding, bpm = windows_of_song(content, hop_bars)
        if len(g) == 0:
            continue
        for c, a in zip(cols, (g, b, h, each, each_bass, each_low, bars, np.full(len(g), len(files), np.int32), sounding,
                               bpm)):
            c.append(a)
        files.append(str(p))
    if not files:
        raise BandSetError(f"{folder}: no 4/4 windows with drums and other parts: "
                           f"{_none_used(len(paths), unreadable, no_drums)}")
    if unreadable:
        print(f"note: {folder}: skipped {len(unreadable)} of its {len(paths)} .mid files, unreadable "
              f"({unreadable[0]}{', ...' if len(unreadable) > 1 else ''})", file=sys.stderr)
    g, b, h, each, each_bass, each_low, bars, fi, sounding, bpm = (np.concatenate(c) for c in cols)
    return BandWindows(g.astype(np.float32), b.astype(np.float32), h.astype(np.float32), each, each_bass, each_low, fi,
                       bars, sounding, bpm, files)


def _none_used(n_files: int, unreadable: list[str], no_drums: int) -> str:
    """Why no song of a folder gave a window, in words: "no 4/4 windows with drums and other parts" had been said
    of a folder of damaged files and of one of songs without drums alike."""
    files = f"{n_files} .mid file{'s' if n_files != 1 else ''}"
    if len(unreadable) == n_files:
        return f"none of its {files} could be read as MIDI ({unreadable[0]})"
    one = n_files == 1
    if no_drums == n_files - len(unreadable):
        return (f"its {files} {'has' if one else 'have'} no drums on channel 10 (a band song needs its own "
                "drummer's part)")
    return (f"its {files} {'is' if one else 'are'} of other meters or drums alone ({len(unreadable)} unreadable, "
            f"{no_drums} without drums)")


__all__ = ["BandWindows", "BandSetError", "PART_SLOTS", "bass_notes", "bass_of_parts", "flatten_parts", "load_band_windows", "part_grooves",
           "read_song_list", "refuse_songs_not_there", "windows_of_song"]
