"""Fills and crashes live, as drumify places them (phrases.py): `reagroove live --fill-every 2` ends
every 4th bar in a fill and opens the next with a crash; the drums come in with a crash; nowhere else
is there one. The stand-in model's fill is a tom roll; unasked, it crashes on every downbeat."""

from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings

TOM, CRASH = VOICES.index("low_tom"), VOICES.index("crash")


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
