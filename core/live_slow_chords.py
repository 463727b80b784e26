"""Slow, even chords before the drums come in (a keyboard player's half notes, played freely), heard as a drummer does.

Half-note chords wandering around 76 with no --bpm (120) sit outside the tempos the opening reads around --bpm (from
0.68 of it, 82), so their double was read: whole notes at 150-165 (the drums in double time, the snare on every other
chord) or, wandering a little more, 3 beats of 117 taken for --bpm's 120 (the backbeat wandering through the player's
bars). drumify of the same part (its file at 76) plays 76, the snare on the second beat of each chord. A drummer hears
one chord every 1.6 s as half notes at 76: the chords' own spacing, counted in the beats nearest the tempos songs are
played at, unless one count of it is the tempo agreed (--bpm).
"""

from __future__ import annotations

import numpy as np

from .settings import MAX_BPM, MIN_BPM

EVEN = 0.12  # each gap within this share of their mean: one pulse, played freely (+-8 BPM around 76 is +-10%)
SPARSE = 1.75  # beats of the reading between chords at least (every beat: the reading's own; dotted quarters: a riff)
MIN_CHORDS = 4  # fewer say nothing of their spacing
COUNTS = (1, 2, 4)  # beats a chord may last: a quarter, a half note, a whole note
FASTEST_WALTZ = 200.0  # BPM: one chord a 3-beat bar up to this tempo (a Viennese waltz's 180); quicker, one a beat


def even_gap(times, bpm: float, least: float) -> float | None:
    """The mean gap (seconds) of onsets `times` where at least MIN_CHORDS are evenly spaced (EVEN) and at least
    `least` beats of the reading `bpm` apart; None otherwise."""
    times = np.asarray(times, np.float64)
    if len(times) < MIN_CHORDS:
        return None
    gaps = np.diff(times)
    mean = float(gaps.mean())
    if mean <= 0 or np.abs(gaps / mean - 1).max() > EVEN or mean * bpm / 60.0 < least:
        return None
    return mean


def even_chords_bpm(times, bpm: float, set_bpm: float, *, usual: float, agreed: float,
                    bar_beats: float = 4.0) -> float:
    """The tempo of onsets `times` (seconds, beat 1 first) read at `bpm`: where they are evenly spaced (EVEN) and
    sparse at the reading (SPARSE) but not its half notes, their spacing counted as COUNTS (or a bar of `bar_beats`)
    beats, --bpm `set_bpm` where one count is within `agreed` of it (a share), else the count nearest `usual` BPM
    (in a 3-beat bar the bar's count, up to FASTEST_WALTZ, else a beat's: half notes cross its bars);
    `bpm` otherwise. One chord a bar at --bpm is played at --bpm however the reading counted it."""
    mean = even_gap(times, bpm, SPARSE)
    if mean is None:
        return bpm
    tempos = [t for t in (60.0 * k / mean for k in sorted({*COUNTS, bar_beats})) if MIN_BPM <= t <= MAX_BPM]

    def asked(t):
        return abs(np.log(t / set_bpm)) <= np.log(1 + agreed)

    if asked(60.0 * bar_beats / mean):
        return set_bpm  # one chord a bar at the tempo asked (a 3/4 bar at 120 is no half notes at 80)
    if abs(bar_beats - 3) < 1e-9:
        # a 3-beat bar: one chord a bar (up to a fast waltz's), else one a beat. Counted as half notes, one a bar at
        # 150 was read at 100 and at 180 as --bpm's 120: the drums' bars crossed the player's
        one = next((t for t in (60.0 * bar_beats / mean, 60.0 / mean) if t <= FASTEST_WALTZ), None)
        return bpm if one is None or one < MIN_BPM else set_bpm if asked(one) else float(one)
    if not tempos or abs(mean * bpm / 60.0 - 2) <= 2 * EVEN:
        return bpm  # counted as half notes already: half notes at 70 are no whole notes at 140
    if any(asked(t) for t in tempos):
        return set_bpm
    return float(min(tempos, key=lambda t: abs(np.log(t / usual))))


__all__ = ["even_chords_bpm"]
