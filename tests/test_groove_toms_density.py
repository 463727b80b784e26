"""A dense groove keeps its toms to what the genre's drummers play in groove bars, not a tom on every downbeat.

`--genre rock --density 0.8` (and 1) over each bundled example played a loud high tom on beat 1 of nearly every
groove bar, through the whole song: the density's count freed hits past the kick's and snare's limits and the band
network ranked a tom next. GMD's rock drummers who are not playing a tom groove put a tom on beat 1 in 1% of their
groove bars (core/groove_toms.py). Fills keep their toms; latin's tom grooves stay; the density still spans its range."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.genres import GENRES
from reagroove.core.groove_toms import TOM_SHARES, groove_tom_shares, spare_toms, toms_spared

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK, SNARE, CLOSED_HAT, N_VOICES = 0, 1, 2, 9
TOMS = slice(4, 7)


def mix_of(genre, n):
    mix = np.zeros((n, len(GENRES)), np.float32)
    mix[:, GENRES.index(genre)] = 1.0
    return mix


def bar_starts(result):
    """(loop index, first step) of each whole bar the result plays, on the real 16th grid."""
    for i, bars in enumerate(result.meters_played):
        for start, num, _ in bars:
            lo = round(start * 4)
            if num >= 3 and lo + 12 <= result.loops.shape[1]:
                yield i, lo


@pytest.mark.parametrize("example", ["funk_bass", "piano_waltz", "shuffle_blues"])
@pytest.mark.parametrize("density", [0.8, 1.0])
def test_a_dense_rock_groove_plays_no_tom_on_every_downbeat(shipped, example, density):
    pytest.importorskip("torch")
    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings

    res = shipped.drumify(read_midi(EXAMPLES / f"{example}.mid"), Settings(genre={"rock": 1.0}, density=density))
    starts = list(bar_starts(res))
    assert len(starts) >= 6
    on_one = [bool((res.loops[i, lo, TOMS] > 0.5).any()) for i, lo in starts]
    # rock's drummers: a tom on beat 1 in 1% of their groove bars (a whole bar of the song at most, rounded up)
    assert sum(on_one) <= 1, (example, density, on_one)
    assert (res.loops[..., :N_VOICES] > 0.5).sum() > 0


def test_spare_toms_keeps_a_genres_share_of_bars_and_leaves_fills_and_latin():
    n = 8
    top = np.zeros((n, 32, N_VOICES), bool)
    top[:, [0, 16], 6] = True  # a high tom on beat 1 of every bar
    top[:, [4, 12, 20, 28], SNARE] = True
    rows = np.ones(n, bool)
    rows[0] = False  # a fill
    spared = spare_toms(top, groove_tom_shares(mix_of("rock", n)), rows)
    assert not spared[0].any()  # the fill keeps its toms
    assert (top & ~spared)[1:, [0, 16], 6].sum() <= 1  # rock: 1% of 14 bars, a bar at most
    assert not spared[..., SNARE].any()
    half = spare_toms(top, np.full((n, 16), 0.5, np.float32), np.ones(n, bool))
    assert abs((top & ~half)[..., 6].sum() - 8) <= 1  # half the 16 bars keep their tom (to a bar)
    assert not spare_toms(top, groove_tom_shares(mix_of("latin", n)), np.ones(n, bool)).any()  # latin's tom grooves
    no_genre = groove_tom_shares(np.zeros((1, len(GENRES)), np.float32))
    assert np.all(no_genre == 1.0)  # (no genre asked: the network's toms)
    assert TOM_SHARES["rock"][0] < 0.02


def test_the_freed_hits_go_to_the_kick_snare_and_hats_eighths():
    score = np.full((1, 32, N_VOICES), -5.0, np.float32)
    score[0, 0, 6] = 1.0  # the tom counted
    score[0, 3, 8] = 0.5  # a ride the count had left out
    score[0, 6, CLOSED_HAT] = 0.2  # a hat on an 8th
    score[0, 5, CLOSED_HAT] = 0.3  # and on a 16th (busy rock bars keep the hats to 8ths; swung, the "e" jars)
    top = score > 0.6  # (the tom alone)
    spared = spare_toms(top, groove_tom_shares(mix_of("rock", 1)), np.ones(1, bool))
    recount = toms_spared(score, top, spared)
    assert recount[0, 0, 6] == -np.inf and recount[0, 3, 8] == -np.inf
    assert recount[0, 6, CLOSED_HAT] == pytest.approx(0.2)  # the hat's 8th is the likeliest cell left
    assert recount[0, 5, CLOSED_HAT] == -np.inf


def test_fills_keep_their_toms_and_the_density_spans_its_range_under_rock(shipped):
    pytest.importorskip("torch")
    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings
    from reagroove.models import drumify_batch

    grooves = shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"), Settings()).grooves
    fills = drumify_batch(grooves, genre="rock", density=1.0, fill=True)
    assert (fills[..., TOMS] > 0.5).any()  # a fill is the network's, toms and all
    counts = [(shipped.drumify_grooves(grooves, Settings(genre={"rock": 1.0}, density=d)).loops[..., :N_VOICES]
               > 0.5).sum() for d in (0.0, 0.25, 0.5, 0.75, 1.0)]  # the slider's range
    assert all(a < b for a, b in zip(counts, counts[1:])), counts
