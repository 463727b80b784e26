"""A 12-bar blues played through twice: a drummer fills into the second chorus and crashes on its first bar, where
the sections heard on 4- and 8-bar phrases ran one groove across it (R13 p6, rockabilly: `bar 9 x4` over bar 13)."""

from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.settings import Settings
from reagroove.core.twelve_bar import chorus_starts

A, D, E = 33, 38, 40  # the bass's roots (A1, D2, E2): I, IV and V of A
BLUES = (A, D, A, A, D, D, A, A, E, D, A, E)  # the quick-change 12-bar blues


def walking(roots):
    """A walking bass (root, third, fifth, sixth on the beats) and a guitar shuffle on the 8ths over each bar's root."""
    return sorted([(b * 4.0 + beat, r + (0, 4, 7, 9)[beat], 100, 0) for b, r in enumerate(roots) for beat in range(4)]
                  + [(b * 4.0 + t, r + 24 + (7 if int(t * 2) % 4 >= 2 else 0), 90, 1)
                     for b, r in enumerate(roots) for t in (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5)])


def choruses(path):
    wins = extract_windows(read_midi(path))
    return chorus_starts(wins.lows, wins.bars, wins.meters, wins.starts, wins.end)


def test_a_blues_twice_through_marks_its_second_chorus(make_midi):
    """Two choruses and the tonic: a fill ends bar 12, a crash on 13 (the drums had played one groove over it)."""
    path = make_midi(walking(BLUES * 2 + (A,)), length=0.4)
    assert choruses(path) == [13]
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert 13 in crash_bars(res), crash_bars(res)
    assert bar_hits(res, 12)[12:, TOM].any()


def test_phrases_of_4_bars_are_no_blues(make_midi):
    """A 4-bar or a 3-bar progression looped (each repeats every 12 bars too) and a single chorus are no 12-bar form."""
    assert choruses(make_midi(walking((A, E, D, A) * 6), name="loop.mid")) == []
    assert choruses(make_midi(walking((A, E, D) * 9), name="three.mid")) == []
    assert choruses(make_midi(walking(BLUES + (A,)), name="once.mid")) == []
