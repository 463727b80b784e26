"""Hand edits kept with their part between sessions: the editor closed and opened on the same part brings them back.

One JSON file, hand_edits.json, in ReaGroove's user data folder ($REAGROOVE_DATA, else the panel's --config-dir
when one is given, else platformdirs' user data folder), written atomically:

    {"format": "reagroove-hand-edits", "version": 1,
     "parts": {KEY: {"name": "funk_bass.mid", "digest": SHA-256, "saved": UNIX TIME,
                     "versions": {"1": [[bar, step, voice, velocity | null], ...], "3": [...]}}}}

A hit dragged to a cell keeps its timing: its row has a fifth number, its offset from the grid in steps
([bar, step, voice, velocity, offset]).

KEY names the part: "file:" + the file's resolved path, or "reaper:" + a digest of the selected items' and takes'
GUIDs (the selection has no path). `digest` is the content the edits were made on: a file or selection changed since
(re-recorded, its notes moved) keeps its key but not its digest, and its edits, made on other bars, are not put back
(said).
Drumify and Variations run outside the editor (the docked panel, REAPER's toolbar actions) put a selection's edits
on top of the drums they write as the editor's do (reaper_ext/editor_edits.py, through `lookup`).
A damaged or foreign file is said in one line and gives no edits; it is replaced at the next save. A file from
a newer ReaGroove is left as it is. No Qt here: the window's side is persistence.py's (kept soon after each
edit, with the layout, and before another part is opened).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NamedTuple

import numpy as np

from reagroove.core.errors import InputFileError, ReaGrooveError
from reagroove.core.files import atomic_write_text, read_json, user_data_folder
from reagroove.core.loop import N_VOICES, STEPS

from .edits import HandEdits, count_text

FORMAT = "reagroove-hand-edits"
VERSION = 1
FILE_NAME = "hand_edits.json"
MAX_PARTS = 200  # the parts edited most recently; older ones go (the file stays small, read at each open)


def kept_edits_path(config_dir=None) -> Path:
    """Where hand edits are kept: $REAGROOVE_DATA, else an explicit --config-dir (a profile of its own), else the
    user data folder."""
    if os.environ.get("REAGROOVE_DATA") or config_dir is None:
        return user_data_folder() / FILE_NAME
    return Path(config_dir) / FILE_NAME


def file_part_id(path) -> tuple[str, str] | None:
    """(key, digest) of a part file: its resolved path and a hash of its bytes; None if it cannot be read."""
    try:
        data = Path(path).read_bytes()
        return "file:" + str(Path(path).resolve()), hashlib.sha256(data).hexdigest()
    except OSError:
        return None


def selection_part_id(grooves, bars, tracks, start_qn, guids=()) -> tuple[str, str]:
    """(key, digest) of REAPER's selection (it has no path). The digest is its content: windows, bars, tracks
    and start in the project. The key is its items' and takes' GUIDs (REAPER's names for them, kept through
    edits), so a selection edited since (a note moved, the item slid) is the same part changed, as a file
    changed is: its edits, made on other notes, are not put back, and that is said. With no GUIDs (an older
    REAPER side) the key is the content, and an edited selection is another part."""
    h = hashlib.sha256()
    h.update(np.ascontiguousarray(grooves, np.float32).tobytes())
    h.update(np.ascontiguousarray(bars, np.int64).tobytes())
    h.update(json.dumps([sorted(int(t) for t in tracks), round(float(start_qn), 4)]).encode("utf-8"))
    digest = h.hexdigest()
    if guids:
        return "reaper:" + hashlib.sha256("\n".join(sorted(guids)).encode("utf-8")).hexdigest(), digest
    return "reaper:" + digest, digest


def _edits_from(cells) -> HandEdits:
    """HandEdits from saved [bar, step, voice, velocity | null (, offset)] rows; ValueError on anything else."""
    edits = HandEdits()
    for row in cells:
        if not isinstance(row, list) or len(row) not in (4, 5):
            raise ValueError("a hand edit is [bar, step, voice, velocity] (and an offset, for a hit dragged there)")
        bar, step, voice, vel, *offset = row
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (bar, step, voice)):
            raise ValueError("bar, step and voice are whole numbers")
        if not (0 <= step < STEPS and 0 <= voice < N_VOICES and -1 <= bar < 100000):
            raise ValueError("a hand edit outside the roll")
        if vel is not None and (isinstance(vel, bool) or not isinstance(vel, (int, float)) or not 0 < vel <= 1):
            raise ValueError("a velocity is from 0 to 1")
        if offset and (vel is None or isinstance(offset[0], bool) or not isinstance(offset[0], (int, float))
                       or not -0.5 <= offset[0] <= 0.5):
            raise ValueError("an offset is from -0.5 to 0.5 steps, on a hit")
        edits = edits.set(bar, step, voice, vel, offset[0] if offset else None)
    return edits


def _saved_at(entry) -> float:
    saved = entry.get("saved") if isinstance(entry, dict) else None
    return float(saved) if isinstance(saved, (int, float)) and not isinstance(saved, bool) else 0.0


def _rows(edits: HandEdits) -> list:
    """Saved rows; velocities and offsets exact: the roll comes back as it was."""
    timing = dict(edits.offsets)
    return [[b, s, v, vel] + ([timing[(b, s, v)]] if (b, s, v) in timing else []) for (b, s, v), vel in edits.cells]


class Found(NamedTuple):
    """The hand edits kept for a part (KeptEdits.lookup)."""

    by_version: Mapping = MappingProxyType({})  # version -> HandEdits, made on the part as it is now (read only:
    # every Found() shares its default)
    count: int = 0  # how many (also where they are not given back: `changed`)
    changed: bool = False  # kept for it, but made on other content (the file or selection changed since)
    problem: str = ""  # the file cannot be read (damaged, foreign, newer), in one line


class KeptEdits:
    """hand_edits.json: `restore(part)` the edits kept for a part and what to say, `keep(part, ...)` them."""

    def __init__(self, path):
        self.path = Path(path)
        self.problem = ""  # what was wrong with the file (said once, by restore)
        self._newer = False

    def _parts(self) -> dict:
        """The file's parts (empty if there is none, or it is damaged: `problem` says so)."""
        self.problem, self._newer = "", False
        if not self.path.exists():
            return {}
        try:
            doc = read_json(self.path, "ReaGroove hand edits file", FORMAT)
        except InputFileError as exc:
            self.problem = f"{exc}; no hand edits restored (the file is replaced at the next edit)"
            return {}
        version = doc.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            self._newer = True
            self.problem = (f"{self.path}: saved by a newer ReaGroove (version {version}); no hand edits restored, "
                            "and new ones are not kept (update ReaGroove)")
            return {}
        parts = doc.get("parts")
        if version != VERSION or not isinstance(parts, dict):
            self.problem = f"{self.path}: not a ReaGroove hand edits file; no hand edits restored"
            return {}
        return parts

    def restore(self, part, name: str, since: str = "from your last session") -> tuple[dict, str]:
        """(version -> HandEdits, what to say) for `part` (key, digest): its kept edits, or none and why;
        `since`: when they were made, as said."""
        found = self.lookup(part, name)
        if found.problem or not found.count:
            return {}, found.problem
        if found.changed:
            changed = "the selection changed in REAPER" if part[0].startswith("reaper:") else "the file changed"
            return {}, (f"{count_text(found.count)} kept for {name} not restored: {changed} since they were made "
                        "(they were on other notes)")
        kept = found.by_version
        on = "" if set(kept) == {1} else f" (on version{'s' if len(kept) > 1 else ''} {', '.join(map(str, sorted(kept)))})"
        return kept, f"restored {count_text(found.count)} {since}{on}"

    def lookup(self, part, name: str) -> Found:
        """The edits kept for `part` (key, digest), as restore and REAPER's actions (editor_edits.py) take them: none
        where its content changed since (`changed`, with how many), or the file cannot be read (`problem`)."""
        if part is None:
            return Found()
        parts = self._parts()
        if self.problem:
            return Found(problem=self.problem)
        key, digest = part
        entry = parts.get(key)
        if entry is None:
            return Found()
        try:
            if not isinstance(entry, dict) or not isinstance(entry.get("versions"), dict):
                raise ValueError("no versions")
            kept = {int(k): _edits_from(cells) for k, cells in entry["versions"].items()}
            if any(k < 1 for k in kept):
                raise ValueError("a version from 1")
        except (ValueError, TypeError) as exc:
            return Found(problem=f"{self.path}: the hand edits kept for {name} are damaged ({exc}); none restored")
        kept = {k: e for k, e in kept.items() if len(e)}
        n = sum(len(e) for e in kept.values())
        if n and entry.get("digest") != digest:
            return Found(count=n, changed=True)
        return Found(kept, n)

    def keep(self, part, name: str, by_version: dict) -> str:
        """Keep `part`'s edits (version -> HandEdits; none: its entry goes). Returns a problem ('' when kept)."""
        if part is None:
            return ""
        parts = self._parts()
        if self._newer:
            return self.problem
        key, digest = part
        parts.pop(key, None)
        rows = {str(k): _rows(e) for k, e in sorted(by_version.items()) if len(e)}
        if rows:
            parts[key] = {"name": name, "digest": digest, "saved": round(time.time()), "versions": rows}
        recent = sorted(parts.items(), key=lambda kv: _saved_at(kv[1]))
        doc = {"format": FORMAT, "version": VERSION, "parts": dict(recent[-MAX_PARTS:])}
        try:
            atomic_write_text(self.path, json.dumps(doc, indent=1) + "\n")
        except (OSError, ReaGrooveError) as exc:
            return f"hand edits not kept: {exc}"
        return ""


__all__ = ["Found", "KeptEdits", "file_part_id", "kept_edits_path", "selection_part_id"]
