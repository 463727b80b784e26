"""Control widgets: labelled sliders, the genre mixer, voice-group toggles, per-voice tables, seed with dice.

Each widget reports plain values (floats, names, booleans) through Hooks
(events.py); the window turns them into Settings through the controller.
`set_*` methods update a widget from the settings without reporting anything.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPalette, QPixmap, QValidator
from PySide6.QtWidgets import (
    QAbstractSlider, QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy,
    QSlider, QSpinBox, QStyle, QStyleOptionComboBox, QStylePainter, QToolButton, QVBoxLayout, QWidget,
)

from reagroove.core.genres import GENRE_LABELS, GENRES
from reagroove.core.loop import VOICE_GROUPS

from .events import Hook
from .genre_notes import DICE_NOTE, pattern_label, with_note

RESOLUTION = 1000  # slider steps over a control's range
BIG_NAME_WIDTH = 96  # a big slider's name: the quick controls' names line up
MAX_FILL_EVERY = 64  # Settings.fill_every's range
MAX_SEED = 2**32 - 1  # Settings.seed's range


def grey_out(widget: QWidget, reason: str | None) -> None:
    """Disable a control that has no effect, its tooltip saying why; `None` enables it with its own tooltip."""
    hint = widget.property("own_tooltip")
    if hint is None:
        hint = widget.toolTip()
        widget.setProperty("own_tooltip", hint)
    widget.setEnabled(reason is None)
    widget.setToolTip(hint if reason is None else reason)


class WheelWhenFocused(QObject):
    """The wheel turns a slider, spin box or combo box only once it has the focus (clicked or tabbed to); over
    one that has not, it goes on to what holds it: a section scrolling past its controls changed them."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            event.ignore()  # ignored, it goes to the parent (the section's scroll area)
            return True
        return False


class UndoToWindow(QObject):
    """Ctrl+Z / Ctrl+Shift+Z in a text field whose text is entered (a seed typed, then Return) go to the window's
    Undo and Redo: the field took them, and did nothing or put back typing already entered. While typing, they
    are the field's own."""

    @staticmethod
    def _edit(widget) -> QLineEdit | None:
        if isinstance(widget, QLineEdit):
            return widget
        return widget.lineEdit() if isinstance(widget, QAbstractSpinBox) else None

    def watch(self, widget: QWidget) -> None:
        """A line edit or a spin box (which takes the keys for its own line edit)."""
        edit = self._edit(widget)
        widget.editingFinished.connect(lambda: self._entered(widget, edit))
        widget.installEventFilter(self)

    @staticmethod
    def _entered(widget: QWidget, edit: QLineEdit) -> None:
        edit.setModified(False)  # nothing typed since
        # what is typed next is another Undo step (wiring.drag_gesture: the digits of one entry are one)
        widget.setProperty("entries", (widget.property("entries") or 0) + 1)

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        edit = self._edit(watched)
        if (edit is not None and not edit.isModified()
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()  # not taken here: the window's shortcut runs
            return True
        return False


def wheel_when_focused(root: QWidget, guard: QObject) -> None:
    """`guard` (a WheelWhenFocused) on `root` and every slider, spin box and combo box in it."""
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QAbstractSlider, QAbstractSpinBox, QComboBox)):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel no longer gives it the focus
            widget.installEventFilter(guard)


class SectionScroll(QScrollArea):
    """A section's controls that scroll up and down when the window is short, and are never cut at the side.

    Its minimum width is its content's, its minimum height a few rows: a small screen (about 1000 x 600)
    fits the window, and the section scrolls rather than squeezing its labels.
    """

    MIN_HEIGHT = 60

    def __init__(self, content: QWidget, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # no Tab stop of its own (it shows no focus); Tab into a control out of sight still scrolls to it
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the minimum width keeps it whole
        # its width is kept free beside the controls: a thin one (the style sheet sets what its container reads)
        self.verticalScrollBar().setStyleSheet("QScrollBar:vertical { width: 10px; }")
        self.setWidget(content)
        self._wheel_guard = WheelWhenFocused(self)
        wheel_when_focused(content, self._wheel_guard)
        self._undo_keys = UndoToWindow(self)
        for field in content.findChildren(QWidget):  # text fields and spin boxes (not a spin box's own edit)
            if isinstance(field, QAbstractSpinBox) or (isinstance(field, QLineEdit)
                                                       and not isinstance(field.parent(), QAbstractSpinBox)):
                self._undo_keys.watch(field)

    def eventFilter(self, watched, event) -> bool:
        # The content's controls shown or hidden (REAPER's item buttons standalone): its minimum width is read
        # again; else the dock kept the width of buttons no longer there and the window stayed that much wider.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        content = self.widget().minimumSizeHint()
        return QSize(content.width() + self.verticalScrollBar().sizeHint().width(), self.MIN_HEIGHT)

    def sizeHint(self) -> QSize:
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())


class WrapRow(QWidget):
    """Widgets side by side, in rows of `narrow` when one row does not fit (a small screen or a narrow dock)."""

    def __init__(self, narrow: int, spacing: int = 3, parent=None):
        super().__init__(parent)
        self.narrow = narrow
        self.widgets: list[QWidget] = []
        self._columns = 0
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)

    def add(self, widget: QWidget) -> None:
        self.widgets.append(widget)
        self._columns = 0
        self._place(len(self.widgets))

    def _row_width(self, columns: int) -> int:
        """The least width for rows of `columns` widgets."""
        widths = [w.minimumSizeHint().width() for w in self.widgets]
        rows = [widths[i:i + columns] for i in range(0, len(widths), columns)]
        return max((sum(r) + (len(r) - 1) * self.grid.spacing() for r in rows), default=0)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for i, w in enumerate(self.widgets):
            self.grid.addWidget(w, i // columns, i % columns)  # adding again moves it
        for c in range(len(self.widgets)):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.updateGeometry()  # one row or several: a new height

    def minimumSizeHint(self) -> QSize:
        return QSize(self._row_width(min(self.narrow, len(self.widgets)) or 1), self.grid.minimumSize().height())

    def _fit(self, width: int) -> None:
        wide = len(self.widgets)
        self._place(wide if width >= self._row_width(wide) else self.narrow)

    def resizeEvent(self, event) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)

    def event(self, event) -> bool:
        # a widget's text changed ("Drumify file…" -> "Drumify selection"): one row may no longer fit
        if event.type() == QEvent.Type.LayoutRequest and self.widgets:
            self._fit(self.width())
        return super().event(event)


class ElidedLabel(QLabel):
    """One line of text that ends in "…" where the label is narrower than it; the whole text is its tooltip.

    `text()` stays the whole text; a layout may make it as narrow as its first `least` letters.
    """

    def __init__(self, text: str = "", parent=None, *, least: int = 4):
        super().__init__(parent)
        self.least = least
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def _text_rect(self):
        m = self.margin()
        return self.contentsRect().adjusted(m, m, -m, -m)

    def shown_text(self) -> str:
        """What is drawn: the text, cut with "…" to the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self._text_rect().width())

    def minimumSizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()[:self.least] + "…") + 2 * self.margin()
        whole = super().sizeHint().width()
        return QSize(min(width + margins.left() + margins.right(), whole), super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        self.drawFrame(painter)
        self.style().drawItemText(painter, self._text_rect(), int(self.alignment()), self.palette(), self.isEnabled(),
                                  self.shown_text(), self.foregroundRole())
        painter.end()


class ElidedCombo(QComboBox):
    """A combo box whose shown entry ends in "…" when the box is narrower than it (Qt's styles cut it off);
    with no entry chosen it shows its placeholder text, as QComboBox does. `least`: a row short of room may squeeze
    it to that many letters, below its minimumContentsLength (its width where there is room)."""

    def __init__(self, parent=None, *, least: int = 0):
        super().__init__(parent)
        self.least = least

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        letters = self.minimumContentsLength() - self.least
        if self.least and letters > 0:  # Qt counts the contents' length in X's
            hint.setWidth(hint.width() - letters * self.fontMetrics().horizontalAdvance("X"))
        return hint

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        if self.currentIndex() < 0 and self.placeholderText():
            option.currentText = self.placeholderText()
            option.palette.setBrush(QPalette.ColorRole.ButtonText, option.palette.placeholderText())
        return option

    def shown_text(self) -> str:
        option = self._option()
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, field.width())

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        option = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class PatternCombo(ElidedCombo):
    """Pattern A's or B's box: each pattern shown as the genre controls name its genre ("Hip-Hop/R&B/Soul", not the
    prototype's "hiphop"), its own name kept as the entry's data, which findText finds too."""

    def set_patterns(self, first: str, names: list[str], current: str | None) -> None:
        """`first` (no pattern), then the patterns `names`, `current` chosen; whole in each entry's tooltip."""
        self.clear()
        self.addItem(first)
        for i, name in enumerate(names, start=1):
            self.addItem(pattern_label(name), name)
            self.setItemData(i, pattern_label(name), Qt.ItemDataRole.ToolTipRole)  # cut short in the box
        self.setCurrentIndex(max(self.findData(current), 0) if current is not None else 0)

    def current_name(self) -> str | None:
        """The pattern chosen, by its name; None: no pattern."""
        return self.currentData() if self.currentIndex() > 0 else None

    def findText(self, text: str, *args) -> int:
        """A pattern's entry by its name ("latin") as well as by what it shows ("Latin")."""
        found = self.findData(text)
        return found if found > 0 else super().findText(text, *args)


class ValueSlider(QWidget):
    """A label, a horizontal slider over lo..hi and the value; `big` for the quick controls."""

    def __init__(self, label: str, lo: float = 0.0, hi: float = 1.0, *, decimals: int = 2, big: bool = False,
                 hint: str = "", label_width: int = 80, parent=None):
        super().__init__(parent)
        self.changed = Hook()  # (value)
        self.lo, self.hi, self.decimals = lo, hi, decimals
        self.label = QLabel(label)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, RESOLUTION)
        self.slider.setSingleStep(RESOLUTION // 100)  # an arrow key or wheel notch moves what the readout shows
        self.slider.setPageStep(RESOLUTION // 10)
        self.slider.setMinimumWidth(40)  # narrow enough for three sections side by side on a 1000 px screen
        self.readout = QLabel()
        self.readout.setMinimumWidth(34)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if hint:
            self.setToolTip(hint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if big:
            font = self.label.font()
            font.setPointSize(font.pointSize() + 2)
            font.setBold(True)
            self.label.setFont(font)
            self.readout.setFont(font)
            self.slider.setMinimumHeight(28)
            self.label.setMinimumWidth(BIG_NAME_WIDTH)
        else:
            self.label.setMinimumWidth(label_width)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.readout)
        self.slider.valueChanged.connect(self._moved)
        self._show(lo)

    def _to_value(self, position: int) -> float:
        return round(self.lo + (self.hi - self.lo) * position / RESOLUTION, 3)

    def _moved(self, position: int) -> None:
        value = self._to_value(position)
        self._show(value)
        self.changed.emit(value)

    def _show(self, value: float) -> None:
        self.readout.setText(f"{value:.{self.decimals}f}")

    def value(self) -> float:
        return self._to_value(self.slider.value())

    def set_value(self, value: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(round((value - self.lo) / (self.hi - self.lo) * RESOLUTION))
        self._show(value)

    def set_readout(self, text: str) -> None:
        self.readout.setText(text)


class GenreMixer(QWidget):
    """Nine sliders: each genre's weight in the mix (the engine normalises them); shares shown in %."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.changed = Hook()  # (genre, weight 0..1)
        self.cleared = Hook()
        self.sliders: dict[str, ValueSlider] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        label_width = max(self.fontMetrics().horizontalAdvance(GENRE_LABELS[g]) for g in GENRES) + 6  # the longest fits
        for i, genre in enumerate(GENRES):
            s = ValueSlider(GENRE_LABELS[genre], label_width=label_width,
                            hint=with_note(f"{GENRE_LABELS[genre]}: weight in the genre mix (key {i + 1} plays it "
                                           "alone)", genre))
            s.changed.connect(lambda w, g=genre: self.changed.emit(g, w))
            self.sliders[genre] = s
            layout.addWidget(s)
        clear = QPushButton("No genre preference")
        clear.setToolTip("All weights to 0: the model's own choice (key 0)")
        clear.clicked.connect(lambda: self.cleared.emit())
        layout.addWidget(clear)
        layout.addStretch(1)

    def set_mix(self, mix: dict[str, float]) -> None:
        total = sum(mix.values())
        for genre, s in self.sliders.items():
            w = mix.get(genre, 0.0)
            s.set_value(w)
            s.set_readout(f"{100 * w / total:.0f}%" if total and w else "–")


class VoiceGroupToggles(QWidget):
    """Kick, snare, hats, toms, cymbals on or off (a muted group's role goes to the others)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.toggled = Hook()  # (group, on)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = WrapRow(3)
        layout.addWidget(row)
        for group in VOICE_GROUPS:
            b = QToolButton()
            b.setText(group)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setStyleSheet("QToolButton { padding: 3px 4px; }"
                            "QToolButton:checked { background: #3d6fa8; color: white; }")
            b.setCheckable(True)
            b.setChecked(True)
            b.setToolTip(f"let the {group} play ({', '.join(v.replace('_', ' ') for v in VOICE_GROUPS[group])})")
            b.toggled.connect(lambda on, g=group: self.toggled.emit(g, on))
            self.buttons[group] = b
            row.add(b)

    def set_groups(self, groups: dict[str, bool]) -> None:
        for group, b in self.buttons.items():
            with QSignalBlocker(b):
                b.setChecked(groups.get(group, True))


class FillBarsSpin(QSpinBox):
    """Fills every N 2-bar loops (its value: Settings.fill_every, as stored), shown and typed in bars: a producer
    read "every 4 loops" as every 4 bars, where fills came every 8. A step is one loop, 2 bars; an odd count
    typed goes up to the loop's end (7 -> every 8 bars)."""

    def _bars(self, text: str) -> int | None:
        digits = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        return int(digits) if digits.isdigit() else None

    def textFromValue(self, loops: int) -> str:
        return str(2 * loops)

    def valueFromText(self, text: str) -> int:
        bars = self._bars(text)
        return 0 if bars is None else min((bars + 1) // 2, self.maximum())

    def validate(self, text: str, pos: int):
        bars = self._bars(text)
        if text == self.specialValueText() or (bars is not None and bars <= 2 * self.maximum()):
            return QValidator.State.Acceptable, text, pos
        return (QValidator.State.Invalid if bars is not None else QValidator.State.Intermediate), text, pos


class FillControls(QWidget):
    """Fills in a drumify, as the CLI's --fill-every / --fill-bars / --fill-length and the docked panel's Fills:
    every N bars (Settings.fill_every 2-bar loops) or at listed bars, and how much of its bar a fill takes."""

    LENGTHS = {"beat": "the last beat", "half": "the last half bar", "bar": "the whole bar"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.every_changed = Hook()  # (loops, 0 = none)
        self.bars_typed = Hook()  # (the text typed: bar numbers)
        self.length_changed = Hook()  # (one of FILL_LENGTHS)
        self.crash_changed = Hook()  # (on)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        self.every = FillBarsSpin()
        self.every.setRange(0, MAX_FILL_EVERY)
        self.every.setSpecialValueText("off")
        self.every.setPrefix("every ")
        self.every.setSuffix(" bars")  # never 1: the count steps by 2-bar loops
        self.every.setToolTip("drumify: a fill ends every N bars (counted from where the part starts, in steps of 2)"
                              " and a crash opens the next bar (off: none)")
        self.bars = QLineEdit()
        self.bars.setPlaceholderText("e.g. 8, 16, 24")
        self.bars.setToolTip("drumify: bars that end in a fill, a crash opening the next (Enter to apply)")
        self.length = QComboBox()
        for name, text in self.LENGTHS.items():
            self.length.addItem(text, name)
        self.length.setToolTip("how much of its bar a fill takes")
        for row, (title, widget) in enumerate((("Fills", self.every), ("Fill bars", self.bars),
                                               ("Fill length", self.length))):
            label = QLabel(title)
            label.setMinimumWidth(80)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        self.opening_crash = QCheckBox("Crash on the first downbeat")
        self.opening_crash.setToolTip("a crash opens the part; untick it to start without one")
        grid.addWidget(self.opening_crash, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.opening_crash.toggled.connect(lambda on: self.crash_changed.emit(on))
        self.every.valueChanged.connect(lambda n: self.every_changed.emit(n))
        self.bars.editingFinished.connect(lambda: self.bars_typed.emit(self.bars.text()))
        self.length.currentIndexChanged.connect(lambda _i: self.length_changed.emit(self.length.currentData()))

    def set_values(self, every: int, bars: tuple, length: str, opening_crash: bool = True) -> None:
        with QSignalBlocker(self.opening_crash):
            self.opening_crash.setChecked(opening_crash)
        with QSignalBlocker(self.every):
            self.every.setValue(every)
        with QSignalBlocker(self.bars):
            self.bars.setText(", ".join(str(b) for b in bars))
        with QSignalBlocker(self.length):
            self.length.setCurrentIndex(max(self.length.findData(length), 0))


class CollapsibleSection(QWidget):
    """A header that folds its content away (the "Advanced" section)."""

    def __init__(self, title: str, content: QWidget, *, expanded: bool = False, parent=None):
        super().__init__(parent)
        self.header = QToolButton()
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(content)
        self.header.toggled.connect(self._expand)
        self.header.setChecked(expanded)
        self._expand(expanded)

    def _expand(self, on: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.content.setVisible(on)

    def is_expanded(self) -> bool:
        return self.header.isChecked()

    def set_expanded(self, on: bool) -> None:
        self.header.setChecked(on)


def dice_icon(size: int = 32) -> QIcon:
    """A die showing five, drawn rather than taken from an emoji font that may be missing."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor(40, 40, 46))
    p.setBrush(QColor(245, 245, 240))
    p.drawRoundedRect(QRectF(2, 2, size - 4, size - 4), size * 0.18, size * 0.18)
    p.setBrush(QColor(40, 40, 46))
    r = size * 0.08
    for x, y in ((0.3, 0.3), (0.7, 0.3), (0.5, 0.5), (0.3, 0.7), (0.7, 0.7)):
        p.drawEllipse(QPointF(x * size, y * size), r, r)
    p.end()
    return QIcon(pix)


class WholeNumberSpin(QDoubleSpinBox):
    """Whole numbers past a QSpinBox's 2**31 - 1: digits only (a double spin box would take "1.")."""

    def __init__(self, top: int, parent=None):
        super().__init__(parent)
        self.setDecimals(0)
        self.setRange(0, top)

    def validate(self, text: str, pos: int):
        if text and not text.isdigit():
            return QValidator.State.Invalid, text, pos
        return super().validate(text, pos)


class SeedBox(QWidget):
    """The seed (same settings + same seed = the same drums) and a dice button for a new one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.changed = Hook()  # (seed)
        self.rolled = Hook()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        label = QLabel("Seed")
        label.setMinimumWidth(80)
        self.spin = WholeNumberSpin(MAX_SEED)  # every seed Settings takes (0 .. 2**32 - 1, as --seed)
        self.spin.setToolTip("Same settings and seed give the same drums, bit for bit")
        self.dice = QToolButton()
        self.dice.setIcon(dice_icon())
        self.dice.setToolTip(f"A new random seed (R): another take; {DICE_NOTE}")
        layout.addWidget(label)
        layout.addWidget(self.spin, 1)
        layout.addWidget(self.dice)
        self.spin.valueChanged.connect(lambda seed: self.changed.emit(int(round(seed))))
        self.dice.clicked.connect(lambda: self.rolled.emit())

    def set_seed(self, seed: int) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(float(min(seed, MAX_SEED)))
