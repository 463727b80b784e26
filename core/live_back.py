"""A player coming back after they stopped (--stop-after): where their bar 1 falls on the bars counted so far.

A drummer who stopped (or went back to an idle groove) waits for the player's first bar and comes in on its 1: the
drums' old bar line kept, a player back 1.5 beats off it had the snare on their 'and' of 2 and 4, and a player back
2 beats off had bar 1, fills and crashes half a bar off theirs. LivePlayer (livemidi.py) uses these.
"""

from __future__ import annotations

import numpy as np

from .live_opening import Opening

# beats: a player back this near a bar line of the idle pattern came in on it (it plays on, their bar is its bar);
# a 16th off or more, they came in on their own
ON_LINE = 0.2


def back_bar_line(beat: float, origin: float, beats_per_bar: float) -> float:
    """The bar line a player back at `beat` starts on: the next, or the last when they are within a beat after it (a
    player a little late on the old 1). The bars go on being counted (--fill-every, bar numbers said, the take)."""
    return origin + float(np.ceil((beat - origin - 1.0) / beats_per_bar - 1e-9)) * beats_per_bar


def off_the_idle_bars(opening: Opening, beats: list[tuple[float, float]], now: float, origin: float,
                      beats_per_bar: float) -> tuple[float, float] | None:
    """Back over the idle pattern, once `opening` has heard enough: (seconds, beat on the idle pattern's bars) of the
    player's bar 1, or None when it is on a bar line of the idle pattern (it plays on). beats: (seconds, beat) of
    each note heard."""
    down, bpm = opening.read(now)
    t, beat = min(beats, key=lambda tb: abs(tb[0] - down))
    beat += (down - t) * bpm / 60.0  # (bar 1 half a beat before the first note: begun on the 'and's)
    line = origin + round((beat - origin) / beats_per_bar) * beats_per_bar
    return None if abs(beat - line) <= ON_LINE else (down, beat)
