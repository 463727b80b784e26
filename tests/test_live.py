"""Live sessions and the MIDI player, driven by scripted clocks and in-memory mido ports."""

import mido
import numpy as np
import pytest
from helpers import MemoryInput, MemoryOutput, PlayingInput
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import InternalClock, LivePlayer, MidiClockFollower, Recording, check_bpm
from reagroove.core.errors import ReaGrooveError
from reagroove.core.patterns import Pattern, PatternStore
from reagroove.core.settings import Settings


def session(**kw):
    idle = np.zeros((32, 3), np.float32)
    idle[::8] = [1, 0.9, 0]
    engine = Engine(StubModel(), PatternStore({"idle": Pattern("idle", idle)}))
    return LiveSession(engine, **kw)


def test_every_loop_is_ready_before_its_boundary():
    s = session()
    s.start(0.0)
    made = []
    beat = 0.0
    rng = np.random.default_rng(0)
    while beat < 64:
        beat += 1 / 8  # 32nd notes of dense input
        s.feed(beat + rng.normal(0, 0.01), 100)
        made += s.advance(beat)
        assert s.loop_at(beat).boundary == np.floor(beat / 4 + 1e-9) * 4  # the loop playing now
    boundaries = [m.boundary for m in made]
    assert boundaries == [4.0 * k for k in range(1, 17)]  # every bar, in order
    assert all(m.generated_at < m.boundary for m in made)


def test_regenerate_each_beat():
    s = session(regenerate="beat")
    s.start(0.0)
    made = []
    for i in range(1, 65):
        made += s.advance(i / 8)
    assert [m.boundary for m in made] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]


def test_overdub_memory_fades_as_set():
    def hits_after(memory, bars, dense=False):
        s = session(memory=memory, adaptive=False)
        s.start(0.0)
        for k in range(16 if dense else 4):
            s.feed(k * (0.25 if dense else 1.0), 100)
        s.advance(bars * 4.0 + 0.01)
        return int(s.groove()[:, 0].sum())

    assert hits_after(1.0, 8) == 4  # full memory keeps everything
    assert hits_after(0.6, 2) == 4  # 0.36 >= 0.25: still there after two bars
    assert hits_after(0.6, 3) == 0  # 0.216: faded out
    # adaptive memory: a dense bar is forgotten faster than a sparse one
    s_dense, s_sparse = session(memory=0.7), session(memory=0.7)
    for s, n, step in ((s_dense, 16, 0.25), (s_sparse, 4, 1.0)):
        s.start(0.0)
        for k in range(n):
            s.feed(k * step, 100)
        s.advance(4.01)
    assert s_dense.strength.max() < s_sparse.strength.max()


def test_a_steady_line_keeps_driving_the_bar_it_repeats_into():
    # An 8th-note riff played bar after bar at the default memory: the loop for
    # each new bar is made before that bar is played, so what drives it is the
    # same half of the buffer played two bars earlier. It must still be there.
    s = session()
    s.start(0.0)
    made = []
    for k in range(8 * 8):  # 8 bars of 8ths
        beat = k * 0.5
        s.feed(beat, 100)
        made += s.advance(beat + 0.25)
    for sched in made:
        if sched.boundary < 8.0:
            continue  # the first two bars: nothing played yet in the half they play
        first = int(round((sched.boundary - sched.window_start) * 4))  # step where this bar starts in the loop
        assert sched.groove[first : first + 16 : 2, 0].all(), sched.boundary


def test_new_input_shapes_the_next_loop():
    s = session()
    s.start(0.0)
    for k in range(8):
        s.feed(4.0 + k * 0.5, 110)  # 8ths in bar 2
    made = s.advance(7.8)
    kick = made[-1].loop[:, 0]
    assert kick[16:32:2].all()  # the kick follows the 8ths at steps 16, 18, ...


def test_silent_until_the_first_input():
    s = session()
    s.start(0.0)
    assert not s.advance(3.8)[0].loop.any()
    s.feed(4.5, 100)
    assert s.advance(7.8)[0].loop.any()


def test_silence_keeps_the_last_loop_or_plays_the_idle_pattern():
    s = session(memory=0.5, adaptive=False)
    s.start(0.0)
    s.feed(0.0, 100)
    s.feed(1.0, 100)
    first = s.advance(3.8)[-1].loop
    made = []
    for bar in range(2, 200):  # minutes of silence
        made += s.advance(bar * 4 - 0.2)
    steps = [k for k in range(32) if k != 16]  # the loop, but for the crash the drums came in with (bar 2)
    assert np.array_equal(made[-1].loop[steps], first[steps]) and s.stats.kept > 100
    assert first[16, 7] and not made[-1].loop[:, 7].any()
    s2 = session(memory=0.5, adaptive=False, idle_pattern="idle")
    s2.start(0.0)
    last = [m for bar in range(1, 8) for m in s2.advance(bar * 4 - 0.2)][-1]
    assert np.array_equal(np.flatnonzero(last.loop[:, 0]), [0, 8, 16, 24])  # the idle groove's kicks


def test_stop_start_and_loop_jump():
    s = session()
    s.start(0.0)
    s.advance(15.9)
    s.stop()
    assert s.advance(20.0) == [] and not s.upcoming
    s.start(32.0)
    assert s.current.boundary == 32.0
    made = s.advance(35.8)
    assert made[0].boundary == 36.0
    jumped = s.advance(8.5)  # loop back to bar 3
    assert jumped[0].boundary == 8.0 and s.loop_at(8.6).boundary == 8.0
    assert s.advance(11.8)[0].boundary == 12.0


def test_settings_change_at_the_next_boundary():
    s = session()
    s.feed(0.0, 100)
    s.start(0.0)
    s.advance(1.0)
    s.update_settings(s.settings.replace(voice_groups={"snare": False}))
    assert s.loop_at(1.0).loop[:, 1].any()  # the playing loop is unchanged
    made = s.advance(3.8)
    assert not made[0].loop[:, 1].any()


def test_player_plays_drums_on_time_and_records(tmp_path):
    inport, outport = MemoryInput(), MemoryOutput()
    clock = InternalClock(120)
    s = session()
    rec = Recording()
    player = LivePlayer(s, inport, outport, clock, record=rec)
    t = 0.0
    clock.t0 = 0.0
    s.start(0.0)
    sent_at = []
    while t < 8.0:  # 16 beats at 120 BPM
        if abs((t * 2) % 1.0) < 1e-9:  # a note on every beat
            inport.queue.append(mido.Message("note_on", note=40, velocity=100))
        n_before = len(outport.sent)
        player.step(t)
        sent_at += [t * 2] * (len(outport.sent) - n_before)
        t = round(t + 0.005, 6)
    ons = [m for m in outport.sent if m.type == "note_on"]
    assert ons and all(m.channel == 9 for m in ons)
    assert player.stats.late == 0 and player.stats.input_notes == 16
    # drum notes go out within one poll (0.01 beat) of their micro-timed position
    for (beat, _pitch, _vel), at in zip(rec.drum_notes, [b for b, m in zip(sent_at, outport.sent) if m.type == "note_on"]):
        assert 0 <= at - beat < 0.011
    player.all_notes_off()
    assert outport.sent[-1].type == "control_change" and outport.sent[-1].control == 123
    rec.save(tmp_path / "session.mid", clock.bpm)
    back = read_midi(tmp_path / "session.mid")
    assert (back.notes.channel == 9).sum() == len(rec.drum_notes)
    assert (back.notes.channel == 0).sum() == 16


def test_midi_clock_follower_tracks_tempo_and_transport():
    f = MidiClockFollower(120)
    f.handle(mido.Message("start"), 0.0)
    t = 0.001
    f.handle(mido.Message("clock"), t)  # the first pulse after start is beat 0 itself
    for _ in range(24 * 8):  # 8 beats at 90 BPM
        t += 60 / 90 / 24
        f.handle(mido.Message("clock"), t)
    assert f.bpm == pytest.approx(90, rel=0.01)
    assert f.beat(t) == pytest.approx(8.0, abs=1e-6)
    assert f.handle(mido.Message("stop"), t) == "stop" and f.beat(t + 1) == pytest.approx(8.0)
    f.handle(mido.Message("songpos", pos=16), t + 1)
    assert f.beat(t + 1) == pytest.approx(4.0)


def test_absurd_tempos_are_refused():
    for bpm in (5, 1000):
        with pytest.raises(ReaGrooveError, match="outside 20..400 BPM"):
            check_bpm(bpm)


def test_live_rig_closes_the_input_when_the_output_is_missing():
    """`reagroove live` and the panel open their ports through open_live_player: a missing output
    port leaves no input port open."""
    from reagroove.core.livemidi import PortError, open_live_player

    opened = []

    class Port:
        def __init__(self, name):
            self.name, self.closed = name, False
            opened.append(self)

        def close(self):
            self.closed = True

    def opener(name, kind):
        if kind == "output":
            raise PortError(f"no MIDI {kind} port matches '{name}'")
        return Port(name)

    with pytest.raises(PortError, match="no MIDI output port"):
        open_live_player(None, "keys", "synth", 120.0, opener=opener)
    assert len(opened) == 1 and opened[0].closed
    with pytest.raises(ReaGrooveError, match="outside 20..400 BPM"):
        open_live_player(None, "keys", "synth", 0.0, opener=opener)
    assert len(opened) == 1  # a bad tempo is said before any port opens


def test_live_command_plays_and_keeps_the_session_with_record(tmp_path, monkeypatch, capsys):
    """`reagroove live --record FILE` plays for --duration, stops, and writes the recording."""
    from reagroove.core import livemidi
    from reagroove.core.cli import main

    inport = PlayingInput()  # (notes played once the drums play)
    for _ in range(8):
        inport.queue.append(mido.Message("note_on", note=40, velocity=100))
    real_open = livemidi.open_live_player

    def open_in_memory(*args, **kw):
        return real_open(*args, **kw, opener=lambda name, kind: inport if kind == "input" else MemoryOutput())

    monkeypatch.setattr(livemidi, "open_live_player", open_in_memory)
    out = tmp_path / "jam.mid"
    assert main(["live", "--in", "keys", "--out", "synth", "--bpm", "120", "--duration", "0.3", "--record", str(out)]) == 0
    assert "recorded" in capsys.readouterr().out
    assert (read_midi(out).notes.channel == 0).sum() == 8  # the input, kept beside the drums


def test_the_drums_settle_into_a_groove_rather_than_jump_with_every_bar(shipped, monkeypatch):
    """Live, each loop is played as one take with the last few grooves: on a bass line that varies bar
    by bar, the real model's drums change less from one bar to the next than loops made bar by bar alone."""
    from reagroove.core import live

    def changes(take: int, line: int) -> float:
        monkeypatch.setattr(live, "LIVE_TAKE", take)
        s = LiveSession(shipped)
        s.start(0.0)
        rng = np.random.default_rng(line)
        loops = []
        for bar in range(24):
            for step in np.flatnonzero(rng.random(16) < 0.45):  # a different bass line every bar
                s.feed(bar * 4 + step / 4, int(rng.integers(60, 120)))
            loops += [m.loop[:, :9] > 0 for m in s.advance(bar * 4 + 3.9)]
        hits = np.stack(loops[4:])  # once the take has filled
        return float(np.mean([(a ^ b).sum() / max(a.sum(), b.sum(), 1) for a, b in zip(hits, hits[1:])]))

    lines = (7, 8, 9)  # three bass lines: one alone is a sample of one
    take, alone = (np.mean([changes(t, line) for line in lines]) for t in (live.LIVE_TAKE, 1))
    assert take < 0.8 * alone


def test_a_new_meter_or_a_switch_to_drum_pads_starts_a_new_take(monkeypatch):
    s = session()
    sizes = []
    part = s.engine.play_part  # a live loop is made as drumify makes a part's (its phrases included)
    monkeypatch.setattr(s.engine, "play_part", lambda g, *a, **k: sizes.append(len(g)) or part(g, *a, **k))
    s.start(0.0)
    for bar in range(6):
        s.feed(bar * 4.0, 100)
        s.advance(bar * 4 + 3.9)
    assert sizes[-1] == 5  # the new groove with the last four: one take
    s.set_meter(3.0, at_beat=24.0)  # 3/4 from beat 24: the loop made ahead for it is made again in 3/4
    s.feed(24.0, 100)
    made = s.advance(26.7)
    assert [m.boundary for m in made] == [24.0] and sizes[-1] == 1  # a new meter: a new take
    made = s.advance(29.7)
    assert [m.boundary for m in made] == [27.0] and sizes[-1] == 2  # its bars every 3 beats
    for k in range(16):
        s.feed(30.0 + k * 0.1, 100, drum=True)  # drum pads now
    s.advance(32.7)
    assert sizes[-1] == 1  # the drum-part network's own take


def test_the_idle_pattern_is_made_once_for_its_settings_not_at_every_bar_of_silence():
    """A seeded idle pattern costs several model calls to draw: silence plays the same loop without them,
    until the settings change."""
    s = session(memory=0.5, adaptive=False, idle_pattern="idle", settings=Settings(seed=3))
    s.start(0.0)
    s.advance(3.8)
    calls = s.engine.model.calls
    loops = [m.loop for bar in range(2, 40) for m in s.advance(bar * 4 - 0.2)]
    assert s.engine.model.calls == calls and all(np.array_equal(loop, loops[0]) for loop in loops)
    s.update_settings(Settings(seed=4))
    s.advance(40 * 4 - 0.2)
    assert s.engine.model.calls > calls
