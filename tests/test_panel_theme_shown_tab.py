"""The editor's dark theme (theme.py) in a narrow window, its sections tabbed under the piano roll: the tab shown
stands out from the others. Fusion drew it in the window's colour and the others in the lighter button colour, so
on the dark theme the shown tab read as the empty bar behind them. Runs under pytest-qt, offscreen."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel_theme_checkboxes import themed_app  # noqa: E402,F401  (its fixture: the app in the editor's theme)

make_panel = panel_helpers.make_panel  # test_panel's fixture


def marked_pixels(bar, index: int) -> int:
    """Pixels of the highlight colour inside tab `index` as drawn."""
    image = bar.grab().toImage()
    mark = bar.palette().highlight().color().rgb()
    rect = bar.tabRect(index)
    return sum(image.pixelColor(x, y).rgb() == mark for x in range(rect.left(), rect.right() + 1)
               for y in range(rect.top(), rect.bottom() + 1))


def test_the_tab_shown_in_a_narrow_window_is_marked_and_the_others_not(themed_app, make_panel, qtbot):  # noqa: F811
    from PySide6.QtWidgets import QTabBar

    w = make_panel()
    w.resize(520, 640)
    qtbot.waitUntil(lambda: w.narrow, timeout=3000)
    for shown in ("Sound", "Quick controls"):
        w.docks["sound" if shown == "Sound" else "quick"].raise_()
        panel_helpers.wait_for_settled_layout(qtbot, w)
        bar = next(b for b in w.findChildren(QTabBar) if b.isVisible() and b.count() >= 5)
        names = [bar.tabText(i) for i in range(bar.count())]
        assert names[bar.currentIndex()] == shown
        for i, name in enumerate(names):
            marked = marked_pixels(bar, i)
            if name == shown:  # a bar along the tab, in the highlight colour
                assert marked >= 2 * (bar.tabRect(i).width() - 2), name
            else:
                assert marked == 0, name
