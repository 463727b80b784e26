"""Hip-hop's and funk's open hat is placed per song, not at the same bars in every song (core/genre_open_hats.py,
song_keys): drawn from the take's seed and the song's bars alone, d_dm01.mid and d_dm02.mid `--bars 1-32`, asked for
hip-hop or funk, seed 0, both opened bars 1, 14, 18 and 31, and the bundled funk bass and shuffle blues both opened
bar 1 right after the opening crash. GMD's drummers open a song's first bar in 11 of its 47 hip-hop and funk
performances of 8+ bars: some songs, not every one."""

from __future__ import annotations

import numpy as np
import pytest

N_VOICES, CLOSED, OPEN = 9, 2, 3
AND_OF_3 = 10
SONG_BARS = 40
GMD_FIRST_BAR_OPEN = 11 / 47  # GMD train's hip-hop and funk performances of 8+ bars opening bar 1 on the "and" of 3


def bass_song(tmp_path, bpm: float, line=(0.0, 0.75, 1.5, 2.0, 2.5, 3.25, 3.5)):
    """A funk bass over SONG_BARS bars at bpm."""
    from conftest import build_midi

    from reagroove.core.midi import read_midi

    notes = [(4 * bar + t, 36 + (k % 3) * 5 + 2 * (bar % 4 == 3), 100 if t % 1 == 0 else 80, 0)
             for bar in range(SONG_BARS) for k, t in enumerate(line)]
    return read_midi(build_midi(tmp_path / f"funk{bpm:g}.mid", notes, tempos=((0, bpm),), length=0.2))


def opened_bars_of(shipped, song, genre, seed, bars=(1, SONG_BARS)) -> np.ndarray:
    """(B,) bool: the bars of `bars` (first, last; from 1) whose hat opens on the "and" of 3."""
    from reagroove.core.settings import Settings

    res = shipped.drumify(song, Settings(genre={genre: 1.0}, seed=seed), bars=bars)
    opened = np.asarray(res.loops).reshape(-1, 16, 3 * N_VOICES)[:, AND_OF_3, OPEN] > 0.5
    return opened[: bars[1] - bars[0] + 1]


@pytest.mark.parametrize("genre", ["hiphop", "funk"])
def test_two_songs_with_the_same_seed_open_the_hat_on_bars_of_their_own(shipped, tmp_path, genre):
    pytest.importorskip("torch")
    slow, fast = bass_song(tmp_path, 96.0), bass_song(tmp_path, 113.0)
    differ = 0
    for seed in range(4):
        a, b = opened_bars_of(shipped, slow, genre, seed), opened_bars_of(shipped, fast, genre, seed)
        assert a.any() and b.any()
        differ += not np.array_equal(a, b)
        np.testing.assert_array_equal(opened_bars_of(shipped, fast, genre, seed), b)  # the same song again
    assert differ >= 3, differ  # before: the same bars in both songs for every seed


def test_drummed_from_mid_song_a_song_opens_its_own_bars(shipped, tmp_path):
    """`--bars 5-36` opens the bars the whole song opens there, and `--bars 7-36` (cut inside a phrase) too."""
    pytest.importorskip("torch")
    song = bass_song(tmp_path, 113.0)
    whole = opened_bars_of(shipped, song, "hiphop", 0)
    assert whole.any()
    for first in (5, 7):
        part = opened_bars_of(shipped, song, "hiphop", 0, bars=(first, 36))
        np.testing.assert_array_equal(part, whole[first - 1 : 36])


def test_songs_open_their_first_bar_about_as_often_as_gmd_s_drummers():
    """Of songs at tempos 60-180 BPM where every bar can open it, about GMD's share open bar 1 (before: all of a
    seed's songs, or none)."""
    from reagroove.core.genre_open_hats import OPEN_HAT_GENRES, opened_bars, song_keys

    hits = np.zeros((8, 32, N_VOICES), bool)
    hits[:, ::2, CLOSED] = True
    for genre in OPEN_HAT_GENRES:
        mix = np.zeros((8, 9))
        mix[:, genre] = 1.0
        for seed in range(3):
            first = [opened_bars(hits, np.ones(8, bool), seed=seed, song=song_keys(np.full(8, float(bpm)), mix))[0, 0]
                     for bpm in range(60, 181)]
            assert 0.5 * GMD_FIRST_BAR_OPEN <= np.mean(first) <= 1.5 * GMD_FIRST_BAR_OPEN, (genre, seed, np.mean(first))
