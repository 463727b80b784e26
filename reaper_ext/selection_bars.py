"""Where in the project's bars a selection's drums go, for actions.py: a time selection snapped to whole bars,
the bars between the selected items left to the items not selected, drum items cut around them, and bars said
as REAPER's ruler numbers them. Plain functions over spans in QN and the bar grid.
"""

from __future__ import annotations

import numpy as np

from reagroove.core.groove import bar_grid
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.wording import listed


def bars_said(project: dict, spans) -> str:
    """'bars 5-6 and bar 9' for spans [(lo_qn, hi_qn)], as REAPER's ruler numbers the bars (its start measure)."""
    sigs = [(float(q), int(n), int(d)) for q, n, d in project["time_signatures"]]
    grid = bar_grid(sigs, max(b for _, b in spans))
    shift = grid.ruler_shift(int(project.get("measure_offset") or 0))
    bars = [(grid.bar_number(a) + shift, grid.bar_number(b - 1e-6) + shift) for a, b in _merged(spans)]
    return listed([f"bar {a}" if a == b else f"bars {a}-{b}" for a, b in bars])


def _overlap(a: float, b: float, spans) -> float:
    return sum(max(0.0, min(b, y) - max(a, x)) for x, y in spans)


def _merged(spans) -> list:
    out: list = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1e-6:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def left_alone(chosen, others, sigs, start: float, end: float) -> list:
    """The bars [lo, hi) between start and end where no selected item plays and an item not selected does that
    lies mostly outside the selected ones: a section the producer left out (the chorus between a selected verse
    and bridge), whose drums stay as they are. A pad held under the whole song is none: the drums keep time
    through a rest under it."""
    chosen = _merged(chosen)
    others = [(a, b) for a, b in others if b - a > 1e-6 and _overlap(a, b, chosen) <= 0.5 * (b - a)]
    if not others:
        return []
    lines = [float(x) for x in bar_grid(sigs, end).lines] + [end]
    bars = [(a, min(b, end)) for a, b in zip(lines, lines[1:]) if b > start + 1e-6 and a < end - 1e-6 and b > a]
    return _merged([(a, b) for a, b in bars if _overlap(a, b, chosen) < 1e-6 and _overlap(a, b, others) > 1e-6])


def cut_around(specs: list[dict], left: list) -> list[dict]:
    """The item specs cut around the bars left alone (a hit half a 16th early is its bar's, as windows count)."""
    early = 0.5 / STEPS_PER_BEAT
    out = []
    for spec in specs:
        pieces = [(spec["start_qn"], spec["end_qn"])]
        for a, b in left:
            pieces = [p for x, y in pieces for p in ((x, min(y, a)), (max(x, b), y)) if p[1] > p[0] + 1e-6]
        for x, y in pieces:
            lo = x - early if x > spec["start_qn"] + 1e-6 else -np.inf
            hi = y - early if y < spec["end_qn"] - 1e-6 else np.inf
            notes = [[on, min(off, y), pitch, vel] for on, off, pitch, vel in spec["notes"] if lo <= on < hi]
            out.append({**spec, "start_qn": x, "end_qn": y, "notes": inside_item(notes, x)})
    return out


def time_selection_clip(ts, sigs: list, start: float, end: float) -> tuple[float, float] | None:
    """Where REAPER's time selection clips the items' span [start, end), snapped to whole bars (a drummer's
    loop starts on a bar line; an edge drawn a little off one goes to the nearest): (lo_qn, hi_qn), or None
    when there is none, it lies outside the items (a stale one left from editing elsewhere) or it covers them
    all: then the drums follow the whole items, as REAPER's 'items within time selection' actions do."""
    if not ts:
        return None
    a, b = float(ts[0]), float(ts[1])
    lines = bar_grid(sigs, max(end, b)).lines
    lo, hi = (float(lines[np.argmin(np.abs(lines - q))]) for q in (a, b))
    if hi <= lo + 1e-6:  # under a bar selected: the bar it lies in
        k = max(int(np.searchsorted(lines, (a + b) / 2, side="right")) - 1, 0)
        lo, hi = float(lines[k]), float(lines[k + 1]) if k + 1 < len(lines) else float(lines[k]) + 4.0
    lo, hi = max(lo, start), min(hi, end)
    if hi <= lo + 1e-6 or (lo <= start + 1e-6 and hi >= end - 1e-6):
        return None
    return lo, hi


def inside_item(notes, start: float) -> list[list]:
    """Notes for an item starting at `start`: a first-step hit played early starts on the item's start.

    REAPER does not play the part of a take before its item's start, so an
    early hit on an item's first step would be silently lost.
    """
    return [[max(on, start), max(off, start + 1e-3), pitch, vel] for on, off, pitch, vel in notes]


__all__ = ["bars_said", "cut_around", "inside_item", "left_alone", "time_selection_clip"]
