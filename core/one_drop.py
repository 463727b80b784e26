"""Reggae's one drop on plain 4/4 bars, laid in by rule where reggae is asked for.

GMD's reggae drummers (3 files, 2 drummers) play steppers (the kick on all four beats in 68% of bars, a one drop in
1%: models/README.md), so the network, asked for reggae over the bundled funk bass, played a funk beat: the kick on
1, the "a" of 1, 2, 3 and 4 and the snare on 2 and 4 with 4-5 ghost notes a bar, nothing a reggae producer hears as
reggae. The drummer a producer asks for plays the one drop: the kick and the rim together on the bar's 3, the 1
left open, no other snare, the hats keeping time. Half time (half_time_genres.one_drop) and a waltz's or 6/8's bars
(meter_genres.drop_bar) already drop so; this is the plain 4/4 bar's, in the loop's frame (played_by_rule).

Disco leading the mix as well (`--genre disco,reggae`) is steppers: the one drop's rim on the 3 over the kick on
every beat and no other kick (the network's kicks on the bass's pushes had stayed: "X--x x--- x--x x---"), as the
waltz's and half time's steppers play it.

The right hand: over the funk bass the network kept its funk hats under the drop (16ths accented on the beats,
"xxx- Xxx-"). A reggae drummer's hat answers the guitar's skank: 8ths accented on the "and"s (`reggae_hats`), in
one take with the "and" of 4 opened into the open 1; a third take keeps the draw's own hats (16ths, as rockers
drummers play them) with the "and"s accented. A take is seed % 3, as latin's right hand (clave.py).
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import CLOSED_HAT, CRASH, KICK, OPEN_HAT, SNARE, first_tom
from .loop import N_VOICES

REGGAE, DISCO = GENRES.index("reggae"), GENRES.index("disco")
LEADS = 0.5  # reggae's (and for steppers disco's) share of the genre mix from which its drummer plays so
BAR = 16  # a 4/4 bar's 16ths
DROP = 8  # the bar's 3
DROP_LEVEL = 0.6  # the drop's velocity in a loop whose draw played no snare (a low density's)
# The right hand's takes (seed % 3): 8ths, the "and"s accented; the same with the "and" of 4 opened; the draw's own
# hats, the "and"s accented.
EIGHTHS_ACCENTED, AND_OF_4_OPEN, OWN_HATS = range(3)
EIGHTHS = np.arange(0, BAR, 2)
BEATS = np.arange(0, BAR, 4)  # steppers' kick
AND_OF_4 = 14
KEEPS_TIME = 4  # of a bar's 8ths before a fill, the closed hat plays at least this many where it keeps time
BEAT_SHARE = 0.7  # a hat note off the "and"s: at most this share of the "and"s' (the bar's loudest hat note)


def reggae_rows(mix: np.ndarray, which: np.ndarray | None) -> np.ndarray:
    """(N,) bool: the loops whose genre mix (N, 9) reggae leads (LEADS or more), of `which` (N,) bool only."""
    asked = np.asarray(mix)[:, REGGAE] >= LEADS
    return asked if which is None else asked & np.asarray(which, bool)


def one_drop_loops(loops: np.ndarray, mix: np.ndarray, rows: np.ndarray, snare: bool = True,
                   kick: bool = True, seeds=None) -> np.ndarray:
    """Loops (N, 32, 27), in the loop's 4/4 frame, with each bar of the `rows` (N,) bool (reggae_rows) played as the
    one drop before a fill's first tom (a bar whose toms start on or before the 3 is left as drawn): the snare on
    the 3 alone (at the bar's loudest snare's level, the loop's or DROP_LEVEL where the bar has none, on its own
    timing where the draw played it; snare: False, switched off, none), the kick with it (its bar's loudest kick's
    level, else the drop's; the snare's timing; kick: False, none) and no other kick but under a phrase's crash,
    where disco leads the mix (N, 9) too (steppers) none but on every beat; the closed hat, where it keeps time, as the
    take's right hand (`reggae_hats`; seeds: one, or (N,) the loops'; None: the draw's hats as they are). A new array
    where a row plays, else loops."""
    rows = np.asarray(rows, bool)
    if not rows.any() or not (snare or kick):
        return loops
    out = np.array(loops, np.float32, copy=True)
    steppers = np.asarray(mix)[:, DISCO] >= LEADS
    takes = None if seeds is None else np.broadcast_to(np.asarray(seeds, np.int64) % 3, rows.shape)
    for i in np.flatnonzero(rows):
        hit = out[i, :, :N_VOICES] > 0.5
        loudest = out[i, hit[:, SNARE], N_VOICES + SNARE]
        level = float(loudest.max()) if len(loudest) else DROP_LEVEL
        for start in range(0, len(out[i]), BAR):
            drop_bar(out[i, start:start + BAR], level, snare, kick, bool(steppers[i]), None if takes is None
                     else int(takes[i]))
    return out


def drop_bar(bar: np.ndarray, level: float, snare: bool, kick: bool, steppers: bool, take: int | None = None) -> None:
    """In place on a 4/4 bar's steps (16, 27): one_drop_loops' bar (`level`: the loop's loudest snare, for a bar
    without one; take: the right hand's, `reggae_hats`, None: the draw's hats)."""
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
        others = beat & hit[:, KICK] & ~hit[:, CRASH]
        others[DROP] = False
        if steppers:  # the kick on every beat, none between (the bass's pushes had kept theirs: "X--x x--- x--x")
            others[BEATS] = False
            kicked = hit[:, KICK] & ~hit[:, CRASH]
            floor = BEATS[beat[BEATS] & ~hit[BEATS, KICK]]
            bar[floor, KICK::N_VOICES] = (1.0, float(np.median(bar[kicked, N_VOICES + KICK])) if kicked.any()
                                          else bar[DROP, N_VOICES + KICK], 0.0)
        bar[others, KICK::N_VOICES] = 0.0
    if take is not None:
        reggae_hats(bar, beat, take)


def reggae_hats(bar: np.ndarray, beat: np.ndarray, take: int) -> None:
    """In place on a 4/4 bar's steps (16, 27) whose closed hat keeps time (on KEEPS_TIME of its 8ths in `beat` (16,)
    bool, the steps before a fill) in 8ths or more (all of them but a crash's 1): the take's right hand there.
    EIGHTHS_ACCENTED and AND_OF_4_OPEN: the hat on the bar's 8ths (not under a crash; the draw's open hats closed),
    the latter's "and" of 4 open; OWN_HATS: the draw's. The "and"s at the bar's loudest hat note, the other notes
    at most BEAT_SHARE of it; a note the draw had not played on its notes' median timing."""
    hit = bar[:, :N_VOICES] > 0.5
    hats = (hit[:, CLOSED_HAT] | hit[:, OPEN_HAT]) & beat
    if (hit[EIGHTHS, CLOSED_HAT] & beat[EIGHTHS]).sum() < KEEPS_TIME or hats.sum() < beat[EIGHTHS].sum() - 1:
        return  # (a draw sparser than 8ths, a low density's, keeps its hats: 8ths had played at --density 0)
    opened = hit[:, [OPEN_HAT]] & ~hit[:, [CLOSED_HAT]]
    was = np.where(opened, bar[:, OPEN_HAT::N_VOICES], bar[:, CLOSED_HAT::N_VOICES])  # (16, 3): hit, velocity, timing
    loudest = float(was[hats, 1].max())
    on = hats.copy()
    if take != OWN_HATS:
        on = np.zeros(BAR, bool)
        on[EIGHTHS] = True
        on &= beat & ~hit[:, CRASH]
        bar[beat, OPEN_HAT::N_VOICES] = 0.0
    bar[beat, CLOSED_HAT::N_VOICES] = 0.0
    ands = np.arange(BAR) % 4 == 2
    timing = np.where(hats, was[:, 2], float(np.median(was[hats, 2])))
    velocity = np.where(ands, loudest, np.minimum(np.where(hats, was[:, 1], loudest), BEAT_SHARE * loudest))
    voice = np.where(hats & opened[:, 0] & (take == OWN_HATS), OPEN_HAT, CLOSED_HAT)
    if take == AND_OF_4_OPEN and on[AND_OF_4]:
        voice[AND_OF_4] = OPEN_HAT
    for step in np.flatnonzero(on):
        bar[step, voice[step]::N_VOICES] = (1.0, velocity[step], timing[step])
