"""The piano roll edited from the keyboard alone, and a bar copied onto another, as a producer fixing drums by hand
does: the roll took no keys (no Tab stop), so without a mouse not one hit could be added, removed, moved or made
softer, and a bar could only be copied hit by hit.

Offscreen, with test_panel.py's stand-in model (roll_keys.py).
"""

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from test_editor_clicks_and_paging import opened  # noqa: E402
from test_editor_hand_edits_kept import part_copy, reopened  # noqa: E402
from test_panel_drag_hits import drag, hit_point  # noqa: E402

from reagroove.core.loop import N_VOICES  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
n = N_VOICES
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def key(w, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A key typed where the focus is (the window's shortcuts see it first, as when a producer types)."""
    QTest.keyClick(QApplication.focusWidget() or w, k, mods)


def on_roll(w, qtbot) -> None:
    """F4 from another control, as a keyboard user gets to the roll (the Edit menu and the roll's tooltip name it)."""
    w.window_spin.setFocus()
    qtbot.waitUntil(w.window_spin.hasFocus, timeout=2000)
    key(w, Qt.Key.Key_F4)
    qtbot.waitUntil(w.roll.hasFocus, timeout=2000)


def cursor_to(w, step: int, voice: int) -> None:
    """The cursor walked to (step, voice) with the arrow keys alone."""
    at = w.roll_keys.cell
    for _ in range(abs(step - at[0])):
        key(w, Qt.Key.Key_Right if step > at[0] else Qt.Key.Key_Left)
    for _ in range(abs(voice - at[1])):
        key(w, Qt.Key.Key_Up if voice > at[1] else Qt.Key.Key_Down)
    assert w.roll_keys.cell == (step, voice)


def undo_named(w) -> str:
    """The Edit menu's Undo as it reads when the menu opens; its keys on again as the menu's closing leaves them."""
    w.name_undo_steps()
    text = w.undo_action.text()
    for action in (w.undo_action, w.redo_action):
        action.setEnabled(True)
    return text


def empty_and_hit(loop, voice=None):
    """An empty cell and a hit of the first bar (steps 1-14), each with an empty cell to its right."""
    voices = range(n) if voice is None else [voice]
    empty = next((s, v) for v in voices for s in range(1, 14) if loop[s, v] == 0 and loop[s + 1, v] == 0)
    hit = next((s, v) for v in voices for s in range(1, 14) if loop[s, v] > 0 and loop[s + 1, v] == 0)
    return empty, hit


def test_f4_puts_a_cursor_on_the_roll_that_the_arrows_move_and_the_status_line_names(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    assert "F4" in w.roll.toolTip() and w.roll_keys_action.shortcut().toString() == "F4"
    assert w.roll_keys_action in w.menuBar().actions()[1].menu().actions()  # in the Edit menu, with its key
    on_roll(w, qtbot)
    assert w.roll_keys.shown() is not None  # the cursor is drawn while the roll has the focus
    assert w.last_message.startswith(w.roll_keys.cell_text()) and "Space" in w.last_message  # and the keys said
    start = w.roll_keys.cell
    key(w, Qt.Key.Key_Right)
    key(w, Qt.Key.Key_Up)
    assert w.roll_keys.cell == (start[0] + 1, start[1] + 1)
    assert w.last_message.startswith(w.roll.place(*w.roll_keys.cell))  # "snare at bar 1, beat 1 +1/16..."
    for _ in range(40):  # held against the window's end: the cursor stays on the bars shown
        key(w, Qt.Key.Key_Right)
    assert w.roll_keys.cell[0] == w.roll.heard_steps() - 1
    key(w, Qt.Key.Key_Tab)
    assert not w.roll.hasFocus() and w.roll_keys.shown() is None  # Tab goes on; the cursor is not left drawn


def test_space_adds_a_hit_and_removes_it_as_a_click_does_one_undo_step_each(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    on_roll(w, qtbot)
    (step, voice), _ = empty_and_hit(w.roll.loop)
    cursor_to(w, step, voice)
    key(w, Qt.Key.Key_Space)
    assert w.roll.loop[step, voice] > 0 and len(w.controller.edits) == 1
    assert w.last_message.startswith("added: ")
    assert undo_named(w) == f"Undo hand edit: added {w.roll.place(step, voice)}"
    key(w, Qt.Key.Key_Delete)
    assert w.roll.loop[step, voice] == 0 and len(w.controller.edits) == 0  # added then removed: no edit left
    key(w, Qt.Key.Key_Z, CTRL)  # from the roll: the last step undone (the hit removed is back), the focus kept
    qtbot.waitUntil(lambda: w.roll.loop[step, voice] > 0, timeout=5000)
    assert w.roll.hasFocus() and len(w.controller.edits) == 1


def test_plus_and_minus_change_the_hits_velocity_as_the_wheel_does(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    on_roll(w, qtbot)
    _, (step, voice) = empty_and_hit(w.roll.loop)
    cursor_to(w, step, voice)
    before = float(w.roll.loop[step, n + voice])
    key(w, Qt.Key.Key_Minus)
    key(w, Qt.Key.Key_Minus)
    softer = float(w.roll.loop[step, n + voice])
    assert softer < before and len(w.controller.edits) == 1
    key(w, Qt.Key.Key_Plus)
    assert float(w.roll.loop[step, n + voice]) > softer
    assert f"velocity {round(float(w.roll.loop[step, n + voice]) * 127)}" in w.last_message


def test_shift_arrows_move_the_hit_with_its_velocity_and_timing_and_the_cursor_goes_with_it(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    on_roll(w, qtbot)
    _, (step, voice) = empty_and_hit(w.roll.loop)
    cursor_to(w, step, voice)
    was = w.roll.loop[step, [voice, n + voice, 2 * n + voice]].copy()
    key(w, Qt.Key.Key_Right, SHIFT)
    assert w.roll.loop[step, voice] == 0
    assert np.allclose(w.roll.loop[step + 1, [voice, n + voice, 2 * n + voice]], was, atol=1e-4)
    assert w.roll_keys.cell == (step + 1, voice) and w.last_message.startswith("moved: ")
    key(w, Qt.Key.Key_Left, SHIFT)  # and back: the engine's own hit again, no hand edit left
    assert len(w.controller.edits) == 0


def test_a_bar_copied_and_pasted_onto_the_next_plays_it_there_in_one_undo_step_kept_with_the_part(
        make_panel, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    w = opened(make_panel, qtbot, part_copy(tmp_path))
    on_roll(w, qtbot)
    loop = w.roll.loop
    assert not np.array_equal(loop[:16, :n] > 0, loop[16:32, :n] > 0)  # bar 2 differs from bar 1 to start with
    bar_one, bar_two = loop[:16].copy(), loop[16:32].copy()
    key(w, Qt.Key.Key_C, CTRL)
    assert w.last_message.startswith("copied bar 1")
    cursor_to(w, 16 + 3, w.roll_keys.cell[1])  # anywhere in bar 2
    key(w, Qt.Key.Key_V, CTRL)
    shown = w.roll.loop
    assert np.array_equal(shown[16:32, :n] > 0, bar_one[:, :n] > 0)
    played = bar_one[:, :n] > 0
    assert np.allclose(shown[16:32, n:2 * n][played], bar_one[:, n:2 * n][played], atol=1 / 127)
    assert np.allclose(shown[16:32, 2 * n:][played], bar_one[:, 2 * n:][played], atol=1e-3)
    assert np.array_equal(shown[:16], bar_one)  # the bar copied is left as it was
    assert w.last_message.startswith("pasted bar 1 onto bar 2")
    assert undo_named(w) == "Undo hand edit: pasted bar 1 onto bar 2"
    pasted = shown.copy()
    key(w, Qt.Key.Key_Z, CTRL)  # one step takes the whole paste back
    qtbot.waitUntil(lambda: len(w.controller.edits) == 0, timeout=5000)
    qtbot.waitUntil(lambda: np.array_equal(w.roll.loop[16:32], bar_two), timeout=5000)
    key(w, Qt.Key.Key_Y, CTRL)
    qtbot.waitUntil(lambda: np.allclose(w.roll.loop, pasted, atol=1e-4), timeout=5000)
    w.close()
    w = reopened(make_panel, qtbot)  # tomorrow: the pasted bar is there again
    assert np.allclose(w.roll.loop, pasted, atol=1e-4)


def test_pasting_with_nothing_copied_or_onto_another_meters_bar_says_why_in_one_line(make_panel, qtbot,
                                                                                       make_midi):
    bars = [(b * 1.0, 40 + b % 5, 90, 0) for b in range(8 * 4)]
    song = make_midi(bars, time_signatures=((0, 4, 4), (16, 3, 4)))  # four bars of 4/4, then 3/4
    w = opened(make_panel, qtbot, song)
    on_roll(w, qtbot)
    key(w, Qt.Key.Key_V, CTRL)
    assert w.last_message.startswith("nothing copied") and len(w.controller.edits) == 0
    key(w, Qt.Key.Key_C, CTRL)
    while w.controller.input.window < 2:  # the 3/4 bars
        key(w, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: w.roll.shown_steps() == 24 and w._shown_request == w._request_id, timeout=5000)
    key(w, Qt.Key.Key_V, CTRL)
    assert "not pasted" in w.last_message and "\n" not in w.last_message and len(w.controller.edits) == 0


def test_ctrl_c_and_v_stay_a_text_boxs_copy_and_paste_outside_the_roll(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    on_roll(w, qtbot)
    key(w, Qt.Key.Key_C, CTRL)  # a bar copied in the roll
    box = w.fills.bars  # the Fill bars box: a producer pastes "8, 16" copied from elsewhere
    QApplication.clipboard().setText("8, 16")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    key(w, Qt.Key.Key_V, CTRL)
    assert box.text() == "8, 16" and len(w.controller.edits) == 0  # pasted in the box, not onto the roll


def selected_by_shift_click(w, cells) -> None:
    for step, voice in cells:
        QTest.mouseClick(w.roll.viewport(), Qt.MouseButton.LeftButton, SHIFT, hit_point(w, step, voice))


def three_kicks(loop) -> list:
    """Three kicks of the first bar each with an empty step after it on the kick lane, none on the last step."""
    found = [(int(s), 0) for s in np.nonzero(loop[:15, 0] > 0)[0] if s > 0]
    assert len(found) >= 3, "the loop has too few kicks to select"
    return found[:3]


def test_hits_shift_clicked_are_selected_without_an_edit_and_shift_arrows_move_them_together(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    cells = three_kicks(w.roll.loop)
    was = {c: w.roll.loop[c[0], [n + c[1], 2 * n + c[1]]].copy() for c in cells}
    selected_by_shift_click(w, cells)
    assert w.roll_keys.selected == cells and len(w.controller.edits) == 0  # a pick, not a click's remove
    assert w.last_message.startswith("3 hits selected")
    key(w, Qt.Key.Key_Up, SHIFT)  # the three kicks up onto the snare lane, as one step
    for step, _ in cells:
        assert w.roll.loop[step, 0] == 0 and w.roll.loop[step, 1] > 0
        assert np.allclose(w.roll.loop[step, [n + 1, 2 * n + 1]], was[(step, 0)], atol=1e-4)  # velocity, timing
    assert w.roll_keys.selected == [(s, 1) for s, _ in cells] and w.last_message.startswith("moved 3 hits 1 lane up")
    assert undo_named(w) == "Undo hand edit: moved 3 hits 1 lane up"
    key(w, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: all(w.roll.loop[s, 0] > 0 for s, _ in cells), timeout=5000)


def test_a_drag_of_one_selected_hit_moves_every_selected_hit_and_delete_removes_them_all(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    cells = three_kicks(w.roll.loop)
    later = [(s + 1, v) for s, v in cells]
    after = w.roll.loop.copy()
    for (s, v), (t, _) in zip(cells, later):
        after[s, v] = 0
    for (s, v), (t, _) in zip(cells, later):
        after[t, v] = 1
    selected_by_shift_click(w, cells)
    drag(w, *cells[1], cells[1][0] + 1, 0)  # the middle one dragged a 16th later: all three go
    assert np.array_equal(w.roll.loop[:, 0] > 0, after[:, 0] > 0)
    assert w.last_message.startswith("moved 3 hits 1/16 later")
    assert w.roll_keys.selected == later
    key(w, Qt.Key.Key_Delete)
    assert all(w.roll.loop[s, v] == 0 for s, v in later) and w.last_message.startswith("removed 3 hits")
    assert undo_named(w) == "Undo hand edit: removed 3 hits"


def test_a_selection_that_would_leave_the_bars_shown_is_not_moved_at_all(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    loop = w.roll.loop
    last = next(int(s) for s in range(31, 16, -1) if loop[s, 0] > 0)
    first = next(int(s) for s in range(0, 16) if loop[s, 0] > 0)
    selected_by_shift_click(w, [(first, 0), (last, 0)])
    for _ in range(31 - last):  # to the window's last step
        key(w, Qt.Key.Key_Right, SHIFT)
    assert w.roll.loop[31, 0] > 0
    at_edge, edits = w.roll.loop.copy(), w.controller.edits
    key(w, Qt.Key.Key_Right, SHIFT)  # one more: the last would leave the bars shown, so neither moves
    assert w.last_message.startswith("not moved") and "\n" not in w.last_message
    assert np.array_equal(w.roll.loop, at_edge) and w.controller.edits == edits


def test_f4_with_the_roll_closed_opens_it_and_menu_copy_and_paste_act_on_the_cursors_bar(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    w.docks["roll"].close()  # View > Piano roll unticked
    w.window_spin.setFocus()
    key(w, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: w.roll.isVisible() and w.roll.hasFocus(), timeout=2000)
    edit = w.menuBar().actions()[1].menu()
    copy, paste = (next(a for a in edit.actions() if a.text().startswith(name)) for name in ("Copy bar", "Paste bar"))
    bar_one = w.roll.loop[:16, :n] > 0
    copy.trigger()  # the cursor on bar 1
    cursor_to(w, 20, w.roll_keys.cell[1])
    paste.trigger()
    assert np.array_equal(w.roll.loop[16:32, :n] > 0, bar_one) and w.last_message.startswith("pasted bar 1 onto bar 2")
