"""Odd meters grouped as the part plays them: a 7/8 bass accenting the 1st, 4th and 6th 8th is 3+2+2, a 9/8
part on every other 8th is 2+2+2+3, and the drums' beats (the snare's backbeat) follow; a part that does not
say so keeps 2+2+3 (3+3+3)."""

import pickle

import numpy as np
import pytest
from stub_model import StubModel

from reagroove.core import meter
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.loop import VOICES
from reagroove.core.meter import GroupedBar, grooves_to_loop, loops_to_bars, window_beats
from reagroove.core.meter_read import follow_groupings
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.settings import Settings

SNARE = VOICES.index("snare")


def part(bars_of_eighths, num, den=8, loud=100, soft=None):
    """A part in num/den: per bar, the 8ths (0-based) it plays loud; `soft` ones between at that velocity."""
    length = num * 4.0 / den
    beats, vels = [], []
    for k, loud_eighths in enumerate(bars_of_eighths):
        for e in range(num):
            if e in loud_eighths or soft is not None:
                beats.append(k * length + e / 2)
                vels.append(loud if e in loud_eighths else soft)
    notes = Notes.from_lists(beats, [40] * len(beats), vels)
    return MidiContent("part.mid", notes, 480, [(0.0, 120.0)], [(0.0, num, den)], len(bars_of_eighths) * length, [])


def grouped_windows(content):
    wins = extract_windows(content)
    wins.meters = follow_groupings(wins.grooves, wins.meters)  # as groove.py is to hand them on
    return wins


def snares(res, w):
    return list(np.flatnonzero(res.loops[w, :, SNARE] > 0.5))


def test_a_7_8_bass_grouped_3_2_2_gets_its_snare_on_its_4th_and_6th_8th():
    # the stub plays the loop's backbeat: on 2+2+3 that was the 3rd and 5th 8th, beats the part does not have
    wins = grouped_windows(part([(0, 3, 5)] * 4, 7))
    res = Engine(StubModel()).drumify_windows(wins, Settings())
    for w, bars in enumerate(res.meters):
        assert [b.groups for b in bars] == [(3, 2, 2)] * 2
        assert snares(res, w) == [6, 10, 20, 24], w  # 8ths 4 and 6 of both bars (16ths from the window)
        beats = [b.start for bar in window_beats(bars) for b in bar]
        assert beats == [0, 6, 10, 14, 20, 24]


def test_accents_alone_say_3_2_2_when_the_part_plays_every_8th():
    # the last window too: its last (soft) 8th, with nothing after it in the window, had read as a long note
    wins = grouped_windows(part([(0, 3, 5)] * 4, 7, loud=110, soft=70))
    assert [[b.groups for b in bars] for bars in wins.meters] == [[(3, 2, 2)] * 2] * 2


@pytest.mark.parametrize("loud,soft", [((0, 2, 4), None), ((0, 2, 4), 60), ((), 90)])
def test_a_part_that_says_2_2_3_or_nothing_keeps_2_2_3(loud, soft):
    content = part([loud] * 4, 7, soft=soft)
    plain = extract_windows(content).meters
    assert grouped_windows(content).meters == plain
    assert not any(isinstance(b, GroupedBar) for bars in plain for b in bars)


def test_a_9_8_part_on_every_other_8th_is_2_2_2_3():
    wins = grouped_windows(part([(0, 2, 4, 6)] * 4, 9))
    res = Engine(StubModel()).drumify_windows(wins, Settings())
    for w, bars in enumerate(res.meters):
        assert bars[0].groups == (2, 2, 2, 3)
        assert snares(res, w) == [4, 12], w  # the 3rd and 7th 8th, not the 4th (3+3+3's 2nd dotted beat)
    # a 9/8 in dotted beats stays 3+3+3
    assert grouped_windows(part([(0, 3, 6)] * 2, 9)).meters == extract_windows(part([(0, 3, 6)] * 2, 9)).meters


def test_each_window_follows_its_own_grouping():
    wins = grouped_windows(part([(0, 2, 4)] * 2 + [(0, 3, 5)] * 2, 7))
    assert [getattr(bars[0], "groups", None) for bars in wins.meters] == [None, (3, 2, 2)]


def test_the_part_read_onto_the_loop_and_the_loop_laid_back_agree():
    bars = ((0.0, 7, 8), (3.5, 7, 8))
    grouped = tuple(GroupedBar(o, n, d, (3, 2, 2)) for o, n, d in bars)
    groove = np.zeros((1, 32, 3), np.float32)
    groove[0, [0, 6, 10, 14, 20, 24], :2] = 1.0  # the part's beats
    read = grooves_to_loop(groove, grouped)
    heard = np.flatnonzero(read[0, :, 0] > 0.5)
    assert set(heard) >= {0, 4, 12, 16, 20, 28}  # on the loop's beats, so the model hears a beat there
    loop = np.zeros((1, 32, 27), np.float32)
    loop[0, heard, SNARE] = loop[0, heard, 9 + SNARE] = 1.0  # hit and velocity
    back = np.flatnonzero(loops_to_bars(loop, grouped)[0, :, SNARE] > 0.5)
    assert list(back) == [0, 6, 10, 14, 20, 24]
    assert window_beats(grouped) != window_beats(bars)  # the caches keep the two groupings apart


def test_a_grouped_bar_unpacks_compares_and_pickles_as_a_bar():
    bar = GroupedBar(0.0, 7, 8, (3, 2, 2))
    offset, num, den = bar
    assert (offset, num, den) == (0.0, 7, 8) and bar != (0.0, 7, 8) and (0.0, 7, 8) != bar
    assert pickle.loads(pickle.dumps((bar,))) == (bar,) and hash(bar) != hash((0.0, 7, 8))
    assert meter.bar_lengths(bar) == (6, 4, 4) and meter.bar_lengths((0.0, 7, 8)) == (4, 4, 6)


def test_drumify_follows_a_3_2_2_part():
    res = Engine(StubModel()).drumify(part([(0, 3, 5)] * 4, 7), Settings())
    assert snares(res, 0) == [6, 10, 20, 24]


def test_even_16ths_with_one_8th_left_out_keep_2_2_3():
    # Freedoom's E2M8 runs 16ths through its 7/8 bars, leaving out the 5th 8th now and then: a gap, not
    # accents, so a drummer keeps counting 2+2+3 (it had flipped to 3+2+2 for a window on that gap alone)
    beats = [k * 3.5 + s / 4 for k in range(2) for s in range(14) if s != 8]
    notes = Notes.from_lists(beats, [40] * len(beats), [90] * len(beats))
    content = MidiContent("part.mid", notes, 480, [(0.0, 120.0)], [(0.0, 7, 8)], 7.0, [])
    assert grouped_windows(content).meters == extract_windows(content).meters


def test_a_3_2_2_riff_keeps_its_grouping_through_its_rests():
    """A 7/8 riff grouped 3+2+2, 6 bars of rest, the riff again: the rest's windows went back to 2+2+3 (the
    drums switched grouping while the band was silent), and a window whose only notes were the next bar's
    downbeat (past its own bars) was heard as 2+2+3 too, so drumify said 'the meter changes (to 7/8 in bar
    3)' and put a fill and a crash there, in a file in 7/8 throughout."""
    riff = [(0, 3, 5)] * 2 + [()] * 6 + [(0, 3, 5)] * 2
    wins = grouped_windows(part(riff, 7))
    assert [getattr(bars[0], "groups", None) for bars in wins.meters] == [(3, 2, 2)] * 5
    res = Engine(StubModel()).drumify(part(riff, 7), Settings())
    assert not [m for m in res.messages if "meter changes" in m], res.messages
    assert any("the music rests in bars 3-8" in m for m in res.messages), res.messages


def test_a_9_8_part_grouped_anew_is_said_by_its_grouping():
    """A 9/8 song whose riff moves from 3+3+3 to 2+2+2+3 for 8 bars: a new section (the drums' beats move),
    said as the grouping it is, not as a change "to 9/8" in a song in 9/8 throughout."""
    wins = grouped_windows(part([(0, 3, 6)] * 8 + [(0, 2, 4, 6)] * 8, 9))
    res = Engine(StubModel()).drumify_windows(wins, Settings())
    said = [m for m in res.messages if "meter changes" in m]
    assert len(said) == 1 and "to 9/8 grouped 2+2+2+3 in bar 9" in said[0] and "to 9/8 in" not in said[0]
    assert 9 in res.section_bars


def test_a_bass_on_the_1st_4th_and_6th_8th_groups_a_7_8_riff_under_even_keys():
    """Keys on every 8th at one level over a bass on 8ths 1, 4 and 6: the drums had played 2+2+3 (the keys say
    nothing), their snare on the 3rd and 5th 8th, where the bass rests. The bass says 3+2+2."""
    beats, pitches = [], []
    for k in range(4):
        for e in range(7):
            beats.append(k * 3.5 + e / 2)
            pitches.append(64)
            if e in (0, 3, 5):
                beats.append(k * 3.5 + e / 2)
                pitches.append(36)
    notes = Notes.from_lists(beats, pitches, [80] * len(beats))
    content = MidiContent("riff.mid", notes, 480, [(0.0, 120.0)], [(0.0, 7, 8)], 14.0, [])
    wins = extract_windows(content)
    assert [[b.groups for b in bars] for bars in wins.meters] == [[(3, 2, 2)] * 2] * 2
    res = Engine(StubModel()).drumify_windows(wins, Settings())
    assert snares(res, 0) == [6, 10, 20, 24]  # 8ths 4 and 6 of both bars
