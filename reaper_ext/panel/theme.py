"""The editor's look: a dark Fusion theme that matches the pad and the piano roll."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QTabBar

# A check box's edge. Fusion draws it from the window colour, darkened: on this theme's dark window it was a square
# as dark as the box (31,35,41 round 30,34,41 on 40,44,52), and "auto", "Half time" and "follow MIDI clock" read as
# plain labels with a smudge beside them.
CHECK_EDGE, CHECK_EDGE_DISABLED = QColor(138, 146, 160), QColor(84, 90, 102)


# The shown tab of sections tabbed together (a narrow window's pad, quick controls, Genre mix, Sound, Live status):
# Fusion draws it in the window's colour and the others in the buttons' lighter one, which on this theme read the
# wrong way round (the shown tab looked like the empty bar behind the others). It gets a bar in the highlight colour
# along its outer edge, this many px thick.
TAB_MARK = 3
SOUTH = (QTabBar.Shape.RoundedSouth, QTabBar.Shape.TriangularSouth)
WEST = (QTabBar.Shape.RoundedWest, QTabBar.Shape.TriangularWest)
EAST = (QTabBar.Shape.RoundedEast, QTabBar.Shape.TriangularEast)


def tab_mark(rect: QRect, shape) -> QRect:
    """Where the shown tab's bar goes: along its edge away from the section it shows."""
    if shape in SOUTH:
        return QRect(rect.left() + 1, rect.bottom() - TAB_MARK + 1, rect.width() - 2, TAB_MARK)
    if shape in WEST:
        return QRect(rect.left(), rect.top() + 1, TAB_MARK, rect.height() - 2)
    if shape in EAST:
        return QRect(rect.right() - TAB_MARK + 1, rect.top() + 1, TAB_MARK, rect.height() - 2)
    return QRect(rect.left() + 1, rect.top(), rect.width() - 2, TAB_MARK)


class VisibleCheckBoxes(QProxyStyle):
    """Fusion, with an edge round each check box that shows on the dark window, and the shown tab marked."""

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_TabBarTabShape and option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(tab_mark(option.rect, option.shape), option.palette.color(QPalette.ColorRole.Highlight))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
            painter.save()
            painter.setPen(QPen(CHECK_EDGE if enabled else CHECK_EDGE_DISABLED, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5))
            painter.restore()


def apply_theme(app: QApplication) -> None:
    """A dark Fusion theme that matches the pad and the piano roll."""
    app.setStyle(VisibleCheckBoxes("Fusion"))
    pal = QPalette()
    base, window, text = QColor(30, 34, 41), QColor(40, 44, 52), QColor(220, 224, 232)
    for role, colour in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, window),
                         (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, QColor(52, 57, 67)),
                         (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, base),
                         (QPalette.ColorRole.ToolTipText, text), (QPalette.ColorRole.Highlight, QColor(64, 140, 220)),
                         (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
                         (QPalette.ColorRole.PlaceholderText, QColor(140, 146, 158))):
        pal.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 126, 138))
    app.setPalette(pal)
