"""The panel window's sections: each one a dock (pad, quick controls, piano roll, genre mix, sound, live status).

PanelSections is mixed into PanelWindow (app.py): its builders create the
widgets as attributes of the window and connect each gesture to one
controller call through `self._edit`, so the window's other parts (wiring.py,
modes.py, app.py) reach every widget by name. The sections' sizes as the window
changes are section_sizes.py's.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton, QCheckBox, QComboBox, QDockWidget, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget,
)

from reagroove.core.genres import GENRE_LABELS, GENRES
from reagroove.core.settings import MAX_BPM, MAX_VARIATIONS, MIN_BPM

from .blend import pad_changes
from .controls import (
    BIG_NAME_WIDTH, CollapsibleSection, ElidedCombo, FillControls, GenreMixer, PatternCombo, SectionScroll,
    SeedBox, ValueSlider, VoiceGroupToggles, WrapRow,
)
from .genre_notes import with_note
from .keys_help import KeysHelp
from .pad import LatentPad
from .per_voice import PerVoiceTable
from .pianoroll import PianoRoll
from .section_sizes import SectionSizes
from .short_lines import RollHeader


# the Swing box's choices after the part's own (Settings.swing, as DAWs say it); a saved swing between them is added
# where it is shown (app.py)
SWING_CHOICES = (50.0, 54.0, 58.0, 62.0, 66.0, 70.0, 75.0)
SWING_NAMES = {50.0: "50% straight", 66.0: "66% triplets", 75.0: "75% hard"}


class RowName(QLabel):
    """A quick controls row's bold name, as wide as the big sliders' names where the row has room, down to its own
    text where it has not (the Genre row, with Half time beside it, at a 14 pt desktop font)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.setStyleSheet("font-weight: bold; font-size: 11pt;")  # as the big sliders' names

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), BIG_NAME_WIDTH), hint.height())


class PatternRows(WrapRow):
    """Pattern A's and B's rows side by side in the editor narrow (the pad a tab as wide as the window) where each
    name box gets NAME_ROOM px more than its least, else A over B. Not in the pad column: a 390 px one cut "Hip-Hop"
    to "Hip…", and a 4K one, widened for its pad's height, changed that height by a row as they moved."""

    NAME_ROOM = 120

    def add(self, widget) -> None:
        super().add(widget)
        self._fit(self.width())  # A over B until shown wide enough: WrapRow starts with all in one row

    def _row_width(self, columns: int) -> int:
        width = super()._row_width(columns)
        if columns == 1:
            return width
        return width + columns * self.NAME_ROOM if getattr(self.window(), "narrow", False) else 1 << 30


class PanelSections(SectionSizes):
    # ================================================================ building

    def _dock(self, name: str, title: str, widget: QWidget, *, scroll: bool = True) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:
            # A section smaller than its controls scrolls instead of setting the window's minimum size
            # (a small laptop screen) or squeezing its labels.
            widget = SectionScroll(widget)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        for button, tip in (("qt_dockwidget_closebutton", f"close {title} (View menu brings it back)"),
                            ("qt_dockwidget_floatbutton", f"float {title} in a window of its own, or dock it again")):
            found = dock.findChild(QAbstractButton, button)  # Qt's own title buttons, which say nothing
            if found is not None:
                found.setToolTip(tip)
        self.docks[name] = dock
        return dock

    def _build_docks(self) -> None:
        self.docks: dict[str, QDockWidget] = {}
        pad = self._dock("pad", "Latent pad", self._pad_section())
        quick = self._dock("quick", "Quick controls", self._quick_section())
        roll = self._dock("roll", "Piano roll", self._roll_section(), scroll=False)  # it shrinks itself
        genre = self._dock("genre", "Genre mix", self._genre_section())
        sound = self._dock("sound", "Sound", self._sound_section())
        live = self._dock("live", "Live status", self._live_section())
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, pad)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, roll)
        self.splitDockWidget(pad, quick, Qt.Orientation.Vertical)
        self.splitDockWidget(roll, genre, Qt.Orientation.Vertical)
        self.splitDockWidget(genre, sound, Qt.Orientation.Horizontal)
        self.splitDockWidget(sound, live, Qt.Orientation.Horizontal)
        self._watch_sizes()  # section_sizes.py: the column's width and the row's height kept as the window changes
        self._allow_narrow()  # narrower than this layout needs: narrow.py stacks the sections

    def _pad_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(4, 4, 4, 4)
        self.pad = LatentPad()

        def pad_moved(t, f):  # by an arrow key: a run of presses is one Undo step, as a drag is
            changes = pad_changes(self.controller.settings, t, f)  # a default follow left where it was stays so
            if self.pad.keyed:
                self._by_key("pad", self.controller.update, **changes)
            else:
                self._edit(self.controller.update, **changes)

        self.pad.moved.connect(pad_moved)
        layout.addWidget(self.pad, 1)
        # A's and B's rows side by side where the section is wide enough (the editor narrow, its pad a tab the
        # window's width: the two rows under a 160 px pad had pushed B's out of sight at 1000 x 600), else A over B
        rows = PatternRows(1, spacing=4)
        self.pattern_combos: dict[str, PatternCombo] = {}
        self.pattern_from_reaper: dict[str, QPushButton] = {}
        for slot in ("A", "B"):
            combo = PatternCombo()  # a long pattern name ends in "…"; whole in its tooltip
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(7)
            combo.setToolTip(f"pattern {slot}: a genre prototype or a pattern you saved")
            combo.currentIndexChanged.connect(lambda _i, s=slot: self._pick_pattern(s))
            from_reaper = QPushButton("←item")  # as the docked panel names it: a narrow pad column
            from_reaper.setToolTip(f"pattern {slot} from the selected MIDI item in REAPER")
            from_reaper.clicked.connect(lambda _c=False, s=slot: self.pattern_from_reaper_selection(s))
            from_file = QPushButton("File…")
            from_file.setToolTip(f"pattern {slot} from the first 2 bars of a MIDI or audio file")
            from_file.clicked.connect(lambda _c=False, s=slot: self._ask_pattern_file(s))
            for button in (from_reaper, from_file):  # below Qt's 80 px floor for buttons: a narrow pad column
                button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 20)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            name = QLabel(f"<b>{slot}</b>")
            name.setMinimumWidth(name.fontMetrics().horizontalAdvance("B") + 6)  # A's and B's boxes one above the other
            line.addWidget(name)
            line.addWidget(combo, 1)
            line.addWidget(from_reaper)
            line.addWidget(from_file)
            rows.add(row)
            self.pattern_combos[slot] = combo
            self.pattern_from_reaper[slot] = from_reaper
        layout.addWidget(rows)
        return w

    def _quick_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(8, 6, 8, 6)
        self.follow_slider = ValueSlider("Follow", big=True,
                                         hint="how closely the drums follow your groove (Ctrl+Up / Ctrl+Down)")
        self.follow_slider.changed.connect(lambda v: self._edit(self.controller.update, follow=v))
        self.interpolate_slider = ValueSlider("A ↔ B", big=True,
                                              hint="between pattern A and B (Ctrl+Left / Ctrl+Right)")
        self.interpolate_slider.changed.connect(lambda v: self._edit(self.controller.update, interpolate=v))
        self.density_slider = ValueSlider("Density", big=True, hint="fewer to more hits ([ and ])")
        self.density_slider.changed.connect(lambda v: self._edit(self.controller.update, density=v))
        self.density_auto = QCheckBox("auto")
        self.density_auto.setToolTip("density as the groove suggests")
        self.density_auto.toggled.connect(lambda on: self._edit(self.controller.update, density=None if on else 0.5))
        density_row = QHBoxLayout()
        density_row.addWidget(self.density_slider, 1)
        density_row.addWidget(self.density_auto)
        # its longest entries ("Hip-Hop/R&B/Soul  (4)") set the column's width: at a 14 pt desktop font the window
        # was wider than a 1280 px laptop screen; cut with "…" in the box, whole in its list
        self.genre_combo = ElidedCombo(least=6)  # beside Half time, short of room: down to 6 letters
        self.genre_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.genre_combo.setMinimumContentsLength(10)
        self.genre_combo.addItem("Any genre")
        for i, g in enumerate(GENRES):  # each with what it plays by rule, where it has rules (genre_notes.py)
            self.genre_combo.addItem(f"{GENRE_LABELS[g]}  ({i + 1})")
            self.genre_combo.setItemData(i + 1, with_note(GENRE_LABELS[g], g), Qt.ItemDataRole.ToolTipRole)
        self.genre_combo.addItem("Mix (see Genre mix)")
        self.genre_combo.setToolTip("play one genre (keys 1-9), or none (0). Latin: the son clave on the snare, each "
                                    "seed (dice) its own right hand; Jazz: the time on the ride, the snare comping "
                                    "quietly; Disco: four on the floor")
        self.genre_combo.currentIndexChanged.connect(self._pick_genre)
        # the feel beside the genre, on its row: a row of its own under the density pushed the pad's pattern B row
        # out of sight at 1024 x 640 (saved and undone as the other controls)
        self.half_time = QCheckBox("Half time")
        self.half_time.setToolTip("each 4/4 bar in half time: the kick on 1, the backbeat on 3, the hats on the bar's "
                                  "8ths; Drumify, Export, Variations and live play play it (H)")
        self.half_time.toggled.connect(lambda on: self._edit(self.controller.update, feel="half" if on else "normal"))
        genre_row = QHBoxLayout()
        genre_row.addWidget(RowName("Genre"))
        genre_row.addWidget(self.genre_combo, 1)
        genre_row.addWidget(self.half_time)
        for widget in (self.follow_slider, self.interpolate_slider):
            layout.addWidget(widget)
        layout.addLayout(density_row)
        layout.addLayout(genre_row)
        self.big_buttons = WrapRow(2, spacing=6)
        layout.addWidget(self.big_buttons)
        self.shortcut_help = KeysHelp()  # the whole list, or a short line where the section is short of room
        layout.addWidget(self.shortcut_help)
        layout.addStretch(1)
        return w

    def _roll_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(4, 4, 4, 4)
        # a long file name is cut in its middle (whole in its tooltip) instead of widening the window past the
        # screen; the bars shown are never cut, the generation time goes first (short_lines.py)
        header = RollHeader()
        self.input_label, self.generation_label = header.heading, header.time
        header.time.changed = self._generation_in_live_status  # one figure in both places (modes.py)
        self.window_spin = QSpinBox()
        self.window_spin.setPrefix("window ")
        self.window_spin.setMinimum(1)
        self.window_spin.setToolTip("which 2-bar window of the input to preview (Ctrl+PgUp/PgDn from anywhere)")
        self.window_spin.valueChanged.connect(self._pick_window)
        self.window_spin.setVisible(False)  # until an input has more than one window to choose from
        header.lay_out(self.window_spin)
        layout.addWidget(header)
        self.roll = PianoRoll()
        self.roll.clicked.connect(lambda text: self.say(text))
        layout.addWidget(self.roll, 1)
        return w

    def _genre_section(self) -> QWidget:
        self.genre_mixer = GenreMixer()
        self.genre_mixer.changed.connect(lambda g, v: self._edit(self.controller.set_genre_weight, g, v))
        self.genre_mixer.cleared.connect(lambda: self._edit(self.controller.solo_genre, None))
        return self.genre_mixer

    def _sound_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.voice_toggles = VoiceGroupToggles()
        self.voice_toggles.toggled.connect(lambda g, on: self._edit(self.controller.set_voice_group, g, on))
        self.temperature_slider = ValueSlider("Temperature", 0.0, 3.0,
                                              hint="0 = the most likely loop; 0.5-1 = variety in the groove; above 1.5 = far from it")
        self.temperature_slider.changed.connect(lambda v: self._edit(self.controller.update, temperature=v))
        self.humanize_slider = ValueSlider("Humanize", hint="0 = quantized, flat; 1 = the model's timing and dynamics")
        self.humanize_slider.changed.connect(lambda v: self._edit(self.controller.update, humanize=v))
        # the drums' swing (Settings.swing): the part's own, or one asked as DAWs say it, whatever the part plays
        self.swing_combo = QComboBox()
        self.swing_combo.addItem("Part's own")  # (index 0: Settings.swing None)
        for percent in SWING_CHOICES:
            self.swing_combo.addItem(SWING_NAMES.get(percent, f"{percent:g}%"), percent)
        self.swing_combo.setToolTip("the drums' swing, whatever the part plays: its own (the default), 50% straight, "
                                    "66% a triplet shuffle, 75% a hard one")
        self.swing_combo.currentIndexChanged.connect(
            lambda i: self._edit(self.controller.update, swing=None if i <= 0 else self.swing_combo.itemData(i)))
        swing_row = QHBoxLayout()
        swing_label = QLabel("Swing")
        swing_label.setMinimumWidth(80)
        swing_row.addWidget(swing_label)
        swing_row.addWidget(self.swing_combo, 1)
        self.seed_box = SeedBox()
        self.seed_box.changed.connect(lambda s: self._edit(self.controller.update, seed=s))
        self.seed_box.rolled.connect(lambda: self._said_edit(self.controller.new_seed))
        self.variations_spin = QSpinBox()
        self.variations_spin.setRange(1, MAX_VARIATIONS)  # the engine's range, the docked panel's too
        self.variations_spin.setToolTip("how many versions the Variations action makes (the same count as the "
                                        "docked panel's)")
        self.variations_spin.valueChanged.connect(self._set_variations)
        variations_row = QHBoxLayout()
        label = QLabel("Variations")
        label.setMinimumWidth(80)
        variations_row.addWidget(label)
        variations_row.addWidget(self.variations_spin, 1)
        self._build_version_box(variations_row)  # versions.py: which version the roll shows
        layout.addWidget(self.voice_toggles)
        # Muting every group silences the drums; the toggles stay usable (to unmute), so this line says it.
        self.voice_hint = QLabel()
        self.voice_hint.setWordWrap(True)
        self.voice_hint.setStyleSheet("color: #f2b134;")
        self.voice_hint.setVisible(False)
        layout.addWidget(self.voice_hint)
        layout.addWidget(self.temperature_slider)
        layout.addWidget(self.humanize_slider)
        layout.addLayout(swing_row)
        layout.addLayout(variations_row)
        layout.addWidget(self.seed_box)
        self.fills = FillControls()
        self.fills.every_changed.connect(lambda n: self._edit(self.controller.update, fill_every=n))
        self.fills.bars_typed.connect(self.type_fill_bars)
        self.fills.length_changed.connect(lambda name: self._edit(self.controller.update, fill_length=name))
        self.fills.crash_changed.connect(lambda on: self._edit(self.controller.update, opening_crash=on))
        layout.addWidget(self.fills)
        advanced = QWidget()
        adv_layout = QVBoxLayout(advanced)
        adv_layout.setContentsMargins(0, 0, 0, 0)
        self.per_voice = PerVoiceTable()
        self.per_voice.custom_thresholds.connect(lambda on: self._edit(self.controller.set_custom_thresholds, on))
        self.per_voice.threshold_changed.connect(lambda v, x: self._edit(self.controller.set_threshold, v, x))
        self.per_voice.limit_hits.connect(lambda on: self._edit(self.controller.set_hit_limits, on))
        self.per_voice.max_hits_changed.connect(lambda v, n: self._edit(self.controller.set_max_hits, v, n))
        self.hold_check = QCheckBox("Hold one loop per section (drumify)")
        self.hold_check.setToolTip("drumify: hold one loop through each section instead of following every window;"
                                   " the drums still change where the band changes section")
        self.hold_check.toggled.connect(lambda on: self._edit(self.controller.update, hold=on))
        adv_layout.addWidget(self.per_voice)
        adv_layout.addWidget(self.hold_check)
        self.advanced = CollapsibleSection("Advanced (per voice)", advanced,
                                           expanded=bool(self.options.get("advanced", False)))
        self.advanced.header.setToolTip("show or hide per-voice hit thresholds and hit limits (F3)")
        self.advanced.header.toggled.connect(lambda _on: self._save_soon())
        # a tall window: the row under the roll grows to show it whole, and back when it is shut
        self.advanced.header.toggled.connect(lambda on: QTimer.singleShot(0, lambda: self._row_for_advanced(on)))
        # opened by its header as by F3: scrolled into view (PanelWiring._advanced_in_view)
        self.advanced.header.toggled.connect(lambda on: QTimer.singleShot(0, self._advanced_in_view) if on else None)
        layout.addWidget(self.advanced)
        layout.addStretch(1)
        return w

    def _live_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(6, 4, 6, 4)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: the value goes under its name
        self.status_labels: dict[str, QLabel] = {}
        for key, title in (("mode", "Mode"), ("reaper", "REAPER"), ("tempo", "Tempo"), ("position", "Position"),
                           ("generation", "Generation"), ("loops", "Live loops")):
            label = QLabel("–")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.status_labels[key] = label
            form.addRow(f"{title}:", label)
        layout.addLayout(form)
        # hidden while REAPER is connected (modes.py): they do nothing then
        ports = self.ports_box = QGroupBox("MIDI ports (standalone live)")
        pform = QFormLayout(ports)
        pform.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.in_port = QComboBox()
        self.out_port = QComboBox()
        for combo in (self.in_port, self.out_port):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        refresh = QToolButton()
        refresh.setText("↻")
        refresh.setToolTip("list the MIDI ports again")
        refresh.clicked.connect(self.refresh_ports)
        in_row = QHBoxLayout()
        in_row.addWidget(self.in_port, 1)
        in_row.addWidget(refresh)
        self.bpm_spin = QDoubleSpinBox()
        self.bpm_spin.setRange(MIN_BPM, MAX_BPM)  # every path's tempo range
        self.bpm_spin.setDecimals(1)
        self.bpm_spin.setSuffix(" BPM")
        self.bpm_spin.setValue(float(self.options.get("bpm", 120.0) or 120.0))
        self.bpm_spin.setToolTip("standalone live: the tempo the drums play at (a MIDI file's own when one is open)")
        self.bpm_spin.setKeyboardTracking(False)  # typing 110 over 100 is not a jump to 11 (clamped) on the way
        self.bpm_spin.valueChanged.connect(self._retempo_ports)  # while playing on the ports (modes.py)
        self.clock_in = QCheckBox("follow MIDI clock")
        self.clock_in.setToolTip("play at the tempo of the MIDI clock coming in on the input port")
        self.clock_in.setChecked(bool(self.options.get("clock_in", False)))
        pform.addRow("In:", in_row)
        pform.addRow("Out:", self.out_port)
        pform.addRow("Tempo:", self.bpm_spin)
        pform.addRow(self.clock_in)  # the whole row: a narrow dock does not squeeze it
        layout.addWidget(ports)
        layout.addStretch(1)
        return w
