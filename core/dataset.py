"""The Groove MIDI Dataset as 2-bar training windows.

Every 4/4 performance is cut into 2-bar windows with a hop of one bar. Each
window keeps its drum loop (32 x 27 HVO), its groove (32 x 3, flattened from
the loop: the model's input at training time), the split from GMD's info.csv,
the style, one of the 9 genres (see genres.py), beat or fill, the drummer,
the tempo and the file it came from (for confidence intervals over files).

The windows are cached as one compressed .npz in the user's cache folder,
keyed by the code's format version and a fingerprint of the source files, so
a changed dataset or a new format rebuilds it and an unchanged one loads in
well under a second.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from .errors import ReaGrooveError
from .files import atomic_write
from .genres import GENRES, GMD_STYLES, STYLE_TO_GENRE
from .groove import loops_from_notes
from .loop import flatten_hvo
from .midi import drum_channel_notes, read_midi
from .option_paths import env_path, home_path

FORMAT_VERSION = 1  # bump when the windows' content or layout changes
SPLITS = ("train", "validation", "test")
BAR_BEATS = 4.0  # only 4/4 files are used
GMD_ENV = "REAGROOVE_GMD"
CACHE_ENV = "REAGROOVE_CACHE"


class DatasetError(ReaGrooveError):
    pass


@dataclass
class GrooveDataset:
    """Windows as parallel arrays, one row per window."""

    hvo: np.ndarray  # (N, 32, 27) float32
    grooves: np.ndarray  # (N, 32, 3) float32
    split: np.ndarray  # (N,) int8 index into SPLITS
    genre: np.ndarray  # (N,) int8 index into GENRES
    style: np.ndarray  # (N,) int8 index into GMD_STYLES
    is_fill: np.ndarray  # (N,) bool
    drummer: np.ndarray  # (N,) int8, 1..10
    bpm: np.ndarray  # (N,) float32
    bar: np.ndarray  # (N,) int16, bar at which the window starts (1-based)
    file_index: np.ndarray  # (N,) int32 index into files
    files: np.ndarray  # (F,) str, paths relative to the dataset folder

    def __len__(self) -> int:
        return len(self.hvo)

    def select(self, mask: np.ndarray) -> "GrooveDataset":
        rows = {f.name: getattr(self, f.name)[mask] for f in fields(self) if f.name != "files"}
        return GrooveDataset(files=self.files, **rows)

    def subset(self, split: str) -> "GrooveDataset":
        if split not in SPLITS:
            raise ValueError(f"unknown split '{split}' (splits are {', '.join(SPLITS)})")
        return self.select(self.split == SPLITS.index(split))

    def counts(self) -> dict[str, dict[str, int]]:
        """Windows per split and genre."""
        out = {}
        for s, name in enumerate(SPLITS):
            m = self.split == s
            out[name] = {g: int((m & (self.genre == i)).sum()) for i, g in enumerate(GENRES)}
            out[name]["total"] = int(m.sum())
        return out


def resolve_gmd_path(path: str | os.PathLike | None = None) -> Path:
    """The dataset folder from an argument or $REAGROOVE_GMD, checked for info.csv."""
    root = home_path(path) if path is not None else env_path(GMD_ENV)
    if root is None:
        raise DatasetError(f"no Groove MIDI Dataset given: give --gmd FOLDER or set {GMD_ENV}")
    # a folder from the variable is said as the variable's: "/wrong: no such folder" left one looking for a --gmd
    named = f"{GMD_ENV}={root}" if path is None else str(root)
    if not root.is_dir():  # a mistyped path is said as one, not as a folder missing its info.csv
        problem = "not a folder" if root.exists() else "no such folder"
        raise DatasetError(f"{named}: {problem}: give the Groove MIDI Dataset's folder (the one holding info.csv)")
    if not (root / "info.csv").is_file():
        raise DatasetError(f"{named}: not a Groove MIDI Dataset folder (no info.csv)")
    return root


def _index_problem(row: dict[str, str]) -> str | None:
    """What in one row of info.csv this code cannot use (a style with no genre, a split, tempo or drummer GMD's
    own index never has): each was a KeyError or ValueError traceback deep in the build. None where all is well."""
    style = row["style"].split("/")[0]
    if style not in STYLE_TO_GENRE:
        return f"unknown style '{style}' (GMD's styles are {', '.join(GMD_STYLES)})"
    if row["split"] not in SPLITS:
        return f"unknown split '{row['split']}' (splits are {', '.join(SPLITS)})"
    try:
        float(row["bpm"])
        int(row["drummer"].removeprefix("drummer"))
    except ValueError:
        return f"bpm '{row['bpm']}' or drummer '{row['drummer']}' is not a number (GMD's are 120, drummer1)"
    return None


def _read_index(root: Path) -> list[dict[str, str]]:
    try:
        with open(root / "info.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except UnicodeDecodeError as exc:  # saved from a spreadsheet in a local encoding: was the decoder's traceback
        line = exc.object[:exc.start].count(b"\n") + 1
        raise DatasetError(f"{root / 'info.csv'}: line {line} is not UTF-8 text: save the file as UTF-8, as GMD's "
                           "own info.csv is") from None
    except (OSError, csv.Error) as exc:
        raise DatasetError(f"{root / 'info.csv'}: cannot be read ({exc.__class__.__name__}: {exc})") from None
    need = {"drummer", "style", "bpm", "beat_type", "time_signature", "midi_filename", "split"}
    if not rows or need - set(rows[0]):
        raise DatasetError(f"{root / 'info.csv'}: missing columns {', '.join(sorted(need - set(rows[0] if rows else {})))}")
    for line, row in enumerate(rows, 2):  # line 1 is the header
        if row["time_signature"] == "4-4" and (problem := _index_problem(row)):
            raise DatasetError(f"{root / 'info.csv'} line {line}: {problem}")
    return rows


def fingerprint(root: Path, rows: list[dict[str, str]]) -> str:
    """Changes when info.csv or any indexed MIDI file changes (size or modification time)."""
    h = hashlib.sha256()
    h.update(f"format={FORMAT_VERSION}".encode())
    h.update((root / "info.csv").read_bytes())
    for row in rows:
        try:
            st = os.stat(root / row["midi_filename"])
            h.update(f"{row['midi_filename']}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            h.update(f"{row['midi_filename']}:missing".encode())
    return h.hexdigest()[:16]


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return env_path(CACHE_ENV) or Path(user_cache_dir("reagroove"))


def windows_of_file(path: str) -> tuple[np.ndarray, np.ndarray]:
    """2-bar windows with a 1-bar hop over one 4/4 drum performance: (hvo, start bars)."""
    content = read_midi(path)
    notes, _ = drum_channel_notes(content)
    if len(notes) == 0:
        return np.zeros((0, 32, 27), np.float32), np.zeros(0, np.int16)
    last_step = np.floor(notes.start.max() * 4 + 0.5)
    # Windows start on every bar whose 2-bar span holds at least one note.
    n_bars = int(last_step // (BAR_BEATS * 4)) + 1
    starts = np.arange(n_bars, dtype=np.float64) * BAR_BEATS
    hvo, _ = loops_from_notes(notes, starts)
    # Drop windows whose first bar lies past the performance's end: a final
    # note snapped forward onto the next bar line is not a bar of drumming.
    keep = starts + BAR_BEATS <= content.end_beat + 1e-6
    return hvo[keep], (np.arange(n_bars)[keep] + 1).astype(np.int16)


def _work(args: tuple[str, int]) -> tuple[int, np.ndarray, np.ndarray, str | None]:
    path, i = args
    try:
        hvo, bars = windows_of_file(path)
        return i, hvo, bars, None
    except ReaGrooveError as exc:
        return i, np.zeros((0, 32, 27), np.float32), np.zeros(0, np.int16), str(exc)


def build_dataset(
    root: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    *,
    force: bool = False,
    progress: bool = True,
    workers: int | None = None,
) -> tuple[GrooveDataset, Path, bool]:
    """Load the cached windows, building them first if missing or stale.

    Returns (dataset, cache file, whether it was built now).
    """
    root = resolve_gmd_path(root)
    rows = [r for r in _read_index(root) if r["time_signature"] == "4-4"]
    if not rows:  # was numpy's "need at least one array to concatenate" traceback, in data build, train and evaluate
        raise DatasetError(f"{root / 'info.csv'}: lists no 4/4 performance (time_signature 4-4): the windows are cut "
                           "from those alone")
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache_file = cache / f"gmd-windows-v{FORMAT_VERSION}-{fingerprint(root, rows)}.npz"
    if cache_file.exists() and not force:
        try:
            return _some_windows(load_cache(cache_file), root), cache_file, False
        except DatasetError:
            pass  # damaged cache (or one of 0 windows): rebuild it
    jobs = [(str(root / r["midi_filename"]), i) for i, r in enumerate(rows)]
    results: list = [None] * len(rows)
    failures = []
    workers = workers or min(4, os.cpu_count() or 1)
    from tqdm import tqdm

    with ProcessPoolExecutor(max_workers=workers) as pool:
        it = pool.map(_work, jobs, chunksize=16)
        for i, hvo, bars, err in tqdm(it, total=len(jobs), desc="Reading GMD", unit="file", disable=not progress):
            results[i] = (hvo, bars)
            if err:
                failures.append(err)
    parts = {k: [] for k in ("hvo", "split", "genre", "style", "is_fill", "drummer", "bpm", "bar", "file_index")}
    for i, (row, (hvo, bars)) in enumerate(zip(rows, results)):
        n = len(hvo)
        style = row["style"].split("/")[0]
        parts["hvo"].append(hvo)
        parts["split"].append(np.full(n, SPLITS.index(row["split"]), np.int8))
        parts["genre"].append(np.full(n, GENRES.index(STYLE_TO_GENRE[style]), np.int8))
        parts["style"].append(np.full(n, GMD_STYLES.index(style), np.int8))
        parts["is_fill"].append(np.full(n, row["beat_type"] == "fill", bool))
        parts["drummer"].append(np.full(n, int(row["drummer"].removeprefix("drummer")), np.int8))
        parts["bpm"].append(np.full(n, float(row["bpm"]), np.float32))
        parts["bar"].append(bars)
        parts["file_index"].append(np.full(n, i, np.int32))
    arrays = {k: np.concatenate(v) for k, v in parts.items()}
    arrays["grooves"] = flatten_hvo(arrays["hvo"])
    arrays["files"] = np.array([r["midi_filename"] for r in rows])
    ds = _some_windows(GrooveDataset(**arrays), root)
    _save_cache(cache_file, ds)
    for old in cache.glob("gmd-windows-v*.npz"):
        if old != cache_file:
            old.unlink(missing_ok=True)
    if failures and progress:
        for f in failures:
            print(f"skipped {f}")
    if failures:  # train and evaluate build quietly: a part of the dataset had gone missing from them unsaid
        print(f"note: {root}: skipped {len(failures)} of the {len(rows)} 4/4 MIDI files its info.csv lists, missing "
              f"or unreadable ({failures[0]}{', ...' if len(failures) > 1 else ''})", file=sys.stderr)
    return ds, cache_file, True


def _some_windows(ds: GrooveDataset, root: Path) -> GrooveDataset:
    """ds, or a one-line error where it has no window: a half-unpacked download had been "built: 0 windows", and
    train and evaluate on it numpy's "need at least one array to stack" traceback."""
    if len(ds) == 0:
        raise DatasetError(f"{root}: no 2-bar drum windows: none of the 4/4 MIDI files its info.csv lists could be "
                           "read as drums (a half-unpacked download?)")
    return ds


def _save_cache(path: Path, ds: GrooveDataset) -> None:
    atomic_write(path, lambda fh: np.savez_compressed(fh, **{f.name: getattr(ds, f.name) for f in fields(ds)}))


def load_cache(path: str | os.PathLike) -> GrooveDataset:
    try:
        with np.load(path, allow_pickle=False) as z:
            return GrooveDataset(**{f.name: z[f.name] for f in fields(GrooveDataset)})
    except Exception as exc:  # noqa: BLE001 - any damage means "rebuild"
        raise DatasetError(f"{path}: damaged dataset cache ({type(exc).__name__})") from None


def load_dataset(root: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None) -> GrooveDataset:
    """The GMD windows, from the cache (built quietly if needed)."""
    return build_dataset(root, cache_dir, progress=False)[0]
