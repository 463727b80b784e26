"""Fills and crashes live, as drumify places them (phrases.py): `reagroove live --fill-every 2` ends
every 4th bar in a fill and opens the next with a crash; the drums come in with a crash; nowhere else
is there one; two phrase starts in one loop both crash; in 3/4, 6/8 or 7/8 they fall on the bars
drumify plans. The stand-in model's fill is a tom roll; unasked, it crashes on every downbeat."""

import numpy as np
import pytest
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.limbs import HANDS
from reagroove.core.live import LiveSession
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.settings import Settings

TOM, CRASH = VOICES.index("low_tom"), VOICES.index("crash")
CLOSED, OPEN = VOICES.index("closed_hat"), VOICES.index("open_hat")


def heard(settings, bars, input_bars, **kw):
    """{voice: [beats where it is heard]} over `bars` bars of 4/4 with an 8th-note line played in
    `input_bars` (1-based), the session advanced 16th by 16th as the player does."""
    s = LiveSession(Engine(StubModel()), settings, **kw)
    s.start(0.0)
    out = {TOM: [], CRASH: []}
    for k in range(bars * 16):
        beat = k / 4
        if 1 + int(beat // 4) in input_bars and k % 2 == 0:
            s.feed(beat, 100)
        s.advance(beat)
        sched = s.loop_at(beat)
        step = int(round((beat - sched.window_start) * 4)) % 32
        for v in out:
            if sched.loop[step, v]:
                out[v].append(beat)
    return out


def fill_half(bar):
    """The 16ths of the last half of `bar` (a "half" fill)."""
    return [(bar - 1) * 4 + 2 + k / 4 for k in range(8)]


def test_fill_every_ends_phrases_in_fills_and_opens_the_next_with_a_crash():
    got = heard(Settings(fill_every=2), 13, range(1, 14))
    assert got[TOM] == fill_half(4) + fill_half(8) + fill_half(12)
    assert got[CRASH] == [4.0, 16.0, 32.0, 48.0]  # the drums come in (bar 2), then bars 5, 9, 13


def test_listed_fill_bars_and_no_opening_crash():
    got = heard(Settings(fill_bars=(6,), opening_crash=False), 8, range(1, 9))
    assert got[TOM] == fill_half(6) and got[CRASH] == [24.0]
    assert heard(Settings(opening_crash=False), 8, range(1, 9))[CRASH] == []  # no phrases: no crash at all


def test_the_kept_loop_does_not_repeat_its_fill_once_the_input_stops():
    got = heard(Settings(fill_every=2), 16, range(1, 5), memory=0.3)
    ends = fill_half(4) + fill_half(8) + fill_half(12) + fill_half(16)
    assert set(fill_half(4)) <= set(got[TOM]) <= set(ends)
    assert set(got[CRASH]) <= {4.0, 16.0, 32.0, 48.0}


# ------------------------------------------------------------ every phrase start, every meter

def played(settings, bars, input_bars, meter=4.0, **kw):
    """Every 16th heard over `bars` bars of `meter` (quarter notes a bar, or (num, den)) with an 8th-note
    line played in `input_bars` (1-based): (beats, (N, 27) loop steps heard)."""
    s = LiveSession(Engine(StubModel()), settings, beats_per_bar=meter, **kw)
    bar = s.beats_per_bar
    s.start(0.0)
    beats, rows = [], []
    for k in range(int(round(bars * bar * 4))):
        beat = k / 4
        if 1 + int(beat // bar) in input_bars and k % 2 == 0:
            s.feed(beat, 100)
        s.advance(beat)
        sched = s.loop_at(beat)
        beats.append(beat)
        rows.append(sched.loop[int(round((beat - sched.window_start) * 4)) % 32])
    return np.array(beats), np.array(rows)


def voice_beats(beats, rows, voice):
    return [float(b) for b in beats[rows[:, voice] > 0.5]]


def drumified(settings, meter, bars, voices=(TOM, CRASH)):
    """{voice: [beats]} drumify plays (the stand-in model) on `voices` for a part of `bars` bars of (num, den) with
    an 8th-note line, in 2-bar windows as extract_windows lays them."""
    num, den = meter
    bar = num * 4 / den
    n = bars // 2
    grooves = np.zeros((n, 32, 3), np.float32)
    grooves[:, : int(2 * bar * 4) : 2] = (1, 0.8, 0)
    starts = np.arange(n) * 2 * bar
    res = Engine(StubModel()).drumify_grooves(grooves, settings, starts=starts, bars=np.arange(n) * 2 + 1,
                                              meters=[((0.0, num, den), (bar, num, den))] * n)
    out = {}
    for v in voices:
        w, step = np.nonzero(res.loops[:, : int(2 * bar * 4), v] > 0.5)
        out[v] = sorted(float(starts[i] + t / 4) for i, t in zip(w, step))
    return out


def fill_spans(tom_beats, bar):
    """{bar (1-based): beat in the bar where its fill starts} of tom beats (the stand-in's fills)."""
    out = {}
    for b in tom_beats:
        out.setdefault(1 + int(b // bar + 1e-9), b - bar * int(b // bar + 1e-9))
    return out


def assert_one_drummer(rows, crash_beats, beats):
    """No open and closed hat at once, two hands at most, crashes only where phrases open."""
    h = rows[:, :N_VOICES] > 0.5
    assert not (h[:, CLOSED] & h[:, OPEN]).any(), "open and closed hat on one step"
    assert (h[:, HANDS].sum(-1) <= 2).all(), "more than two hands on one step"
    assert voice_beats(beats, rows, CRASH) == crash_beats


@pytest.mark.parametrize("every", ["bar", "beat"])
def test_two_phrase_starts_in_one_loop_keep_both_crashes(every):
    # fills ending bars 2 and 3: bars 3 and 4 (one loop) both open a phrase
    beats, rows = played(Settings(fill_bars=(2, 3), fill_length="beat"), 6, range(1, 7), regenerate=every)
    assert voice_beats(beats, rows, CRASH) == [4.0, 8.0, 12.0]  # the drums come in (bar 2), bars 3 and 4
    assert voice_beats(beats, rows, TOM) == [7 + k / 4 for k in range(4)] + [11 + k / 4 for k in range(4)]
    # the drums come in on bar 3 and bar 4 opens a phrase: both crash (as drumify keeps the opening crash)
    beats, rows = played(Settings(fill_bars=(3,)), 6, range(2, 7), regenerate=every)
    assert voice_beats(beats, rows, CRASH) == [8.0, 12.0]
    assert voice_beats(beats, rows, TOM) == fill_half(3)


@pytest.mark.parametrize("every", ["bar", "beat"])
# the session's meter as `reagroove live --beats-per-bar` (3.5: 7/8) or REAPER give it, or a time signature
@pytest.mark.parametrize("meter, given", [((3, 4), 3.0), ((6, 8), (6, 8)), ((7, 8), 3.5)])
@pytest.mark.parametrize("settings", [Settings(fill_every=2, fill_bars=(5,), opening_crash=False),
                                      Settings(fill_every=2, fill_length="bar", opening_crash=False),
                                      Settings(fill_bars=(2, 3, 7), fill_length="beat", opening_crash=False)])
def test_live_phrases_in_3_4_6_8_and_7_8_fall_where_drumify_plans_them(settings, meter, given, every):
    num, den = meter
    bar = num * 4 / den
    want = drumified(settings, meter, 12)
    beats, rows = played(settings, 12, range(1, 13), given, regenerate=every)
    got_crash, got_tom = voice_beats(beats, rows, CRASH), voice_beats(beats, rows, TOM)
    assert got_crash == want[CRASH]  # the downbeats of the bars that open a phrase
    assert fill_spans(got_tom, bar) == fill_spans(want[TOM], bar)  # the same bars' fills, from the same beat
    assert got_crash and got_tom
    assert_one_drummer(rows, want[CRASH], beats)


def test_a_live_waltz_opens_with_a_crash_where_the_drums_come_in():
    beats, rows = played(Settings(fill_every=1), 9, range(1, 10), 3.0)
    assert voice_beats(beats, rows, CRASH) == [3.0, 6.0, 12.0, 18.0, 24.0]  # the drums come in, bars 3, 5, 7, 9
    # a waltz's half-bar fill is its last two beats, from beat 2 (phrases.half_bar)
    assert fill_spans(voice_beats(beats, rows, TOM), 3.0) == {2: 1.0, 4: 1.0, 6: 1.0, 8: 1.0}
    assert_one_drummer(rows, [3.0, 6.0, 12.0, 18.0, 24.0], beats)


def test_set_meter_takes_quarter_notes_or_a_time_signature():
    s = LiveSession(Engine(StubModel()))
    s.set_meter((6, 8), at_beat=16.0)
    assert (s.beats_per_bar, s.time_signature, s.origin) == (3.0, (6, 8), 16.0)
    s.set_meter(3.5)  # `reagroove live --beats-per-bar 3.5`, REAPER's num * 4 / den
    assert (s.beats_per_bar, s.time_signature) == (3.5, (7, 8))
    s.set_meter(3.0)
    assert s.time_signature == (3, 4)
    with pytest.raises(ValueError):
        s.set_meter((0, 4))
