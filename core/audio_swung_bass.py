"""A swung 4/4 part read as 3/4 at 3/2 (or 3/4) of its tempo: tell it by its long-short pairs (core/audio_meter.py).

A shuffle's swung 8ths sit on the 1st and 3rd triplet 8th of each beat. Read at 3/2 of its tempo, a triplet 8th
is an 8th, and each 3/4 bar is two swung beats: 1, 2, 2& and 3&, nothing on its beat 3. Where comping or drums
accent a bar of four, `_swung` in core/audio_meter.py hears it; a bass line alone (the bundled
core/examples/shuffle_blues.mid rendered to audio) shows no bar clearly enough, and a waltz strummed 1, 2, 2&, 3&
sits on the same grid. What tells them apart is the pairs: a shuffle plays a long note on every beat and a
short one on its swung 8th, the long one louder, beat after beat, so in the 3/4 reading the 2& is played as the 1
is and the 3& as the 2. A waltz's 1 and 2 are its beats and louder than its 2& and 3& (half of its 4/4 reading's
pairs), or it plays the pair on only some of its beats. Where the tempo reading took two beats of the shuffle for
one (its 3/4 reading at 3/4 of the tempo), the pairs show on the grid at twice that reading's tempo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .audio_tempo import TEMPO_WINDOW_S

if TYPE_CHECKING:
    from .audio_pick import Onsets

# A shuffle's beats (rendered swung bass lines, the bundled blues bass and whole part) hold both the beat and its
# swung 8th on at least this share of the beats they span (1.0); a waltz read in 4/4 at 2/3 of its tempo holds a
# pair on fewer where it plays its 2 or 3& only in some bars (keys and bass waltzes 0.3-0.4) ...
MIN_PAIRED = 0.75
# ... and at least this many pairs: fewer say too little (8 bars of 4/4).
MIN_PAIRS = 32
# Its beat louder than its swung 8th in this share of the pairs (those shuffles 1.0, strummed waltzes 0.5-0.91) ...
MIN_LOUDER = 0.9
# ... and by this much (velocity, median): those shuffles 1.27-1.35, strummed waltzes 1.0-1.15.
MIN_LONG_OVER_SHORT = 1.2


def triplet_shares(onsets: "Onsets", bpm: float, phase: float) -> np.ndarray:
    """Share of the onsets (by velocity) within a sixth of a triplet 8th of the 1st, 2nd and 3rd triplet 8th of the
    beats at `bpm` through `phase`."""
    t, w, k, near = _on_triplets(onsets, bpm, phase)
    return np.array([float((w * near * (k % 3 == j)).sum()) for j in range(3)]) / (w.sum() + 1e-12)


def _on_triplets(onsets: "Onsets", bpm: float, phase: float):
    t = onsets.times[onsets.times < TEMPO_WINDOW_S]
    w = onsets.velocity[: len(t)].astype(np.float64)
    x = (t - phase) * bpm / 20.0  # in triplet 8ths
    k = np.round(x).astype(np.int64)
    return t, w, k, np.abs(x - k) <= 1.0 / 6.0


def long_short_pairs(onsets: "Onsets", bpm: float, phase: float) -> bool:
    """Whether the beats at `bpm` through `phase` are a shuffle's long-short pairs: nearly every beat plays its
    beat and its swung 8th (the 3rd triplet 8th), the beat the louder of the two, beat after beat. The triplet
    shares are `_swung`'s check (core/audio_meter.py), left to the caller."""
    _, w, k, near = _on_triplets(onsets, bpm, phase)
    beat, swung = {}, {}
    for step, vel in zip(k[near], w[near]):
        into = beat if step % 3 == 0 else swung if step % 3 == 2 else None
        if into is not None:
            into[step // 3] = max(into.get(step // 3, 0.0), float(vel))
    paired = sorted(set(beat) & set(swung))
    if len(paired) < MIN_PAIRS:
        return False
    if len(paired) < MIN_PAIRED * (paired[-1] - paired[0] + 1):
        return False
    ratio = np.array([beat[b] / max(swung[b], 1e-6) for b in paired])
    return float((ratio > 1.0).mean()) >= MIN_LOUDER and float(np.median(ratio)) >= MIN_LONG_OVER_SHORT


__all__ = ["long_short_pairs", "triplet_shares"]
