"""Through the engine on the shipped model: a band's stop time (a lone chord on the downbeat of each of a few
bars) gets a drummer's stop time, a hit with each chord and the space left open, a fill into the band's return;
a part whose lone downbeat chords go on for longer is its texture, and the drums keep time through it."""

import numpy as np
from test_sections import CRASH, EIGHTHS, band, write_song

from reagroove.core import read_midi
from reagroove.core.settings import Settings

KICK, SNARE = 0, 1


def bar_hits(res, bar):
    """(16, 9) bool: the drums' hits in `bar` (4/4, real grid)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = (bar - int(res.bars[w])) * 16
    return res.loops[w, m:m + 16, :9] > 0.5


def test_the_drums_hit_each_chord_of_a_stop_time_phrase_and_leave_the_space(tmp_path, shipped):
    # a rock band's 8ths in bars 1-8, stop time in bars 9-12 (one short chord on each downbeat), 8ths again
    # from bar 13: the drums had played a full groove (kick, backbeat, 8th hats) under the four chords
    notes = band([*range(1, 9), *range(13, 17)], EIGHTHS) + band(range(9, 13), (0.0,), 0.25)
    res = shipped.drumify(read_midi(write_song(tmp_path / "stop_time.mid", notes)), Settings())
    assert [(s.bar, s.back_bar) for s in res.stops] == [(9, 10), (10, 11), (11, 12), (12, 13)]
    assert any("stops dead on the downbeats of bars 9, 10, 11 and 12 and comes back in bar 13" in m
               for m in res.messages)
    for bar in (9, 10, 11, 12):
        hits = bar_hits(res, bar)
        assert hits[0, KICK] and hits[0, CRASH], bar  # with the band's chord
        assert not hits[1:8].any(), bar  # then the space, at least to beat 3
    for bar in (9, 10, 11):
        assert not bar_hits(res, bar)[1:].any(), bar  # no backbeat, no hats: the whole bar left open
    assert bar_hits(res, 13)[0, CRASH] and bar_hits(res, 14)[:, SNARE].any()  # back in with the band

    # lone chords on every downbeat for 12 bars after the intro are the part's texture: time kept through
    notes = band([*range(1, 5), *range(17, 21)], EIGHTHS) + band(range(5, 17), (0.0,), 0.25)
    res = shipped.drumify(read_midi(write_song(tmp_path / "sparse.mid", notes)), Settings())
    assert not res.stops
    assert all(bar_hits(res, bar)[:, SNARE].any() for bar in range(5, 17))
