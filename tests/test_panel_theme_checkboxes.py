"""The editor's dark theme (theme.py) as a producer sees it at first: every check box shows as one.

Runs under pytest-qt, offscreen.
"""

import pytest

import panel_helpers  # noqa: F401  (first: Qt offscreen, and this file skipped without Qt)


@pytest.fixture
def themed_app(qtbot):
    """The application in the editor's theme (as `reagroove panel` starts it), its look put back after."""
    from PySide6.QtWidgets import QApplication

    from reagroove.reaper_ext.panel.theme import apply_theme

    app = QApplication.instance()
    style, palette = app.style().name() or "fusion", app.palette()
    apply_theme(app)
    yield app
    app.setStyle(style)
    app.setPalette(palette)


def edge_contrast(box) -> int:
    """How far the check box's square edge stands out from the window behind it (the largest channel difference,
    0-255), read off the box as drawn."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    option = QStyleOptionButton()
    box.initStyleOption(option)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    behind = box.palette().window().color()
    y = square.center().y()
    edges = [image.pixelColor(x, y) for x in (square.left(), square.right())]
    return min(max(abs(e.red() - behind.red()), abs(e.green() - behind.green()), abs(e.blue() - behind.blue()))
               for e in edges)


@pytest.mark.parametrize("checked", [False, True])
def test_a_check_box_shows_its_square_on_the_dark_theme(themed_app, qtbot, checked):
    """"auto" beside Density, "Half time" and "follow MIDI clock" were drawn as a square as dark as the window round
    it (its edge 11 levels off the background): unchecked, they read as plain labels, and a producer did not see
    that density could be set by hand."""
    from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    box = QCheckBox("auto")
    box.setChecked(checked)
    QVBoxLayout(holder).addWidget(box)
    holder.show()
    qtbot.waitExposed(holder)
    assert edge_contrast(box) >= 60
    box.setEnabled(False)  # greyed (no effect under the other settings): still a box, dimmer
    assert edge_contrast(box) >= 25
