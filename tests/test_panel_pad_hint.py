"""The latent pad's hint ("Pick pattern A or B to steer...") and its point both read, wherever the point is."""

import pytest

import panel_helpers  # noqa: F401  (Qt offscreen; skips the file without PySide6, pyqtgraph or pytest-qt)

from PySide6.QtGui import QImage  # noqa: E402

from reagroove.reaper_ext.panel import pad as pad_module  # noqa: E402
from reagroove.reaper_ext.panel.pad import LatentPad  # noqa: E402



def drawn(pad: LatentPad) -> QImage:
    image = QImage(pad.size(), QImage.Format.Format_RGB32)
    pad.render(image)
    return image


def hint_pixels(pad: LatentPad, monkeypatch) -> set[tuple[int, int]]:
    """The pixels the hint changes: the pad drawn with it and without it."""
    with_hint = drawn(pad)
    with monkeypatch.context() as m:
        m.setattr(pad_module, "HINT", "")
        without = drawn(pad)
    return {(x, y) for x in range(with_hint.width()) for y in range(with_hint.height())
            if with_hint.pixel(x, y) != without.pixel(x, y)}


@pytest.mark.parametrize("size", [(340, 280), (361, 232), (430, 300)])
@pytest.mark.parametrize("follow", [0.2, 0.3, 0.5, 0.7, 1.0])
def test_the_hint_is_drawn_where_the_point_is_not(qtbot, monkeypatch, size, follow):
    """Follow 0.3 with no pattern: the point sat on the hint, "Witho●t one the drums follow your groove"."""
    pad = LatentPad()
    qtbot.addWidget(pad)
    pad.resize(*size)
    pad.set_state(0.5, follow, None, None)
    assert not pad.active
    hint = hint_pixels(pad, monkeypatch)
    assert len(hint) > 300  # drawn
    pos = pad.point_pos()
    near = {(x, y) for x, y in hint if abs(x - pos.x()) <= 14 and abs(y - pos.y()) <= 14}
    assert near == set()  # nothing of it under the point, nor touching its ring
    a, b = pad.vertex_pos("A"), pad.vertex_pos("B")
    assert all(y < a.y() - 9 for _, y in hint)  # nor on the A-B line, its circles or the names under them
    assert all(y > pad.vertex_pos("G").y() + 9 for _, y in hint) and b.y() == a.y()


def test_no_hint_once_a_pattern_is_chosen(qtbot, monkeypatch):
    pad = LatentPad()
    qtbot.addWidget(pad)
    pad.resize(340, 280)
    pad.set_state(0.5, 0.3, "rock", None)
    assert pad.active and hint_pixels(pad, monkeypatch) == set()


@pytest.mark.parametrize("size", [(353, 809), (340, 230), (700, 160), (1400, 500)])
def test_the_triangle_keeps_its_shape_in_a_tall_or_wide_pad(qtbot, size):
    """The triangle stretched with its box: a thin spike in a tall docker (353 x 809, as wide as a quarter of
    its height), a flat sliver in a short one, and one drag meant another distance as the window changed. Its
    width is now 1.2 to 2.2 times its height, centred, and a click lands where it is drawn."""
    pad = LatentPad()
    qtbot.addWidget(pad)
    pad.resize(*size)
    pad.set_state(0.3, 0.5, "afro", "rock")
    a, b, g = (pad.vertex_pos(k) for k in "ABG")
    assert 1.2 - 1e-6 <= (b.x() - a.x()) / (a.y() - g.y()) <= 2.2 + 1e-6
    assert abs((a.x() + b.x()) / 2 - size[0] / 2) < 1.0  # centred
    assert pad.to_unit(pad.point_pos()) == pytest.approx(pad_module.blend_to_pad(0.3, 0.5))
