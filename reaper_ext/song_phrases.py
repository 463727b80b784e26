"""Where the song's phrases count from, for drums over a selection from mid-song (actions.song_context).

Drumify over a selected item starting at bar 3 had counted `--fill-every 4bars` from its own first bar: fills ending
bars 6 and 10 where drumifying the whole song ends them on 4, 8 and 12. A drummer redoing a section plays the
song's phrases: they count from where the band's first item in the project starts (REAPER's side reads it:
reaper_read.song_start_qn), and again from each marker and region, as over the whole song.
"""

from __future__ import annotations

import numpy as np

from reagroove.core.groove import bar_grid


def song_first_bar(project: dict, time_signatures, end_qn: float) -> int | None:
    """The bar (numbered as extract_windows numbers them: from the first whole bar) where the project's first band
    item starts, the song's first phrase (an item starting in the second half of a bar is a pickup into the next,
    as a drummer waits for the one); None where REAPER's side did not say (an older one)."""
    start = project.get("song_start_qn")
    if start is None:
        return None
    start = max(float(start), 0.0)
    grid = bar_grid(list(time_signatures), max(float(end_qn), start + 1.0))
    lines = grid.lines
    k = max(int(np.searchsorted(lines, start + 1e-6, side="right")) - 1, 0)
    num, den = grid.meters[k]
    bar_end = float(lines[k + 1]) if k + 1 < len(lines) else float(lines[k]) + num * 4.0 / den
    if start - lines[k] >= (bar_end - lines[k]) / 2 - 1e-9:
        k += 1
    return max(k - grid.first_bar + 1, 1)


__all__ = ["song_first_bar"]
