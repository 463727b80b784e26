"""Through the engine on the shipped model: a mid-song bar where the band plays a short figure of hits and
rests is caught as a drummer catches it (kick and crash on its first hit, kick and snare on the next, the rest of
the bar open up to any fill),
and a sparse part that plays so every bar is a groove the drums keep time through."""

import numpy as np
from test_sections import EIGHTHS, band, write_song
from test_stop_time import CRASH, KICK, SNARE, bar_hits

from reagroove.core import read_midi
from reagroove.core.settings import Settings

HATS = (2, 3)  # closed and open hi-hat
RIDE = 8


def test_the_drums_catch_a_bar_of_band_hits_and_leave_the_space(tmp_path, shipped):
    # 8ths in bars 1-7 and 9-16; bar 8: two short chords, on 1 and the "and" of 2, then silence to bar 9
    # (the drums had played a groove and a fill through it as if the band played on)
    notes = band([*range(1, 8), *range(9, 17)], EIGHTHS) + band([8], (0.0, 1.5), 0.25)
    res = shipped.drumify(read_midi(write_song(tmp_path / "hits.mid", notes)), Settings())
    assert [(s.bar, s.back_bar) for s in res.stops if s.bar == 8] == [(8, 8), (8, 9)]
    assert any("2 short hits in bar 8 and rests until bar 9" in m for m in res.messages)
    hits = bar_hits(res, 8)
    assert hits[0, KICK] and hits[0, CRASH]  # with each of the band's hits: the first crashed,
    assert hits[6, KICK] and hits[6, SNARE] and not hits[6, CRASH]  # the next kick and snare under its ring
    assert not hits[1:6].any() and not hits[7:8].any()  # the space between and after them, to beat 3
    assert not hits[:, [*HATS, RIDE]].any()  # no time kept under the hits
    assert bar_hits(res, 9)[:, SNARE].any()  # back in with the band

    # a bass line of two short notes a bar (1 and the "and" of 2) all song: a groove, not hits
    notes = band(range(1, 17), (0.0, 1.5), 0.25)
    res = shipped.drumify(read_midi(write_song(tmp_path / "sparse.mid", notes)), Settings())
    assert not [s for s in res.stops if s.back is not None]
    assert all(bar_hits(res, bar)[:, SNARE].any() for bar in range(2, 16))
