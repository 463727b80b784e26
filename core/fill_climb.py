"""A network fill over a loud part given room to climb: its strokes from below the top up into the crash.

A band part's fill takes FILL_ACCENTS (dynamics.band_accents), its toms 1.2-1.5 times the beat's level, which over a
loud part is past the ceiling: over freedoom e1m6's band (`--fill-every 8bars`, bar 8) the high tom played 127 on
"3 e", "3 &", "3 a", 4 and "4 e", then the mid and floor tom 127, a flat run no louder than the backbeat, where a
drummer plays a fill as a crescendo into the crash. `climb_to_the_top` lowers such a fill's strokes to a climb from
fill_runs' FLOOR of the top to the top (never raising one), a snare on the backbeat kept as the backbeat. A fill
that already climbs under the ceiling (funk_bass's, 102 -> 127) is left as it is.
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES, STEPS_PER_BEAT, VOICES

SNARE = VOICES.index("snare")
FILL_DRUMS = [SNARE] + [VOICES.index(v) for v in ("high_tom", "mid_tom", "low_tom")]
CEILING = 1.0 - 0.5 / 127  # a stroke at 127
# A fill with at least this share of its strokes (and FLAT_STROKES of them) at the ceiling was clipped flat there
# (e1m6's 8 of 10; a fill that climbs reaches it once or twice: funk_bass's 2 of 6)
FLAT_SHARE, FLAT_STROKES = 0.5, 3


def climb_to_the_top(loop: np.ndarray, lo: int, hi: int, floor: float) -> bool:
    """A network fill over steps lo..hi of a loop (32, 27), in place, whose snare and tom strokes sit flat at the
    ceiling (FLAT_SHARE of them, FLAT_STROKES at the least) lowered to climb from `floor` (a share of the top) on
    its first struck step to the top on its last, stroke step by stroke step (each at most the climb's level there,
    never raised); a snare on the backbeat (2 or 4) keeps its level. Whether it was changed."""
    n = N_VOICES
    hits = loop[lo:hi, FILL_DRUMS] > 0.5
    vel = loop[lo:hi, [n + v for v in FILL_DRUMS]]
    strokes = int(hits.sum())
    at_top = int((hits & (vel >= CEILING)).sum())
    if strokes == 0 or at_top < FLAT_STROKES or at_top < FLAT_SHARE * strokes:
        return False
    struck = np.flatnonzero(hits.any(1))
    climb = np.linspace(floor, 1.0, len(struck), dtype=np.float32)
    for step, level in zip(struck, climb):
        t = lo + int(step)
        for v in FILL_DRUMS:
            if loop[t, v] <= 0.5 or (v == SNARE and t % (2 * STEPS_PER_BEAT) == STEPS_PER_BEAT):
                continue
            loop[t, n + v] = min(float(loop[t, n + v]), float(level))
    return True


__all__ = ["climb_to_the_top", "FILL_DRUMS"]
