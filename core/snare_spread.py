"""Which bars keep a genre's snare on a 16th off the backbeat: at most its drummers' share of bars there.

limbs.ghost_snares keeps each 16th's snares off beats 2 and 4 in at most a genre's share of the bars
(genre_ghosts.STEP_SHARES, measured over GMD's bars, busy ones counted). Busy bars (limbs.BUSY_SNARE or more such
snares) had been left whole: counted against the share, never thinned, so a busy figure the genre's drummers seldom
play came back on the same 16ths in every bar: `--genre rock --density 0.9` over the bundled funk bass played
the "a" of 1, the "e", "and" and "a" of 4 in all 8 bars (rock's drummers: 16-25% of their bars), and
`--genre disco=0.6,latin=0.4` (latin not leading, disco's shares) the "a" of 2 and of 4 and the "e" of 3 in every bar.
Where the mix's drummers play busy bars in under half of theirs (genre_ghosts.BUSY_BAR_SHARES: rock 0.42, disco
0.43, hip-hop 0.39, pop 0.27 of GMD's bars), busy bars are thinned to the share too; funk's (0.79) and afro's
(0.82) busy bars are their idiom and stay whole.

The bars are chosen by the song's own bar (Conditioning.song_bar, as genre_afro.py and genre_open_hats.py lay their
figures) and the take's seed and the song's tempo, never by which loops one call plays: counted over a call's loops
(a loop's second bars first), `--genre rock --density 0.9` over freedoom e1m5 played 14 of bars 9-16's 27 snare
cells otherwise under `--bars 9-16` than in the whole song, live (one loop a call) other bars than drumify and the
same figure in bars 6 and 8, and no ghost note in a loop's first bar (bars 3, 5, 7: the backbeat alone). Each 16th
keeps its snare in the song bars whose draw falls under its share: a golden-ratio sequence over the song's bars
(`bar_draws`: bar b's draw is b * 0.618... plus the 16th's own offset, mod 1), so any run of 4-64 bars keeps its share
to 2 bars at most (not by chance, as independent draws: 0 to 6 of 16 bars at a share of 0.2), spread over both bars of each loop, and
a 16th's bars near its neighbours' (each 16th's offset is the song's draw plus half a draw of its own, from the seed
and the song: `STEP_SPREAD`), so some bars keep a busy figure whole and others one or two of its snares. spare_toms
(groove_toms.py) keeps a groove's toms so too.
"""

from __future__ import annotations

import numpy as np

GOLDEN = (5 ** 0.5 - 1) / 2  # each song bar's draw moves on by this (mod 1): the evenest spread over any run of bars
# each 16th's offset: the song's draw plus this share of a draw of its own, so a bar keeps its figure's 16ths together
# more often than apart (independent offsets, 1.0, had thinned every rock and hip-hop busy bar to one or two snares:
# busy bars 6-8% at --density 0.9 over funk_bass, e1m5, e2m1, seeds 0-1, GMD's drummers ~40%, one call's count 25-27%;
# 0.5: 19-22%, a snare off the backbeat in 57-59% of bars; 0.2: 24-26%, in 38-39%)
STEP_SPREAD = 0.5
SNARE_TAG, TOM_TAG = 0x5A8E, 0x7035  # (the snares' and the toms' own offsets: no other rule's draw for a seed)


def song_keys(bpm) -> np.ndarray | None:
    """(N,) int64 keys of the songs' tempi (bpm (N,) quarter notes a minute, to a tenth, as genre_afro counts them;
    None: None), so that songs differ."""
    return None if bpm is None else np.rint(np.asarray(bpm, np.float64).reshape(-1) * 10).astype(np.int64)


def bar_draws(n: int, song_bar: np.ndarray | None = None, seed: np.ndarray | int | None = None,
              song: np.ndarray | None = None, tag: int = SNARE_TAG) -> np.ndarray:
    """(n, 2, 16) draws in [0, 1) for the two bars of n loops and each 16th: the song bar's place in a golden-ratio
    sequence plus the 16th's offset, drawn from the take's seed and the song's key. song_bar: (n,) each loop's first
    bar in the song from 0 (None: loop i's is 2i); seed: (n,) or one (None: 0); song: (n,) song_keys (None: 0)."""
    first = 2 * np.arange(n) if song_bar is None else np.asarray(song_bar, np.int64).reshape(n)
    seeds = np.broadcast_to(np.asarray(0 if seed is None else seed, np.int64), (n,))
    songs = np.zeros(n, np.int64) if song is None else np.broadcast_to(np.asarray(song, np.int64), (n,))
    offsets = np.zeros((n, 16))
    for s, k in {(int(a), int(b)) for a, b in zip(seeds, songs)}:
        entropy = [s % 2**64, k % 2**64, tag]
        draw = np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy))).random(17)
        offsets[(seeds == s) & (songs == k)] = draw[0] + STEP_SPREAD * draw[1:]
    bars = (first[:, None] + np.arange(2)).astype(np.float64)  # (n, 2)
    return np.mod(bars[..., None] * GOLDEN + offsets[:, None, :], 1.0)


def spread_out(lone: np.ndarray, busy: np.ndarray, share: np.ndarray, rows: np.ndarray,
               seed: np.ndarray | int | None = None, thin_busy: np.ndarray | None = None,
               song_bar: np.ndarray | None = None, song: np.ndarray | None = None, tag: int = SNARE_TAG) -> np.ndarray:
    """(n, bar, step) bool: of the lone snares `lone` (n, bar, step) (and of the busy bars' `busy`, in the loops
    `thin_busy` (n,) bool), the ones kept in the loops `rows`: those in the song bars whose draw (`bar_draws`: song_bar,
    seed, song) falls under the loop's `share` (n, 16) of the 16th, so that a snare plays there in about that share
    of the song's bars whichever of them are drummed. Busy bars outside `thin_busy` are kept whole."""
    thin = np.zeros(len(lone), bool) if thin_busy is None else np.asarray(thin_busy, bool)
    kept = busy & ~thin[:, None, None]  # (kept whole)
    cands = (lone | (busy & thin[:, None, None])) & np.asarray(rows, bool)[:, None, None]
    if cands.any():
        under = bar_draws(len(lone), song_bar, seed, song, tag) < np.asarray(share, np.float64)[:, None, :]
        kept = kept | (cands & under)
    return kept & (lone | busy)


__all__ = ["bar_draws", "song_keys", "spread_out"]
