"""Live sessions' stale steps: where a bar of the loop window holds nothing heard lately, what was heard there
before (the take's last groove after a break; the player's first whole bar at the start: live.py)."""

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


__all__ = ["refill"]
