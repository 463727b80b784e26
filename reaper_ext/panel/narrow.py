"""The editor narrow, docked beside REAPER on a laptop: the piano roll over the other sections, tabbed.

The wide layout (the pad and quick controls left of the piano roll, Genre mix, Sound and Live status side by
side under it) needs about 945 px: the window refused to be narrower. Where the window is narrower than the
layout it holds needs, NarrowLayout puts the piano roll at the top, the whole width, and the pad, quick
controls, Genre mix, Sound and Live status as tabs under it (the quick controls' up, Drumify in sight); once the
window is wide enough again, the wide layout comes back as it was (the producer's own arrangement too). Quick
view (F2) hides the same sections in either layout. Narrow, the tabs take short names where the whole ones do
not fit (Pad, Quick...), and Drumify, Variations and Live follow sit at the top of the quick controls, in sight
in their tab.

NarrowLayout is mixed into PanelWindow through PanelSections (sections.py) and SectionSizes (section_sizes.py),
whose resizeEvent calls fit_layout; persistence.py saves the wide layout kept while narrow, and quick view's.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QTabBar, QToolBar

NARROW_WIDTH = 420  # the narrowest window: the piano roll's header and the Sound section still whole
STACKED = ("roll",)  # at the window's full width, on top
# tabs under it: at 700 px high the pad, the roll and the quick controls one above the other left each too short
# to read (the pad's B row cut off)
TABBED = ("pad", "quick", "genre", "sound", "live")
OPENS_ON = "quick"  # the tab up once narrow: Drumify, Variations and Live follow at its top (the pad's hid them)
QUICK_HIDDEN = ("genre", "sound", "live")  # what quick view (F2) hides
ROLL_SHARE = 0.45  # of the docks' height: the tabs get the rest (the pad whole in them at 700 px)
# the tabs' names where the whole ones do not fit the window's width: at 420 px Qt cut them to "Latent …",
# "Quick contr…", "Sou…" (each tab's tooltip, and the View menu, keep the whole name)
SHORT_TITLES = {"pad": "Pad", "quick": "Quick", "genre": "Genre", "sound": "Sound", "live": "Live"}


class WideState(QObject):
    """The wide layout as it last fitted the window, kept a moment after any section is resized (a separator
    dragged, the window resized). By the time the window's resizeEvent finds it too narrow, Qt has squeezed every
    section to its minimum: that layout, put back later, came back with the sections' widths lost."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.state: QByteArray | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the layout has settled, once for a run of resizes
        self._timer.timeout.connect(self.keep)

    def eventFilter(self, dock, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def keep(self) -> None:
        w = self.window
        if w.isVisible() and not w.narrow and not w._fitting and w.width() >= w.minimumSizeHint().width():
            self.state = w.saveState()

    def keep_restored(self) -> None:
        """The layout restored at the start, before it is shown (and squeezed, in a narrow window)."""
        if not self.window.narrow:
            self.state = self.window.saveState()


class NarrowLayout:
    _wide_state: QByteArray | None = None  # while narrow: the wide layout, put back once the window is wide enough
    _wide_width = 0  # the width that wide layout needs
    _fitting = False  # a layout change resizes the window (a taller one): not fitted again inside

    def _allow_narrow(self) -> None:
        """The window's own minimum width, not its layout's: a narrower window is what makes the layout narrow."""
        self.setMinimumWidth(NARROW_WIDTH)
        self._wide_kept = WideState(self)
        for dock in self.docks.values():
            dock.installEventFilter(self._wide_kept)

    @property
    def narrow(self) -> bool:
        return self._wide_state is not None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_layout()  # opened narrow (its size restored, or set before it was shown)

    def fit_layout(self) -> None:
        """The layout for the window's width: narrow where the wide one does not fit, wide again where it does."""
        if self._fitting or not self.isVisible():
            return
        self._fitting = True
        try:
            if not self.narrow:
                need = self.minimumSizeHint().width()
                if self.width() < need:
                    self._wide_state, self._wide_width = self._wide_kept.state or self.saveState(), need
                    self._arrange_narrow()
            elif self.width() >= self._wide_width:
                self._short_tab_names(False)
                self._big_buttons_first(False)
                self.restore_layout_state(self._wide_state)
                self._wide_state = self._wide_kept.state = None  # kept again once laid out at this width
                if self.quick_view_action.isChecked():  # the wide layout kept may show what quick view hides
                    if self._before_quick_view is None:
                        self._before_quick_view = self.saveState()
                    for name in QUICK_HIDDEN:
                        self.docks[name].setVisible(False)
            if self.narrow:  # also opened narrow, as it was left (persistence.py): not arranged here
                self._big_buttons_first(True)
                QTimer.singleShot(0, self._fit_tab_names)  # once the tabs are laid out at this width
        finally:
            self._fitting = False

    def _fit_tab_names(self) -> None:
        if self.narrow:
            self._short_tab_names(self._tab_names_cut())

    def _big_buttons_first(self, first: bool) -> None:
        """Drumify, Variations and Live follow at the top of the quick controls in the narrow layout: under the
        Genre row they were out of sight in the tab (420 x 478: a 140 px tab, the buttons 90 px below its edge)."""
        buttons = self.big_buttons
        layout = buttons.parentWidget().layout()
        if (layout.indexOf(buttons) == 0) == first:
            return
        layout.removeWidget(buttons)
        layout.insertWidget(0 if first else layout.indexOf(self.shortcut_help), buttons)

    def _tab_names_cut(self) -> bool:
        """Whether the tabs under the roll, named in full, are wider than the window (Qt then cuts each name)."""
        docks = [d for n, d in self.docks.items() if n in SHORT_TITLES]
        full = {d.objectName(): d.toggleViewAction().text() for d in docks}
        for bar in self.findChildren(QTabBar):
            if bar.isVisible() and bar.count() > 1:
                metrics = bar.fontMetrics()
                need = sum(bar.tabSizeHint(i).width() - metrics.horizontalAdvance(bar.tabText(i))
                           + metrics.horizontalAdvance(full.get(self._tab_dock(bar, i), bar.tabText(i)))
                           for i in range(bar.count()))
                if need > self.width():
                    return True
        return False

    def _tab_dock(self, bar, index: int) -> str:
        """The section tab `index` of a dock-tab bar shows, by the name it is shown under."""
        text = bar.tabText(index)
        return next((n for n, d in self.docks.items() if d.windowTitle() == text), "")

    def _short_tab_names(self, short: bool) -> None:
        """The tabbed sections under short names (Pad, Quick...) or their whole ones; the View menu keeps the whole
        name either way, and a short-named tab says it in its tooltip."""
        for name, title in SHORT_TITLES.items():
            dock = self.docks[name]
            whole = dock.toggleViewAction().text()
            wanted = title if short and not dock.isFloating() else whole  # a floating one has room
            if dock.windowTitle() != wanted:
                dock.setWindowTitle(wanted)
                dock.toggleViewAction().setText(whole)  # Qt renames it with the dock: the menu keeps the whole name
        for bar in self.findChildren(QTabBar):
            for i in range(bar.count()):
                name = self._tab_dock(bar, i)
                if name in SHORT_TITLES:
                    bar.setTabToolTip(i, self.docks[name].toggleViewAction().text())

    def _arrange_narrow(self) -> None:
        """The piano roll over the tabs, each dock shown or hidden as it was; floating ones stay where they are."""
        docks = {n: d for n, d in self.docks.items() if not d.isFloating()}
        column = [docks[n] for n in STACKED if n in docks]
        tabs = [docks[n] for n in TABBED if n in docks]
        # tabbed onto a closed section, the others were hidden with it: onto the first one shown
        first = next((d for d in tabs if not d.isHidden()), tabs[0] if tabs else None)
        for dock in column + ([first] if first is not None else []):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, Qt.Orientation.Vertical)
        for dock in tabs:
            if dock is not first:
                self.tabifyDockWidget(first, dock)
        if first is None or not column or column[0].isHidden():
            return
        # the quick controls' tab up, Drumify and Variations at its top: on the pad's, a narrow window opened
        # with the buttons a producer starts from out of sight
        quick = docks.get(OPENS_ON)
        (quick if quick in tabs and not quick.isHidden() else first).raise_()
        bars = self.menuBar().height() + self.statusBar().height() + sum(
            b.height() for b in self.findChildren(QToolBar) if b.isVisible())
        height = self.height() - bars  # the docks' share (the window has no central widget)
        roll = int(height * ROLL_SHARE)
        self.resizeDocks([column[0], first], [roll, height - roll], Qt.Orientation.Vertical)

    def restore_narrow(self, state: QByteArray | None, width: int) -> None:
        """The wide layout kept at the last shutdown, the window then narrow (persistence.py)."""
        self._wide_state, self._wide_width = state, width if state is not None else 0
