"""The first bars of a live session, as a drummer joining a band plays them: nothing before a note is heard, then
from the first downbeat after a whole bar a full, steady groove (kick on 1, backbeat, time on the hats). Driven by
a scripted clock and mido's in-memory ports with the shipped model, read bar by bar."""

import mido
import pytest
from helpers import MemoryInput, MemoryOutput

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import InternalClock, LivePlayer

KICK, SNARE, HAT = GM_DRUM_MAP.output[:3]


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine

    return default_engine(patterns_path=None)


def _play(engine, notes, until_beat, dt=0.01, **kw):
    """`notes` [(beat, velocity)] played on an input port as a 120 BPM clock reaches them; [(beat, drum sent)]."""
    clock = InternalClock(120)
    clock.t0 = 0.0
    session = LiveSession(engine, **kw)
    player = LivePlayer(session, MemoryInput(), MemoryOutput(), clock)
    session.start(0.0)
    notes, sent, t, i = sorted(notes), [], 0.0, 0
    while t * 2 < until_beat:
        while i < len(notes) and notes[i][0] <= t * 2 + 1e-9:
            player.inport.queue.append(mido.Message("note_on", note=40, velocity=notes[i][1]))
            i += 1
        n0 = len(player.outport.sent)
        player.step(t)
        sent += [(t * 2, m) for m in player.outport.sent[n0:]]
        t = round(t + dt, 6)
    return sent


class _ThruOutput(MemoryOutput):
    """An output whose synth sends everything back to the input (MIDI thru, one loopback bus)."""

    def _send(self, msg):
        super()._send(msg)
        self.back.queue.append(msg)


def test_a_keyboard_players_first_drums_echoed_back_are_not_played_along_with():
    """A synth's thru echoes the drums as they come in: the first ones, before the rig had proved it echoes, were
    fed as playing (a keyboard player never hits our drum at its velocity as it is sent) and followed."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore

    clock = InternalClock(120)
    clock.t0 = 0.0
    session = LiveSession(Engine(StubModel(), PatternStore({})))
    player = LivePlayer(session, MemoryInput(), _ThruOutput(), clock)
    player.outport.back = player.inport
    fed = []
    feed = session.feed
    session.feed = lambda beat, velocity, drum=False: fed.append(drum) or feed(beat, velocity, drum)
    session.start(0.0)
    notes, t = [k * 0.5 for k in range(16)], 0.0
    while t * 2 < 16:
        while notes and notes[0] <= t * 2 + 1e-9:
            player.inport.queue.append(mido.Message("note_on", note=40, velocity=100))
            notes.pop(0)
        player.step(t)
        t = round(t + 0.005, 6)
    assert player.outport.sent and fed == [False] * 16  # the player's 16 notes, no drum
