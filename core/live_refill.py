"""Live sessions' stale steps: where a bar of the loop window holds nothing heard lately, what was heard there
before (the take's last groove after a break; the player's first whole bar at the start: first_bar_held)."""

from __future__ import annotations

import numpy as np

from .loop import STEPS_PER_BEAT


def refill(groove: np.ndarray, before: np.ndarray, window_steps: int, bar_quarters: float,
           stale: np.ndarray | None = None) -> np.ndarray:
    """`groove` (rows: 16th steps; column 0: hit) with its `stale` steps taken from `before`; by default the steps of
    each bar of the window (`window_steps` long, bars of `bar_quarters`) where nothing is left. Columns past the
    first three (the bass beside the groove: live_bass.py) go with their steps."""
    out = groove.copy()
    if stale is None:
        bar = max(1, min(int(round(bar_quarters * STEPS_PER_BEAT)), window_steps))
        stale = np.zeros(len(out), bool)
        for lo in range(0, window_steps, bar):
            stale[lo:lo + bar] = not out[lo:lo + bar, 0].any()
    out[stale] = before[stale]
    return out


def first_bar_held(groove: np.ndarray, at: int, entered: float, window_steps: int,
                   bar_quarters: float) -> np.ndarray | None:
    """At the start of a session: `groove` (a window's buffer) with the steps last played over before the player's
    first whole bar (silence, a pickup, a start on beat 3) holding that bar, once it is heard there (a drummer
    listens for a bar, then plays a whole groove); None once every step was played since that bar (two bars are in:
    the start is over). at: the 16th being played; entered: the player's first note, in 16ths from the origin.
    A loop made from one bar had the other bar near empty: the second bar of a session came in thin and the drums
    took bars to settle."""
    n, bar = window_steps, int(round(bar_quarters * STEPS_PER_BEAT))
    first = int(np.ceil((entered - 0.5) / bar - 1e-9)) * bar  # a downbeat played a hair early is on it
    if at >= first + n:  # every step played since: two bars are in
        return None
    steps = np.arange(len(groove))
    last = steps + np.floor((at - steps) / n) * n  # where each step of the buffer was last played over
    source = first + np.mod(last - first, bar)  # the same step of the first whole bar, if played by now
    stale = (steps < n) & (last < first) & (source <= at)
    if not stale.any():
        return groove
    return refill(groove, groove[np.where(stale, source.astype(int) % n, steps)], n, bar_quarters, stale)


__all__ = ["first_bar_held", "refill"]
