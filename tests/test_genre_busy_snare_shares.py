"""A busy snare figure a genre's drummers seldom play keeps their share of bars per 16th, not every bar.

limbs.ghost_snares thinned only lone snares off the backbeat to a genre's share of bars (genre_ghosts.STEP_SHARES);
a busy bar (BUSY_SNARE or more) was left whole, so `--genre rock --density 0.9` over the bundled funk bass played
the "a" of 1 and the "e", "and" and "a" of 4 in all 8 bars, and `--genre disco=0.6,latin=0.4` (latin not leading:
disco's shares) the "a" of 2, the "e" of 3 and the "a" of 4 in every bar, where GMD's rock and disco drummers play a
snare on any one of those 16ths in at most a third of their bars. Funk's busy bars are its idiom (79% of GMD's funk
bars) and stay."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from test_ear_genre_ghost_notes import FUNK_BASS, busy_bars, snare_rows  # noqa: E402

from reagroove.core.genre_ghosts import STEP_SHARES, busy_thinned, ghost_ratios, lone_snare_rules  # noqa: E402
from reagroove.core.genres import GENRES  # noqa: E402
from reagroove.core.limbs import ghost_snares  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

SNARE, N_VOICES = 1, 9
BACKBEAT = np.isin(np.arange(16), (4, 12))


def step_shares(result):
    """(bars, share of the 4/4 bars with a snare at each 16th (16,))."""
    hits = np.array([hit for hit, _ in snare_rows(result)])
    return len(hits), hits.mean(0)


@pytest.mark.parametrize("genre, density, shares", [({"rock": 1.0}, 0.9, "rock"),
                                                    ({"disco": 0.6, "latin": 0.4}, None, "disco")])
def test_a_busy_figure_plays_each_16th_in_the_genres_share_of_bars(shipped, genre, density, shares):
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre=genre, density=density), bars=(1, 8))
    bars, played = step_shares(res)
    assert bars >= 8
    allowed = np.array(STEP_SHARES[shares])
    # at most the genre's share of the bars (rounded to a whole bar) at every 16th off the backbeat
    assert np.all(played[~BACKBEAT] <= np.ceil(allowed[~BACKBEAT] * bars) / bars + 1e-6), (genre, played)
    assert np.all(played[BACKBEAT] == 1.0)  # the backbeat in every bar
    assert played[~BACKBEAT].sum() > 0  # and not every snare off it gone


def test_funks_busy_bars_stay_whole(shipped):
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"funk": 1.0}), bars=(1, 8))
    assert len(busy_bars(res)) >= 6


def busy_loops(n=8):
    """n loops of two bars, each a backbeat (1.0) and four snares off it (0.8)."""
    loops = np.zeros((n, 32, 3 * N_VOICES), np.float32)
    for step, vel in ((4, 1.0), (7, 0.8), (9, 0.8), (12, 1.0), (13, 0.8), (15, 0.8)):
        loops[:, [step, 16 + step], SNARE] = 1.0
        loops[:, [step, 16 + step], N_VOICES + SNARE] = vel
    return loops


def mix_of(genre, n):
    mix = np.zeros((n, len(GENRES)), np.float32)
    mix[:, GENRES.index(genre)] = 1.0
    return mix


def test_ghost_snares_thins_a_rock_busy_bar_and_keeps_funks():
    loops = busy_loops()
    rock = mix_of("rock", 8)
    rock = ghost_snares(loops, None, ghost_ratios(rock), lone_snare_rules(rock), None, busy_thinned(rock))
    kept = rock[..., SNARE].reshape(8, 2, 16) > 0.5
    for step in (7, 9, 13, 15):
        # (the song's bars keep each 16th's share to about a bar: snare_spread.bar_draws)
        assert 0 < kept[..., step].sum() <= STEP_SHARES["rock"][step] * 16 + 1.5, step
    assert kept[..., BACKBEAT].all()
    funk = mix_of("funk", 8)
    funk = ghost_snares(loops, None, ghost_ratios(funk), lone_snare_rules(funk), None, busy_thinned(funk))
    assert np.array_equal(funk[..., SNARE], loops[..., SNARE])  # softened, every one kept
