"""The panel window's modes: REAPER connected, standalone on MIDI files, or live on MIDI ports.

PanelModes is mixed into PanelWindow (app.py): the mode-dependent actions
(drumify, variations, patterns from REAPER's selection), live follow (through
REAPER or on MIDI ports), the REAPER link's and the job thread's reports, and
the mode badge and live status they update.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton

from reagroove.core.errors import ReaGrooveError
from reagroove.core.file_kinds import MIDI_SUFFIXES
from reagroove.models.commands_live import HOLD_NO_EFFECT_LIVE

from .. import actions
from .controller import FILES, PORTS, REAPER, mode_text, variation_paths
from .controls import grey_out
from .edits import count_text
from .input_groove import input_from_selection, live_input
from .live_notes import changed_text, next_loop_bar
from .note_words import in_panel_words
from .pianoroll import EMPTY_HINT, EMPTY_HINT_AWAY, EMPTY_HINT_REAPER
from .transport import LinkStatus, bar_and_beat
from .workers import PortsLive

MIDI_FILTER = f"MIDI files ({' '.join('*' + s for s in MIDI_SUFFIXES)});;All files (*)"
MODE_COLOURS = {REAPER: "#2f9e6e", FILES: "#3b6fb5", PORTS: "#8a5cc2"}
PORT_TIPS = {"in_port": "standalone live: the MIDI port you play into (the groove the drums follow)",
             "out_port": "standalone live: the MIDI port the drums play out of (channel 10)"}
PORTS_PLAYING_TIP = ("live on these ports: stop Live follow (L) to choose other ports or clock; the Tempo box "
                     "moves the drums to its tempo from where they are (and they follow yours from there)")


def with_notes(text: str, messages) -> str:
    """A result line with what the producer should know about the run (an item left out...), once each: the
    notes REAPER's console prints under the action's summary, on the one status line, in the panel's words (a setting
    named as its control is: note_words.py)."""
    return text + "".join(f"; note: {in_panel_words(m)}" for m in dict.fromkeys(messages or ()))


HOLD_IGNORED = f"hold {HOLD_NO_EFFECT_LIVE}"
# REAPER connected with no item selected (its link's check counts them, about once a second): what Drumify and
# Variations would refuse, said on their greyed buttons and once on the status line
NOTHING_SELECTED = "select one or more MIDI or audio items in REAPER first (nothing is selected there now)"


def hold_ignored(settings) -> list[str]:
    """What live play says of a ticked Hold box, which it cannot honour (`reagroove live --settings` says it too):
    live on the ports or in REAPER took it without a word, the producer waiting for a loop held through a section."""
    return [HOLD_IGNORED] if settings.hold else []


def _short(name: str, most: int = 28) -> str:
    """A long file name cut in its middle: one word a label cannot wrap would widen the Live status past its dock."""
    return name if len(name) <= most else name[:most - 13] + "…" + name[-12:]


class PanelModes:
    _reaper_away: str | None = None  # why the link's last check did not reach REAPER (None: connected, or standalone)
    _selection_tip: str | None = None  # Read REAPER selection's own tooltip, while REAPER is connected
    _nothing_selected = False  # REAPER's last check counted no selected item (None from an older REAPER side: False)

    # ================================================================ actions (mode-dependent)

    @property
    def mode(self) -> str:
        if self.ports_live is not None:
            return PORTS
        return REAPER if self.connected else FILES

    def drumify(self) -> None:
        if self.mode == REAPER and self.live_on and self.ports_live is None:
            # live follow writes the drum track as the play cursor moves: one writer at a time
            self.say(actions.LIVE_RUNNING.format(what="drumify", track=actions.DRUMS_TRACK_NAME))
            return
        if self._live_input_shown(what="Drumify file"):
            return
        if self.mode == REAPER:
            # the edits on disk now, not half a second later: REAPER's side reads them too (editor_edits.py), and
            # edits cleared just before had still been put on top from the file
            self.keep_hand_edits()
            engine, left = self.engine_for_reaper()  # version 1's hand edits, on top (edits.py)
            on_top = self.version_written_note()  # said, not silently dropped: Drumify writes version 1
            if not on_top and engine is not self.controller.engine and len(self.controller.edits):  # they went in too
                on_top = f"written with your {count_text(len(self.controller.edits))} on top"

            def said(r) -> str:
                # what went on top is said only of drums written: not "nothing written ...; note: written with
                # your 3 hand edits on top" after a Drumify that found its drums already there
                written = [on_top] if on_top and r.get("written") else []
                return with_notes(f"{actions.wrote_said(r)} on '{actions.DRUMS_TRACK_NAME}'" + actions.kept_note(r),
                                  list(r.get("messages") or ()) + left + written + list(r.get("kit_notes") or ()))

            self._run_reaper("drumify", actions.drumify_selection, engine, self.controller.settings, then=said)
        else:
            self.ask_export_drums()

    def make_variations(self) -> None:
        n = self.controller.variations
        if self.mode == REAPER:
            self.keep_hand_edits()  # on disk before REAPER's side reads them (as Drumify)
            engine, left = self.engine_for_reaper()  # each version with its own hand edits (edits.py)
            self._run_reaper("variations", actions.variations_of_selection, engine,
                             self.controller.settings, n,
                             then=lambda r: with_notes(actions.variations_line(n, r),
                                                       list(r.get("messages") or ()) + left + list(r.get("kit_notes") or ())))
            return
        if self._live_input_shown(what="Variations"):
            return
        if self.controller.input is None or self.controller.input.content is None:
            self.say(self.open_first_text())
            return
        src = Path(self.controller.input.path)
        # NAME.mid itself is not written, so the dialog must not ask about it: the files written are asked below
        path, _ = QFileDialog.getSaveFileName(self, f"Write {n} variation{'s' if n != 1 else ''} (NAME_v1.mid …)",
                                              str(src.with_name(src.stem + "_drums.mid")), MIDI_FILTER,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        there = [p for p in variation_paths(path, n) if p.exists()]
        if there and QMessageBox.question(
                self, "Replace files", f"{len(there)} of the {n} files exist ({there[0].name} …). Replace them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            self.say("variations not written: the existing files are kept")
            return
        self.write_variations(path)

    def open_first_text(self, why: str = "") -> str:
        """What to do with nothing to drum: open a file, or, where the panel was started to work beside REAPER and
        REAPER is away, connect it (a first run said only "open a MIDI file first", REAPER's side in Live status
        alone)."""
        if self.link is not None and self.mode != REAPER:
            return (f"open a MIDI file or an audio file (Ctrl+O), or drum REAPER's selected items: "
                    f"{self._reaper_away or 'REAPER is not connected yet'}")
        return f"open a MIDI file or an audio file first (Ctrl+O){why}"

    def _live_input_shown(self, *, what: str) -> bool:
        """Live on MIDI ports holds the input: a file's action said "open a MIDI file first" of a file open behind
        it. Said what to do instead (True), the live loops not written as if they were a file."""
        if self.ports_live is None or self.controller.input is None or not self.controller.input.live:
            return False
        before = self._input_before_live
        back = f"{before.name} comes back for {what}" if before is not None and before.content is not None \
            else f"then open a MIDI file (Ctrl+O) for {what}"
        self.say(f"live on MIDI ports is playing: stop Live follow (L) first; {back}")
        return True

    def _build_window_keys(self) -> None:
        """Ctrl+PgUp/PgDn: the previous or next bars of the input in the piano roll. Keyboard only, the window box
        was the one way, a Tab stop among forty: paging a 200-bar part meant tabbing to it and back."""
        self.previous_window_action = self._action("Previous bars", lambda: self.step_window(-1), "Ctrl+PgUp",
                                                   tip="the piano roll shows the input's window before")
        self.next_window_action = self._action("Next bars", lambda: self.step_window(+1), "Ctrl+PgDown",
                                               tip="the piano roll shows the input's next window")
        view = next(a.menu() for a in self.menuBar().actions() if a.menu() is not None and a.text() == "&View")
        view.insertActions(view.actions()[0], [self.previous_window_action, self.next_window_action])
        view.insertSeparator(view.actions()[2])
        self.shortcut_help.setText(self.shortcut_help.text() + " · Ctrl+PgUp/PgDn bars")

    def step_window(self, step: int) -> None:
        source = self.controller.input
        if source is None or len(source.grooves) <= 1:
            self.say("open a part longer than one window first (Ctrl+O)" if source is None
                     else "the input is one window: there are no other bars to show")
            return
        number = min(max(source.window + 1 + step, 1), len(source.grooves))
        if number == source.window + 1:
            self.say("the first bars of the input are shown" if step < 0 else "the last bars of the input are shown")
            return
        self.window_spin.setValue(number)  # _pick_window

    def _midi_path(self, path: str) -> str | None:
        """An export's file as typed: "verse_drums" (no suffix; Qt's own dialog adds none, unlike Windows' and
        macOS') is written as verse_drums.mid, as Variations' files are, after asking if that one exists;
        None: not to be written."""
        if Path(path).suffix:
            return path
        path = str(Path(path).with_suffix(".mid"))
        if Path(path).exists() and QMessageBox.question(
                self, "Replace file", f"{Path(path).name} exists. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            self.say(f"drums not written: {Path(path).name} is kept")
            return None
        return path

    def read_reaper_selection(self) -> None:
        if self.mode != REAPER:
            self.say("REAPER is not connected: open a MIDI file instead (Ctrl+O)")
            return
        self._run_reaper("selection", input_from_selection, then=self._selection_read)

    def _selection_read(self, source) -> str:
        kept = self.switch_hand_edits(source)  # the last part's edits kept with it, this selection's put back
        self.set_input(source)
        # one line: what was read, where the hand edits went (first: a narrow line drops its last clauses), then what
        # the selection left out (a muted item) and its meter
        return with_notes(f"input: REAPER selection ({source.windows_text()})", kept + source.messages)

    def pattern_from_reaper_selection(self, slot: str) -> None:
        if self.mode != REAPER:
            self.say("REAPER is not connected: take the pattern from a MIDI file instead")
            return

        notes: list[str] = []  # what the selection left out (a muted item), as the Set pattern action says it

        def chosen(pattern):
            self._edit(self.controller.add_pattern, pattern, slot)
            return with_notes(f"pattern {slot} from {pattern.source} (saved as '{pattern.name}')", notes)

        self._run_reaper(f"pattern {slot}", actions.pattern_from_selection, f"reaper-{slot}", notes, then=chosen)

    # ------------------------------------------------------------ live

    def set_live(self, on: bool) -> None:
        if on == self.live_on:
            return
        if on:
            if self.link is not None and self.connected:
                self.live_on = True
                ignored = hold_ignored(self.controller.settings)  # said after the link's "live follow on: …"
                self._callbacks["live on"] = (lambda said: with_notes(said, ignored)) if ignored else None
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
                self._show_live_status(LinkStatus(False))  # no position, no "playing" left from the ports
            self._input_after_live()
            later, self._tempo_after_live = self._tempo_after_live, None
            if later is not None:
                self.bpm_spin.setValue(later)
        with QSignalBlocker(self.live_action):
            self.live_action.setChecked(self.live_on)
        self._live_settings = self.controller.settings  # what live play has: a change is said against it
        self._update_mode()

    def _start_ports_live(self) -> None:
        in_name, out_name = self.in_port.currentData(), self.out_port.currentData()
        if not in_name or not out_name:
            self.say(self._no_ports_text())
            with QSignalBlocker(self.live_action):
                self.live_action.setChecked(False)
            live = self.docks["live"]  # the ports' boxes in sight (a closed section, a narrow window's tab, its foot)
            live.show()
            live.raise_()
            if hasattr(live.widget(), "ensureWidgetVisible"):
                live.widget().ensureWidgetVisible(self.ports_box)
            return
        ports = PortsLive(self.controller.engine, self.controller.settings, in_name, out_name, self.ui_calls.call,
                          bpm=self.bpm_spin.value(), clock_in=self.clock_in.isChecked(), open_port=self._open_port,
                          parent=self)
        # what the ports' thread posted before it stopped is dropped once they are stopped (or others run)
        ports.status.connect(lambda status, p=ports: self._show_live_status(status) if self.ports_live is p else None)
        ports.live_loop.connect(lambda sched, p=ports: self._on_live_loop(sched) if self.ports_live is p else None)
        ports.failed.connect(lambda message, p=ports: self._ports_failed(message, p.opened) if self.ports_live is p else None)
        self.ports_live = ports
        self.live_on = True
        ports.start()
        self.say(with_notes(f"live on MIDI ports: {in_name} → {out_name}", hold_ignored(self.controller.settings)))

    def cue_next_section(self) -> None:
        """F: the drums fill into the next section while live follow plays (a fill in the bar before it, a crash on
        its 1: LiveSession.cue_section), in REAPER or on the MIDI ports; the bar it starts on said."""
        if not self.live_on:
            self.say("fill into the next section: only while live follow plays (L)")
        elif self.ports_live is not None:
            player = self.ports_live.player
            bar = None if player is None else player.cue_section()
            self.say(f"next section on bar {bar}: the drums fill into it" if bar is not None else
                     "fill into the next section: the drums are not in yet (cue it once they play)")
        elif self.link is not None:
            self.link.cue_section()  # said when the link's thread has cued it

    def _retempo_ports(self, bpm: float) -> None:
        """The Tempo box changed while playing on the ports (a player at 110 with 100 set): the drums run on at the
        new tempo from the beat they are at. It did nothing (greyed out) until live was started again, a bar lost."""
        ports = self.ports_live
        if ports is None or ports.clock_in:  # following MIDI clock, the master sets the tempo
            return
        ports.bpm = bpm  # the thread not yet playing opens its clock at this tempo
        if ports.session is not None:
            ports.session.want_tempo(bpm)  # the ports' thread takes it at its next step
        self.say(f"live tempo: {bpm:.1f} BPM from here")

    def _ports_failed(self, message: str, opened: bool = True) -> None:
        """Said after stopping: stopping says "stopped", which took the place of why (an unplugged port)."""
        if self.ports_live is not None:
            self.set_live(False)
        if not opened:  # a port gone since the list was made (unplugged, renamed): the choosers show what is there
            self.refresh_ports()
        self.say(f"live on MIDI ports {'stopped' if opened else 'not started'}: {message}")

    def _push_live_settings(self) -> None:
        """In live mode a change takes effect at the next bar: said, with that bar ("live: density 0.3 from bar 5")."""
        if not self.live_on:
            return
        settings, before = self.controller.settings, self._live_settings
        self._live_settings = settings
        if self.ports_live is not None:
            self.ports_live.update_settings(settings)
            session, signatures = self.ports_live.session, [(0.0, 4, 4)]  # the ports play 4/4 (workers.PortsLive)
        elif self.link is not None:
            self.link.update_live_settings(settings)
            session, signatures = getattr(self.link.follower, "session", None), self._time_signatures
        else:
            return
        # Hold ticked: said once, that live play cannot honour it, never "live: hold on from bar 5" (nothing changes)
        ignored = hold_ignored(settings) if not before.hold else []
        what = changed_text(before.replace(hold=settings.hold), settings)
        shown = self.status_line.text()
        # "undone: density", "preset loaded": kept, the bar added; a live line (and the hold's) is replaced
        said_now = self._said_now and shown and not shown.startswith(("live: ", HOLD_IGNORED))
        if what:
            # half time waits for a bar line, even where loops are made every beat (core/live.py)
            bar = (next_loop_bar(session, signatures, bar_line=before.feel != settings.feel)
                   if self._live_playing else None)
            when = "the next bar" if bar is None else f"bar {bar}"
            line = f"{shown}; live from {when}" if said_now else f"live: {what} from {when}"
        elif ignored:
            line = shown if said_now else ""
        else:
            return
        self.say(with_notes(line, ignored) if line else ignored[0])

    def _input_after_live(self) -> None:
        """Live follow is off: the input open before its loops took the roll (a file, REAPER's selection) is the
        input again, so Drumify and Export work on it as they did (and as it reopens at the next start)."""
        before, self._input_before_live = self._input_before_live, None
        if before is not None and not getattr(self, "_shut", False):
            self.set_input(before, keep_tempo=True)  # the tempo live play was set to stays

    def _on_live_loop(self, sched) -> None:
        if not self.live_on:  # made just before live follow was turned off: the input before it is back
            return
        bar, _ = bar_and_beat(sched.boundary, self._time_signatures)
        source = live_input(sched.groove, bar)
        if self._input_before_live is None and self.controller.input is not None and not self.controller.input.live:
            self._input_before_live = self.controller.input
        self.controller.input = source
        self.window_spin.setVisible(False)
        self.input_label.setText(source.label())
        self._shown_request = self._request_id  # a preview asked for before this loop is older than it
        self.roll.set_first_bar(bar_and_beat(sched.window_start, self._time_signatures)[0])
        self.roll.show_loop(sched.groove, sched.loop, tag=("live", sched.boundary))
        self.generation_label.setText(f"live loop in {sched.seconds * 1000:.1f} ms")

    def _no_ports_text(self) -> str:
        """Why live did not start with neither REAPER nor both ports, and what to do: with no ports at all, "a MIDI
        input and output port (Live status dock)" asked for what the lists did not hold."""
        missing = [side for side, combo in (("input", self.in_port), ("output", self.out_port))
                   if not any(combo.itemData(i) for i in range(combo.count()))]
        what = ("choose an input and an output port in Live status" if not missing else
                f"no MIDI {' or '.join(missing)} port is here: connect a MIDI device or make a virtual port, then ↻ "
                "in Live status")
        if self.link is not None:  # started beside REAPER: it is the other way in
            return f"live follows REAPER once it is connected (Live status says how) or plays on MIDI ports: {what}"
        return f"live plays on MIDI ports: {what}"

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
            combo.setToolTip(problem or PORT_TIPS[key])

    # ================================================================ REAPER link and jobs

    def _run_reaper(self, name: str, fn, *args, then=None) -> None:
        if self.link is None:
            self.say("REAPER is not connected")
            return
        self._callbacks[name] = then
        self.say(f"{name}…", until_done=True)
        self.link.submit(name, fn, *args)

    def _run_job(self, name: str, fn, *args, then=None) -> None:
        self._callbacks[name] = then
        self.say(f"{name}…", until_done=True)
        self.jobs.submit(name, fn, *args)

    def _on_job_done(self, name: str, result) -> None:
        then = self._callbacks.pop(name, None)
        try:
            message = then(result) if then is not None else result
        except ReaGrooveError as exc:
            message = str(exc)
        if isinstance(message, str) and message:
            self.say(message)
            self._job_said = message  # app._say_preview_notes: the next drums' notes are not this file's
        elif self.status_line.text() == f"{name}…":
            self.say("")  # done with nothing to say: "…" is not left on for good

    def _on_job_failed(self, name: str, message: str) -> None:
        self._callbacks.pop(name, None)
        self.say(f"{name[:1].upper()}{name[1:]}: {message}")  # "Drumify: select one or more ...", as the dock says it
        self._job_said = self.last_message

    def _on_link_status(self, status: LinkStatus) -> None:
        if status.live_stopped_in_reaper and self.live_on and self.ports_live is None:
            self.live_on = False  # the link has stopped its follower already
            with QSignalBlocker(self.live_action):
                self.live_action.setChecked(False)
            self.say(status.message)
            self._input_after_live()
        was = self.connected
        self.connected = status.connected
        self._reaper_away = None if status.connected else status.message
        if status.connected:
            self._time_signatures = status.time_signatures
        if status.connected != was:
            self._update_mode()
            if status.connected and self._read_selection_on_connect:
                self._read_selection_on_connect = False
                if self.controller.input is None:
                    self._callbacks["selection"] = self._selection_read
                    self.link.submit("selection", input_from_selection)
        self._notice_selection(status.selected if status.connected else None)
        labels = self.status_labels
        if status.connected:
            labels["reaper"].setText(f"connected · {'playing' if status.playing else 'stopped'}")
        else:
            labels["reaper"].setText(f"not connected (retrying) · {status.message}")
        self._say_reaper_away()
        if self.ports_live is None:
            self._show_live_status(status)

    def _notice_selection(self, count: int | None) -> None:
        """Everything deselected in REAPER: Drumify selection and Variations greyed out, saying why, and said once
        where the roll shows the selection read before (it had read "REAPER selection · bars 1-2" and Drumify
        stayed on, to be refused when pressed); selected again, they are back. `count`: None, not known."""
        none = count == 0
        if none == self._nothing_selected:
            return
        self._nothing_selected = none
        self._grey_selection_actions()
        source = self.controller.input
        if none and self.mode == REAPER and source is not None and source.path is None and not source.live:
            self.say(f"{NOTHING_SELECTED}: the piano roll shows the selection read before")

    def _grey_selection_actions(self) -> None:
        """Drumify selection and Variations on while REAPER has items selected (or is away: they say so)."""
        off = self._nothing_selected and self.mode == REAPER
        for action in (self.drumify_action, self.variations_action):
            grey_out(action, NOTHING_SELECTED if off else None)  # (their own tooltips kept and given back)

    def _show_live_status(self, status: LinkStatus) -> None:
        labels = self.status_labels
        if status.tempo is not None:
            labels["tempo"].setText(f"{status.tempo:.1f} BPM")
            labels["tempo"].setToolTip("")
        else:
            self._show_input_tempo()
        self._live_playing = status.playing and status.live  # a change is said with its bar (_push_live_settings)
        position = "–" if status.bar is None else f"bar {status.bar} · beat {status.beat:.1f}"
        labels["position"].setText(status.waiting or position + (" · playing" if status.playing else ""))
        if status.live:
            gen = "–" if status.last_ms is None else f"last {status.last_ms:.1f} ms · p99 {status.p99_ms:.1f} ms"
            labels["generation"].setText(gen)
            labels["loops"].setText(f"{status.generated} made · {status.late} late")
        elif not self.live_on:
            labels["loops"].setText("live follow off")
            # the figures were the session just ended: said as its, not as if loops were still being made
            gen = labels["generation"].text()
            if gen.startswith("last ") and not gen.startswith("last session"):
                labels["generation"].setText(f"last session: {gen}")

    def _generation_in_live_status(self, text: str) -> None:
        """Off live, the Live status' Generation row says the roll's preview time too ("preview generated in
        22.1 ms"): it said "–" beside the roll's "generated in 22 ms", as if nothing had been made. Live figures
        (and the last session's, once it ended) stay: the row is theirs while there are any."""
        label = getattr(self, "status_labels", {}).get("generation")
        if label is None or self.live_on or text.startswith("live ") or label.text().startswith("last "):
            return
        label.setText(f"preview {text}" if text else "–")

    def _show_input_tempo(self) -> None:
        """Off line (no REAPER, no live play) the tempo shown is the input file's, where its shown window starts."""
        source = self.controller.input
        tempo = None if source is None else source.tempo()
        label = self.status_labels["tempo"]
        label.setText("–" if tempo is None else f"{tempo:.1f} BPM · {_short(source.name)}")
        label.setToolTip("" if tempo is None else f"{tempo:.1f} BPM · {source.name}")

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
        # Playing on the ports, the ports, tempo and clock chosen are the session's: a change there was taken
        # without a word and did nothing (the drums went on at the old tempo, on the old ports) until the next start.
        playing = self.ports_live is not None
        self.ports_box.setEnabled(not reaper)
        # they do nothing while REAPER is connected: out of sight then, where greyed out they pushed the Live status
        # past its section at 1320 x 820 (a scroll bar beside the REAPER lines); back as soon as REAPER is away
        self.ports_box.setVisible(not reaper)
        for widget in (self.in_port, self.out_port, self.clock_in, *self.ports_box.findChildren(QToolButton)):
            widget.setEnabled(not playing)
        # the tempo may change while playing on the internal clock (_retempo_ports); following MIDI clock it is the master's
        self.bpm_spin.setEnabled(not (playing and self.ports_live.clock_in))
        self.ports_box.setToolTip(PORTS_PLAYING_TIP if playing else "")
        self.selection_action.setEnabled(reaper)
        self._say_reaper_away()
        # Standalone (no REAPER link at all) hides what only works inside REAPER; REAPER away for now greys it out.
        self.selection_action.setVisible(not self.standalone)
        for button in self.pattern_from_reaper.values():
            button.setVisible(not self.standalone)
        if self.controller.input is None:
            self.roll.set_hint(EMPTY_HINT_REAPER if reaper else EMPTY_HINT if self.link is None else EMPTY_HINT_AWAY)
        self._grey_out_inactive()  # also the "REAPER item" buttons
        self._grey_selection_actions()  # REAPER's selection is theirs only while it is connected
        self.drumify_action.setText("Drumify selection" if reaper else "Drumify file…")
        self.variations_action.setText("Variations" if reaper else "Variations…")
        self.setWindowTitle(f"ReaGroove — {text}")

    def _say_reaper_away(self) -> None:
        """With REAPER away, why, on the greyed Read selection a new user points at (its tooltip said what it does when
        it could, how to connect REAPER being in the Live status section only)."""
        if self._selection_tip is None:
            self._selection_tip = self.selection_action.toolTip()
        away = self._reaper_away if self.link is not None and self.mode != REAPER else None
        self.selection_action.setToolTip(f"REAPER is not connected: {away}" if away else self._selection_tip)
