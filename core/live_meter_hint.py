"""A 6/8 or 12/8 player who left out --meter, as the drums come in: the entry line asks for the meter.

Without --meter the session's bar is 4/4's: a 6/8 folk arpeggio or a 12/8 blues at 60 dotted quarters a minute had
its 8ths read as 8ths at 90 (quarter notes), the drums played a rock beat across the compound bars (the snare
wandering over the dotted beats), and the entry line offered the double ("playing at 181? give --bpm 181",
live_double_tempo.eighths_pulse), which made it worse (R12 P3/P4). With --meter 6/8 or 12/8 the session is right.
The opening's notes tell the compound bar by how its 8ths group: each third 8th (a dotted-quarter beat) louder or
fuller than every 8th between (the arpeggio's 95/80 over 60, the blues's bass-and-chord under the triplet chords).
A straight part's beats (every second 8th) carry its accents, or its "and"s between them are as loud: no line.
Said in place of the double, the one hint the same notes had (live_double_tempo.py); told --meter 6/8, neither is
said (the double offered "give --bpm 179" over a right 6/8 session). The notes heard by then cover a 4/4 bar at
most: a straight part in 8ths accented 3+3+2 (1, the "and" of 2, 4) at 90 is heard as these are and asked (it was
offered 179 before), where only loudness sets its accents apart (a bass on them moved its reading to 120).
"""

from __future__ import annotations

import numpy as np

from .live_clock import loudness
from .live_compound_chords import compound
from .live_opening import Opening, beats_from_first

ON_GRID = 0.1  # of an 8th: an onset this near one is on it (as live_double_tempo's)
HEADS = 3  # dotted-quarter beats heard at least (0, 3 and 6 8ths in): a bar line of 3/4 or 6/8 past the first
TOLD_HEADS = 2  # told --meter 6/8, the drums come in on its bar 2 (3 quarters in): its two beats heard
LOUDER = 1.2  # by Opening's weights: each beat's 8th over every 8th between (about 10% in velocity; the arpeggio's
# 80 over 60 with a player's +-6 is 1.26)
HINT = "; in 6/8 or 12/8? give --meter 6/8 (or 12/8)"


def compound_hint(opening: Opening, bpm: float) -> str | None:
    """Where `opening`'s onsets read at `bpm` (the drums' tempo, quarter notes) are 8ths grouped in threes
    (`in_threes`): HINT, or "" when the session's meter (`opening.meter`) is compound already (told --meter 6/8, the
    double is no more the player's: nothing to offer). None where they are not (the double's own reading stands)."""
    onsets, told = opening.onsets(), compound(opening.meter)
    heads = TOLD_HEADS if told else HEADS
    if len(onsets) < 2 * heads or not in_threes(onsets, beats_from_first(onsets, bpm), heads):
        return None
    return "" if told else HINT


def in_threes(onsets, x: np.ndarray, heads: int = HEADS) -> bool:
    """Every one of `onsets` (Opening.onsets()) on an 8th of the tempo read (x: each in its beats from the first),
    a note on each of the first `heads` dotted-quarter beats (every third 8th from the first) and one between each of
    them, and each beat's note LOUDER (loudness, a chord's fullness: Opening.read's weights) than every note between."""
    eighths = np.round(x * 2)
    if np.abs(x * 2 - eighths).max() > ON_GRID:
        return False
    at = eighths.astype(int)
    on = at % 3 == 0
    if not set(range(0, 3 * heads, 3)) <= set(at[on]) or not set(range(heads - 1)) <= {int(a) // 3 for a in at[~on]}:
        return False
    weights = np.array([loudness(o[2]) * (1 + 0.5 * (o[3] - 1)) for o in onsets])
    return bool(weights[on].min() >= LOUDER * weights[~on].max())


__all__ = ["HINT", "compound_hint", "in_threes"]
