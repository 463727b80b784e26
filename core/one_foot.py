"""How many 16ths in a row one foot plays on the kick.

GMD's drummers, one bass-drum pedal each, play four or more 16ths in a row on the kick in 0.4% of their bars (three
in 1.4%). The network, following a busy bass line, had run the kick through it: over OpenMSX's keep_on_rolling (a
light-rock band at 104 BPM) 5 and 6 kicks in a row in 35 of its 86 bars, filling even the 16th the bass leaves out,
and over Freedoom's MAP01 (115 BPM) 5 in a row in 19 of 40 bars: a drum roll on the kick, which no single foot
plays in a groove. So a band part's beat keeps at most MAX_RUN 16ths in a row on the kick: a longer run loses the
kicks that count least (one with no bass note, off the 8ths, off the beat; of equals the later), never the run's
first. Plain numpy over loops (N, 32, 27) in the loop's frame.
"""

from __future__ import annotations

import numpy as np

from .limbs import KICK
from .loop import N_VOICES, STEPS

MAX_RUN = 3  # 16ths in a row one foot plays on the kick
STEP = np.arange(STEPS)
# what keeps a kick in a long run: on the 8ths, on the beat, and above both a note of the bass (the kick locks to it)
PLACE = (STEP % 2 == 0).astype(np.int64) + (STEP % 4 == 0)
WITH_BASS = 3


def too_long_runs(kick: np.ndarray) -> np.ndarray:
    """(N,) bool: the rows of kick (N, 32) bool with more than MAX_RUN steps in a row."""
    run = kick[:, :STEPS - MAX_RUN].copy()
    for k in range(1, MAX_RUN + 1):
        run &= kick[:, k:STEPS - MAX_RUN + k]
    return run.any(1)


def one_foot(loops: np.ndarray, bass: np.ndarray | None, which: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) whose kick keeps at most MAX_RUN 16ths in a row, in the loops `which` (N,) bool (a band
    part's beats; None: all): from each longer run the kick counting least goes (no note of the bass, bass (N, 32, 3)
    or None, there; off the 8ths; off the beat; of equals the later), never the run's first, until no run is too
    long. A new array where a kick goes, else loops itself."""
    kick = np.asarray(loops)[..., KICK] > 0.5
    rows = too_long_runs(kick)
    if which is not None:
        rows &= np.asarray(which, bool)
    if not rows.any():
        return loops
    out = np.array(loops, np.float32, copy=True)
    for i in np.flatnonzero(rows):
        keep = PLACE + (0 if bass is None else WITH_BASS * (np.asarray(bass)[i, :, 0] > 0.5))
        hit = kick[i].copy()
        while True:
            start = next((s for s in range(STEPS - MAX_RUN) if hit[s:s + MAX_RUN + 1].all()), None)
            if start is None:
                break
            end = start
            while end < STEPS and hit[end]:
                end += 1
            inner = np.arange(start + 1, end)
            drop = inner[np.lexsort((-inner, keep[inner]))[0]]  # the least kept, the later of equals
            hit[drop] = False
            out[i, drop, KICK::N_VOICES] = 0.0
    return out
