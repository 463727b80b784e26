"""One part joining on every 16th over a riff with gaps starts a section (busy_part_sections.py)."""

from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

RIFF = (0, 2, 3, 5, 6, 8, 9, 11, 12, 14)  # the 16ths of a riff with gaps (x-xx-xx-xx-xx-x-)


def riff(bars):
    """Bass and a keys chord on the riff's 16ths, and a pad on each downbeat, in the listed bars (1-based)."""
    notes = [((b - 1) * 4.0 + s / 4, p, 100, c) for b in bars for s in RIFF for p, c in ((40, 0), (64, 1))]
    return notes + [((b - 1) * 4.0, 72, 90, 3) for b in bars]


def sixteenths(bars, channel=2):
    """A lead line on every 16th of the listed bars."""
    return [((b - 1) * 4.0 + s / 4, 76 + s % 3, 100, channel) for b in bars for s in range(16)]


def test_a_part_joining_on_every_16th_starts_a_section(make_midi):
    """8 bars of the riff, then a 16th line over it from bar 9 (the band's onsets a third of the bar busier, one part
    more): a drummer fills into bar 9 and crashes there, as freedoom's d_e4m7's drummer does at its bar 17. It had
    been played through, as one more part and a rhythm changed less than a new section's."""
    path = make_midi(sorted(riff(range(1, 17)) + sixteenths(range(9, 17))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 9], crash_bars(res)
    assert any("parts of the band join in bar 9 (3 parts to 4)" in m for m in res.messages), res.messages


def test_a_16th_line_joining_a_band_already_on_every_16th_is_no_section(make_midi):
    """The riff filled in (the keys on every 16th): the line joining adds no onset a drummer hears, no section."""
    full = [((b - 1) * 4.0 + s / 4, 64, 100, 1) for b in range(1, 17) for s in range(16)]
    path = make_midi(sorted(full + [((b - 1) * 4.0, 40, 100, 0) for b in range(1, 17)] + sixteenths(range(9, 17))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1], crash_bars(res)
