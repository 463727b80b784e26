"""A live session's fill runs, each unlike the last ones heard, as drumify's (fill_runs.py).

drumify plays a part's fills in one call, and fill_runs.fill_out keeps each thin fill's run down the kit unlike the
last FIGURE_MEMORY fills'. A live session plays each loop in an Engine.play_part call of its own: no fill came
before it, and every fill of a session over a steady part was the same run (seed 1: `sn hi . hi` on each; only the
landing, live_landings.py, varied). The session remembers the fills heard, each under the window and step it ends
on, and hands them to the call (fill_runs.runs_heard), counting its runs as drumify counts a part's, at the
session's tempo (made without one, a 200 BPM session's runs had played 16ths where drumify's play 8ths). A fill
drawn again in a later loop (a loop made every beat) is the same fill: it follows the fills before it, not itself.
Fills on other bars (fill_meters.py) likewise, apart: each window's runs, its count among them, as drumify's.
"""

from __future__ import annotations

import numpy as np

from .fill_meters import PATH_MEMORY
from .fill_runs import FIGURE_MEMORY, RunsHeard
from .loop import runs


class LiveRuns:
    """The fills of a live session, in the order heard (the last FIGURE_MEMORY + 1: a fill drawn again leaves out
    its own), and the count of each run laid (its figure drawn from it, as drumify's)."""

    def __init__(self):
        self._heard: list[tuple[tuple[int, int], tuple]] = []  # ((window, step its fill ends on), fill_out's entry)
        self._counts: dict[tuple[int, int], int] = {}  # the last runs' counts, by where they end
        self._count = 0
        # (fills on other bars: per window the runs laid, ((window, end), (steps, drums), count), in order heard)
        self._meter_heard: list[tuple[tuple[int, int], tuple, int]] = []
        self._meter_count = 0

    def forget(self) -> None:
        """The session starts over: its next fill is drawn as the first of a part."""
        self._heard.clear()
        self._counts.clear()
        self._count = 0
        self._meter_heard.clear()
        self._meter_count = 0

    def before(self, fill_at: np.ndarray, window: int, bpm: float | None) -> RunsHeard | None:
        """What the fill_out call making the loop of `window` (counted from the session's origin; fill_at (32,) its
        fill steps) at the session's tempo `bpm` follows: the fills heard before its own; None where it has no
        fill. (Its runs at that tempo, as drumify's: 8ths above fill_runs.EIGHTHS_BPM.)"""
        ends = [(window, hi) for _, hi in runs(fill_at)]
        if not ends:
            return None
        again = [self._counts[end] for end in ends if end in self._counts]
        # (a window's runs on other bars are cut at its bar lines, not only where its fills end: the window drawn
        # again draws them all again)
        meter_again = [nth for (w, _), _, nth in self._meter_heard if w == window]
        return RunsHeard([entry for end, entry in self._heard if end not in ends][-FIGURE_MEMORY:],
                         min(again) - 1 if again else self._count, bpm,
                         meter_last=[run for (w, _), run, _ in self._meter_heard if w != window][-PATH_MEMORY:],
                         meter_count=min(meter_again) - 1 if meter_again else self._meter_count)

    def heard(self, memory: RunsHeard | None, window: int, row: int) -> None:
        """Remember the fills fill_out laid in the loop played (its `row` of the call's windows; `memory` the call's,
        from `before`) as the fills of `window`."""
        if memory is None:
            return
        for (w, hi), (entry, nth) in sorted(memory.laid.items()):
            if w != row:
                continue
            end = (window, hi)
            self._heard = [h for h in self._heard if h[0] != end][-FIGURE_MEMORY:] + [(end, entry)]
            if nth is not None:
                self._counts = {e: c for e, c in self._counts.items() if e in dict(self._heard)} | {end: nth}
                self._count = max(self._count, nth)
        laid = [((window, hi), run, nth) for (w, hi), (run, nth) in sorted(memory.meter_laid.items()) if w == row]
        if laid:
            self._meter_heard = [h for h in self._meter_heard if h[0][0] != window][-PATH_MEMORY:] + laid
            self._meter_count = max(self._meter_count, max(nth for _, _, nth in laid))


__all__ = ["LiveRuns"]
