"""The panel's main window: settings <-> widgets, the input and its preview; files, presets and persistence are mixins.

    window = PanelWindow(engine, bridge=DistantBridge(timeout=1.0))   # REAPER when it answers, else standalone
    window = PanelWindow(engine, standalone=True, midi="song.mid")    # MIDI files and ports only

Every section is a dock the user can move, float, tab or close; the layout,
the settings, the panel's options and the presets are saved in the user's
config folder (store.py) and restored at the next start.

The window is put together from mixins, one module each:
sections.py builds the docks and their widgets, wiring.py the actions,
shortcuts, toolbar and menus, modes.py the mode-dependent actions, live
follow and the REAPER link's reports, presets.py saving, loading and
deleting presets, persistence.py the layout, quick view and options saved
and restored, files.py opening a part or pattern file and exporting the drums.

Threads (workers.py): the preview of the loop is generated off the UI thread
(only the latest request counts); every call into REAPER runs on the REAPER
link's thread with short timeouts; exports run on a job thread. The UI
thread only edits settings and draws.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import QMainWindow

from reagroove.core.errors import ReaGrooveError
from reagroove.core.genres import GENRES
from reagroove.core.settings import DEFAULT_VARIATIONS, MAX_VARIATIONS, Settings

from .controller import REAPER, PanelController, inactive_controls
from .controls import grey_out
from .edits import PanelHandEdits, count_text
from .versions import PanelVersions, VersionsOf
from .events import MainThreadGC, UiCalls, guard_singleton_refcounts
from .files import INPUT_FILTER, PanelFiles
from .genre_notes import pattern_label
from .modes import PanelModes, with_notes
from .persistence import PanelPersistence
from .presets import PanelPresets
from .roll_keys import PanelRollKeys
from .sections import PanelSections
from .kept_edits import KeptEdits, kept_edits_path
from .live_notes import fill_bars_said, said_change, setting_text
from .note_words import in_panel_words
from .short_lines import StatusLine
from .store import PanelStore
from .wiring import PanelWiring, drag_gesture
from .workers import JobThread, PortsLive, PreviewWorker, ReaperLink
from .written import WrittenLine

SHARED_TICK_MS = 50  # how often the shared settings record is published or read (settings.json, store.py)
STATUS_SHOWN_MS = 10000  # how long a message stays on the status line
STALE_DRAW_S = 0.05  # a loop already outdated by a newer request is drawn only if nothing was for this long
PENDING_SHOWN_MS = 400  # a loop not there after this long is said to be on its way (the one drawn is older)
NO_PATTERN = "none"
NO_LOOP_HINT = "No drums: the engine failed on these settings (see the status line)"


class PanelWindow(PanelSections, PanelWiring, PanelModes, PanelPresets, PanelVersions, PanelHandEdits, PanelRollKeys,
                  PanelPersistence, PanelFiles, QMainWindow):
    """The window: sections (sections.py), actions and keys (wiring.py), modes and live (modes.py);
    here the settings <-> widgets sync, the input and preview, files and persistence."""

    def __init__(self, engine, *, bridge=None, standalone: bool = False, config_dir=None, midi=None,
                 check_every: float = 1.5, list_ports=None, open_port=None, parent=None):
        super().__init__(parent)
        guard_singleton_refcounts()  # PySide6 6.12 on Python < 3.12 loses references to None/True (events.py)
        self.main_thread_gc = MainThreadGC(self)  # worker threads must never collect Qt objects
        self.setWindowTitle("ReaGroove")
        self.setObjectName("ReaGroovePanel")
        self.store = PanelStore(config_dir)
        self.kept_edits = KeptEdits(kept_edits_path(config_dir))  # hand edits kept with their part (persistence.py)
        saved = self.store.load_state()
        self.controller = PanelController(engine, self.store, saved["settings"])
        self.options: dict = dict(saved["options"])
        self.standalone = standalone or bridge is None
        self.connected = False
        self.live_on = False
        self._live_settings = None  # the settings live play has, and whether it plays: a change is said with its bar
        self._live_playing = False
        self._said_now = False  # the status line was said in this turn of the event loop (say)
        self.last_message = ""
        self._refused: str | None = None  # the edit refusal on the status line, cleared by the next edit taken
        self._key_gesture = None  # while an edit made by a key runs (_by_key): what it moves
        self._say_change = False  # while an edit made by a key or the dice runs: the status line says what it did
        self._list_ports, self._open_port = list_ports, open_port
        self._request_id = 0
        self._shown_request = -1
        self._input_from = 0  # the first request for the input and window shown: loops asked before are not theirs
        self._shown_at = 0.0
        self._time_signatures = [(0.0, 4, 4)]  # REAPER's meter map, for bar numbers in live mode
        self._callbacks: dict = {}
        self._read_selection_on_connect = True
        self._input_before_live = None  # the input live follow's loops replaced, back when live follow is off
        self._tempo_after_live = None  # a file's tempo, opened while the ports play: the Tempo box's once they stop
        self._before_quick_view = None  # the layout quick view (F2) hid sections of, put back when it ends

        self.setDockNestingEnabled(True)
        self._build_docks()
        self._wire_hand_edits()
        self._build_actions()
        self._build_window_keys()
        self._build_roll_keys()  # the piano roll's keys (roll_keys.py)
        self.statusBar().setSizeGripEnabled(True)
        # the status line: a long one (an input with its notes) loses its details, then ends in "…" where the window
        # is narrower than it (short_lines.py), whole in its tooltip; it goes after 10 s, as Qt's own messages do
        self.status_line = StatusLine(least=12)
        self.statusBar().addWidget(self.status_line, 1)
        self.written_line = WrittenLine()  # where the last export went, kept when the line moves on (written.py)
        self.statusBar().addPermanentWidget(self.written_line)
        self._status_clear = QTimer(self)
        self._status_clear.setSingleShot(True)
        self._status_clear.setInterval(STATUS_SHOWN_MS)
        self._status_clear.timeout.connect(lambda: self.status_line.setText(""))

        self.ui_calls = UiCalls(self)  # worker threads report through it
        post = self.ui_calls.call
        self.preview = PreviewWorker(VersionsOf(self.controller), post, self)  # version k as Variations writes it
        self.preview.ready.connect(self._on_preview)
        self.preview.failed.connect(self._on_preview_failed)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(PENDING_SHOWN_MS)
        self._pending.timeout.connect(self._show_pending)
        self._preview_error: str | None = None  # "could not generate" on the status line, until a loop is drawn
        self._preview_notes: tuple = ()  # the engine's notes on the drums shown, and the line that said them
        self._notes_said: str | None = None
        self._job_said: str | None = None  # what the last job (export, Variations, a REAPER run) said (modes.py)
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
        # One settings record with the docked panel in REAPER: our edits are published, theirs applied,
        # each within one tick (store.SharedSettings).
        self._published = self.controller.settings
        self._take_old_variations()  # published at the first tick, if it changes the settings
        self._shared_timer = QTimer(self)
        self._shared_timer.setInterval(SHARED_TICK_MS)
        self._shared_timer.timeout.connect(self.sync_shared_settings)
        self._shared_timer.start()

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
        last = self.options.get("midi")
        if not midi and last and not Path(str(last)).is_file():  # moved or deleted since the last run
            self.say(f"the last input file {last} is no longer there: open another one (Ctrl+O)")
        midi = midi or (last if last and Path(str(last)).is_file() else None)
        window = self.options.get("window")
        if midi and self.open_midi(midi) and str(Path(midi).resolve()) == last and isinstance(window, int):
            opened = self.status_line.text()  # what opening it said ("restored 3 hand edits..."), not the bars
            self.window_spin.setValue(window + 1)  # reopened on the bars left last time (_pick_window)
            if opened:
                self.say(opened)

    # ================================================================ settings <-> widgets

    def _edit(self, change, *args, **kwargs) -> None:
        """Apply one user change through the controller, then redraw, regenerate and save (and keep it for Undo)."""
        before = self.controller.settings
        try:
            change(*args, **kwargs)
        except ReaGrooveError as exc:
            self.say(str(exc))
            self._refused = self.last_message
            self._sync()
            return
        if self._refused is not None and self.status_line.text() == self._refused:
            self.say("")  # put right: the refusal would read as if this value was refused too
        self._refused = None
        self.controller.remember(before, self._key_gesture or drag_gesture(change, args, kwargs), time.monotonic())
        self.settings_changed()
        self._say_edit(before, change)

    def _say_edit(self, before: Settings, change) -> None:
        """What a setting change did, on the status line: said for a key or the dice ("density 0.6", "genre Funk",
        "new seed 1234": the line had kept what it said before), and for any change where hand edits are kept on
        top of the new drums, never lost silently ("density 0.6; 9 hand edits kept on top"). Live, the live
        line says the change and the bar it is heard from."""
        after, note = self.controller.settings, self.hand_edits_note()
        if after == before or not (note or self._say_change):
            return
        if self.live_on:
            shown = self.status_line.text()
            if note and self._said_now and shown.startswith("live: "):
                self.say(f"{shown}; {note}")
            return
        what = said_change(before, after, new_seed=change == self.controller.new_seed)
        self.say("; ".join(part for part in (what, note) if part))

    def _said_edit(self, change, *args, **kwargs) -> None:
        """An edit made by a key or a button that shows no value (1-9, 0, R, the dice): the status line says it."""
        self._say_change = True
        try:
            self._edit(change, *args, **kwargs)
        finally:
            self._say_change = False

    def type_fill_bars(self, text: str) -> None:
        """Fill bars as typed, said taken ("fills in bars 4, 8") or refused (why): Enter left the line as it was, or
        blank where it had put a note right, and a producer could not tell whether the bars were taken; one past
        the part's end was taken without a word and no fill was heard."""
        before = self.controller.settings
        self._edit(self.controller.set_fill_bars, text)
        if self._refused is not None:
            return  # the refusal stays said
        changed, past = self.controller.settings != before, self.controller.fills_past_end()
        if self.live_on and changed and not past:
            return  # the live line said it, with the bar it is heard from (_say_edit)
        note = self.hand_edits_note() if changed else ""
        said = past or fill_bars_said(self.controller.settings.fill_bars, self.controller.settings.fill_every)
        self.say("; ".join(part for part in (said, note) if part))

    def _by_key(self, what: str, change, *args, **kwargs) -> None:
        """An edit made by a key (the pad's arrows, Ctrl+arrows, [ ]): a key held or a run of presses, each within
        DRAG_GAP_S of the last, is one Undo step as a drag is (each press was one: Ctrl+Z took back a step)."""
        self._key_gesture = ("keys", what)
        try:
            self._said_edit(change, *args, **kwargs)
        finally:
            self._key_gesture = None

    def settings_changed(self) -> None:
        self._sync()
        self.request_preview()
        self._push_live_settings()
        self._save_soon()

    def _sync(self, preset: str | None = None) -> None:
        """Every widget from the settings, without signals; `preset`: the preset to show if the settings are
        its (else the one shown stays while they still are, else the first they match)."""
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
        with QSignalBlocker(self.half_time):
            self.half_time.setChecked(s.feel == "half")
        with QSignalBlocker(self.genre_combo):  # any, one genre, or a mix
            mix = list(s.genre)
            index = 0 if not mix else GENRES.index(mix[0]) + 1 if len(mix) == 1 else len(GENRES) + 1
            self.genre_combo.setCurrentIndex(index)
        self.genre_mixer.set_mix(s.genre)
        self.voice_toggles.set_groups(s.voice_groups)
        self.temperature_slider.set_value(s.temperature)
        self.humanize_slider.set_value(s.humanize)
        with QSignalBlocker(self.swing_combo):  # (a saved swing between the choices: shown as its own)
            if s.swing is not None and self.swing_combo.findData(s.swing) < 0:
                self.swing_combo.addItem(f"{s.swing:g}%", s.swing)
            self.swing_combo.setCurrentIndex(0 if s.swing is None else self.swing_combo.findData(s.swing))
        self.seed_box.set_seed(s.seed)
        with QSignalBlocker(self.variations_spin):
            self.variations_spin.setValue(self.controller.variations)
        self.sync_versions()
        self.per_voice.set_values(s.threshold, s.max_hits, self.controller.tuned_thresholds())
        self.fills.set_values(s.fill_every, s.fill_bars, s.fill_length, s.opening_crash)
        with QSignalBlocker(self.hold_check):
            self.hold_check.setChecked(s.hold)
        names = self.controller.pattern_names()
        for slot, combo in self.pattern_combos.items():
            current = getattr(s, f"pattern_{slot.lower()}")
            with QSignalBlocker(combo):  # each named as the genre box names its genre (genre_notes.pattern_label)
                combo.set_patterns(NO_PATTERN if slot == "A" else f"{NO_PATTERN} (= A)", names, current)
            label = "none" if current is None else pattern_label(current)
            combo.setToolTip(f"pattern {slot}: {label} (a genre prototype or a pattern you saved)")
        self._grey_out_inactive()
        with QSignalBlocker(self.preset_combo):
            shown = preset or self.preset_combo.currentText()
            self.preset_combo.clear()
            self.preset_combo.addItems(self.controller.preset_names())
            # several presets may hold these settings: the one just saved or chosen is shown (and deleted)
            matching = [n for n, p in self.controller.presets.items() if p == s]
            name = shown if shown in matching else matching[0] if matching else None
            self.preset_combo.setCurrentIndex(-1 if name is None else self.preset_combo.findText(name))
            for i in range(self.preset_combo.count()):  # names cut short in the box: whole in the list's tips
                self.preset_combo.setItemData(i, self.preset_combo.itemText(i), Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setToolTip((f"preset '{name}'; " if name else "") + "load a saved preset: every setting at once")

    def sync_shared_settings(self) -> None:
        """One update tick of the shared settings: publish our change, else take the other panel's."""
        shared = self.store.shared
        if self.controller.settings != self._published:
            try:
                shared.write(self.controller.settings)
            except OSError as exc:
                self.say(f"cannot write {shared.path}: {exc.strerror or exc}")
            self._published = self.controller.settings
            return
        known_problem = shared.problem
        theirs = shared.poll()
        if shared.problem and shared.problem != known_problem:
            self.say(shared.problem)
        if theirs is None or theirs == self.controller.settings:
            return
        before, self.controller.settings = self.controller.settings, theirs
        self._published = theirs
        self.controller.remember(before, "other panel", time.monotonic())  # Ctrl+Z: that change alone
        dropped = self.controller.drop_missing_patterns()
        if dropped:
            self.say(f"pattern {', '.join(dropped)} is not saved here; A/B reset")
        self.settings_changed()

    def _grey_out_inactive(self) -> None:
        """Controls that have no effect under the current settings are greyed out, their tooltip saying why."""
        why = inactive_controls(self.controller.settings)
        grey_out(self.follow_slider, why.get("follow"))
        grey_out(self.interpolate_slider, why.get("interpolate"))
        grey_out(self.density_slider, why.get("density"))
        grey_out(self.fills.length, why.get("fill_length"))
        grey_out(self.fills.opening_crash, why.get("opening_crash"))
        silent = why.get("voice_groups")
        self.voice_hint.setText(silent or "")
        self.voice_hint.setVisible(silent is not None)
        offline = None if self.mode == REAPER else "REAPER is not connected: take the pattern from a file"
        for button in self.pattern_from_reaper.values():
            grey_out(button, offline)
        # The pad stays usable (dragging it sets follow and A ↔ B for when a pattern is chosen); it dims itself.
        tip = why.get("pad", "drag: towards G follows your groove, along A-B moves between the patterns")
        names = self.pad.names()  # in full: the pad cuts a long name short
        self.pad.setToolTip(f"{tip} ({names})" if names else tip)

    def _pick_pattern(self, slot: str) -> None:
        combo = self.pattern_combos[slot]
        name = combo.current_name()
        self._edit(self.controller.set_pattern, slot, name)

    def _pick_genre(self, index: int) -> None:
        if index == 0:
            self._edit(self.controller.solo_genre, None)
        elif index <= len(GENRES):
            self._edit(self.controller.solo_genre, GENRES[index - 1])
        else:  # "Mix" is the sliders' to make: shown, not chosen here; picked, the sliders come into view
            self._sync()
            dock = self.docks.get("genre")
            if dock is not None and len(self.controller.settings.genre) <= 1:  # no mix yet: where to make one
                dock.show()
                dock.raise_()
                self.say("a genre mix is set with the Genre mix sliders: each genre's weight (funk 70%, jazz 30%)")

    def _set_variations(self, n: int) -> None:
        """A setting like the others (the docked panel shows it, Ctrl+Z undoes it), though the loop previewed does
        not change."""
        before = self.controller.settings
        try:
            self.controller.variations = n
        except ReaGrooveError as exc:
            self.say(str(exc))
            self._sync()
            return
        # its own Undo step: else Ctrl+Z put it back with the edit before it, and undid that one too
        self.controller.remember(before, drag_gesture(self.controller.update, (), {"variations": n}), time.monotonic())
        self.sync_versions(redraw=True)
        self._save_soon()

    def _take_old_variations(self) -> None:
        """The count this panel kept in its own options before it was a shared setting: taken into the settings
        once, unless they already hold another count."""
        old = self.options.pop("variations", None)
        try:
            count = min(max(int(old), 1), MAX_VARIATIONS)
        except (TypeError, ValueError):
            return
        if self.controller.variations == DEFAULT_VARIATIONS:
            self.controller.variations = count

    def nudge(self, name: str, step: float) -> None:
        """A shortcut's step on follow, interpolate or density (auto density starts from the middle)."""
        value = getattr(self.controller.settings, name)
        value = 0.5 if value is None else value
        self._by_key(name, self.controller.update, **{name: round(min(max(value + step, 0.0), 1.0), 3)})
        if getattr(self.controller.settings, name) == value and value in (0.0, 1.0):  # at its end: said, not ignored
            self.say(setting_text(self.controller.settings, name) + (" (the most)" if value else " (the least)"))

    # ================================================================ input and preview

    def set_input(self, source, *, keep_tempo: bool = False) -> None:
        """`source` is the input now; its tempo is live play's on MIDI ports unless `keep_tempo`."""
        self.controller.input = source
        self._preview_notes = ()  # another part's drums: their notes are said again, after its input line
        self._input_before_live = None  # opened while live follow runs: this one comes back when it stops
        self._input_from = self._request_id + 1
        with QSignalBlocker(self.window_spin):
            self.window_spin.setMaximum(max(len(source.grooves), 1))
            self.window_spin.setValue(source.window + 1)
        self.window_spin.setVisible(len(source.grooves) > 1)
        self.roll.set_first_bar(int(source.bars[source.window]), source.bars_shown, source.bar_shift,
                                source.heard_beats)
        self.input_label.setText(source.label())
        tempo = source.tempo()
        if tempo is not None and not keep_tempo:  # live on MIDI ports plays along at the file's tempo (unless changed after)
            if self.ports_live is None:
                self.bpm_spin.setValue(round(tempo, 1))
            else:  # the ports play on at their tempo (the box showed the file's): the file's is the next start's
                self._tempo_after_live = round(tempo, 1)
        if self.mode != REAPER and not self.live_on:
            self._show_input_tempo()
        self.request_preview()
        self._save_soon()

    def _pick_window(self, number: int) -> None:
        source = self.controller.input
        if source is None or not 1 <= number <= len(source.grooves):
            return
        source.window = number - 1
        self._input_from = self._request_id + 1
        self.roll.set_first_bar(int(source.bars[source.window]), source.bars_shown, source.bar_shift,
                                source.heard_beats)
        self.input_label.setText(source.label())
        if self.mode != REAPER and not self.live_on:
            self._show_input_tempo()
        if source.path:
            self.options["window"] = number - 1  # the file reopens on these bars at the next start
        # said: the line still named what was done on the bars shown before ("added: kick at bar 2...")
        here = len(self.edits_shown.in_window(int(source.bars[source.window])))
        self.say(source.window_text() + (f"; {count_text(here)} on these bars" if here else ""))
        self.request_preview()
        self._save_soon()

    def request_preview(self) -> int | None:
        """Ask for the loop of the current input under the current settings; returns the request id."""
        source = self.controller.input
        if source is None:
            return None
        self._request_id += 1
        self.preview.request(self._request_id, self.controller.settings, source.groove, version=self.version_shown,
                             **source.model_inputs())
        self._pending.start()
        return self._request_id

    def _show_pending(self) -> None:
        """A slow (or hung) engine: the loop drawn is the settings' before, not "generated in 1.0 ms" for these."""
        if self._shown_request < self._request_id:
            self.generation_label.setText("generating…")
        source, base = self.controller.input, self._base_shown
        if source is None or self.live_on or self._shown_request >= self._input_from:
            return
        # the roll still shows the last file's (or bars') input and drums under this one's heading: a long file
        # opened took seconds, funk_bass's notes drawn as huge.mid's. Its own input now, no drums until they come
        # (the old loop's tag kept: a click is refused as "still being drawn": edits.py, _editable)
        self.roll.show_loop(source.groove, None, tag=None if base is None else base[0])
        self.roll.mark_edits([])
        self.roll.set_hint(f"Drumming {source.window_text()}…")

    def _on_preview(self, request_id: int, groove, loop, seconds: float) -> None:
        now = time.monotonic()
        if request_id < max(self._shown_request, self._input_from):
            return  # another song's or window's loop, under this one's name and bars
        if request_id < self._request_id and now - self._shown_at < STALE_DRAW_S:
            return  # a newer request is on its way: draw that one (while a drag goes on, one every 50 ms)
        self._shown_request, self._shown_at = request_id, now
        self.show_drums(groove, loop, request_id)  # with the hand edits on top
        self.generation_label.setText(f"generated in {seconds * 1000:.1f} ms")
        if self._preview_error is not None and self.status_line.text() == self._preview_error:
            self.say("")  # put right: it would read as if the loop shown had failed
        self._preview_error = None
        self._say_preview_notes(tuple(getattr(loop, "notes", ())))

    def _say_preview_notes(self, notes: tuple) -> None:
        """The engine's notes on the drums shown (a fill bar the music does not reach, the part's swing), said as
        the CLI prints them, once each time they change: after what the line says (an input just opened), or in
        place of the panel's own word on fill bars past the end, of the notes said before, or of what the last
        export or REAPER run said (added to "wrote drums.mid: 4 loops", a note read as the file's own)."""
        if notes == self._preview_notes:
            return
        self._preview_notes, said, shown = notes, self._notes_said, self.status_line.text()
        ours = shown in (said, self.controller.fills_past_end(), self._job_said)
        if not notes:
            self._notes_said = None
            if shown and shown == said:
                self.say("")  # put right: the notes were of other settings' drums
            return
        base = "" if ours else shown
        # a note said whole on the line already (not one that begins another: the swing note without its jazz
        # hint, jazz once chosen, had read as said, and the line kept the hint)
        said_whole = lambda m: (base.endswith(f"note: {in_panel_words(m)}")  # noqa: E731
                                or f"note: {in_panel_words(m)}; " in base)
        text = with_notes(base, [m for m in notes if not said_whole(m)])
        self._notes_said = text.removeprefix("; ")
        self.say(self._notes_said)

    def _on_preview_failed(self, request_id: int, message: str) -> None:
        """The engine failed on the latest request: no loop is drawn (the last one was another song's or other
        settings', as if made for these), the input's groove stays, the status line says why."""
        if request_id != self._request_id:
            return  # a newer request is on its way: its loop (or its error) is the one to show
        source = self.controller.input
        self._shown_request, self._shown_at = request_id, time.monotonic()
        self.roll.show_loop(None if source is None else source.groove, None, tag=request_id)
        self.roll.set_hint(NO_LOOP_HINT)
        self.generation_label.setText("not generated")
        self.say(f"could not generate: {message}")
        self._preview_error = self.last_message

    # ================================================================ messages, shutdown

    def say(self, text: str, *, until_done: bool = False) -> None:
        """A message on the status line for 10 s; `until_done`: a job's "export…", kept until its end is said (a long
        export's went after 10 s, as if it had ended, with nothing said)."""
        self.last_message = text
        self.status_line.setText(text)
        if not self._said_now:  # said by what is being done now (modes._push_live_settings adds to it)
            self._said_now = True
            QTimer.singleShot(0, self, lambda: setattr(self, "_said_now", False))
        if until_done:
            self._status_clear.stop()
        else:
            self._status_clear.start()

    def shutdown(self) -> None:
        """Stop live play and the threads, and save (idempotent)."""
        if getattr(self, "_shut", False):
            return
        self._shut = True
        self._save_timer.stop()
        self._shared_timer.stop()
        if self.controller.settings != self._published:
            self.sync_shared_settings()
        self.store.shared.flush()
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


__all__ = ["INPUT_FILTER", "PanelWindow"]  # INPUT_FILTER (files.py): still importable from here
