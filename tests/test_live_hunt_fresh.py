"""Live play as a producer meets it (a hunt with fresh eyes): what each case once did wrong, on in-memory
mido ports and the numpy stand-in model."""

import mido
import numpy as np
import pytest
from helpers import MemoryInput, MemoryOutput
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import InternalClock, LivePlayer, Recording
from reagroove.core.patterns import PatternStore

KICK, SNARE = 36, 38


def play(meter, bars, bpm=120, every=1.0):
    """A bass line on every quarter for `bars` bars of `meter` at `bpm` (internal clock, 5 ms steps):
    the drums as recorded, [(beat, pitch, velocity)]."""
    session = LiveSession(Engine(StubModel(), PatternStore({})), beats_per_bar=meter)
    clock = InternalClock(bpm)
    clock.t0 = 0.0
    inport, record = MemoryInput(), Recording()
    t, end, next_note = 0.0, bars * session.beats_per_bar * 60 / bpm, 0.0
    player = LivePlayer(session, inport, MemoryOutput(), clock, record=record, now=lambda: t)
    player.start()
    while t < end:
        if t >= next_note - 1e-9:
            inport.queue.append(mido.Message("note_on", note=40, velocity=100))
            next_note += every * 60 / bpm
        player.step(t)
        t = round(t + 0.005, 6)
    return record.drum_notes, session.beats_per_bar


@pytest.mark.parametrize("meter", [(6, 8), (3, 4)])
def test_every_bar_of_a_6_8_or_3_4_jam_starts_on_the_kick_with_the_backbeat_in_one_place(meter):
    """`--meter 6/8` fed a 4/4 bass: the model's 4/4 loop ran straight across the 3-quarter bars, so every
    other bar opened on the snare with no kick (bars 2, 4, ...); the loops are now laid onto the bars as
    drumify lays them, each bar in its own pulse."""
    drums, bar = play(meter, 9)
    for b in range(2, 9):  # from the bar the drums come in
        lo = b * bar
        heard = {(round((beat - lo) * 4), pitch) for beat, pitch, _ in drums if lo - 1e-6 <= beat < lo + bar - 1e-6}
        assert (0, KICK) in heard and (0, SNARE) not in heard, (b + 1, sorted(heard))
        snares = sorted(step for step, pitch in heard if pitch == SNARE)
        assert snares, (b + 1, sorted(heard))
        if b > 2:  # the same backbeat in every bar
            assert snares == previous, (b + 1, snares, previous)
        previous = snares
