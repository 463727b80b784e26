"""The panel window's files: a MIDI or audio part opened as the input, a file as pattern A or B, and the drums
exported (one file, or Variations' versions) on the job thread.

PanelFiles is mixed into PanelWindow (app.py); the reading and writing are the controller's (controller.py,
input_groove.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from reagroove.core.errors import ReaGrooveError
from reagroove.core.file_kinds import AUDIO_SUFFIXES, MIDI_SUFFIXES

from .controller import variation_paths
from .input_groove import input_from_midi
from .modes import MIDI_FILTER, with_notes
from .note_words import in_panel_words


_AUDIO_GLOBS = " ".join("*" + s for s in AUDIO_SUFFIXES)
# What can be opened as the input or a pattern: MIDI or audio (read with core/audio.py).
_MIDI_GLOBS = " ".join("*" + s for s in MIDI_SUFFIXES)
INPUT_FILTER = (f"MIDI and audio files ({_MIDI_GLOBS} {_AUDIO_GLOBS});;MIDI files ({_MIDI_GLOBS});;"
                f"Audio files ({_AUDIO_GLOBS});;All files (*)")


def not_opened(path, reason: str, kept) -> str:
    """A file that could not be opened, said as not opened: the error alone ("/long/path/bad.mid: file is truncated
    ...") read as the file's own note, the roll still showing the part open before under its old heading."""
    for named in (str(path), Path(path).name):
        reason = reason.removeprefix(f"{named}: ")
    stays = f"; {kept.name} stays open" if kept is not None and getattr(kept, "name", "") else ""
    return f"could not open {Path(path).name}: {reason}{stays}"


class PanelFiles:
    """Open a part or a pattern file, export the drums (app.py's File menu and buttons)."""

    def ask_open_midi(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a MIDI or audio file as the input", self._last_dir(), INPUT_FILTER)
        if path:
            self.open_midi(path)

    def open_midi(self, path) -> bool:
        try:
            source = input_from_midi(path)
        except ReaGrooveError as exc:
            # in the panels' words: a short take's "(give --bpm, and --start for bar 1)" offered options none has
            self.say(not_opened(path, in_panel_words(str(exc)), self.controller.input))
            return False
        self.options["midi"] = str(Path(path).resolve())
        self.options["window"] = source.window
        kept = self.switch_hand_edits(source)  # the last part's edits kept with it, this one's put back
        self.set_input(source)
        estimated = [m for m in source.messages if m.startswith("estimated")][:1]  # audio: the tempo and bar 1 found
        # one line: what was opened, where the hand edits went (the roll no longer shows them: said first, as a narrow
        # line drops its last clauses and a waltz's three file notes had pushed it out at 1280 px), then the file's
        # notes (a pickup bar, its meter, a clipped take...); a drum part is said by the windows' own note: once
        past = self.controller.fills_past_end()  # fill bars kept from a longer song: none of them heard in this one
        self.say(with_notes(f"input: {Path(path).name} ({source.windows_text()})"
                            + "".join(f"; {in_panel_words(m)}" for m in estimated),
                            kept + [m for m in source.messages if m not in estimated] + ([past] if past else [])))
        return True

    def _last_dir(self) -> str:
        midi = self.options.get("midi")
        return str(Path(midi).parent) if midi else str(Path.home())

    def ask_export_drums(self) -> None:
        if self.controller.input is None or self.controller.input.content is None:
            self.say(self.open_first_text(": the drums are written for the whole file"))
            return
        default = Path(self.controller.input.path).with_name(Path(self.controller.input.path).stem + "_drums.mid")
        path, _ = QFileDialog.getSaveFileName(self, "Export the drums as MIDI", str(default), MIDI_FILTER)
        path = self._midi_path(path) if path else None
        if path:
            self.export_drums(path)

    def export_drums(self, path) -> None:
        # the input as it is now: the job may start after another file is opened
        # version 1 (the plain drums) with its hand edits: another version shown is said, not silently dropped
        note = self.version_written_note()
        note = f"; note: {note}" if note else ""
        self._run_job("export", self.controller.export_drums, path, self.controller.settings, self.controller.input,
                      self.controller.edits, then=lambda text: self._written([Path(path)], text + note))

    def write_variations(self, path) -> None:
        paths = variation_paths(path, self.controller.variations)
        self._run_job("variations", self.controller.write_variations, path, self.controller.variations,
                      self.controller.settings, self.controller.input, self.controller.all_edits(),
                      then=lambda text: self._written(paths, text))

    def _written(self, paths: list[Path], said: str) -> str:
        """A job wrote `paths`: kept in view (written.py) after the status line has moved on; what it said."""
        self.written_line.wrote(paths)
        return said

    def _ask_pattern_file(self, slot: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Pattern {slot} from a MIDI or audio file", self._last_dir(), INPUT_FILTER)
        if path:
            self.pattern_from_midi(slot, path)

    def pattern_from_midi(self, slot: str, path) -> None:
        notes: list[str] = []  # an audio file's estimated tempo and bar 1
        before = self.controller.settings
        try:
            self.controller.add_pattern_from_midi(path, slot, notes)
        except ReaGrooveError as exc:
            self.say(in_panel_words(str(exc)))  # (as a file opened: an audio take too short to read a tempo from)
            self._sync()
            return
        self.controller.remember(before)  # Ctrl+Z: the pattern the slot held, as for one chosen in its box
        self.settings_changed()
        pattern = self.controller.pattern(slot)
        self.say(with_notes(f"pattern {slot} from {pattern.source} (saved as '{pattern.name}')", notes))
