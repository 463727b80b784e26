"""A live player who begins on the 'and's (a pumping or ska bass: every 8th off the beat), heard as a drummer does.

With no count-in the player's first note is beat 1 (live_opening.Opening), so a bass begun on the 'and' of 1 had
every drum an 8th off: the backbeat and the 1 on the player's 'and's for the whole song. What tells a drummer where
the beat is, before the drums come in, is the first note that clearly stands out: a kick-like root, lower than
everything before it and louder, half a beat off the first note's beats, after short notes that left the beats
empty. That note is a 1, and what came before it was on the 'and's. Evenly spaced 'and's alone say nothing of where
the beat is (a drummer hears them as beats too).
"""

from __future__ import annotations

import numpy as np

ON = 0.1  # beats: a note this near a place of the grid sits on it
MIN_BEFORE = 2  # onsets before the root, all on the first note's beats (one note is no line of 'and's)
LOWER = 5  # semitones: the root this much below every note before it (a fourth: a root under an octave pump)
BELOW = 24  # semitones: and no further below them (a bass on the 'and's after a count-in clicked up high is no root)
LOUDER = 10  # velocity: and this much louder than every note before it (a kick-like root, not a passing note)
# beats: each note before it let go this long before the next began, the beat left empty as an off-beat bass leaves
# it (quarter notes held into each other, then a low push on the 'and' of 4, are a bass on the beats pushing)
SHORT = 0.3


def root_on_one(ons, period: float, beats_per_bar: float = 4.0, released=()) -> float | None:
    """Seconds of the player's beat 1 (at or before their first note) when they began on the 'and's: the onset that
    stands out first (LOWER, LOUDER) sits half a beat off the first note's beats, every onset before it sits on them
    and each but the last was let go well before the next (SHORT: the beat between left empty). None when not (the
    first note is beat 1). ons: (seconds, lowest pitch, loudest velocity, notes) as Opening.onsets gives them; period:
    seconds a beat; released: (seconds, pitch) of the note-offs heard."""
    if len(ons) <= MIN_BEFORE:
        return None
    t0 = ons[0][0]
    for j in range(MIN_BEFORE, len(ons)):
        before = ons[:j]
        x = (ons[j][0] - t0) / period
        if abs(x - np.floor(x) - 0.5) > ON:
            continue  # on the first note's grid: the line goes on (or no 'and'-root reading), look further
        lowest, loudest = min(o[1] for o in before), max(o[2] for o in before)
        if not lowest - BELOW <= ons[j][1] <= lowest - LOWER or ons[j][2] < loudest + LOUDER:
            return None  # the first note off the first note's beats is no root: a riff's own syncopation
        xs = (np.array([o[0] for o in before]) - t0) / period
        if np.abs(xs - np.round(xs)).max() > ON or not all(
                _let_go(o, ons[i + 1][0] - SHORT * period, released) for i, o in enumerate(before[:-1])):
            return None
        bar = beats_per_bar * period
        return float(ons[j][0] - np.ceil((ons[j][0] - t0) / bar - 1e-6) * bar)
    return None


def _let_go(onset, by: float, released) -> bool:
    """The onset's lowest note was let go by `by` (seconds)."""
    return any(onset[0] < t <= by and pitch == onset[1] for t, pitch in released)


__all__ = ["root_on_one"]
