"""How fast one hand plays: the hi-hat's and the ride's 16ths at a fast tempo.

The network knows no tempo. Given a part in 16ths it plays them on the hi-hat at any tempo: a guitar's 16th
chug at 160 BPM got a hat on every 16th, with the snare's backbeat in the other hand, one hand at 10.7 strokes a
second. GMD's drummers (train and validation, 4/4, by 10-BPM band of their takes' tempo) play a hat or ride run
of 6 or more 16ths in 22.5% of bars at 130-139 BPM, 1.4% at 140-149 and none from 150; a run of 3 or more in
16% of bars at 140-179 BPM and 0.2% from 180. So from FAST_BPM a hand's run of 16ths on one of them is kept to
LONGEST_RUN: a run any longer plays its 8ths (the even steps of the real grid, whose bars are whole 8ths). From
150, not 140: the held-out freedoom songs' programmed drums do run 16ths at 140-149 BPM (validation F1 0.5899
as the network plays them, 0.5824 thinned from 140, 0.5889 from 150). Plain numpy over loops (N, T, 27) on their
real grid.
"""

from __future__ import annotations

import numpy as np

from .limbs import CLOSED_HAT, OPEN_HAT, RIDE, SNARE
from .loop import N_VOICES, runs

FAST_BPM = 150.0  # from this tempo a hand's run of 16ths is kept short
FASTEST_BPM = 180.0  # and from this one, to a pair
LONGEST_RUN = {FAST_BPM: 4, FASTEST_BPM: 2}
LINES = ((CLOSED_HAT, OPEN_HAT), (RIDE,))  # the hand's time-keepers: the hat's two voices are one line


def longest_run(bpm: float) -> int | None:
    """The most 16ths in a row one hand plays on a time-keeper at `bpm`; None: as many as the music asks."""
    limits = [n for fast, n in LONGEST_RUN.items() if bpm >= fast]
    return min(limits) if limits else None


def at_tempo(loops: np.ndarray, bpm) -> tuple[np.ndarray, bool]:
    """(loops, thinned): loops (N, T, 27) with each hat or ride run of 16ths longer than longest_run(bpm)
    played as its 8ths (the 16ths between them left out); bpm: one for all loops or one per loop (N,), None:
    no tempo known. The loops themselves where nothing is too fast."""
    if bpm is None:
        return loops, False
    bpm = np.broadcast_to(np.asarray(bpm, np.float64), (len(loops),))
    most = np.array([longest_run(b) or 0 for b in bpm.tolist()])
    fast = np.flatnonzero(most > 0)
    if not len(fast):
        return loops, False
    hits = np.asarray(loops)[fast, :, :N_VOICES] > 0.5
    odd = np.arange(hits.shape[1]) % 2 == 1
    drop = np.zeros(hits.shape, bool)
    keeping = np.zeros(hits.shape[:2], bool)
    for voices in LINES:
        line = np.logical_or.reduce(hits[..., voices], -1)
        thinned = (_run_lengths(line) > most[fast][:, None]) & odd
        drop[..., voices] = thinned[..., None] & hits[..., voices]
        keeping |= line & ~thinned
    # the snare's 16ths with a time-keeper played beside them: the other hand is on the hat or ride, so the
    # snare's hand alone plays the run (a density's ghost figure ran 4 16ths on beat 4 at 180 BPM)
    snare = hits[..., SNARE]
    thinned = (_run_lengths(snare) > most[fast][:, None]) & odd
    if thinned.any():  # (most loops have no snare run that long: no look at what plays beside one)
        drop[..., SNARE] = thinned & _run_kept(snare, keeping)
    if not drop.any():
        return loops, False
    out = np.array(loops, copy=True)
    cells = np.concatenate([drop] * 3, -1)  # a hit's velocity and offset go with it
    out[fast] = np.where(cells, 0.0, out[fast])
    return out, True


def fast_note(bpm) -> str:
    """What a producer is told where at_tempo thinned a run (bpm: as given to at_tempo)."""
    tempi = np.atleast_1d(np.asarray(bpm, np.float64))
    fast = tempi[tempi >= FAST_BPM]
    lo, hi = float(fast.min()), float(fast.max())  # (a part from 160 to 200 BPM was said at 200)
    at = f"{hi:.4g}" if round(lo) == round(hi) else f"{lo:.4g}-{hi:.4g}"
    return (f"at {at} BPM one hand plays no long runs of 16ths: the hi-hat and ride (and a snare beside "
            f"them) play them as 8ths there, as drummers do from {FAST_BPM:g} BPM")


def _run_kept(line: np.ndarray, other: np.ndarray) -> np.ndarray:
    """(N, T) bool: for each True cell of line (N, T), whether `other` plays through its run (on more than half
    its 8ths: the other hand busy; one hat on a fill's downbeat leaves it free)."""
    out = np.zeros(line.shape, bool)
    for n, row in enumerate(line):
        for a, b in runs(row):
            eighths = np.arange(a + a % 2, b, 2)
            out[n, a:b] = len(eighths) > 0 and 2 * other[n, eighths].sum() > len(eighths)
    return out


def _run_lengths(line: np.ndarray) -> np.ndarray:
    """(N, T) int: for each True cell of line (N, T) bool, the length of the run of True cells it is in."""
    out = np.zeros(line.shape, np.int64)
    for n, row in enumerate(line):
        for a, b in runs(row):
            out[n, a:b] = b - a
    return out


__all__ = ["FAST_BPM", "FASTEST_BPM", "LONGEST_RUN", "at_tempo", "fast_note", "longest_run"]
