"""Whether a live take started on a section's first bar (or the song's) comes in with a crash of its own.

Live follow gives a take started there the drums' entry crash (core/live_entry.starts_the_song): the section's
drums coming in. But the bar the cursor is in is written at once only from what the session remembers; from a fresh
start nothing is, so that bar is too late and keeps what the drum track holds. Over Drumify's drums (their crash on
the section's 1) the take's drums then came in a bar later with a crash of their own: d_map12's Verse 2, play pressed
on its marker (bar 25), crashed on bars 25 and 26, the second in place of the hat on 1; from bar 1, on bars 1 and 2.
Drums already playing in that bar make the take's entry a drummer playing on, who crashes only where the song's phrase
or a section starts (the mid-song rule). Over a silent bar the drums still come in with their crash, as before.
"""

from __future__ import annotations

import math

from .item_cuts import EARLY_QN


def drums_play_in_bar(items, position: float, meter_at: float, bar: float) -> bool:
    """Whether the drum track's items as play starts (poll_live_input's drums_before: drum_track_items' items, their
    notes those REAPER plays) play a hit in the bar the cursor `position` is in (bars of `bar` QN from the meter
    marker at `meter_at`; before it, its first bar). A hit half a 16th early on its bar line is that bar's."""
    steps = max(math.floor((position - meter_at) / bar + 1e-9), 0) if bar > 0 else 0
    line = meter_at + steps * bar
    lo, hi = line - EARLY_QN - 1e-9, line + bar - EARLY_QN - 1e-9
    return any(lo <= float(n[0]) < hi for item in items or () for n in item.get("notes") or ())


__all__ = ["drums_play_in_bar"]
