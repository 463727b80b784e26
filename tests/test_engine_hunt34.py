"""A drummer listening to whole songs: how the drums end, stop and change with the band (engine34's hunt)."""

import numpy as np
from test_meter_fills_fresh import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

KICK, SNARE, HAT, TOM, CRASH = 0, 1, 2, 4, 7


def groove_bars(bars):
    """Bass and keys on 1, 2& and 3 of each listed bar (1-based): the band playing time."""
    return [((b - 1) * 4.0 + t, p, 100, c) for b in bars for t in (0.0, 1.5, 2.0) for p, c in ((40, 0), (64, 1))]


def chord(bar):
    """One chord on the downbeat of a bar, nothing after it."""
    return [((bar - 1) * 4.0, p, 100, c) for p, c in ((36, 0), (60, 1), (64, 1), (67, 1))]


def bar_hits(res, bar):
    """(16, 9) hits of a 4/4 bar of a drumify result (windows of two bars)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = bar - int(res.bars[w])
    return res.loops[w, 16 * m:16 * m + 16, :9] > 0.5


def test_a_song_ending_on_one_held_chord_ends_with_one_hit_on_it(make_midi):
    path = make_midi(sorted(groove_bars(range(1, 8)) + chord(8)), length=4.0)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    last = bar_hits(res, 8)
    assert last[0, KICK] and last[0, CRASH]  # the final hit, with the band
    assert not last[1:].any() and not last[0, HAT]  # nothing after it (the crash rings), the hat hand on the crash
    assert bar_hits(res, 7)[12:, TOM].any()  # a fill into it
    assert crash_bars(res) == [1, 8]
    assert any("ends on one chord in bar 8" in m for m in res.messages)
    for version in Engine(BarEndFills()).variations_of(res, Settings(), 3):  # every version ends alike
        hits = version[..., :9] > 0.5
        assert hits[3, 17:].sum() == 0 and hits[3, 16, KICK] and hits[3, 16, CRASH]


def test_a_stretch_of_bars_ending_mid_song_or_a_part_of_pads_is_no_ending(make_midi):
    # bars 1-8 asked of a song that goes on after a stab in bar 8: the song has not ended there
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(9, 13)]) + chord(8)))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(), bars=(1, 8))
    assert bar_hits(res, 8)[4:].any() and crash_bars(res) == [1]
    # a chord on every downbeat (a ballad's pads): the last is one more of them
    pads = make_midi(sorted(n for b in range(1, 9) for n in chord(b)), length=4.0)
    res = Engine(BarEndFills()).drumify(read_midi(pads), Settings())
    assert bar_hits(res, 8)[4:].any() and crash_bars(res) == [1]
