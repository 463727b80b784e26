"""A shuffle's long-short pairs heard before the drums come in: each pair is a beat, its short note the swung 8th.

A swung 8th pair (2/3 and 1/3 of a beat) at 100 is a quarter and an 8th at 150: every note of a shuffle sits on 150's
beats and 'and's, where the opening's grid fits it better than on 100's beats and triplets. The bundled shuffle blues
(100) begun on its beat 2 or 4 (its chords then on 150's beats) with --bpm 120 or 140 had the drums in at 150 for good,
the player's pairs a beat and a half of theirs. A drummer hears the long-short pairs as swung 8ths: the beat is the
pair. At a reading whose notes all sit on a grid of a beat and a half, at its 0 and 1 only (never its 'and' between,
which a straight part's quarters or 8ths would fill), pair after pair, the tempo is 2/3 of the reading.
"""

from __future__ import annotations

import numpy as np

PAIR = 1.5  # beats of the reading a swung pair lasts (2/3 + 1/3 of a beat at 2/3 of its tempo)
LONG = 1.0  # beats of the reading from a pair's first note to its short one (the swung 8th, 2/3 of the slower beat)
NEAR = 0.07  # beats of the reading: every note this near a pair's two places (RMS half that), as Opening.STRAIGHT
MIN_PAIRS = 2  # pairs heard whole (both notes) at least, and the next one begun: one is a dotted rhythm as often as
# a shuffle (the drums may come in on the 5th note)


def swung_pairs_bpm(times, bpm: float, lowest: float) -> float:
    """The tempo of onsets `times` (seconds, beat 1 first) read at `bpm`: 2/3 of it where they are a shuffle's
    long-short pairs at that tempo (see the module), not under `lowest` BPM; else `bpm`."""
    times = np.asarray(times, np.float64)
    slower = bpm / PAIR
    if len(times) < 2 * MIN_PAIRS + 1 or slower < lowest:
        return bpm
    x = (times - times[0]) * bpm / 60.0
    pair = np.floor((x + NEAR) / PAIR)
    into = x - pair * PAIR  # beats into its pair, from -NEAR
    d = np.minimum(np.abs(into), np.abs(into - LONG))
    if d.max() > NEAR or np.sqrt(np.mean(d ** 2)) > NEAR / 2:
        return bpm
    first = set(pair[np.abs(into) <= NEAR].tolist())
    short = set(pair[np.abs(into - LONG) <= NEAR].tolist())
    # pair after pair: every pair before the last heard whole (a riff's notes falling on the grid here and there,
    # a long note and a short one in one place, then none in the next, are no shuffle)
    spanned = set(range(int(pair[0]), int(pair[-1])))
    return slower if len(first & short) >= MIN_PAIRS and spanned <= (first & short) else bpm


def read_as_pairs(times, bpm: float) -> bool:
    """Whether onsets `times` (seconds, beat 1 first) at `bpm` are what swung_pairs_bpm takes for a shuffle's pairs
    at 3/2 of it: the straight reading the opening had before. A straight figure of quarter-8th pairs fits their
    grid for a bar or more, and only the riff's repeat tells them apart (live_riff_alias)."""
    return len(times) > 0 and swung_pairs_bpm(times, bpm * PAIR, 0.0) < bpm * PAIR


__all__ = ["swung_pairs_bpm", "read_as_pairs"]
