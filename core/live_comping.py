"""Jazz's comping live in the bars' places in the phrase, as drumify's (core/comping.py).

comping.comp varies a bar's comping with its place in the part (loop i's bars 2i and 2i + 1, moved by the seed), so
that a phrase's four bars comp four ways. Live, the loops are made as a take of the last few grooves and the one
played is the take's last: its place was the take's length, the same for every window, and the drums comped in a
2-bar cycle (over a funk bass with --seed 2: no note, one, no note, one, where drumify plays no note, one, two, one).
The last loop's comping is laid again in its window's places (from the session's origin, as drumify's windows count
from a part's first), where the engine's is found as it laid it.
"""

from __future__ import annotations

import numpy as np

from .comping import ANDS, BAR, JAZZ, JAZZ_LEADS, LOUDEST, comp
from .limbs import SNARE
from .loop import N_VOICES, STEPS
from .swing import swing_loops

SWUNG_ON_THE_A = 2.5  # a part's own swing: its swung 8th played on the beat's "a" (swing.swing_loops)


def comped_in_window(loops: np.ndarray, g: np.ndarray, settings, seed, window: int, fill_steps: np.ndarray,
                     swing=None) -> np.ndarray:
    """The take's loops (n, 32, 27; the last one played, on plain 4/4 bars, at the part's `swing`: the engine's, None
    straight) with the last one's comping in the places of its `window` from the origin, beside its grooves `g`
    (n, 32, 3, straight): in each bar whose snare is the comping the engine laid at the take's place (or none), out
    of the fill's steps (fill_steps (32,) bool). Loops itself where nothing changes."""
    n = len(loops)
    moved = 2 * (window - (n - 1))
    if moved % 4 == 0 or np.asarray(settings.genre_weights())[JAZZ] < JAZZ_LEADS or \
            not settings.voice_groups.get("snare", True):
        return loops
    seed = int(settings.seed if seed is None else seed)
    last = loops[-1:]
    snare = last[0, :, SNARE] > 0.5
    quiet = last[0, :, N_VOICES + SNARE] <= LOUDEST + 1e-6
    ands = np.zeros(STEPS, bool)  # where the comping's notes are played: a swung part's on its swung 8th
    ands[np.concatenate([ANDS, ANDS + BAR]) + (0 if swing is None or swing < SWUNG_ON_THE_A else 1)] = True
    bare = last.copy()  # the loop as the engine comped it: its bars' snare all quiet notes on "and"s taken out
    bars = []
    for start in range(0, STEPS, BAR):
        at = slice(start, start + BAR)
        if (ands[at] | ~snare[at]).all() and quiet[at][snare[at]].all() and not fill_steps[at].any():
            bare[0, at, SNARE::N_VOICES] = 0.0
            bars.append(at)
    if not bars:
        return loops
    # at the density asked, as the engine comps (a busy loop's BUSY_COUNTS: comped at the default's counts, live had
    # played drumify's --density 0.8 bars of 2, 2, 1, 2 notes as 1, 2, 1, 0)
    as_laid, again = (played(comp(bare, g[-1:], np.ones(1, bool), seed + 2 * place, density=settings.density_cells),
                             swing) for place in (n - 1, window))
    out = None
    for at in bars:
        if not np.allclose(as_laid[0, at, SNARE::N_VOICES], last[0, at, SNARE::N_VOICES], atol=1e-5):
            continue  # (the network's own quiet snare: left as it is)
        if out is None:
            out = loops.copy()
        out[-1, at, SNARE::N_VOICES] = again[0, at, SNARE::N_VOICES]
    return loops if out is None else out


def played(loop: np.ndarray, swing) -> np.ndarray:
    """A straight loop's (1, 32, 27) snare as the engine plays it at the part's swing (swing.swing_loops; None:
    straight): the comping's notes on the swung 8th."""
    if swing is None:
        return loop
    snare = np.zeros_like(loop)
    snare[..., SNARE::N_VOICES] = loop[..., SNARE::N_VOICES]
    return swing_loops(snare, swing)
