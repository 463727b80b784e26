"""Disco's (and hip-hop's, funk's) open-hat runs last 1-3 bars, as GMD's drummers' do, and none runs on through a
fill into a crash (core/genre_open_hats.run_allowed).

Over freedoom's d_dm22 asked for disco the hat had opened in bars 67-71, 5 bars: one phrase's run on its last two
bars (67-68, the fill in 68) and the next phrase's from its first (69, the section's crash)."""

from __future__ import annotations

import numpy as np

from reagroove.core.genre_open_hats import AND_OF_THREE_HAT, DISCO_HAT, opened_bars

N_VOICES, CLOSED = 9, 2
SONG_LOOPS = 40  # 80 bars: 10 phrases


def runs_of(opened: np.ndarray) -> list[tuple[int, int]]:
    """(first bar, bars) of each run of open bars in a song's bars (B,) bool."""
    edges = np.flatnonzero(np.diff(np.r_[0, opened.astype(int), 0]))
    return [(int(a), int(b - a)) for a, b in zip(edges[::2], edges[1::2])]


def closed_16ths(n: int = SONG_LOOPS) -> np.ndarray:
    hits = np.zeros((n, 32, N_VOICES), bool)
    hits[..., CLOSED] = True  # (every bar can open on any of its "and"s)
    return hits


def test_no_two_phrases_runs_meet():
    """Over 300 takes of an 80-bar song, disco's and hip-hop's: every run 1-3 bars (they had met in 4-6 bar runs
    across a phrase's line), each phrase still opening one."""
    hits = closed_16ths()
    for style in (DISCO_HAT, AND_OF_THREE_HAT):
        longest, phrases_open = 0, []
        for seed in range(300):
            opened = opened_bars(hits, np.ones(SONG_LOOPS, bool), seed=seed, style=style).reshape(-1)
            longest = max([longest] + [n for _, n in runs_of(opened)])
            phrases_open.append(opened.reshape(-1, 8).any(1).mean())
        assert longest <= 3, (style.tag, longest)
        assert np.mean(phrases_open) > 0.95


def test_a_run_starts_no_later_than_a_crash_downbeat():
    """A section's crash in the middle of a phrase (loop 5's downbeat, bar 10): no run holds the hat open over the
    bar before it (its fill) and on into the crash bar."""
    hits = closed_16ths()
    crash = np.zeros(SONG_LOOPS, bool)
    crash[5::8] = True  # bars 10, 26, 42, 58, 74: the 3rd bar of a phrase
    for seed in range(300):
        opened = opened_bars(hits, np.ones(SONG_LOOPS, bool), seed=seed, style=DISCO_HAT, crash=crash).reshape(-1)
        for bar in 2 * np.flatnonzero(crash):
            assert not (opened[bar - 1] and opened[bar]), (seed, bar, runs_of(opened))
