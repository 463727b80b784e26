"""The pad moved across (← →, a click at G's level) leaves follow's default alone, in the editor and in the dock.

With no pattern chosen, follow's default is 1 (the groove alone) and choosing a pattern brings it to the pattern's
default, 0.5. The pad set follow with every move, so → pressed on it (or a click at its top) set that 1 by hand: patterns
A and B chosen after it were not heard, follow stayed 1 and the status line said "pattern A, pattern B and A ↔ B have
no effect: follow is 1". A follow the producer moved is theirs, as before.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model; the dock under the simulated
ReaImGui with test_dock_keyboard.py's keyboard.
"""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from fake_reaper import reapy_inside  # noqa: E402
from test_dock import config  # noqa: E402, F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_keyboard import keyboard, open_dock, press, project  # noqa: E402, F401  (keyboard: a fixture)
from test_panel import FUNK_BASS  # noqa: E402

from reagroove.core.settings import Settings  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures

PATTERN_FOLLOW = Settings(pattern_a="rock").follow  # the follow a pattern brings, left to its default


def test_the_editors_pad_moved_across_leaves_follow_to_the_patterns_chosen_after(make_panel):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    assert w.controller.settings.follow == 1.0
    w.pad.setFocus()
    QTest.keyClick(w.pad, Qt.Key.Key_Right)
    assert w.controller.settings.interpolate > 0  # the point moved across
    for slot, name in (("A", "rock"), ("B", "funk")):
        w._edit(w.controller.set_pattern, slot, name)
    assert w.controller.settings.follow == PATTERN_FOLLOW < 1.0
    assert "no effect" not in w.status_line.text(), w.status_line.text()


def test_a_follow_moved_on_the_editors_pad_stays_as_set(make_panel):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w.pad.setFocus()
    QTest.keyClick(w.pad, Qt.Key.Key_Down)
    assert w.controller.settings.follow == 0.95
    w._edit(w.controller.set_pattern, "A", "rock")
    assert w.controller.settings.follow == 0.95  # the producer's, not the default's


def test_the_docks_pad_moved_across_leaves_follow_to_the_patterns_chosen_after(config, keyboard):  # noqa: F811
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, config, Settings(), [])
        keyboard.focus = "##pad"
        s.reaper.run_deferred()
        press(s, gui, keyboard, "Key_RightArrow")
        assert panel.settings.interpolate > 0 and panel.settings.follow == 1.0
        assert panel.settings.replace(pattern_a="rock", pattern_b="funk").follow == PATTERN_FOLLOW
