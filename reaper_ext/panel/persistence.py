"""The panel window's persistence: the docks' layout and quick view (F2), the panel's options and settings,
saved to the config folder (store.py) and restored at the next start.

PanelPersistence is mixed into PanelWindow (app.py), which calls _restore_layout once its docks are built and
save_state through a short timer (_save_soon) after each change, and at shutdown.
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, QSignalBlocker

from reagroove.core.errors import ReaGrooveError



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
        hidden = ("genre", "sound", "live")
        before = self._before_quick_view
        if on and before is None and any(self.docks[n].isVisible() for n in hidden):
            self._before_quick_view = self.saveState()
        for name in hidden:
            self.docks[name].setVisible(not on)
        if not on:
            self._before_quick_view = None
            if before is not None:
                self.restoreState(before)
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(on)
        self._save_soon()

    def reset_layout(self) -> None:
        """Every dock back where it started; quick view, which hides docks, is off then (its check would lie)."""
        self.restoreState(self.default_layout)
        self._before_quick_view = None
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(False)
        self._save_soon()

    def _save_soon(self) -> None:
        self._save_timer.start()

    def panel_options(self) -> dict:
        options = dict(self.options)
        options.update({
            "advanced": self.advanced.is_expanded(),
            "quick_view": self.quick_view_action.isChecked(), "bpm": self.bpm_spin.value(),
            "clock_in": self.clock_in.isChecked(),
        })
        for key, combo in (("in_port", self.in_port), ("out_port", self.out_port)):
            if combo.currentData():
                options[key] = combo.currentData()
        return options

    def save_state(self) -> None:
        layout = {"geometry": _b64(self.saveGeometry()), "state": _b64(self.saveState())}
        if self._before_quick_view is not None:  # quick view ended after a restart puts these sections back
            layout["before_quick_view"] = _b64(self._before_quick_view)
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
        quick = bool(self.options.get("quick_view", False))
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(quick)
        if quick:
            self._before_quick_view = _unb64(layout.get("before_quick_view", "")) or None
