"""Small builders shared by the tests: hand-made grooves and in-memory mido ports."""

import collections

import mido
import numpy as np


def groove_with(steps, vel=0.8, off=0.0):
    """A (32, 3) groove with hits on `steps`, all at velocity `vel` and offset `off`."""
    g = np.zeros((32, 3), np.float32)
    g[list(steps), 0] = 1
    g[list(steps), 1] = vel
    g[list(steps), 2] = off
    return g


class MemoryInput(mido.ports.BaseInput):
    """An in-memory input port: tests put messages in, the player takes them out."""

    def _open(self, **kw):
        self.queue = collections.deque()

    def _receive(self, block=True):
        return self.queue.popleft() if self.queue else None


class PlayingInput(MemoryInput):
    """An in-memory input whose notes come once the drums play: `reagroove live` drops what waits on the port
    as it starts (notes played while the model loaded, LivePlayer.drain), its first look at the port."""

    def _open(self, **kw):
        super()._open(**kw)
        self.looked = False

    def iter_pending(self):
        if not self.looked:
            self.looked = True
            return iter(())
        return super().iter_pending()


class MemoryOutput(mido.ports.BaseOutput):
    """An in-memory output port: what was sent stays in `sent`."""

    def _open(self, **kw):
        self.sent = []

    def _send(self, msg):
        self.sent.append(msg)


def memory_port_opener():
    """(opened, open_port): an `open_port(name, kind)` for the panel that opens in-memory ports, and the ports it
    opened by kind ("input", "output")."""
    opened = {}

    def open_port(name, kind):
        opened[kind] = MemoryInput(name) if kind == "input" else MemoryOutput(name)
        return opened[kind]

    return opened, open_port


def write_band_song(path, bars=8, seed=0, bpm=120):
    """A small multi-track song: drums on channel 10 (rock beat), a bass line (channel 2, low), keys
    off-beat chords (channel 1). Returns the path."""
    rng = np.random.default_rng(seed)
    tpb = 480
    events = []  # (tick, message)

    def note(beat, pitch, ch, vel=90, dur=0.2):
        t = int(round(beat * tpb))
        events.append((t, mido.Message("note_on", channel=ch, note=pitch, velocity=vel)))
        events.append((t + int(dur * tpb), mido.Message("note_off", channel=ch, note=pitch, velocity=0)))

    for bar in range(bars):
        b0 = bar * 4
        for q in (0, 2):
            note(b0 + q, 36, 9)
        for q in (1, 3):
            note(b0 + q, 38, 9)
        for e in range(8):
            note(b0 + e / 2, 42, 9, vel=70)
        for q in (0, 1.5, 2, 3.5):
            note(b0 + q, 40 + int(rng.integers(0, 5)), 1, dur=0.4)
        for q in (0.5, 1.5, 2.5, 3.5):
            note(b0 + q, 60 + int(rng.integers(0, 7)), 0, vel=70)
    return save_events(path, events, tpb, bpm)


def save_events(path, events, tpb, bpm):
    """(tick, message) events as a one-track 4/4 file at `bpm` (note-offs before note-ons on a tick)."""
    events = sorted(events, key=lambda e: (e[0], e[1].type == "note_on"))
    mid = mido.MidiFile(ticks_per_beat=tpb)
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm), time=0))
    track.append(mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0))
    now = 0
    for t, msg in events:
        track.append(msg.copy(time=t - now))
        now = t
    mid.tracks.append(track)
    mid.save(path)
    return path


def write_drum_take(path, bars=4, bpm=100):
    """A drum part alone on channel 10 (what a producer re-drums): kick, backbeat snare with ghost
    notes, 16th hats with accents, a little late. Returns the path."""
    tpb = 480
    events = []
    for bar in range(bars):
        for s in range(16):
            t = (bar * 16 + s) * tpb // 4 + 10
            hits = [(42, 100 if s % 4 == 0 else 55)]
            if s in (0, 7, 10):
                hits.append((36, 110))
            if s in (4, 12):
                hits.append((38, 120))
            elif s in (6, 15):
                hits.append((38, 30))
            for pitch, vel in hits:
                events.append((t, mido.Message("note_on", channel=9, note=pitch, velocity=vel)))
                events.append((t + 40, mido.Message("note_off", channel=9, note=pitch, velocity=0)))
    return save_events(path, events, tpb, bpm)


def live_rig(engine, bpm, record=None, **kw):
    """The rig `reagroove live` assembles (open_live_player), on in-memory ports and a scripted clock:
    (player, clock), the clock a one-item list of seconds the test moves; record: --record's file. kw:
    LiveSession's."""
    from reagroove.core.live import LiveSession
    from reagroove.core.livemidi import open_live_player

    ports = {"input": MemoryInput(), "output": MemoryOutput()}
    player = open_live_player(None, "in", "out", bpm, record=record, opener=lambda name, kind: ports[kind])
    player.session = LiveSession(engine, **kw)
    clock = [0.0]
    player.now = lambda: clock[0]
    return player, clock


def live_command_on(monkeypatch, ports: dict) -> dict:
    """`reagroove live` opens `ports` ({"input": ..., "output": ...}, in-memory) whatever it is told, and generates
    with the stand-in model: the command's own path, no hardware, no weights."""
    from stub_model import StubModel

    from reagroove.core import livemidi
    from reagroove.core.engine import Engine
    from reagroove.models import commands

    real_open = livemidi.open_live_player
    monkeypatch.setattr(livemidi, "open_live_player",
                        lambda *a, **kw: real_open(*a, **kw, opener=lambda name, kind: ports[kind]))
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    return ports


def play_live(player, clock, notes, until_s, dt=0.005, actions=()):
    """`notes` [(seconds, pitch, velocity)] played as the clock reaches them, the player stepped every `dt`;
    `actions` [(seconds, fn(player))] done then (a tempo turned while playing). [(seconds, drum message)]."""
    notes, actions, sent, i, t = sorted(notes), sorted(actions, key=lambda a: a[0]), [], 0, 0.0
    player.start()
    while t < until_s:
        while actions and actions[0][0] <= t + 1e-9:
            actions.pop(0)[1](player)
        while i < len(notes) and notes[i][0] <= t + 1e-9:
            player.inport.queue.append(mido.Message("note_on", note=notes[i][1], velocity=notes[i][2]))
            i += 1
        clock[0] = t
        n0 = len(player.outport.sent)
        player.step(t)
        sent += [(t, m) for m in player.outport.sent[n0:]]
        t = round(t + dt, 6)
    return sent


def usage_error_line(argv, capsys) -> str:
    """The one line argparse's usage error says for `reagroove ARGV` (exit 2, no traceback)."""
    import pytest

    from reagroove.core.cli import main

    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err.strip()
    assert stop.value.code == 2 and len(err.splitlines()) == 1, err
    return err


def one_error_line(capsys, code) -> str:
    """The one line a refused command printed (exit code 2, no traceback)."""
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]
