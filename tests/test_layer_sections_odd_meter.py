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
