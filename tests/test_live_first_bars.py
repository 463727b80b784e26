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


def _bar(sent, pitch, bar, beats=4):
    """The 16ths of `bar` (from 0) where `pitch` plays."""
    return tuple(sorted({round((b - bar * beats) * 4) for b, m in sent if m.type == "note_on" and m.velocity
                         and m.note == pitch and bar * beats - 0.1 <= b < (bar + 1) * beats - 0.1}))


def _eighths(start, end):
    return [(k * 0.5, 100 if k % 2 == 0 else 70) for k in range(int(start * 2), int(end * 2))]


def _riff(start, end, beats):
    return [(bar * 4 + x, 100) for bar in range(int(end // 4)) for x in beats if start <= bar * 4 + x < end]


def _drummer_reads(sent, first, bars):
    for bar in range(first, bars):
        assert 0 in _bar(sent, KICK, bar), f"bar {bar + 1}: no kick on 1"
        assert {4, 12} <= set(_bar(sent, SNARE, bar)), f"bar {bar + 1}: no backbeat"
        assert len(_bar(sent, HAT, bar)) >= 7, f"bar {bar + 1}: the hats do not keep time"


@pytest.mark.parametrize("name, notes", [("8ths", _eighths(0, 24)), ("riff", _riff(0, 24, [0, 1.5, 2.75, 3.5]))])
def test_a_player_starting_on_one_gets_the_settled_groove_from_the_second_bar(shipped, name, notes):
    """Bar 1 played alone: from bar 2 the drums play the groove they keep. The first loop was made from the one bar
    heard and an empty one, so bar 2 came in thinner (the 8ths: kick on 1 and 3 only, then the groove from bar 3)."""
    sent = _play(shipped, notes, 24)
    assert not any(m.type == "note_on" for b, m in sent if b < 4 - 0.1)  # nothing before a bar has been heard
    _drummer_reads(sent, 1, 6)
    kicks = [_bar(sent, KICK, bar) for bar in range(1, 6)]
    assert kicks == [kicks[-1]] * 5, f"{name}: kicks per bar {kicks}"


@pytest.mark.parametrize("lead", [[(3, 90), (3.5, 90)], _eighths(2, 4)], ids=["pickup", "from beat 3"])
def test_a_pickup_or_a_start_on_beat_3_leaves_no_trace_once_the_first_whole_bar_is_heard(shipped, lead):
    """A pickup (or half a bar) before bar 2, then 8ths: the drums come in on bar 2, and from bar 3 on they play one
    groove. The pickup half of the buffer made bar 3 differ from the bars after it."""
    sent = _play(shipped, lead + _eighths(4, 24), 24)
    _drummer_reads(sent, 1, 6)
    kicks = [_bar(sent, KICK, bar) for bar in range(2, 6)]
    assert kicks == [kicks[-1]] * 4, f"kicks per bar {kicks}"


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


def test_loops_made_every_beat_bring_the_drums_in_on_a_bar_line(shipped):
    """--every beat: the drums came in on the beat after the player's first note (bar 1, beat 2&, no kick on 1);
    a drummer listens to the bar and comes in on the next one."""
    sent = _play(shipped, _riff(0, 24, [0, 1.5, 2.75, 3.5]), 24, regenerate="beat")
    assert not any(m.type == "note_on" for b, m in sent if b < 4 - 0.1)
    _drummer_reads(sent, 1, 6)


def test_a_loop_played_again_keeps_its_second_bar_once_the_transport_jumps_back():
    """REAPER's loop playback over the first two bars: quarters in bar 1, 8ths in bar 2, then the cursor jumps back
    to bar 1. The start's refill (bar 1 heard as both bars) must not outlive the start: bar 2's loop kept the 8ths."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore

    session = LiveSession(Engine(StubModel(), PatternStore({})))
    session.start(0.0)
    for k in range(16):
        if k >= 8 or k % 2 == 0:
            session.feed(k * 0.5, 100)
        session.advance(k * 0.5 + 0.25)
    for lap in range(2):
        session.locate(0.0)  # the jump back to the loop start
        made = [m for k in range(16) for m in session.advance(k / 4)]
        bar2 = [m for m in made if m.boundary == 4.0][0]
        assert (bar2.groove[16:32:2, 0] > 0).all(), f"pass {lap + 2}: bar 2's 8ths were lost"


def test_loops_made_every_beat_keep_the_idle_pattern_to_the_bar_line():
    """--idle-pattern with --every beat: the idle groove gave way to the player's on the beat after their first note,
    mid-bar; it plays to the bar line, where the drums take up what was played."""
    import numpy as np
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import Pattern, PatternStore

    idle = np.zeros((32, 3), np.float32)
    idle[::8] = [1, 0.9, 0]
    session = LiveSession(Engine(StubModel(), PatternStore({"idle": Pattern("idle", idle)})), idle_pattern="idle",
                          regenerate="beat")
    session.start(0.0)
    heard = []
    for k in range(32):
        if k % 2 == 0:  # 8ths from bar 1's downbeat
            session.feed(k / 4, 100)
        session.advance(k / 4)
        heard.append(session.loop_at(k / 4).loop[k % 32, 0] > 0)
    assert [k for k in range(16) if heard[k]] == [0, 8]  # bar 1: the idle pattern's kicks only
    assert [k for k in range(16, 32) if heard[k]] == list(range(16, 32, 2))  # bar 2: on the player's 8ths


def test_live_follow_in_reaper_settles_from_the_first_bars(shipped):
    """An 8th-note line on an armed track from bar 1 while REAPER plays: the drums come in on bar 2 and keep one kick
    pattern from bar 3 (bar 2 is written a beat ahead, before bar 1's last beat is heard). They wandered until bar 6:
    each loop was made from a bar played and one half empty."""
    from fake_reaper import reapy_inside
    from test_reaper import PURGE, bass_project

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext import live_follow
    from reagroove.reaper_ext.bridge import LocalBridge

    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        rpr = s.rpr
        bass = rpr.RPR_GetTrack(0, 0)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))
        follower = live_follow.LiveFollower(LocalBridge(), shipped, Settings())
        rpr.RPR_SetEditCurPos(0.0, False, False)
        rpr.RPR_OnPlayButton()
        follower.poll()
        t, eighth = 0.0, 0
        while t < 12.0:  # 6 bars at 120 BPM
            if t >= eighth * 0.25 - 1e-9:
                s.reaper.input.feed(bytes([0x90, 40, 100 if eighth % 2 == 0 else 70]),
                                    proj_pos=s.reaper.transport.position())
                eighth += 1
            s.reaper.transport.advance(0.03)
            t += 0.03
            follower.poll()
        rpr.RPR_OnStopButton()
        follower.poll()
        notes = [n for it in LocalBridge().call("drum_track_items")["items"] for n in it["notes"]]
    sent = [(on, mido.Message("note_on", note=pitch, velocity=vel)) for on, _off, pitch, vel, *_ in notes]
    assert not any(b < 4 - 0.1 for b, _ in sent)
    _drummer_reads(sent, 1, 6)
    kicks = [_bar(sent, KICK, bar) for bar in range(2, 6)]
    assert kicks == [kicks[-1]] * 4, f"kicks per bar {kicks}"
