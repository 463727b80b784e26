"""The panel window's wiring: actions with their shortcuts, the big buttons, the toolbar and the menus.

PanelWiring is mixed into PanelWindow (app.py). Every command is one QAction
added to the window, so its shortcut works wherever the focus is, and the
buttons, toolbar and menus show the same action (one enabled state, one
checked state).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolBar,
    QToolButton, QWidget,
)

from reagroove.core.genres import GENRE_LABELS, GENRES

from .controller import TYPING
from .controls import ElidedCombo, ElidedLabel, WheelWhenFocused, wheel_when_focused
from .live_notes import NAMES
from .undo_names import next_step_text

STEP = 0.05  # how far a shortcut moves follow, interpolate and density
# what Undo names as the control shows it and the Edit menu named it (else the setting's name): the line said
# "undone: interpolate" after the menu's "Undo A ↔ B 0 → 0.5"
UNDONE_NAMES = NAMES
BADGE_MAX_WIDTH = 280  # the mode badge's share of the toolbar; the whole text is in its tooltip and the Live status


def drag_gesture(change, args, kwargs):
    """What an edit is, while a mouse button is held (a drag: its moves are one Undo step), while typing in a
    field (one entry: a seed's digits, each taken as typed, are one step) or by keys on a slider, else None."""
    what = (getattr(change, "__name__", ""), tuple(a for a in args[:1] if isinstance(a, (str, int))),
            tuple(sorted(kwargs)))
    field = QApplication.focusWidget()
    if isinstance(field, (QLineEdit, QAbstractSpinBox)):
        return TYPING, id(field), field.property("entries") or 0, what
    if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return what
    # a focused slider's arrow keys (or wheel): a run of them is one step, as the pad's keys are (app._by_key)
    return ("keys", id(field), what) if isinstance(field, QAbstractSlider) else None


class LettersToListBox(QObject):
    """A letter typed in a list box with the focus picks its entry ("r": rock), as in any list, instead of being the
    window's one-letter key (R new seed, L live follow); digits and other keys stay the window's."""

    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QComboBox)
                and not watched.isEditable() and event.text().isalpha()
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier):
            event.accept()  # the combo box gets it as a key press
            return True
        return False


class PanelWiring:
    def undo_edit(self, redo: bool = False) -> None:
        """Ctrl+Z / Ctrl+Shift+Z: the settings before (after) the last edit, a preset loaded, a drag."""
        before = self.controller.settings
        after = self.controller.redo() if redo else self.controller.undo()
        if after is None:
            self.say(f"nothing to {'redo' if redo else 'undo'}")
            return
        old, new = before.to_dict(), after.to_dict()
        # the Variations count with its values: nothing else in sight changes with it (the loop shown stays)
        changed = [f"variations {before.variations} → {after.variations}" if k == "variations" else UNDONE_NAMES.get(k, k.replace("_", " "))
                   for k in new if old.get(k) != new[k]]
        if not changed:  # a hand edit on the piano roll (edits.py), on the version it was made on
            version = self.controller.edits_stepped or 1
            on = f" on version {version}" if version > 1 else ""
            away = ", not the one shown: Alt+←/→ to see it" if version != self._version_drawn else ""
            self._show_bars(self.controller.step_bars)
            said = f": {self.controller.step_said}" if self.controller.step_said else ""
            changed = [f"hand edit{on}{said} ({len(self.controller.edits_on(version))} kept{away})"]
        self.say(f"{'redone' if redo else 'undone'}: {', '.join(changed[:4])}{' …' if len(changed) > 4 else ''}")
        self.settings_changed()

    def name_undo_steps(self) -> None:
        """The Edit menu's Undo and Redo named with what they take back ("Undo variations 4 → 6"), as it opens."""
        for action, redo, word in ((self.undo_action, False, "Undo"), (self.redo_action, True, "Redo")):
            what = next_step_text(self.controller, redo=redo)
            action.setText(f"{word} {what}" if what else word)
            action.setEnabled(bool(what))

    def toggle_half_time(self) -> None:
        """H: half time on or off, said on the status line as the other keys' changes are."""
        self._said_edit(self.controller.update, feel="normal" if self.controller.settings.feel == "half" else "half")

    def _show_bars(self, bars) -> None:
        """The window of one of `bars` (hand edits' windows, by their first bar) on the roll, unless one is shown:
        Ctrl+Z had taken back an edit made in another window, out of sight, with nothing seen to change."""
        source = self.controller.input
        if source is None or source.live or not bars or int(source.bars[source.window]) in bars:
            return
        found = [k for k, bar in enumerate(source.bars) if int(bar) in bars]
        if found:
            self.window_spin.setValue(found[0] + 1)  # _pick_window

    def toggle_advanced(self) -> None:
        """F3: the Advanced section shown or hidden. Its Sound section hidden (quick view, or closed), F3 opened or
        shut it out of sight and nothing seemed to happen: the section is shown, the Advanced part open in it."""
        sound = self.docks["sound"]
        if sound.isVisible():
            self.advanced.set_expanded(not self.advanced.is_expanded())
        else:
            if self.quick_view_action.isChecked():
                self.set_quick_view(False)  # every section back as it was
            sound.show()
            sound.raise_()  # tabbed with another section: its tab
            self.advanced.set_expanded(True)
        if self.advanced.is_expanded():
            # it opened below the fold of the Sound section (its header's arrow the only change in sight): scrolled
            # into view, from its header down, once the section has laid out its new height
            QTimer.singleShot(0, self._advanced_in_view)

    def _advanced_in_view(self) -> None:
        scroll = self.docks["sound"].widget()
        if not hasattr(scroll, "verticalScrollBar") or scroll.widget() is None:
            return
        bar, top = scroll.verticalScrollBar(), self.advanced.mapTo(scroll.widget(), QPoint(0, 0)).y()
        if top < bar.value() or top + self.advanced.height() > bar.value() + scroll.viewport().height():
            bar.setValue(min(top, bar.maximum()))

    def _action(self, text: str, slot, shortcut=None, *, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            keys = shortcut if isinstance(shortcut, (list, tuple)) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(f"{tip} ({action.shortcut().toString()})" if shortcut else tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("Open MIDI/audio…", self.ask_open_midi, "Ctrl+O", tip="use a MIDI or audio file as the input groove")
        self.export_action = a("Export drums…", lambda: self._live_input_shown(what="Export") or self.ask_export_drums(), "Ctrl+E",
                               tip="write drums for the whole input file as MIDI")
        self.selection_action = a("Read REAPER selection", self.read_reaper_selection, "Ctrl+I",
                                  tip="use the selected MIDI items in REAPER as the input groove")
        self.drumify_action = a("Drumify", self.drumify, "Ctrl+D",
                                tip="REAPER: drums for the selected items; standalone: drums for the MIDI file")
        self.variations_action = a("Variations", self.make_variations, "Ctrl+Shift+V",
                                   tip="N versions of the drums (REAPER: on new tracks; standalone: N MIDI files)")
        self.live_action = a("Live follow", self.set_live, "L", checkable=True,
                             tip="follow live input: in REAPER with an armed track, standalone on MIDI ports")
        self.fill_action = a("Fill into next section", self.cue_next_section, "F",
                             tip="while live follow plays: the drums fill into the next section (a fill in the bar "
                                 "before it, a crash on its 1), as at a marker")
        self.dice_action = a("New seed", lambda: self._said_edit(self.controller.new_seed), "R", tip="roll the dice")
        self.quick_view_action = a("Quick view", self.set_quick_view, "F2", checkable=True,
                                   tip="only the pad, the quick controls and the piano roll")
        self.advanced_action = a("Advanced section", self.toggle_advanced, "F3",
                                 tip="show or hide per-voice hit thresholds and hit limits")
        self.save_preset_action = a("Save preset…", self.ask_save_preset, "Ctrl+S",
                                    tip="keep every setting under a name, to come back to")
        self.delete_preset_action = a("Delete preset", self.ask_delete_preset, tip="forget the preset shown")
        self.reset_layout_action = a("Reset layout", self.reset_layout, tip="every section back where it started")
        self.quit_action = a("Quit", self.close, "Ctrl+Q", tip="save and close the panel")
        self.undo_action = a("Undo", lambda: self.undo_edit(), "Ctrl+Z", tip="the settings before the last change")
        self.clear_edits_action = a("Clear hand edits", self.clear_hand_edits,
                                    tip="drop the hits added and removed on the version shown in the piano roll (Ctrl+Z brings "
                                        "them back; other versions keep theirs)")
        self.redo_action = a("Redo", lambda: self.undo_edit(redo=True), ["Ctrl+Shift+Z", "Ctrl+Y"],
                             tip="the change undone last, again")
        nudges = (("follow", +STEP, "Ctrl+Up"), ("follow", -STEP, "Ctrl+Down"),
                  ("interpolate", +STEP, "Ctrl+Right"), ("interpolate", -STEP, "Ctrl+Left"),
                  ("density", +STEP, "]"), ("density", -STEP, "["))
        for name, step, key in nudges:
            a(f"{name} {'+' if step > 0 else '−'}", lambda _c=False, n=name, s=step: self.nudge(n, s), key)
        for i, genre in enumerate(GENRES):
            a(f"{GENRE_LABELS[genre]} alone", lambda _c=False, g=genre: self._said_edit(self.controller.solo_genre, g),
              str(i + 1))
        a("No genre preference", lambda: self._said_edit(self.controller.solo_genre, None), "0")
        self.half_time_action = a("Half time", self.toggle_half_time, "H",
                                  tip="each 4/4 bar in half time (the backbeat on 3), or back")
        self.next_version_action = a("Next version", lambda: self.step_version(+1), "Alt+Right",
                                     tip="show the next of the Variations versions in the piano roll")
        self.previous_version_action = a("Previous version", lambda: self.step_version(-1), "Alt+Left",
                                         tip="show the previous Variations version (each keeps its own hand edits)")

        # Tab goes on from the genre row's last control to these (made last, they were last in the chain); from the
        # genre box they had come before Half time, beside it, and Tab went back up to it after Live follow
        before = self.half_time
        for action in (self.drumify_action, self.variations_action, self.live_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(40)
            button.setStyleSheet("QToolButton { font-size: 11pt; font-weight: bold; }"
                                 "QToolButton:checked { background: #b8324a; color: white; }")
            self.big_buttons.add(button)
            QWidget.setTabOrder(before, button)
            before = button
        self.shortcut_help.setText(
            "Keys: Ctrl+↑/↓ follow · Ctrl+←/→ A↔B · [ ] density · H half time · 1-9 genre, 0 any · L live · "
            "F fill · "
            "R new seed · Ctrl+D drumify · Ctrl+Shift+V variations · Alt+←/→ version shown · Ctrl+Z undo · F2 quick view · F3 advanced")

        bar = QToolBar("Main")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        # a long mode ("... · live follow on") ends in "…" and leaves the actions room; "Standalone · MIDI files" stays
        self.mode_badge = ElidedLabel(least=len("Standalone · MIDI files"))
        self.mode_badge.setMargin(4)
        self.mode_badge.setMaximumWidth(BADGE_MAX_WIDTH)
        bar.addWidget(self.mode_badge)
        bar.addSeparator()
        # the toolbar says them short (the menus in full, the tooltips what they do): at a 14 pt font the whole
        # texts put Quick view, Save and Delete preset behind the toolbar's "»" on a 1280 px screen
        for action, short in ((self.open_action, "Open"), (self.export_action, "Export"),
                              (self.selection_action, "Read selection"), (self.save_preset_action, "Save"),
                              (self.delete_preset_action, "Delete")):
            action.setIconText(short)
        for action in (self.open_action, self.export_action, self.selection_action):
            bar.addAction(action)
        bar.addSeparator()
        preset_box = QWidget()  # the name with its box: a narrow window put the box behind "»", "Preset" left alone
        preset_row = QHBoxLayout(preset_box)
        preset_row.setContentsMargins(0, 0, 0, 0)
        preset_row.setSpacing(0)
        preset_row.addWidget(QLabel(" Preset "))
        self.preset_combo = ElidedCombo()  # a long preset name ends in "…"; whole in its tooltip
        self.preset_combo.setMinimumContentsLength(14)
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setPlaceholderText("unsaved (Ctrl+S)")  # shown when the settings match no preset
        self.preset_combo.setToolTip("load a saved preset: every setting at once")
        self.preset_combo.currentIndexChanged.connect(lambda _i: self.load_preset(self.preset_combo.currentText()))
        # the wheel over it loaded a preset at once, every setting replaced (unsaved changes lost): not unfocused
        wheel_when_focused(self.preset_combo, WheelWhenFocused(self.preset_combo))
        preset_row.addWidget(self.preset_combo)
        bar.addWidget(preset_box)
        bar.addAction(self.save_preset_action)
        bar.addAction(self.delete_preset_action)
        bar.addSeparator()
        bar.addAction(self.quick_view_action)
        self.addToolBar(bar)
        more = bar.findChild(QToolButton, "qt_toolbar_ext_button")  # Fusion's own arrow: dark on the dark theme
        if more is not None:  # a narrow window puts the presets and Quick view behind it (narrow.py)
            more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            more.setText("»")
            more.setToolTip("the rest of the toolbar (also in the Presets and View menus)")
        self._letters_to_lists = LettersToListBox(self)
        for combo in self.findChildren(QComboBox):
            combo.installEventFilter(self._letters_to_lists)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for action in (self.open_action, self.export_action, None, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit = menus.addMenu("&Edit")
        edit.aboutToShow.connect(self.name_undo_steps)
        # shut, the menu's Undo and Redo are as they were made: Ctrl+Z stays on, whatever was named last
        edit.aboutToHide.connect(lambda: [a.setEnabled(True) for a in (self.undo_action, self.redo_action)])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addAction(self.clear_edits_action)
        play = menus.addMenu("&Drums")
        for action in (self.drumify_action, self.variations_action, self.live_action, self.fill_action,
                       self.selection_action,
                       self.half_time_action, self.dice_action, self.previous_version_action, self.next_version_action):
            play.addAction(action)
        presets = menus.addMenu("&Presets")
        presets.addAction(self.save_preset_action)
        presets.addAction(self.delete_preset_action)
        view = menus.addMenu("&View")
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        for action in (self.quick_view_action, self.advanced_action, self.reset_layout_action):
            view.addAction(action)

