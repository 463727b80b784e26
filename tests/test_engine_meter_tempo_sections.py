"""A drummer hearing the music change meter or tempo: a new section there (a fill into it, a crash on it), as at
a marker or where the band changes what it plays; a ritardando or a tempo map that drifts makes none."""

import numpy as np
from test_meter_fills_and_backbeats import BarEndFills, bar_steps, crash_bars, hits_in

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.sections import meter_sections, tempo_sections
from reagroove.core.settings import Settings

SNARE, TOM, CRASH = 1, 4, 7


def riff(first_beat, bars, beats_per_bar, beat=1.0):
    """A bass riff and a keys chord in each of `bars` bars of `beats_per_bar` beats (of `beat` quarter notes)."""
    out = []
    for b in range(bars):
        at = first_beat + b * beats_per_bar * beat
        out += [(at, 40, 110, 0), (at + 1.5 * beat, 40, 85, 0), (at + 2 * beat, 47, 100, 0), (at, 64, 80, 1)]
        out += [(at + k * beat, 45, 90, 0) for k in range(3, beats_per_bar)]
    return sorted(out)


def fills(res, bars):
    """The bars whose last beat holds the stand-in's tom roll, or the run a thin one is played as (fill_runs.py):
    snare or tom strokes on two of its 16ths or more, a tom among them."""
    def last_beat(b):
        w, beats = bar_steps(res, b)
        return res.loops[w, list(beats[-1])][:, SNARE:TOM + 3] > 0.5  # snare, hats, the three toms
    return [b for b in bars if last_beat(b)[:, [0, 3, 4, 5]].any(1).sum() >= 2 and last_beat(b)[:, 3:].any()]


def test_a_change_of_meter_and_tempo_starts_a_section(make_midi):
    # 8 bars of 4/4 at 100 BPM, then 3/4 at 140 from bar 9 (the repro: no fill into bar 9, no crash on it)
    path = make_midi(riff(0.0, 8, 4) + riff(32.0, 8, 3), tempos=((0, 100.0), (32, 140.0)),
                     time_signatures=((0, 4, 4), (32, 3, 4)))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 9] and 9 in res.section_bars
    assert fills(res, range(1, 17)) == [8]  # a fill into the new section, none elsewhere
    assert hits_in(res, 9, 1, [SNARE]) or hits_in(res, 9, 2, [SNARE])  # the 3/4 bars played as time after it
    said = " | ".join(res.messages)
    assert "the meter and tempo change (to 3/4 and from 100 to 140 BPM in bar 9): it starts a new section" in said
    # the meter note says the song's meters in turn (it said "music in 3/4" of a song half in 4/4)
    assert "music in 4/4, then 3/4 from bar 9: the drums follow its bars" in said, said
    # REAPER's Variations of the selection (its windows, no drumify first) hear it too, in every version
    wins = extract_windows(read_midi(path))
    nine = int(np.flatnonzero(wins.bars == 9)[0])
    versions = Engine(BarEndFills()).variations_of(wins, Settings(), 3)
    assert (versions[:, nine, 0, CRASH] > 0.5).all()


def test_a_change_of_meter_alone_starts_a_section(make_midi):
    # 4/4 to 6/8 in bar 5 at one tempo (the repro's to68.mid)
    six8 = [(16.0 + b * 3 + t, p, 100, 0) for b in range(4) for t, p in ((0.0, 40), (1.5, 47), (2.5, 45))]
    path = make_midi(sorted(riff(0.0, 4, 4) + six8), time_signatures=((0, 4, 4), (16, 6, 8)))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 5] and fills(res, range(1, 9)) == [4]
    assert any("the meter changes (to 6/8 in bar 5)" in m for m in res.messages), res.messages
    assert any("music in 4/4, then 6/8 from bar 5" in m for m in res.messages), res.messages


def test_a_tempo_jump_alone_starts_a_section(make_midi):
    path = make_midi(riff(0.0, 16, 4), tempos=((0, 100.0), (32, 130.0)))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 9] and fills(res, range(1, 17)) == [8]
    assert any("the tempo changes (from 100 to 130 BPM in bar 9)" in m for m in res.messages), res.messages
    # the panel's preview drums the windows with their tempo map, as an export does
    wins = extract_windows(read_midi(path))
    part = Engine(BarEndFills()).drumify_grooves(wins.grooves, Settings(), starts=wins.starts, bars=wins.bars,
                                                 meters=wins.meters, end=wins.end, tempos=wins.tempos)
    assert crash_bars(part) == [1, 9]


def test_a_ritardando_or_a_drifting_tempo_map_makes_no_section(make_midi):
    # the tempo falls a little every beat over bars 7-8 (100 to 70 BPM), as a ritardando is written
    rit = ((0, 100.0),) + tuple((24 + i, 100 - 30 * (i + 1) / 8) for i in range(8))
    # a take's tempo read beat by beat: 98-102 BPM, a little off every beat
    drift = tuple((float(b), 100 + 2 * np.sin(b)) for b in range(64))
    for tempos in (rit, drift):
        path = make_midi(riff(0.0, 16, 4), tempos=tempos, name="tempo.mid")
        res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
        assert crash_bars(res) == [1] and not any("tempo change" in m for m in res.messages)
    # nor a small step (5%): a tempo nudged, not a new section
    path = make_midi(riff(0.0, 16, 4), tempos=((0, 100.0), (32, 105.0)), name="nudge.mid")
    assert crash_bars(Engine(BarEndFills()).drumify(read_midi(path), Settings())) == [1]


def test_a_bar_or_two_of_another_meter_or_a_marked_change_is_no_section_of_its_own(make_midi):
    # one 2/4 bar in a 4/4 song (bar 5): a bar of the band's phrase, not two sections
    short = [(16.0, 40, 90, 0), (17.0, 40, 90, 0)]
    path = make_midi(sorted(riff(0.0, 4, 4) + short + riff(18.0, 8, 4)),
                     time_signatures=((0, 4, 4), (16, 2, 4), (18, 4, 4)))
    assert crash_bars(Engine(BarEndFills()).drumify(read_midi(path), Settings())) == [1]
    # a marker on the change: the marker's section, said once; a marker elsewhere leaves the change its section
    path = make_midi(riff(0.0, 8, 4) + riff(32.0, 8, 3), time_signatures=((0, 4, 4), (32, 3, 4)), name="marked.mid")
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(), section_bars=[9])
    assert crash_bars(res) == [1, 9] and not any("meter changes" in m for m in res.messages)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(), section_bars=[5])
    assert crash_bars(res) == [1, 5, 9]


def test_meter_and_tempo_sections_on_windows():
    # two 4/4 windows, then three 3/4 windows of two bars (starting on beats 0, 8, 16, 22, 28)
    bars = np.array([1, 3, 5, 7, 9])
    meters = [None, None, ((0.0, 3, 4), (3.0, 3, 4))] + [((0.0, 3, 4), (3.0, 3, 4))] * 2
    starts = np.array([0.0, 8.0, 16.0, 22.0, 28.0])
    assert meter_sections(bars, meters, starts, 34.0) == {5: (3, 4)}
    assert tempo_sections([(0.0, 100.0), (16.0, 140.0)], bars, meters, starts, 34.0) == {5: (100.0, 140.0)}
    assert tempo_sections([(0.0, 100.0), (17.0, 140.0)], bars, meters, starts, 34.0) == {}  # not on a bar line
    assert tempo_sections([(0.0, 100.0)], bars, meters, starts, 34.0) == {}
