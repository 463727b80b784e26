"""What is said of a pickup (the notes before the music's first downbeat), in the words and bar numbers a producer
sees in a DAW's ruler and piano roll.

"the music opens with a pickup into bar 2: the drums play a lead-in over its beats" left a new user to find which
beats, and "the file opens with a pickup bar; its notes end the window before bar 1" spoke of windows and of a bar
1 that a DAW's ruler numbers 2 (it numbers every bar from the start, the short one too; bars here count from the
first whole bar, as a score's do, and --bars counts them so).
"""

from __future__ import annotations

import math


def _beat_unit(n: int, d: int) -> float:
    """The beat a bar of n/d is counted in, in quarter notes: its denominator's note, a dotted quarter in 6/8,
    9/8 and 12/8."""
    return 1.5 if d == 8 and n % 3 == 0 and n > 3 else 4.0 / d


def _from(bar_start: float, start: float, meter: tuple[int, int], bar: int) -> str:
    """'from beat 4 of bar 1' (a whole bar leading in: 'all of bar 1')."""
    beat = math.floor((start - bar_start) / _beat_unit(*meter) + 1e-6) + 1
    return f"from beat {beat} of bar {bar}" if beat > 1 else f"all of bar {bar}"


def pickup_into_said(bar_start: float, start: float, meter: tuple[int, int], bar: int, *, drums: bool,
                     left_out: int | None = None) -> str:
    """The line for music opening with a pickup in a whole bar: `bar` (said as the messages number it, its `meter`,
    starting at beat `bar_start`), the pickup from beat `start` into bar + 1. drums: said of drums played over it
    (else of the groove read); left_out: the pickup's notes left out (a range of bars asked for from bar 1). It
    opens with bar_range.PICKUP_SAID, which a range's reading is matched by."""
    into = bar + 1
    said = f"the music opens with a pickup into bar {into} ({_from(bar_start, start, meter, bar)}): "
    if left_out is not None:
        notes = f"{left_out} note{'s' if left_out != 1 else ''}"
        come_in = "drums come in" if drums else "chart starts"
        return said + f"the {come_in} on bar {into} (the pickup's {notes} left out)"
    return said + (f"the drums play a lead-in under it and come in fully on bar {into}" if drums else
                   f"its notes are shown on their own, as 'pickup', before bar {into}")


def pickup_bar_said(meter: tuple[int, int], first_bar: int, *, drums: bool, as_ruler: bool) -> str:
    """The line for a file opening with a short bar of `meter` (a pickup bar) before the first whole bar, said as
    bar `first_bar`. as_ruler: bars are said as REAPER's ruler numbers them (nothing to explain)."""
    n, d = meter
    said = f"the file opens with a pickup, a short {n}/{d} bar" + (": the drums play a lead-in under it" if drums else
                                                                  ", shown on its own as 'pickup'")
    if as_ruler:
        return said
    return said + (f"; bars count from the first whole bar after it, as in a score (a DAW's ruler calls that bar "
                   f"{first_bar + 1})")


__all__ = ["pickup_bar_said", "pickup_into_said"]
