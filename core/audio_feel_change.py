"""A 4/4 take that changes feel at one tempo: straight 8ths, then 8th triplets (a 12/8 feel), no tempo change.

core/audio_meter.py tries a 4/4 reading's tempo at 3/2 as a waltz (a waltz at 150 BPM read in 4/4 at 100 sits
between that reading's 16ths). The grid at 3/2 holds both the straight 8ths and the triplet 8ths of the 4/4
reading, so a take going from straight 8ths into triplets at 100 BPM fit it all through, its triplets' accents
repeated every 3 of its beats, and it was read as a waltz (or 12/8) at 150: bars of 1.2 s over a band playing bars
of 2.4 s, the straight half's drums at the wrong tempo and meter. A waltz read at 2/3 of its tempo has its beats
between the 4/4 reading's 16ths wherever it plays; a stretch of bars whose notes all sit on those 16ths is 4/4
played straight, and the take is no waltz at 3/2 of it (`straight_stretch`). Read in 4/4, a tempo map that steps
between the 8ths' and the triplets' alias tempos is the feel changing, not the tempo (`feel_not_tempo`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .audio_pick import Onsets

STRAIGHT_BEATS = 16  # a stretch this long (4 bars of 4/4) ...
STRAIGHT_HOP_BEATS = 4
MIN_NOTES = 12  # ... with this many notes (fewer: a sparse waltz on its 1s sits on both grids) ...
STRAIGHT_FIT = 0.9  # ... this share of them (by velocity) within a sixth of a 16th of the 4/4 reading's 16ths.
# A waltz read at 2/3 of its tempo: its beats 2 and 3 and its 8ths fall a third of a 16th off them (at most 0.5 on
# them in any stretch); a straight stretch of a 4/4 part 0.95-1.0.


def straight_stretch(onsets: "Onsets", bpm: float, phase_s: float) -> bool:
    """Whether the take read in 4/4 at `bpm` (a beat line at `phase_s`) plays STRAIGHT_BEATS beats somewhere with
    its notes on that reading's 16ths: 4/4 played straight there, whatever it plays elsewhere."""
    t, w = onsets.times, onsets.velocity.astype(np.float64)
    if len(t) < MIN_NOTES:
        return False
    beat = 60.0 / bpm
    x = (t - phase_s) / (beat / 4)  # in 16ths
    near = np.abs(x - np.round(x)) <= 1.0 / 6.0
    span, hop = STRAIGHT_BEATS * beat, STRAIGHT_HOP_BEATS * beat
    starts = np.arange(t[0], max(t[-1] - span, t[0]) + 1e-9, hop)
    lo, hi = np.searchsorted(t, starts), np.searchsorted(t, starts + span)
    for a, b in zip(lo, hi):
        if b - a >= MIN_NOTES and float((w[a:b] * near[a:b]).sum()) >= STRAIGHT_FIT * float(w[a:b].sum()):
            return True
    return False


# The same take at 85-90 BPM: its straight 8ths read as beats at 170, its triplets' every other note as beats at 127.5,
# and the drift map followed a "step" from 170 to 127.5 (4:3): the drums' beats in the triplet half fell a third of
# a beat off every other one of the band's. A map whose tempos reach this far apart, over a take whose every window
# sits on the steady grid's 16ths or on its triplets (or swung 8ths), is a feel changing, not a tempo: kept steady.
ALIAS_SPAN = 1.25  # the map's fastest tempo over its slowest (a drift's 5-12%; 4:3 and 3:2 steps 1.33-1.5)


def feel_not_tempo(times: np.ndarray, w: np.ndarray, beats: np.ndarray, knot_t: np.ndarray, knot_b: np.ndarray) -> bool:
    """Whether a tempo map (`knot_t` s, `knot_b` beats) of a take whose notes (`times` s, weights `w`) sit at `beats`
    on the steady grid follows a change of feel: its tempos ALIAS_SPAN apart, and every window of the notes on the
    steady grid's 16ths or triplets (or swung 8ths), some on each."""
    from .audio_tempo_jump import FEEL_FIT, ON_GRID, WINDOW_S, window_fits

    tempi = 60.0 * np.diff(knot_b) / np.maximum(np.diff(knot_t), 1e-9)
    tempi = tempi[np.diff(knot_t) > 0.5]  # the map's edges (a knot at 0 s, one at the end) say nothing
    if len(tempi) < 2 or tempi.max() < ALIAS_SPAN * tempi.min():
        return False
    starts, off, feel = window_fits(times, w, beats)
    straight, felt = off <= ON_GRID, (off > ON_GRID) & (feel <= FEEL_FIT)
    if len(off) < 3 or not ((straight | felt).all() and straight.any() and felt.any()):
        return False
    # A tempo 3:2 of the steady grid's plays on its triplets too (120 BPM's 8ths are 80's triplets); its beats are every
    # other triplet, a triplet feel's every third: which notes are louder says which.
    m = np.zeros(len(times), bool)
    for s in starts[felt]:
        m |= (times >= s) & (times < s + WINDOW_S)
    k = np.round(3 * np.asarray(beats, np.float64)[m]).astype(np.int64)
    return _accented_every(np.asarray(w, np.float64)[m], k, 3) > _accented_every(np.asarray(w, np.float64)[m], k, 2)


def _accented_every(v: np.ndarray, k: np.ndarray, period: int) -> float:
    """Share of the loudness `v` of notes on triplet steps `k` that their step's place in groups of `period`
    explains, less chance's share."""
    if len(v) <= period:
        return 0.0
    dev = v - v.mean()
    total = float((dev * dev).sum())
    if total <= 0:
        return 0.0
    between = sum(float(dev[k % period == p].sum()) ** 2 / max(int((k % period == p).sum()), 1) for p in range(period))
    return between / total - (period - 1) / (len(v) - 1)
