"""A decoded part's phrases laid onto the song's bars: each fill window's fill over its beat, the crashes where
phrases open, and both on the real grid where the bars share loop beats (3/8, 5/8) or play half time.

The engine decodes every window as a beat, and each fill window once more as a fill (fills.draw_fills); this
joins them so the pulse keeps going into the fill, then maps the loops onto the song's bars (meter.py).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .fill_landings import vary_landings
from .fill_runs import fill_out
from .fills import climb, fill_part, place_crashes
from .half_time import half_time_steps, lay_fills
from .limbs import one_drummer
from .loop import N_VOICES, VOICES, runs
from .meter import is_pickup, map_windows, reuses_loop_beats
from .phrases import PhrasePlan
from .settings import Settings

CRASH = VOICES.index("crash")


def lay_phrases(loops: np.ndarray, fill_loops: np.ndarray | None, fills: np.ndarray, plan: PhrasePlan, meters,
                settings: Settings, four_four: np.ndarray | None, to_bars: Callable, seed=None,
                bpm: np.ndarray | None = None, swing=None) -> np.ndarray:
    """The part's loops (W, 32, 27, the beat decoded in the loop's frame, changed in place) with its phrases, on
    the real grid of each window's bars. fill_loops: the fill windows' fills (fills.draw_fills), one per index in
    `fills` (the windows ending a phrase); four_four: the windows on 4/4 bars; to_bars: the meter's mapping;
    seed, bpm, swing: Engine.play_part's (how each fill lands: fill_landings.vary_landings)."""
    n = len(loops)
    # windows whose bars share loop beats (3/8, 5/8): their fills and crashes go on the real grid
    shared = [] if meters is None or plan.crash_real is None else \
        [w for w in range(n) if reuses_loop_beats(meters[w])]
    beat = loops[shared].copy()
    beat[..., CRASH::N_VOICES] = 0.0
    if len(fills):
        fill_at, half = plan.fill_steps, half_time_steps(meters, n)  # (half time's: lay_fills, on the bars)
        for k, w in enumerate(fills.tolist()):
            # (not 4/4 band fills, shaped by FILL_ACCENTS, nor a pickup's lead-in: no beat of its own to climb to)
            climbs = four_four is not None and not four_four[w] and not (meters and is_pickup(meters[w]))
            beat_loop = loops[w].copy() if climbs else None
            for lo, hi in runs(fill_at[w] & ~half[w]):  # a fill ending each bar of the window ending a phrase
                loops[w, lo:hi] = fill_part(fill_loops[k], hi - lo, loops[w, lo:hi])
                if climbs:
                    climb(loops[w, lo:hi], beat_loop)
    cymbals, most = settings.voice_groups["cymbals"], None if settings.max_hits is None else settings.max_hits[CRASH]
    if cymbals:
        crash_at = plan.crash_steps.copy()
        crash_at[shared] = False
        place_crashes(loops, PhrasePlan(crash_at, plan.fill_steps), most, settings.humanize)
    out = map_windows(loops, meters, to_bars)
    if len(fills):  # half time's fills at the song's speed, over the half-time beat
        lay_fills(out, fill_loops, fills, plan.fill_steps & half)
    if shared:
        # the fill in the bar that ends the phrase only, the beat in the bars that play the same loop steps
        plain = map_windows(beat, [meters[w] for w in shared], to_bars)
        part = np.where(plan.fill_real[shared][..., None], out[shared], plain)
        if cymbals:
            place_crashes(part, PhrasePlan(plan.crash_real[shared], plan.fill_real[shared]), most,
                          settings.humanize)
        out[shared] = part
    # a fill landing as the last ones did lands another way (on the real grid; a part laid on loop steps alone,
    # --hold's bars other than 4/4, is mapped after this: its beats are not known here)
    if meters is not None or plan.fill_real is None or np.array_equal(plan.fill_real, plan.fill_steps):
        fill_out(out, fills, plan.fill_steps if plan.fill_real is None else plan.fill_real, meters, settings,
                 seed, bpm, None if plan.into_section is None else plan.into_section[fills], swing=swing)
        vary_landings(out, fills, plan.fill_steps if plan.fill_real is None else plan.fill_real, meters, settings,
                      seed, bpm, None if plan.into_section is None else plan.into_section[fills], swing=swing)
    # 6/8 and 12/8 play a beat's "and" and "a" on one triplet 8th: one drummer's hands there too
    return one_drummer(out)
