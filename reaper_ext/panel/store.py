"""Where the panel keeps its state between runs.

JSON files in the user's config folder (platformdirs' user_config_dir("reagroove"), or $REAGROOVE_CONFIG):

    settings.json the settings: the one record the Qt panel, the docked panel in REAPER and the
                  engine's `--settings FILE` all read (Settings.save / Settings.load)
    panel.json    the Qt panel's own options and window layout (and, before settings.json, the settings)
    presets.json  named settings

Settings are kept in the one saved form everywhere (Settings.to_document:
{"format": "reagroove-settings", "version": 1, "settings": {...}}), in
settings.json and as each entry of panel.json's "settings" and presets.json's
"presets"; the older bare dicts there still load (Settings.from_document).

Why one file rather than REAPER's ext-state: both panels and the engine
processes run on the same machine and all read files directly, the Qt panel
also works with REAPER closed, and an ext-state read from outside REAPER
costs a round trip through ReaGroove's server (one per defer tick).
SharedSettings notices the other side's writes by the file's identity
(inode, mtime, size), one cheap stat per update tick.

Both are written atomically (a temporary file, then a rename), so a crash
never leaves half a file. A missing or damaged file means defaults, with a
problem noted for the status bar; it is replaced at the next save.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from reagroove.core.errors import InputFileError, ReaGrooveError
from reagroove.core.files import atomic_write_text, read_json
from reagroove.core.settings import PANEL_FORMAT, Settings, SettingsError

STATE_FORMAT = PANEL_FORMAT  # Settings.from_document reads panel.json for its settings
PRESETS_FORMAT = "reagroove-panel-presets"
# 2: settings entries are settings documents (version 1 held bare dicts; both load)
VERSION = 2


def default_config_dir() -> Path:
    from platformdirs import user_config_dir

    from reagroove.core.option_paths import env_path

    return env_path("REAGROOVE_CONFIG") or Path(user_config_dir("reagroove"))  # its '~' the home folder


def _stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class SharedSettings:
    """settings.json, read and written by both panels: `poll()` each update tick returns the other side's
    new settings (or None), `write(settings)` publishes ours. A write replaces the file atomically, so a
    reader never sees half of it; when both sides change something in the same tick, the last write wins.

    With `background=True` writes happen on a writer thread (the latest settings only): an atomic write
    syncs the file to disk, which can take 100 ms on a busy disk, and a UI thread (REAPER's, Qt's) must
    not wait for it. `flush()` waits for the pending write (before another process reads the file).
    """

    def __init__(self, path: str | os.PathLike, *, background: bool = False):
        self.path = Path(path)
        self._seen = _stamp(self.path)
        self.problem = ""
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending: Settings | None = None
        self._writing = False
        self._writer: threading.Thread | None = None
        self.background = background

    def read(self) -> Settings | None:
        """The settings in the file (None if there is none); a damaged file sets `problem` and gives None."""
        self._seen = _stamp(self.path)
        if self._seen is None:
            return None
        try:
            settings = Settings.load(self.path)
        except ReaGrooveError as exc:
            self.problem = f"{exc}; keeping the current settings"
            return None
        self.problem = ""
        return settings

    def poll(self) -> Settings | None:
        """New settings if the file changed since we last read or wrote it (never while our write is pending)."""
        with self._lock:
            if self._pending is not None or self._writing or _stamp(self.path) == self._seen:
                return None
        return self.read()

    def _newer_file(self) -> str:
        """Why settings.json is left as it is ("" when it may be written): one saved by a newer ReaGroove
        holds what this one cannot read, and writing it would lose that."""
        version = Settings.newer_version(self.path)
        if version is None:
            return ""
        return (f"{self.path} was saved by a newer ReaGroove (settings format {version}): it is left as it is "
                "and changes here are not saved to it; update ReaGroove")

    def write(self, settings: Settings) -> None:
        """Publish our settings (OSError if the file cannot be written; in the background: `problem`), unless
        the file is a newer ReaGroove's (left as it is, `problem` says so)."""
        if not self.background:
            newer = self._newer_file()
            if newer:
                self.problem = newer
                return
            settings.save(self.path)
            self._seen = _stamp(self.path)
            self.problem = ""  # a good write ends an earlier problem, as in the background
            return
        with self._lock:
            self._pending = settings
            self._idle.notify_all()
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_pending, name="reagroove-settings", daemon=True)
                self._writer.start()

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until the settings given to `write` are on disk."""
        with self._idle:
            self._idle.wait_for(lambda: self._pending is None and not self._writing, timeout)

    def _write_pending(self) -> None:
        while True:
            with self._lock:
                settings, self._pending = self._pending, None
                if settings is None:
                    self._writer = None
                    self._idle.notify_all()
                    return
                self._writing = True
            try:
                problem = self._newer_file()
                if not problem:
                    settings.save(self.path)
            except OSError as exc:
                problem = f"cannot write {self.path}: {exc.strerror or exc}"
            with self._lock:
                self._seen = _stamp(self.path)
                self._writing = False
                self.problem = problem  # a good write ends an earlier "cannot write" or damaged-file problem
                self._idle.notify_all()


class PanelStore:
    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder is not None else default_config_dir()
        self.state_path = self.folder / "panel.json"
        self.presets_path = self.folder / "presets.json"
        self.shared = SharedSettings(self.folder / "settings.json", background=True)
        self.problems: list[str] = []

    def _read(self, path: Path, fmt: str) -> dict:
        if not path.exists():
            return {}
        try:
            doc = read_json(path, "ReaGroove panel file", fmt)
        except InputFileError as exc:
            self.problems.append(f"{exc}; using defaults")
            return {}
        version = doc.get("version", 1)
        if not isinstance(version, int) or version > VERSION:
            self.problems.append(f"{path}: version {version!r} is newer than this ReaGroove reads (up to {VERSION}); "
                                 "using defaults")
            return {}
        return doc

    # ------------------------------------------------------------ state

    def load_state(self) -> dict:
        """{"settings": Settings, "options": dict, "layout": dict}; defaults where missing or bad."""
        doc = self._read(self.state_path, STATE_FORMAT)
        try:
            settings = Settings.from_document(doc["settings"]) if "settings" in doc else Settings()
        except (SettingsError, TypeError) as exc:
            self.problems.append(f"{self.state_path}: {exc}; using default settings")
            settings = Settings()
        shared = self.shared.read()  # the record both panels share wins over panel.json's older copy
        if shared is not None:
            settings = shared
        elif self.shared.problem:
            self.problems.append(self.shared.problem)
        options = doc.get("options") if isinstance(doc.get("options"), dict) else {}
        layout = doc.get("layout") if isinstance(doc.get("layout"), dict) else {}
        return {"settings": settings, "options": options, "layout": layout}

    def save_state(self, settings: Settings, options: dict, layout: dict) -> None:
        doc = {"format": STATE_FORMAT, "version": VERSION, "settings": settings.to_document(),
               "options": options, "layout": layout}
        atomic_write_text(self.state_path, json.dumps(doc, indent=2) + "\n")

    # ------------------------------------------------------------ presets

    def load_presets(self) -> dict[str, Settings]:
        doc = self._read(self.presets_path, PRESETS_FORMAT)
        presets = {}
        for name, data in (doc.get("presets") or {}).items():
            try:
                presets[str(name)] = Settings.from_document(data)
            except (SettingsError, TypeError) as exc:
                self.problems.append(f"{self.presets_path}: preset '{name}' left out ({exc})")
        return presets

    def save_presets(self, presets: dict[str, Settings]) -> None:
        doc = {"format": PRESETS_FORMAT, "version": VERSION,
               "presets": {name: s.to_document() for name, s in sorted(presets.items())}}
        atomic_write_text(self.presets_path, json.dumps(doc, indent=2) + "\n")
