"""Where in the project's bars a selection's drums go, for actions.py: a time selection snapped to whole bars (or
each item's razor edits: the bars between two areas no part's), the bars between the selected items left to the
items not selected, drum items cut around them, and bars said as REAPER's ruler numbers them. Plain functions
over spans in QN and the bar grid.
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
    bars = [(grid.bar_number(a) + shift, grid.bar_number(b - 1e-6) + shift) for a, b in merged(spans)]
    return listed([f"bar {a}" if a == b else f"bars {a}-{b}" for a, b in bars])


def overlap(a: float, b: float, spans) -> float:
    """QN of (a, b) lying inside `spans` [(lo, hi)], those apart."""
    return sum(max(0.0, min(b, y) - max(a, x)) for x, y in spans)


def merged(spans) -> list:
    """Spans [(lo, hi)] merged where they overlap or touch, sorted."""
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
    chosen = merged(chosen)
    others = [(a, b) for a, b in others if b - a > 1e-6 and overlap(a, b, chosen) <= 0.5 * (b - a)]
    if not others:
        return []
    lines = [float(x) for x in bar_grid(sigs, end).lines] + [end]
    bars = [(a, min(b, end)) for a, b in zip(lines, lines[1:]) if b > start + 1e-6 and a < end - 1e-6 and b > a]
    return merged([(a, b) for a, b in bars if overlap(a, b, chosen) < 1e-6 and overlap(a, b, others) > 1e-6])


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
    lo, hi = _snapped(a, b, bar_grid(sigs, max(end, b)).lines)
    lo, hi = max(lo, start), min(hi, end)
    if hi <= lo + 1e-6 or (lo <= start + 1e-6 and hi >= end - 1e-6):
        return None
    return lo, hi


def _snapped(a: float, b: float, lines) -> tuple[float, float]:
    """[a, b) on the nearest bar lines; under a bar: the bar it lies in."""
    lo, hi = (float(lines[np.argmin(np.abs(lines - q))]) for q in (a, b))
    if hi <= lo + 1e-6:
        k = max(int(np.searchsorted(lines, (a + b) / 2, side="right")) - 1, 0)
        lo, hi = float(lines[k]), float(lines[k + 1]) if k + 1 < len(lines) else float(lines[k]) + 4.0
    return lo, hi


def selection_clip(info: dict, items: list, sigs: list, start: float, end: float) -> tuple:
    """(clip, unmarked): where the part is clipped, (lo_qn, hi_qn) or None for the whole items, and the bars
    inside it no part's [(lo_qn, hi_qn), ...], whose drums stay as they are. REAPER's time selection clips all
    items alike (time_selection_clip); razor edits (razor_edits.mark_items: item["razor_qn"]) clip each item to
    the areas over it, snapped to whole bars as item["clip_qn"]: areas over bass bars 1-2 and 7-8 leave 3-6
    unmarked (all eight bars were drummed), and a bass marked in bars 1-4 is not followed in the keys' 5-8."""
    razored = [i for i in items if "razor_qn" in i]
    if not razored:
        return time_selection_clip(info.get("time_selection_qn"), sigs, start, end), []
    lines = bar_grid(sigs, max([end] + [b for i in razored for _, b in i["razor_qn"]])).lines
    for i in razored:
        spans = ((max(a, start), min(b, end)) for a, b in (_snapped(a, b, lines) for a, b in i["razor_qn"]))
        i["clip_qn"] = merged([(a, b) for a, b in spans if b > a + 1e-6])
    marked = merged([s for i in razored for s in i["clip_qn"]])
    if not marked:  # no area over these items (drum bars marked elsewhere): as a time selection outside them
        return time_selection_clip(info.get("time_selection_qn"), sigs, start, end), []
    if all(overlap(i["start_qn"], i["end_qn"], i["clip_qn"]) >= i["end_qn"] - i["start_qn"] - 1e-6 for i in razored):
        return None, []  # every item marked whole: the drums follow the whole items
    return (marked[0][0], marked[-1][1]), [(a, b) for (_, a), (b, _) in zip(marked, marked[1:])]


def clip_notes(items: list, clip: tuple[float, float], unmarked=()) -> None:
    """Each item's notes (and low-register onsets) inside its clip only: its razor areas (selection_clip), else
    the clip; a note half a 16th early is its bar's, and a pickup before the clip is left out. In the bars no
    area marks (`unmarked`) the items play on, their drums cut away after: a rest heard there put a comeback
    fill and crash on the bar after."""
    early = 0.5 / STEPS_PER_BEAT
    for i in items:
        spans = [(a - early, b - early) for a, b in [*(i["clip_qn"] if "clip_qn" in i else [clip]), *unmarked]]
        for key in ("notes", "bass_notes"):
            if key in i:
                i[key] = [n for n in i[key] if any(lo <= n[0] < hi for lo, hi in spans)]


def razor_said(project: dict, lo: float, hi: float) -> str:
    """'bars 1-2 and 7-8': the bars in [lo, hi) the razor edits mark (selection_clip), where they lie apart; ''
    where they are one run of bars (said as a time selection's)."""
    spans = merged([(max(a, lo), min(b, hi)) for i in project.get("items") or () for a, b in i.get("clip_qn") or ()])
    spans = [(a, b) for a, b in spans if b > a + 1e-6]
    if len(spans) < 2:
        return ""
    runs = [bars_said(project, [s]).split(" ", 1)[1] for s in spans]  # '1-2', '7-8' as REAPER's ruler numbers them
    return f"bars {listed(runs)}"


def inside_item(notes, start: float) -> list[list]:
    """Notes for an item starting at `start`: a first-step hit played early starts on the item's start.

    REAPER does not play the part of a take before its item's start, so an
    early hit on an item's first step would be silently lost.
    """
    return [[max(on, start), max(off, start + 1e-3), pitch, vel] for on, off, pitch, vel in notes]


def silent_opening(project: dict, start_qn: float, first_note_qn: float, drums_qn: float) -> str:
    """'bars 1-8': the whole bars from the selection's start to the bar of its first note, where its drums start
    there or later (actions._part_of left them out: the song's silent opening), as REAPER's ruler numbers them;
    '' where there are none."""
    sigs = [(float(q), int(n), int(d)) for q, n, d in project["time_signatures"]]
    lines = bar_grid(sigs, max(drums_qn, first_note_qn) + 1.0).lines
    a = float(lines[int(np.searchsorted(lines, start_qn - 1e-6))])  # the first bar line at or after the start
    b = float(lines[max(int(np.searchsorted(lines, first_note_qn + 1e-6, side="right")) - 1, 0)])
    return bars_said(project, [(a, b)]) if b > a + 1e-6 and drums_qn >= b - 1e-6 else ""


def clip_name(info: dict) -> str:
    """What clipped the part, in REAPER's words (the project's info): a razor edit (razor_edits.py) or the time
    selection."""
    return "razor edit" if info.get("razor") else "time selection"


__all__ = ["bars_said", "clip_name", "clip_notes", "cut_around", "inside_item", "left_alone", "razor_said", "selection_clip",
           "silent_opening", "time_selection_clip"]
