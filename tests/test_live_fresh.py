"""Live play on MIDI ports as a musician meets it (a fresh-eyes pass): what each case once did wrong."""

import collections

import mido
from helpers import MemoryInput, MemoryOutput
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import InternalClock, LivePlayer
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
