"""The keys' line under the quick controls: the whole list where the section has room, else one short line that
says where the list is (its tooltip), never a list cut off mid-line. At 1280 x 800 with a 14 pt font its last line
was cut in half under the section's bottom edge; at 1000 x 600 the list pushed the pad's pattern rows out of sight
(section_sizes.fit_quick chooses which line fits, or none)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

SHORT = "Keys: point here for the list"


class KeysHelp(QLabel):
    """`text()` is the whole list whichever line is shown; `set_short` shows the short line instead (or back)."""

    def __init__(self):
        super().__init__()
        self._full = ""
        self.short = False
        self.setWordWrap(True)
        self.setStyleSheet("color: #9aa3b2; font-size: 8pt;")

    def text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)  # the whole list, also while it is shown whole: the same place to look
        super().setText(SHORT if self.short else text)

    def set_short(self, short: bool) -> None:
        if short != self.short:
            self.short = short
            super().setText(SHORT if short else self._full)

    def set_shown(self, shown: bool) -> None:
        """Left out where not even the short line fits: a line half cut off reads as broken (the menus and
        tooltips still name every key)."""
        if shown != self.isVisibleTo(self.parentWidget()):
            self.setVisible(shown)
