"""A song opening on a bar of hits that lands on bar 2's downbeat (intro_bar.py): its phrases count from bar 2."""

from conftest import build_midi
from test_engine_song_form import fill_bars_of, groove_bars
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.phrases import phrase_start_of
from reagroove.core.settings import Settings


def intro_hits(figure_channel=2):
    """Stabs across bar 1 (3+3+3+3+2 in 16ths) on a part that lands on bar 2's downbeat and drops out."""
    return [(t / 4, 72, 110, figure_channel) for t in (0, 3, 6, 9, 12, 14)] + [(4.0, 72, 110, figure_channel)]


def test_a_bar_of_hits_landing_on_bar_2_starts_the_phrases_there(make_midi):
    """The band's time from bar 1 (bass and keys), and a lead line's hits across bar 1 that land on bar 2's downbeat
    and stop: a drummer catches the hits, and the 8-bar phrases run 2-9, 10-17, so the fills end bars 9 and 17, not
    8 and 16 (counted from bar 1, a bar early through the song, as on freedoom's d_e2m1 and d_map06)."""
    path = make_midi(sorted(groove_bars(range(1, 19)) + intro_hits()))
    assert phrase_start_of(read_midi(path)) == 2
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=4))
    assert fill_bars_of(res.loops, res.bars) == [9, 17], fill_bars_of(res.loops, res.bars)


def test_a_figure_that_comes_back_or_a_band_that_holds_is_no_intro_bar(make_midi):
    """A riff playing bar 1 and bar 2's downbeat, then again from bar 4 (a two-bar figure, its own phrases), and a
    band landing on a held chord with nothing after it: the phrases count from bar 1 as before."""
    riff = [(t + 12.0 * k, p, v, c) for k in range(6) for (t, p, v, c) in intro_hits()]
    assert phrase_start_of(read_midi(make_midi(sorted(groove_bars(range(1, 19)) + riff), name="riff.mid"))) == 1
    held = intro_hits() + [(4.0, 40, 100, 0)] + groove_bars(range(3, 19))
    assert phrase_start_of(read_midi(make_midi(sorted(held), name="held.mid"))) == 1


def test_a_lick_landing_on_bar_2_that_comes_back_on_bar_5_keeps_the_phrases_on_bar_1(make_midi):
    """The band grooves from bar 1 and a lead plays a lick across bar 1 landing on bar 2, then again in bars 5, 9
    and 13 (on bar 1's 4-bar phrases): the lick is the band's, so the drums crash on bar 1 with the band and their
    fills end on bar 1's phrases (read as an intro bar, the crash had come on bar 2 and every fill and crash a bar
    late: fill in bar 9, crash on 10). The same lick coming back on bar 10
    (bar 2's phrases, as freedoom's d_e2m1 and d_map06) still counts from bar 2."""
    def lick(bars):
        return [(t + 4.0 * (b - 1), p, v, c) for b in bars for (t, p, v, c) in intro_hits()]
    again = make_midi(sorted(groove_bars(range(1, 17)) + lick((1, 5, 9, 13))), name="again.mid")
    assert phrase_start_of(read_midi(again)) == 1
    res = Engine(BarEndFills()).drumify(read_midi(again), Settings(fill_every=4))
    fills, crashes = fill_bars_of(res.loops, res.bars), crash_bars(res)
    assert crashes[0] == 1 and all(b % 4 == 1 for b in crashes), crashes  # with the band on bar 1, on its phrases
    assert fills and all(b % 4 == 0 for b in fills), fills
    late = make_midi(sorted(groove_bars(range(1, 19)) + lick((1, 10))), name="late.mid")
    assert phrase_start_of(read_midi(late)) == 2


def test_a_pickup_into_the_leads_return_on_bar_2s_phrases_keeps_them(tmp_path):
    """The lick lands on bar 2 and the lead comes back on bar 10 (or 6), on bar 2's 4-bar phrases, with one 8th
    pickup on the "and" of 4 of the bar before: the pickup is the return's, so the phrases still count from bar 2
    and the fills still end bars 9 and 17 (the pickup's bar, 9 or 5, read as the return had put every fill and
    crash a bar early)."""
    for first in (10, 6):
        lead = [((b - 1) * 4.0 + t, 74, 100, 2) for b in range(first, 19) for t in (0.0, 2.0)]
        fills = []
        for pickup in ([], [((first - 1) * 4.0 - 0.5, 72, 100, 2)]):
            path = build_midi(tmp_path / f"back{first}_{len(pickup)}.mid",
                              sorted(groove_bars(range(1, 19)) + intro_hits() + lead + pickup))
            assert phrase_start_of(read_midi(path)) == 2, (first, pickup)
            res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=4))
            fills.append(fill_bars_of(res.loops, res.bars))
        assert fills[1] == fills[0] and all(b % 4 == 1 for b in fills[1]), (first, fills)
