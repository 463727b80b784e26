"""Comebacks that land after the downbeat: a drummer crashes where the band comes in, not on the silence before it.

sections.reentry_bars hears the band come back in a bar whose first half holds a note, not on its downbeat: d_dm29
(freedoom) breaks off in bar 40 and comes back on beat 2 of bar 41. The crash planned on that bar's downbeat rang
over silence; freedoom's drummers crash on such an empty downbeat at none of the engine's 3 comebacks after the
downbeat (d_dm29's crashes with the band, on beat 2), at 17 of its 27 on the downbeat. So the comeback's crash
moves to the band's first note in the bar; the fill into the bar stays (the groove plays up to the crash).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .loop import STEPS
from .meter import WindowBars
from .sections import onset_steps, played_bars


def late_entries(grooves, bars, meters: Sequence[WindowBars | None] | None, starts, end: float,
                 comebacks) -> dict[int, tuple[int, int, int, int, int]]:
    """{bar: (window, its downbeat's step, the entry's step, the entry's beat (0-based), 16ths after that beat)} for
    each of `comebacks` (bars) whose first note (grooves on the real grid) lands after its downbeat, in its first
    window. A bar whose beats are not 4/4's 16ths in the loop (half time: the loop frame differs) is left out."""
    want = {int(b) for b in comebacks}
    if not want:
        return {}
    hits = onset_steps(grooves)
    out: dict[int, tuple[int, int, int, int, int]] = {}
    seen: set[int] = set()
    for w, bar, beats in played_bars(bars, meters, starts, end):
        if bar not in want or bar in seen:
            continue
        seen.add(bar)
        lo, hi = beats[0].start, beats[-1].start + beats[-1].length
        on = np.flatnonzero(hits[w, max(lo, 0):min(hi, STEPS)])
        if lo < 0 or not len(on) or on[0] == 0:
            continue
        step = lo + int(on[0])
        k = max(i for i, b in enumerate(beats) if b.start <= step)
        if any(b.length != 4 or b.source * 4 != b.start for b in beats[:k + 1]):
            continue  # the loop plays this bar's beats elsewhere: its crash stays where the plan put it
        out[bar] = (w, lo, step, k, step - beats[k].start)
    return out


def move_late_crashes(plan, grooves, bass, bars, meters, starts, end: float, back: dict[int, int],
                      bass_breaks, stops=()) -> dict[int, tuple[int, int]]:
    """Each comeback's crash (plan: a PhrasePlan, in place) from its bar's downbeat to where the band comes in,
    where that is later (late_entries; a bass break-off's: where the bass comes in). {bar: (its beat, 1-based,
    16ths after it)} of those moved, for the notes. A stop's comeback (stops: band_stops') is the stop's to play."""
    said: dict[int, tuple[int, int]] = {}
    back = {b: r for b, r in back.items() if b not in {s.back_bar for s in stops}}
    for part, kept in ((grooves, [b for b in back if b not in bass_breaks]),
                       (grooves if bass is None else bass, [b for b in back if b in bass_breaks])):
        for bar, (w, down, step, beat, after) in late_entries(part, bars, meters, starts, end, kept).items():
            masks = [m for m in (plan.crash_steps, plan.crash_real) if m is not None]
            if not all(m[w, down] for m in masks):
                continue  # no crash planned on its downbeat (a stop's, a given section's): nothing to move
            for m in masks:
                m[w, down], m[w, step] = False, True
            said[bar] = (beat + 1, after)
    return said


__all__ = ["late_entries", "move_late_crashes"]
