"""Auditioning Variations' versions in the editor: version k of the shown window, as Variations writes it.

Variations (controller.write_variations, actions.variations_of_selection) writes Engine.variations_of of
the part drummed; the preview shows window w of version k from that same call on the part the preview
drums (PanelController.drum_part, bit for bit the export's), with the count the settings hold, so what
is shown is what is written. Version 1 is the plain preview itself (PanelController.generate).

Hand edits belong to the version they were made on (PanelController.edits_on): version 1's are the drums
Export and Drumify write, version k's are drawn on version k and written by Variations; showing another
version neither applies nor drops them, and the status line says when the version shown has none.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QLabel, QSpinBox

from reagroove.core.errors import ReaGrooveError

from .controller import noted
from .edits import count_text, where_edits_are

NOTHING_SHOWN = ": Alt+←/→ then shows the versions Variations writes of its drums"  # said with nothing open


class VersionsOf:
    """The preview's generate (PreviewWorker's, off the UI thread): `version` 1 is PanelController.generate,
    version k > 1 window w of Engine.variations_of(the part drummed, settings, settings.variations)[k - 1]."""

    def __init__(self, controller):
        self.controller = controller
        self._last: tuple | None = None  # (part drummed, settings, its versions): another window of it is read here

    def __call__(self, settings, groove, *, version: int = 1, **inputs) -> np.ndarray:
        if version <= 1:
            loop = self.controller.generate(settings, groove, **inputs)
            loop.version = 1
            return loop
        n = settings.variations
        if version > n:
            raise ReaGrooveError(f"version {version}: Variations makes {n} (raise the count first)")
        result, window = self.controller.drum_part(settings, groove, **inputs)
        last = self._last
        if last is not None and last[0] is result and last[1] == settings:
            versions = last[2]
        else:  # the export's very call: the versions are judged against one another, so all n are drawn
            versions = self.controller.engine.variations_of(result, settings, n)
            self._last = (result, settings, versions)
        loop = noted(versions[version - 1][window], result.messages)
        loop.version = version
        return loop


class PanelVersions:
    """The window's side (mixed into app.PanelWindow before PanelHandEdits): the Version box beside the
    Variations count, Alt+←/→, the roll showing the version picked with its own hand edits."""

    def _build_version_box(self, row) -> None:
        self.version_spin = QSpinBox()
        self.version_spin.setRange(1, max(self.controller.variations, 1))
        self.version_spin.setPrefix("v")
        self.version_spin.setToolTip("which of the Variations versions the piano roll shows, as Variations writes "
                                     "it (Alt+←/→); each version keeps its own hand edits")
        self.version_spin.valueChanged.connect(self.show_version)
        label = QLabel("Show")
        row.addWidget(label)
        row.addWidget(self.version_spin)

    @property
    def version_shown(self) -> int:
        return min(self.version_spin.value(), max(self.controller.variations, 1))

    def step_version(self, step: int) -> None:
        """Alt+→ / Alt+←: the next (previous) version; at the ends it says how many there are. With nothing open it
        says to open a part (it said "version 2 of 4 shown, as Variations writes it" over an empty roll)."""
        if self.controller.input is None:
            self.say(self.open_first_text(NOTHING_SHOWN))
            return
        k = self.version_spin.value() + step
        if not 1 <= k <= self.controller.variations:
            self.say(f"version {self.version_spin.value()} of {self.controller.variations} shown "
                     "(the Variations count sets how many)")
            return
        self.version_spin.setValue(k)

    def show_version(self, k: int) -> None:
        """Version k of the shown window in the roll (a view: no setting changes, the hand edits stay)."""
        self.request_preview()
        self.say(self.version_text(k) if self.controller.input is not None else self.open_first_text(NOTHING_SHOWN))

    def version_text(self, k: int) -> str:
        """What the status line says of version k shown: its hand edits, or where they are when it has none."""
        n = self.controller.variations
        text = f"version {k} of {n} shown" + ("" if k <= 1 else ", as Variations writes it")
        mine, every = self.controller.edits_on(k), self.controller.all_edits()
        if len(mine):
            return f"{text}, with its {count_text(len(mine))}"
        if every:
            return f"{text}: none of the hand edits are on it ({where_edits_are(every)})"
        return text + ("" if k <= 1 else " (Export and Drumify write version 1; Variations writes all)")

    def version_written_note(self) -> str:
        """What Export and Drumify say where another version than the one they write (version 1) is shown."""
        shown = self._version_drawn
        if shown <= 1:
            return ""
        mine = len(self.controller.edits)
        return (f"version 1 written{f', with its {count_text(mine)}' if mine else ''} (version {shown} is shown: "
                "Variations writes every version with its own hand edits)")

    def sync_versions(self, *, redraw: bool = False) -> None:
        """The Variations count changed (its box, Undo, the docked panel): the Version box follows it; a version
        past the new count goes back to the last one. `redraw`: a version > 1 is drawn again (drawn among n
        others) — only where no preview is asked for anyway: after a settings change (settings_changed asks
        for one) a second request computed the shown version twice."""
        n = max(self.controller.variations, 1)
        before, most = self.version_spin.value(), self.version_spin.maximum()
        with QSignalBlocker(self.version_spin):
            self.version_spin.setMaximum(n)
        past = sorted(k for k in self.controller.all_edits() if n < k <= most)
        if past:  # out of reach now, not gone: said, as a hand edit is never dropped silently
            self.say(f"hand edits on version{'s' if len(past) > 1 else ''} {', '.join(map(str, past))} kept, not "
                     f"shown or written: Variations makes {n} now (raise the count to get them back)")
        elif self.version_spin.value() != before:  # the version shown was past the count: the line said "3 of 3"
            self.say(f"{self.version_text(self.version_spin.value())} (Variations makes {n} now)")
        self.version_spin.setEnabled(n > 1)
        if redraw and (before > 1 or self.version_spin.value() != before):
            self.request_preview()

    def show_drums(self, groove, loop, tag) -> None:
        self._version_drawn = getattr(loop, "version", 1)
        source = self.controller.input
        if source is not None and loop is not None:  # the roll's heading says it: the status line goes after 10 s
            more = f" · version {self._version_drawn} of {self.controller.variations}" if self._version_drawn > 1 else ""
            self.input_label.setText(source.label() + more)
        super().show_drums(groove, loop, tag)  # with the hand edits of its own version on top


__all__ = ["PanelVersions", "VersionsOf"]
