"""A song opening on an intro bar (intro_bar.py: hits across bar 1 landing on bar 2's downbeat, the band going on
from there): the opening crash lands on bar 2 with the band's landing, none on bar 1 under the hits (freedoom's
d_e2m1 and d_map06: their drummers crash on bar 2; ReaGroove had crashed on bar 1 and not on 2)."""

from test_engine_song_form import CRASH, bar_hits, groove_bars
from test_intro_bar_sections import intro_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings


def test_the_opening_crash_lands_with_the_intro_bars_figure_on_bar_2(make_midi):
    path = make_midi(sorted(groove_bars(range(1, 19)) + intro_hits()))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res)[:1] == [2] and not bar_hits(res, 1)[:, CRASH].any()
    assert bar_hits(res, 1).any()  # bar 1 is played (the hits under the band's time), only without the crash
    plain = make_midi(sorted(groove_bars(range(1, 19))), name="plain.mid")  # no intro bar: the crash on bar 1
    assert crash_bars(Engine(BarEndFills()).drumify(read_midi(plain), Settings()))[:1] == [1]
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(opening_crash=False))
    assert 2 not in crash_bars(res)  # no opening crash asked: none on bar 2 either
