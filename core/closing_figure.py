"""A closing figure that runs to beat 3: the song's last bar a unison figure of chords from its downbeat up to
beat 3 (or its "and"), then silence to the song's end.

stops.band_stops ended the drums with a closing figure only when all of it lay in the bar's first half and
nothing sounded after it. Freedoom's d_map12 ends on 8th chords from beat 1 to beat 3, with pizzicato 16ths
between them (soft echoes, half the chords' velocity) and a reverse cymbal swelling from the last chord to
the end: the drums grooved the bar out, their backbeat on 4 after the band had stopped, with no last hit
(its own drummer stops with the band). A drummer plays up to the band's last chord and ends with one hit
on it; the soft 16ths after that chord are its echo, not a later hit, and a swell rung from it is its tail.
"""

from __future__ import annotations

import numpy as np

from .loop import STEPS_PER_BEAT

# An onset this loud (a share of the figure's loudest) is one of its hits; softer ones are ghost notes and
# echoes between them (d_map12's pizzicato 16ths at 0.39 against chords at 0.79).
HIT_SHARE = 0.7
# Soft onsets within this many steps (an 8th) after the last hit are its echo, not a hit of their own.
ECHO_STEPS = 2


def late_figure_hit(at: np.ndarray, loud: np.ndarray, steps: int) -> int | None:
    """The step of the band's last hit in a closing figure that reaches past its bar's first beat (the figure
    in the song's last bar: onset steps `at` from the bar's downbeat, sorted, with their velocities `loud`,
    in a bar of `steps`): the last onset at HIT_SHARE of the loudest or louder, on beat 2 up to the "and" of
    the bar's middle beat (beat 3 in 4/4), every onset after it soft and within ECHO_STEPS. None where the
    figure starts after the downbeat, ends within its first beat or reaches past that "and" (a chord pushed
    or held late in the bar is stops.band_stops' own)."""
    at, loud = np.asarray(at), np.asarray(loud, np.float64)
    if not len(at) or at.min() != 0 or loud.max() <= 0:
        return None
    hits = at[loud >= HIT_SHARE * loud.max()]
    hit = int(hits.max())
    if not STEPS_PER_BEAT <= hit <= steps // 2 + STEPS_PER_BEAT // 2 or int(at.max()) > hit + ECHO_STEPS:
        return None
    return hit


__all__ = ["late_figure_hit", "HIT_SHARE", "ECHO_STEPS"]
