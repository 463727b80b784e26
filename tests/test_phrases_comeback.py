"""The band drops out and comes back: a drummer keeps time through the rest, fills into the bar the band
comes back on and crashes there, as at a marked section. A short rest (one bar) is no new section."""

import numpy as np
import pytest
from stub_model import StubModel
from test_meter_fills_and_backbeats import BarEndFills, crash_bars, with_marker

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.sections import reentry_bars
from reagroove.core.settings import Settings

KICK, SNARE, TOM, CRASH = 0, 1, 4, 7


def bass(bars, *, pickup_into=None):
    """A bass line on 1, 2& and 3 of each listed bar (1-based); pickup_into: a bar whose line is led into
    by two notes on beat 4 and 4& of the bar before."""
    notes = [((b - 1) * 4.0 + t, 40, 100, 0) for b in bars for t in (0.0, 1.5, 2.0)]
    if pickup_into:
        notes += [((pickup_into - 2) * 4.0 + t, 43, 90, 0) for t in (3.0, 3.5)]
    return sorted(notes)


def tom_bars(res):
    return sorted({int(res.bars[w]) + m for w in range(len(res.bars)) for m in range(2)
                   if (res.loops[w, 16 * m:16 * m + 16, TOM] > 0.5).any()})


def test_the_music_coming_back_after_two_bars_rest_is_filled_into_and_crashed_on(make_midi):
    path = make_midi(bass([*range(1, 9), *range(11, 17)]))  # bars 9 and 10: the band stops
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 11]
    assert tom_bars(res) == [10]  # the fill into it, nowhere else (no fills asked for)
    assert "the music rests in bars 9-10, where the drums keep time alone, and comes back in bar 11: a fill into it, a crash on it" in res.messages


def test_a_one_bar_rest_or_a_part_with_no_rest_is_one_section(make_midi):
    for bars in ([*range(1, 9), *range(10, 17)], list(range(1, 17))):
        res = Engine(BarEndFills()).drumify(read_midi(make_midi(bass(bars))), Settings())
        assert crash_bars(res) == [1] and tom_bars(res) == []
        assert not any("comes back" in m for m in res.messages)


def test_a_silent_intro_is_not_a_comeback(make_midi):
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(bass(range(5, 13)))), Settings())
    assert crash_bars(res)[1:] == [] and not any("comes back" in m for m in res.messages)


def test_coming_back_on_a_pickup_crashes_on_the_bar_it_leads_into(make_midi):
    path = make_midi(bass([*range(1, 9), *range(12, 17)], pickup_into=12))  # rest: bars 9, 10 and most of 11
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 12]


def test_a_marker_at_the_comeback_or_a_bar_from_it_is_the_one_section(make_midi):
    for marker_bar in (10, 11, 12):
        path = with_marker(make_midi(bass([*range(1, 9), *range(11, 17)])), (marker_bar - 1) * 4.0)
        res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
        assert crash_bars(res) == [1, marker_bar]
        assert not any("comes back" in m for m in res.messages)


def test_variations_crash_where_drumify_does(make_midi):
    path = make_midi(bass([*range(1, 9), *range(11, 17)]))
    engine = Engine(StubModel())
    res = engine.drumify(read_midi(path), Settings())
    versions = engine.variations_of(res, Settings(), 3)
    from_windows = engine.drumify_variations(res.grooves, Settings(), 3, bars=res.bars, meters=res.meters)
    for v in [*versions, *from_windows]:
        bars_with_crash = sorted({int(res.bars[w]) + t // 16 for w, t in zip(*np.nonzero(v[:, :, CRASH] > 0.5))})
        assert bars_with_crash == [1, 11]


@pytest.mark.parametrize("meter", [(3, 4), (6, 8)])
def test_comebacks_are_counted_in_the_songs_own_bars(make_midi, meter):
    num, den = meter
    bar = num * 4.0 / den
    notes = [((b - 1) * bar, 40, 100, 0) for b in [*range(1, 7), *range(10, 15)]]  # rest: bars 7-9
    res = Engine(StubModel()).drumify(read_midi(make_midi(notes, time_signatures=((0, num, den),))), Settings())
    assert reentry_bars(res.grooves, res.bars, res.meters, res.starts) == [(10, 3)]
    assert crash_bars(res) == [1, 10]


def test_markers_on_nearly_every_bar_are_cues_not_sections(make_midi):
    """A file with a marker on every bar (lyric lines, hit points) got a fill and a crash on every bar; such
    markers are cues: no section at each, and a note says why. Markers a few bars apart are still sections."""
    from reagroove.core.sections import marker_sections

    path = make_midi(bass(range(1, 17)))
    for bar in range(1, 17):
        with_marker(path, (bar - 1) * 4.0, text=f"line {bar}")
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1] and tom_bars(res) == []
    assert any("16 markers in the file, most of them less than 2 bars apart: taken as cues" in m for m in res.messages)
    assert marker_sections([5, 9, 13]) == ([5, 9, 13], None)
    assert marker_sections([1, 2, 3, 5, 9, 13, 17, 21]) == ([1, 2, 3, 5, 9, 13, 17, 21], None)  # median gap 4
    assert marker_sections(list(range(1, 9)))[0] == []


def test_bars_asked_for_from_before_the_band_comes_in_crash_where_it_does(make_midi):
    """--bars 20- on a song whose band comes in at bar 25: the drums play bars 20-24 alone and crashed only on
    bar 20, over silence; the band's entrance on bar 25 now gets the fill into it and the crash."""
    path = make_midi(bass(range(25, 33)))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(), bars=(20, 32))
    assert crash_bars(res) == [20, 25]
    assert tom_bars(res) == [24]
    assert "the music rests in bars 20-24, where the drums keep time alone, and comes back in bar 25: a fill into it, a crash on it" in res.messages


def test_a_long_rest_is_said_once_with_what_the_drums_play_there(make_midi):
    """A band resting 20 bars had its rest said twice: "bars 5-24 have no notes: the drums keep time through
    them" (the input's line) and "the music rests in bars 5-24, where the drums keep time alone, and comes back
    in bar 25" (the form's). The form's says it once; a drum part's rest, where its kit rests with it, is not
    said as kept time."""
    band = Engine(BarEndFills()).drumify(read_midi(make_midi(bass([*range(1, 5), *range(25, 29)]))), Settings())
    assert [m for m in band.messages if "5-24" in m] == [
        "the music rests in bars 5-24, where the drums keep time alone, and comes back in bar 25: a fill into it, "
        "a crash on it"]
    kit = [((b - 1) * 4.0 + t / 2, 36 if t % 4 == 0 else 38 if t % 4 == 2 else 42, 100, 9)
           for b in [*range(1, 5), *range(25, 29)] for t in range(8)]
    part = Engine(StubModel()).drumify(read_midi(make_midi(kit)), Settings())
    assert part.drum_part and not [m for m in part.messages if "keep time through" in m], part.messages
    assert any("5-24" in m for m in part.messages), part.messages
