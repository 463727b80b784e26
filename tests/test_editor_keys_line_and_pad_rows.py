"""The editor's left column at a laptop's sizes: the keys' line under the quick controls is never cut off, and the
pad's pattern rows are in sight without scrolling. Runs under pytest-qt, offscreen, on the stand-in model."""

import contextlib

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

from reagroove.reaper_ext.panel.keys_help import SHORT  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs


@contextlib.contextmanager
def desktop_font(points: int):
    app = QApplication.instance()
    before = app.font()
    font = app.font()
    font.setPointSize(points)
    app.setFont(font)
    try:
        yield
    finally:
        app.setFont(before)


def opened_at(make_panel, qtbot, size: QSize):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w.resize(size)
    qtbot.waitUntil(lambda: w.size() == size, timeout=2000)
    panel_helpers.wait_for_settled_layout(qtbot, w)  # the docks laid out, then the quick controls fitted
    return w


def seen_whole(widget) -> bool:
    """In sight, all of it: not cut by its section's bottom edge (a section that scrolls shows part of it)."""
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


@pytest.mark.parametrize("points", [9, 11, 14])
def test_the_keys_line_is_whole_at_1280_by_800(make_panel, qtbot, points):
    """At 1280 x 800 with a 14 pt font the keys' list ended in a line cut in half (56 of its 65 px in sight), under
    a scroll bar."""
    with desktop_font(points):
        w = opened_at(make_panel, qtbot, QSize(1280, 800))
        keys = w.shortcut_help
        assert keys.text().startswith("Keys: Ctrl+↑/↓ follow")
        qtbot.waitUntil(lambda: not getattr(keys, "short", False) and seen_whole(keys), timeout=2000)  # the whole list: room enough
        scroll = w.docks["quick"].widget().verticalScrollBar()
        qtbot.waitUntil(lambda: not scroll.isVisible(), timeout=2000)  # a busy machine lays out later
        for slot in ("A", "B"):
            assert seen_whole(w.pattern_combos[slot]), slot


def test_at_1000_by_600_the_pad_s_pattern_rows_are_in_sight_and_the_keys_line_is_short_not_cut(make_panel, qtbot):
    """At 1000 x 600 the pad section scrolled, its pattern B row out of sight, the quick controls holding a five
    line keys' list."""
    with desktop_font(9):
        w = opened_at(make_panel, qtbot, QSize(1000, 600))
        assert not w.narrow  # the wide layout: the pad over the quick controls
        pad_scroll = w.docks["pad"].widget().verticalScrollBar()
        qtbot.waitUntil(lambda: not pad_scroll.isVisible(), timeout=2000)  # a busy machine lays out later
        for slot in ("A", "B"):
            assert seen_whole(w.pattern_combos[slot]), slot
        keys = w.shortcut_help
        assert keys.isHidden() or seen_whole(keys)  # whole, or left out: never half a line
        if keys.isVisible():
            assert keys.short and keys.toolTip() == keys.text() and "Ctrl+Z undo" in keys.toolTip()
            assert QLabel.text(keys) == SHORT  # the line shown: where the list is
        for widget in (w.follow_slider, w.density_auto, w.half_time, *w.big_buttons.widgets):
            assert seen_whole(widget), widget

        w.resize(QSize(1280, 800))  # room again: the whole list back
        qtbot.waitUntil(lambda: w.width() == 1280, timeout=2000)
        qtbot.waitUntil(lambda: not w.shortcut_help.short and seen_whole(w.shortcut_help), timeout=2000)
