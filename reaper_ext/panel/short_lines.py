"""One-line texts in a narrow editor (420 px beside REAPER): what matters stays, details go first.

Cut with "…" at the right edge, the line lost what a producer looked for: the roll's heading lost its bars
("funk_bass.mid · bars 1…") while "generated in 22.2 ms" stayed beside it, and a hit dragged said where it came
from, its velocity and timing, and was cut before where it went. Here:

- RollHeading: the piano roll's heading, "NAME · bars 5-6 (3 of 8)"; short of room the name is cut in its middle,
  never the bars.
- RollHeader: the heading's row; the generation time is hidden where the heading would not be whole beside it
  (GenerationTime: the time, which the Live status' Generation row says too).
- StatusLine: the status line; short of room it drops, from its end, the asides in brackets ("(Ctrl+Z undoes)",
  a hit's "(velocity 124, 0.05 of a 16th late)") and the clauses after "; " (said "; …"), before it cuts what is
  left with "…" (short_text.py, which the docked panel's message line shares). The whole line is in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from .controls import ElidedLabel
from .short_text import MORE, shortened

HEADING_SEPARATOR = " · "  # between the part's name and the bars shown (InputGroove.label)


class StatusLine(ElidedLabel):
    """The window's status line: a line too long for it loses its details before its point (`shortened`)."""

    def shown_text(self) -> str:
        metrics, width = self.fontMetrics(), self._text_rect().width()
        text = shortened(self.text(), lambda t: metrics.horizontalAdvance(t) <= width)
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class RollHeading(ElidedLabel):
    """The roll's heading, "NAME · bars 5-6 (3 of 8)": short of room, the name is cut in its middle, not the bars
    (nor "· version 2 of 4")."""

    def __init__(self, text: str = "", parent=None, *, least: int = 4, changed=None):
        self._changed = None
        super().__init__(text, parent, least=least)
        self._changed = changed  # told when the text changes (RollHeader.fit)

    def setText(self, text: str) -> None:
        super().setText(text)
        if self._changed is not None:
            self._changed()

    def shown_text(self) -> str:
        text, metrics, width = self.text(), self.fontMetrics(), self._text_rect().width()
        if metrics.horizontalAdvance(text) <= width:
            return text
        name, separator, bars = text.partition(HEADING_SEPARATOR)
        room = width - metrics.horizontalAdvance(separator + bars)
        if separator and room >= metrics.horizontalAdvance(MORE):
            return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room) + separator + bars
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class GenerationTime(QLabel):
    """The roll's "generated in 22.1 ms": each new text told to `changed` (the Live status' Generation row says it
    too, modes.py)."""

    def __init__(self, changed=None):
        super().__init__("")
        self.changed = changed

    def setText(self, text: str) -> None:
        super().setText(text)
        if self.changed is not None:
            self.changed(text)


class RollHeader(QWidget):
    """The piano roll's heading row: the heading, the generation time and the window box. Where the heading would
    not be whole beside the time, the time is hidden (the first thing a narrow editor can do without)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.heading = RollHeading("No input", least=12, changed=self.fit)
        self.heading.setStyleSheet("font-weight: bold;")
        self.time = GenerationTime()
        self.time.setStyleSheet("color: #9aa3b2;")
        # its room kept from the start: each preview's new time did not lay the header out again at once (a
        # section squeezed, or a check just then, found it a few px wide with its text cut)
        self.time.setMinimumWidth(self.time.fontMetrics().horizontalAdvance("generated in 9999.9 ms") + 4)
        self.others: list[QWidget] = []  # the widgets right of the time (the window box)

    def lay_out(self, *others: QWidget) -> None:
        self.others = list(others)
        self.row.addWidget(self.heading)
        self.row.addStretch(1)
        self.row.addWidget(self.time)
        for widget in others:
            self.row.addWidget(widget)
        self.fit()

    def fit(self) -> None:
        """The time shown where the whole heading fits beside it and the window box, hidden where it does not."""
        spacing = max(self.row.spacing(), 0)
        need = self.heading.fontMetrics().horizontalAdvance(self.heading.text()) + 2 * self.heading.margin() + 4
        need += self.time.minimumWidth() + spacing
        need += sum(w.sizeHint().width() + spacing for w in self.others if not w.isHidden())
        shown = self.contentsRect().width() >= need
        if shown != (not self.time.isHidden()):
            self.time.setVisible(shown)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()
