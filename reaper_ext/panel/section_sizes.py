"""The sections' sizes as the window changes, from a 1000 x 600 laptop to a maximised 3840 x 2160 screen.

- The piano roll and the pad take a taller window's height: the quick controls and the row under the roll (Genre
  mix, Sound, Live status) keep theirs (KEEP_HEIGHT; at 3840 x 2160 that row had been 917 px high round 300 px of
  controls and a third of the window was blank). In a short window the row gives up height too (RowHeight), so the
  roll keeps ROLL_LEAST of it; once there is room again it is as tall as before.
- The left column keeps its width as the window's changes (LeftColumnWidth), widened where the pad is far taller
  than wide (PAD_TALLEST) until the producer sizes it by hand; that width is saved with the layout (persistence.py).
- The sizes at the start and for View > Reset layout are fitted to the window (_default_dock_sizes); opening
  Advanced in a tall window makes its row tall enough to show it whole (_row_for_advanced).

SectionSizes is mixed into PanelWindow through PanelSections (sections.py), over NarrowLayout (narrow.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QSizePolicy, QStyle

from .controls import SectionScroll
from .narrow import NarrowLayout

# A pad much taller than wide is mostly blank round a small triangle (at 3840 x 2160 a 361 px column's pad was
# 1560 px high, its triangle 224): the column widens until the pad is at most this much taller than wide, up to
# PAD_COLUMN_SHARE of the window's width; a column the producer sized by hand keeps that width instead.
PAD_TALLEST = 2.0
PAD_COLUMN_SHARE = 0.25
DEFAULT_COLUMN = 390  # the left column's width at the start (_default_dock_sizes)
RESTORED = -1  # LeftColumnWidth.window_width until the window is first shown with a saved column width
# no grow flag of their own: Qt gives a taller window's height to the others (the roll, the pad)
KEEP_HEIGHT = ("quick", "genre", "sound", "live")
ROLL_LEAST = 0.55  # of the height the roll shares with the row under it, in a short window
ROLL_KEEPS = 0.6  # of that height, when Advanced opened makes the row taller


class LeftColumnWidth(QObject):
    """Notes the left column's width each time it changes while the window's width does not (the producer
    dragged the edge between the columns, or moved a section), for SectionSizes.resizeEvent to keep it. A width
    the column was widened to for a tall pad (`widened`) is not noted: the column narrows again with the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.width: int | None = None  # the left column's width
        self.window_width: int | None = None  # the window's, when it was noted
        self.widened: int | None = None  # the width given for a tall pad, wider than `width`
        self.follows_pad = True  # False once the producer sized the widened column by hand

    def eventFilter(self, dock, event) -> bool:
        w = self.window
        if event.type() == QEvent.Type.Resize and dock is w.docks["quick"] and dock.width() != w._quick_width:
            w._quick_fit.start()  # the column made wider or narrower: the keys' list wraps anew
        if event.type() == QEvent.Type.Resize and w.isVisible() and dock is w._left_column():
            if self.window_width is None or w.width() == self.window_width:
                if self.widened is not None and abs(dock.width() - self.widened) <= 3:
                    return False
                if self.window_width is None and self.follows_pad and abs(dock.width() - w._pad_column_fit()) <= 3 \
                        and dock.width() > DEFAULT_COLUMN:  # a layout saved widened, restored: it narrows again
                    self.width, self.window_width, self.widened = DEFAULT_COLUMN, w.width(), dock.width()
                    return False
                if self.widened is not None and self.window_width is not None:
                    self.follows_pad = False  # dragged while widened: the producer's width from now on
                self.width, self.window_width, self.widened = dock.width(), w.width(), None
        return False


class RowHeight(QObject):
    """Notes the height of the row under the roll (the Sound section's) each time it changes while the window's
    height does not (a separator dragged, Advanced opened), for SectionSizes.fit_row. A height it was squeezed to in
    a short window (`given`) is not noted: the row is as tall as before once there is room."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.height: int | None = None
        self.window_height: int | None = None
        self.given: int | None = None

    def eventFilter(self, dock, event) -> bool:
        w = self.window
        if event.type() == QEvent.Type.Resize and w.isVisible() and dock is w.docks["sound"] and w._row_under_roll():
            if self.window_height is None or w.height() == self.window_height:
                if self.given is not None and abs(dock.height() - self.given) <= 3:
                    return False
                self.height, self.window_height, self.given = dock.height(), w.height(), None
        return False


class SectionSizes(NarrowLayout):
    _layout_restored = False  # a layout saved by an earlier run was put back (persistence.py)
    _shown_once = False
    _row_before_advanced: tuple[int, int] | None = None  # (the Sound section's height before, the one it was given)

    def _watch_sizes(self) -> None:
        """Once the docks are built (sections.py)."""
        for name in KEEP_HEIGHT:
            # a dock's own grow flag asks for a share of any new height; their controls' maximum height, unlimited,
            # still lets a dragged separator make them as tall as the producer likes
            self.docks[name].setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._left_width = LeftColumnWidth(self)
        self._row_height = RowHeight(self)
        for dock in self.docks.values():
            dock.installEventFilter(self._left_width)
            dock.installEventFilter(self._row_height)
        # once the docks have their new sizes, for a run of resizes: the keys' list wraps to the column's width
        self._quick_fit = QTimer(self)
        self._quick_fit.setSingleShot(True)
        self._quick_fit.setInterval(0)
        self._quick_fit.timeout.connect(self.fit_quick)
        self._quick_width = 0  # the quick controls' width at the last fit: a new one wraps the list anew
        self._quick_given: int | None = None  # the height the last fit gave them
        self._quick_base = 0  # their height before the fits: the one they go back to where it is room enough

    def _default_dock_sizes(self) -> None:
        """The sections' sizes at the start, and for View > Reset layout at the window's size (the default layout
        kept at 1320 x 820 put back at 3840 x 2160 had a 1917 px pad column and the piano roll 430 px high over a
        1649 px Genre mix row)."""
        d = self.docks
        height, width = max(self.height() - 50, 300), max(self.width() - DEFAULT_COLUMN, 300)  # the docks' room
        self.resizeDocks([d["pad"], d["roll"]], [DEFAULT_COLUMN, width], Qt.Orientation.Horizontal)
        # the quick controls and the row under the roll as tall as their controls, the pad and the roll the rest
        # (a fixed 440 px left the quick controls 150 px of blank under them and the pad a sliver at 1280 x 800)
        below = max(d[n].sizeHint().height() for n in ("genre", "sound", "live"))
        self.resizeDocks([d["roll"], d["genre"]], [height - below, below], Qt.Orientation.Vertical)
        # and room for the big buttons' second row and the keys' line more they take where the column is narrower
        # (a scroll bar's width wrapped them at 1280 px: then it was needed), and a line more for a column narrowed
        # a little (fit_quick then finds it room enough, and leaves the sections as they are)
        quick = (d["quick"].sizeHint().height() + self.big_buttons.widgets[0].sizeHint().height() + 6
                 + 2 * self.shortcut_help.fontMetrics().lineSpacing())
        self.resizeDocks([d["pad"], d["quick"]], [height - quick, quick], Qt.Orientation.Vertical)
        self.resizeDocks([d["genre"], d["sound"], d["live"]], [width * 29 // 97, width * 38 // 97, width * 30 // 97],
                         Qt.Orientation.Horizontal)

    def reset_sizes(self) -> None:
        """The default layout put back (View > Reset layout): its sizes for this window, the column's too."""
        self._default_dock_sizes()
        kept = self._left_width
        kept.width, kept.widened, kept.follows_pad = DEFAULT_COLUMN, None, True
        self._row_height.height = self._row_height.given = None
        self.keep_left_column()
        self._quick_fit.start()

    # ------------------------------------------------------------ the row under the roll

    def _row_under_roll(self) -> bool:
        """The Sound section in a row of its own under the piano roll (as at the start), not narrow or tabbed."""
        sound, roll = self.docks["sound"], self.docks["roll"]
        return (not self.narrow and sound.isVisible() and roll.isVisible() and not sound.isFloating()
                and self.dockWidgetArea(sound) == self.dockWidgetArea(roll) and not self.tabifiedDockWidgets(sound)
                and sound.y() > roll.y())

    def fit_row(self) -> None:
        """The window's height changed: the row as tall as it was, but in a short window no more than leaves the roll
        ROLL_LEAST of their height (at 1000 x 600 the roll had been 226 px, the row 293: Qt took a shorter window's
        height from the roll alone once the row kept its height)."""
        kept, sound, roll = self._row_height, self.docks["sound"], self.docks["roll"]
        if kept.height is None or not self._row_under_roll():
            return
        height = min(kept.height, int((roll.height() + sound.height()) * (1 - ROLL_LEAST)))
        kept.given = height if height < kept.height else None
        if abs(sound.height() - height) > 2:
            self.resizeDocks([sound], [height], Qt.Orientation.Vertical)

    def _row_for_advanced(self, expanded: bool) -> None:
        """Advanced opened in a tall window: the Sound section (and its row) as tall as its controls, the piano roll
        keeping ROLL_KEEPS of the height; shut, the row as it was. On a 4K screen its per-voice table had opened
        in a 293 px section to scroll through, 1400 px of piano roll above it."""
        sound, roll = self.docks["sound"], self.docks["roll"]
        if not self._row_under_roll():
            self._row_before_advanced = None
            return
        if expanded:
            chrome = sound.height() - sound.widget().height()
            need = sound.widget().widget().sizeHint().height() + chrome
            room = int((roll.height() + sound.height()) * (1 - ROLL_KEEPS))
            height = min(need, room)
            if height > sound.height():
                self._row_before_advanced = (sound.height(), height)
                self.resizeDocks([sound], [height], Qt.Orientation.Vertical)
        elif self._row_before_advanced is not None:
            before, given = self._row_before_advanced
            self._row_before_advanced = None
            if abs(sound.height() - given) <= 3:  # not resized by hand since
                self.resizeDocks([sound], [before], Qt.Orientation.Vertical)

    # ------------------------------------------------------------ the quick controls under the pad

    def _quick_under_pad(self) -> bool:
        """The quick controls right under the pad in the left column (as at the start), not narrow or tabbed."""
        pad, quick = self.docks["pad"], self.docks["quick"]
        return (not self.narrow and pad.isVisible() and quick.isVisible() and not pad.isFloating()
                and not quick.isFloating() and not self.tabifiedDockWidgets(quick)
                and self.dockWidgetArea(pad) == self.dockWidgetArea(quick) and abs(quick.x() - pad.x()) <= 2
                and quick.y() > pad.y())

    def fit_quick(self) -> None:
        """The quick controls as tall as their controls need at the column's width, the keys' list whole, the pad
        (with its pattern rows) given at least what it needs: where both do not fit, the list gives way to its short
        line (keys_help.py). At 1280 x 800 with a 14 pt font the list's last line was cut under the section's edge;
        at 1000 x 600 the pad's pattern B row was out of sight, to scroll to. A section the producer made taller
        by hand keeps its height."""
        if not self._quick_under_pad():
            return
        self._quick_width = self.docks["quick"].width()
        pad, quick, keys = self.docks["pad"], self.docks["quick"], self.shortcut_help
        room = pad.height() + quick.height()
        pad_least = pad.widget().widget().minimumSizeHint().height() + pad.height() - pad.widget().height()

        if room - pad_least < SectionScroll.MIN_HEIGHT:
            return  # a window this short: both scroll

        def need() -> int:  # beside its scroll bar: one shown stays while the controls need more at that width
            scroll = quick.widget()
            width = scroll.width() - scroll.verticalScrollBar().sizeHint().width()
            return scroll.widget().layout().totalHeightForWidth(width) + quick.height() - scroll.height()

        keys.set_shown(True)
        for short in (False, True):
            keys.set_short(short)
            if need() + pad_least <= room:
                break
        else:
            keys.set_shown(False)
        # the height it had before a fit (the start's, or the producer's by hand) is kept where the controls fit in
        # it: a fit at a passing width (the layout settling, a 4K window's wide column) did not change it for good
        given = self._quick_given is not None and abs(quick.height() - self._quick_given) <= 1
        if not given:
            self._quick_base = quick.height()
        height = min(max(self._quick_base, need()), room - pad_least)
        self._quick_given = height
        if abs(quick.height() - height) > 1:
            self.resizeDocks([pad, quick], [room - height, height], Qt.Orientation.Vertical)

    # ------------------------------------------------------------ the left column

    def _left_column(self) -> QDockWidget | None:
        left = [d for d in self.docks.values() if d.isVisibleTo(self) and not d.isFloating()
                and self.dockWidgetArea(d) == Qt.DockWidgetArea.LeftDockWidgetArea]
        return left[0] if left else None

    def resizeEvent(self, event) -> None:
        """A wider (or narrower) window: the change goes to the piano roll's side, the left column keeps its width.
        Qt shared it out to make the columns equal: at 1920 px the pad was half the window, the piano roll no wider."""
        super().resizeEvent(event)
        self.fit_layout()  # narrow.py: one column below the wide layout's width, the wide one back above it
        taller = event.size().height() != event.oldSize().height()
        if self.width() != self._left_width.window_width or taller:
            self.keep_left_column()
        if taller and self._row_height.window_height is not None:
            self.fit_row()
        self._quick_fit.start()
        if self.isVisible():
            self._left_width.window_width = self.width()
            self._row_height.window_height = self.height()

    def showEvent(self, event) -> None:
        """Opened at its full size the first time (maximised, or a size set before it was shown), Qt shared the
        width out evenly: at 3840 px the pad column was 1917 px, half the window. The default column, widened
        only for a tall pad, instead (a layout an earlier run saved keeps its own)."""
        super().showEvent(event)
        self._quick_fit.start()
        if not self._shown_once:
            self._shown_once = True
            kept = self._left_width
            if not self._layout_restored:
                kept.width = DEFAULT_COLUMN
                self.keep_left_column()
            elif kept.window_width == RESTORED:  # the column's own width saved (persistence.py): kept from now on
                kept.window_width = self.width()
                self.keep_left_column()

    def column_option(self) -> list | None:
        """The left column's width as the producer set it, and whether it widens for a tall pad (saved with the
        layout: the layout's own width may be one it was widened to, or squeezed while the window opened)."""
        kept = self._left_width
        return None if kept.width is None else [kept.width, kept.follows_pad]

    def restore_column(self, option) -> None:
        if (isinstance(option, list) and len(option) == 2 and isinstance(option[0], int) and option[0] > 0
                and isinstance(option[1], bool)):
            kept = self._left_width
            kept.width, kept.follows_pad, kept.window_width = option[0], option[1], RESTORED

    def restore_layout_state(self, state) -> None:
        """A layout kept at another window width put back (quick view's, narrow.py's), the left column as it was:
        Qt gave the pad column the difference, and noted that as the column's width."""
        width = self._left_width.width
        self.restoreState(state)
        self._left_width.width = width
        self.keep_left_column()

    def keep_left_column(self) -> None:
        """The left column back to the width it was given (also after a layout kept at another width is put back),
        or wider for a tall pad (PAD_TALLEST) while the producer has not sized it by hand."""
        kept, left = self._left_width, self._left_column()
        right = [d for d in self.docks.values() if d.isVisibleTo(self) and not d.isFloating()
                 and self.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea]
        if left is None or not right:
            return
        fit = self._pad_column_fit() if kept.follows_pad else 0
        if kept.width is None and fit <= left.width():
            return  # no width noted yet (not shown), nor a tall pad to widen for
        width = DEFAULT_COLUMN if kept.width is None else kept.width
        kept.widened = fit if fit > width else None
        width = max(width, fit)
        # resizeDocks' size counts half the separator beside the dock: without it the column lost 3 px a resize
        width += self.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent) // 2
        self.resizeDocks([left, right[0]], [width, self.width() - width], Qt.Orientation.Horizontal)

    def _pad_column_fit(self) -> int:
        """The left column's width for the pad's height (PAD_TALLEST), at most PAD_COLUMN_SHARE of the window;
        0 where the pad is not in the left column."""
        dock = self.docks["pad"]
        if (self.narrow or dock.isFloating() or not dock.isVisibleTo(self)
                or self.dockWidgetArea(dock) != Qt.DockWidgetArea.LeftDockWidgetArea):
            return 0
        sides = dock.width() - self.pad.width()  # the section's margins round the pad
        return min(int(self.pad.height() / PAD_TALLEST) + sides, int(self.width() * PAD_COLUMN_SHARE))
