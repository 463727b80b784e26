"""The editor as a producer uses it (hunt 34): defects found by driving it offscreen, one test each.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSize, Qt  # noqa: E402

import test_panel  # noqa: E402
import test_panel_fit  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel, no_dialogs = test_panel.make_panel, test_panel.no_dialogs  # its fixtures, used here too

LAPTOP = QSize(1280, 720)


@pytest.fixture
def desktop_font(qtbot):
    """The desktop's font at `points` for the test's widgets (restored after)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = app.font()

    def use(points: int):
        font = app.font()
        font.setPointSize(points)
        app.setFont(font)

    yield use
    app.setFont(before)


def test_the_pad_column_narrows_to_its_controls_once_reaper_s_buttons_are_hidden(make_panel, qtbot):
    """Standalone, the pad's "REAPER item" buttons are hidden, but the section kept their width as its least:
    the producer could not narrow the pad column (150 px more at 14 pt) and the window stayed that much wider."""
    w = make_panel()
    assert not w.pattern_from_reaper["A"].isVisible()
    dock = w.docks["pad"]
    qtbot.wait(50)
    # its edge dragged as far left as it goes, the piano roll taking the room
    w.resizeDocks([dock, w.docks["roll"]], [1, w.width()], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    needs = max(d.widget().widget().minimumSizeHint().width() for d in (dock, w.docks["quick"]))
    assert dock.width() <= needs + 30  # the column's widest controls, as shown, and a scroll bar
