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
"""

from __future__ import annotations

import numpy as np


def _pick(cands: np.ndarray, mine: np.ndarray, step: int, left: int, kept: np.ndarray, shift: int = 0) -> int:
    """Marks in `kept` up to `left` of the candidates `cands` (n, bar, step) at `step` among loops `mine`: a loop's
    second bars first (where a drummer lays a pickup into the next), spread evenly over the part (not all in its
    first bars), starting `shift` loops in (so that thinning several 16ths does not empty the same bars). The
    count still left."""
    for b in (1, 0):
        loops = np.flatnonzero(cands[:, b, step] & mine)
        take = min(left, len(loops))
        if take:
            kept[loops[((np.arange(take) * len(loops)) // take + shift) % len(loops)], b, step] = True
        left -= take
    return left


def spread_out(lone: np.ndarray, busy: np.ndarray, share: np.ndarray, rows: np.ndarray,
               groups: np.ndarray | None = None, thin_busy: np.ndarray | None = None) -> np.ndarray:
    """(n, bar, step) bool: of the lone snares `lone` (n, bar, step) (and of the busy bars' `busy`, in the loops
    `thin_busy` (n,) bool), at each step the ones kept so that, with the busy bars' kept there, a snare plays there
    in at most `share` (n, 16) of the bars of the loops `rows` (its sum, rounded), per group of loops (`groups`
    (n,): a take per seed, the engine's variations in one call: a version's drums had changed with how many were
    asked). Busy bars' snares are kept first, then lone ones (`_pick`). Busy bars outside `thin_busy` are kept
    whole (and counted)."""
    thin = np.zeros(len(lone), bool) if thin_busy is None else np.asarray(thin_busy, bool)
    kept = np.zeros_like(lone)
    kept |= busy & ~thin[:, None, None]  # (kept whole)
    groups = np.zeros(len(lone), np.int64) if groups is None else np.asarray(groups)
    for g in np.unique(groups):
        mine = rows & (groups == g)
        bars = np.rint(2 * np.add.reduce(np.where(mine[:, None], share, 0.0), 0)).astype(int)  # (16,)
        allowed = bars - np.add.reduce(busy & ~thin[:, None, None] & mine[:, None, None], (0, 1))
        thinned = busy & thin[:, None, None]
        for step in np.flatnonzero(np.logical_or.reduce((lone | thinned) & mine[:, None, None], (0, 1))):
            left = max(int(allowed[step]), 0)
            left = _pick(thinned, mine, step, left, kept, shift=step) if left else 0
            if left:
                _pick(lone, mine, step, left, kept)
    return kept & (lone | busy)


__all__ = ["spread_out"]
