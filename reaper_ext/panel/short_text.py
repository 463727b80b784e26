"""A one-line text made to fit, losing its details before its point; no Qt (the docked panel's message line uses it
too, measured with ImGui's text size, and the editor's status line, with Qt's: short_lines.py).

Short of room a line drops, from its end, the asides in brackets ("(Ctrl+Z undoes)", "(the time selection)") and
the clauses after "; " (said "; …"), before it is cut with "…" where it is drawn. A last clause whose start still
fits is cut there, not dropped: "wrote 8 drum items, seed 0; the new drum track has no instr…" says more than
"…, seed 0; …" with the rest of the line left empty.
"""

from __future__ import annotations

CLAUSE = "; "
MORE = "…"
CLAUSE_START = 12  # letters of a clause that must show for it to be cut rather than dropped ("no instrumen…")


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
    clauses, the last first (a clause dropped leaves "; …" behind), until the clauses before the last and the last's
    start fit (the caller then cuts it with "…"); none fitting, its first clause without its asides, cut by the
    caller too."""
    if fits(text):
        return text
    clauses, dropped = text.split(CLAUSE), False
    while True:
        last, aside = clauses[-1], _last_aside(clauses[-1])
        if aside is not None:
            clauses[-1] = last[:aside[0]] + last[aside[1]:]
        elif len(clauses) > 1:
            if fits(CLAUSE.join(clauses[:-1] + [last[:CLAUSE_START].rstrip()]) + MORE):
                return CLAUSE.join(clauses)  # its start shows, cut with "…" by the caller
            clauses.pop()
            dropped = True
        else:
            return clauses[0]  # cut with "…" by the caller: without "; …", a few more of its letters show
        shown = CLAUSE.join(clauses) + (CLAUSE + MORE if dropped else "")
        if fits(shown):
            return shown
