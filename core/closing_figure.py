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

from typing import Sequence

import numpy as np

from .loop import STEPS_PER_BEAT

# An onset this loud (a share of the figure's loudest) is one of its hits; softer ones are ghost notes and
# echoes between them (d_map12's pizzicato 16ths at 0.39 against chords at 0.79).
HIT_SHARE = 0.7
# Soft onsets within this many steps (an 8th) after the last hit are its echo, not a hit of their own.
ECHO_STEPS = 2


def figure_end_limit(beats: Sequence[int]) -> int:
    """The last step (from the downbeat) a figure may reach and still be a figure "to the middle of the bar": the
    8th after the bar's middle beat, in a bar of beats `beats` steps long (meter.beat_lengths): beat 3's "and" in
    4/4, beat 2's in 3/4 (the bar's last beat, step 8, is the band playing through: a waltz's 8ths from 1 to 3),
    beat 2's first 8th in 6/8."""
    return sum(beats[:len(beats) // 2]) + STEPS_PER_BEAT // 2


def late_figure_hit(at: np.ndarray, loud: np.ndarray, steps: int,
                    beats: Sequence[int] | None = None) -> int | None:
    """The step of the band's last hit in a closing figure that reaches past its bar's first beat (the figure
    in the song's last bar: onset steps `at` from the bar's downbeat, sorted, with their velocities `loud`,
    in a bar of `steps`, its beats `beats` steps long, quarter notes where not given): the last onset at
    HIT_SHARE of the loudest or louder, on beat 2 up to the "and" of the bar's middle beat (figure_end_limit:
    beat 3's in 4/4, beat 2's in 3/4), every onset after it soft and within ECHO_STEPS. None where the figure
    starts after the downbeat, ends within its first beat or reaches past that "and" (a chord pushed or held
    late in the bar is stops.band_stops' own)."""
    at, loud = np.asarray(at), np.asarray(loud, np.float64)
    if not len(at) or at.min() != 0 or loud.max() <= 0:
        return None
    hits = at[loud >= HIT_SHARE * loud.max()]
    hit = int(hits.max())
    limit = figure_end_limit((STEPS_PER_BEAT,) * max(1, steps // STEPS_PER_BEAT) if beats is None else beats)
    if not STEPS_PER_BEAT <= hit <= limit or int(at.max()) > hit + ECHO_STEPS:
        return None
    return hit


__all__ = ["late_figure_hit", "figure_end_limit", "HIT_SHARE", "ECHO_STEPS"]
