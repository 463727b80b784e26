"""How the drums follow a song's form: a held loop changes where the band changes section, and a band that
goes silent for one whole bar at a phrase's end (a break, no stab before it) gets a fill into its comeback
and a crash on it, as a drummer plays a band break."""

import numpy as np
from stub_model import StubModel
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

KICK, TOM = 0, 4
VERSE, CHORUS = (0.0, 1.5, 2.0), (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5)


def song(verse_bars, chorus_bars, rest=()):
    """A bass line: the verse's 1, 2& and 3 in verse_bars, 8ths in chorus_bars (1-based), silent in `rest`."""
    return sorted(((b - 1) * 4.0 + t, 40, 100, 0) for bars, beats in ((verse_bars, VERSE), (chorus_bars, CHORUS))
                  for b in bars if b not in rest for t in beats)


def kicks_of_bar(res, bar):
    """The kick steps (0-15) of a bar of a 4/4 result."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = (bar - int(res.bars[w])) * 16
    return tuple(np.flatnonzero(res.loops[w, m:m + 16, KICK] > 0.5).tolist())


def test_a_held_loop_changes_where_the_band_changes_section(make_midi):
    # verse bars 1-8, chorus 9-16 (heard: the band's onsets change and stay changed), then the verse again
    path = make_midi(song([*range(1, 9), *range(17, 25)], range(9, 17)))
    res = Engine(StubModel()).drumify(read_midi(path), Settings(hold=True, opening_crash=False))
    assert 9 in res.section_bars
    verse, chorus = kicks_of_bar(res, 2), kicks_of_bar(res, 10)
    assert verse == (0, 6, 8) and chorus == tuple(range(0, 16, 2))  # each section plays its own groove
    # held: no drift within a section, and the verse played again is the same loop
    assert all(kicks_of_bar(res, b) == verse for b in (2, 3, 4, 5, 6, 18, 20, 22))
    assert all(kicks_of_bar(res, b) == chorus for b in (10, 11, 12, 13, 14))


def tom_bars(res):
    return sorted({int(res.bars[w]) + m for w in range(len(res.bars)) for m in range(2)
                   if (res.loops[w, 16 * m:16 * m + 16, TOM] > 0.5).any()})


def test_a_one_bar_band_break_at_a_phrase_end_is_filled_into_and_crashed_on(make_midi):
    # 7 bars played, bar 8 silent (no stab before it), the band back on bar 9: a drummer fills bar 8
    path = make_midi(song(range(1, 17), (), rest=(8,)))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 9] and tom_bars(res) == [8]
    assert "the band breaks for bar 8 and comes back in bar 9: a fill into it, a crash on it" in res.messages
    # the same break in a variation
    versions = Engine(BarEndFills()).variations_of(res, Settings(), 2)
    assert all((v[4, 0, 7] > 0.5) and (v[3, 24:32, TOM] > 0.5).any() for v in versions)



def test_a_band_running_16ths_into_its_chorus_gets_the_section_on_the_chorus_downbeat(make_midi):
    # verse bars 1-7, a bar of 16ths leading into the chorus on bar 9 (the phrase's bar): the drummer fills
    # over the band's run and crashes on the chorus, not on the run's bar
    run = tuple(i * 0.25 for i in range(16))
    notes = sorted(((b - 1) * 4.0 + t, 40, 100, 0)
                   for b, beats in [*((b, VERSE) for b in range(1, 8)), (8, run), *((b, CHORUS) for b in range(9, 25))]
                   for t in beats)
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(notes)), Settings())
    assert res.section_bars == (9,)
    assert crash_bars(res) == [1, 9] and tom_bars(res) == [8]
