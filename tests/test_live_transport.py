"""Live play on MIDI ports around the transport: MIDI clock start/stop/jumps, stalls, restarts and the
recording of several takes, driven by scripted clocks and in-memory mido ports."""

import mido
import numpy as np
import pytest
from helpers import MemoryInput, MemoryOutput
from stub_model import StubModel

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import InternalClock, LivePlayer, MidiClockFollower, Recording
from reagroove.core.patterns import Pattern, PatternStore

KICK = GM_DRUM_MAP.output[0]
PULSE = 60 / 120 / 24  # seconds between MIDI clock pulses at 120 BPM


def idle_session(offset=0.0, **kw):
    """A session that plays kicks on beats 0, 2, 4, 6 of every loop before any input (its idle pattern),
    `offset` steps off the grid (the stand-in model adds 0.05)."""
    idle = np.zeros((32, 3), np.float32)
    idle[::8] = [1, 0.9, offset]
    engine = Engine(StubModel(), PatternStore({"idle": Pattern("idle", idle)}))
    return LiveSession(engine, idle_pattern="idle", **kw)


class ClockRig:
    """A LivePlayer following MIDI clock from an in-memory port, at 120 BPM."""

    def __init__(self, session=None, record=None):
        self.inport, self.outport = MemoryInput(), MemoryOutput()
        self.session = session or idle_session()
        self.player = LivePlayer(self.session, self.inport, self.outport, MidiClockFollower(120), record=record)
        self.t = 0.0

    def send(self, *msgs, step=True):
        self.inport.queue.extend(msgs)
        if step:
            self.player.step(self.t)

    def pulses(self, n):
        """n pulses at 120 BPM, the player stepped every millisecond between them."""
        for _ in range(n):
            start = self.t
            for ms in range(1, int(PULSE * 1000)):
                self.t = start + ms / 1000
                self.player.step(self.t)
            self.t = start + PULSE
            self.send(mido.Message("clock"))

    def kicks_on(self):
        return [m for m in self.outport.sent if m.type == "note_on" and m.note == KICK]

    def kicks_off(self):
        return [m for m in self.outport.sent if m.type == "note_off" and m.note == KICK]


def test_midi_clock_the_first_pulse_after_start_is_beat_zero():
    """MIDI 1.0: after start (or continue) the slave plays from the master's next pulse. Counting that
    pulse as the first 24th played every drum one pulse (21 ms at 120 BPM) ahead of the master."""
    f = MidiClockFollower(120)
    f.handle(mido.Message("start"), 0.0)
    assert f.beat(0.0005) == 0.0  # the position holds until the first pulse
    f.handle(mido.Message("clock"), 0.001)
    assert f.beat(0.001) == 0.0
    for k in range(1, 25):
        f.handle(mido.Message("clock"), 0.001 + k * PULSE)
    assert f.beat(0.001 + 24 * PULSE) == 1.0  # 24 pulses after the first: beat 1
    f.handle(mido.Message("stop"), 1.0)
    f.handle(mido.Message("songpos", pos=16), 1.1)  # bar 2
    f.handle(mido.Message("continue"), 1.2)
    f.handle(mido.Message("clock"), 1.21)
    assert f.beat(1.21) == 4.0


def test_the_drums_go_out_on_the_masters_beats_not_a_pulse_early():
    rig = ClockRig()
    sent_at = []
    send = rig.outport.send
    rig.outport.send = lambda msg: sent_at.append((rig.t, msg)) or send(msg)
    rig.send(mido.Message("start"))
    first_pulse = rig.t = 0.003
    rig.send(mido.Message("clock"))  # the master's beat 0
    rig.pulses(24 * 8)
    kicks = [t for t, m in sent_at if m.type == "note_on" and m.note == KICK]
    wanted = [beat + 0.05 / 4 for beat in range(0, 8, 2)]  # the idle kicks: beats 0, 2, ..., a touch late
    assert len(kicks) == len(wanted)
    for t, beat in zip(kicks, wanted):
        master_beat = (t - first_pulse) / (PULSE * 24)
        assert 0 <= master_beat - beat < 0.03  # never early; within a pulse (0.04 beat) late


def test_the_downbeat_plays_when_the_transport_starts():
    """The first kick of bar 1 (and of the bar a DAW continues from) is played at once, not skipped
    because it falls on or a touch before the start position (a pushed downbeat)."""
    for offset in (-0.05, -0.25):  # on the grid, pushed early
        inport, outport = MemoryInput(), MemoryOutput()
        player = LivePlayer(idle_session(offset), inport, outport, InternalClock(120), now=lambda: 0.0)
        player.start()
        player.step(0.0)
        assert KICK in [m.note for m in outport.sent if m.type == "note_on"]

    rig = ClockRig(idle_session(-0.25))
    rig.send(mido.Message("songpos", pos=32))  # bar 3, stopped
    rig.send(mido.Message("continue"))
    rig.send(mido.Message("clock"))
    assert len(rig.kicks_on()) == 1


def test_a_jump_back_while_playing_releases_the_sounding_drums():
    """A DAW looping back (song position while running, or start again without stop): the notes
    sounding are released at once, not left hanging until the clock reaches their old note-off again."""
    for jump in (mido.Message("songpos", pos=0), mido.Message("start")):
        rig = ClockRig()
        rig.send(mido.Message("start"))
        rig.pulses(1 + 48 + 1)  # the kick on beat 2 is sounding (released an 8th later)
        assert len(rig.kicks_on()) == 2 and len(rig.kicks_off()) == 1
        rig.send(jump)
        assert len(rig.kicks_off()) == 2, jump


def test_a_clock_that_stops_coming_releases_the_sounding_drums():
    """The master quits (or a cable is pulled) without a stop message: nothing is left hanging."""
    rig = ClockRig()
    rig.send(mido.Message("start"))
    rig.pulses(1 + 48 + 1)  # the kick on beat 2 sounding
    assert len(rig.kicks_on()) == 2 and len(rig.kicks_off()) == 1
    rig.t += 0.1
    rig.player.step(rig.t)
    assert len(rig.kicks_off()) == 1  # a late pulse is not a stall
    rig.t += 1.0
    rig.player.step(rig.t)
    assert len(rig.kicks_off()) == 2


def test_takes_after_a_restart_are_recorded_after_the_last_not_over_it():
    """With MIDI clock, each start plays from bar 1 again: the recording keeps the takes one after
    another (whole bars later), as played, instead of piling them onto the same bars."""
    rec = Recording()
    rig = ClockRig(record=rec)
    note = mido.Message("note_on", note=40, velocity=100)
    for take in (8, 4):  # a take of 8 beats, stop, start again, a take of 4 beats
        rig.send(mido.Message("start"))
        rig.send(mido.Message("clock"))
        for _ in range(take):
            rig.send(note)
            rig.pulses(24)
        rig.send(mido.Message("stop"))
    onsets = [b for b, *_ in rec.input_notes]
    assert np.allclose(onsets, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])  # the second take from bar 3
    drums = [(b, p) for b, p, _ in rec.drum_notes]
    assert len(drums) == len(set(drums))  # no drum written twice at one time


def test_a_long_session_keeps_its_memory_bounded(monkeypatch):
    """Hours of play: what the session keeps does not grow with the time played (the figures keep the
    latest generation times; the count goes on)."""
    from reagroove.core import live

    monkeypatch.setattr(live, "STATS_KEPT", 16)
    s = idle_session(regenerate="beat")
    s.start(0.0)
    for beat in range(1, 400):
        s.feed(beat - 0.5, 100)
        s.advance(beat - 0.2)
    assert s.stats.generated == 400
    assert len(s.stats.seconds) <= 32 and len(s.upcoming) <= 1 and len(s._take) <= live.LIVE_TAKE


def test_the_recording_keeps_the_input_notes_as_long_as_they_were_held(tmp_path):
    """A bass line recorded with --record keeps its lengths (not every note a 32nd); a key struck again
    without its note-off ends there, and one still held when the take ends lasts to the end."""
    from reagroove.core import read_midi

    rec = Recording()
    inport, outport = MemoryInput(), MemoryOutput()
    player = LivePlayer(idle_session(), inport, outport, InternalClock(120), record=rec, now=lambda: 0.0)
    player.start()
    script = {0.0: [("note_on", 40, 100)], 1.5: [("note_off", 40, 0)],  # held a beat and a half
              2.0: [("note_on", 43, 90)], 2.5: [("note_on", 43, 0)],  # released by velocity 0
              3.0: [("note_on", 45, 90)], 3.5: [("note_on", 45, 90)]}  # no note-off for either
    for k in range(int(4.5 * 200)):
        beat = k / 200
        for kind, pitch, vel in script.get(beat, []):
            inport.queue.append(mido.Message(kind, note=pitch, velocity=vel))
        player.step(beat / 2)  # 120 BPM: half a second a beat
    rec.save(tmp_path / "take.mid", 120)
    notes = read_midi(tmp_path / "take.mid").notes
    keys = notes.channel == 0
    got = sorted(zip(notes.start[keys].round(3), (notes.end[keys] - notes.start[keys]).round(3), notes.pitch[keys]))
    assert got[:4] == [(0.0, 1.5, 40), (2.0, 0.5, 43), (3.0, 0.5, 45), (3.5, got[3][1], 45)]
    assert 3.5 + got[3][1] == pytest.approx(notes.end[~keys].max(), abs=0.01)  # still held: to the take's end


def test_a_take_on_a_master_that_changes_tempo_keeps_its_times(tmp_path):
    """MIDI clock at 90 BPM for 2 bars, then 120: the recording's tempo map says so, so every note is
    at the time it was played when the file is opened elsewhere (not all at the last tempo)."""
    from reagroove.core import read_midi

    rec = Recording()
    rig = ClockRig(record=rec)
    rig.send(mido.Message("start"))
    rig.send(mido.Message("clock"))
    seconds = {}
    for bpm, beats in ((90, 8), (120, 8)):
        for _ in range(beats):
            seconds[len(seconds)] = rig.t
            rig.send(mido.Message("note_on", note=40, velocity=100))
            for _ in range(24):
                rig.t += 60 / bpm / 24
                rig.send(mido.Message("clock"))
    rec.save(tmp_path / "take.mid", rig.player.clock.bpm)
    back = read_midi(tmp_path / "take.mid")
    tempos = [(round(b), round(t)) for b, t in back.tempos]
    assert tempos[0] == (0, 90) and tempos[-1][1] == 120 and 8 <= tempos[-1][0] <= 10
    starts = np.sort(back.notes.start[back.notes.channel == 0])
    assert np.allclose(starts, np.arange(16), atol=0.02)
    played = [seconds_at(back.tempos, b) for b in starts]  # where the file puts each note, in seconds
    assert np.allclose(played, [seconds[k] for k in range(16)], atol=0.03)


def seconds_at(tempos, beat):
    """Seconds to `beat` under a (beat, bpm) tempo map."""
    t, (b0, bpm) = 0.0, tempos[0]
    for b1, next_bpm in tempos[1:]:
        if b1 >= beat:
            break
        t, b0, bpm = t + (b1 - b0) * 60 / bpm, b1, next_bpm
    return t + (beat - b0) * 60 / bpm
