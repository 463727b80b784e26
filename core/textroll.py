"""Compact text piano rolls for the terminal.

One character per 16th step, a bar line every 16 steps, a space every beat:
'-' rest, 'o' soft, 'x' medium, 'X' loud. A timing line under a groove marks
steps played clearly early '<' or late '>' (more than 1/8 of a step).
"""

from __future__ import annotations

import numpy as np

from .loop import STEPS, VOICES

LEGEND = "'-' rest  'o' soft  'x' medium  'X' loud  |  timing: '<' early  '>' late  '.' on the grid"


def _cell(hit: float, vel: float) -> str:
    if hit <= 0:
        return "-"
    return "o" if vel < 0.4 else ("x" if vel < 0.75 else "X")


def _timing(hit: float, off: float) -> str:
    if hit <= 0:
        return " "
    return "<" if off < -0.125 else (">" if off > 0.125 else ".")


def _bars(chars: list[str]) -> str:
    """Group 32 characters as |beat beat beat beat|beat ...|."""
    beats = ["".join(chars[i : i + 4]) for i in range(0, STEPS, 4)]
    return "|" + " ".join(beats[:4]) + "|" + " ".join(beats[4:]) + "|"


def groove_row(groove: np.ndarray) -> tuple[str, str]:
    """(hits row, timing row) for a (32, 3) groove."""
    hits = _bars([_cell(h, v) for h, v, _ in groove])
    timing = _bars([_timing(h, o) for h, _, o in groove])
    return hits, timing


def loop_rows(hvo: np.ndarray) -> list[str]:
    """One row per voice that plays, for a (32, 27) loop."""
    n = len(VOICES)
    rows = []
    width = max(len(v) for v in VOICES)
    for v, name in enumerate(VOICES):
        if hvo[:, v].any():
            rows.append(f"{name:<{width}} " + _bars([_cell(hvo[s, v], hvo[s, n + v]) for s in range(STEPS)]))
    return rows
