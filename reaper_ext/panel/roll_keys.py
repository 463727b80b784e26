"""The piano roll by keyboard: a cursor cell moved with the arrows, and the mouse's edits on keys. The roll took no
keys at all (no Tab stop): a producer without a mouse, or one who keeps a hand on the keys, could not add, remove,
move or re-velocity a single hit; with the mouse too, hits moved one at a time and a bar copied hit by hit.

    F4 (or a click) on the roll, then: arrows the cell · Space (Enter) add/remove · Delete remove · Shift+arrows
    move the hit · + / − velocity · Ctrl+C copy the bar · Ctrl+V paste it on the cursor's bar · Shift+Space (or
    Shift+click) select hits, which Shift+arrows, a drag of one of them, or Delete then move or remove together

Each key emits the roll's own hooks (cell_clicked, hit_dragged, wheeled), so a key's edit is the click's, drag's or
wheel notch's: the same hand edit, the same Undo step and the same words on the status line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence

from reagroove.core.loop import N_VOICES

from .edits import move_hits, paste_bar
from .events import Hook
from .hand_room import room_for, taken_off
from .pianoroll import HIT_WIDTH, PianoRoll

KEYS_TEXT = ("piano roll (F4 or a click): arrows cell · Space add/remove · Shift+Space or Shift+click select hits · "
             "Shift+arrows move (all selected) · +/− velocity · Delete remove · Ctrl+C/V copy/paste bar · "
             "Esc unselect")
ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
TOGGLE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
REMOVE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
VELOCITY_KEYS = {Qt.Key.Key_Plus: 1, Qt.Key.Key_Equal: 1, Qt.Key.Key_Minus: -1, Qt.Key.Key_Underscore: -1}


class RollKeys(QObject):
    """Keys on a PianoRoll (an event filter on it). `cell`: the cursor (step, voice), drawn while the roll has the
    focus; `selected`: hits picked to move or remove together (Shift+click, Shift+Space), on the window they were
    picked on. Hooks: `said(text)` where the cursor is or why a key did nothing; `copy(step)`, `paste(step)` the bar
    holding the cursor's step; `move_selected(d_step, d_voice)`, `remove_selected()`."""

    def __init__(self, roll: PianoRoll):
        super().__init__(roll)
        self.roll = roll
        self.cell: tuple[int, int] | None = None
        self.said, self.copy, self.paste = Hook(), Hook(), Hook()
        self.move_selected, self.remove_selected = Hook(), Hook()
        self._selected: set = set()
        self._selected_on = None  # the window's first bar they were picked on: another window's cells are not these
        self.selection_marks = pg.BarGraphItem(x0=[], y0=[], width=HIT_WIDTH + 0.24, height=0.9,
                                               brush=(255, 210, 80, 60), pen=pg.mkPen((255, 210, 80), width=2))
        self.selection_marks.setZValue(4)
        roll.getPlotItem().addItem(self.selection_marks)
        self.cursor = pg.BarGraphItem(x0=[], y0=[], width=HIT_WIDTH + 0.3, height=0.96, brush=None,
                                      pen=pg.mkPen((120, 220, 255), width=2))
        self.cursor.setZValue(5)  # over the hits and the edit marks: the cell a key acts on is never hidden
        roll.getPlotItem().addItem(self.cursor)
        roll.installEventFilter(self)
        roll.viewport().installEventFilter(self)  # Shift+click: the view's mouse events arrive on its viewport
        # a click or a drag puts the cursor where it acted (the roll takes the focus with it): keys go on from there
        roll.cell_clicked.connect(lambda step, voice: self._follow(step, voice))
        roll.hit_dragged.connect(lambda _step, _voice, step, voice: self._follow(step, voice))
        roll.loop_shown.connect(self.draw)  # the marks over the hits as they are now (an Undo, another setting)

    # ------------------------------------------------------------ the selection

    @property
    def selected(self) -> list[tuple[int, int]]:
        """The selected cells that still hold a hit on the window they were picked on (an Undo may have taken one)."""
        if self._selected_on != getattr(self.roll, "_first_bar", None):
            return []
        return sorted(c for c in self._selected if self.roll.loop[c[0], c[1]] > 0)

    def select(self, cells) -> None:
        self._selected, self._selected_on = set(cells), getattr(self.roll, "_first_bar", None)
        self.draw()

    def toggle_selected(self, step: int, voice: int) -> None:
        if self.roll.loop[step, voice] <= 0:
            self.said.emit(f"no {self.roll.place(step, voice)} to select")
            return
        cells = set(self.selected)
        cells ^= {(step, voice)}
        self.select(cells)
        k = len(cells)
        self.said.emit(f"{k} hit{'' if k == 1 else 's'} selected (Shift+arrows or a drag moves them, Delete removes, "
                       "Esc unselects)" if k else "no hits selected")

    def _follow(self, step: int, voice: int) -> None:
        self.cell = self._clamped(step, voice)
        self.draw()

    # ------------------------------------------------------------ the cursor

    def _steps(self) -> tuple[int, int]:
        """The steps a hit can be on in the window shown: from its first bar (after a pickup's gap) to the song's
        end."""
        return self.roll.first_step(), max(self.roll.first_step() + 1, self.roll.heard_steps())

    def _clamped(self, step: int, voice: int) -> tuple[int, int]:
        first, end = self._steps()
        return int(np.clip(step, first, end - 1)), int(np.clip(voice, 0, N_VOICES - 1))

    def place_cursor(self, step: int, voice: int, say: bool = True) -> None:
        self.cell = self._clamped(step, voice)
        self.draw()
        if say:
            self.said.emit(self.cell_text())

    def draw(self) -> None:
        cells = self.selected
        self.selection_marks.setOpts(x0=[s - 0.12 for s, _ in cells], y0=[v + 0.05 for _, v in cells])
        if self.cell is None or not self.roll.hasFocus():
            self.cursor.setOpts(x0=[], y0=[])
        else:
            self.cell = self._clamped(*self.cell)  # another window (a pickup, a shorter last one) since
            step, voice = self.cell
            self.cursor.setOpts(x0=[step - 0.15], y0=[voice + 0.02])
        self.roll.update()

    def cell_text(self) -> str:
        """The cursor's cell as the status line says it: its hit ("snare at bar 1, beat 2, velocity 96") or its
        place."""
        step, voice = self.cell
        if self.roll.loop[step, voice] > 0:
            x = step + float(self.roll.loop[step, 2 * N_VOICES + voice]) + HIT_WIDTH / 2
            hit = self.roll.hit_at(x, voice + 0.5)
            if hit:
                return hit
        return f"{self.roll.place(step, voice)}: no hit (Space adds one)"

    def shown(self) -> tuple[float, float] | None:
        """(x0, y0) of the cursor drawn; None when it is not."""
        x0 = self.cursor.opts["x0"]
        return (float(x0[0]), float(self.cursor.opts["y0"][0])) if len(x0) else None

    # ------------------------------------------------------------ keys

    def _ours(self, event) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if key in ARROWS:
            return plain
        if key in TOGGLE_KEYS or key in REMOVE_KEYS or key in VELOCITY_KEYS:
            return plain
        if key == Qt.Key.Key_Escape:
            return bool(self.selected)  # else Esc is left to whatever else takes it
        return event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Paste)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if watched is not self.roll:
            if (kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton
                    and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                point = self.roll._view_point(event)
                cell = self.roll.cell_at(point.x(), point.y())
                if cell is not None:
                    self.roll.setFocus(Qt.FocusReason.MouseFocusReason)
                    self._follow(*cell)
                    self.toggle_selected(*cell)
                    return True  # a pick, not an edit: the click's add or remove is not made
            return False
        if kind == QEvent.Type.FocusIn:
            if self.cell is None:
                self.cell = self._first_cell()
            self.place_cursor(*self.cell)
        elif kind == QEvent.Type.FocusOut:
            self.draw()
        elif kind == QEvent.Type.ShortcutOverride and self._ours(event):
            event.accept()  # the roll's, not a window shortcut's (none uses these keys now; none will take them)
            return True
        elif kind == QEvent.Type.KeyPress and self._ours(event):
            self.key(event)
            return True
        return False

    def _first_cell(self) -> tuple[int, int]:
        """The first hit of the window shown (lowest lane first: the kick on the one), else its first cell."""
        first, end = self._steps()
        hits = np.argwhere(self.roll.loop[first:end, :N_VOICES] > 0)
        return (int(hits[0][0]) + first, int(hits[0][1])) if len(hits) else (first, 0)

    def key(self, event) -> None:
        if self.cell is None:
            self.cell = self._first_cell()
        step, voice = self.cell = self._clamped(*self.cell)
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        hit = self.roll.loop[step, voice] > 0
        several = len(self.selected) > 1
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy.emit(step)
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste.emit(step)
            self.draw()
        elif key == Qt.Key.Key_Escape:
            self.select(())
            self.said.emit("no hits selected")
        elif key in TOGGLE_KEYS and shift:
            self.toggle_selected(step, voice)
        elif key in ARROWS and shift and several:
            self.move_selected.emit(*ARROWS[key])
        elif key in ARROWS and shift:
            self._move_hit(*ARROWS[key])
        elif key in ARROWS:
            d_step, d_voice = ARROWS[key]
            self.place_cursor(step + d_step, voice + d_voice)
        elif key in REMOVE_KEYS and several:
            self.remove_selected.emit()
            self.draw()
        elif key in TOGGLE_KEYS or (key in REMOVE_KEYS and hit):
            self.roll.cell_clicked.emit(step, voice)
            self.draw()
        elif key in REMOVE_KEYS:
            self.said.emit(f"no {self.roll.place(step, voice)} to remove")
        elif hit:
            self.roll.wheeled.emit(step, voice, VELOCITY_KEYS[key])
        else:
            self.said.emit(f"no {self.roll.place(step, voice)} to make louder or softer (Space adds one)")

    def _move_hit(self, d_step: int, d_voice: int) -> None:
        """Shift+arrow: the cursor's hit moved one step or lane, as a drag there moves it; the cursor goes with it."""
        step, voice = self.cell
        to_step, to_voice = step + d_step, voice + d_voice
        first, end = self._steps()
        if self.roll.loop[step, voice] <= 0:
            self.said.emit(f"no {self.roll.place(step, voice)} to move (Space adds one)")
        elif not (first <= to_step < end and 0 <= to_voice < N_VOICES):
            self.said.emit("not moved: the hit is at the edge of the bars shown (Ctrl+PgUp/PgDn shows others)")
        else:
            self.roll.hit_dragged.emit(step, voice, to_step, to_voice)
            if self.roll.loop[step, voice] <= 0:  # moved (a move refused leaves the hit, and the cursor, in place)
                self.cell = (to_step, to_voice)
            self.draw()


class PanelRollKeys:
    """The window's side (a PanelWindow mixin): the roll's keys wired to the hand edits (edits.py), the bar copied,
    and Copy bar / Paste bar in the Edit menu with the keys' line naming the roll's keys."""

    _copied_bar = None  # (rows of the loop shown, (steps, 27), and the bar's name) copied by Ctrl+C in the roll

    def _build_roll_keys(self) -> None:
        self.roll_keys = RollKeys(self.roll)
        self.roll_keys.said.connect(self.say)
        self.roll_keys.copy.connect(self.copy_bar)
        self.roll_keys.paste.connect(self.paste_bar_at)
        self.roll_keys.move_selected.connect(self.move_selected_hits)
        self.roll_keys.remove_selected.connect(self.remove_selected_hits)
        edit = next(a.menu() for a in self.menuBar().actions() if a.menu() is not None and a.text() == "&Edit")
        edit.addSeparator()
        self.roll_keys_action = self._action("Edit the piano roll by keys", self.keys_to_roll, "F4",
                                             tip="the focus to the piano roll's cursor: " + KEYS_TEXT)
        edit.addAction(self.roll_keys_action)
        # the keys RollKeys takes (QKeySequence's Copy and Paste): named, not made from the entry's first letter,
        # which put "Ctrl+P in the roll" beside Paste bar
        for text, key, slot, tip in (
                ("Copy bar", "Ctrl+C", self.copy_bar, "the drums of the piano roll's bar under its cursor"),
                ("Paste bar", "Ctrl+V", self.paste_bar_at, "the bar copied, onto the bar under the roll's cursor, as "
                                                           "hand edits (one Ctrl+Z step)")):
            action = edit.addAction(f"{text}\t{key} in the roll")  # the roll's key, not the window's:
            action.setToolTip(tip)  # Ctrl+C/V stay the text boxes' copy and paste everywhere else
            action.triggered.connect(lambda _c=False, do=slot: do(self._cursor_step()))
        # F4 is not added to the keys' line: a line more there put the quick controls past their section's edge at
        # 1280 x 800 with a 14 pt font; the Edit menu, the roll's tooltip and F4's own status line name the keys

    def keys_to_roll(self) -> None:
        """F4: the roll's cursor takes the keys (Tab goes on from it to the next control)."""
        dock = self.docks["roll"]
        dock.show()  # closed (View menu): the keys would go to a roll out of sight
        dock.raise_()  # tabbed with another section: its tab
        self.roll.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.roll.hasFocus() and self.roll_keys.cell is not None:
            self.say(f"{self.roll_keys.cell_text()} · {KEYS_TEXT.split(': ', 1)[1]}")

    def _cursor_step(self) -> int:
        cell = self.roll_keys.cell
        return cell[0] if cell is not None else self.roll.first_step()

    def copy_bar(self, step: int) -> None:
        """The bar of the roll holding `step`, as shown (hand edits and all), kept for Paste bar."""
        if self._editable() is None:
            return
        i, start, end = self.roll.bar_span(step)
        name = self.roll._bar_name(i)
        rows = np.array(self.roll.loop[start:end], copy=True)
        self._copied_bar = (rows, name)
        hits = int((rows[:, :N_VOICES] > 0).sum())
        self.say(f"copied {name}: {hits} hit{'' if hits == 1 else 's'} "
                 "(Ctrl+V in the roll pastes it on the cursor's bar)")

    def paste_bar_at(self, step: int) -> None:
        """The bar copied, onto the bar holding `step`: its cells made the copied bar's, as hand edits (one Undo
        step)."""
        if self._copied_bar is None:
            self.say("nothing copied: Ctrl+C in the piano roll copies the bar under its cursor")
            return
        found = self._editable()
        if found is None:
            return
        bar, (tag, groove, loop) = found
        rows, source = self._copied_bar
        i, start, end = self.roll.bar_span(step)
        target = self.roll._bar_name(i)
        if end - start != len(rows):
            self.say(f"not pasted: {target} is {end - start} 16ths long, {source} is {len(rows)} "
                     "(a bar pastes onto one of its length)")
            return
        if start < self.roll.first_step() or end > self.roll.heard_steps():
            self.say("not pasted: " + self.roll.past_end_text())
            return
        before = self.edits_shown
        edits = paste_bar(before, loop, bar, start, rows)
        if edits == before:
            self.say(f"nothing to paste: {target} already plays {source}")
            return
        self._hand_edit(edits, tag, groove, loop, what=f"pasted {source} onto {target}")
        self.say(f"pasted {source} onto {target}; {self._kept_text()} (Ctrl+Z undoes)")

    def selection_dragged(self, step: int, voice: int, to_step: int, to_voice: int) -> bool:
        """A drag of one of several hits selected: all of them moved as it moved (edits.drag_hit asks first)."""
        if (step, voice) not in self.roll_keys.selected or len(self.roll_keys.selected) < 2:
            return False
        self.move_selected_hits(to_step - step, to_voice - voice)
        return True

    def move_selected_hits(self, d_step: int, d_voice: int) -> None:
        """The hits selected moved together by d_step steps and d_voice lanes: one Undo step; refused whole (none
        moved) where one would leave the bars shown or the drum lanes."""
        cells = self.roll_keys.selected
        found = self._editable()
        if found is None or not cells:
            return
        bar, (tag, groove, loop) = found
        first, end = self.roll_keys._steps()
        if not all(first <= s + d_step < end and 0 <= v + d_voice < N_VOICES for s, v in cells):
            self.say(f"not moved: one of the {len(cells)} hits selected would leave the bars shown or the drum lanes")
            return
        landings = {(s + d_step, v + d_voice) for s, v in cells}
        landed = landings - set(cells)
        replaced = sum(self.roll.loop[s, v] > 0 for s, v in landed)
        edits = move_hits(self.edits_shown, loop, self.roll.loop, bar, cells, d_step, d_voice)
        for s, v in sorted(landings):  # a hi-hat landing in place of the other hat sound there (hand_room.py)
            off = [o for o in room_for(edits.apply(loop, bar), s, v)[0] if (s, o) not in landings]
            edits, replaced = taken_off(edits, loop, bar, s, off), replaced + len(off)
        how = [f"{abs(d_step)}/16 {'later' if d_step > 0 else 'earlier'}"] if d_step else []
        if d_voice:
            how.append(f"{abs(d_voice)} lane{'s' if abs(d_voice) > 1 else ''} {'up' if d_voice > 0 else 'down'}")
        what = f"moved {len(cells)} hits {' and '.join(how)}"
        self._hand_edit(edits, tag, groove, loop, what=what)
        self.roll_keys.select((s + d_step, v + d_voice) for s, v in cells)  # still selected where they are now
        if self.roll_keys.cell is not None:
            self.roll_keys._follow(self.roll_keys.cell[0] + d_step, self.roll_keys.cell[1] + d_voice)
        instead = f", in place of {replaced} hit{'' if replaced == 1 else 's'} there" if replaced else ""
        self.say(f"{what}{instead}; {self._kept_text()} (Ctrl+Z undoes)")

    def remove_selected_hits(self) -> None:
        """The hits selected removed: one Undo step."""
        cells = self.roll_keys.selected
        found = self._editable()
        if found is None or not cells:
            return
        bar, (tag, groove, loop) = found
        edits = self.edits_shown
        for s, v in cells:
            edits = edits.set(bar, s, v, None) if loop[s, v] > 0 else edits.drop(bar, s, v)
        self._hand_edit(edits, tag, groove, loop, what=f"removed {len(cells)} hits")
        self.roll_keys.select(())
        self.say(f"removed {len(cells)} hits; {self._kept_text()} (Ctrl+Z undoes)")
