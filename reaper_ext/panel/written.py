"""Where the last export went, kept in view: the status bar's right-hand corner, "wrote ~/songs/funk_drums.mid".

The export said "wrote FILE" on the status line, which the next drums' notes (a swing note once a shuffle is
open, a fill bar past the end) replaced at once, and which went after 10 s anyway: the producer never saw where
the file went. This corner keeps the last file (or Variations' files) written until the next one; short of room
it cuts the folder in its middle, never the file's name, and it never takes more than half the bar.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QWidget

from .controls import ElidedLabel

MORE = "…"
SHARE_OF_BAR = 0.5  # the most of the status bar's width it takes: the status line keeps the rest


def home_short(path: Path) -> str:
    """`path` with the home folder said "~" (the producer's own folders, in fewer letters)."""
    text, home = str(path), os.path.expanduser("~")
    if home not in ("", "~", os.sep) and (text == home or text.startswith(home.rstrip(os.sep) + os.sep)):
        return "~" + text[len(home.rstrip(os.sep)):]
    return text


def written_text(paths: list[Path]) -> str:
    """"wrote ~/songs/funk_drums.mid", or for Variations "wrote ~/songs/funk_v1.mid .. funk_v4.mid"."""
    if len(paths) == 1:
        return f"wrote {home_short(paths[0])}"
    return f"wrote {home_short(paths[0])} .. {paths[-1].name}"


class WrittenLine(ElidedLabel):
    """The last file the panel wrote, until the next: hidden until there is one. The whole path is its tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent, least=12)
        self.paths: list[Path] = []
        self._following: QWidget | None = None
        self.setStyleSheet("color: #5b6472;")  # quieter than the status line, still read at a glance
        self.setVisible(False)

    def wrote(self, paths: list[Path]) -> None:
        self.paths = [Path(p).absolute() for p in paths]
        self.setText(written_text(self.paths))
        self.setToolTip("the last file written (it stays here until the next export): "
                        + ", ".join(str(p) for p in self.paths))
        self.setVisible(True)
        self._follow_bar()
        self._fit()

    def shown_text(self) -> str:
        """Short of room the folder is cut in its middle ("wrote ~/so…/funk_drums.mid"): the file's name stays
        whole while "wrote …/" and it fit."""
        text, metrics, width = self.text(), self.fontMetrics(), self._text_rect().width()
        if metrics.horizontalAdvance(text) <= width or not self.paths:
            return text
        name = text[text.rfind(self.paths[0].name):]  # the file's name, and Variations' last one after it
        room = width - metrics.horizontalAdvance(name)
        folder = text[:len(text) - len(name)]
        if room >= metrics.horizontalAdvance(f"wrote {MORE}{os.sep}"):
            return metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, room) + name
        return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)

    def showEvent(self, event) -> None:
        self._follow_bar()
        self._fit()
        super().showEvent(event)

    def _follow_bar(self) -> None:
        """Its width follows the status bar's (which holds it once added there)."""
        bar = self._bar()
        if bar is not None and self._following is not bar:
            bar.installEventFilter(self)
            self._following = bar

    def _bar(self) -> QWidget | None:
        parent = self.parentWidget()
        while parent is not None and parent.metaObject().className() != "QStatusBar":
            parent = parent.parentWidget()
        return parent

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        """At most SHARE_OF_BAR of the status bar, and no wider than its text."""
        bar = self._bar()
        whole = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + 8
        most = whole if bar is None else max(self.minimumSizeHint().width(), int(bar.width() * SHARE_OF_BAR))
        self.setMaximumWidth(min(whole, most))
