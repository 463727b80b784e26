"""A band coming back after the downbeat (freedoom's d_dm29, bar 41: back on beat 2): the drums crash where it comes
in, never on the silent downbeat before it, and the note says where."""

import numpy as np
from test_engine_song_form import CRASH, TOM, bar_hits, groove_bars
from test_meter_fills_and_backbeats import BarEndFills

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings


def _back_late(bar, beat):
    """Bass and keys from `beat` (0-based quarters) of `bar` on, then on 1, 2& and 3 as groove_bars plays."""
    return [((bar - 1) * 4.0 + t, p, 100, c) for t in (beat, beat + 0.5, 2.0) for p, c in ((40, 0), (64, 1))]


def _crash_steps(res, bar):
    return np.flatnonzero(bar_hits(res, bar)[:, CRASH]).tolist()


def test_a_band_breaking_off_and_coming_back_on_beat_2_gets_its_crash_on_beat_2(make_midi):
    """Bars 1-7 play, bar 8 plays beat 1 and its and, then stops; the band comes back on beat 2 of bar 9. A fill
    into 9 as before, the crash with the band on beat 2 (it had rung alone over the silent downbeat)."""
    broken = [(28.0 + t, p, 100, c) for t in (0.0, 0.5) for p, c in ((40, 0), (64, 1))]
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(10, 17)]) + broken + _back_late(9, 1.0)), length=0.25)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert _crash_steps(res, 9) == [4]
    assert bar_hits(res, 8)[12:, TOM].any()  # the fill into the comeback
    assert any("plays no new note after the first half of bar 8 and comes back in bar 9: a fill into it, a crash on "
               "beat 2, where it comes in" in m for m in res.messages), res.messages


def test_music_coming_back_an_8th_after_the_downbeat_after_a_rest_crashes_with_it(make_midi):
    """The music rests in bars 5-6 and comes back an 8th into bar 7: the crash on that 8th, said so."""
    path = make_midi(sorted(groove_bars([*range(1, 5), *range(8, 13)]) + _back_late(7, 0.5)), length=0.25)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert _crash_steps(res, 7) == [2]
    assert any("comes back in bar 7: a fill into it, a crash an 8th after beat 1, where it comes in" in m
               for m in res.messages), res.messages


def test_a_comeback_on_the_downbeat_keeps_its_crash_there(make_midi):
    path = make_midi(sorted(groove_bars([*range(1, 5), *range(7, 13)])), length=0.25)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert _crash_steps(res, 7) == [0]
    assert any("comes back in bar 7: a fill into it, a crash on it" in m for m in res.messages), res.messages
