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
    """The last step (from the downbeat) a break's figure may reach and still be a figure "to the middle of the
    bar" (laid_out_breaks): the 8th after the bar's middle beat, in a bar of beats `beats` steps long
    (meter.beat_lengths): beat 3's "and" in 4/4, beat 2's in 3/4 (the bar's last beat, step 8, is the band
    playing through under a roll: a waltz's 8ths from 1 to 3), beat 2's first 8th in 6/8."""
    return sum(beats[:len(beats) // 2]) + STEPS_PER_BEAT // 2


def song_end_limit(steps: int) -> int:
    """The last step a closing figure in the song's last bar of `steps` may reach: half the bar and an 8th (beat
    3's "and" in 4/4, beat 3 in 3/4, the 8th after 7/8's fourth). Laxer than figure_end_limit: after the song's
    last chord nothing plays, and stops._figure_broken already asks that the bar before played on past it, so a
    waltz ending on 8ths from 1 to 3 is its ending (the drums had grooved on past the band's last chord)."""
    return steps // 2 + STEPS_PER_BEAT // 2


def late_figure_hit(at: np.ndarray, loud: np.ndarray, steps: int) -> int | None:
    """The step of the band's last hit in a closing figure that reaches past its bar's first beat (the figure
    in the song's last bar: onset steps `at` from the bar's downbeat, sorted, with their velocities `loud`,
    in a bar of `steps`): the last onset at HIT_SHARE of the loudest or louder, on beat 2 up to song_end_limit
    (beat 3's "and" in 4/4, beat 3 in 3/4), every onset after it soft and within ECHO_STEPS. None where the
    figure starts after the downbeat, ends within its first beat or reaches past that limit (a chord pushed or
    held late in the bar is stops.band_stops' own)."""
    at, loud = np.asarray(at), np.asarray(loud, np.float64)
    if not len(at) or at.min() != 0 or loud.max() <= 0:
        return None
    hits = at[loud >= HIT_SHARE * loud.max()]
    hit = int(hits.max())
    if not STEPS_PER_BEAT <= hit <= song_end_limit(steps) or int(at.max()) > hit + ECHO_STEPS:
        return None
    return hit


__all__ = ["late_figure_hit", "figure_end_limit", "song_end_limit", "HIT_SHARE", "ECHO_STEPS"]
