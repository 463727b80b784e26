"""The drums come in on the bar line the player's opening notes have just let them in on (livemidi.LivePlayer._relay).

A 3/4 waltz in quarters off --bpm's beats (begun between them, or a little off its tempo) is read from 4 onsets
(live_opening.Opening.min_onsets), the 4th on bar 2's 1: the drums are let in on that note, and the clock, moved to
the tempo and bar 1 read, puts it a hair either side of bar 2's line. Before the line, bar 2's loop was made from the
notes heard and the drums came in on it; a hair after it, the session restarted there had made bar 2's loop before
the notes heard were laid again (silence: nothing heard yet), and the drums came in on bar 3 (--bpm 120, 10 starts
0.05 s apart at each of 100-140 BPM: bar 3 at 100 in 10 of 10, at 117 in 6, at 124 in 7; now bar 2 in all 100).
A drummer hearing the bar's 1 comes in on it: that loop is made again from what was heard, and its notes from the
line on are played at once (a hair late, LATE at most, as a restart's first 16th is).
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES

LATE = 0.15  # beats: a bar line at most this far behind the clock is still the drums' way in (75 ms at 120 BPM: the
# 4th onset's place after the clock moved was 0.004-0.08 beats past it; more is the middle of the bar, not its 1)


def from_the_line(session, clock, beat: float, from_grid: float | None) -> float | None:
    """The beat from which a restarted session's notes are due (LivePlayer._from_grid: `from_grid`, or the bar line
    the drums come in on). Where the session, restarted at `beat` a hair after a bar line (LATE at most) with the
    notes heard laid again since, a whole bar of them before the line, plays silence from it and the opening (the
    clock's, None: none) has heard enough, the line's loop is made again (by the session's next `advance`, as every
    loop is: the drums come in there, the clock locks, the entry line is said) and the line is returned; else
    `from_grid`."""
    opening = getattr(clock, "opening", None)
    if opening is not None and not opening.heard_enough():
        return from_grid
    current, bar = session.current, session.beats_per_bar
    if current is None or current.loop[:, :N_VOICES].any() or bar <= 0 or session.entered is None:
        return from_grid
    line = session.origin + np.floor((beat - session.origin) / bar + 1e-9) * bar
    # the drums come in once a bar is heard: a pickup's landing on bar 1's 1 lets them in on bar 2 (a first note
    # on the bar's 1 may be a hair late)
    if beat - line > LATE or abs(current.boundary - line) > 1e-6 or line - session.entered < bar - LATE:
        return from_grid
    session._next_boundary = float(line)  # (its loop made again, from the notes heard)
    return float(line)
