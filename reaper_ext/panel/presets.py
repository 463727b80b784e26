"""The panel window's presets: save (asking before replacing another), load (an Undo step), delete (asking first).

PanelPresets is mixed into PanelWindow (app.py); the presets themselves are
kept by the controller and saved by store.py.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from reagroove.core.errors import ReaGrooveError


class PanelPresets:
    def ask_save_preset(self) -> None:
        shown = self.preset_combo.currentText()
        name, ok = QInputDialog.getText(self, "Save preset", "Name:", text=shown)
        name = name.strip()
        if not ok or not name:
            return
        # the preset shown is updated without a question; another one typed by name would be lost silently
        if name != shown and name in self.controller.presets and QMessageBox.question(
                self, "Replace preset", f"A preset named '{name}' exists. Replace it with the current settings?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            self.say(f"preset '{name}' kept as it was")
            return
        self.save_preset(name)

    def save_preset(self, name: str) -> None:
        replaced = name.strip() in self.controller.presets
        try:
            self.controller.save_preset(name)
        except ReaGrooveError as exc:
            self.say(str(exc))
            return
        self._sync(preset=name.strip())
        self.say(f"preset '{name.strip()}' {'replaced' if replaced else 'saved'}")

    def load_preset(self, name: str) -> None:
        before = self.controller.settings
        try:
            self.controller.load_preset(name)
        except ReaGrooveError as exc:
            self.say(str(exc))
        else:
            self.say(f"preset '{name}' loaded")  # not the line before it, as if the choice had not been taken
        self.controller.remember(before)  # Ctrl+Z: the settings the preset replaced
        self.settings_changed()

    def ask_delete_preset(self) -> None:
        """Delete preset (toolbar, menu): asks first, as saving over one does; a click beside Save preset
        would lose it for good."""
        name = self.preset_combo.currentText()
        if name and QMessageBox.question(
                self, "Delete preset", f"Delete the preset '{name}'?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            self.say(f"preset '{name}' kept")
            return
        self.delete_current_preset()

    def delete_current_preset(self) -> None:
        name = self.preset_combo.currentText()
        if not name:
            self.say("no preset is shown: choose the one to delete in the Preset box first")
            return
        try:
            self.controller.delete_preset(name)
        except ReaGrooveError as exc:
            self.say(str(exc))
            return
        self._sync()
        self.say(f"preset '{name}' deleted")
