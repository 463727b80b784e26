"""Live play under a MIDI clock master as a producer meets it: Continue without a song position, a song position
while running, a take paused and continued, and 6/8 and 3/4 jams starting each bar on the kick; what each case
once did wrong, on in-memory mido ports and the numpy stand-in model."""

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
PULSE = 60 / 120 / 24  # seconds between MIDI clock pulses at 120 BPM


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



def _kick_beats(rig, since, pulse0, first_pulse_at):
    """The master's beat at each kick sent after `since` (the n-th message), the master's pulse `pulse0`
    falling at `first_pulse_at` seconds (120 BPM)."""
    from test_live_transport import KICK, PULSE

    return [pulse0 / 24 + (t - first_pulse_at) / (24 * PULSE) for t, m in rig.sent_at[since:]
            if m.type == "note_on" and m.note == KICK]


def _clock_rig():
    from test_live_transport import ClockRig

    rig = ClockRig()
    rig.sent_at = []
    send = rig.outport.send
    rig.outport.send = lambda msg: rig.sent_at.append((rig.t, msg)) or send(msg)
    rig.send(mido.Message("start"))
    rig.send(mido.Message("clock"))  # the master's beat 0
    return rig


def _on_the_masters_kicks(beats, wanted):
    assert len(beats) == len(wanted), (beats, wanted)
    for got, beat in zip(beats, wanted):
        assert 0 <= got - beat < 0.03, (got, beat)  # never early; within a pulse (0.04 beat) late (the stub's 0.05 step)


def test_a_continue_without_a_song_position_plays_on_the_masters_beats_not_a_pulse_late():
    """A drum machine paused and continued (stop, continue, no song position): the first pulse after the
    continue is the pulse after the last one played, but the follower counted it as that last one again,
    so every drum after a pause came a pulse (21 ms at 120 BPM) behind the master."""
    rig = _clock_rig()
    rig.pulses(24 * 4 - 1)  # beats 0..4 less a pulse: the master has sent pulses 0..95
    rig.send(mido.Message("stop"))
    rig.pulses(30)  # the master keeps its clock going while stopped
    rig.send(mido.Message("continue"))
    since = len(rig.sent_at)
    rig.pulses(1)  # the master's pulse 96: beat 4
    first = rig.t
    rig.pulses(24 * 4 - 1)
    _on_the_masters_kicks(_kick_beats(rig, since, 96, first), [4.0 + 0.05 / 4, 6.0 + 0.05 / 4])


def test_a_song_position_while_running_plays_from_the_next_pulse_with_its_downbeat():
    """A DAW looping back sends a song position while running: the next pulse is that position. It was
    counted one on, so the drums after every loop back came a pulse early, and the downbeat kick the
    loop starts on was never played."""
    rig = _clock_rig()
    rig.pulses(24 * 6)
    rig.t += PULSE / 2
    rig.send(mido.Message("songpos", pos=0))  # back to bar 1, mid-pulse
    since = len(rig.sent_at)
    rig.pulses(1)  # the master's pulse 0 again
    first = rig.t
    rig.pulses(24 * 4 - 1)
    _on_the_masters_kicks(_kick_beats(rig, since, 0, first), [0.0 + 0.05 / 4, 2.0 + 0.05 / 4])


def test_a_take_paused_and_continued_is_recorded_in_place_without_a_bar_of_silence():
    """--record on a master paused and continued: a note played just before the stop (its nominal 32nd
    running past the stop) made the continue count as a restart, and the recording put a bar of silence
    where the take went on."""
    rec = Recording()
    rig = _clock_rig()
    rig.player.record = rec
    note = mido.Message("note_on", note=40, velocity=100)
    for beat in range(4):
        rig.send(note)
        rig.pulses(24 if beat < 3 else 23)  # the last quarter: one pulse short of beat 4
    rig.send(note)  # a pickup a pulse before the stop
    rig.pulses(1)  # the master's beat 4, then it stops
    rig.send(mido.Message("stop"))
    rig.pulses(12)
    rig.send(mido.Message("continue"))
    rig.pulses(24)  # on from the pulse after beat 4's, to beat 5
    rig.send(note)
    onsets = [b for b, *_ in rec.input_notes]
    assert np.allclose(onsets, [0, 1, 2, 3, 4 - 1 / 24, 5], atol=0.02), onsets
    assert rec.shift == 0
