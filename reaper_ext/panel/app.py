"""The panel's main window: docks, actions and shortcuts, modes, live status, persistence.

    window = PanelWindow(engine, bridge=DistantBridge(timeout=1.0))   # REAPER when it answers, else standalone
    window = PanelWindow(engine, standalone=True, midi="song.mid")    # MIDI files and ports only

Every section is a dock the user can move, float, tab or close; the layout,
the settings, the panel's options and the presets are saved in the user's
config folder (store.py) and restored at the next start.

Threads (workers.py): the preview of the loop is generated off the UI thread
(only the latest request counts); every call into REAPER runs on the REAPER
link's thread with short timeouts; exports run on a job thread. The UI
thread only edits settings and draws.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDockWidget, QDoubleSpinBox, QFileDialog, QFormLayout, QGridLayout,
    QGroupBox, QHBoxLayout, QInputDialog, QLabel, QMainWindow, QPushButton, QSizePolicy, QSpinBox, QStyleFactory,
    QToolBar, QToolButton, QVBoxLayout, QWidget,
)

from reagroove.core.audio import AUDIO_SUFFIXES
from reagroove.core.errors import ReaGrooveError
from reagroove.core.genres import GENRE_LABELS, GENRES
from reagroove.core.settings import Settings

from .. import actions
from .controller import (
    FILES, PORTS, REAPER, LinkStatus, PanelController, bar_and_beat, input_from_midi, input_from_selection, live_input,
    mode_text, tuned_thresholds,
)
from .controls import CollapsibleSection, GenreMixer, PerVoiceTable, SeedBox, ValueSlider, VoiceGroupToggles
from .events import MainThreadGC, UiCalls, guard_singleton_refcounts
from .pad import LatentPad
from .pianoroll import PianoRoll
from .store import PanelStore
from .workers import JobThread, PortsLive, PreviewWorker, ReaperLink

STEP = 0.05  # how far a shortcut moves follow, interpolate and density
STALE_DRAW_S = 0.05  # a loop already outdated by a newer request is drawn only if nothing was for this long
MIDI_FILTER = "MIDI files (*.mid *.midi *.smf *.rmi);;All files (*)"
_AUDIO_GLOBS = " ".join("*" + s for s in AUDIO_SUFFIXES)
# What can be opened as the input or a pattern: MIDI or audio (read with core/audio.py).
INPUT_FILTER = (f"MIDI and audio files (*.mid *.midi *.smf *.rmi {_AUDIO_GLOBS});;MIDI files (*.mid *.midi *.smf *.rmi);;"
                f"Audio files ({_AUDIO_GLOBS});;All files (*)")
NO_PATTERN = "none"
MODE_COLOURS = {REAPER: "#2f9e6e", FILES: "#3b6fb5", PORTS: "#8a5cc2"}


def _b64(data: QByteArray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(text) -> QByteArray | None:
    try:
        return QByteArray(base64.b64decode(str(text), validate=True))
    except (ValueError, TypeError):
        return None


class PanelWindow(QMainWindow):
    def __init__(self, engine, *, bridge=None, standalone: bool = False, config_dir=None, midi=None,
                 check_every: float = 1.5, list_ports=None, open_port=None, parent=None):
        super().__init__(parent)
        guard_singleton_refcounts()  # PySide6 6.12 on Python < 3.12 loses references to None/True (events.py)
        self.main_thread_gc = MainThreadGC(self)  # worker threads must never collect Qt objects
        self.setWindowTitle("ReaGroove")
        self.setObjectName("ReaGroovePanel")
        self.store = PanelStore(config_dir)
        saved = self.store.load_state()
        self.controller = PanelController(engine, self.store, saved["settings"])
        self.options: dict = dict(saved["options"])
        self.controller.variations = min(max(int(self.options.get("variations", 4) or 4), 1), 64)
        self.standalone = standalone or bridge is None
        self.connected = False
        self.live_on = False
        self.last_message = ""
        self._list_ports, self._open_port = list_ports, open_port
        self._request_id = 0
        self._shown_request = -1
        self._shown_at = 0.0
        self._time_signatures = [(0.0, 4, 4)]  # REAPER's meter map, for bar numbers in live mode
        self._callbacks: dict = {}
        self._read_selection_on_connect = True

        self.setDockNestingEnabled(True)
        self._build_docks()
        self._build_actions()
        self.statusBar().setSizeGripEnabled(True)

        self.ui_calls = UiCalls(self)  # worker threads report through it
        post = self.ui_calls.call
        self.preview = PreviewWorker(self.controller.generate, post, self)
        self.preview.ready.connect(self._on_preview)
        self.preview.failed.connect(lambda _id, msg: self.say(f"could not generate: {msg}"))
        self.jobs = JobThread(post, self)
        self.jobs.job_done.connect(self._on_job_done)
        self.jobs.job_failed.connect(self._on_job_failed)
        self.link: ReaperLink | None = None
        if bridge is not None and not standalone:
            self.link = ReaperLink(bridge, post, check_every=check_every, parent=self)
            self.link.status.connect(self._on_link_status)
            self.link.live_loop.connect(self._on_live_loop)
            self.link.job_done.connect(self._on_job_done)
            self.link.job_failed.connect(self._on_job_failed)
        self.ports_live: PortsLive | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_state)

        self.resize(1320, 820)
        self._default_dock_sizes()
        self.default_layout = self.saveState()
        self._restore_layout(saved["layout"])
        dropped = self.controller.drop_missing_patterns()
        self.refresh_ports()
        self._sync()
        self._update_mode()
        self.preview.start()
        self.jobs.start()
        if self.link is not None:
            self.link.start()
        for problem in self.store.problems:
            self.say(problem)
        if dropped:
            self.say(f"pattern {', '.join(dropped)} is no longer saved; A/B reset")
        midi = midi or (self.options.get("midi") if Path(str(self.options.get("midi") or "")).is_file() else None)
        if midi:
            self.open_midi(midi)

    # ================================================================ building

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.docks[name] = dock
        return dock

    def _build_docks(self) -> None:
        self.docks: dict[str, QDockWidget] = {}
        pad = self._dock("pad", "Latent pad", self._pad_section())
        quick = self._dock("quick", "Quick controls", self._quick_section())
        roll = self._dock("roll", "Piano roll", self._roll_section())
        genre = self._dock("genre", "Genre mix", self._genre_section())
        sound = self._dock("sound", "Sound", self._sound_section())
        live = self._dock("live", "Live status", self._live_section())
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, pad)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, roll)
        self.splitDockWidget(pad, quick, Qt.Orientation.Vertical)
        self.splitDockWidget(roll, genre, Qt.Orientation.Vertical)
        self.splitDockWidget(genre, sound, Qt.Orientation.Horizontal)
        self.splitDockWidget(sound, live, Qt.Orientation.Horizontal)

    def _default_dock_sizes(self) -> None:
        d = self.docks
        self.resizeDocks([d["pad"], d["roll"]], [390, 930], Qt.Orientation.Horizontal)
        self.resizeDocks([d["roll"], d["genre"]], [430, 340], Qt.Orientation.Vertical)
        self.resizeDocks([d["pad"], d["quick"]], [330, 440], Qt.Orientation.Vertical)
        self.resizeDocks([d["genre"], d["sound"], d["live"]], [290, 380, 300], Qt.Orientation.Horizontal)

    def _pad_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(4, 4, 4, 4)
        self.pad = LatentPad()
        self.pad.moved.connect(lambda t, f: self._edit(self.controller.update, interpolate=t, follow=f))
        layout.addWidget(self.pad, 1)
        grid = QGridLayout()
        self.pattern_combos: dict[str, QComboBox] = {}
        self.pattern_from_reaper: dict[str, QPushButton] = {}
        for row, slot in enumerate(("A", "B")):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.setToolTip(f"pattern {slot}: a genre prototype or a pattern you saved")
            combo.currentIndexChanged.connect(lambda _i, s=slot: self._pick_pattern(s))
            from_reaper = QPushButton("REAPER item")
            from_reaper.setToolTip(f"pattern {slot} from the selected MIDI item in REAPER")
            from_reaper.clicked.connect(lambda _c=False, s=slot: self.pattern_from_reaper_selection(s))
            from_file = QPushButton("File…")
            from_file.setToolTip(f"pattern {slot} from the first 2 bars of a MIDI or audio file")
            from_file.clicked.connect(lambda _c=False, s=slot: self._ask_pattern_file(s))
            grid.addWidget(QLabel(f"<b>{slot}</b>"), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(from_reaper, row, 2)
            grid.addWidget(from_file, row, 3)
            grid.setColumnStretch(1, 1)
            self.pattern_combos[slot] = combo
            self.pattern_from_reaper[slot] = from_reaper
        layout.addLayout(grid)
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
        self.genre_combo = QComboBox()
        self.genre_combo.addItem("Any genre")
        for i, g in enumerate(GENRES):
            self.genre_combo.addItem(f"{GENRE_LABELS[g]}  ({i + 1})")
        self.genre_combo.addItem("Mix (see Genre mix)")
        self.genre_combo.setToolTip("play one genre (keys 1-9), or none (0)")
        self.genre_combo.currentIndexChanged.connect(self._pick_genre)
        genre_row = QHBoxLayout()
        genre_label = QLabel("Genre")
        genre_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        genre_label.setMinimumWidth(110)
        genre_row.addWidget(genre_label)
        genre_row.addWidget(self.genre_combo, 1)
        for widget in (self.follow_slider, self.interpolate_slider):
            layout.addWidget(widget)
        layout.addLayout(density_row)
        layout.addLayout(genre_row)
        self.big_buttons = QGridLayout()
        layout.addLayout(self.big_buttons)
        self.shortcut_help = QLabel()
        self.shortcut_help.setWordWrap(True)
        self.shortcut_help.setStyleSheet("color: #9aa3b2; font-size: 8pt;")
        layout.addWidget(self.shortcut_help)
        layout.addStretch(1)
        return w

    def _roll_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(4, 4, 4, 4)
        header = QHBoxLayout()
        self.input_label = QLabel("No input")
        self.input_label.setStyleSheet("font-weight: bold;")
        self.window_spin = QSpinBox()
        self.window_spin.setPrefix("window ")
        self.window_spin.setMinimum(1)
        self.window_spin.setToolTip("which 2-bar window of the input to preview")
        self.window_spin.valueChanged.connect(self._pick_window)
        self.generation_label = QLabel("")
        self.generation_label.setStyleSheet("color: #9aa3b2;")
        header.addWidget(self.input_label)
        header.addStretch(1)
        header.addWidget(self.generation_label)
        header.addWidget(self.window_spin)
        layout.addLayout(header)
        self.roll = PianoRoll()
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
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        self.voice_toggles = VoiceGroupToggles()
        self.voice_toggles.toggled.connect(lambda g, on: self._edit(self.controller.set_voice_group, g, on))
        self.temperature_slider = ValueSlider("Temperature", 0.0, 3.0,
                                              hint="0 = the most likely loop; higher = more variety")
        self.temperature_slider.changed.connect(lambda v: self._edit(self.controller.update, temperature=v))
        self.humanize_slider = ValueSlider("Humanize", hint="0 = quantized, flat; 1 = the model's timing and dynamics")
        self.humanize_slider.changed.connect(lambda v: self._edit(self.controller.update, humanize=v))
        self.seed_box = SeedBox()
        self.seed_box.changed.connect(lambda s: self._edit(self.controller.update, seed=s))
        self.seed_box.rolled.connect(lambda: self._edit(self.controller.new_seed))
        self.variations_spin = QSpinBox()
        self.variations_spin.setRange(1, 64)
        self.variations_spin.setToolTip("how many versions the Variations action makes")
        self.variations_spin.valueChanged.connect(self._set_variations)
        variations_row = QHBoxLayout()
        label = QLabel("Variations")
        label.setMinimumWidth(86)
        variations_row.addWidget(label)
        variations_row.addWidget(self.variations_spin, 1)
        layout.addWidget(self.voice_toggles)
        layout.addWidget(self.temperature_slider)
        layout.addWidget(self.humanize_slider)
        layout.addLayout(variations_row)
        layout.addWidget(self.seed_box)
        advanced = QWidget()
        adv_layout = QVBoxLayout(advanced)
        adv_layout.setContentsMargins(0, 0, 0, 0)
        self.per_voice = PerVoiceTable()
        self.per_voice.custom_thresholds.connect(lambda on: self._edit(self.controller.set_custom_thresholds, on))
        self.per_voice.threshold_changed.connect(lambda v, x: self._edit(self.controller.set_threshold, v, x))
        self.per_voice.limit_hits.connect(lambda on: self._edit(self.controller.set_hit_limits, on))
        self.per_voice.max_hits_changed.connect(lambda v, n: self._edit(self.controller.set_max_hits, v, n))
        self.hold_check = QCheckBox("Hold one pattern for the whole input (drumify)")
        self.hold_check.toggled.connect(lambda on: self._edit(self.controller.update, hold=on))
        adv_layout.addWidget(self.per_voice)
        adv_layout.addWidget(self.hold_check)
        self.advanced = CollapsibleSection("Advanced: per-voice thresholds and hit limits", advanced,
                                           expanded=bool(self.options.get("advanced", False)))
        self.advanced.header.toggled.connect(lambda _on: self._save_soon())
        layout.addWidget(self.advanced)
        layout.addStretch(1)
        return w

    def _live_section(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(6, 4, 6, 4)
        form = QFormLayout()
        self.status_labels: dict[str, QLabel] = {}
        for key, title in (("mode", "Mode"), ("reaper", "REAPER"), ("tempo", "Tempo"), ("position", "Position"),
                           ("generation", "Generation"), ("loops", "Live loops")):
            label = QLabel("–")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.status_labels[key] = label
            form.addRow(f"{title}:", label)
        layout.addLayout(form)
        ports = self.ports_box = QGroupBox("MIDI ports (standalone live)")
        pform = QFormLayout(ports)
        self.in_port = QComboBox()
        self.out_port = QComboBox()
        for combo in (self.in_port, self.out_port):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        refresh = QToolButton()
        refresh.setText("↻")
        refresh.setToolTip("list the MIDI ports again")
        refresh.clicked.connect(self.refresh_ports)
        in_row = QHBoxLayout()
        in_row.addWidget(self.in_port, 1)
        in_row.addWidget(refresh)
        self.bpm_spin = QDoubleSpinBox()
        self.bpm_spin.setRange(20.0, 400.0)
        self.bpm_spin.setDecimals(1)
        self.bpm_spin.setSuffix(" BPM")
        self.bpm_spin.setValue(float(self.options.get("bpm", 120.0) or 120.0))
        self.clock_in = QCheckBox("follow MIDI clock on the input")
        self.clock_in.setChecked(bool(self.options.get("clock_in", False)))
        pform.addRow("In:", in_row)
        pform.addRow("Out:", self.out_port)
        pform.addRow("Tempo:", self.bpm_spin)
        pform.addRow("", self.clock_in)
        layout.addWidget(ports)
        layout.addStretch(1)
        return w

    def _action(self, text: str, slot, shortcut=None, *, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            keys = shortcut if isinstance(shortcut, (list, tuple)) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(f"{tip} ({action.shortcut().toString()})" if shortcut else tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("Open MIDI/audio…", self.ask_open_midi, "Ctrl+O", tip="use a MIDI or audio file as the input groove")
        self.export_action = a("Export drums…", self.ask_export_drums, "Ctrl+E",
                               tip="write drums for the whole input file as MIDI")
        self.selection_action = a("Read REAPER selection", self.read_reaper_selection, "Ctrl+I",
                                  tip="use the selected MIDI items in REAPER as the input groove")
        self.drumify_action = a("Drumify", self.drumify, "Ctrl+D",
                                tip="REAPER: drums for the selected items; standalone: drums for the MIDI file")
        self.variations_action = a("Variations", self.make_variations, "Ctrl+Shift+V",
                                   tip="N versions of the drums (REAPER: on new tracks; standalone: N MIDI files)")
        self.live_action = a("Live follow", self.set_live, "L", checkable=True,
                             tip="follow live input: in REAPER with an armed track, standalone on MIDI ports")
        self.dice_action = a("New seed", lambda: self._edit(self.controller.new_seed), "R", tip="roll the dice")
        self.quick_view_action = a("Quick view", self.set_quick_view, "F2", checkable=True,
                                   tip="only the pad, the quick controls and the piano roll")
        self.advanced_action = a("Advanced section",
                                 lambda: self.advanced.set_expanded(not self.advanced.is_expanded()), "F3")
        self.save_preset_action = a("Save preset…", self.ask_save_preset, "Ctrl+S")
        self.delete_preset_action = a("Delete preset", self.delete_current_preset)
        self.reset_layout_action = a("Reset layout", lambda: self.restoreState(self.default_layout))
        self.quit_action = a("Quit", self.close, "Ctrl+Q")
        nudges = (("follow", +STEP, "Ctrl+Up"), ("follow", -STEP, "Ctrl+Down"),
                  ("interpolate", +STEP, "Ctrl+Right"), ("interpolate", -STEP, "Ctrl+Left"),
                  ("density", +STEP, "]"), ("density", -STEP, "["))
        for name, step, key in nudges:
            a(f"{name} {'+' if step > 0 else '−'}", lambda _c=False, n=name, s=step: self.nudge(n, s), key)
        for i, genre in enumerate(GENRES):
            a(f"{GENRE_LABELS[genre]} alone", lambda _c=False, g=genre: self._edit(self.controller.solo_genre, g),
              str(i + 1))
        a("No genre preference", lambda: self._edit(self.controller.solo_genre, None), "0")

        for col, action in enumerate((self.drumify_action, self.variations_action, self.live_action)):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(40)
            button.setStyleSheet("QToolButton { font-size: 11pt; font-weight: bold; }"
                                 "QToolButton:checked { background: #b8324a; color: white; }")
            self.big_buttons.addWidget(button, 0, col)
        self.shortcut_help.setText(
            "Keys: Ctrl+↑/↓ follow · Ctrl+←/→ A↔B · [ ] density · 1-9 genre, 0 any · L live · R new seed · "
            "Ctrl+D drumify · Ctrl+Shift+V variations · F2 quick view · F3 advanced")

        bar = QToolBar("Main")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        self.mode_badge = QLabel()
        self.mode_badge.setMargin(4)
        bar.addWidget(self.mode_badge)
        bar.addSeparator()
        for action in (self.open_action, self.export_action, self.selection_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(QLabel(" Preset "))
        self.preset_combo = QComboBox()
        self.preset_combo.setMinimumContentsLength(14)
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setPlaceholderText("unsaved (Ctrl+S)")  # shown when the settings match no preset
        self.preset_combo.currentIndexChanged.connect(lambda _i: self.load_preset(self.preset_combo.currentText()))
        bar.addWidget(self.preset_combo)
        bar.addAction(self.save_preset_action)
        bar.addAction(self.delete_preset_action)
        bar.addSeparator()
        bar.addAction(self.quick_view_action)
        self.addToolBar(bar)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for action in (self.open_action, self.export_action, None, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        play = menus.addMenu("&Drums")
        for action in (self.drumify_action, self.variations_action, self.live_action, self.selection_action,
                       self.dice_action):
            play.addAction(action)
        presets = menus.addMenu("&Presets")
        presets.addAction(self.save_preset_action)
        presets.addAction(self.delete_preset_action)
        view = menus.addMenu("&View")
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        for action in (self.quick_view_action, self.advanced_action, self.reset_layout_action):
            view.addAction(action)

    # ================================================================ settings <-> widgets

    def _edit(self, change, *args, **kwargs) -> None:
        """Apply one user change through the controller, then redraw, regenerate and save."""
        try:
            change(*args, **kwargs)
        except ReaGrooveError as exc:
            self.say(str(exc))
            self._sync()
            return
        self.settings_changed()

    def settings_changed(self) -> None:
        self._sync()
        self.request_preview()
        self._push_live_settings()
        self._save_soon()

    def _sync(self) -> None:
        """Every widget from the settings, without signals."""
        s: Settings = self.controller.settings
        a, b = self.controller.pattern("A"), self.controller.pattern("B")
        self.pad.set_state(s.interpolate, s.follow, s.pattern_a, s.pattern_b,
                           None if a is None else a.groove, None if b is None else b.groove)
        self.follow_slider.set_value(s.follow)
        self.interpolate_slider.set_value(s.interpolate)
        self.density_slider.set_value(0.5 if s.density is None else s.density)
        if s.density is None:
            self.density_slider.set_readout("–")
        with QSignalBlocker(self.density_auto):
            self.density_auto.setChecked(s.density is None)
        with QSignalBlocker(self.genre_combo):  # any, one genre, or a mix
            mix = list(s.genre)
            index = 0 if not mix else GENRES.index(mix[0]) + 1 if len(mix) == 1 else len(GENRES) + 1
            self.genre_combo.setCurrentIndex(index)
        self.genre_mixer.set_mix(s.genre)
        self.voice_toggles.set_groups(s.voice_groups)
        self.temperature_slider.set_value(s.temperature)
        self.humanize_slider.set_value(s.humanize)
        self.seed_box.set_seed(s.seed)
        with QSignalBlocker(self.variations_spin):
            self.variations_spin.setValue(self.controller.variations)
        self.per_voice.set_values(s.threshold, s.max_hits, tuned_thresholds(self.controller.engine))
        with QSignalBlocker(self.hold_check):
            self.hold_check.setChecked(s.hold)
        names = self.controller.pattern_names()
        for slot, combo in self.pattern_combos.items():
            current = getattr(s, f"pattern_{slot.lower()}")
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(NO_PATTERN if slot == "A" else f"{NO_PATTERN} (= A)")
                combo.addItems(names)
                combo.setCurrentIndex(names.index(current) + 1 if current in names else 0)
        with QSignalBlocker(self.preset_combo):
            self.preset_combo.clear()
            self.preset_combo.addItems(self.controller.preset_names())
            matching = [n for n, p in self.controller.presets.items() if p == s]
            self.preset_combo.setCurrentIndex(self.preset_combo.findText(matching[0]) if matching else -1)

    def _pick_pattern(self, slot: str) -> None:
        combo = self.pattern_combos[slot]
        name = None if combo.currentIndex() == 0 else combo.currentText()
        self._edit(self.controller.set_pattern, slot, name)

    def _pick_genre(self, index: int) -> None:
        if index == 0:
            self._edit(self.controller.solo_genre, None)
        elif index <= len(GENRES):
            self._edit(self.controller.solo_genre, GENRES[index - 1])
        else:
            self._sync()  # "Mix" is shown, not chosen

    def _set_variations(self, n: int) -> None:
        self.controller.variations = n
        self._save_soon()

    def nudge(self, name: str, step: float) -> None:
        """A shortcut's step on follow, interpolate or density (auto density starts from the middle)."""
        value = getattr(self.controller.settings, name)
        value = 0.5 if value is None else value
        self._edit(self.controller.update, **{name: round(min(max(value + step, 0.0), 1.0), 3)})

    # ================================================================ input and preview

    def set_input(self, source) -> None:
        self.controller.input = source
        with QSignalBlocker(self.window_spin):
            self.window_spin.setMaximum(max(len(source.grooves), 1))
            self.window_spin.setValue(source.window + 1)
        self.window_spin.setVisible(len(source.grooves) > 1)
        self.roll.set_first_bar(int(source.bars[source.window]))
        self.input_label.setText(source.label())
        for message in source.messages:
            self.say(message)
        self.request_preview()
        self._save_soon()

    def _pick_window(self, number: int) -> None:
        source = self.controller.input
        if source is None or not 1 <= number <= len(source.grooves):
            return
        source.window = number - 1
        self.roll.set_first_bar(int(source.bars[source.window]))
        self.input_label.setText(source.label())
        self.request_preview()

    def request_preview(self) -> int | None:
        """Ask for the loop of the current input under the current settings; returns the request id."""
        source = self.controller.input
        if source is None:
            return None
        self._request_id += 1
        self.preview.request(self._request_id, self.controller.settings, source.groove)
        return self._request_id

    def _on_preview(self, request_id: int, groove, loop, seconds: float) -> None:
        now = time.monotonic()
        if request_id < self._shown_request:
            return
        if request_id < self._request_id and now - self._shown_at < STALE_DRAW_S:
            return  # a newer request is on its way: draw that one (while a drag goes on, one every 50 ms)
        self._shown_request, self._shown_at = request_id, now
        self.roll.show_loop(groove, loop, tag=request_id)
        self.generation_label.setText(f"generated in {seconds * 1000:.1f} ms")

    # ================================================================ files

    def ask_open_midi(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a MIDI or audio file as the input", self._last_dir(), INPUT_FILTER)
        if path:
            self.open_midi(path)

    def open_midi(self, path) -> bool:
        try:
            source = input_from_midi(path)
        except ReaGrooveError as exc:
            self.say(str(exc))
            return False
        self.options["midi"] = str(Path(path).resolve())
        self.set_input(source)
        estimated = [m for m in source.messages if m.startswith("estimated")]  # audio: the tempo and bar 1 found
        self.say(f"input: {Path(path).name} ({len(source.grooves)} windows of 2 bars)"
                 + (f"; {estimated[0]}" if estimated else ""))
        return True

    def _last_dir(self) -> str:
        midi = self.options.get("midi")
        return str(Path(midi).parent) if midi else str(Path.home())

    def ask_export_drums(self) -> None:
        if self.controller.input is None or self.controller.input.content is None:
            self.say("open a MIDI file first (Ctrl+O): the drums are written for the whole file")
            return
        default = Path(self.controller.input.path).with_name(Path(self.controller.input.path).stem + "_drums.mid")
        path, _ = QFileDialog.getSaveFileName(self, "Export the drums as MIDI", str(default), MIDI_FILTER)
        if path:
            self.export_drums(path)

    def export_drums(self, path) -> None:
        self._run_job("export", self.controller.export_drums, path, self.controller.settings)

    def write_variations(self, path) -> None:
        self._run_job("variations", self.controller.write_variations, path, self.controller.variations,
                      self.controller.settings)

    def _ask_pattern_file(self, slot: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Pattern {slot} from a MIDI or audio file", self._last_dir(), INPUT_FILTER)
        if path:
            self.pattern_from_midi(slot, path)

    def pattern_from_midi(self, slot: str, path) -> None:
        self._edit(self.controller.add_pattern_from_midi, path, slot)

    # ================================================================ actions (mode-dependent)

    @property
    def mode(self) -> str:
        if self.ports_live is not None:
            return PORTS
        return REAPER if self.connected else FILES

    def drumify(self) -> None:
        if self.mode == REAPER:
            self._run_reaper("drumify", actions.drumify_selection, self.controller.engine, self.controller.settings,
                             then=lambda r: f"wrote {r['written']} drum items on '{actions.DRUMS_TRACK_NAME}'"
                             + (f"; kept {len(r['kept_edited'])} you edited" if r.get("kept_edited") else ""))
        else:
            self.ask_export_drums()

    def make_variations(self) -> None:
        n = self.controller.variations
        if self.mode == REAPER:
            self._run_reaper("variations", actions.variations_of_selection, self.controller.engine,
                             self.controller.settings, n,
                             then=lambda r: f"{n} variations on new tracks (the first plays, the others are muted)")
            return
        if self.controller.input is None or self.controller.input.content is None:
            self.say("open a MIDI file first (Ctrl+O)")
            return
        src = Path(self.controller.input.path)
        path, _ = QFileDialog.getSaveFileName(self, f"Write {n} variations (NAME_v1.mid …)",
                                              str(src.with_name(src.stem + "_drums.mid")), MIDI_FILTER)
        if path:
            self.write_variations(path)

    def read_reaper_selection(self) -> None:
        if self.mode != REAPER:
            self.say("REAPER is not connected: open a MIDI file instead (Ctrl+O)")
            return
        self._run_reaper("selection", input_from_selection, then=self._selection_read)

    def _selection_read(self, source) -> str:
        self.set_input(source)
        return f"input: REAPER selection ({len(source.grooves)} windows of 2 bars)"

    def pattern_from_reaper_selection(self, slot: str) -> None:
        if self.mode != REAPER:
            self.say("REAPER is not connected: take the pattern from a MIDI file instead")
            return

        def chosen(pattern):
            self._edit(self.controller.add_pattern, pattern, slot)
            return f"pattern {slot} from {pattern.source} (saved as '{pattern.name}')"

        self._run_reaper(f"pattern {slot}", actions.pattern_from_selection, f"reaper-{slot}", then=chosen)

    # ------------------------------------------------------------ live

    def set_live(self, on: bool) -> None:
        if on == self.live_on:
            return
        if on:
            if self.link is not None and self.connected:
                self.live_on = True
                self.link.start_live(self.controller.engine, self.controller.settings)
            else:
                self._start_ports_live()
        else:
            self.live_on = False
            if self.link is not None:
                self.link.stop_live()
            if self.ports_live is not None:
                ports, self.ports_live = self.ports_live, None
                ports.stop()
                self.say("live on MIDI ports stopped")
        with QSignalBlocker(self.live_action):
            self.live_action.setChecked(self.live_on)
        self._update_mode()

    def _start_ports_live(self) -> None:
        in_name, out_name = self.in_port.currentData(), self.out_port.currentData()
        if not in_name or not out_name:
            self.say("live needs REAPER, or a MIDI input and output port (Live status dock)")
            with QSignalBlocker(self.live_action):
                self.live_action.setChecked(False)
            return
        ports = PortsLive(self.controller.engine, self.controller.settings, in_name, out_name, self.ui_calls.call,
                          bpm=self.bpm_spin.value(), clock_in=self.clock_in.isChecked(), open_port=self._open_port,
                          parent=self)
        ports.status.connect(self._show_live_status)
        ports.live_loop.connect(self._on_live_loop)
        ports.failed.connect(self._ports_failed)
        self.ports_live = ports
        self.live_on = True
        ports.start()
        self.say(f"live on MIDI ports: {in_name} → {out_name}")

    def _ports_failed(self, message: str) -> None:
        self.say(f"live on MIDI ports: {message}")
        if self.ports_live is not None:
            self.set_live(False)

    def _push_live_settings(self) -> None:
        """In live mode a change takes effect at the next bar."""
        if not self.live_on:
            return
        if self.ports_live is not None:
            self.ports_live.update_settings(self.controller.settings)
        elif self.link is not None:
            self.link.update_live_settings(self.controller.settings)

    def _on_live_loop(self, sched) -> None:
        bar, _ = bar_and_beat(sched.boundary, self._time_signatures)
        source = live_input(sched.groove, bar)
        self.controller.input = source
        self.window_spin.setVisible(False)
        self.input_label.setText(source.label())
        self._shown_request = self._request_id  # a preview asked for before this loop is older than it
        self.roll.set_first_bar(bar_and_beat(sched.window_start, self._time_signatures)[0])
        self.roll.show_loop(sched.groove, sched.loop, tag=("live", sched.boundary))
        self.generation_label.setText(f"live loop in {sched.seconds * 1000:.1f} ms")

    def refresh_ports(self) -> None:
        from reagroove.core.livemidi import port_names

        lister = self._list_ports or port_names
        try:
            ins, outs = lister()
            problem = ""
        except ReaGrooveError as exc:
            ins, outs, problem = [], [], str(exc)
        for combo, names, key in ((self.in_port, ins, "in_port"), (self.out_port, outs, "out_port")):
            with QSignalBlocker(combo):
                combo.clear()
                if not names:
                    combo.addItem(problem or "no ports", None)
                for n in names:
                    combo.addItem(n, n)
                saved = self.options.get(key)
                if saved in names:
                    combo.setCurrentIndex(names.index(saved))
            combo.setToolTip(problem)

    # ================================================================ REAPER link and jobs

    def _run_reaper(self, name: str, fn, *args, then=None) -> None:
        if self.link is None:
            self.say("REAPER is not connected")
            return
        self._callbacks[name] = then
        self.say(f"{name}…")
        self.link.submit(name, fn, *args)

    def _run_job(self, name: str, fn, *args, then=None) -> None:
        self._callbacks[name] = then
        self.say(f"{name}…")
        self.jobs.submit(name, fn, *args)

    def _on_job_done(self, name: str, result) -> None:
        then = self._callbacks.pop(name, None)
        try:
            message = then(result) if then is not None else result
        except ReaGrooveError as exc:
            message = str(exc)
        if isinstance(message, str) and message:
            self.say(message)

    def _on_job_failed(self, name: str, message: str) -> None:
        self._callbacks.pop(name, None)
        self.say(f"{name}: {message}")

    def _on_link_status(self, status: LinkStatus) -> None:
        was = self.connected
        self.connected = status.connected
        if status.connected:
            self._time_signatures = status.time_signatures
        if status.connected != was:
            self._update_mode()
            if status.connected and self._read_selection_on_connect:
                self._read_selection_on_connect = False
                if self.controller.input is None:
                    self._callbacks["selection"] = self._selection_read
                    self.link.submit("selection", input_from_selection)
        labels = self.status_labels
        if status.connected:
            labels["reaper"].setText(f"connected · {'playing' if status.playing else 'stopped'}")
        else:
            labels["reaper"].setText(f"not connected (retrying) · {status.message}")
        if self.ports_live is None:
            self._show_live_status(status)

    def _show_live_status(self, status: LinkStatus) -> None:
        labels = self.status_labels
        labels["tempo"].setText("–" if status.tempo is None else f"{status.tempo:.1f} BPM")
        position = "–" if status.bar is None else f"bar {status.bar} · beat {status.beat:.1f}"
        labels["position"].setText(position + (" · playing" if status.playing else ""))
        if status.live:
            gen = "–" if status.last_ms is None else f"last {status.last_ms:.1f} ms · p99 {status.p99_ms:.1f} ms"
            labels["generation"].setText(gen)
            labels["loops"].setText(f"{status.generated} made · {status.late} late")
        elif not self.live_on:
            labels["loops"].setText("live follow off")

    def _update_mode(self) -> None:
        mode = self.mode
        detail = ""
        if mode == PORTS and self.ports_live is not None:
            detail = f"{self.ports_live.in_name} → {self.ports_live.out_name}"
        elif self.live_on:
            detail = "live follow on"
        text = mode_text(mode, standalone=self.standalone, detail=detail)
        self.mode_badge.setText(text)
        self.mode_badge.setStyleSheet(f"background: {MODE_COLOURS[mode]}; color: white; font-weight: bold;"
                                      "border-radius: 4px; padding: 2px 8px;")
        self.status_labels["mode"].setText(text)
        if self.link is None:
            self.status_labels["reaper"].setText("not used (standalone)")
        reaper = mode == REAPER
        self.ports_box.setEnabled(not reaper)
        self.selection_action.setEnabled(reaper)
        for button in self.pattern_from_reaper.values():
            button.setEnabled(reaper)
        self.drumify_action.setText("Drumify selection" if reaper else "Drumify file…")
        self.variations_action.setText("Variations" if reaper else "Variations…")
        self.setWindowTitle(f"ReaGroove — {text}")

    # ================================================================ presets

    def ask_save_preset(self) -> None:
        name, ok = QInputDialog.getText(self, "Save preset", "Name:", text=self.preset_combo.currentText())
        if ok and name.strip():
            self.save_preset(name)

    def save_preset(self, name: str) -> None:
        try:
            self.controller.save_preset(name)
        except ReaGrooveError as exc:
            self.say(str(exc))
            return
        self._sync()
        self.say(f"preset '{name.strip()}' saved")

    def load_preset(self, name: str) -> None:
        try:
            self.controller.load_preset(name)
        except ReaGrooveError as exc:
            self.say(str(exc))
        self.settings_changed()

    def delete_current_preset(self) -> None:
        name = self.preset_combo.currentText()
        if name:
            self.controller.delete_preset(name)
            self._sync()
            self.say(f"preset '{name}' deleted")

    # ================================================================ view, messages, persistence

    def set_quick_view(self, on: bool) -> None:
        """Quick view keeps the pad, the quick controls and the piano roll (for playing live)."""
        for name in ("genre", "sound", "live"):
            self.docks[name].setVisible(not on)
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(on)
        self._save_soon()

    def say(self, text: str) -> None:
        self.last_message = text
        self.statusBar().showMessage(text, 10000)

    def _save_soon(self) -> None:
        self._save_timer.start()

    def panel_options(self) -> dict:
        options = dict(self.options)
        options.update({
            "variations": self.controller.variations, "advanced": self.advanced.is_expanded(),
            "quick_view": self.quick_view_action.isChecked(), "bpm": self.bpm_spin.value(),
            "clock_in": self.clock_in.isChecked(),
        })
        for key, combo in (("in_port", self.in_port), ("out_port", self.out_port)):
            if combo.currentData():
                options[key] = combo.currentData()
        return options

    def save_state(self) -> None:
        layout = {"geometry": _b64(self.saveGeometry()), "state": _b64(self.saveState())}
        try:
            self.store.save_state(self.controller.settings, self.panel_options(), layout)
        except OSError as exc:
            self.say(f"cannot save the panel's state in {self.store.folder}: {exc.strerror or exc}")

    def _restore_layout(self, layout: dict) -> None:
        geometry, state = _unb64(layout.get("geometry", "")), _unb64(layout.get("state", ""))
        if geometry:
            self.restoreGeometry(geometry)
        if state:
            self.restoreState(state)
        with QSignalBlocker(self.quick_view_action):
            self.quick_view_action.setChecked(bool(self.options.get("quick_view", False)))

    def shutdown(self) -> None:
        """Stop live play and the threads, and save (idempotent)."""
        if getattr(self, "_shut", False):
            return
        self._shut = True
        self._save_timer.stop()
        self.set_live(False)
        self.preview.stop()
        self.jobs.stop()
        if self.link is not None:
            self.link.stop()
        self.save_state()
        self.main_thread_gc.stop()  # threads stopped: automatic collection is safe again

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)


def apply_theme(app: QApplication) -> None:
    """A dark Fusion theme that matches the pad and the piano roll."""
    app.setStyle(QStyleFactory.create("Fusion"))
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
