"""Compact text piano rolls for the terminal.

One character per 16th step, a bar line at each of the song's bars (16
steps in 4/4, 12 in 3/4 and 6/8, 24 in 12/8, 8 in 2/4), a space every beat:
'-' rest, 'o' soft, 'x' medium, 'X' loud. A timing line under a groove marks
steps played clearly early '<' or late '>' (more than 1/8 of a step). A drum
loop is one such row per voice that plays, as a drummer reads a chart.
"""

from __future__ import annotations

import numpy as np

from .loop import STEPS, VOICES
from .meter import WindowBars, bars_beats

VOICE_WIDTH = max(len(v) for v in VOICES)
HITS_LEGEND = "'-' rest  'o' soft  'x' medium  'X' loud"
LEGEND = HITS_LEGEND + "  |  timing: '<' early  '>' late  '.' on the grid"


def _cell(hit: float, vel: float) -> str:
    if hit <= 0:
        return "-"
    return "o" if vel < 0.4 else ("x" if vel < 0.75 else "X")


def _timing(hit: float, off: float) -> str:
    if hit <= 0:
        return " "
    return "<" if off < -0.125 else (">" if off > 0.125 else ".")


def _bars(chars: list[str], bars: WindowBars | None = None) -> str:
    """Group a window's 32 characters by the bars it plays: |beat beat beat|beat ...| (two 4/4 bars when
    `bars` is None). Steps outside its bars (before a pickup, after a short last bar) are not shown."""
    out = ""
    end = None
    for bar in bars_beats(bars):
        beats = [b for b in bar if b.start < STEPS]
        if not beats:
            break
        if beats[0].start != end:
            out += "|"
        out += " ".join("".join(chars[b.start : min(b.start + b.length, STEPS)]) for b in beats) + "|"
        end = beats[-1].start + beats[-1].length
    return out


def groove_row(groove: np.ndarray, bars: WindowBars | None = None) -> tuple[str, str]:
    """(hits row, timing row) for a (32, 3) groove of a window playing `bars` (None: two 4/4 bars)."""
    hits = _bars([_cell(h, v) for h, v, _ in groove], bars)
    timing = _bars([_timing(h, o) for h, _, o in groove], bars)
    return hits, timing


def loop_rows(hvo: np.ndarray, bars: WindowBars | None = None) -> list[str]:
    """One row per voice that plays, for a (32, 27) loop of a window playing `bars` (None: two 4/4 bars)."""
    n = len(VOICES)
    rows = []
    for v, name in enumerate(VOICES):
        if hvo[:, v].any():
            rows.append(f"{name:<{VOICE_WIDTH}} " + _bars([_cell(hvo[s, v], hvo[s, n + v]) for s in range(STEPS)], bars))
    return rows


def bar_label(bar: int) -> str:
    return "pickup" if bar < 1 else f"bar {bar}"


def labelled(label: str, rows: list[str], width: int) -> list[str]:
    """`rows` under a label in a left column `width` wide (the label on the first row)."""
    rows = rows or ["(silent)"]
    return [f"{label if i == 0 else '':>{width}} {row}" for i, row in enumerate(rows)]


def loops_roll(loops: np.ndarray, bars, meters=None) -> list[str]:
    """The piano roll of a run of (32, 27) loops, each under the bar it starts at, with bar lines where
    the song's bars are (`meters`: the bars each window plays, DrumifyResult.meters; None: 4/4).

    So that a whole song stays short, a loop played again straight after
    itself (the same characters in every row) is shown once with its count
    ('bar 5 x3'), and a loop already shown earlier is one line ('bar 17 x2  as bar 1').
    """
    runs: list[tuple[int, list[str], int]] = []  # (first bar, rows, count)
    for k, (bar, hvo) in enumerate(zip(bars, loops)):
        rows = loop_rows(hvo, None if meters is None else meters[k])
        if runs and runs[-1][1] == rows:
            runs[-1] = (runs[-1][0], rows, runs[-1][2] + 1)
        else:
            runs.append((int(bar), rows, 1))
    labels = [bar_label(bar) + (f" x{count}" if count > 1 else "") for bar, _, count in runs]
    width = max((len(label) for label in labels), default=0)
    first_shown: dict[tuple[str, ...], int] = {}  # rows -> bar where they were first shown
    lines = []
    for label, (bar, rows, _) in zip(labels, runs):
        earlier = first_shown.setdefault(tuple(rows), bar)
        lines += labelled(label, [f"as {bar_label(earlier)}"] if earlier != bar else rows, width)
    return lines
