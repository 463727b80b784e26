"""Jazz's left hand: quiet snare comping against the part, laid in by rule where jazz is asked for.

GMD's jazz drummers comp on the snare (4.4 snare notes a bar, spread over every 16th: no backbeat), but the network,
asked for jazz, spreads that comping so thin that no snare cell passes its threshold: over the bundled funk bass
and shuffle it played the ride, the hat foot on 2 and 4 and a feathered kick, and no snare in any bar, a jazz
drummer with one hand in their lap. A jazz drummer comps lightly with the left hand: a note or two a bar, quiet, on
the "and"s (played on the swung 8th where the part swings), answering the part where it rests, no two bars of a
phrase alike. So `comp` lays that in on the bars that ride (the ride or hat keeping time, no fill's toms, no snare
of the network's own), in the loop's straight 4/4 frame before the part's swing is played. Plain numpy.
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import CLOSED_HAT, HANDS_FROM, HIGH_TOM, LOW_TOM, MAX_HANDS, RIDE, SNARE
from .loop import N_VOICES, STEPS

JAZZ = GENRES.index("jazz")
JAZZ_LEADS = 0.5  # jazz's share of the genre mix asked for from which its drummer comps
BAR = 16
ANDS = np.array([2, 6, 10, 14])  # a bar's off-beat 8ths, straight (the swung part plays them on the swung 8th)
# Comp notes in each bar of a 4-bar phrase (sparse: one bar rests), and the "and"s each bar reaches for first:
# the "and" of 4 leaning into the next bar, the "and" of 2 and 4 together, the "and" of 3, the "and" of 1.
COUNTS = (1, 2, 1, 0)
ORDERS = np.array([(14, 6, 10, 2), (6, 14, 2, 10), (10, 14, 6, 2), (2, 10, 14, 6)])
RIDING = 4  # a bar keeps time with at least this many ride (or closed hat) notes
LEVEL = 0.5  # a comp note's velocity: this share of the time-keeper's note on the beat before it ...
QUIETEST, LOUDEST = 0.2, 0.38  # ... kept within these (soft: under a medium note's 0.4, over a loud band too)


def jazz_rows(mix: np.ndarray, which: np.ndarray | None) -> np.ndarray:
    """(N,) bool: the loops whose genre mix (N, 9) jazz leads (JAZZ_LEADS or more), of `which` (N,) bool only."""
    asked = np.asarray(mix)[:, JAZZ] >= JAZZ_LEADS
    return asked if which is None else asked & np.asarray(which, bool)


def comp(loops: np.ndarray, grooves: np.ndarray, rows: np.ndarray, seeds=None, bars=None,
         swung_grid: bool = False) -> np.ndarray:
    """Loops (N, 32, 27), straight in the loop's 4/4 frame, with a jazz drummer's snare comping in the riding bars
    of the loops `rows` (N,) bool: COUNTS[bar] quiet notes on "and"s where the part (grooves (N, 32, 3), straight)
    plays no note, reached for in ORDERS[bar]'s order (an "and" where the part plays where it rests nowhere), where
    a hand is free. The bar's place in the phrase is its place in the part (loop i's bars 2i and 2i + 1) moved by
    the loop's seed (seeds (N,) or None), so each take comps its own way. bars: (N, 2) bool, the loops' bars to comp
    in (None: both; half time's bars on the real grid, half_time_genres.py). swung_grid: the grooves are a swung
    part's on the real grid, its "and"s on the 16th after them. A new array where a note is added, else loops
    itself."""
    rows = np.asarray(rows, bool)
    if not rows.any():
        return loops
    seeds = np.zeros(len(loops), np.int64) if seeds is None else np.broadcast_to(np.asarray(seeds, np.int64),
                                                                                  (len(loops),))
    out = None
    part = np.asarray(grooves)[..., 0] > 0.5
    if swung_grid:
        part[:, ANDS] |= part[:, ANDS + 1]
        part[:, ANDS + BAR] |= part[:, ANDS + BAR + 1]
    for i in np.flatnonzero(rows):
        for b, start in enumerate(range(0, STEPS, BAR)):
            if bars is not None and not bars[i, b]:
                continue
            bar = loops[i, start:start + BAR] if out is None else out[i, start:start + BAR]
            hit = bar[:, :N_VOICES] > 0.5
            keeper = RIDE if hit[:, RIDE].sum() >= hit[:, CLOSED_HAT].sum() else CLOSED_HAT
            if hit[:, keeper].sum() < RIDING or hit[:, SNARE].any() or hit[:, LOW_TOM:HIGH_TOM + 1].any():
                continue
            place = int(2 * i + b + seeds[i]) % len(COUNTS)
            free = hit[:, HANDS_FROM:].sum(1) < MAX_HANDS
            order = [s for s in ORDERS[place] if free[s]]
            order = [s for s in order if not part[i, start + s]] + [s for s in order if part[i, start + s]]
            steps = np.array(order[:COUNTS[place]], int)
            if not len(steps):
                continue
            if out is None:
                out = np.array(loops, np.float32, copy=True)
                bar = out[i, start:start + BAR]
            before = steps - 2  # the beat before each "and"
            loudest = bar[hit[:, keeper], N_VOICES + keeper].max()
            level = np.where(hit[before, keeper], bar[before, N_VOICES + keeper], loudest)
            bar[steps, SNARE] = 1.0
            bar[steps, N_VOICES + SNARE] = np.clip(LEVEL * level, QUIETEST, LOUDEST)
            bar[steps, 2 * N_VOICES + SNARE] = np.where(hit[before, keeper], bar[before, 2 * N_VOICES + keeper], 0.0)
    return loops if out is None else out
