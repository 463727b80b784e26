"""Even chords before the drums come in, in a compound meter (6/8, 9/8, 12/8): counted in dotted quarters.

The opening knew only that a 6/8 bar is 3 quarter notes long, as a 3/4 bar: chords on each dotted quarter were read
as one chord a waltz bar (live_slow_chords.py), the drums at twice the player's tempo (or at 2/3 of it as one chord a
quarter). A drummer in 6/8 hears evenly spaced chords as its beats, the dotted quarters; a chord a bar only where
that beat would be slower than any 6/8 is played.
"""

from __future__ import annotations

import numpy as np

from .live_slow_chords import even_gap
from .settings import MAX_BPM, MIN_BPM

DOTTED = 1.5  # quarter notes of a compound meter's beat
APART = 0.9  # beats of the reading between chords at least: dotted quarters at 120 were read as quarters at 80
# (3 chords a 6/8 bar); closer, they are the reading's 8ths (an arpeggio)
SLOWEST_BEAT_BPM = 40.0  # dotted quarters a minute: a 6/8 ballad's (46); one chord that far apart is a bar's


def compound(meter) -> bool:
    """Whether `meter` (numerator, denominator) counts dotted quarters: 6/8, 9/8, 12/8."""
    return meter is not None and meter[1] == 8 and meter[0] % 3 == 0 and meter[0] > 3


def compound_chords_bpm(times, bpm: float, set_bpm: float, meter: tuple[int, int], *,
                        agreed: float) -> float:
    """The tempo (quarter notes a minute) of onsets `times` (seconds, beat 1 first) read at `bpm` in the compound
    `meter`: where they are evenly spaced (EVEN) and a beat or so apart at the reading (APART), one chord a dotted quarter, or
    one a bar where that beat is slower than SLOWEST_BEAT_BPM; --bpm `set_bpm` where either count is within `agreed`
    of it (a share); `bpm` otherwise."""
    mean = even_gap(times, bpm, APART)
    if mean is None:
        return bpm
    bar = meter[0] * 4 / meter[1]
    beat, whole = 60.0 * DOTTED / mean, 60.0 * bar / mean
    for tempo in (whole, beat):
        if abs(np.log(tempo / set_bpm)) <= np.log(1 + agreed):
            return set_bpm  # one chord a bar, or a beat, at the tempo asked
    tempo = beat if beat / DOTTED >= SLOWEST_BEAT_BPM else whole
    return float(tempo) if MIN_BPM <= tempo <= MAX_BPM else bpm


__all__ = ["compound", "compound_chords_bpm"]
