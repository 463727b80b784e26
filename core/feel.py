"""The feel a part is played in (Settings.feel): "normal", or "half" time over its 4/4 bars.

Half time marks every 4/4 bar of the windows as two half-note beats (half_time.py says how meter.py
plays them): the model reads the band at half speed and its loop's backbeat lands on each bar's 3, while
the windows, bars, phrases, fills and crashes stay the song's. Double time is not offered: a 4/4 bar at
double speed is two loop bars, and a window of two bars would need four.
"""

from __future__ import annotations

import numpy as np

from .conditioning import four_four_rows as plain_rows
from .half_time import HALF_TIME_GROUPS, half_time_window, is_half_time
from .meter import GroupedBar, is_pickup

HALF_TIME_NOTE = ("half-time feel: the kick on each bar's 1, the backbeat on its 3, the hats on its 8ths (its 16ths where "
                  "the part plays 16ths)")
NO_FOUR_FOUR_NOTE = "half-time feel has no effect: the part has no 4/4 bars (it plays 4/4 bars as two half-note beats)"


def half_time_bar(offset: float) -> GroupedBar:
    """A window's 4/4 bar at `offset` beats, played in half time."""
    return GroupedBar(offset, 4, 4, HALF_TIME_GROUPS)


def with_feel(meters, feel: str, windows: int) -> tuple[list | None, list[str]]:
    """The windows' meters (Windows.meters; None: `windows` windows of two 4/4 bars) played in `feel`, and what
    to say of it. Normal leaves them as they are (bars a half-time result carries back to plain 4/4); half
    marks each 4/4 bar of every window that starts on a bar line (a pickup keeps its own beats)."""
    if feel != "half":
        if meters is None or not any(is_half_time(b) for bars in meters if bars for b in bars):
            return meters, []
        return [bars if bars is None else tuple(tuple(b[:3]) if is_half_time(b) else b for b in bars)
                for bars in meters], []
    rows = [((0.0, 4, 4), (4.0, 4, 4))] * windows if meters is None else list(meters)
    out = [bars if bars is None or is_pickup(bars) else
           tuple(half_time_bar(b[0]) if tuple(b[1:3]) == (4, 4) else b for b in bars) for bars in rows]
    halves = any(is_half_time(b) for bars in out if bars for b in bars)
    return out, [HALF_TIME_NOTE if halves else NO_FOUR_FOUR_NOTE]


def four_four_rows(meters) -> np.ndarray | None:
    """(W,) bool: the windows whose loops the network plays as 4/4 loops (Conditioning.four_four): plain 4/4
    (conditioning.four_four_rows), and 4/4 in half time, whose loop is shaped with a 4/4 drummer's accents
    (the backbeat loudest) before half_time_accents lays them at half speed; None for every window."""
    rows = plain_rows(meters)
    return None if rows is None else rows | np.array([half_time_window(m) for m in meters], bool)
