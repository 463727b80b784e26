"""Reggae's one drop on plain 4/4 bars, laid in by rule where reggae is asked for.

GMD's reggae drummers (3 files, 2 drummers) play steppers (the kick on all four beats in 68% of bars, a one drop in
1%: models/README.md), so the network, asked for reggae over the bundled funk bass, played a funk beat: the kick on
1, the "a" of 1, 2, 3 and 4 and the snare on 2 and 4 with 4-5 ghost notes a bar, nothing a reggae producer hears as
reggae. The drummer a producer asks for plays the one drop: the kick and the rim together on the bar's 3, the 1
left open, no other snare, the hats keeping time. Half time (half_time_genres.one_drop) and a waltz's or 6/8's bars
(meter_genres.drop_bar) already drop so; this is the plain 4/4 bar's, in the loop's frame (played_by_rule).

Disco leading the mix as well (`--genre disco,reggae`) is steppers: the one drop's rim on the 3 over disco's kick
on every beat (its kicks kept).
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import CRASH, KICK, SNARE, first_tom
from .loop import N_VOICES

REGGAE, DISCO = GENRES.index("reggae"), GENRES.index("disco")
LEADS = 0.5  # reggae's (and for steppers disco's) share of the genre mix from which its drummer plays so
BAR = 16  # a 4/4 bar's 16ths
DROP = 8  # the bar's 3
DROP_LEVEL = 0.6  # the drop's velocity in a loop whose draw played no snare (a low density's)


def reggae_rows(mix: np.ndarray, which: np.ndarray | None) -> np.ndarray:
    """(N,) bool: the loops whose genre mix (N, 9) reggae leads (LEADS or more), of `which` (N,) bool only."""
    asked = np.asarray(mix)[:, REGGAE] >= LEADS
    return asked if which is None else asked & np.asarray(which, bool)


def one_drop_loops(loops: np.ndarray, mix: np.ndarray, rows: np.ndarray, snare: bool = True,
                   kick: bool = True) -> np.ndarray:
    """Loops (N, 32, 27), in the loop's 4/4 frame, with each bar of the `rows` (N,) bool (reggae_rows) played as the
    one drop before a fill's first tom (a bar whose toms start on or before the 3 is left as drawn): the snare on
    the 3 alone (at the bar's loudest snare's level, the loop's or DROP_LEVEL where the bar has none, on its own
    timing where the draw played it; snare: False, switched off, none), the kick with it (its bar's loudest kick's
    level, else the drop's; the snare's timing; kick: False, none) and no other kick but under a phrase's crash,
    unless disco leads the mix (N, 9) too: steppers, its kicks kept. A new array where a row plays, else loops."""
    rows = np.asarray(rows, bool)
    if not rows.any() or not (snare or kick):
        return loops
    out = np.array(loops, np.float32, copy=True)
    steppers = np.asarray(mix)[:, DISCO] >= LEADS
    for i in np.flatnonzero(rows):
        hit = out[i, :, :N_VOICES] > 0.5
        loudest = out[i, hit[:, SNARE], N_VOICES + SNARE]
        level = float(loudest.max()) if len(loudest) else DROP_LEVEL
        for start in range(0, len(out[i]), BAR):
            drop_bar(out[i, start:start + BAR], level, snare, kick, bool(steppers[i]))
    return out


def drop_bar(bar: np.ndarray, level: float, snare: bool, kick: bool, steppers: bool) -> None:
    """In place on a 4/4 bar's steps (16, 27): one_drop_loops' bar (`level`: the loop's loudest snare, for a bar
    without one)."""
    hit = bar[:, :N_VOICES] > 0.5
    fill_from = first_tom(hit)
    if fill_from <= DROP:
        return
    beat = np.arange(BAR) < fill_from
    if snare:
        loudest = bar[hit[:, SNARE], N_VOICES + SNARE].max() if hit[:, SNARE].any() else level
        timing = bar[DROP, 2 * N_VOICES + SNARE] if hit[DROP, SNARE] else 0.0
        bar[beat, SNARE::N_VOICES] = 0.0
        bar[DROP, SNARE::N_VOICES] = (1.0, loudest, timing)
    if kick:
        if not hit[DROP, KICK]:
            loudest = bar[hit[:, KICK], N_VOICES + KICK].max() if hit[:, KICK].any() else bar[DROP, N_VOICES + SNARE]
            bar[DROP, KICK::N_VOICES] = (1.0, loudest or level, bar[DROP, 2 * N_VOICES + SNARE])
        if not steppers:
            others = beat & hit[:, KICK] & ~hit[:, CRASH]
            others[DROP] = False
            bar[others, KICK::N_VOICES] = 0.0
