"""The rhythm section breaking off while the leads play on: a section a drummer hears from the bass alone.

sections.reentry_bars reads the whole band's onsets: where the bass stops dead after beat 2 of a phrase's last bar
and comes back on the next downbeat while a lead plays through the gap, the band never breaks off, and the drums
had grooved straight through it (freedoom's E2M3, bar 24: both bass channels out after beat 2, a new lead in on
bar 25). A drummer plays with the bass: a break with it (a fill in the gap), a crash where it comes back. Read on
the low register alone, the band's own break rule (a mid-bar break at a phrase's end, the bars around it playing
on) finds 13 such bars on freedoom that no other rule hears, and its drummers crash on 12 of them (92%; the
bass's longer rests under a playing band: 14 of 33, its one-bar breaks: 3 of 8, so those stay unheard).
phrases.part_sections adds them to the comebacks (rest 0, as the band's own break).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .sections import reentry_bars


def rhythm_section_breaks(bass, bars, meters, near: Sequence[int], starts=None, end: float = float("inf"),
                          phrase_start: int | None = None) -> dict[int, int]:
    """{bar: 0} where the low register (`bass`: Windows.bass, the grooves of the low-register part) breaks off
    mid-bar at the end of one of the song's 4-bar phrases and comes back on this bar's downbeat (reentry_bars'
    `_breaks_off` on the bass alone), none within a bar of `near`: where the whole band comes back
    (comeback_sections) or a given section (a marker, a region) starts; that one is the section. None without
    phrase_start or a bass part."""
    if bass is None or phrase_start is None or not np.asarray(bass).any():
        return {}
    return {b: 0 for b, rest in reentry_bars(bass, bars, meters, starts, end, phrase_start)
            if rest == 0 and not any(abs(b - k) <= 1 for k in near)}


__all__ = ["rhythm_section_breaks"]
