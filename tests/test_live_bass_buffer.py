"""The live bass buffer (core/live_bass.py) is the session's own buffer of the bass notes alone: laid, faded, taken back
(a grace note) and recalled (a loop's pass) by the same rules, whichever notes drumify's bass reading picks
(core/low_register.py). The numpy stand-in model: no network needed."""

import numpy as np
import pytest
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession


def session(**kw):
    s = LiveSession(Engine(StubModel()), **kw)
    s.start(0.0)
    return s


def played(bars, seed):
    """(beat, pitch, velocity, channel) of a bass on channel 2 (16ths, some pushed, loud and soft on one step) and
    keys on channel 1, over `bars` bars, with a rest in bar 3."""
    rng = np.random.default_rng(seed)
    notes = []
    for k in range(bars * 16):
        if 8 <= k // 4 < 12:  # a bar's rest: the buffer fades
            continue
        if rng.random() < 0.6:
            notes.append((k / 4 + rng.normal(0, 0.03), int(rng.integers(28, 45)), int(rng.integers(30, 127)), 2))
        if k % 2 == 0 and rng.random() < 0.7:
            notes += [(k / 4 + rng.normal(0, 0.03), p, int(rng.integers(40, 100)), 1) for p in (60, 64, 67)]
    return sorted(notes)


@pytest.mark.parametrize("regenerate", ["bar", "beat"])
@pytest.mark.parametrize("seed", [0, 1])
def test_the_bass_buffer_is_the_buffer_of_the_bass_notes_alone(regenerate, seed):
    # (fixed memory: an adaptive one fades the bass with the whole performance's density, as the buffer beside it)
    both, bass_only = session(regenerate=regenerate, adaptive=False), session(regenerate=regenerate, adaptive=False)
    notes = played(8, seed)
    i = 0
    for k in range(8 * 16):
        beat = k / 4
        while i < len(notes) and notes[i][0] <= beat:
            at, pitch, vel, chan = notes[i]
            both.feed(at, vel, pitch=pitch, channel=chan)
            if chan == 2:
                bass_only.feed(at, vel, pitch=pitch, channel=chan)
            i += 1
        both.advance(beat)
        bass_only.advance(beat)
        for at in (None, both._next_boundary):
            assert np.array_equal(both.bass_groove(at), bass_only.groove(at)), f"beat {beat}"
    assert both.bass_groove().any()


def test_a_grace_note_taken_back_and_a_recalled_pass_move_the_bass_buffer_as_the_buffer():
    both, bass_only = session(), session()
    for s in (both, bass_only):
        s.feed(0.0, 100, pitch=36, channel=0)
        s.feed(0.9, 60, pitch=36, channel=0)
        s.unfeed()  # a grace note of the next
        s.feed(1.0, 90, pitch=36, channel=0)
        s.advance(6.0)
        s.recall([(2.5, 80, 36, 0)])
    both.feed(1.5, 70, pitch=67, channel=3)  # keys on their own channel: not bass
    assert np.array_equal(both.bass_groove(), bass_only.groove())
    assert both.bass_groove()[[0, 4, 10], 0].all() and not both.bass_groove()[[3, 6], 0].any()


def test_notes_without_a_pitch_or_on_the_drum_channel_are_never_bass():
    s = session()
    s.feed(0.0, 100)  # a caller that gives no pitch (REAPER's live follow)
    s.feed(1.0, 100, drum=True, pitch=36)
    s.feed(2.0, 100, pitch=36, channel=9)
    assert not s.bass_groove().any() and s.groove()[[0, 4, 8], 0].all()


@pytest.mark.parametrize("late", [0.0, 0.03])
def test_loops_made_a_beat_ahead_hear_a_steady_line_whole_from_the_second_bar(late):
    """An 8th-note bass line from beat 1 with each bar's loop made a beat ahead of its bar line (REAPER's live follow),
    its notes reaching the session `late` beats after the clock (a host's poll): the network's input, the notes and
    the bass alike, is the whole line in every loop after the first (the first bar held over the bar not played yet,
    the bar's last beat as last heard). Every other loop had the last beat of a bar empty, and from REAPER's bass the
    kicks changed pattern at bar 5."""
    s = session(regenerate="bar")
    s.lookahead = 1.0  # as reaper_ext/live_follow.py sets it (a bar's loop written a beat ahead)
    notes = [(k / 2, 100 if k % 2 == 0 else 70) for k in range(6 * 8)]
    made, i = [], 0
    for tick in range(6 * 4 * 32):
        t = tick / 32
        made += s.advance(t)
        while i < len(notes) and notes[i][0] + late <= t + 1e-9:
            s.feed(notes[i][0] + late, notes[i][1], pitch=40, channel=0)
            i += 1
    line = np.zeros(32, bool)
    line[::2] = True
    loops = [m for m in made if m.boundary >= 8.0]
    assert len(loops) >= 4
    for m in loops:
        assert np.array_equal(m.groove[:, 0] > 0, line), f"notes heard for the bar at beat {m.boundary}"
        assert m.bass is not None and np.array_equal(m.bass[:, 0] > 0, line), f"bass for the bar at beat {m.boundary}"
