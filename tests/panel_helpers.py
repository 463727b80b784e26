"""What the Qt panel's test files share: Qt offscreen, the file skipped where PySide6, pyqtgraph or pytest-qt is
missing, and test_panel.py's fixtures on the stand-in model.

A panel test file imports this before anything of Qt's (importing it is what skips the file), then takes the
fixtures it uses into its own namespace, where pytest finds them:

    import panel_helpers
    make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs
"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

import test_panel  # noqa: E402

make_panel, no_dialogs = test_panel.make_panel, test_panel.no_dialogs


def layout_snapshot(window) -> list:
    """Where every widget of the window is and whether it shows: two equal snapshots, events processed between
    them, mean the layout has settled."""
    from PySide6.QtWidgets import QWidget

    return [(type(c).__name__, c.isVisible(), c.mapTo(window, c.rect().topLeft()).toTuple(), c.size().toTuple())
            for c in window.findChildren(QWidget)]


def wait_for_settled_layout(qtbot, window, rounds: int = 3) -> None:
    """Events processed until the layout stays the same `rounds` times running. A fixed qtbot.wait(50) measured
    it mid-resize on a loaded machine: the pad's section had just shown its scroll bar, its content 313 px wide
    in a 304 px view, until the next round of layout events."""
    seen = []

    def settled() -> bool:
        seen.append(layout_snapshot(window))
        return len(seen) > rounds and all(s == seen[-1] for s in seen[-rounds - 1:])

    qtbot.waitUntil(settled, timeout=10000)
