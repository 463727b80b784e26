"""A producer and a drummer listening to ReaGroove's drums: what a drummer would never play (ghost notes around
the backbeat, a stop in a figure of stabs, a section at a slight change off the song's 4-bar phrases)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.limbs import SNARE
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
BACKBEAT = (4, 12)


def ghost_counts(loops):
    """Snares off beats 2 and 4 in each 16-step bar of 2-bar loops."""
    bars = (np.asarray(loops)[..., SNARE] > 0.5).reshape(-1, 16)
    off = np.ones(16, bool)
    off[list(BACKBEAT)] = False
    return bars[:, off].sum(1), bars


@pytest.mark.parametrize("density", [0.8, 1.0])
def test_a_busy_funk_drummer_plays_a_few_ghost_notes_around_the_backbeat(shipped, density):
    # --density 0.8 --genre funk played a snare on 12 of a bar's 14 16ths off the backbeat (GMD's funk drummers,
    # in bars of 28+ hits, play 7.7 on average); the extra hits go to the other hands
    settings = Settings().replace(density=density, genre={"funk": 1.0})
    result = shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"), settings, bars=(1, 8))
    ghosts, bars = ghost_counts(result.loops)
    assert ghosts.max() <= 8
    assert bars[:, 4].all() and bars[:, 12].all()  # the backbeat stays
    assert not bars[:, 3].any() and not bars[:, 0].any()  # not crowding beat 2 nor a snare on the kick's 1
    hits = (result.loops[..., :9] > 0.5).reshape(-1, 16, 9).sum((1, 2))
    assert hits.mean() >= 26  # still as busy as asked


def stab_bars(bars):
    """A chord on the downbeat of each listed bar, nothing after it in the bar."""
    return [((b - 1) * 4.0, p, 100, c) for b in bars for p, c in ((36, 0), (60, 1), (64, 1))]


def test_a_figure_of_stabs_and_rests_is_played_through_not_a_stop(make_midi):
    # the band plays time in bars 1-8, then a chord on every other bar (9, 11, 13, 15) with rests between, then
    # time again: its drummer keeps time through the figure; a stop was read at bar 9 and the next stab taken
    # as the band's comeback (silence in bar 9, a fill and a crash into the stab on bar 11)
    from test_engine_song_form import bar_hits, groove_bars
    from test_meter_fills_and_backbeats import BarEndFills, crash_bars

    from reagroove.core.engine import Engine

    path = make_midi(sorted(groove_bars([*range(1, 9), *range(17, 21)]) + stab_bars([9, 11, 13, 15])))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert not res.stops
    assert bar_hits(res, 9)[4:, SNARE].any() and bar_hits(res, 10)[:, SNARE].any()  # time kept through
    assert 11 not in crash_bars(res)


def riff_song(make_midi, change_bar, new_steps, bars=24):
    """Bass on 1 and 3 of every bar, keys on the quarters, from `change_bar` on the 16ths `new_steps` too."""
    notes = []
    for b in range(1, bars + 1):
        keys = {0, 4, 8, 12} | (set(new_steps) if b >= change_bar else set())
        notes += [((b - 1) * 4.0 + s / 4, 36, 100, 0) for s in (0, 8)]
        notes += [((b - 1) * 4.0 + s / 4, 64, 100, 1) for s in sorted(keys)]
    return make_midi(sorted(notes))


def heard(res, bar):
    # (a change ending a sparser opening is said in the intro's line: "one where the band comes in (bar 11)")
    return bar in res.section_bars and any(f"bar {bar}" in m and ("changes what it plays" in m or
                                                                  f"the band comes in (bar {bar})" in m)
                                           for m in res.messages)


def test_a_slight_change_off_the_songs_4_bar_phrases_is_no_section(make_midi):
    # the keys add three 8ths 2 bars into a phrase (bar 11; a change of 3 in 7 onsets): freedoom's drummers crash
    # on 22% of such bars (28% of bars at random); the drums filled into bar 11 and crashed on it
    from test_meter_fills_and_backbeats import BarEndFills, crash_bars

    from reagroove.core.engine import Engine

    engine = Engine(BarEndFills())
    res = engine.drumify(read_midi(riff_song(make_midi, 11, (2, 6, 10))), Settings())
    assert not heard(res, 11) and 11 not in crash_bars(res)
    # the same change on a phrase's first bar, or a bigger one anywhere, is a section as before
    assert heard(engine.drumify(read_midi(riff_song(make_midi, 13, (2, 6, 10))), Settings()), 13)
    strong = engine.drumify(read_midi(riff_song(make_midi, 11, (1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15))), Settings())
    assert heard(strong, 11) and 11 in crash_bars(strong)
