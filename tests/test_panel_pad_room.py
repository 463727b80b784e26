"""The latent pad's triangle uses the room beside its readout: in a short pad it was a sliver.

The triangle sat under a 42 px band kept for the readout ("A ↔ B 0.00", "follow 1.00") in the top left corner, even
where it stood clear of it: the editor at 1024 x 600 or 945 x 600 gives the pad 160 px, and the triangle was 60 px
high (one px a 60th of follow, the hint drawn over all of it). Beside the readout, where its A-G side clears it, it
starts under G's circle; where it would run into the readout (a narrow pad) it stays under it.
"""

import pytest

import panel_helpers  # noqa: F401  (Qt offscreen; skips the file without PySide6, pyqtgraph or pytest-qt)

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontMetrics  # noqa: E402

from reagroove.reaper_ext.panel import pad as pad_module  # noqa: E402
from reagroove.reaper_ext.panel.pad import LatentPad  # noqa: E402


def a_pad(qtbot, size) -> LatentPad:
    pad = LatentPad()
    qtbot.addWidget(pad)
    pad.resize(*size)
    pad.set_state(0.3, 0.5, "afro", "rock")
    return pad


def readout(pad: LatentPad) -> QRectF:
    """Where the readout's two lines are drawn (8, 6 from the top left corner, 9 pt), as wide as the longer."""
    font = QFont()
    font.setPointSize(9)
    metrics = QFontMetrics(font)
    return QRectF(8, 6, max(metrics.horizontalAdvance(t) for t in ("A ↔ B 0.00", "follow 0.00")), 2 * metrics.height())


def height_under_band(width: int, height: int) -> float:
    """The triangle's height under the readout's 42 px band, as it was drawn: its box the pad less 46 px each side,
    42 above and 58 below, its width at most 2.2 times its height."""
    box_w, box_h = width - 92, height - 100
    return min(box_h, box_w / 1.2)


def triangle_clear_of(pad: LatentPad, box: QRectF) -> bool:
    """No point of the triangle (its A-G side sampled, G's circle round G) inside `box`."""
    a, g = pad.vertex_pos("A"), pad.vertex_pos("G")
    side = [a + (g - a) * (k / 100) for k in range(101)]
    if any(box.contains(p) for p in side):
        return False
    return not box.intersects(QRectF(g.x() - 9, g.y() - 9, 18, 18))


@pytest.mark.parametrize("size", [(330, 160), (937, 160), (382, 277)])
def test_a_short_pad_s_triangle_is_taller_than_under_the_readout_s_band(qtbot, size):
    pad = a_pad(qtbot, size)
    height = pad.vertex_pos("A").y() - pad.vertex_pos("G").y()
    assert height >= height_under_band(*size) + 20, (height, height_under_band(*size))
    assert triangle_clear_of(pad, readout(pad))


@pytest.mark.parametrize("size", [(240, 160), (240, 300), (260, 420), (353, 809), (700, 160), (1400, 500)])
def test_the_triangle_never_runs_into_the_readout(qtbot, size):
    pad = a_pad(qtbot, size)
    assert triangle_clear_of(pad, readout(pad)), size
    a, b, g = (pad.vertex_pos(k) for k in "ABG")
    assert 1.2 - 1e-6 <= (b.x() - a.x()) / (a.y() - g.y()) <= 2.2 + 1e-6  # its shape kept
    assert pad.to_unit(pad.point_pos()) == pytest.approx(pad_module.blend_to_pad(0.3, 0.5))  # a click lands on it


def test_the_readouts_second_line_is_drawn_whole_in_a_larger_font(qtbot, monkeypatch):
    # a screen whose 9 pt is taller (a HiDPI font setting): the readout was drawn into a fixed 170 x 32 box, and
    # "follow 0.50" under "A ↔ B 0.30" was cut off at its foot
    big = pad_module._font

    monkeypatch.setattr(pad_module, "_font", lambda points, bold=False: big(points * 2, bold))
    pad = a_pad(qtbot, (420, 360))
    image = pad.grab().toImage()
    box = pad.readout_box()
    assert box.height() > 40  # two lines of the larger font
    # the text's light pixels under the old box's foot (y 38), within the readout's lower line
    lit = [y for y in range(38, int(box.bottom())) for x in range(int(box.left()), int(box.right()))
           if QColor(image.pixel(x, y)).lightness() > 150]
    assert lit, "the readout's second line is cut off"
