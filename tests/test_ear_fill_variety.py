"""A song's fills do not repeat as the ear hears them, and another seed plays another beat fill.

A drummer reading by ear found fills alike across a song: over freedoom's d_e2m1 (bars 1-32, --fill-every 4bars)
bars 8 and 16 nearly the same; over d_dm07 (bars 1-48) 5 of the 66 pairs of fills one rhythm; a run down the high
tom and one down the mid tom had counted as two fills though the ear hears one (fills were kept unlike only the two
before, by their drums); and over the bundled funk riff with --fill-length beat seeds 0, 1 and 3 drew one beat fill.
The ear tells fills apart by their rhythm (the 16ths struck) and where they move down the kit, not by which tom."""

from pathlib import Path

import numpy as np
import pytest
from test_live_fill_runs import part_of_fills, window_by_window

from reagroove.core import read_midi
from reagroove.core.fill_runs import fill_out
from reagroove.core.limbs import HIGH_TOM, LOW_TOM, MID_TOM, SNARE
from reagroove.core.live_runs import LiveRuns
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
DRUMS = [SNARE, HIGH_TOM, MID_TOM, LOW_TOM]  # down the kit


def rhythm(fill: np.ndarray) -> tuple:
    """The 16ths of a fill (steps, 27) on which a snare or tom is struck."""
    return tuple(np.flatnonzero((fill[:, DRUMS] > 0.5).any(1)).tolist())


def by_ear(fill: np.ndarray) -> tuple:
    """A fill as the ear tells it from another: its rhythm and, stroke by stroke, whether it moves on down the kit
    (which tom it moves to is not told: a high tom's run and a mid tom's are one)."""
    hits = fill[:, DRUMS] > 0.5
    height = [int(np.argmax(h)) for h in hits if h.any()]
    return rhythm(fill), tuple(np.sign(np.diff(height)).tolist())


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("lo, bpm", [(24, 110.0), (16, 96.0), (28, 120.0)])
def test_eight_fills_of_a_song_are_eight_fills_to_the_ear_and_live_plays_them_as_drumify(seed, lo, bpm):
    # 8 phrases of one groove, each ending in the network's thin fill (a 32-bar song, a fill every 4 bars)
    loops, fill_at = part_of_fills(8, lo)
    settings = Settings(seed=seed)
    drumify = fill_out(loops.copy(), np.arange(8), fill_at, None, settings, None, bpm)
    fills = [loop[lo:] for loop in drumify]
    heard = [by_ear(f) for f in fills]
    # no fill sounds like one of the four before it (a 16-bar form's fills); a half bar or bar has rhythms enough
    # for nearly each of the song's 8 fills its own (a beat's three strokes: three). (The runs are drawn from the
    # song's groove too, fill_runs.song_key: a rhythm may come back after four others, as the memory ranks a
    # landing unlike the last ones above a rhythm never heard; 8 of 8 had held for these seeds by the draw)
    assert all(h not in heard[max(0, i - 4):i] for i, h in enumerate(heard)), heard
    if lo <= 24:
        assert len({rhythm(f) for f in fills}) >= 7, [rhythm(f) for f in fills]
    # a live session playing the part loop by loop plays the same fills
    live = window_by_window(loops, fill_at, settings, bpm, LiveRuns(), range(8))
    assert (live == drumify).all()


def test_another_seed_plays_another_beat_fill(shipped):
    song = read_midi(EXAMPLES / "funk_bass.mid")
    heard = set()
    for seed in range(6):
        result = shipped.drumify(song, Settings(fill_every=2, fill_length="beat", seed=seed))
        w = next(i for i, first in enumerate(result.bars) if first <= 4 < first + 2)  # the fill ends bar 4
        start = 16 * (4 - int(result.bars[w]))
        heard.add(by_ear(result.loops[w, start + 12:start + 16]))
    assert len(heard) >= 5, heard  # (the beat's cells and paths give more than six)
