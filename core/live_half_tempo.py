"""A player at half the default tempo, as the drums come in: what the entry line tells them.

A ballad player at 60 who left out --bpm (120) plays 8ths that are 120's quarter notes, or quarter notes that are its
half notes: every note on a beat of 120. The opening (live_opening.py) reads the tempo within about 0.68-1.4 times
--bpm, so it heard 120 (60 is outside), and the drums came in at double time, the snare on every "and" of the
player's beats, with nothing said. The same notes are a walking bass's quarters or a pad's half notes at 120
(tests/test_live_slow_chords.py), which must stay at 120: the notes cannot tell the two apart, so the drums stay at
--bpm and the entry line says how to get the half ("the drums come in at 120 BPM; playing at 60? give --bpm 60").
At 62-83 the 8ths are read off --bpm, at 124-166, said as read, and the half as missing: offered there too. Said only when --bpm was left to its default (a player who asked for 120 meant it) and the notes leave the doubt:
one between the beats (an 8th of 120, a pickup) makes 120 the likelier.

A ballad in 16ths at 60 is read as 120's 8ths (at 56-70, as 112-139's): the drums came in at double time with nothing
said. Its notes between 120's beats are as well a rock part's 8ths at 120 (which stays unoffered); what tells them
apart is the half-note pulse a drummer hears: the ballad's beats (120's 1 and 3) carry its accents and its "and"s
(120's 2 and 4) are clearly lighter, as Opening._own_beats reads half notes (LIGHTER: a bass on each beat under an
arpeggio, 95 over 72, is offered; a rock part's 8ths, beats alike at 100, or a riff's 105 and 95 over 80, are not).

A bar of an odd number of beats (--beats-per-bar 3: a waltz's quarters are its beats) is offered no half (odd_bar):
its half put 1.5 of the player's bars in a drum bar.

Below where the half is offered, a tempo read whose double is past the tempos read may offer that double instead
(a player at 170 read at 85: live_double_tempo.py).
"""

from __future__ import annotations

import numpy as np

from .live_clock import loudness
from .live_double_tempo import double_tempo_hint
from .live_opening import Opening, beats_from_first
from .settings import MIN_BPM

ON_BEAT = 0.1  # beats of --bpm: an onset this near one of its beats is on it (50 ms at 120; a ballad's loose hands)
NEAR = 0.9  # of --bpm: the drums' tempo from this up has a ballad's half (54 at 120); a player at 62 or 66 has their
# 8ths read at 124 or 132, off --bpm (said as read), and the half is as missing as at 60
BETWEEN_LIGHTER = 0.85  # a ballad's 16ths between under its "and"s (the arpeggio's 60 and 58 under 72: 0.67 by weight)
LEAST_ONSETS = 3  # fewer say nothing (the opening lets the drums in after 3 whole notes at --bpm at the earliest)


def half_tempo_hint(opening: Opening, bpm: float, set_bpm: float, default_bpm: bool) -> str:
    """"; playing at H? give --bpm H" for the entry line when the drums come in at `bpm` (from NEAR of --bpm
    `set_bpm` up), --bpm left to its default (`default_bpm`), the bar an even number of beats (`opening`'s
    bar_beats: `odd_bar`), and every one of its onsets (Opening.onsets(): (seconds, ...), a chord one) sits on a
    beat of `bpm` through the first: as well the 8ths or quarters of its half. "" otherwise."""
    half, onsets = bpm / 2.0, opening.onsets()
    double = double_tempo_hint(opening, bpm, set_bpm, default_bpm, below=NEAR * set_bpm)  # past the tempos read
    if double:
        return double
    if not default_bpm or bpm < NEAR * set_bpm or half < MIN_BPM or len(onsets) < LEAST_ONSETS:
        return ""
    if odd_bar(opening.bar_beats):
        return ""
    x = beats_from_first(onsets, bpm)
    if np.abs(x - np.round(x)).max() > ON_BEAT and not half_note_pulse(onsets, x):
        return ""
    return f"; playing at {half:.0f}? give --bpm {half:.0f}"


def odd_bar(bar_beats: float) -> bool:
    """A bar of an odd number of beats (3: a waltz, 5, 7), whose half tempo is offered nowhere. A waltz in quarters
    at 120 or 150 (--beats-per-bar 3, no --bpm) was offered 60 or 75: taken, each drum bar of 3 beats at 60 covered
    two of the player's bars, the kick on their 1 and 3, the snare on their next bar's 2, the crash every other
    bar (a 2-bar hemiola; R5's s_j.py, s_k.py). An even bar's half keeps its beats on the player's odd beats, inside
    their bars (a ballad's 4/4 at 60); an odd bar's crosses their bar lines."""
    beats = round(float(bar_beats))
    return abs(bar_beats - beats) < 1e-6 and beats % 2 == 1


def half_note_pulse(onsets, x: np.ndarray) -> bool:
    """Every one of `onsets` (Opening.onsets()) sits on an 8th of the tempo read (x: each in its beats from the
    first), the 8ths between its beats played, and its even beats from the first (2 and 4: a half-tempo player's
    "and"s) clearly lighter than its odd ones (1 and 3: their beats), by Opening's weights (loudness, a chord's
    fullness) and its LIGHTER, and the 8ths between lighter than those "and"s (BETWEEN_LIGHTER): a ballad's 16ths at
    half the tempo read, not its own 8ths."""
    eighths = np.round(x * 2)
    if np.abs(x * 2 - eighths).max() > 2 * ON_BEAT:
        return False
    place = eighths.astype(int) % 4  # 0: a half-tempo beat, 2: its "and", 1 and 3: its 16ths between
    weights = np.array([loudness(o[2]) * (1 + 0.5 * (o[3] - 1)) for o in onsets])
    beats, ands, between = weights[place == 0], weights[place == 2], weights[place % 2 == 1]
    # (and the 16ths between lighter than the "and"s, a ballad's hierarchy: a pumping 8ths bass at 120 accenting 1
    # and 3, or pop piano's 8th chords with the bass on 1 and 3, play 120's off-beat 8ths as loud as 2 and 4)
    return bool(len(between) and len(ands) and ands.mean() <= Opening.LIGHTER * beats.mean()
                and between.mean() <= BETWEEN_LIGHTER * ands.mean())


__all__ = ["half_note_pulse", "half_tempo_hint", "odd_bar"]
