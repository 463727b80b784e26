"""Live play on MIDI ports as a musician meets it: ports failing or gone mid-session, Ctrl+C while note-offs go out,
MIDI clock jitter, the sustain pedal and pitch bends in the recording: what each case once did wrong."""

import collections

import mido
import numpy as np
import pytest
from helpers import MemoryInput, MemoryOutput, PlayingInput
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import InternalClock, LivePlayer, Recording
from reagroove.core.patterns import PatternStore


def _player(outport, inport=None):
    clock = InternalClock(120)
    clock.t0 = 0.0
    session = LiveSession(Engine(StubModel(), PatternStore({})))
    session.start(0.0)
    return LivePlayer(session, inport or MemoryInput(), outport, clock), inport


def _play(player, inport, until_s, t=0.0, before=lambda t: None):
    """Steps every 5 ms with a note on every 8th; returns the time reached."""
    while t < until_s:
        if abs((t * 4) % 1.0) < 1e-9:
            inport.queue.append(mido.Message("note_on", note=40, velocity=100))
        before(t)
        player.step(t)
        t = round(t + 0.005, 6)
    return t


def _hanging(sent):
    """Drum notes sent with no note-off after them: {pitch: count}."""
    sounding = collections.Counter()
    for m in sent:
        if m.type == "note_on" and m.velocity:
            sounding[m.note] += 1
        elif m.type == "note_off" or m.type == "note_on":
            sounding[m.note] = max(0, sounding[m.note] - 1)
    return {p: n for p, n in sounding.items() if n}


class _CtrlCOut(MemoryOutput):
    """An output port on which Ctrl-C lands while it sends the `kind` message after `armed` is set."""

    def _open(self, **kw):
        super()._open(**kw)
        self.armed, self.kind = False, "note_off"

    def _send(self, msg):
        if self.armed and msg.type == self.kind:
            self.armed = False
            raise KeyboardInterrupt
        self.sent.append(msg)


def test_ctrl_c_while_note_offs_go_out_leaves_no_note_hanging():
    """Ctrl-C landing as the due note-offs went out: the ones not yet sent were already forgotten, so
    the stop's all-notes-off never released them (three drum notes hung on a synth without CC 123)."""
    for kind in ("note_off", "note_on"):
        out = _CtrlCOut()
        out.kind = kind
        player, inport = _player(out, MemoryInput())
        interrupted = False
        try:
            _play(player, inport, 6.0, before=lambda t: setattr(out, "armed", t > 4.0 and not interrupted))
        except KeyboardInterrupt:
            interrupted = True
        finally:
            player.all_notes_off()
        assert interrupted and any(m.type == "note_on" for m in out.sent)
        assert _hanging(out.sent) == {}, kind


class _Unplugged(MemoryOutput):
    """An output port that fails once `gone` is set, as rtmidi's does when the device goes away."""

    def _open(self, **kw):
        super()._open(**kw)
        self.gone = False

    def _send(self, msg):
        if self.gone:
            raise RuntimeError("MidiOutWinMM::sendMessage: error sending MIDI message.")
        self.sent.append(msg)


def test_an_output_port_gone_mid_session_is_one_line_and_keeps_the_take(tmp_path, monkeypatch, capsys):
    """The synth unplugged mid-session: three chained tracebacks (the send, then the stop's all-notes-off
    and the close on the dead port). Now one line naming the port, and the recording is written."""
    import threading

    from reagroove.core import livemidi
    from reagroove.core.cli import main

    inport, outport = PlayingInput(name="keys"), _Unplugged(name="Drum Synth")
    for _ in range(8):
        inport.queue.append(mido.Message("note_on", note=40, velocity=100))
    real_open = livemidi.open_live_player
    monkeypatch.setattr(livemidi, "open_live_player", lambda *a, **kw: real_open(
        *a, **kw, opener=lambda name, kind: inport if kind == "input" else outport))
    timer = threading.Timer(0.6, lambda: setattr(outport, "gone", True))
    timer.start()
    out = tmp_path / "jam.mid"
    try:
        rc = main(["live", "--in", "keys", "--out", "synth", "--bpm", "120", "--duration", "5", "--record", str(out)])
    finally:
        timer.cancel()
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1
    assert "'Drum Synth'" in err[0] and "stopped taking notes" in err[0]
    assert (read_midi(out).notes.channel == 0).sum() == 8  # the take so far is kept


class _BrokenInput(MemoryInput):
    def _receive(self, block=True):
        raise RuntimeError("MidiInWinMM: device removed")


def test_an_input_port_that_fails_is_one_line():
    from reagroove.core.livemidi import PortError

    player, _ = _player(MemoryOutput(), _BrokenInput(name="My Keyboard"))
    try:
        player.step(0.0)
    except PortError as exc:
        assert "'My Keyboard'" in str(exc) and "device removed" in str(exc)
    else:
        raise AssertionError("no PortError")


def test_a_steady_midi_clock_with_a_millisecond_of_jitter_records_one_tempo(tmp_path):
    """A master at a steady 90 BPM whose pulses arrive within a millisecond of their time (USB, the
    player's poll): read pulse by pulse, the recording got a tempo change every beat or so (89.8 to
    90.5 BPM), a wobbling tempo track in the DAW that opens it."""
    from reagroove.core.livemidi import MidiClockFollower, Recording

    rng = np.random.default_rng(0)
    clock = MidiClockFollower(120)
    rec = Recording()
    inport = MemoryInput()
    session = LiveSession(Engine(StubModel(), PatternStore({})))
    player = LivePlayer(session, inport, MemoryOutput(), clock, record=rec)
    pulse = 60 / 90 / 24
    inport.queue.append(mido.Message("start"))
    for k in range(24 * 32):  # 8 bars
        inport.queue.append(mido.Message("clock"))
        if k % 12 == 0:
            inport.queue.append(mido.Message("note_on", note=40, velocity=100))
        player.step(k * pulse + rng.uniform(0.0, 0.001))
    assert clock.bpm == pytest.approx(90, abs=0.1)
    rec.save(tmp_path / "take.mid", clock.bpm)
    tempos = read_midi(tmp_path / "take.mid").tempos
    assert len(tempos) == 1 and tempos[0][1] == pytest.approx(90, abs=0.5)


def test_the_recording_keeps_the_sustain_pedal_and_pitch_bends(tmp_path):
    """A pianist's take with the sustain pedal: the recording kept only the keys' lengths, so the
    input played back dry and choppy. Now the pedal (and other controllers, pitch bends) are kept where
    they were played, and a pedal still down when the take ends is let up there."""
    rec = Recording()
    player, inport = _player(MemoryOutput(), MemoryInput())
    player.record = rec
    script = {0.0: [mido.Message("control_change", control=64, value=127), mido.Message("note_on", note=60, velocity=90)],
              0.1: [mido.Message("note_off", note=60)],
              1.0: [mido.Message("control_change", control=64, value=0), mido.Message("pitchwheel", pitch=2000)],
              1.5: [mido.Message("control_change", control=64, value=100), mido.Message("note_on", note=64, velocity=80)],
              1.6: [mido.Message("note_off", note=64)]}
    t = 0.0
    while t < 2.0:
        inport.queue.extend(script.get(t, []))
        player.step(t)
        t = round(t + 0.005, 6)
    rec.save(tmp_path / "take.mid", 120.0)
    mf = mido.MidiFile(tmp_path / "take.mid")
    track = next(tr for tr in mf.tracks if tr.name == "Input")
    ticks, got = 0, []
    for msg in track:
        ticks += msg.time
        if msg.type in ("control_change", "pitchwheel"):
            got.append((round(ticks / mf.ticks_per_beat, 2), msg.type, getattr(msg, "value", getattr(msg, "pitch", None))))
    assert got[:4] == [(0.0, "control_change", 127), (2.0, "control_change", 0), (2.0, "pitchwheel", 2000),
                       (3.0, "control_change", 100)]
    assert got[4][1:] == ("control_change", 0) and got[4][0] >= 3.2  # let up at the take's end
    back = read_midi(tmp_path / "take.mid")
    assert (back.notes.channel == 0).sum() == 2


def test_midi_clock_pulses_taken_in_one_poll_keep_the_tempo(tmp_path):
    """While a loop is made the player polls no input, and the pulses that came meanwhile are taken together,
    all at one time: each bunch pulled the tempo (120 BPM read as 101.7-120.9, as 114.8-126.7 through a beat's
    line), and the recording got a tempo change at every bar. Only the last pulse of a bunch is timed."""
    from reagroove.core.livemidi import MidiClockFollower

    clock, rec, inport = MidiClockFollower(120), Recording(), MemoryInput()
    player = LivePlayer(LiveSession(Engine(StubModel(), PatternStore({}))), inport, MemoryOutput(), clock, record=rec)
    pulse = 60 / 120 / 24
    rng = np.random.default_rng(1)
    inport.queue.append(mido.Message("start"))
    k, seen = 0, []
    while k < 24 * 64:
        held = 4 if k % 96 == 50 else 1  # every bar, 4 pulses held up and taken in one poll
        inport.queue.extend(mido.Message("clock") for _ in range(held))
        if k % 12 == 0:
            inport.queue.append(mido.Message("note_on", note=40, velocity=100))
        k += held
        player.step((k - 1) * pulse + rng.uniform(0.0, 0.001))
        seen.append(clock.bpm)
    assert min(seen[48:]) > 119.5 and max(seen[48:]) < 120.5
    assert clock.beat((k - 1) * pulse + 0.001) == pytest.approx((k - 1) / 24, abs=1 / 24)
    rec.save(tmp_path / "take.mid", clock.bpm)
    assert len(read_midi(tmp_path / "take.mid").tempos) == 1
