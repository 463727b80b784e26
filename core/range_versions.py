"""Versions of bars drummed from a whole song (--bars, REAPER's Variations over a time selection): the song's versions
laid only as far as the bars asked need them.

A range's versions are the whole song's there (bar_range.in_range), and a window's drums depend on the windows before
it: each fill is drawn after the last ones (fills.draw_fills, across the versions drawn in one call), run and landed
unlike the fills of its version before it (fill_runs.fill_out, fill_landings.vary_landings: per seed), the hands play
on from the window before (hand_speed.at_tempo), a section's beats share one take and hat figure. Drawing and
decoding stay whole, as they were: each fill is drawn after every fill before it, and a model call's loops are not
each their own (a funk and latin mix's beats decoded for the range's sections alone, whole takes, in batches of 3 or
more, came out other than in the whole call). What costs most, laying each fill as a run and its landing (about half of 16 versions of a
101-window song), stops after the windows the range needs: a fill after the last of them is not laid where no fill
after it of its seed (its version's chain) is one needed. The windows up to there play as before, bit for bit.
"""

from __future__ import annotations

import numpy as np

# windows after the last one a range hears that are still laid in full: a fill or stop there may reach back (a
# landing's kick into the next 1, a stop's last hit), and reads of the next window's drums find them as before
MARGIN = 2


def asked_windows(part, judged: np.ndarray | None) -> np.ndarray | None:
    """(W,) bool: the windows of a whole song's result (`part`: DrumifyResult) whose drums its versions lay in full for
    `judged` (the windows a range is heard in, bar_range.range_of; None: all, returned as None): every window up to
    MARGIN past the last judged one, or past the end of a chorus a judged window is in (named_sections.lift_versions
    moves a chorus's hats to the ride by counting the whole chorus's hats)."""
    if judged is None or not np.any(judged):
        return None
    w = len(judged)
    last = int(np.flatnonzero(judged)[-1])
    bars = np.asarray(getattr(part, "bars", ()), np.int64)
    if len(bars) == w:  # (the window after each one starts the bar past its own)
        ends = np.append(bars[1:], np.iinfo(np.int64).max)
        for first, stop, *_ in getattr(part, "choruses", ()) or ():
            inside = np.flatnonzero((bars < (np.iinfo(np.int64).max if stop is None else stop)) & (ends > first))
            if len(inside) and np.asarray(judged)[inside].any():
                last = max(last, int(inside[-1]))
    return np.arange(w) <= last + MARGIN


def laid_fills(fills: np.ndarray, fill_loops, asked: np.ndarray | None, seed) -> tuple[np.ndarray, object]:
    """The fill windows `fills` (indices into a part's n windows, in order) and their loops that Engine.play_part lays,
    asked: (n,) the windows whose drums are asked for (None: all); seed: the part's (one, one per window, or None: one
    for all). A fill is laid where asked, or where a fill asked comes after it in its seed's chain (fill_runs and
    fill_landings remember the fills before per seed), so every asked window plays as with all fills laid."""
    if asked is None or not len(fills):
        return fills, fill_loops
    seeds = np.broadcast_to(np.asarray(-1 if seed is None else seed, np.int64), (len(asked),))[fills]
    keep, live = np.asarray(asked, bool)[fills].copy(), set()
    for i in range(len(fills) - 1, -1, -1):
        if keep[i]:
            live.add(int(seeds[i]))
        keep[i] = int(seeds[i]) in live
    return fills[keep], fill_loops[keep]
