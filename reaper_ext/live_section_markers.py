"""Live follow's sections from the project's markers and regions: the drums fill into each and crash on its 1.

Drumify takes each marker or region start as a section (actions.sections_of: a fill in the bar before, a crash on its
1); live follow played straight through them, as if the song had no sections. A marker ahead of the play cursor is
cued on the session (LiveSession.cue_section at its bar line, core/live_section_cue.py) before the loop of the bar
before it is made: its fill and crash come in the loops made anyway, no extra model call. As Drumify's, a marker is
the section of its nearest bar line, and markers on nearly every bar are cues (lyrics, hits), not sections.
"""

from __future__ import annotations

from reagroove.core.groove import bar_grid
from reagroove.core.sections import project_marker_sections


def marker_lines(starts, time_signatures) -> list[float]:
    """The bar lines (QN) where the markers and regions starting at `starts` (QN) open sections: each marker's
    nearest bar line of the project's meter map, none on a pickup bar, none where they are cues: Drumify's rule
    (sections.project_marker_sections)."""
    starts = [float(q) for q in starts or ()]
    if not starts:
        return []
    sigs = [(float(q), int(n), int(d)) for q, n, d in time_signatures]
    kept, _cues = project_marker_sections(starts, sigs)  # (one on a pickup bar: no section, and not among the cues)
    grid = bar_grid(sigs, max(starts))  # (section_bars_at's: its bars from the first whole one)
    return [float(grid.lines[bar - 1 + grid.first_bar]) for bar in kept]


class MarkerCues:
    """The project's section lines (read again only when its markers or meter change), cued on a session ahead of
    the play cursor."""

    def __init__(self):
        self._read: tuple | None = None
        self.lines: list[float] = []

    def read(self, info: dict) -> list[float]:
        """The section lines of a poll's answer (its "sections" and "time_signatures")."""
        key = (tuple(map(float, info.get("sections") or ())), tuple(map(tuple, info.get("time_signatures") or ())))
        if key != self._read:
            self._read, self.lines = key, marker_lines(key[0], key[1])
        return self.lines

    def cue(self, session, after: float, loop_start: float | None = None, until: float | None = None,
            made: float | None = None) -> None:
        """Each section line after `after` (the play cursor, or where it jumps to) and before `until` (the end of the
        loop from `loop_start` REAPER plays: it jumps back from there) cued on `session`; `made`: where its loops are
        made up to (a line before it had its crash made: not cued again). A marker at the cursor (play started on it)
        gets no fill: its bar before is never heard. In a loop, one on the loop start comes at every jump back:
        cued on the loop end, the loop's last bar fills into it and the loop start's bar, made ahead, crashes
        (SectionCue.loop_back). Only those within two bars and the look-ahead: a song's later markers are cued as
        they come (each cued line is looked at for every loop made)."""
        ahead = after + session.lookahead + 2 * session.beats_per_bar
        again = [until] if until is not None and loop_start is not None and \
            any(abs(line - loop_start) < 1e-6 for line in self.lines) else []  # due where the cursor jumps back
        for line in [*(line for line in self.lines if until is None or line < until - 1e-6), *again]:
            if after + 1e-6 < line <= ahead and (made is None or line >= made - 1e-6):
                session.cue_section(at=line)


__all__ = ["MarkerCues", "marker_lines"]
