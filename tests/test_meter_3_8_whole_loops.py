"""3/8 loops hold whole loops of bars: four 3/8 bars (two of 6/8), so the model's 2-bar loop plays its bars
1, 2, 1, 2 and the next loop starts on its bar 1 again, in step with 4- and 8-bar phrases. Five bars (7.5 beats,
as many as fit in 8) had played 1, 2, 1, 2, 1 and then 1 again, each loop starting on bars 1, 6, 11, 16."""

from reagroove.core import read_midi
from reagroove.core.meter import window_beats
from reagroove.core.settings import Settings


def test_a_3_8_part_gets_loops_of_four_bars(shipped, make_midi):
    notes = [(b * 1.5, 36, 105, 0, 1) for b in range(16)]
    notes += [(b * 1.5 + e * 0.5, p, 64, 0, 0) for b in range(16) for e in range(3) for p in (60, 64, 67)]
    res = shipped.drumify(read_midi(make_midi(notes, time_signatures=((0, 3, 8),))), Settings(fill_every=4))
    assert [int(b) for b in res.bars] == [1, 5, 9, 13]
    for bars in res.meters:  # the loop's bar 1 on odd bars, its bar 2 on even ones
        assert [[b.source for b in bar] for bar in window_beats(bars)] == [[0, 1], [4, 5], [0, 1], [4, 5]]
    assert any("a loop is 4 bars of 3/8" in m for m in res.messages)


def test_a_5_8_part_gets_loops_of_two_bars(shipped, make_midi):
    # three 5/8 bars a loop had played its bars 1, 2, 1 and then 1 again: loops on bars 1, 4, 7, ... out of step
    # with a band phrasing in 2s and 4s
    notes = [(b * 2.5, 36, 105, 0, 1) for b in range(16)]
    notes += [(b * 2.5 + e * 0.5, 60, 64, 0, 0) for b in range(16) for e in range(5)]
    res = shipped.drumify(read_midi(make_midi(notes, time_signatures=((0, 5, 8),))), Settings(fill_every=4))
    assert [int(b) for b in res.bars] == list(range(1, 17, 2))
    assert all(len(window_beats(bars)) == 2 for bars in res.meters)
    assert any("a loop is 2 bars of 5/8" in m for m in res.messages)
