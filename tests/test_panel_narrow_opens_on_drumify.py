"""The editor at 480 px wide (docked beside REAPER) opened on the Latent pad tab: Drumify and Variations sat in the
Quick controls tab, out of sight, where the README has them "at the top". Narrow, it now opens on the quick
controls, the buttons in sight. Runs under pytest-qt, offscreen, on the stand-in model."""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QSize  # noqa: E402
from test_panel import FUNK_BASS, stub_engine  # noqa: E402
from test_panel_narrow import WIDE, resized  # noqa: E402
from test_panel_narrow_tabs_and_drumify import big_button, in_sight, section_tabs  # noqa: E402

make_panel = panel_helpers.make_panel


def _drumify_in_sight(w, qtbot) -> None:
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert w.narrow
    bar = section_tabs(w)  # the quick controls' tab is the one up
    assert bar.tabToolTip(bar.currentIndex()) == w.docks["quick"].toggleViewAction().text()
    assert w.docks["pad"].visibleRegion().isEmpty()
    for action in (w.drumify_action, w.variations_action):
        assert in_sight(big_button(w, action)), action.text()


@pytest.mark.parametrize("size", [QSize(480, 800), QSize(480, 600), QSize(420, 700)])
def test_a_window_opened_narrow_shows_drumify(qtbot, tmp_path, size):
    from reagroove.reaper_ext.panel.app import PanelWindow

    w = PanelWindow(stub_engine(), standalone=True, config_dir=tmp_path / "config", list_ports=lambda: ([], []))
    qtbot.addWidget(w)
    w.resize(size)  # as a window manager docking it beside REAPER would, before it is shown
    w.show()
    qtbot.waitUntil(lambda: w.narrow, timeout=2000)
    assert w.open_midi(FUNK_BASS)
    _drumify_in_sight(w, qtbot)


def test_made_narrow_the_window_shows_drumify_and_the_pad_is_a_tab_away(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    resized(w, qtbot, WIDE)
    resized(w, qtbot, QSize(480, 800))
    _drumify_in_sight(w, qtbot)
    w.docks["pad"].raise_()  # the pad is still there, one click away
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert not in_sight(big_button(w, w.drumify_action))
    assert not w.docks["pad"].visibleRegion().isEmpty()
