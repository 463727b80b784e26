"""An 808 line at 145 BPM drummed in normal time gets the backbeat on 2 and 4, where a trap producer expects the
snare on each bar's 3: drumify says the half-time feel plays it so. It says nothing of a punk bass in 8ths, a busy
funk line, the same line at a ballad's or drum'n'bass tempo, in 7/8, or where half time was asked."""

import pytest
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

# the 808, each bar: the 1 held, the "a" of 2, the "and" of 3 an octave up, the "a" of 4; keys hold a chord
TRAP_BAR = ((0.0, 36), (1.75, 36), (2.5, 48), (3.75, 36))
PUNK_BAR = tuple((k * 0.5, 40) for k in range(8))
FUNK_BAR = tuple((k * 0.25, 40 + 3 * (k % 3)) for k in range(16) if k not in (2, 9, 13))
HINT = "reads as an 808 line"


def part(make_midi, bar, bpm, name, beats=4.0, signature=(4, 4), bars=8):
    notes = [(beats * b + t, pitch, 100, 0) for b in range(bars) for t, pitch in bar if t < beats]
    notes += [(beats * b, p, 60, 1) for b in range(bars) for p in (60, 63, 67)]
    return read_midi(make_midi(sorted(notes), name, tempos=((0, float(bpm)),), length=0.6,
                               time_signatures=((0, *signature),)))


def said(content, **settings) -> str:
    return " | ".join(Engine(StubModel()).drumify(content, Settings(**settings)).messages)


@pytest.mark.parametrize("bpm", [140, 145, 150])
def test_an_808_line_at_trap_tempo_is_told_the_half_time_feel(make_midi, bpm):
    line = part(make_midi, TRAP_BAR, bpm, f"trap_{bpm}.mid")
    assert f"the bass reads as an 808 line at {bpm} BPM: trap plays it in half time" in said(line)
    assert HINT not in said(line, feel="half")  # asked for: nothing to tell


@pytest.mark.parametrize("bar, bpm", [(PUNK_BAR, 145), (FUNK_BAR, 145), (TRAP_BAR, 95), (TRAP_BAR, 174)])
def test_other_bass_lines_and_tempos_are_not(make_midi, bar, bpm):
    assert HINT not in said(part(make_midi, bar, bpm, "other.mid"))


def test_an_808_line_in_an_odd_meter_is_not(make_midi):
    line = part(make_midi, TRAP_BAR, 145, "seven.mid", beats=3.5, signature=(7, 8))
    assert HINT not in said(line)
