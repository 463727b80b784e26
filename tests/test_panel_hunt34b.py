"""The editor and the docked panel as a producer uses them (hunt 34b): defects found by driving them offscreen,
one test each.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

import test_panel  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel, no_dialogs = test_panel.make_panel, test_panel.no_dialogs  # its fixtures, used here too


def test_a_pattern_taken_from_a_file_is_undone_by_ctrl_z(make_panel):
    """Pattern A from a file (File... button) replaced the one chosen, and Ctrl+Z did not bring it back: it undid
    the edit before it instead (or nothing)."""
    w = make_panel()
    w._edit(w.controller.update, follow=0.3)
    w.pattern_from_midi("A", FUNK_BASS)
    assert w.controller.settings.pattern_a is not None
    w.undo_action.trigger()
    assert w.controller.settings.pattern_a is None  # the file's pattern undone
    assert w.controller.settings.follow == 0.3  # and that alone
    assert w.pattern_combos["A"].currentIndex() == 0
    w.redo_action.trigger()
    assert w.controller.settings.pattern_a == w.pattern_combos["A"].currentText() != "none"
