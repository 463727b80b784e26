"""A live player who begins on the 'and's (a pumping or ska bass: every 8th off the beat), heard as a drummer does.

With no count-in the player's first note is beat 1 (live_opening.Opening), so a bass begun on the 'and' of 1 had
every drum an 8th off: the backbeat and the 1 on the player's 'and's for the whole song. What tells a drummer where
the beat is, before the drums come in, is the first note that clearly stands out: a kick-like root, lower than
everything before it and louder, half a beat after a line of short single notes a beat apart (the beats between
left empty), and the line going on on its 'and's after it, back up over the root. That note is a 1, and what came
before it was on the 'and's. Evenly spaced 'and's alone say nothing of where the beat is (a drummer hears them as
beats too), and a player begun on the 1 pushes the next bar the same way: staccato chords with the left hand's low
push on the 'and' of 4, or bass quarters into a low push that the next bar's 1 repeats, had beat 1 moved half a beat
early for the whole song. So only a bass line's (one low note an onset) root counts, once the note after it is heard.
"""

from __future__ import annotations

import numpy as np

ON = 0.1  # beats: a note this near a place of the grid sits on it
# onsets before the root, a beat apart on the first note's beats (from the 'and' of 2 at the latest: a riff's own
# syncopation two notes in, a funk bass's low 'and' of 2, is no root)
MIN_BEFORE = 3
BASS = 60  # MIDI pitch: a line whose notes are all under middle C is a bass's (a melody's low push is no root)
LOWER = 5  # semitones: the root this much below every note before it (a fourth: a root under an octave pump)
BELOW = 24  # semitones: and no further below them (a bass on the 'and's after a count-in clicked up high is no root)
LOUDER = 10  # velocity: and this much louder than every note before it (a kick-like root, not a passing note)
# beats: each note before it let go this long before the next began, the beat left empty as an off-beat bass leaves
# it (quarter notes held into each other, then a low push on the 'and' of 4, are a bass on the beats pushing)
SHORT = 0.3


def root_on_one(ons, period: float, beats_per_bar: float = 4.0, released=()) -> float | None:
    """Seconds of the player's beat 1 (at or before their first note) when they began on the 'and's: a root (root_at)
    and the line going on after it; None when not (the first note is beat 1) or not yet known (root_pending).
    ons: (seconds, lowest pitch, loudest velocity, notes) as Opening.onsets gives them; period: seconds a beat;
    released: (seconds, pitch) of the note-offs heard."""
    j = root_at(ons, period, released)
    if j is None or j + 1 >= len(ons) or not _goes_on(ons[j], ons[j + 1], period):
        return None
    bar = beats_per_bar * period
    return float(ons[j][0] - np.ceil((ons[j][0] - ons[0][0]) / bar - 1e-6) * bar)


def root_pending(ons, period: float, released=()) -> bool:
    """The last onset heard would be a root on 1 (root_at) if the line goes on after it: the drums wait for the next
    note, which says whether the first note was beat 1."""
    return root_at(ons, period, released) == len(ons) - 1


def root_at(ons, period: float, released=()) -> int | None:
    """The onset that would be a root on 1 of a bass begun on the 'and's: half a beat after a line of MIN_BEFORE or
    more single notes under BASS a beat apart from the first, each let go well before the next (SHORT: the beat
    between left empty), the root LOWER to BELOW under all of them and LOUDER. None where the first onset off that
    line is no such root (a riff's own syncopation), or there is none yet."""
    t0 = ons[0][0] if ons else 0.0
    for j in range(1, len(ons)):
        x = (ons[j][0] - t0) / period
        if abs(x - j) <= ON and ons[j][3] == 1:
            continue  # the line goes on, a beat after its last note
        before = ons[:j]
        lowest, loudest = min(o[1] for o in before), max(o[2] for o in before)
        if j < MIN_BEFORE or abs(x - (j - 0.5)) > ON or ons[j][3] != 1 or ons[0][3] != 1 \
                or max(o[1] for o in before) >= BASS or not lowest - BELOW <= ons[j][1] <= lowest - LOWER \
                or ons[j][2] < loudest + LOUDER:
            return None  # the first onset off the line is no root: a riff's own syncopation, a push, a chord
        if not all(_let_go(o, ons[i + 1][0] - SHORT * period, released) for i, o in enumerate(before[:-1])):
            return None
        return j
    return None


def _goes_on(root, after, period: float) -> bool:
    """The note after a would-be root goes on with the line on its 'and's: half a beat after it, one note, back up
    over it (a push into the next bar is followed by its 1 on the same note, or held over it)."""
    return abs((after[0] - root[0]) / period - 0.5) <= ON and after[3] == 1 and after[1] >= root[1] + LOWER


def _let_go(onset, by: float, released) -> bool:
    """The onset's lowest note was let go by `by` (seconds)."""
    return any(onset[0] < t <= by and pitch == onset[1] for t, pitch in released)


__all__ = ["root_on_one", "root_pending", "root_at"]
