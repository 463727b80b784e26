"""A break under a roll: mid-song the band hits beat 1 (or a short unison figure up to beat 3) and stops for the
rest of the bar while a timpani rolls on and a reverse cymbal swells to the band's return (freedoom's d_map12,
bars 8/16/24/32). A drummer catches the band's hits, lays out under the roll and crashes on the return; the
drums had grooved through bar 8 and played fills over the timpani in the others."""

import numpy as np
from test_engine_song_form import CRASH, KICK, SNARE, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import stop_time
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.settings import Settings

BARS = 16
BREAK = 8


def groove(bars):
    """Bass and keys on 1, 2&, 3 and 4 of each listed bar: the band playing time to the bar's end."""
    return [((b - 1) * 4.0 + t, p, 100, 0.4, c) for b in bars for t in (0.0, 1.5, 2.0, 3.0) for p, c in ((40, 0), (64, 1))]


def song(notes, name="song.mid"):
    notes = sorted(notes)
    return MidiContent(name, Notes.from_lists([n[0] for n in notes], [n[1] for n in notes], [n[2] for n in notes],
                                              [n[0] + n[3] for n in notes], [n[4] for n in notes]),
                       480, [(0.0, 120.0)], [(0.0, 4, 4)], BARS * 4.0, [])


def break_bar(bar, figure=(0.0,), roll=True, swell=True):
    """The band's figure (bass and keys on these beats) in `bar`, then a timpani's 32nd roll through the bar and
    a reverse cymbal from beat 3 to its end."""
    at = (bar - 1) * 4.0
    out = [(at + t, p, 110, 0.3, c) for t in figure for p, c in ((40, 0), (64, 1))]
    out += [(at + i / 8, 43, 40 + 2 * i, 0.1, 2) for i in range(32)] if roll else []
    out += [(at + 2.0, 60, 100, 2.0, 3)] if swell else []
    return out


def stops_of(content):
    w = extract_windows(content)
    return stop_time.band_stops(w.grooves, w.bars, w.meters, w.starts, w.end, sounding=w.sounding, parts=w.parts)


def drumify(content):
    """drumify as a producer runs it (the engine passes Windows.parts to stop_time.band_stops)."""
    return Engine(BarEndFills()).drumify(content, Settings())


def test_a_break_under_a_timpani_roll_is_caught_and_laid_out():
    one = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) + break_bar(BREAK))
    stops = [s for s in stops_of(one) if s.bar == BREAK]
    assert [(s.step % 16, s.back_bar, s.lead) for s in stops] == [(0, BREAK + 1, None)]
    res = drumify(one)
    hits = bar_hits(res, BREAK)
    assert hits[0, KICK] and hits[0, CRASH] and not hits[1:].any()  # the band's hit, then the roll alone
    assert BREAK + 1 in crash_bars(res)  # the band's return
    swell = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) + break_bar(BREAK, roll=False))
    assert [(s.step % 16, s.back_bar) for s in stops_of(swell) if s.bar == BREAK] == [(0, BREAK + 1)]  # a lone swell


def test_a_unison_figure_to_beat_three_before_the_roll_is_caught_chord_by_chord():
    figure = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) +
                  break_bar(BREAK, figure=(0.0, 0.5, 1.0, 1.5, 2.0)))
    res = drumify(figure)
    hits = bar_hits(res, BREAK)
    assert hits[0, KICK] and hits[0, CRASH]
    assert all(hits[s, KICK] and hits[s, SNARE] and not hits[s, CRASH] for s in (2, 4, 6, 8))  # kick and snare
    assert not hits[9:].any() and not hits[[1, 3, 5, 7]].any()  # nothing but the chords: the roll is the fill
    assert BREAK + 1 in crash_bars(res)


def test_the_band_keeping_time_under_its_own_16ths_or_a_new_line_is_no_break():
    """An arpeggio in 16ths that ran through the bars before is the band keeping time; a part coming in with a
    line of its own (not a roll, not a swell) is not a break the drums lay out under; a break every other bar
    is the band's riff."""
    arp = [((b - 1) * 4.0 + i / 4, 72 + i % 4, 70, 0.2, 2) for b in range(1, BARS + 1) for i in range(16)]
    kept = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) + break_bar(BREAK, roll=False, swell=False) + arp)
    assert not [s for s in stops_of(kept) if s.bar == BREAK]
    line = [((BREAK - 1) * 4.0 + t, 76 + k, 90, 0.4, 4) for k, t in enumerate((0.5, 1.5, 2.5, 3.0))]
    lead = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) + break_bar(BREAK, roll=False) + line)
    assert not [s for s in stops_of(lead) if s.bar == BREAK]
    riff = song(groove(range(1, BARS + 1, 2)) + [n for b in range(2, BARS + 1, 2) for n in break_bar(b)])
    assert not [s for s in stops_of(riff) if s.caught]


def test_without_parts_known_nothing_changes():
    one = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) + break_bar(BREAK))
    w = extract_windows(one)
    assert not [s for s in stop_time.band_stops(w.grooves, w.bars, w.meters, w.starts, w.end, sounding=w.sounding)
                if s.bar == BREAK]
    assert np.asarray(w.parts).shape == (len(w.grooves),)


def test_a_swung_figure_to_beat_three_is_caught_chord_by_chord():
    """The same five chords in a shuffle (its "and"s at 2/3 of the beat, read on each beat's last 16th: steps 0, 3,
    4, 7, 8): a drummer catches every chord; the drums had caught the downbeat alone and laid out under the four
    chords after it."""
    swung = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) +
                 break_bar(BREAK, figure=(0.0, 2 / 3, 1.0, 1 + 2 / 3, 2.0)))
    assert [s.step % 16 for s in stops_of(swung) if s.bar == BREAK] == [0, 3, 4, 7, 8]
    hits = bar_hits(drumify(swung), BREAK)
    assert all(hits[s, KICK] for s in (0, 3, 4, 7, 8)) and not hits[9:].any()


def test_a_band_holding_its_chord_under_a_swell_is_no_break():
    """Bass and keys strike a chord on 1 and hold it through the bar while a reverse cymbal swells from beat 3:
    the band has not stopped, so the drums do not lay out (a short chord under the same swell is a break)."""
    held = [((BREAK - 1) * 4.0, p, 110, 4.0, c) for p, c in ((40, 0), (64, 1))]
    one = song(groove([b for b in range(1, BARS + 1) if b != BREAK]) + held + break_bar(BREAK, figure=(), roll=False))
    assert not [s for s in stops_of(one) if s.bar == BREAK and s.caught]
    assert bar_hits(drumify(one), BREAK)[8:].any()


def waltz(notes, bars=BARS):
    """A 3/4 MidiContent of (beat, pitch, velocity, length, channel) notes."""
    notes = sorted(notes)
    return MidiContent("waltz.mid", Notes.from_lists([n[0] for n in notes], [n[1] for n in notes],
                                                     [n[2] for n in notes], [n[0] + n[3] for n in notes],
                                                     [n[4] for n in notes]), 480, [(0.0, 120.0)], [(0.0, 3, 4)],
                       bars * 3.0, [])


def test_a_waltz_band_playing_8ths_to_its_last_beat_under_a_roll_plays_through():
    """In 3/4 the band plays 8ths from beat 1 to beat 3 (the bar's last beat) under a timpani's roll: the band
    plays through the bar, no break; the limit is the "and" of the bar's middle beat in its own meter (beat 2's
    in 3/4), where it had been read as 4/4's step 10 less a beat: beat 3, and the drums laid out."""
    band = [((b - 1) * 3.0 + t, p, 100, 0.9, c) for b in range(1, BARS + 1) if b != BREAK
            for t, p, c in ((0.0, 40, 0), (1.0, 64, 1), (2.0, 64, 1))]
    at = (BREAK - 1) * 3.0
    band += [(at + e / 2, p, 100, 0.2, c) for e in range(5) for p, c in ((40, 0), (64, 1))]
    band += [(at + s / 4, 45, 90, 0.2, 2) for s in range(12)]
    assert not [s for s in stops_of(waltz(band)) if s.bar == BREAK and s.caught]
    short = [n for n in band if not (at + 2.0 <= n[0] < at + 3.0 and n[4] < 2)]  # the figure to beat 2's "and"
    steps = [s.step for s in stops_of(waltz(short)) if s.bar == BREAK]
    assert [s - steps[0] for s in steps] == [0, 2, 4, 6]  # caught chord by chord, as in 4/4
