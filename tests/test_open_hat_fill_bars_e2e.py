"""`--genre disco` over a song with fills the producer asked for ending odd bars (--fill-bars 13,29: the crash on
bars 14 and 30, a loop's second bar): the hat opens on no bar with a fill or a crash (genre_open_hats.opened_bars'
edges, each loop bar's fill and crash from the engine's phrase plan). Before, only a loop's downbeat crash was seen:
d_dm22 with a section on bar 50 had opened the fill bar 49 and the crash bar 50."""

from __future__ import annotations

import numpy as np
import pytest

from test_genre_disco_open_hat import N_VOICES, OPEN, SONG_BARS, bass_song

CRASH = 7
FILL_BARS = (13, 29)  # (1-based; the crash on 14 and 30)


def test_disco_opens_no_fill_or_crash_bar_of_a_loops_second_bar(shipped, tmp_path):
    pytest.importorskip("torch")
    from reagroove.core.settings import Settings

    song = bass_song(tmp_path)
    opened_any = 0
    for seed in range(12):
        res = shipped.drumify(song, Settings(genre={"disco": 1.0}, seed=seed, fill_bars=FILL_BARS))
        bars = np.asarray(res.loops).reshape(-1, 16, 3 * N_VOICES)[:SONG_BARS] > 0.5
        opened = bars[..., OPEN].any(1)
        crashed = bars[:, 0, CRASH]
        edges = crashed.copy()
        edges[:-1] |= crashed[1:]  # (the bar before a crash: its fill)
        for bar in FILL_BARS:
            assert crashed[bar], (seed, bar)  # (0-based: the bar after the fill)
        assert not (opened & edges).any(), (seed, np.flatnonzero(opened & edges) + 1)
        opened_any += opened.any()
    assert opened_any >= 10
