"""Reggae's one drop on plain 4/4 bars, laid in by rule where reggae is asked for.

GMD's reggae drummers (3 files, 2 drummers) play steppers (the kick on all four beats in 68% of bars, a one drop in
1%: models/README.md), so the network, asked for reggae over the bundled funk bass, played a funk beat: the kick on
1, the "a" of 1, 2, 3 and 4 and the snare on 2 and 4 with 4-5 ghost notes a bar, nothing a reggae producer hears as
reggae. The drummer a producer asks for plays the one drop: the kick and the rim together on the bar's 3, the 1
left open, no other snare, the hats keeping time. `drop_bar` lays it in any bar: the plain 4/4 bar's here, in the
loop's frame (played_by_rule), and on the real grid half time's (half_time_genres.one_drop), a waltz's or 6/8's
(meter_genres.drop_bar) and 5/4's, 7/4's or 7/8's (reggae_bars.other_meter_drops), as `reggae_leads` asks for it
(four near-copies had drifted apart: the waltz had kept its kick after the drop and, with steppers, between the
beats).

Disco leading the mix as well (`--genre disco,reggae`) is steppers: the one drop's rim on the 3 over the kick on
every beat and no other kick (the network's kicks on the bass's pushes had stayed: "X--x x--- x--x x---"), as the
waltz's and half time's steppers play it.

The right hand: over the funk bass the network kept its funk hats under the drop (16ths accented on the beats,
"xxx- Xxx-"). A reggae drummer's hat answers the guitar's skank: 8ths accented on the "and"s (`reggae_hats`), in
one take with the "and" of 4 opened into the open 1; a third take keeps the draw's own hats (16ths, as rockers
drummers play them) with the "and"s accented. A take is seed % 3, as latin's right hand (clave.py). A waltz's and
5/4's bars accent the "and"s as that third take does (their hats had accented the beats).
"""

from __future__ import annotations

import numpy as np

from .comping import busy, sparse
from .genres import GENRES
from .limbs import CLOSED_HAT, CRASH, KICK, OPEN_HAT, RIDE, SNARE, first_tom
from .loop import N_VOICES

REGGAE, DISCO = GENRES.index("reggae"), GENRES.index("disco")
LEADS = 0.5  # reggae's (and for steppers disco's) share of the genre mix from which its drummer plays so
BAR = 16  # a 4/4 bar's 16ths
DROP = 8  # the bar's 3
DROP_LEVEL = 0.6  # the drop's velocity in a loop whose draw played no snare (a low density's)
# The drop is a cross-stick (clave_rim.drop_rim_steps writes it on the side stick, 37), not the head at the network's
# backbeat level (119-120 on every drop over R10's skank): this share of the bar's loudest snare (86 of 120; GMD's
# reggae drummers' cross-sticks: a median of 71 under a 30 snare, their 10th-90th 40-87), and it breathes over the
# 2-bar phrase: its second bar's at PHRASE_LEAN of the first's (the loop's loudest snare, which sets the level, moves
# with the section). A map or live play writing it on the snare's head plays a softer snare.
RIM_SHARE = 0.72
PHRASE_LEAN = 0.94
# The right hand's takes (seed % 3): 8ths, the "and"s accented; the same with the "and" of 4 opened; the draw's own
# hats, the "and"s accented.
EIGHTHS_ACCENTED, AND_OF_4_OPEN, OWN_HATS = range(3)
BEATS = np.arange(0, BAR, 4)  # steppers' kick
AND_OF_4 = 14
KEEPS_TIME = 4  # of a bar's 8ths before a fill, the closed hat plays at least this many where it keeps time
BEAT_SHARE = 0.7  # a hat note off the "and"s: at most this share of the "and"s' (the bar's loudest hat note)
SIXTEENTH_SHARE = 0.45  # a busy loop's (comping.busy) 16th hats between the 8ths: this share of the loudest, the one
# drop under them as it is (a busier reggae drummer's right hand, rockers'; --density 0.9 had played the default's 8ths)


def reggae_leads(mix) -> np.ndarray | bool:
    """Whether reggae leads a genre mix (9 weights, or (..., 9): each row's), LEADS or more of it: the one check
    every reggae rule (the one drop here, meter_genres.py's, reggae_bars.py's, half_time_genres.py's) plays by."""
    return np.asarray(mix)[..., REGGAE] >= LEADS


def steppers(mix) -> np.ndarray | bool:
    """Whether disco leads a mix (9 weights, or (..., 9)) as well as reggae: steppers, the drop over the kick on
    every beat."""
    return reggae_leads(mix) & (np.asarray(mix)[..., DISCO] >= LEADS)


def reggae_rows(mix: np.ndarray, which: np.ndarray | None) -> np.ndarray:
    """(N,) bool: the loops whose genre mix (N, 9) reggae leads (LEADS or more), of `which` (N,) bool only."""
    asked = reggae_leads(mix)
    return asked if which is None else asked & np.asarray(which, bool)


def one_drop_loops(loops: np.ndarray, mix: np.ndarray, rows: np.ndarray, snare: bool = True,
                   kick: bool = True, seeds=None, density=None, bass=None) -> np.ndarray:
    """Loops (N, 32, 27), in the loop's 4/4 frame, with each bar of the `rows` (N,) bool (reggae_rows) played as the
    one drop before a fill's first tom (a bar whose toms start on or before the 3 is left as drawn): the snare on
    the 3 alone (at the bar's loudest snare's level, the loop's or DROP_LEVEL where the bar has none, on its own
    timing where the draw played it; snare: False, switched off, none), the kick with it (its bar's loudest kick's
    level, else the drop's; the snare's timing; kick: False, none) and no other kick but under a phrase's crash,
    where disco leads the mix (N, 9) too (steppers) none but on every beat; the closed hat, where it keeps time, as the
    take's right hand (`reggae_hats`; seeds: one, or (N,) the loops'; None: the draw's hats as they are), in 16ths
    where density (the Conditioning's; None: left to the input) is busy (comping.busy: `sixteenths`), on the
    quarters where sparse (`quarter_time`). The drop at the rim's level (RIM_SHARE, PHRASE_LEAN). A phrase's
    crash on the 1 alone, the one drop's open 1, but where the bass (N, 32, 3, the low register's grooves in the
    loop's frame; None: not known) starts a note on that 1: the band hits it together, the kick with it (R10's
    skank, its bass resting on the 1, had opened on a kick under the crash that no later bar played). A new array
    where a row plays, else loops."""
    rows = np.asarray(rows, bool)
    if not rows.any() or not (snare or kick):
        return loops
    out = np.array(loops, np.float32, copy=True)
    stepping = np.asarray(mix)[:, DISCO] >= LEADS
    takes = None if seeds is None else np.broadcast_to(np.asarray(seeds, np.int64) % 3, rows.shape)
    many, few = busy(density, len(out)), sparse(density, len(out))
    for i in np.flatnonzero(rows):
        hit = out[i, :, :N_VOICES] > 0.5
        loudest = out[i, hit[:, SNARE], N_VOICES + SNARE]
        level = float(loudest.max()) if len(loudest) else DROP_LEVEL
        for start in range(0, len(out[i]), BAR):
            bar = out[i, start:start + BAR]
            fill_from = first_tom(bar[:, :N_VOICES] > 0.5)
            if fill_from > DROP:
                together = bass is not None and bool(np.asarray(bass)[i, start, 0] > 0.5)
                drop_bar(bar, DROP, np.arange(BAR) < fill_from, level, snare, kick,
                         BEATS if stepping[i] else None, None if takes is None else int(takes[i]),
                         rim=RIM_SHARE * (PHRASE_LEAN if start else 1.0), crash_kick=together)
                if fill_from == BAR and takes is not None:  # (a fill's bar: its own lead-in)
                    if many[i]:
                        sixteenths(bar, np.arange(BAR) < fill_from)
                    elif few[i]:
                        quarter_time(bar, np.arange(BAR) < fill_from)
    return out


def drop_bar(bar: np.ndarray, drop: int, beat: np.ndarray, level: float, snare: bool = True, kick: bool = True,
             floor: np.ndarray | None = None, take: int | None = None, alone: bool = True,
             open_one: bool = True, rim: float = RIM_SHARE, crash_kick: bool = True) -> None:
    """In place on a bar's steps (n, 27: a 4/4, waltz, 6/8, 5/4 ... bar) whose `beat` (n,) bool steps, those before
    a fill, hold the drop (step `drop`): the one drop, as every meter's and half time's reggae lays it.
    snare: the snare on the drop (on its own timing where the draw played it there) alone on the beat steps (a
    fill's bar: none before the drop, its strokes after it kept), at the bar's loudest snare's level (`level` in a
    bar without one), in half time too (its beat's snare on the loop's "a" of 1 lands on the "and" of 2: it had
    played 113 before a drop of 127 in every bar). kick: the kick with it (at the bar's loudest kick's level, the
    drop's snare's in a bar without one; on the snare's timing) and no other on the beat steps but under a phrase's
    crash (alone False, half time's: none before the drop, its kicks after it kept; open_one False: the kicks
    kept); floor: steppers' beats (steps), the kick on each
    (the drop's as laid, another beat without one at the median level of the bar's kicks, a crash's left out) and
    none between them. snare, kick: False where switched off (none laid). take: the right hand's (`reggae_hats`;
    None: the draw's hats). rim: the drop's share of that level (a cross-stick's, RIM_SHARE); crash_kick: False, a
    crash on the beat steps is left without its kick (the one drop's open 1 under a phrase's crash)."""
    hit = bar[:, :N_VOICES] > 0.5
    if snare:
        loudest = bar[hit[:, SNARE], N_VOICES + SNARE].max() if hit[:, SNARE].any() else level
        timing = bar[drop, 2 * N_VOICES + SNARE] if hit[drop, SNARE] else 0.0
        # (a fill's bar, its toms after the drop, keeps its snare strokes after the drop: the fill's lead-in to its
        # toms; a 5/4 fill had played 5 16ths of hat alone after the drop, "x--- --xx --xx")
        bar[beat & (np.arange(len(bar)) < drop if not beat[-1] else True), SNARE::N_VOICES] = 0.0
        bar[drop, SNARE::N_VOICES] = (1.0, rim * loudest, timing)
        if not beat[-1]:  # (a fill's lead-in after the drop stays under it, as reggae_bars.short_lead_in keeps it)
            bar[beat & hit[:, SNARE] & (np.arange(len(bar)) > drop), N_VOICES + SNARE] *= rim
    if kick:
        if not hit[drop, KICK]:
            loudest = bar[hit[:, KICK], N_VOICES + KICK].max() if hit[:, KICK].any() else bar[drop, N_VOICES + SNARE]
            bar[drop, KICK::N_VOICES] = (1.0, loudest or level, bar[drop, 2 * N_VOICES + SNARE])
        others = beat & hit[:, KICK] & (~hit[:, CRASH] | (not crash_kick)) & open_one
        others[drop if alone else slice(drop, None)] = False
        if floor is not None:  # (steppers: the kick on every beat, none between: "X--x x--- x--x" had kept its pushes)
            others[floor] = False
            kicked = hit[:, KICK] & ~hit[:, CRASH]
            # (the drop's kick, laid above at the bar's loudest, stays: the floor's median had made it softer
            # than the 1, 65 against 77 in 6/8)
            beats = floor[beat[floor] & ~hit[floor, KICK] & (floor != drop)]
            bar[beats, KICK::N_VOICES] = (1.0, float(np.median(bar[kicked, N_VOICES + KICK])) if kicked.any()
                                          else bar[drop, N_VOICES + KICK], 0.0)
        bar[others, KICK::N_VOICES] = 0.0
    if take is not None:
        reggae_hats(bar, beat, take)


def sixteenths(bar: np.ndarray, beat: np.ndarray) -> None:
    """In place on a 4/4 bar (16, 27) whose closed hat keeps time on its 8ths (KEEPS_TIME of them in `beat` (16,)
    bool, the steps before a fill): the closed hat on the 16ths between them too (not beside a crash or an open hat
    ringing), at SIXTEENTH_SHARE of the bar's loudest hat note, on its notes' median timing."""
    hit = bar[:, :N_VOICES] > 0.5
    eighths = np.arange(0, BAR, 2)
    if (hit[eighths, CLOSED_HAT] & beat[eighths]).sum() < KEEPS_TIME:
        return
    between = beat & (np.arange(BAR) % 2 == 1) & ~hit[:, CLOSED_HAT] & ~hit[:, OPEN_HAT] & ~hit[:, CRASH]
    between[1:] &= ~hit[:-1, OPEN_HAT]
    played = hit[:, CLOSED_HAT]
    bar[between, CLOSED_HAT::N_VOICES] = (1.0, SIXTEENTH_SHARE * float(bar[played, N_VOICES + CLOSED_HAT].max()),
                                          float(np.median(bar[played, 2 * N_VOICES + CLOSED_HAT])))


def quarter_time(bar: np.ndarray, beat: np.ndarray) -> None:
    """In place on a 4/4 bar (16, 27): the time (hats, ride) on its quarters alone in the `beat` (16,) bool steps
    (before a fill), a sparse loop's (comping.sparse) right hand, where it plays on every quarter there (but
    under a crash)."""
    quarter = np.arange(BAR) % 4 == 0
    counted = beat & quarter & (bar[:, CRASH] <= 0.5)  # (a phrase's crash on the 1 instead of the time)
    for voice in (CLOSED_HAT, OPEN_HAT, RIDE):
        keeps = bar[:, voice] > 0.5
        if keeps[counted].sum() == counted.sum() > 0:
            bar[beat & ~quarter, voice::N_VOICES] = 0.0


def reggae_hats(bar: np.ndarray, beat: np.ndarray, take: int) -> None:
    """In place on a bar's steps (n, 27: a 4/4 bar's 16, a waltz's 12, a bar of quarter beats) whose closed hat keeps
    time (on KEEPS_TIME of its 8ths in `beat` (n,) bool, the steps before a fill) in 8ths or more (all of them but a
    crash's 1): the take's right hand there. EIGHTHS_ACCENTED and AND_OF_4_OPEN: the hat on the bar's 8ths (not
    under a crash; the draw's open hats closed), the latter's "and" of 4 open (a 4/4 bar's); OWN_HATS: the draw's.
    The "and"s at the bar's loudest hat note, the other notes at most BEAT_SHARE of it; a note the draw had not
    played on its notes' median timing."""
    steps = len(bar)
    eighths = np.arange(0, steps, 2)
    hit = bar[:, :N_VOICES] > 0.5
    hats = (hit[:, CLOSED_HAT] | hit[:, OPEN_HAT]) & beat
    if (hit[eighths, CLOSED_HAT] & beat[eighths]).sum() < KEEPS_TIME or hats.sum() < beat[eighths].sum() - 1:
        return  # (a draw sparser than 8ths, a low density's, keeps its hats: 8ths had played at --density 0)
    opened = hit[:, [OPEN_HAT]] & ~hit[:, [CLOSED_HAT]]
    was = np.where(opened, bar[:, OPEN_HAT::N_VOICES], bar[:, CLOSED_HAT::N_VOICES])  # (n, 3): hit, velocity, timing
    loudest = float(was[hats, 1].max())
    on = hats.copy()
    if take != OWN_HATS:
        on = np.zeros(steps, bool)
        on[eighths] = True
        on &= beat & ~hit[:, CRASH]
        bar[beat, OPEN_HAT::N_VOICES] = 0.0
    bar[beat, CLOSED_HAT::N_VOICES] = 0.0
    ands = np.arange(steps) % 4 == 2
    timing = np.where(hats, was[:, 2], float(np.median(was[hats, 2])))
    velocity = np.where(ands, loudest, np.minimum(np.where(hats, was[:, 1], loudest), BEAT_SHARE * loudest))
    voice = np.where(hats & opened[:, 0] & (take == OWN_HATS), OPEN_HAT, CLOSED_HAT)
    if take == AND_OF_4_OPEN and steps == BAR and on[AND_OF_4]:
        voice[AND_OF_4] = OPEN_HAT
    for step in np.flatnonzero(on):
        bar[step, voice[step]::N_VOICES] = (1.0, velocity[step], timing[step])
