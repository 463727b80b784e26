"""A drummer counting phrases over an odd bar: a 2/4 bar (or two bars of 3/4) in a 4/4 song ends the band's phrase,
so a fill every N bars fills over it and crashes on the bar after, and counts its phrases again from there. The
fills had stayed on the plain count: a 2/4 bar after 8 bars put the crash on the 2/4 bar and the next phrases' fills
a bar before the band's phrases ended."""

from test_engine_meter_tempo_sections import fills, riff
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.sections import odd_bar_phrases
from reagroove.core.settings import Settings


def short_bar(at, beats):
    """A bar of `beats` quarter notes: the bass on its beats, the keys' chord on its downbeat."""
    return [(at + k, 40 if k == 0 else 45, 110 if k == 0 else 90, 0) for k in range(beats)] + [(at, 64, 80, 1)]


def song(make_midi, odd_beats, odd_bars, before=8, after=8):
    """`before` bars of 4/4, `odd_bars` bars of odd_beats/4, `after` bars of 4/4."""
    odd_at = before * 4.0
    back = odd_at + odd_bars * odd_beats
    notes = riff(0.0, before, 4) + [n for b in range(odd_bars) for n in short_bar(odd_at + b * odd_beats, odd_beats)]
    notes += riff(back, after, 4)
    return make_midi(sorted(notes), time_signatures=((0, 4, 4), (odd_at, odd_beats, 4), (back, 4, 4)))


def test_a_2_4_bar_after_a_phrase_takes_its_fill_and_the_next_phrase_counts_from_the_bar_after(make_midi):
    path = song(make_midi, 2, 1)  # bars 1-8 4/4, bar 9 2/4, bars 10-17 4/4
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=2))  # a fill every 4 bars
    # the band's phrases: 1-4, 5-8 (+ the 2/4 bar), 10-13, 14-17; no fill in 17, the song's last bar
    assert crash_bars(res) == [1, 5, 10, 14]
    assert fills(res, range(1, 18)) == [4, 9, 13]
    said = " | ".join(res.messages)
    assert "counts its phrases again after the 2/4 bar in bar 9" in said, said


def test_two_bars_of_3_4_end_the_phrase_they_close(make_midi):
    path = song(make_midi, 3, 2)  # bars 1-8 4/4, bars 9-10 3/4, bars 11-18 4/4
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=2))
    crashes = crash_bars(res)
    assert 11 in crashes and 13 not in crashes and 15 in crashes
    assert 10 in fills(res, range(1, 19)) and 12 not in fills(res, range(1, 19))


def test_the_odd_bar_is_heard_where_the_music_around_it_keeps_its_meter(make_midi):
    wins = extract_windows(read_midi(song(make_midi, 2, 1)))
    assert odd_bar_phrases(wins.bars, wins.meters, wins.starts, wins.end) == {10: (1, (2, 4))}
    # a riff alternating 4/4 and 3/4 bars is one groove, no phrase ends in it
    notes, sigs, at = [], [], 0.0
    for k in range(12):
        beats = 4 if k % 2 == 0 else 3
        notes += riff(at, 1, 4) if beats == 4 else short_bar(at, 3)
        sigs.append((at, beats, 4))
        at += beats
    wins = extract_windows(read_midi(make_midi(sorted(notes), name="alternating.mid", time_signatures=tuple(sigs))))
    assert odd_bar_phrases(wins.bars, wins.meters, wins.starts, wins.end) == {}
    # nor where the meter changes and holds (a 3/4 bridge is a section of its own: meter_sections)
    wins = extract_windows(read_midi(song(make_midi, 3, 8)))
    assert odd_bar_phrases(wins.bars, wins.meters, wins.starts, wins.end) == {}


def test_without_a_fill_every_n_bars_the_odd_bar_adds_no_fill_or_crash(make_midi):
    res = Engine(BarEndFills()).drumify(read_midi(song(make_midi, 2, 1)), Settings())
    assert crash_bars(res) == [1] and fills(res, range(1, 18)) == []


def test_shipped_model_crashes_on_the_bar_after_the_2_4_bar(shipped, make_midi):
    res = shipped.drumify(read_midi(song(make_midi, 2, 1)), Settings(fill_every=2))
    assert crash_bars(res) == [1, 5, 10, 14]
