"""The editor's Half time toggle at a laptop's 1024 x 640: on a row of its own under Density it made the quick
controls taller, and the pad section above them scrolled its pattern B row out of sight. It sits on the Genre row
now, and both the toggle and the pad's A and B rows show without scrolling.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model (the layout does not depend on
the drums).
"""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QPoint, QRect, QSize  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def in_sight(w, widget) -> bool:
    """The widget wholly inside what its section's scroll area shows (not scrolled out of sight)."""
    dock = next(d for d in w.docks.values() if d.isAncestorOf(widget))
    viewport = dock.widget().viewport()
    return widget.isVisible() and viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


@pytest.mark.parametrize("size", [QSize(1024, 640), QSize(1280, 800)])
def test_half_time_and_the_pads_pattern_b_row_show_without_scrolling(make_panel, qtbot, size):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w.resize(size)
    qtbot.waitUntil(lambda: w.size() == size and not w.narrow, timeout=2000)
    panel_helpers.wait_for_settled_layout(qtbot, w)  # (a fixed 100 ms wait measured it mid-layout in a loaded CI run)
    for slot in ("A", "B"):
        assert in_sight(w, w.pattern_combos[slot]), slot
    assert in_sight(w, w.half_time) and in_sight(w, w.genre_combo) and in_sight(w, w.density_auto)
    assert all(in_sight(w, button) for button in w.big_buttons.widgets)
    assert w.docks["pad"].widget().verticalScrollBar().maximum() == 0  # the pad's section does not scroll
    # the toggle beside the genre, on its row, its whole name shown
    assert abs(w.half_time.geometry().center().y() - w.genre_combo.geometry().center().y()) <= 2
    assert w.half_time.width() >= w.half_time.sizeHint().width()
