"""Reggae's right hand over a 4/4 part: the hat answering the skank, on the "and"s.

Asked for reggae over the bundled funk bass, the one drop played under the network's funk hats: 16ths accented on
the beats ("xxx- Xxx-"). A reggae drummer's hat plays 8ths accented on the "and"s (a take with the "and" of 4
opened into the drop bar's open 1; another keeps the draw's 16ths, as rockers drummers play them, "and"s
accented): each seed a take of its own."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_genres_every_bar import song_bars

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

CLOSED, OPEN, SNARE = (VOICES.index(v) for v in ("closed_hat", "open_hat", "snare"))
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
ANDS, BEATS = [2, 6, 10, 14], [0, 4, 8, 12]


def hats(bar) -> np.ndarray:
    """(16,) the velocity of the bar's hat note on each step (0: none)."""
    played = (bar[:, CLOSED] > 0.5) | (bar[:, OPEN] > 0.5)
    return np.where(played, np.maximum(bar[:, N_VOICES + CLOSED] * (bar[:, CLOSED] > 0.5),
                                       bar[:, N_VOICES + OPEN] * (bar[:, OPEN] > 0.5)), 0.0)


def reggae(shipped, name, seed):
    return song_bars(shipped.drumify(read_midi(EXAMPLES / f"{name}.mid"), Settings(genre={"reggae": 1.0},
                                                                                 seed=seed)))


@pytest.mark.parametrize("name, ands", [("funk_bass", ANDS), ("shuffle_blues", [3, 7, 11, 15])])  # (swung 8ths)
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_reggae_hats_accent_the_ands(shipped, name, ands, seed):
    for bar in reggae(shipped, name, seed):
        level = hats(bar)
        beats = [b for b in BEATS if level[b] > 0]  # (the 1 under a phrase's crash has none)
        assert (level[ands] > 0).all(), level.round(2)
        assert level[ands].min() > level[beats].max(), level.round(2)


def test_reggae_over_the_funk_bass_plays_8ths_at_the_default_seed_and_each_seed_a_take_of_its_own(shipped):
    for bar in reggae(shipped, "funk_bass", 0):
        assert np.flatnonzero(hats(bar)).tolist() in (ANDS, sorted(BEATS + ANDS), sorted(BEATS[1:] + ANDS))
    takes = {tuple((hats(bar) > 0).tolist() + (bar[:, OPEN] > 0.5).tolist())
             for seed in range(4) for bar in reggae(shipped, "funk_bass", seed)[1:2]}
    assert len(takes) >= 2, takes
