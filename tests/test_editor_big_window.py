"""The full editor on a big screen (3840 x 2160, maximised): the piano roll takes the room, the controls keep
sensible sizes, and the pad's hint leaves the triangle to be seen. Runs under pytest-qt, offscreen, on the stand-in
model (the layout does not depend on the drums)."""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

from reagroove.reaper_ext.panel import pad as pad_module  # noqa: E402
from reagroove.reaper_ext.panel.pad import LatentPad  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs

START = QSize(1320, 820)
FOUR_K = QSize(3840, 2160)
BELOW_ROLL = ("genre", "sound", "live")


def resized(w, qtbot, size: QSize) -> None:
    w.resize(size)
    qtbot.waitUntil(lambda: w.size() == size, timeout=2000)
    qtbot.wait(60)  # the docks laid out again


def needs(dock) -> int:
    """The height a section's controls need: its content's, and the dock's title."""
    return dock.widget().widget().sizeHint().height() + dock.height() - dock.widget().height()


def test_maximised_on_a_4k_screen_the_piano_roll_takes_the_height_and_the_pad_column_grows(make_panel, qtbot):
    """At 3840 x 2160 a third of the window was blank: Genre mix, Sound and Live status were 917 px high round
    300 px of controls, the quick controls 1187 px round 260, the piano roll only half the height, and the pad a
    361 px column with a 224 px triangle in a 1560 px high pad."""
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    qtbot.wait(60)
    before = {n: d.geometry() for n, d in w.docks.items()}
    resized(w, qtbot, FOUR_K)
    d = w.docks
    docks_height = d["quick"].geometry().bottom() - d["pad"].geometry().top()
    assert d["roll"].height() >= 0.75 * docks_height  # the new height is the roll's
    for name in BELOW_ROLL + ("quick",):  # the sections keep the height they had, about what their controls need
        assert abs(d[name].height() - before[name].height()) <= 2, name
    assert d["quick"].height() <= needs(d["quick"]) + 80
    assert d["genre"].height() <= max(needs(d[n]) for n in BELOW_ROLL) + 80  # one row: its tallest section's
    assert d["roll"].width() >= 0.7 * w.width()  # most of the width too
    assert w.pad.width() >= w.pad.height() / 2.0 - 2  # a pad, not a tall strip round a small triangle
    assert d["pad"].width() <= 0.25 * w.width() + 2  # nor a quarter of the screen or more
    a, g = w.pad.vertex_pos("A"), w.pad.vertex_pos("G")
    assert a.y() - g.y() >= w.pad.height() / 3  # its triangle uses the height it has (it was a seventh)

    resized(w, qtbot, START)  # restored down: as it was at the start
    for name, geometry in before.items():
        assert abs(d[name].width() - geometry.width()) <= 2 and abs(d[name].height() - geometry.height()) <= 2, name


def test_opened_at_4k_the_pad_column_is_not_half_the_window(qtbot, tmp_path):
    """A window first shown at its full size (maximised before any layout was saved): Qt shared the width out
    evenly, a 1917 px pad column beside a 1917 px piano roll."""
    import test_panel
    from reagroove.reaper_ext.panel.app import PanelWindow

    w = PanelWindow(test_panel.stub_engine(), standalone=True, config_dir=tmp_path / "config",
                    list_ports=lambda: ([], []))
    qtbot.addWidget(w)
    w.resize(FOUR_K)
    w.show()
    qtbot.waitUntil(lambda: w.isVisible() and w.size() == FOUR_K, timeout=2000)
    qtbot.wait(60)
    assert w.docks["pad"].width() <= 0.25 * w.width() + 2
    assert w.docks["roll"].width() >= 0.7 * w.width()


def test_a_column_or_row_the_producer_sized_in_a_big_window_keeps_its_size(make_panel, qtbot):
    w = make_panel()
    resized(w, qtbot, FOUR_K)
    d = w.docks
    w.resizeDocks([d["pad"], d["roll"]], [600, FOUR_K.width() - 600], Qt.Orientation.Horizontal)  # narrower
    w.resizeDocks([d["roll"], d["genre"]], [1200, 800], Qt.Orientation.Vertical)  # the row under the roll taller
    qtbot.wait(60)
    column, row = d["pad"].width(), d["genre"].height()
    assert row >= 780  # a separator dragged still makes the sections as tall as the producer likes
    resized(w, qtbot, QSize(3600, 2000))
    assert abs(d["pad"].width() - column) <= 2  # the producer's width, not the one for the pad's height
    assert abs(d["genre"].height() - row) <= 2


@pytest.mark.parametrize("size, follow", [((340, 280), 1.0), ((361, 320), 0.3), ((848, 1700), 1.0)])
def test_the_pad_hint_leaves_the_dimmed_triangle_to_be_seen(qtbot, monkeypatch, size, follow):
    """The hint sat on a dark plate as wide as the pad across the triangle's middle: the triangle was cut in two.
    Edged letter by letter, the triangle shows between its letters and lines."""
    pad = LatentPad()
    qtbot.addWidget(pad)
    pad.resize(*size)
    pad.set_state(0.5, follow, None, None)

    def drawn(hint: str, triangle: bool = True) -> QImage:
        with monkeypatch.context() as m:
            m.setattr(pad_module, "HINT", hint)
            if not triangle:
                m.setattr(pad_module.QPainter, "drawPolygon", lambda *a: None)
            image = QImage(pad.size(), QImage.Format.Format_RGB32)
            pad.render(image)
        return image

    with_hint, without, bare = drawn(pad_module.HINT), drawn(""), drawn("", triangle=False)
    box = pad.hint_box().toAlignedRect()
    inside = [(x, y) for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom())]
    triangle = [(x, y) for x, y in inside if without.pixel(x, y) != bare.pixel(x, y)]  # the triangle's pixels there
    assert len(triangle) > 500
    hidden = sum(with_hint.pixel(x, y) != without.pixel(x, y) for x, y in triangle)
    assert hidden < 0.6 * len(triangle)  # most of it still shows
    changed = sum(with_hint.pixel(x, y) != without.pixel(x, y) for x, y in inside)
    assert changed > 300  # and the hint is there to read


def test_reset_layout_in_a_4k_window_fits_the_default_layout_to_it(make_panel, qtbot):
    """View > Reset layout put back the layout kept at the window's first size (1320 x 820): at 3840 x 2160 the
    pad column was 1917 px, half the window, and the piano roll 430 px high over a 1649 px Genre mix row."""
    w = make_panel()
    resized(w, qtbot, FOUR_K)
    w.resizeDocks([w.docks["pad"], w.docks["roll"]], [1500, 2340], Qt.Orientation.Horizontal)  # moved about
    qtbot.wait(60)
    w.reset_layout()
    qtbot.wait(60)
    d = w.docks
    assert d["roll"].height() >= 0.75 * (d["quick"].geometry().bottom() - d["pad"].geometry().top())
    assert d["roll"].width() >= 0.7 * w.width() and d["pad"].width() <= 0.25 * w.width() + 2
    assert d["genre"].height() <= max(needs(d[n]) for n in BELOW_ROLL) + 80


def test_advanced_opened_in_a_4k_window_is_shown_whole_and_shut_gives_the_roll_its_height_back(make_panel, qtbot):
    """The row under the roll keeps its height in a big window; F3 opened the per-voice table inside it, to be
    scrolled through under 1400 px of piano roll: the row grows to show it whole (the roll keeping most of the
    height), and goes back once it is shut."""
    w = make_panel()
    resized(w, qtbot, FOUR_K)
    d = w.docks
    shared = d["roll"].height() + d["sound"].height()
    row = d["sound"].height()
    assert d["roll"].height() >= 0.8 * shared
    w.toggle_advanced()
    qtbot.waitUntil(lambda: d["sound"].height() > row, timeout=2000)
    qtbot.wait(60)
    assert w.advanced.is_expanded() and d["sound"].widget().verticalScrollBar().maximum() == 0  # whole
    assert d["roll"].height() >= 0.6 * shared - 2
    w.toggle_advanced()
    qtbot.waitUntil(lambda: abs(d["sound"].height() - row) <= 2, timeout=2000)
    assert d["roll"].height() >= 0.8 * shared


def test_a_column_widened_for_the_pad_and_saved_narrows_again_after_a_restart(make_panel, qtbot, tmp_path):
    """The layout saved maximised at 3840 x 2160 holds the column widened for the pad's height: opened again
    maximised and restored down to 1320 px, that width (or the one Qt squeezed it to while the window opened) was
    taken for the producer's own."""
    import test_panel
    from reagroove.reaper_ext.panel.app import PanelWindow

    w = make_panel(config_dir=tmp_path / "config")
    resized(w, qtbot, FOUR_K)
    widened = w.docks["pad"].width()
    w.save_state()
    w.shutdown()
    again = PanelWindow(test_panel.stub_engine(), standalone=True, config_dir=tmp_path / "config",
                        list_ports=lambda: ([], []))
    qtbot.addWidget(again)
    again.resize(FOUR_K)  # opened maximised
    again.show()
    qtbot.waitUntil(lambda: again.isVisible() and again.size() == FOUR_K, timeout=2000)
    qtbot.wait(60)
    assert abs(again.docks["pad"].width() - widened) <= 2 and widened >= again.pad.height() / 2.0 - 2
    resized(again, qtbot, START)
    assert again.docks["pad"].width() <= 400 and again.docks["roll"].width() >= START.width() - 400
