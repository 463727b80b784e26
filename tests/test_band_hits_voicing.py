"""Band hits voiced as a drummer voices them: the first of a bar's short hits with kick and crash, the ones after
it with kick and snare (a crash on every short hit put two or three crashes in one bar, where real drummers
play 0.2 a bar): the engine plays each stop's hit (fills.end_on_hit), then band_hits.voice_hits."""

import numpy as np
from test_sections import EIGHTHS, band, write_song
from test_stop_time import CRASH, KICK, SNARE, bar_hits

from reagroove.core import read_midi
from reagroove.core.settings import Settings


def test_a_bars_band_hits_get_one_crash_then_kick_and_snare(tmp_path, shipped):
    # 8ths in bars 1-7 and 9-16; bar 8: three short chords, on 1, the "a" of 1 and the "and" of 2, then silence
    notes = band([*range(1, 8), *range(9, 17)], EIGHTHS) + band([8], (0.0, 0.75, 1.5), 0.25)
    res = shipped.drumify(read_midi(write_song(tmp_path / "hits.mid", notes)), Settings())
    assert [s.step % 16 for s in res.stops if s.bar == 8] == [0, 3, 6]
    hits = bar_hits(res, 8)
    assert hits[0, KICK] and hits[0, CRASH]  # the first with kick and crash
    for step in (3, 6):
        assert hits[step, KICK] and hits[step, SNARE] and not hits[step, CRASH], step
    assert hits[:, CRASH].sum() == 1  # one crash in the bar, ringing over the rest
    assert bar_hits(res, 9)[:, SNARE].any()  # the band back, the groove with it

    # the snare muted: the hits after the first keep kick and crash
    muted = bar_hits(shipped.drumify(read_midi(write_song(tmp_path / "hits.mid", notes)),
                                     Settings(voice_groups={**Settings().voice_groups, "snare": False})), 8)
    assert muted[6, KICK] and muted[6, CRASH] and not muted[:8, SNARE].any()  # (a fill may follow from beat 3)
