"""Disco's (and hip-hop's, funk's) open-hat runs last 1-3 bars, as GMD's drummers' do, and disco's opens on no bar
with a fill or a crash (core/genre_open_hats.opened_bars' edges), whichever of the song's loops are drummed.

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
        opened = opened_bars(hits, np.ones(SONG_LOOPS, bool), None, seed, None, DISCO_HAT, crash).reshape(-1)
        for bar in 2 * np.flatnonzero(crash):
            assert not (opened[bar - 1] and opened[bar]), (seed, bar, runs_of(opened))


def section_edges(seed: int, sections: int = 6) -> np.ndarray:
    """(SONG_LOOPS, 2) bool: each phrase's first bar and `sections` section starts on any bar (a loop's first or
    second), each with the bar before it (its fill)."""
    crash = np.zeros(2 * SONG_LOOPS, bool)
    crash[::8] = True
    crash[np.random.default_rng(seed).choice(2 * SONG_LOOPS, sections)] = True
    return (crash | np.r_[crash[1:], False]).reshape(SONG_LOOPS, 2)


def test_disco_opens_no_fill_or_crash_bar():
    """Sections starting on a loop's second bar too (d_dm22 with a marker on bar 50 had opened the fill bar 49 and
    the crash bar 50): over 300 takes, disco's hat opens on no bar with a fill or a crash, its runs still of 1-3
    bars, and most phrases still open it."""
    hits = closed_16ths()
    longest, phrases_open = 0, []
    for seed in range(300):
        edges = section_edges(seed)
        opened = opened_bars(hits, np.ones(SONG_LOOPS, bool), None, seed, None, DISCO_HAT, edges)
        assert not (opened & edges).any(), (seed, runs_of(opened.reshape(-1)))
        longest = max([longest] + [n for _, n in runs_of(opened.reshape(-1))])
        phrases_open.append(opened.reshape(-1, 8).any(1).mean())
    assert longest <= 3
    assert np.mean(phrases_open) > 0.6


def test_any_range_and_live_open_the_whole_songs_bars():
    """A section's crash mid-phrase: a --bars range from any loop, and live (one loop a call), open the bars the
    whole song opens there (a run chosen by the crashes one call sees had opened bars 3-4 live, into a crash on bar
    5, where the whole song had opened bar 1: 12 of 2480 ranges and 43 of 2560 live loops differed)."""
    hits, rows, song_bar = closed_16ths(), np.ones(SONG_LOOPS, bool), 2 * np.arange(SONG_LOOPS)
    for style in (DISCO_HAT, AND_OF_THREE_HAT):
        for seed in range(20):
            crash = np.zeros(SONG_LOOPS, bool)
            crash[::4] = True
            crash[np.random.default_rng(seed).choice(SONG_LOOPS, 6)] = True  # (loop downbeats)
            whole = opened_bars(hits, rows, song_bar, seed, None, style, crash)
            for first in range(1, SONG_LOOPS):
                part = slice(first, None)
                assert (opened_bars(hits[part], rows[part], song_bar[part], seed, None, style, crash[part])
                        == whole[part]).all(), (style.tag, seed, first)
            for i in range(SONG_LOOPS):
                one = slice(i, i + 1)
                assert (opened_bars(hits[one], rows[one], song_bar[one], seed, None, style, crash[one])
                        == whole[one]).all(), (style.tag, seed, i)
