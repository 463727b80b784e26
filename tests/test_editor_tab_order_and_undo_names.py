"""The editor read by the keyboard: Tab goes through the quick controls in reading order, and the Edit menu names
what Undo and Redo take back ("Undo variations 4 → 6"). Runs under pytest-qt, offscreen, on the stand-in model."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs


def tabbed_through(w, first, inside):
    """The widgets Tab gives the focus to, from `first`, while it stays in `inside`."""
    first.setFocus()
    seen = [first]
    for _ in range(40):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or now in seen or not inside.isAncestorOf(now):
            break
        seen.append(now)
    return seen


def test_tab_goes_through_the_quick_controls_row_by_row_left_to_right(make_panel, qtbot):
    """Tab went Genre → Drumify → Variations → Live follow, then back up to Half time, beside the genre box."""
    w = make_panel()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    w.pattern_combos["A"].setCurrentIndex(1)  # a pattern: the Follow and A ↔ B sliders take the focus too
    qtbot.wait(50)
    content = w.docks["quick"].widget().widget()
    seen = tabbed_through(w, w.follow_slider.slider, content)
    names = [getattr(x, "text", lambda: type(x).__name__)() for x in seen]
    assert w.half_time in seen and w.big_buttons.widgets[0] in seen, names
    assert seen.index(w.half_time) == seen.index(w.genre_combo) + 1, names  # beside it, after it
    assert seen.index(w.big_buttons.widgets[0]) == seen.index(w.half_time) + 1, names  # then the row below
    places = [x.mapTo(content, QPoint(0, 0)) for x in seen]
    for (a, pa), (b, pb) in zip(zip(seen, places), zip(seen[1:], places[1:])):
        same_row = abs((pa.y() + a.height() / 2) - (pb.y() + b.height() / 2)) < max(a.height(), b.height()) / 2
        assert (pb.x() > pa.x()) if same_row else (pb.y() > pa.y()), (names, places)


def edit_menu(w) -> QMenu:
    return next(a.menu() for a in w.menuBar().actions() if a.menu() is not None and a.text() == "&Edit")


def named(w) -> tuple[str, str]:
    menu = edit_menu(w)
    menu.aboutToShow.emit()  # as it opens
    texts = w.undo_action.text(), w.redo_action.text()
    menu.aboutToHide.emit()
    return texts


def test_the_edit_menu_names_the_variations_count_undo_takes_back(make_panel, qtbot):
    """The menu said "Undo" and the status line "undone: variations", whatever the count was and went back to."""
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    start = w.controller.variations
    w.variations_spin.setValue(start + 2)
    undo, redo = named(w)
    assert undo == f"Undo variations {start} → {start + 2}", undo
    assert redo == "Redo", redo  # nothing to redo yet: plain
    w.undo_action.trigger()
    assert w.variations_spin.value() == start
    assert w.last_message == f"undone: variations {start + 2} → {start}", w.last_message
    undo, redo = named(w)
    assert redo == f"Redo variations {start} → {start + 2}", redo
    assert undo == "Undo", undo  # the first edit undone: nothing before it
    assert w.undo_action.isEnabled() and w.redo_action.isEnabled()  # shut again, Ctrl+Z and Ctrl+Y still work


def test_the_edit_menu_names_a_setting_and_a_preset_like_step(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w._edit(w.controller.update, density=0.6)
    assert named(w)[0] == "Undo density auto → 0.6"
    w._edit(w.controller.update, density=0.3, temperature=2.0, humanize=0.2)  # as a preset loads: counted
    assert named(w)[0] == "Undo 3 settings"
