"""The panel window's persistence: the docks' layout and quick view (F2), the panel's options and settings,
saved to the config folder (store.py) and restored at the next start; and the hand edits made on a part, kept
with it (kept_edits.py) and put back when that part is opened again.

PanelPersistence is mixed into PanelWindow (app.py), which calls _restore_layout once its docks are built and
save_state through a short timer (_save_soon) after each change, and at shutdown.
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, QSignalBlocker

from reagroove.core.errors import ReaGrooveError

from .edits import count_text
from .narrow import QUICK_HIDDEN


def _b64(data: QByteArray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(text) -> QByteArray | None:
    try:
        return QByteArray(base64.b64decode(str(text), validate=True))
    except (ValueError, TypeError):
        return None


class PanelPersistence:
    """Layout, quick view and options: saved soon after a change, restored at the start (app.py's __init__)."""

    def set_quick_view(self, on: bool) -> None:
        """Quick view keeps the pad, the quick controls and the piano roll (for playing live); leaving it puts
        every section back as it was (shown again, they came back shorter and the Sound section squeezed)."""
        before = self._before_quick_view
        if on and before is None and any(not self.docks[n].isHidden() for n in QUICK_HIDDEN):
            # a wide layout only (narrow.py): narrow, the sections are tabs that come back as they were
            self._before_quick_view = self._wide_state if self.narrow else self.saveState()
        for name in QUICK_HIDDEN:
            self.docks[name].setVisible(not on)
        if not on:
            self._before_quick_view = None
            if before is not None and self.narrow:
                self._wide_state = before  # the wide layout to come back to shows them again
            elif before is not None:
                self.restore_layout_state(before)  # kept at another width, maybe (narrow.py)
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(on)
        self.fit_layout()  # every section back may need more than the window's width
        self._save_soon()

    def reset_layout(self) -> None:
        """Every dock back where it started; quick view, which hides docks, is off then (its check would lie)."""
        self.restoreState(self.default_layout)
        self.reset_sizes()  # kept at the window's first size: fitted to this one (section_sizes.py)
        self._before_quick_view = self._wide_state = None
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(False)
        self.fit_layout()  # a narrow window: the default layout stacked (narrow.py)
        self._save_soon()

    def _save_soon(self) -> None:
        self._save_timer.start()

    def panel_options(self) -> dict:
        options = dict(self.options)
        options.update({
            "advanced": self.advanced.is_expanded(),
            "quick_view": self.quick_view_action.isChecked(), "bpm": self.bpm_spin.value(),
            "clock_in": self.clock_in.isChecked(), "left_column": self.column_option(),
        })
        for key, combo in (("in_port", self.in_port), ("out_port", self.out_port)):
            if combo.currentData():
                options[key] = combo.currentData()
        return options

    def save_state(self) -> None:
        self.keep_hand_edits()
        layout = {"geometry": _b64(self.saveGeometry()), "state": _b64(self.saveState())}
        if self._before_quick_view is not None:  # quick view ended after a restart puts these sections back
            layout["before_quick_view"] = _b64(self._before_quick_view)
        if self.narrow:  # the wide layout comes back when the window is widened after a restart
            layout["wide_state"], layout["wide_width"] = _b64(self._wide_state), self._wide_width
        try:
            self.store.save_state(self.controller.settings, self.panel_options(), layout)
        except OSError as exc:
            problem = exc if isinstance(exc, ReaGrooveError) else f"{self.store.state_path}: {exc.strerror or exc}"
            self.say(f"layout and options not saved: {problem}; free some space or use a writable --config-dir")

    def _restore_layout(self, layout: dict) -> None:
        geometry, state = _unb64(layout.get("geometry", "")), _unb64(layout.get("state", ""))
        if geometry:
            self.restoreGeometry(geometry)
        if state:
            self.restoreState(state)
            self._layout_restored = True  # its column's width kept as saved, not as first laid out (section_sizes.py)
            self.restore_column(self.options.get("left_column"))
            wide = _unb64(layout.get("wide_state", ""))
            width = layout.get("wide_width")
            if wide and isinstance(width, int):
                self.restore_narrow(wide, width)
        self._wide_kept.keep_restored()  # a window opening narrow stacks its sections; widened, this comes back
        quick = bool(self.options.get("quick_view", False))
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(quick)
        if quick:
            self._before_quick_view = _unb64(layout.get("before_quick_view", "")) or None

    # ------------------------------------------------------------ hand edits kept with their part

    _edits_kept: tuple = (None, {})  # (part, version -> HandEdits) as last kept or restored: unchanged, not rewritten

    def _part_source(self):
        """The part the hand edits shown are on: the input, or the one live follow's loops replaced."""
        source = self.controller.input
        if source is not None and source.live:
            source = self._input_before_live
        return source

    def keep_hand_edits(self) -> bool:
        """Keep the hand edits with their part (soon after each edit, at shutdown, before another part opens);
        whether they are kept (a problem writing is said)."""
        source = self._part_source()
        part = None if source is None else source.part
        if part is None:
            return False
        every = self.controller.all_edits()
        if self._edits_kept == (part, every):
            return True
        problem = self.kept_edits.keep(part, source.name, every)
        if problem:
            if problem != getattr(self, "_kept_problem", ""):  # said once, not at each save
                self.say(problem)
            self._kept_problem = problem
            return False
        self._kept_problem = ""
        self._edits_kept = (part, every)
        here = self.__dict__.setdefault("_kept_here", set())  # parts whose edits were made in this session
        (here.add if every else here.discard)(part[0])
        return True

    def switch_hand_edits(self, source) -> list[str]:
        """`source` is opened: the last part's hand edits are kept with it and leave the roll (their bars are not
        this part's), and the ones kept with this part come back. What to say of it."""
        before = self._part_source()
        if before is not None and before.part is not None and before.part == source.part:
            return []  # the same part, unchanged: its edits stay where they are
        kept = self.keep_hand_edits()
        what = "file" if before is None or before.path else "selection"
        n = self.controller.drop_edits()
        notes = [f"{count_text(n)} of the last {what} cleared"
                 + (" from the roll (kept with it: back when it is opened again)" if kept else "")] if n else []
        # back on a part edited minutes ago, "from your last session" read as if yesterday's edits had come back
        earlier = source.part is not None and source.part[0] in self.__dict__.get("_kept_here", ())
        restored, text = self.kept_edits.restore(source.part, source.name,
                                                 "made on it earlier" if earlier else "from your last session")
        for version, edits in restored.items():
            self.controller.set_edits_on(version, edits)
        self._edits_kept = (source.part, self.controller.all_edits())
        return notes + ([text] if text else [])
