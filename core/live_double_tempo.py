"""A player past the tempos the opening reads, as the drums come in: the entry line offers their double tempo.

With no --bpm (120) the opening reads about 0.68-1.38 of it (82-166: live_opening.Opening.RANGE). A player at 170
is past it, so their notes were read at 85: quarter notes at 170 as 85's 8ths, a funk riff's 16ths at 170 as 85's
32nds. The drums came in at half time ("the drums come in at 85 BPM, read from your playing"), the hats lost the
riff's pulse (R5's s_r.py: `X--X|----|#-x-|X---`), and only a half was ever offered. The notes fit 170 as well, so,
as the half is (live_half_tempo.py), the double is offered: "; playing at 170? give --bpm 170".
Offered only when --bpm was left to its default, the read tempo is below where a half is offered (so one line never
offers both) and its double past the tempos read (the opening would have heard it otherwise), and the notes are:
- every one on an 8th of the read tempo, the 8ths between its beats played as the part's pulse (at least one
  between every other beat: a part at 85 of half notes and quarters is not 170's), or
- on a 16th of the double but not all on a 16th of the read tempo (its 32nds: no part for a drummer is read there).
A riff's 8ths at 180 read as 90's 16ths fit neither and are said as read (tests/test_live_half_tempo.py).
8ths grouped in threes (a 6/8 or 12/8 part at 60 dotted quarters, read at 90) are asked for --meter instead
(live_meter_hint.py): their double put a rock beat at 180 over the compound bars (told --meter 6/8, none is offered).
"""

from __future__ import annotations

import numpy as np

from .live_meter_hint import compound_hint
from .live_opening import Opening, beats_from_first
from .settings import MAX_BPM

ON_GRID = 0.1  # of a grid step: an onset this near a step is on it (10 ms on 85's 8ths; a player's loose hands)
OFF_GRID = 0.35  # of a 16th of the read tempo: an onset this far off every one is on a 32nd (half a 16th at best)
PULSE = 0.5  # the 8ths between the read tempo's beats played on at least this share of the beats spanned


def double_tempo_hint(opening: Opening, bpm: float, set_bpm: float, default_bpm: bool, below: float) -> str:
    """"; playing at D? give --bpm D" for the entry line when the drums come in at `bpm`, under `below` (where the
    half is offered), its double D past the opening's tempos read about --bpm `set_bpm` (Opening.RANGE), --bpm left
    to its default (`default_bpm`), and `opening`'s onsets (3 at least) fit D as the module says. "" otherwise."""
    double, onsets = 2.0 * bpm, opening.onsets()
    if not default_bpm or bpm >= below or double <= Opening.RANGE[1] * set_bpm or double > MAX_BPM:
        return ""
    if len(onsets) < 3:
        return ""
    x = beats_from_first(onsets, bpm)
    if not (eighths_pulse(x) or thirty_seconds(x)):
        return ""
    meter = compound_hint(opening, bpm)
    return meter if meter is not None else f"; playing at {double:.0f}? give --bpm {double:.0f}"


def _off(steps: np.ndarray) -> np.ndarray:
    return np.abs(steps - np.round(steps))


def eighths_pulse(x: np.ndarray) -> bool:
    """Every onset (x: in beats of the read tempo from the first) on one of its 8ths, and its "and"s played on at
    least PULSE of the beats spanned: a part in quarter notes at the double."""
    if _off(x * 2).max() > ON_GRID:
        return False
    ands = {int(np.floor(e / 2)) for e in np.round(x * 2).astype(int) if e % 2 == 1}
    spanned = int(np.round(x.max())) + 1
    return len(ands) >= PULSE * spanned


def thirty_seconds(x: np.ndarray) -> bool:
    """Every onset on a 16th of the double (the read tempo's 32nds) and at least one off its own 16ths."""
    return bool(_off(x * 8).max() <= 2 * ON_GRID and (_off(x * 4) > OFF_GRID).any())


__all__ = ["double_tempo_hint", "eighths_pulse", "thirty_seconds"]
