"""A jazz fill's limbs and levels as GMD's jazz drummers play them: snare ghosts under tom and downbeat accents, and
the kick taking a beat's last triplet from the hands ("hand, hand, foot").

A jazz fill had been 3-4 strokes climbing evenly from the comp's level to the ride's (the shuffle with --genre jazz
--fill-every 4bars: snare 42, high tom 58, mid tom 74, floor tom 89 over a ride at 85, no kick; freedoom's d_e1m4
band: 5 strokes 45 -> 95, one rhythm in 8 of 10 fills). GMD's train takes of style "jazz" (drummer1 at 93-125 BPM:
97 bars of its beat takes striking 3 or more toms and its 16 fill takes, their last two beats) strike 4.1-4.5
hand strokes and 0.75-1.1 kicks over those two beats (1-3 hands a beat), the kick most often on a beat's last
triplet (40 of 107 kicks, 33 on the beat), between the hands; the hands at 0.72-0.99 of the ride's median level,
17-28% of them ghosts under half of it (the snare between the accents, 15-40 over a ride at 67-78), the accents on
the toms and the beat at the ride's level and over it (the loudest 1.25 of it: the ride's is the product's ceiling,
fill_runs.lay_figure, as a jazz fill had climbed over the band before). So a jazz fill's snare strokes off the beat
(but its last) are ghosts at the comp's level, its other strokes climb from ACCENT_FLOOR of the ride's level to it,
and a beat whose hands play the beat and its middle triplet (fill_feel.JAZZ_CELLS' (0, 1)) leaves its last triplet
to the kick at LET_KICK of the ride's level. Plain numpy over a loop (32, 27), called by fill_runs.lay_figure.
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES, STEPS_PER_BEAT, VOICES

KICK, SNARE = VOICES.index("kick"), VOICES.index("snare")
ACCENT_FLOOR = 0.8  # a jazz fill's accents climb from this share of the ride's level to it (GMD: median 0.95)
LET_KICK = 0.55  # the kick on a beat's last triplet at this share of the ride's level (GMD: 0.52-0.59)
# a jazz fill into a section strikes this many triplets a beat with its hands (GMD: 2.05-2.25 over its last two
# beats; drawn apart from the fills before, ours had struck 1.5-2, the network's kick taking one)
BIG_LEAST = 2.0
LET = 2  # a beat's 16th laid on its last triplet (swing.swing_loops: the "and", swung)


def jazz_levels(steps: list, voices: list, low: float, top: float) -> np.ndarray:
    """Per stroke of a jazz fill (its steps and drums, in order) its level: a snare stroke off the beat, but the last,
    a ghost at `low` (the comp's level); the others climbing from ACCENT_FLOOR of `top` (the ride's) to it."""
    ghost = [v == SNARE and t % STEPS_PER_BEAT != 0 and i < len(steps) - 1
             for i, (t, v) in enumerate(zip(steps, voices))]
    accents = np.linspace(max(low, ACCENT_FLOOR * top), top, max(len(steps) - sum(ghost), 1))
    out, k = np.zeros(len(steps), np.float32), 0
    for i, is_ghost in enumerate(ghost):
        if is_ghost:
            out[i] = min(low, top)
        else:
            out[i], k = accents[k], k + 1
    return out


def let_kicks(loop: np.ndarray, lo: int, cells, played: np.ndarray, top: float) -> None:
    """In place on a loop (32, 27): a jazz fill's kick on the last triplet of each beat but its last (the set-up's,
    fill_runs._set_up) whose hands play the beat and its middle triplet and leave the last, at LET_KICK of `top` (the
    ride's level), where the part plays no kick in that beat's second half already; played: per step, where (in
    16ths) a stroke laid on it plays (swung to the triplet)."""
    cols = [KICK, N_VOICES + KICK, 2 * N_VOICES + KICK]
    for b, cell in enumerate(cells[:-1]):
        if tuple(cell) != (0, 1):
            continue
        t = lo + b * STEPS_PER_BEAT + LET
        if (loop[t:lo + (b + 1) * STEPS_PER_BEAT, KICK] > 0.5).any():
            continue
        at = float(played[t])
        dst = int(np.clip(round(at), lo, lo + (b + 1) * STEPS_PER_BEAT - 1))
        loop[dst, cols] = (1.0, LET_KICK * top, at - dst)


__all__ = ["jazz_levels", "let_kicks", "ACCENT_FLOOR", "BIG_LEAST", "LET_KICK"]
