"""The editor docked beside REAPER on a laptop: a narrow window stacks its sections (the piano roll over the
others, tabbed), and widened again it is laid out as it was. Runs under pytest-qt, offscreen, on the stand-in model."""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QToolBar  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402
from test_panel_fit import cut_widgets  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs

WIDE = QSize(1280, 800)
TABBED = ("pad", "quick", "genre", "sound", "live")


def resized(w, qtbot, size: QSize) -> None:
    w.resize(size)
    qtbot.waitUntil(lambda: w.size() == size, timeout=2000)
    qtbot.wait(50)  # the layout settled (and the wide one kept, narrow.WideState)


def layout_of(w) -> dict:
    """Where each section is: its area, size, whether it is tabbed, and shown."""
    return {n: (w.dockWidgetArea(d), d.geometry().getRect(),
                tuple(sorted(t.objectName() for t in w.tabifiedDockWidgets(d))), d.isHidden())
            for n, d in w.docks.items()}


def each_tab_whole(w, qtbot) -> list[str]:
    """Each tabbed section brought up in turn: what is cut in it (test_panel_fit.cut_widgets)."""
    cut = []
    for name in TABBED:
        if w.docks[name].isHidden():
            continue
        w.docks[name].raise_()
        qtbot.wait(30)
        cut += cut_widgets(w)
    return cut


@pytest.mark.parametrize("width", [420, 440])
def test_the_editor_goes_narrow_beside_reaper_with_nothing_cut(make_panel, qtbot, width):
    """Asked for 420x700 it stayed 945 px wide: Genre mix, Sound and Live status sat side by side under the roll."""
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    resized(w, qtbot, WIDE)
    size = QSize(width, 700)
    resized(w, qtbot, size)
    assert w.size() == size and w.narrow
    assert w.minimumSizeHint().width() <= width and w.minimumSizeHint().height() <= 700
    roll = w.docks["roll"]
    assert roll.width() >= width - 10 and not roll.isHidden()  # the whole width
    assert set(t.objectName() for t in w.tabifiedDockWidgets(w.docks["pad"])) == set(TABBED) - {"pad"}
    pad = w.docks["pad"]  # under the roll, whole once its tab is up (its B row was cut off)
    pad.raise_()
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert roll.geometry().bottom() < pad.geometry().top() and pad.height() >= 250
    assert each_tab_whole(w, qtbot) == []
    bar = w.findChild(QToolBar, "main_toolbar")
    assert bar.width() <= width and w.mode_badge.isVisible()


def test_widened_again_the_editor_is_laid_out_as_it_was(make_panel, qtbot):
    w = make_panel()
    resized(w, qtbot, WIDE)
    w.resizeDocks([w.docks["genre"], w.docks["sound"]], [400, 300], Qt.Orientation.Horizontal)  # the producer's own
    qtbot.wait(50)
    before = layout_of(w)
    resized(w, qtbot, QSize(440, 700))
    assert w.narrow
    resized(w, qtbot, WIDE)
    assert not w.narrow and layout_of(w) == before
    assert not w.tabifiedDockWidgets(w.docks["genre"])  # Genre mix, Sound and Live status side by side again


def test_quick_view_narrow_keeps_the_roll_pad_and_quick_controls(make_panel, qtbot):
    w = make_panel()
    resized(w, qtbot, WIDE)
    before = layout_of(w)
    resized(w, qtbot, QSize(440, 700))
    w.set_quick_view(True)
    qtbot.wait(50)
    shown = {n for n, d in w.docks.items() if not d.isHidden()}
    assert shown == {"roll", "pad", "quick"} and w.size() == QSize(440, 700)
    assert each_tab_whole(w, qtbot) == []
    resized(w, qtbot, WIDE)  # wide again in quick view: still quick view
    assert not w.narrow and {n for n, d in w.docks.items() if not d.isHidden()} == {"roll", "pad", "quick"}
    w.set_quick_view(False)
    qtbot.wait(50)
    assert layout_of(w) == before  # every section back where it was


def test_a_narrow_window_reopens_narrow_and_widens_to_the_layout_it_had(make_panel, qtbot, tmp_path):
    config = tmp_path / "narrow-config"
    w = make_panel(config_dir=config)
    resized(w, qtbot, WIDE)
    before = layout_of(w)
    resized(w, qtbot, QSize(440, 700))
    w.shutdown()
    again = make_panel(config_dir=config)
    qtbot.waitUntil(lambda: again.size() == QSize(440, 700), timeout=2000)
    assert again.narrow and again.tabifiedDockWidgets(again.docks["pad"])
    resized(again, qtbot, WIDE)
    assert not again.narrow and layout_of(again) == before


def test_reset_layout_in_a_narrow_window_stays_narrow(make_panel, qtbot):
    w = make_panel()
    resized(w, qtbot, QSize(440, 700))
    w.reset_layout()
    qtbot.wait(50)
    assert w.narrow and w.size() == QSize(440, 700) and each_tab_whole(w, qtbot) == []
    resized(w, qtbot, WIDE)
    assert not w.narrow and not w.tabifiedDockWidgets(w.docks["genre"])


def test_a_window_opened_narrow_is_stacked_and_widened_is_wide(qtbot, tmp_path):
    from test_panel import stub_engine

    from reagroove.reaper_ext.panel.app import PanelWindow

    w = PanelWindow(stub_engine(), standalone=True, config_dir=tmp_path / "config", list_ports=lambda: ([], []))
    qtbot.addWidget(w)
    w.resize(440, 700)  # as a window manager docking it beside REAPER would, before it is shown
    w.show()
    qtbot.waitUntil(lambda: w.narrow, timeout=2000)
    assert w.size() == QSize(440, 700) and each_tab_whole(w, qtbot) == []
    resized(w, qtbot, WIDE)
    assert not w.narrow and not w.tabifiedDockWidgets(w.docks["genre"])
    assert w.dockWidgetArea(w.docks["pad"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert w.docks["pad"].width() < w.docks["roll"].width()  # the roll's side has the room, as at the start
