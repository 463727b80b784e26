"""Unison hits: mid-song the whole band leaves its figure for a bar to strike a few chords together (freedoom's
d_dm17 bar 78: 8ths 1, 4 and 7 of a 9/8 bar, each held to the next), then plays on. The songs' drummers catch
them, kick and crash on each hit and no time kept through the bar; the drums had grooved straight through
(backbeat and hats under the band's three chords)."""

from pathlib import Path

import numpy as np
import pytest
from test_engine_song_form import CRASH, KICK, SNARE, bar_hits
from test_meter_fills_and_backbeats import BarEndFills

from reagroove.core import stop_time
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.midi import MidiContent, Notes, read_midi
from reagroove.core.settings import Settings

BARS = 16
HITS_BAR = 8
PARTS = ((40, 0), (64, 1), (67, 2))  # bass, keys, guitar
FREEDOOM = Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi"


def playing(bars, parts=PARTS):
    """Each part on 1, 2, 2&, 3, 4 and 4& of each listed bar (short notes): the band playing its figure."""
    return [((b - 1) * 4.0 + t, p, 100, 0.4, c) for b in bars for t in (0.0, 1.0, 1.5, 2.0, 3.0, 3.5)
            for p, c in parts]


def hits(bar, beats=(0.0, 1.5, 3.0), parts=PARTS):
    """The parts striking chords together on `beats` of `bar`, each held to the next (the last to the bar's end)."""
    at = (bar - 1) * 4.0
    ends = [*beats[1:], 4.0]
    return [(at + t, p, 110, e - t, c) for t, e in zip(beats, ends) for p, c in parts]


def song(notes):
    notes = sorted(notes)
    return MidiContent("song.mid", Notes.from_lists([n[0] for n in notes], [n[1] for n in notes],
                                                    [n[2] for n in notes], [n[0] + n[3] for n in notes],
                                                    [n[4] for n in notes]),
                       480, [(0.0, 120.0)], [(0.0, 4, 4)], BARS * 4.0, [])


def around(bar):
    return [b for b in range(1, BARS + 1) if b != bar]


def drumify(content):
    return Engine(BarEndFills()).drumify(content, Settings())


def stops_of(content):
    w = extract_windows(content)
    return stop_time.band_stops(w.grooves, w.bars, w.meters, w.starts, w.end, sounding=w.sounding, parts=w.parts)


def test_the_whole_bands_held_unison_hits_are_caught_and_nothing_kept_between():
    res = drumify(song(playing(around(HITS_BAR)) + hits(HITS_BAR)))
    bar = bar_hits(res, HITS_BAR)
    assert bar[0, KICK] and bar[0, CRASH]  # the first hit: kick and crash
    assert all(bar[s, KICK] and bar[s, SNARE] and not bar[s, CRASH] for s in (6, 12))  # then kick and snare
    between = [s for s in range(16) if s not in (0, 6, 12)]
    assert not bar[between].any()  # no hats, no backbeat under the band's chords
    assert bar_hits(res, HITS_BAR - 1)[:, 2].any() and bar_hits(res, HITS_BAR + 1)[:, 2].any()  # time around it
    said = [m for m in res.messages if f"3 chords together in bar {HITS_BAR}" in m]  # held chords, the band on
    assert said and "catch each" in said[0] and f"play on from bar {HITS_BAR + 1}" in said[0] and "rest" not in said[0]


def test_one_part_alone_under_a_held_chord_or_a_riff_of_hits_is_played_through():
    # the bass alone hits 1, 2& and 4 while the keys hold one chord: not the band hitting together
    alone = song(playing(around(HITS_BAR)) + hits(HITS_BAR, parts=PARTS[:1]) +
                 [((HITS_BAR - 1) * 4.0, 64, 90, 4.0, 1)])
    assert HITS_BAR not in {s.bar for s in stops_of(alone)}
    # the band hitting so every other bar: its riff, grooved through
    riff_bars = range(4, BARS, 2)
    riff = song(playing([b for b in range(1, BARS + 1) if b not in riff_bars]) +
                [n for b in riff_bars for n in hits(b)])
    assert not {s.bar for s in stops_of(riff)} & set(riff_bars)
    res = drumify(riff)
    assert bar_hits(res, HITS_BAR)[[2, 4, 8, 10, 14], :].any()  # the groove goes on between the chords


def test_a_single_unison_stab_or_16th_runs_are_left_to_other_rules():
    one = song(playing(around(HITS_BAR)) + hits(HITS_BAR, beats=(1.5,)))
    assert not [s for s in stops_of(one) if s.bar == HITS_BAR and s.caught]
    # (freedoom's bars of unison 16ths, d_e4m6's and d_map03's, are not caught by their drummers)
    run = song(playing(around(HITS_BAR)) + hits(HITS_BAR, beats=(2.0, 2.25, 3.0)))
    assert not [s for s in stops_of(run) if s.bar == HITS_BAR and s.caught]


@pytest.mark.skipif(not (FREEDOOM / "d_dm17.mid").exists(), reason="freedoom-midi not present")
def test_freedoom_dm17_bar_78s_three_hits_in_nine_eight_are_caught():
    res = drumify(read_midi(FREEDOOM / "d_dm17.mid"))
    caught = [s for s in res.stops if s.bar == 78]
    assert len(caught) == 3 and all(s.caught for s in caught)
    w, lo = caught[0].window, caught[0].step
    bar = res.loops[w, lo:lo + 18, :9] > 0.5  # 9/8: 18 16ths, in one window
    assert [int(s) for s in np.flatnonzero(bar[:, KICK])] == [0, 6, 12] and bar[0, CRASH]
    assert not bar[:, 2].any()  # no hi-hat time under the hits
    assert any("3 chords together in bar 78" in m for m in res.messages)
    # d_e4m3 bar 18: a part's arpeggio stops on beat 3 while the riff plays on; its drummer grooves through
    e4m3 = read_midi(FREEDOOM / "d_e4m3.mid")
    w = extract_windows(e4m3)
    assert 18 not in {s.bar for s in stop_time.band_stops(w.grooves, w.bars, w.meters, w.starts, w.end,
                                                          sounding=w.sounding, parts=w.parts)}


def test_a_second_bar_of_unison_hits_is_caught_as_well():
    """The band hits 1, 2& and 4 in bar 7, then 1 and 3 in bar 8 (a two-bar figure into bar 9), each chord held to
    the next. Bar 7 was caught but bar 8 grooved (kick, backbeat, hats under the two chords) and was said as the
    band's comeback: its bar before (bar 7's three hits) was no figure the band plays. A drummer catches both."""
    res = drumify(song(playing([b for b in range(1, BARS + 1) if b not in (7, 8)]) + hits(7) +
                       hits(8, beats=(0.0, 2.0))))
    assert {7, 8} <= {s.bar for s in res.stops if s.caught}
    eighth = bar_hits(res, 8)
    assert eighth[0, KICK] and eighth[8, KICK] and eighth[0, CRASH]
    assert not eighth[[s for s in range(16) if s not in (0, 8)]].any()  # no time kept between the band's chords
    assert bar_hits(res, 9)[:, 2].any()  # time again with the band's figure
    assert any("5 chords together in bars 7-8" in m and "play on from bar 9" in m for m in res.messages), res.messages
