"""A one-line text made to fit, losing its details before its point; no Qt (the docked panel's message line uses it
too, measured with ImGui's text size, and the editor's status line, with Qt's: short_lines.py).

Short of room a line drops, from its end, the asides in brackets ("(Ctrl+Z undoes)", "(the time selection)") and
the clauses after "; " (said "; …"), before it is cut with "…" where it is drawn.
"""

from __future__ import annotations

CLAUSE = "; "
MORE = "…"


def _last_aside(clause: str) -> tuple[int, int] | None:
    """Where the clause's last aside in brackets is, with the space before it: (start, end); None: it has none."""
    end = clause.rfind(")")
    depth = 0
    for i in range(end, -1, -1) if end >= 0 else ():
        depth += {")": 1, "(": -1}.get(clause[i], 0)
        if depth == 0:
            start = i - 1 if i > 0 and clause[i - 1] == " " else i
            return start, end + 1
    return None


def shortened(text: str, fits) -> str:
    """`text` as a line that `fits` (a str -> bool) shows: whole where it fits, else without its asides and its last
    clauses, the last first (a clause dropped leaves "; …" behind); none fitting, its first clause without its
    asides, which the caller then cuts with "…"."""
    if fits(text):
        return text
    clauses, dropped = text.split(CLAUSE), False
    while True:
        last, aside = clauses[-1], _last_aside(clauses[-1])
        if aside is not None:
            clauses[-1] = last[:aside[0]] + last[aside[1]:]
        elif len(clauses) > 1:
            clauses.pop()
            dropped = True
        else:
            return clauses[0]  # cut with "…" by the caller: without "; …", a few more of its letters show
        shown = CLAUSE.join(clauses) + (CLAUSE + MORE if dropped else "")
        if fits(shown):
            return shown
