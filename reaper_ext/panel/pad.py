"""The latent pad: one gesture sets both interpolate (A <-> B) and follow (toward your groove G).

The triangle is the engine's own (see controller.py): A bottom left, B bottom
right, G on top. Click or drag anywhere; points outside the triangle go to its
edge. Arrow keys nudge the point (left/right: interpolate, up/down: follow).
A and B show their rhythm as a strip of 32 steps under their names.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QLinearGradient, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from .controller import PAD_VERTICES, blend_to_pad, pad_to_blend
from .events import Hook
from .genre_notes import pattern_label

COLOUR_A = QColor(80, 140, 230)
COLOUR_B = QColor(235, 150, 60)
COLOUR_G = QColor(80, 210, 170)
BACKGROUND = QColor(27, 31, 38)
TEXT = QColor(205, 210, 220)
NUDGE = 0.05
STRIP_GAP = 16  # px between A's and B's rhythm strips
FRAME_ASPECT = (1.2, 2.2)  # the triangle's width over its height, least and most
TOP_UNDER_READOUT, TOP_BESIDE_READOUT = 42, 14  # px above the triangle's top: under the readout, or beside it
READOUT_AT, READOUT_GAP = (8, 6), 8  # the readout's top left corner; px it keeps from the triangle
READOUT_SIZE = (110, 32)  # the least room kept for the readout's two lines
HINT = "Pick pattern A or B to steer.\nWithout one the drums follow your groove."  # shown while no pattern is chosen
HINT_FLAGS = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
HINT_POINTS = (10, 9, 8)  # the hint's font sizes, tried in turn until it fits between G and the A-B line
HINT_PAD = 3  # px of the hint's plate (where it may draw) round its text
HALO = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy]  # its letters' edging, 1 px round


class LatentPad(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.moved = Hook()  # (interpolate, follow)
        self.keyed = False  # while a move made by an arrow key is sent (its presses are one Undo step)
        self.interpolate, self.follow = 0.0, 1.0
        self.a_name, self.b_name = None, None
        self.a_groove: np.ndarray | None = None
        self.b_groove: np.ndarray | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)  # a short screen: the triangle gets flatter
        self.setToolTip("Drag: interpolate between A and B (across) and follow your groove G (up).\n"
                        "Arrow keys nudge the point.")

    def sizeHint(self) -> QSize:
        return QSize(340, 280)

    # ------------------------------------------------------------ state

    def set_state(self, interpolate: float, follow: float, a_name: str | None, b_name: str | None,
                  a_groove: np.ndarray | None = None, b_groove: np.ndarray | None = None) -> None:
        same = ((interpolate, follow, a_name, b_name) == (self.interpolate, self.follow, self.a_name, self.b_name)
                and _same(a_groove, self.a_groove) and _same(b_groove, self.b_groove))
        self.interpolate, self.follow = interpolate, follow
        self.a_name, self.b_name = a_name, b_name
        self.a_groove, self.b_groove = a_groove, b_groove
        if not same:
            self.update()

    @property
    def active(self) -> bool:
        """Without pattern A or B the engine follows the groove alone: the pad has nothing to steer."""
        return self.a_name is not None or self.b_name is not None

    def corner_grooves(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The rhythms at the A and B corners as the engine plays them (Engine.target): pattern B alone is
        both ends, as is A alone."""
        a = self.a_groove if self.a_name else self.b_groove
        b = self.b_groove if self.b_name else a
        return a, b

    # ------------------------------------------------------------ geometry

    def _frame(self) -> QRectF:
        """The triangle's bounding box in widget pixels, centred in the pad, its width 1.2 to 2.2 times its
        height: it had stretched with its box (a thin spike in a tall docker, a flat sliver in a short one), and
        one drag meant another distance as the window changed. Under the readout in the top left corner, or beside
        it where the triangle's A-G side clears it: the band kept for it under a pad 160 px high (the editor at
        1024 x 600, 945 x 600) left the triangle 60 px high, the hint over all of it; beside it, 88."""
        beside = self._fitted(TOP_BESIDE_READOUT)
        return beside if self._clears_readout(beside) else self._fitted(TOP_UNDER_READOUT)

    def _fitted(self, top: float) -> QRectF:
        f = QRectF(self.rect()).adjusted(46, top, -46, -58)
        w, h = max(f.width(), 1.0), max(f.height(), 1.0)
        if w < FRAME_ASPECT[0] * h:  # too tall: as high as its width allows
            f.adjust(0, (h - w / FRAME_ASPECT[0]) / 2, 0, -(h - w / FRAME_ASPECT[0]) / 2)
        elif w > FRAME_ASPECT[1] * h:  # too wide
            f.adjust((w - FRAME_ASPECT[1] * h) / 2, 0, -(w - FRAME_ASPECT[1] * h) / 2, 0)
        return f

    def readout_box(self) -> QRectF:
        """Where the readout ("A ↔ B 0.50", "follow 0.30") is drawn: the top left corner, as wide as its longest
        line can be, and at least READOUT_SIZE (a larger font's)."""
        metrics = QFontMetrics(_font(9))
        width = max(metrics.horizontalAdvance(text) for text in ("A ↔ B 0.00", "follow 0.00"))
        height = max(2 * metrics.height(), READOUT_SIZE[1])
        return QRectF(READOUT_AT[0], READOUT_AT[1], max(width, READOUT_SIZE[0]), height)

    def _clears_readout(self, f: QRectF) -> bool:
        """The triangle in `f`, with G's circle, keeps READOUT_GAP px from the readout (right of its A-G side)."""
        box = self.readout_box()
        if box.bottom() + READOUT_GAP <= f.top() - 10:  # under it: nothing of the triangle beside it
            return True
        # the A-G side's x at the readout's lowest line (G's circle reaches 9 px round G)
        y = min(max(box.bottom() + READOUT_GAP, f.top()), f.bottom())
        x = f.center().x() - (y - f.top()) / max(f.height(), 1.0) * f.width() / 2
        return min(x, f.center().x() - 10) >= box.right() + READOUT_GAP

    def to_pixels(self, x: float, y: float) -> QPointF:
        f = self._frame()
        return QPointF(f.left() + x * f.width(), f.bottom() - y * f.height())

    def to_unit(self, pos: QPointF) -> tuple[float, float]:
        f = self._frame()
        return (pos.x() - f.left()) / max(f.width(), 1.0), (f.bottom() - pos.y()) / max(f.height(), 1.0)

    def vertex_pos(self, name: str) -> QPointF:
        """Where A, B or G is drawn (widget pixels)."""
        return self.to_pixels(*PAD_VERTICES[name])

    def point_pos(self) -> QPointF:
        return self.to_pixels(*blend_to_pad(self.interpolate, self.follow))

    def corner_labels(self) -> dict[str, tuple[QRectF, str]]:
        """The names under A and B: where each is drawn and its text, a long name cut with "…" to fit
        (the whole names are in the window's tooltip for the pad, `names()`)."""
        a, b = self.vertex_pos("A"), self.vertex_pos("B")
        width = min(160.0, self.width() / 2 - 10)
        a_name, b_name = (pattern_label(n) if n else n for n in (self.a_name, self.b_name))  # "Latin", not "latin"
        texts = {"A": f"A · {a_name}" if a_name else ("A · same as B" if b_name else "A · none"),
                 "B": f"B · {b_name}" if b_name else ("B · same as A" if a_name else "B · none")}
        boxes = {"A": QRectF(a.x() - 40, a.y() + 12, width, 16), "B": QRectF(b.x() + 40 - width, b.y() + 12, width, 16)}
        metrics = QFontMetrics(_font(9))
        return {k: (boxes[k], metrics.elidedText(texts[k], Qt.TextElideMode.ElideRight, int(width))) for k in texts}

    def names(self) -> str:
        """The patterns at the corners, named in full ("" when none is chosen)."""
        return " · ".join(f"{slot}: {pattern_label(name)}" for slot, name in (("A", self.a_name), ("B", self.b_name))
                          if name)

    # ------------------------------------------------------------ input

    def _move_to(self, pos: QPointF) -> None:
        t, f = pad_to_blend(*self.to_unit(pos), self.interpolate)
        if (t, f) != (self.interpolate, self.follow):
            self.interpolate, self.follow = t, f
            self.update()
            self.moved.emit(t, f)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._move_to(event.position())

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_to(event.position())

    def keyPressEvent(self, event) -> None:
        dt = {Qt.Key.Key_Left: -NUDGE, Qt.Key.Key_Right: NUDGE}.get(event.key(), 0.0)
        df = {Qt.Key.Key_Down: -NUDGE, Qt.Key.Key_Up: NUDGE}.get(event.key(), 0.0)
        if not (dt or df):
            super().keyPressEvent(event)
            return
        t = round(min(max(self.interpolate + dt, 0.0), 1.0), 3)
        f = round(min(max(self.follow + df, 0.0), 1.0), 3)
        if (t, f) != (self.interpolate, self.follow):
            self.interpolate, self.follow = t, f
            self.update()
            self.keyed = True
            try:
                self.moved.emit(t, f)
            finally:
                self.keyed = False

    # ------------------------------------------------------------ drawing

    def strip_boxes(self) -> dict[str, QRectF]:
        """Where A's and B's rhythm strips are drawn: under their names, narrower on a narrow pad so that
        STRIP_GAP stays between them (at full width they met below 250 px and read as one strip)."""
        a, b = self.vertex_pos("A"), self.vertex_pos("B")
        left, right = a.x() - 40, b.x() + 40
        width = max(min(112.0, (right - left - STRIP_GAP) / 2), 0.0)
        return {"A": QRectF(left, a.y() + 32, width, 9), "B": QRectF(right - width, b.y() + 32, width, 9)}

    def hint_layout(self) -> tuple[QRectF, QFont, str] | None:
        """Where HINT is drawn while no pattern is chosen, in which font and which of its texts; None: no room.

        Its plate (the text and HINT_PAD round it, centred) sits between G's circle and the A-B line: just under G
        or just over the line, whichever is farther from the point (drawn across it, "Witho●t one
        the drums follow" read as a glitch). It is never on G, A or B, their names or the A-B line (at 1024 and 946
        px wide the editor's short pad put "groove." onto the line between A and B): where the whole hint does not
        fit at 10 pt it is set smaller, down to 8 pt, then its first line alone, and with no room for that or where
        every place for it is under the point, it is not drawn (the pad's tooltip says why it is dimmed)."""
        if not HINT:
            return None
        g, a, point = self.vertex_pos("G"), self.vertex_pos("A"), self.point_pos()
        upper = max(g.y() + 12, 4.0)  # clear of G's circle (and of its name, beside it)
        lower = min(a.y() - 12, self.height() - 4.0)  # clear of the A-B line and the A and B circles
        near = QRectF(point.x() - 15, point.y() - 15, 30, 30)  # the point and its ring
        readout = self.readout_box()
        width = max(self.width() - 20, 1)
        for text in (HINT, HINT.split("\n")[0]):
            for points in HINT_POINTS:
                font = _font(points, bold=True)
                box = QRectF(QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), HINT_FLAGS, text))
                plate_height = box.height() + 2 * HINT_PAD
                if plate_height > lower - upper:
                    continue
                plate_width = min(box.width() + 2 * HINT_PAD, self.width() - 4.0)
                # just under G, just under the readout (G beside it: _frame), or just over the A-B line
                under_readout = min(max(upper, readout.bottom() + 2), lower - plate_height)
                tops = sorted((upper, under_readout, lower - plate_height),
                              key=lambda top: -abs(top + plate_height / 2 - point.y()))
                for top in tops:
                    plate = QRectF((self.width() - plate_width) / 2, top, plate_width, plate_height)
                    # nor on the readout: the triangle beside it (_frame) put G's level beside it too
                    if not plate.intersects(near) and not plate.intersects(readout):
                        return plate, font, text
        return None

    def hint_box(self) -> QRectF | None:
        """The hint's plate (hint_layout), None where it is not drawn."""
        layout = self.hint_layout()
        return None if layout is None else layout[0]

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), BACKGROUND)
        a, b, g = self.vertex_pos("A"), self.vertex_pos("B"), self.vertex_pos("G")
        alpha = 255 if self.active else 90
        tri = QPolygonF([a, b, g])
        across = QLinearGradient(a, b)
        across.setColorAt(0, _with_alpha(COLOUR_A, alpha * 0.45))
        across.setColorAt(1, _with_alpha(COLOUR_B, alpha * 0.45))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(across))
        p.drawPolygon(tri)
        up = QLinearGradient(QPointF(g.x(), a.y()), g)
        up.setColorAt(0, _with_alpha(COLOUR_G, 0))
        up.setColorAt(1, _with_alpha(COLOUR_G, alpha * 0.55))
        p.setBrush(QBrush(up))
        p.drawPolygon(tri)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(_with_alpha(TEXT, alpha * 0.6), 1.5))
        p.drawPolygon(tri)

        # P: the A-B blend at this interpolate, and the follow path from P up to G
        t, f = self.interpolate, self.follow
        pp = self.to_pixels(t, 0.0)
        p.setPen(QPen(_with_alpha(TEXT, alpha * 0.7), 1.2, Qt.PenStyle.DashLine))
        p.drawLine(pp, g)
        p.setPen(QPen(_with_alpha(TEXT, alpha), 2))
        p.drawLine(pp + QPointF(0, -6), pp + QPointF(0, 6))

        for name, pos, colour in (("A", a, COLOUR_A), ("B", b, COLOUR_B), ("G", g, COLOUR_G)):
            p.setPen(QPen(BACKGROUND, 2))
            p.setBrush(_with_alpha(colour, alpha))
            p.drawEllipse(pos, 9, 9)
            p.setPen(BACKGROUND)
            p.setFont(_font(9, bold=True))
            p.drawText(QRectF(pos.x() - 9, pos.y() - 9, 18, 18), Qt.AlignmentFlag.AlignCenter, name)

        p.setFont(_font(9))
        p.setPen(TEXT)
        for name, (box, text) in self.corner_labels().items():
            p.drawText(box, Qt.AlignmentFlag.AlignLeft if name == "A" else Qt.AlignmentFlag.AlignRight, text)
        # beside G, not above it: a narrow pad keeps it clear of the readout in the top left corner
        p.drawText(QRectF(g.x() + 14, g.y() - 8, max(self.width() - g.x() - 16, 0), 16), Qt.AlignmentFlag.AlignLeft,
                   "G · your groove")
        a_groove, b_groove = self.corner_grooves()
        boxes = self.strip_boxes()
        self._strip(p, boxes["A"], a_groove, COLOUR_A)
        self._strip(p, boxes["B"], b_groove, COLOUR_B)

        hint = None if self.active else self.hint_layout()
        if hint is not None:  # away from the point (the text never hides what is dragged)
            plate, font, text = hint
            p.setFont(font)
            # wrapped at the width it was measured at (its plate's, a pixel off, could wrap it again), centred
            box = QRectF(10, plate.top() + HINT_PAD, max(self.width() - 20, 1), plate.height())
            # each letter edged in the pad's background: the triangle's sides do not run through its letters, and
            # the triangle shows between them (a plate behind the whole hint hid the triangle's middle)
            p.setPen(BACKGROUND)
            for dx, dy in HALO:
                p.drawText(box.translated(dx, dy), HINT_FLAGS, text)
            p.setPen(QColor(235, 235, 240))
            p.drawText(box, HINT_FLAGS, text)
        pos = self.point_pos()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BACKGROUND)  # dimmed, the point is see-through: not onto what is under it
        p.drawEllipse(pos, 9, 9)
        p.setPen(QPen(QColor(255, 255, 255, alpha), 2.5))
        p.setBrush(_with_alpha(QColor(250, 90, 110), alpha))
        p.drawEllipse(pos, 8, 8)

        p.setFont(_font(9))
        p.setPen(TEXT)
        # named as the quick controls' sliders name them ("interpolate", the setting's name, was on no control)
        p.drawText(self.readout_box(), Qt.AlignmentFlag.AlignLeft,  # the box the triangle keeps clear of
                   f"A ↔ B {t:.2f}\nfollow {f:.2f}")
        if self.hasFocus():
            p.setPen(QPen(_with_alpha(COLOUR_G, 120), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    @staticmethod
    def _strip(p: QPainter, box: QRectF, groove: np.ndarray | None, colour: QColor) -> None:
        """A pattern's rhythm: 32 steps, hits as ticks as tall as their velocity."""
        if groove is None:
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 18))
        p.drawRect(box)
        w = box.width() / 32
        path = QPainterPath()
        for s in np.flatnonzero(groove[:, 0] > 0):
            h = box.height() * (0.35 + 0.65 * float(groove[s, 1]))
            path.addRect(QRectF(box.left() + s * w + 0.5, box.bottom() - h, max(w - 1, 1), h))
        p.setBrush(colour)
        p.drawPath(path)


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    return a is b or (a is not None and b is not None and np.array_equal(a, b))


def _with_alpha(colour: QColor, alpha: float) -> QColor:
    c = QColor(colour)
    c.setAlpha(int(max(0, min(255, alpha))))
    return c


def _font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font
