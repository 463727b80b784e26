"""A breakdown as a drummer drops for it (core/breakdowns.py): the band falls to a pad and a bass note a bar
between two choruses, and the drums keep only their hats, the backbeat and a kick on each downbeat, with the fill
into the last chorus; a quiet intro before the band comes in is no breakdown."""

import numpy as np
from test_engine_song_form import CRASH, HAT, KICK, SNARE, TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills
from test_song_form_arrangements import EIGHTHS, part

from reagroove.core import read_midi
from reagroove.core.breakdowns import breakdown_windows, breakdowns_said, play_breakdowns
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.phrases import part_sections
from reagroove.core.sections import section_takes
from reagroove.core.settings import Settings

BASS, KEYS, GUITAR, LEAD, PAD = range(5)


def pop_song(intro: bool = False):
    """Verse (keys on the beats, bass on 1 and 3&) 1-8, chorus (bass and keys in 8ths, guitar 16ths, a lead) 9-16,
    the breakdown (a pad chord and a bass note on each downbeat) 17-24, the last chorus 25-32; with intro, a pad
    alone in bars -3..0 first (the song 4 bars later)."""
    verse = lambda bars: part(bars, (0, 1, 2, 3), (57, 60, 64), KEYS, 70) + part(bars, (0.0, 2.5), (33,), BASS, 75)  # noqa: E731
    chorus = lambda bars: (part(bars, EIGHTHS, (33,), BASS, 95) + part(bars, EIGHTHS, (57, 60, 64), KEYS, 85)  # noqa: E731
                           + part(bars, [i / 4 for i in range(16) if i % 4 != 3], (69, 72, 76), GUITAR)
                           + part(bars, (0.0, 1.0, 1.5, 3.0), (79,), LEAD))
    breakdown = part(range(17, 25), (0.0,), (69, 72, 76), PAD, 50) + part(range(17, 25), (0.0,), (33,), BASS, 70)
    notes = verse(range(1, 9)) + chorus(range(9, 17)) + breakdown + chorus(range(25, 33))
    if intro:
        notes = part(range(1, 5), (0.0,), (69, 72, 76), PAD, 45) + [(b + 16.0, *rest) for b, *rest in notes]
    return sorted(notes)


def breakdown_of(path):
    """The song's windows, their breakdown flags and its phrase plan, as drumify hears them."""
    wins = extract_windows(read_midi(path))
    form = part_sections(Settings(), wins.grooves, wins.bass, wins.bars, wins.meters, [], [], wins.starts, wins.end,
                         None, wins.opens_part, True, None, wins.parts)
    takes = section_takes(wins.bars, wins.meters, form.section_bars, wins.grooves, wins.bass)
    return wins, breakdown_windows(wins.grooves, takes, wins.parts), form


def test_the_band_dropping_between_choruses_is_a_breakdown_and_an_intro_is_not(make_midi):
    wins, where, _ = breakdown_of(make_midi(pop_song(intro=True), tempos=((0, 100.0),)))
    assert [int(b) for b in wins.bars[where]] == [21, 23, 25, 27]  # bars 17-24 of the song, after its intro
    assert "drops to a few parts in bars 21-28 (a breakdown)" in breakdowns_said(where, wins.bars)[0]
    # a song whose parts are not known (audio) is judged by its onsets alone
    assert breakdown_windows(wins.grooves, section_takes(wins.bars, wins.meters, [5, 13, 21, 29], wins.grooves,
                                                         wins.bass))[wins.bars == 21].all()


def test_the_drums_drop_to_hats_and_downbeat_kicks_in_a_breakdown_keeping_the_fill_out_of_it(make_midi):
    path = make_midi(pop_song(), tempos=((0, 100.0),))
    wins, where, form = breakdown_of(path)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    # the model played the whole groove there, kicking on every 8th (as the shipped one did under a funk bass alone)
    res.loops[:, ::2, KICK], res.loops[:, ::2, 9 + KICK] = 1.0, 0.8
    res.loops[:, 2::4, SNARE], res.loops[:, 2::4, 9 + SNARE] = 1.0, 0.3  # and ghost notes on every "and"
    assert bar_hits(res, 17)[4, SNARE] and bar_hits(res, 20)[2, KICK]
    before = res.loops.copy()
    res.loops = play_breakdowns(res.loops, where, form.plan.fill_real, wins.meters)
    hats = res.loops[where][..., HAT] > 0.5  # the time kept softer there
    now, then = res.loops[where][..., 9 + HAT][hats], before[where][..., 9 + HAT][hats]
    assert hats.any() and (now <= then).all() and (now < then).mean() > 0.8  # (a fill's own strokes as played)
    for bar in range(17, 25):
        hits, fill = bar_hits(res, bar), 8 if bar == 24 else 16  # the fill into the last chorus: bar 24's second half
        assert hits[0, KICK] and not hits[1:fill, KICK].any()  # a kick on the 1 only
        assert not hits[:fill][np.arange(fill) % 4 != 0, SNARE].any() and not hits[:fill, TOM].any()  # no ghosts
        assert hits[4, SNARE]  # the backbeat stays
        assert hits[:, HAT].any()  # the time kept
    assert bar_hits(res, 17)[0, CRASH]  # the breakdown still opens with a crash
    assert bar_hits(res, 24)[12:, TOM].any()  # the fill into the last chorus
    assert bar_hits(res, 25)[0, CRASH] and bar_hits(res, 25)[4, SNARE]  # which plays the whole groove again
    assert bar_hits(res, 12)[4, SNARE] and bar_hits(res, 12)[:12:2, KICK].all()  # as does the first chorus
    assert np.isfinite(res.loops).all()


def test_drumify_drops_for_the_breakdown_on_the_shipped_model(make_midi, shipped):
    """Through the engine: the shipped model played the breakdown (a pad and a bass note a bar) as its full
    groove; the drums now keep time there with the backbeat and a kick on each downbeat, and say so."""
    res = shipped.drumify(read_midi(make_midi(pop_song(), tempos=((0, 100.0),))), Settings())
    assert any("(a breakdown)" in m and "bars 17-24" in m for m in res.messages), res.messages
    for bar in range(17, 24):  # (bar 24 may hold the fill into the last chorus)
        hits = bar_hits(res, bar)
        assert not hits[1:, KICK].any() and not hits[np.arange(16) % 4 != 0, SNARE].any(), bar
        assert hits[:, HAT].any() or hits[:, CRASH].any(), bar
    assert bar_hits(res, 12)[:, KICK].sum() > 1  # the chorus around it plays its groove
