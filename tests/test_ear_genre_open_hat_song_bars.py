"""Hip-hop's open hat counts the song's bars, not the first bar drummed (Conditioning.song_bar,
core/genre_open_hats.py): `d_e1m1.mid --genre funk --bars 1-36` opened bars 3, 4, 18, 27, 28, 32-36 and `--bars 5-36`
bars 7, 8, 22, ... (moved on 4 bars: runs ending on a phrase's 2nd bar). The model, told each loop's bar in the song,
opens the bars the whole song's drums open there."""

import dataclasses

import numpy as np
import pytest

from reagroove.core.limbs import OPEN_HAT
from reagroove.core.settings import Settings

pytest.importorskip("torch")

SONG_BARS = 40


def funk_bass(bars: int):
    """A funk bass in 8ths and 16ths at 96 BPM over `bars` bars (its windows: extract_windows)."""
    from reagroove.core.groove import extract_windows
    from reagroove.core.midi import MidiContent, Notes

    line = (0.0, 0.75, 1.5, 2.0, 2.5, 3.25, 3.5)
    starts = [4 * bar + t for bar in range(bars) for t in line]
    pitches = [36 + (k % 3) * 5 + 2 * (bar % 4 == 3) for bar in range(bars) for k in range(len(line))]
    notes = Notes.from_lists(starts, pitches, [100 if s % 1 == 0 else 80 for s in starts], [s + 0.2 for s in starts])
    return extract_windows(MidiContent("funk.mid", notes, 480, [(0.0, 96.0)], [(0.0, 4, 4)], bars * 4.0, []))


@pytest.mark.parametrize("genre", ["hiphop", "funk"])
def test_drummed_from_mid_song_the_hat_opens_on_the_song_s_bars(shipped, genre):
    settings = Settings(genre={genre: 1.0})
    wins = funk_bass(SONG_BARS)
    z, g, bass = shipped.target(settings, wins.grooves, bass=wins.bass)
    n = len(g)
    of = lambda a, rows: None if a is None else a[rows]  # noqa: E731

    def opened(rows, first):
        """The loops `rows`' steps open on the hat, told their first bar is the song's 2 * first."""
        cond = shipped.conditioning(settings, len(rows), bass=of(bass, rows))
        cond = dataclasses.replace(cond, song_bar=2 * np.arange(first, first + len(rows)))
        return shipped.model.generate(g[rows], of(z, rows), cond)[..., OPEN_HAT] > 0.5

    song = opened(np.arange(n), 0)
    assert song.any()
    for skip in (2, 3):  # from the song's bar 5 and 7 on
        np.testing.assert_array_equal(opened(np.arange(skip, n), skip), song[skip:])
