"""Parts joining and leaving in 5/4, where drumify's windows are one bar each (freedoom's d_e2m4: both steel guitars
join the bass and strings on bar 9, its drummer fills and crashes there). sections.layer_sections had read only 2-bar
windows: the whole 5/4 song had no lineup change heard, one pattern from bar 2 to 9 with no fill and no crash."""

import mido
from conftest import save_tracks
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.sections import layer_sections
from reagroove.core.settings import Settings

TPB = 480
BEATS = 5
EIGHTHS = tuple(k / 2 for k in range(2 * BEATS))


def song(path):
    """5/4 at 120: a bass on every 8th and strings (a chord held each bar) bars 1-24; two guitars bars 9-16 only,
    on the bass's 8ths (the band's rhythm the same: only its lineup changes)."""
    def part(channel, pitches, beats, bars, length=0.4):
        out = []
        for bar in bars:
            for beat in beats:
                on = round(((bar - 1) * BEATS + beat) * TPB)
                for p in pitches:
                    out += [(on, mido.Message("note_on", channel=channel, note=p, velocity=90)),
                            (on + round(length * TPB), mido.Message("note_off", channel=channel, note=p, velocity=0))]
        return out

    whole = range(1, 25)
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120))),
            (0, mido.MetaMessage("time_signature", numerator=5, denominator=4))]
    return save_tracks(path, [meta, part(0, (33,), EIGHTHS, whole), part(1, (57, 60, 64), (0.0,), whole, 4.8),
                              part(2, (64, 67), EIGHTHS, range(9, 17)),
                              part(3, (71,), EIGHTHS, range(9, 17))], tpb=TPB)


def test_guitars_joining_and_leaving_in_5_4_start_sections(tmp_path):
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "five.mid")), Settings())
    assert int(res.bars[1]) - int(res.bars[0]) == 1  # one bar a window
    assert {9, 17} <= set(crash_bars(res)), crash_bars(res)
    assert any("join in bar 9 (2 parts to 4)" in m and "leave in bar 17" in m for m in res.messages), res.messages


def test_two_bar_windows_read_as_before():
    """4/4's 2-bar windows: the same change on bar 9 (a phrase) is heard, one on bar 11 (off the phrases) is not."""
    bars = list(range(1, 33, 2))
    assert layer_sections([2] * 4 + [4] * 12, bars, [], []) == {9: (2, 4)}
    assert layer_sections([2] * 5 + [4] * 11, bars, [], []) == {}


def blues_12_8(path):
    """12/8 at 70: a bass on each dotted quarter and keys on every 8th bars 1-24; two horns bars 7-14 only (joining
    and leaving off the song's 4-bar phrases, 1, 5, 9, 13...)."""
    def part(channel, pitches, beats, bars):
        return [(round(((bar - 1) * 6.0 + beat) * TPB) + k, mido.Message(kind, channel=channel, note=p, velocity=v))
                for bar in bars for beat in beats for p in pitches
                for k, kind, v in ((0, "note_on", 90), (190, "note_off", 0))]
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(70))),
            (0, mido.MetaMessage("time_signature", numerator=12, denominator=8))]
    whole, horns = range(1, 25), range(7, 15)
    return save_tracks(path, [meta, part(0, (60, 64, 67), tuple(k / 2 for k in range(12)), whole),
                              part(1, (36,), (0.0, 1.5, 3.0, 4.5), whole), part(2, (70, 74), (0.0, 1.5, 3.0, 4.5), horns),
                              part(3, (79,), (0.0, 3.0), horns)], tpb=TPB)


def test_horns_joining_off_the_phrase_in_12_8_start_no_section_as_in_4_4(tmp_path):
    """One-bar windows keep the phrase rule of 4/4's 2-bar ones: horns joining a 12/8 blues on bar 7 and leaving on
    bar 15 get no fill and crash there (they had, where the same music in 4/4 got none)."""
    res = Engine(BarEndFills()).drumify(read_midi(blues_12_8(tmp_path / "blues.mid")), Settings())
    assert int(res.bars[1]) - int(res.bars[0]) == 1  # one bar a window
    assert not {7, 15} & set(crash_bars(res)), crash_bars(res)
    assert not any("join in bar 7" in m or "leave in bar 15" in m for m in res.messages), res.messages
    bars = list(range(1, 25))
    assert layer_sections([2] * 6 + [4] * 8 + [2] * 10, bars, [], []) == {}
    assert layer_sections([2] * 8 + [4] * 8 + [2] * 8, bars, [], []) == {9: (2, 4), 17: (4, 2)}  # on the phrases


def test_after_a_two_bar_insert_the_phrases_count_from_the_next_block():
    """Freedoom's 5/4 d_e2m4 plays two bars of 7 parts (13-14) between 4-bar blocks; from bar 15 its blocks change
    on 19, 23 and 31, where its drummer crashes: those are heard (one-bar windows, counted again from 15)."""
    counts = [3] * 8 + [5] * 4 + [7] * 2 + [5] * 4 + [7] * 4 + [5] * 8 + [3] * 4 + [5] * 8
    assert sorted(layer_sections(counts, list(range(1, len(counts) + 1)), [], [])) == [9, 19, 23, 31, 35]


def test_after_a_4_bar_build_one_bar_windows_count_the_whole_build_as_2_bar_windows_do():
    """A section heard on bar 9 (a 4-bar build whose parts change in its middle), the band joining on 13: 4/4's
    2-bar windows read the whole build (its parts not held: no section), one-bar windows had read its last 2 bars."""
    counts = [2] * 8 + [3] * 2 + [4] * 2 + [6] * 8
    assert layer_sections(counts[::2], list(range(1, 21, 2)), [], [9]) == {}
    assert layer_sections(counts, list(range(1, 21)), [], [9]) == {}
