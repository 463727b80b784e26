"""The editor's look: a dark Fusion theme that matches the pad and the piano roll."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

# A check box's edge. Fusion draws it from the window colour, darkened: on this theme's dark window it was a square
# as dark as the box (31,35,41 round 30,34,41 on 40,44,52), and "auto", "Half time" and "follow MIDI clock" read as
# plain labels with a smudge beside them.
CHECK_EDGE, CHECK_EDGE_DISABLED = QColor(138, 146, 160), QColor(84, 90, 102)


class VisibleCheckBoxes(QProxyStyle):
    """Fusion, with an edge round each check box that shows on the dark window."""

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
