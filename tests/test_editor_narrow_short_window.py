"""The editor narrow on a 1000 x 600 laptop screen with a large font: the pad's tab shows both pattern rows without
scrolling, and the piano roll's lane names are each readable, none drawn over another. Runs under pytest-qt,
offscreen, on the stand-in model."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QRectF, QSize  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from test_editor_keys_line_and_pad_rows import desktop_font, opened_at, seen_whole  # noqa: E402

from reagroove.core.loop import VOICES  # noqa: E402
from reagroove.reaper_ext.panel.pianoroll import lane_label  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs


def lane_names_drawn(roll) -> list[tuple[QRectF, str]]:
    axis = roll.getPlotItem().getAxis("left")
    pixmap = QPixmap(10, 10)
    painter = QPainter(pixmap)
    try:
        return [(QRectF(rect), text) for rect, _flags, text in axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()


def test_narrow_at_1000_by_600_in_14_pt_the_pad_tab_and_the_lane_names_are_whole(make_panel, qtbot):
    """The pad's tab scrolled, pattern B out of sight; "high tom", "mid tom", "low tom" and "open hat" were drawn
    over each other in a 14 pt font on lanes 13 px apart."""
    with desktop_font(14):
        w = opened_at(make_panel, qtbot, QSize(1000, 600))
        assert w.narrow  # the wide layout does not fit: the roll over the tabs, the quick controls' up
        w.docks["pad"].raise_()
        pad_scroll = w.docks["pad"].widget().verticalScrollBar()
        qtbot.waitUntil(lambda: not pad_scroll.isVisible(), timeout=2000)  # a busy machine lays out later
        for slot in ("A", "B"):
            assert seen_whole(w.pattern_combos[slot]), slot
        drawn = lane_names_drawn(w.roll)
        assert sorted(t for _, t in drawn) == sorted([lane_label(v) for v in VOICES] + ["input"])
        rects = sorted((r for r, _ in drawn), key=lambda r: r.top())
        for upper, lower in zip(rects, rects[1:]):
            assert upper.bottom() <= lower.top() + 1, [(r.top(), r.bottom()) for r in rects]

        w.resize(QSize(1320, 820))  # wide again: A over B in the pad column, the names in the window's font
        qtbot.waitUntil(lambda: not w.narrow and w.width() == 1320, timeout=2000)
        panel_helpers.wait_for_settled_layout(qtbot, w)
        a, b = (w.pattern_combos[s].mapTo(w, w.pattern_combos[s].rect().topLeft()) for s in "AB")
        assert b.y() > a.y() and abs(a.x() - b.x()) <= 2
        assert w.roll.getPlotItem().getAxis("left").style["tickFont"] is None
