"""The Qt panel on a small screen and what its widgets say: nothing cut, every control explained.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from helpers import groove_with  # noqa: E402
from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton, QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QComboBox, QDockWidget, QLabel, QLineEdit,
    QWidget,
)
import test_panel  # noqa: E402
from test_panel import FUNK_BASS, FakeReaper  # noqa: E402

from reagroove.core.patterns import Pattern  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures

SMALL = QSize(1000, 600)  # a small laptop screen


def least_width(widget: QWidget) -> int:
    """The width a layout never squeezes the widget below (its explicit minimum, else its hint)."""
    return widget.minimumWidth() or widget.minimumSizeHint().width()


def cut_widgets(window) -> list[str]:
    """Visible widgets in the docks narrower than they need, or running past their section's right edge,
    and one-line labels whose text is wider than they are."""
    cut = []
    for dock in window.docks.values():
        if not dock.isVisible():
            continue
        area = dock.widget()
        edge = area.viewport() if isinstance(area, QAbstractScrollArea) else area
        for w in dock.widget().findChildren(QWidget):
            if not w.isVisible() or w.objectName().startswith("qt_"):  # Qt's own parts (scroll bar containers)
                continue
            name = f"{dock.objectName()}: {type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            if w.width() < least_width(w) and least_width(w) > 0:
                cut.append(f"{name} is {w.width()} px wide, needs {least_width(w)}")
            right = w.mapTo(edge, w.rect().topRight()).x() if edge.isAncestorOf(w) else 0
            if right > edge.width() + 1:
                cut.append(f"{name} runs past the section's edge ({right} > {edge.width()})")
            if type(w) is QLabel and not w.wordWrap() and w.textFormat() != 1 and w.text() and "<" not in w.text():
                if w.fontMetrics().horizontalAdvance(w.text()) > w.contentsRect().width() + 1:
                    cut.append(f"{name}: its text is cut")
    return cut


@pytest.mark.parametrize("connected", [False, True])
def test_the_editor_fits_a_small_laptop_screen(make_panel, qtbot, connected):
    if connected:  # REAPER not answering: the longest status lines
        fake = FakeReaper()
        fake.down = True
        w = make_panel(bridge=fake, check_every=0.05, list_ports=lambda: (["USB Keys"], ["Drum synth"]))
        qtbot.waitUntil(lambda: "not answering" in w.status_labels["reaper"].text(), timeout=3000)
    else:
        w = make_panel()
        assert w.open_midi(FUNK_BASS)
        # the loop drawn ("generated in … ms" set): a slow preview (a loaded machine) set it during the check,
        # before the header was laid out again
        qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    w.resize(SMALL)
    qtbot.waitUntil(lambda: w.size() == SMALL, timeout=2000)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert w.minimumSizeHint().width() <= SMALL.width() and w.minimumSizeHint().height() <= SMALL.height()
    assert all(d.isVisible() for d in w.docks.values())
    assert cut_widgets(w) == []
    for dock in w.docks.values():  # sections too short for their controls scroll up and down, never sideways
        area = dock.widget()
        if isinstance(area, QAbstractScrollArea):
            assert area.widget().width() <= area.viewport().width()


LONG_NAME = "Funky_Drummer_Break_Clyde_Stubblefield_1970_take3"


def test_a_long_pattern_name_ends_in_an_ellipsis_and_shows_whole_in_tooltips(make_panel, qtbot):
    engine = test_panel.stub_engine()
    engine.patterns.add(Pattern(LONG_NAME, groove_with(range(0, 32, 3)), source="test"))
    w = make_panel(engine)
    combo = w.pattern_combos["A"]
    test_panel.pick(combo, combo.findText(LONG_NAME))
    assert w.controller.settings.pattern_a == LONG_NAME
    shown = combo.shown_text()  # what the box draws
    assert shown.endswith("…") and LONG_NAME.startswith(shown[:-1]) and len(shown) > 4
    assert LONG_NAME in combo.toolTip() and combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == LONG_NAME
    box, text = w.pad.corner_labels()["A"]  # the name under the pad's A corner
    assert text.endswith("…") and w.pad.fontMetrics().horizontalAdvance(text) <= box.width()
    assert box.right() <= w.pad.corner_labels()["B"][0].left()  # A's name and B's never overlap
    assert LONG_NAME in w.pad.toolTip()


def test_the_mode_badge_and_reapers_status_are_never_cut(make_panel, qtbot):
    fake = FakeReaper()
    fake.down = True
    w = make_panel(bridge=fake, check_every=0.05)
    reaper = w.status_labels["reaper"]
    qtbot.waitUntil(lambda: "not answering" in reaper.text(), timeout=3000)
    bar = w.mode_badge.parentWidget()
    for size in (QSize(1320, 820), SMALL):
        w.resize(size)
        qtbot.waitUntil(lambda: w.size() == size, timeout=2000)
        panel_helpers.wait_for_settled_layout(qtbot, w)
        badge = w.mode_badge
        assert badge.text() == "Standalone · MIDI files (REAPER not connected)" == badge.toolTip()
        assert badge.shown_text().startswith("Standalone · MIDI files")  # the mode itself is never cut
        assert bar.rect().contains(badge.geometry())
        assert reaper.height() >= reaper.heightForWidth(reaper.width())  # every line of the reason shows
        name = next(label for label in w.docks["live"].findChildren(QLabel) if label.text() == "REAPER:")
        assert name.width() >= name.sizeHint().width() and name.height() >= name.sizeHint().height()


CONTROLS = (QAbstractSlider, QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit)


def shown_tip(widget, window) -> str:
    """The tooltip Qt shows over a widget: its own, else its nearest parent's within its section."""
    while widget is not None and widget is not window and not isinstance(widget, QDockWidget):
        if widget.toolTip():
            return widget.toolTip()
        widget = widget.parentWidget()
    return ""


@pytest.mark.parametrize("connected", [False, True])
def test_every_control_says_what_it_does_in_one_line(make_panel, qtbot, connected):
    if connected:
        w = make_panel(bridge=FakeReaper(), check_every=0.05, list_ports=lambda: (["USB Keys"], ["Drum synth"]))
        qtbot.waitUntil(lambda: w.connected, timeout=3000)
    else:
        w = make_panel(list_ports=lambda: (["USB Keys"], ["Drum synth"]))
    w.advanced.set_expanded(True)
    controls = [c for c in w.findChildren(QWidget) if isinstance(c, CONTROLS) and c.isVisibleTo(w)
                and not isinstance(c.parentWidget(), (QAbstractSpinBox, QComboBox))]  # a box's own line edit
    controls.append(w.pad)
    assert len(controls) > 60
    silent = []
    for c in controls:
        tip, text = shown_tip(c, w), getattr(c, "text", lambda: "")().replace("&", "").strip("… ")
        if not tip.strip() or "\n" in tip or tip.strip("… ") == text:
            silent.append(f"{type(c).__name__} {c.objectName() or text!r}: {tip!r}")
    assert silent == []
