"""A dense groove kept on the closed hat plays no stray ride stroke beside it: one time-keeping hand.

`--genre rock --density 1` over the bundled funk_bass played a ride on the "e" and "a" between closed 8th hats in
every bar, and over the bundled shuffle (seed 5) a ride on the "a" of 1 doubling the swung hat: the count ranked the
ride's cells beside the hats' and limbs.playable dropped only the rides that met a hat. GMD's rock drummers play a
ride in 4% of the bars they keep on the closed hat, never on the "e" of 1 (core/groove_toms.py RIDE_SHARES). A bar
kept on the ride (jazz) keeps its ride, and the density still rises across the slider."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.genres import GENRES

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK, SNARE, CLOSED_HAT, RIDE, N_VOICES = 0, 1, 2, 8, 9


def mix_of(genre, n):
    mix = np.zeros((n, len(GENRES)), np.float32)
    mix[:, GENRES.index(genre)] = 1.0
    return mix


def hat_bars_with_a_ride(res):
    """(bars kept on the closed hat, those with a ride stroke) over the 4/4 bars a result plays."""
    kept = with_ride = 0
    for i, bars in enumerate(res.meters_played):
        for start, num, _ in bars:
            lo = round(start * 4)
            if num != 4 or lo + 16 > res.loops.shape[1]:
                continue
            bar = res.loops[i, lo:lo + 16, :N_VOICES] > 0.5
            quarters = bar.reshape(4, 4, N_VOICES).any(1)
            if quarters[:, CLOSED_HAT].sum() >= 3 and quarters[:, RIDE].sum() < 3:
                kept += 1
                with_ride += bool(bar[:, RIDE].any())
    return kept, with_ride


@pytest.mark.parametrize("example,seed", [("funk_bass", None), ("shuffle_blues", 5)])
def test_a_dense_rock_groove_on_the_hats_plays_no_stray_ride(shipped, example, seed):
    pytest.importorskip("torch")
    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings

    res = shipped.drumify(read_midi(EXAMPLES / f"{example}.mid"), Settings(genre={"rock": 1.0}, density=1.0,
                                                                        **({} if seed is None else {"seed": seed})))
    kept, with_ride = hat_bars_with_a_ride(res)
    assert kept >= 6
    # rock's drummers: a ride in 4% of their hat-kept bars (a bar of the song at most, rounded up)
    assert with_ride <= 1, (example, kept, with_ride)


def test_spare_rides_leaves_a_ride_kept_bar_and_takes_the_ride_beside_the_hats():
    from reagroove.core.groove_toms import RIDE_SHARES, groove_ride_shares, hat_kept_bars, spare_rides

    top = np.zeros((2, 32, N_VOICES), bool)
    top[0, ::2, CLOSED_HAT] = True  # closed 8th hats ...
    top[0, 1::4, RIDE] = True  # ... and a ride on every "e"
    top[1, ::2, RIDE] = True  # a ride keeping 8ths
    top[1, 4::8, CLOSED_HAT] = True  # with the foot's chick on 2 and 4
    assert hat_kept_bars(top).tolist() == [[True, True], [False, False]]
    spared = spare_rides(top, groove_ride_shares(mix_of("rock", 2)), np.ones(2, bool))
    assert (top & ~spared)[0, :, RIDE].sum() <= 1  # rock: a ride in at most 4% of hat-kept bars
    assert not spared[1].any()  # the ride's own bar stays
    assert not spared[..., CLOSED_HAT].any()
    assert RIDE_SHARES["rock"][1] == 0  # never on the "e" of 1 (0 of 2485 bars)
    assert np.all(groove_ride_shares(np.zeros((1, len(GENRES)), np.float32)) == 1.0)  # no genre: as drawn


def test_a_freed_ride_spills_to_the_hats_16ths_only_over_a_band_in_16ths():
    from reagroove.core.groove_toms import toms_spared

    score = np.full((2, 32, N_VOICES), -5.0, np.float32)
    score[:, 1, RIDE] = 1.0  # the ride counted
    top = score > 0
    spared = top & (np.arange(N_VOICES) == RIDE)
    band = np.zeros((2, 32), bool)
    band[0, ::2] = True
    band[0, 3] = True  # the first band plays a 16th; the second plays nothing between its 8ths
    band[1, ::2] = True
    recount = toms_spared(score, top, spared, band)
    assert recount[0, 5, CLOSED_HAT] > -np.inf and recount[0, 5, CLOSED_HAT] < recount[0, 6, CLOSED_HAT]  # last
    assert recount[1, 5, CLOSED_HAT] == -np.inf


def test_the_density_still_rises_at_the_top_of_the_slider_under_rock(shipped):
    pytest.importorskip("torch")
    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings

    grooves = shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"), Settings()).grooves
    counts = [(shipped.drumify_grooves(grooves, Settings(genre={"rock": 1.0}, density=d)).loops[..., :N_VOICES]
               > 0.5).sum() for d in (0.75, 0.9, 1.0)]
    assert all(a < b for a, b in zip(counts, counts[1:])), counts
