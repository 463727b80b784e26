"""The full editor's two live modes as a producer drives them: standalone on MIDI ports (in-memory ports) and
linked to REAPER with live follow (test_panel's FakeReaper). One test per defect found by playing it offscreen."""

import panel_helpers  # noqa: F401  (Qt offscreen; skips the file without PySide6, pyqtgraph or pytest-qt)

import mido  # noqa: E402
from helpers import MemoryInput, MemoryOutput  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs


def ports_panel(make_panel, **kw):
    """A panel with one input ('Keys') and one output ('Drums') port; `opened` holds them once opened."""
    opened = {}

    def open_port(name, kind):
        opened[kind] = MemoryInput(name) if kind == "input" else MemoryOutput(name)
        return opened[kind]

    w = make_panel(list_ports=lambda: (["Keys"], ["Drums"]), open_port=open_port, **kw)
    return w, opened


def play(qtbot, w, opened, notes=8, gap_ms=60):
    """Notes on the input, an eighth apart at 240 BPM-ish, until loops are being made."""
    w.bpm_spin.setValue(240.0)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "input" in opened and "output" in opened, timeout=3000)
    for _ in range(notes):
        opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
        qtbot.wait(gap_ms)
    qtbot.waitUntil(lambda: "made" in w.status_labels["loops"].text(), timeout=5000)


def test_an_input_port_unplugged_mid_session_says_why_live_stopped(make_panel, qtbot):
    """Unplugging the keyboard while playing: live stopped and the status line said only "live on MIDI ports
    stopped", the port's own one-line reason (which port, "is it still connected?") overwritten at once."""
    w, opened = ports_panel(make_panel)
    play(qtbot, w, opened)

    def gone():
        raise OSError("device removed")

    opened["input"].iter_pending = gone
    qtbot.waitUntil(lambda: not w.live_on, timeout=3000)
    assert not w.live_action.isChecked()
    assert "'Keys'" in w.last_message and "connected" in w.last_message, w.last_message
    assert "Traceback" not in w.last_message and "\n" not in w.last_message
    out = opened["output"]
    assert out.closed and any(m.type == "control_change" and m.control == 123 for m in out.sent)  # all notes off


def test_ports_and_clock_cannot_be_changed_to_no_effect_while_playing_on_ports(make_panel, qtbot):
    """Playing on the ports, the port choosers and "follow MIDI clock" took a change and did nothing (the
    drums went on on the old ports) until live was started again; they are greyed out while the session plays,
    saying how to change them, and usable again once it stops. The Tempo box stays usable: it moves the
    playing drums to its tempo (test_panel_live_tempo)."""
    w, opened = ports_panel(make_panel)
    play(qtbot, w, opened)
    assert w.bpm_spin.isEnabled()
    for widget in (w.in_port, w.out_port, w.clock_in):
        assert not widget.isEnabled()
    assert "stop Live follow" in w.ports_box.toolTip()
    w.live_action.trigger()
    assert not w.live_on
    for widget in (w.bpm_spin, w.in_port, w.out_port, w.clock_in):
        assert widget.isEnabled()


def test_a_file_opened_while_playing_on_ports_leaves_the_tempo_box_on_the_tempo_playing(make_panel, qtbot):
    """Playing on the ports at 240, opening funk_bass.mid (96 BPM) set the greyed-out Tempo box to 96 while the
    drums played on at 240: the box said a tempo nobody heard. It keeps the session's; the file's tempo is the
    box's once live stops (the tempo the next start plays at, as for a file opened before)."""
    from test_panel import FUNK_BASS

    w, opened = ports_panel(make_panel)
    play(qtbot, w, opened)
    assert w.open_midi(str(FUNK_BASS))
    assert w.bpm_spin.value() == 240.0
    w.live_action.trigger()
    assert not w.live_on and w.bpm_spin.value() == 96.0
    assert "funk_bass.mid" in w.input_label.text()


def test_reaper_going_away_during_live_follow_keeps_the_sessions_figures(make_panel, qtbot):
    """Live follow in REAPER, loops made; REAPER stops answering: the Live status said "0 made · 0 late" and
    Generation "–", as if nothing had been made. The session's figures stay until it goes on or stops."""
    from test_panel import FakeReaper

    from reagroove.reaper_ext.panel.controller import FILES, REAPER

    fake = FakeReaper()
    fake.playing = True
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.live_action.trigger()
    made = lambda: int(w.status_labels["loops"].text().split()[0])  # noqa: E731
    qtbot.waitUntil(lambda: "made" in w.status_labels["loops"].text() and made() >= 2, timeout=5000)
    fake.down = True
    qtbot.waitUntil(lambda: w.mode == FILES, timeout=3000)
    qtbot.wait(200)  # a few more checks of the link, each reporting REAPER away
    assert "not connected" in w.status_labels["reaper"].text()
    assert made() >= 2, w.status_labels["loops"].text()
    assert w.status_labels["generation"].text().startswith("last "), w.status_labels["generation"].text()
    w.live_action.trigger()
    assert not w.live_on


def test_drumify_export_or_variations_while_playing_on_ports_says_to_stop_live_not_to_open_a_file(make_panel, qtbot,
                                                                                                 monkeypatch):
    """funk_bass.mid open, then live on MIDI ports: Drumify file, Export and Variations each said "open a MIDI file
    first (Ctrl+O)" of the file that was open (live input had taken its place). They say to stop live follow,
    and that the file comes back; once stopped, Drumify file asks where to write that file's drums."""
    from PySide6.QtWidgets import QFileDialog
    from test_panel import FUNK_BASS

    w, opened = ports_panel(make_panel)
    assert w.open_midi(str(FUNK_BASS))
    play(qtbot, w, opened)
    qtbot.waitUntil(lambda: w.controller.input.live, timeout=3000)
    for action in (w.drumify_action, w.export_action, w.variations_action):
        action.trigger()
        assert "open a MIDI file" not in w.last_message
        assert "stop Live follow" in w.last_message and "funk_bass.mid" in w.last_message, w.last_message
    w.live_action.trigger()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]), ("", ""))[1])
    w.drumify_action.trigger()
    assert asked and asked[0].endswith("funk_bass_drums.mid")


def test_the_position_says_what_live_on_ports_waits_for_not_playing(make_panel, qtbot):
    """Live on the ports before the first note: the Position read "bar 2 · beat 4.8 · playing" and went on
    counting bars with the drums silent (the player's first note is beat 1); following MIDI clock with none
    coming, "bar 1 · beat 1.0". It says what it waits for, and "playing" once it plays."""
    w, opened = ports_panel(make_panel)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "input" in opened, timeout=3000)
    qtbot.wait(700)  # the clock would be well into bar 1 at 120 BPM
    position = w.status_labels["position"]
    assert "first note" in position.text() and "playing" not in position.text(), position.text()
    opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
    qtbot.waitUntil(lambda: position.text().endswith("playing"), timeout=3000)
    w.live_action.trigger()

    opened.clear()
    w.clock_in.setChecked(True)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "input" in opened, timeout=3000)
    qtbot.waitUntil(lambda: "MIDI clock" in position.text(), timeout=3000)
    assert "playing" not in position.text()
    opened["input"].queue.extend([mido.Message("start")] + [mido.Message("clock")] * 3)
    for _ in range(12):
        opened["input"].queue.append(mido.Message("clock"))
        qtbot.wait(20)
    qtbot.waitUntil(lambda: position.text().endswith("playing"), timeout=3000)
    w.live_action.trigger()


def test_a_port_gone_since_it_was_listed_is_said_and_the_choosers_list_what_is_there(make_panel, qtbot):
    """The keyboard unplugged while live was off, then Live follow: it said "live on MIDI ports stopped" of a
    session that never began, and the In chooser still offered the port that was gone, so the next press failed
    the same way. It says live did not start, and the choosers are listed again."""
    from reagroove.core.livemidi import PortError

    ports = {"in": ["Keys"], "out": ["Drums"]}

    def open_port(name, kind):
        if name not in ports["in" if kind == "input" else "out"]:
            raise PortError(f"no MIDI {kind} port matches '{name}'")
        return MemoryInput(name) if kind == "input" else MemoryOutput(name)

    w = make_panel(list_ports=lambda: (list(ports["in"]), list(ports["out"])), open_port=open_port)
    ports["in"] = ["Pads"]  # Keys unplugged, Pads plugged in
    w.live_action.trigger()
    qtbot.waitUntil(lambda: not w.live_on, timeout=3000)
    assert "not started" in w.last_message and "'Keys'" in w.last_message, w.last_message
    assert [w.in_port.itemText(i) for i in range(w.in_port.count())] == ["Pads"]
    w.live_action.trigger()  # the port there now
    qtbot.waitUntil(lambda: w.ports_live is not None and w.ports_live.opened, timeout=3000)
    assert w.live_on and "Pads → Drums" in w.mode_badge.text()
    w.live_action.trigger()
