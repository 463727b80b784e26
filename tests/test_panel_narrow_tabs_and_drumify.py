"""The editor at its narrowest beside REAPER (420 x 478, the sections tabbed under the piano roll): Drumify,
Variations and Live follow in sight when the Quick controls tab is up (under the Genre row they were 90 px below
the tab's edge, to scroll to), and every tab's name readable (Qt had cut them to "Latent …", "Quick contr…",
"Sou…"). Widened again, the sections keep their whole names and the buttons their place. Runs under pytest-qt,
offscreen, on the stand-in model."""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QTabBar, QToolButton  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402
from test_panel_narrow import WIDE, resized  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs
WHOLE = {"pad": "Latent pad", "quick": "Quick controls", "genre": "Genre mix", "sound": "Sound", "live": "Live status"}


def section_tabs(w) -> QTabBar:
    return next(b for b in w.findChildren(QTabBar) if b.isVisible() and b.count() >= 5)


def in_sight(widget) -> bool:
    """The whole widget drawn: not cut by its section's edge or scrolled away."""
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


def big_button(w, action) -> QToolButton:
    return next(b for b in w.findChildren(QToolButton) if b.defaultAction() is action)


@pytest.mark.parametrize("size", [QSize(420, 478), QSize(420, 700), QSize(600, 478)])
def test_drumify_in_sight_and_the_tabs_named_whole_in_a_narrow_window(make_panel, qtbot, size):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    resized(w, qtbot, WIDE)
    resized(w, qtbot, size)
    assert w.narrow
    w.docks["quick"].raise_()
    panel_helpers.wait_for_settled_layout(qtbot, w)
    for action in (w.drumify_action, w.variations_action, w.live_action):
        assert in_sight(big_button(w, action)), action.text()
    bar = section_tabs(w)
    for i in range(bar.count()):  # the name drawn whole in its tab, the whole name in its tooltip
        assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), bar.tabText(i)
    assert [bar.tabToolTip(i) for i in range(bar.count())] == list(WHOLE.values())
    assert [w.docks[n].toggleViewAction().text() for n in WHOLE] == list(WHOLE.values())  # the View menu


def test_widened_again_the_sections_keep_their_names_and_the_buttons_their_place(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    resized(w, qtbot, WIDE)
    layout = w.big_buttons.parentWidget().layout()
    place = layout.indexOf(w.big_buttons)
    resized(w, qtbot, QSize(420, 478))
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert w.narrow
    resized(w, qtbot, WIDE)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert not w.narrow
    assert {n: w.docks[n].windowTitle() for n in WHOLE} == WHOLE
    assert layout.indexOf(w.big_buttons) == place > 0  # under the Genre row, as before


def test_reopened_narrow_drumify_is_in_sight_and_the_tabs_named_whole(make_panel, qtbot, tmp_path):
    """Left narrow, the editor reopens narrow (persistence.py): laid out from what was saved, not arranged again."""
    config = tmp_path / "narrow-config"
    w = make_panel(config_dir=config)
    resized(w, qtbot, WIDE)
    resized(w, qtbot, QSize(420, 478))
    w.shutdown()
    again = make_panel(config_dir=config)
    qtbot.waitUntil(lambda: again.size() == QSize(420, 478) and again.narrow, timeout=3000)
    again.docks["quick"].raise_()
    panel_helpers.wait_for_settled_layout(qtbot, again)
    assert in_sight(big_button(again, again.drumify_action))
    bar = section_tabs(again)
    assert all(bar.tabRect(i).width() >= bar.tabSizeHint(i).width() for i in range(bar.count()))
