"""The song's last bar a unison figure of 8th chords from beat 1 to beat 3, then silence (freedoom's d_map12):
the drums play up to the band's last chord and end with one hit on it, where they had grooved the bar out with
a backbeat on 4 after the band had stopped. Soft 16th echoes between the chords and a swell rung from the last
chord to the end (d_map12's pizzicato and reverse cymbal) do not hide the ending."""

import numpy as np
from test_engine_song_form import CRASH, KICK, bar_hits
from test_meter_fills_and_backbeats import BarEndFills

from reagroove.core.closing_figure import figure_end_limit, late_figure_hit
from reagroove.core.engine import Engine
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.settings import Settings

LAST = 17  # the song's last bar
DOWN = (LAST - 1) * 4.0


def groove_bars(bars):
    """Bass and keys on 1, 2&, 3 and 4 of each listed bar (1-based): the band playing time to the bar's end."""
    return [((b - 1) * 4.0 + t, p, 100, 0.4, c) for b in bars for t in (0.0, 1.5, 2.0, 3.0) for p, c in ((40, 0), (64, 1))]


def song(figure, name="song.mid", end=LAST * 4.0, groove=range(1, LAST)):
    """A MidiContent of groove bars then `figure`: (beat, pitch, velocity, length, channel) notes."""
    band = groove_bars(groove) + figure
    band.sort()
    notes = Notes.from_lists([n[0] for n in band], [n[1] for n in band], [n[2] for n in band],
                             [n[0] + n[3] for n in band], [n[4] for n in band])
    return MidiContent(name, notes, 480, [(0.0, 120.0)], [(0.0, 4, 4)], end, [])


def chords_to_three(at=DOWN, echoes=False, swell=False):
    """5 unison 8th chords from beat 1 to beat 3 of the bar at `at` (bass and keys); with echoes a soft 16th after
    each (a pizzicato); with swell a reverse cymbal from beat 3 to the bar's end."""
    out = [(at + t, p, 110, 0.2, c) for t in (0.0, 0.5, 1.0, 1.5, 2.0) for p, c in ((40, 0), (64, 1))]
    out += [(at + t + 0.25, 76, 50, 0.2, 2) for t in (0.0, 0.5, 1.0, 1.5, 2.0)] if echoes else []
    out += [(at + 2.0, 60, 100, 2.0, 3)] if swell else []
    return out


def test_a_closing_figure_running_to_beat_three_ends_the_drums_on_its_last_chord():
    for echoes, swell in ((False, False), (True, False), (True, True)):
        res = Engine(BarEndFills()).drumify(song(chords_to_three(echoes=echoes, swell=swell)), Settings())
        last = bar_hits(res, LAST)
        assert last[8, KICK] and last[8, CRASH], (echoes, swell)  # one hit with the band's last chord, on 3
        assert not last[9:].any(), (echoes, swell)  # no backbeat on 4 after the band has stopped
        assert last[:8].any(), (echoes, swell)  # the bar played up to it
        assert any("the song ends on a short closing figure" in m and f"bar {LAST}" in m for m in res.messages), res.messages


def test_a_riff_resting_after_beat_three_every_bar_is_played_through():
    """A band whose every bar is that figure (the riff rests after beat 3 each bar) has no closing figure: the
    drums keep time through its last bar as through the others."""
    riff = [n for b in range(1, LAST + 1) for n in chords_to_three((b - 1) * 4.0)]
    res = Engine(BarEndFills()).drumify(song(riff, "riff.mid", groove=()), Settings())
    assert not any("ends on" in m for m in res.messages) and bar_hits(res, LAST)[9:].any()


def test_the_last_hit_is_the_last_loud_onset_its_echo_after_it_aside():
    loud = np.array([0.8, 0.4, 0.8, 0.4, 0.8, 0.4, 0.8, 0.4, 0.8, 0.4])
    assert late_figure_hit(np.arange(10), loud, 16) == 8
    assert late_figure_hit(np.arange(0, 11, 2), np.full(6, 0.8), 16) == 10  # up to the "and" of 3
    assert late_figure_hit(np.arange(0, 13, 2), np.full(7, 0.8), 16) is None  # on to beat 4: not this figure
    assert late_figure_hit(np.array([0, 2]), np.full(2, 0.8), 16) is None  # within beat 1: stops.band_stops' own
    assert late_figure_hit(np.array([2, 4, 8]), np.full(3, 0.8), 16) is None  # not from the downbeat


def test_the_song_end_limit_is_half_the_bar_and_an_8th_the_break_limit_the_and_of_the_middle_beat():
    """A song's last figure may run to half its bar and an 8th (beat 3 in 3/4: nothing plays after the song's
    last chord, and stops._figure_broken asks that the bar before played on past it). A break's figure under a
    roll stops at the "and" of the middle beat (laid_out_breaks): in 3/4 8ths to beat 3 are the band playing
    through under it."""
    loud = np.ones(5)
    assert late_figure_hit(np.array([0, 2, 4, 6, 8]), loud, 16) == 8
    assert late_figure_hit(np.array([0, 2, 4, 6, 8]), loud, 12) == 8  # a waltz's last bar: 8ths from 1 to 3
    assert late_figure_hit(np.array([0, 2, 4, 6, 8]), loud, 12 + 2) == 8  # 7/8
    assert late_figure_hit(np.array([0, 2, 4, 6, 8, 10]), np.ones(6), 12) is None  # on to beat 3's "and"
    assert figure_end_limit((4, 4, 4)) == 6  # breaks only: beat 2's "and" in 3/4
    assert figure_end_limit((4, 4, 4, 4)) == 10 and figure_end_limit((6, 6)) == 8


def odd_meter_song(figure, beats_per_bar, unit):
    """A song in beats_per_bar/unit (quarter-note beats per bar: beats_per_bar * 4 / unit) of LAST bars: bass on
    1, keys on every quarter and the last "and", then `figure` (quarter-note offsets) as unison chords in the
    last bar and silence."""
    bar = beats_per_bar * 4.0 / unit
    band = [((b - 1) * bar + t, p, 100, 0.4, c) for b in range(1, LAST)
            for t, p, c in [(0.0, 40, 0)] + [(q, 64, 1) for q in np.arange(1.0, bar, 1.0)] + [(bar - 0.5, 67, 1)]]
    band += [((LAST - 1) * bar + t, p, 110, 0.2, c) for t in figure for p, c in ((40, 0), (64, 1))]
    band.sort()
    notes = Notes.from_lists([n[0] for n in band], [n[1] for n in band], [n[2] for n in band],
                             [n[0] + n[3] for n in band], [n[4] for n in band])
    return MidiContent("odd.mid", notes, 480, [(0.0, 120.0)], [(0.0, beats_per_bar, unit)], LAST * bar, [])


def test_a_waltz_or_7_8_song_ending_on_a_figure_to_beat_three_ends_with_the_band():
    """A 3/4 or 7/8 song whose last bar is chords from beat 1 to beat 3 then silence: the drums play up to the
    last chord and end with one hit on it, where they had grooved on past the band (a hat on 3's "and")."""
    for beats_per_bar, unit in ((3, 4), (7, 8)):
        for figure in ((0.0, 0.5, 1.0, 1.5, 2.0), (0.0, 1.0, 2.0)):
            res = Engine(BarEndFills()).drumify(odd_meter_song(figure, beats_per_bar, unit), Settings())
            assert any("the song ends on a short closing figure" in m and f"bar {LAST}" in m for m in res.messages), \
                (beats_per_bar, figure, res.messages)
            w = int(np.flatnonzero(res.bars <= LAST)[-1])
            steps = beats_per_bar * 16 // unit
            at = steps * (LAST - int(res.bars[w]))
            hits = np.flatnonzero((res.loops[w, at:at + steps, :9] > 0.5).any(1))
            assert hits.max() == 8, (beats_per_bar, figure, hits)  # nothing after the band's last chord
