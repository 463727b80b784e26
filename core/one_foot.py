"""How many 16ths in a row one foot plays on the kick.

GMD's drummers, one bass-drum pedal each, play four or more 16ths in a row on the kick in 0.4% of their bars (three
in 1.4%). The network, following a busy bass line, had run the kick through it: over OpenMSX's keep_on_rolling (a
light-rock band at 104 BPM) 5 and 6 kicks in a row in 35 of its 86 bars, filling even the 16th the bass leaves out,
and over Freedoom's MAP01 (115 BPM) 5 in a row in 19 of 40 bars: a drum roll on the kick, which no single foot
plays in a groove. Real band drummers do run the kick with a riff: Freedoom's own drums play 4 or more kicks in a
row in 11% of the bars of its 16 validation songs (a double pedal doubling a metal chug). So in a band part's beat
a run of more than MAX_RUN kicks keeps those on the bass's notes and its first, and loses those where the bass
leaves a 16th out: the kick follows a riff, it does not roll through its gaps. On those validation songs this costs
nothing (hit F1 0.5889 without the rule, 0.5887 with it; cutting every run to MAX_RUN cost 0.0023 and halved
their busy-kick bars, further from their real drums). Plain numpy over loops (N, 32, 27) in the loop's frame.
"""

from __future__ import annotations

import numpy as np

from .limbs import KICK
from .loop import N_VOICES, STEPS

MAX_RUN = 3  # 16ths in a row one foot plays on the kick where the band leaves a 16th out


def too_long_runs(kick: np.ndarray) -> np.ndarray:
    """(N,) bool: the rows of kick (N, 32) bool with more than MAX_RUN steps in a row."""
    run = kick[:, :STEPS - MAX_RUN].copy()
    for k in range(1, MAX_RUN + 1):
        run &= kick[:, k:STEPS - MAX_RUN + k]
    return run.any(1)


def one_foot(loops: np.ndarray, bass: np.ndarray | None, which: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) whose kick runs of more than MAX_RUN 16ths keep only the kicks on the bass's notes (bass
    (N, 32, 3), the part's low register or the part itself; None: no rule) and the run's first, in the loops
    `which` (N,) bool (a band part's beats; None: all). A new array where a kick goes, else loops itself."""
    if bass is None:
        return loops
    kick = np.asarray(loops)[..., KICK] > 0.5
    rows = too_long_runs(kick)
    if which is not None:
        rows &= np.asarray(which, bool)
    if not rows.any():
        return loops
    out = np.array(loops, np.float32, copy=True)
    for i in np.flatnonzero(rows):
        played = np.asarray(bass)[i, :, 0] > 0.5
        start = 0
        while start < STEPS:
            end = start
            while end < STEPS and kick[i, end]:
                end += 1
            if end - start > MAX_RUN:
                inner = np.arange(start + 1, end)
                out[i, inner[~played[inner]], KICK::N_VOICES] = 0.0
            start = end + 1
    return out
