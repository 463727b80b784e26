"""How loud and how loose the drummer plays: the velocities and micro-timing of generated loops.

`band_accents` gives a band part's loops a drummer's accents at the part's
level (the network copies the part's touch step by step; `part_levels`, the part's own, where a pattern steers them;
at most LEVEL_TOP, a loud part's accents above it), its fills a drummer's climb above it, and `accents` a
loop the network left at one level (a part typed in at one velocity); `voice_levels` plays a band part's loops on
other meters at the part's level, each voice at its share of a drummer's loop, the part's touch within it;
`take_dynamics` keeps a band part's take at one dynamic; `band_level` keeps a section from playing softer
for softer notes added to it; `humanize` is the
Humanize control, from the model's timing and dynamics (1) to quantized, flat hits (0); `meter_accents` moves `accents`' 4/4 shape onto a meter's beats (meter.loops_to_bars),
the downbeat strongest; `band_timing` keeps a band part's beats on the beat where the timing the network copies
from the part's notes would pull them early. Plain numpy over HVO-shaped arrays (N, 32, 27).
"""

from __future__ import annotations

import numpy as np

from .limbs import CLOSED_HAT, KICK, OPEN_HAT, RIDE, SNARE
from .loop import N_VOICES

FLAT_SPREAD = 0.25  # a loop's hit velocities within this of each other are flat (0.4% of GMD's train beats)
# GMD's train beats: each voice's mean velocity on each 16th of a bar over its loop's mean hit velocity (kick,
# snare, closed hat, open hat, ride; the toms and the crash, seldom in a beat, as they are)
ACCENTS = np.ones((16, N_VOICES), np.float32)
ACCENTS[:, KICK] = (1.0, .42, .88, .73, .92, .7, .74, .69, .92, .61, .89, .71, .94, .7, .73, .64)
ACCENTS[:, SNARE] = (.95, .7, .99, .94, 1.32, .77, 1.08, .85, .99, .9, .99, .98, 1.37, .9, 1.16, .91)
ACCENTS[:, CLOSED_HAT] = (1.06, .64, .99, .81, 1.15, .7, .99, .78, 1.01, .78, 1.01, .81, 1.15, .73, 1.0, .8)
ACCENTS[:, OPEN_HAT] = (1.09, .7, 1.18, .91, 1.19, .69, 1.0, .92, 1.13, .78, 1.18, .83, 1.17, .79, 1.34, .91)
ACCENTS[:, RIDE] = (1.18, .86, .95, .99, 1.26, .88, 1.0, .95, 1.1, .96, 1.06, .9, 1.24, .9, 1.04, .93)
_LOOP_ACCENTS = np.tile(ACCENTS, (2, 1))  # (32, N_VOICES): a 2-bar loop's
# The same over GMD's loud train beats alone (mean hit velocity 0.8 or more: 805 windows, 7 drummers; a cell with
# under 30 hits there keeps ACCENTS'). A loud drummer's backbeat is at the ceiling, the kick as loud as the hats or
# louder, and the hats under the backbeat: ACCENTS at that level had put the hats at the backbeat's 127 and the kick
# under them. On GMD's validation beats at that level (each hit at its loop's level times the table, the loop's mean
# kept), velocity MAE 0.158 with ACCENTS, 0.152 with every hit at the loop's level, 0.137 with these.
LOUD_ACCENTS = ACCENTS.copy()
LOUD_ACCENTS[:, KICK] = (1.08, .42, 1.0, .86, .98, .73, .96, .95, .99, .71, 1.03, .91, 1.05, .88, .91, .9)
LOUD_ACCENTS[:, SNARE] = (1.03, .88, 1.03, 1.04, 1.14, .98, 1.09, .96, 1.12, 1.0, .98, 1.04, 1.14, 1.09, 1.11, 1.02)
LOUD_ACCENTS[:, CLOSED_HAT] = (.9, .68, .89, .84, .96, .88, .86, .93, .9, .86, .87, .78, .93, .87, .81, .75)
LOUD_ACCENTS[:, OPEN_HAT] = (1.02, .7, 1.1, 1.17, 1.12, .69, 1.05, .95, 1.03, 1.11, 1.16, 1.09, 1.13, 1.03, 1.11, .98)
LOUD_ACCENTS[:, RIDE] = (1.07, .86, .9, .99, 1.09, .88, .91, .95, 1.04, .96, 1.04, .9, 1.13, .9, .87, .93)
_LOOP_LOUD_STEP = np.tile(LOUD_ACCENTS, (2, 1)) - _LOOP_ACCENTS
# A loop's level (mean hit velocity) where LOUD_ACCENTS starts to take over from ACCENTS, and where it has: chosen
# on GMD's validation beats over 0.6-0.8 / 0.7-0.8 / 0.7-0.9 (whole-set MAE 0.1799 with ACCENTS alone, 0.1799 /
# 0.1786 / 0.1782; levels 0.7-0.8 alone 0.2013 with ACCENTS, 0.2093 / 0.2046 / 0.2019).
LOUD_FROM, LOUD_AT = 0.7, 0.9
# The loudest a band part's beat plays (its mean hit velocity): a loud drummer's loudest stroke, the backbeat in
# LOUD_ACCENTS, then just reaches the ceiling. Kept at the part's level, freedoom MAP05's bass line written at 127
# had 586 of its 734 kicks at 127 (now 4; its hats 117 -> 104 of 127, the backbeat at the ceiling), the accents
# lost above it: a drummer playing with a loud band still plays softer and harder strokes. (GMD: 2.1% of beat
# windows play louder, 69% of their hits at 127; freedoom's drums, sequenced loud at one level, held-out velocity
# MAE 0.1275 -> 0.1306.)
LEVEL_TOP = float(1.0 / LOUD_ACCENTS[:, [KICK, SNARE, CLOSED_HAT, RIDE]].max())


def loop_accents(level: np.ndarray) -> np.ndarray:
    """(N, 32, N_VOICES) the accents of N loops at their levels (N,) (mean hit velocity, 0-1): ACCENTS, blended
    toward LOUD_ACCENTS from LOUD_FROM to LOUD_AT; (32, N_VOICES) ACCENTS itself where no loop is that loud."""
    # (np.maximum.reduce: .max without its Python wrapper; this runs on every band generation)
    if np.maximum.reduce(level, initial=0.0) <= LOUD_FROM:  # most loops
        return _LOOP_ACCENTS
    loud = np.minimum(np.maximum((np.asarray(level, np.float32) - LOUD_FROM) / (LOUD_AT - LOUD_FROM), 0.0), 1.0)
    return _LOOP_ACCENTS + loud[:, None, None] * _LOOP_LOUD_STEP


# GMD's train fills (373 windows): each voice's mean velocity on each 16th over GMD's mean beat hit velocity (a
# voice with under 30 strokes on a 16th: its mean over the fills). A fill climbs from about the beat's level to
# the backbeat's, its toms above it.
FILL_ACCENTS = np.array([
    (.95, .75, .72, .61, 1.0, .71, .63, .59, .86, .69, .75, .66, 1.01, .83, .66, .85),
    (1.36, .84, .95, .9, 1.16, .88, 1.11, .93, 1.2, 1.02, 1.05, 1.12, 1.39, 1.2, 1.23, .9),
    (.89, .83, .77, .78, .99, .5, .79, .57, 1.01, .66, .71, .72, 1.01, .61, .88, .83),
    (1.29,) * 16,
    (1.3, .98, 1.07, 1.19, 1.13, .97, 1.28, 1.26, 1.31, 1.26, 1.24, 1.35, 1.46, 1.34, 1.4, 1.36),
    (1.41,) * 16,
    (1.47, 1.15, 1.27, 1.31, 1.24, 1.17, 1.41, 1.2, 1.4, 1.25, 1.39, 1.37, 1.35, 1.52, 1.53, 1.34),
    (1.27,) + (1.21,) * 15,
    (1.06,) * 16], np.float32).T
_LOOP_FILL_ACCENTS = np.tile(FILL_ACCENTS, (2, 1))


# How far a band part's loops lean toward their take's dynamics (`take_dynamics`), chosen on the held-out freedoom
# songs' velocity MAE (composer split / hash split: 0.1567 / 0.1384 at 0, 0.1506 / 0.1266 at 0.75, 0.1502 / 0.1253
# at 1); 0.75, not 1, so a crescendo within a section is still followed.
TAKE_DYNAMICS = 0.75


def take_dynamics(vel: np.ndarray, hits: np.ndarray, take: np.ndarray | None, blend: float = TAKE_DYNAMICS) -> np.ndarray:
    """Velocities vel (N, 32, 9) of the hits (N, 32, 9) of one part's loops, each hit's blended toward the mean
    velocity its cell (step, voice) has over the loops of its take where it is hit: (1 - blend) v + blend mean.
    take (N,): the take each loop belongs to (tempering.one_take's; -1 = a loop on its own). One drummer plays a
    section at one dynamic: scored window by window, the band network played a funk bass line's first loop's
    backbeat at 109-127 and the next three's at 70-92, the line as loud throughout. A new array (vel itself
    where no take has two loops)."""
    if take is None or blend <= 0:
        return vel
    take = np.asarray(take, np.int64)
    grouped = take >= 0
    if np.bincount(take[grouped]).max(initial=0) < 2:
        return vel
    ids, which = np.unique(take[grouped], return_inverse=True)
    h = np.asarray(hits, bool)[grouped]
    v = np.asarray(vel, np.float32)[grouped]
    sums, counts = np.zeros((len(ids), *v.shape[1:]), np.float64), np.zeros((len(ids), *v.shape[1:]), np.int64)
    np.add.at(sums, which, v * h)
    np.add.at(counts, which, h)
    mean = (sums / np.maximum(counts, 1))[which].astype(np.float32)
    out = np.array(vel, np.float32, copy=True)
    out[grouped] = np.where(h, (1 - blend) * v + blend * mean, v)
    return out


def section_lift(grooves: np.ndarray, sounding: np.ndarray | None, take: np.ndarray | None) -> np.ndarray | None:
    """(W,) how much louder `band_level` plays each window of a band part, or None for nothing.

    The network's velocities are corrections of the groove's (network.groove_base): the velocity of the note
    starting on the step, else the window's mean onset velocity. A soft arpeggio joining a ballad's held chords
    pulls that down, and the drums got quieter as the arrangement built (the backbeat from 105 to 75), where a
    drummer hears the same chords ringing and a fuller band. Per take (take (W,): tempering.one_take's sections,
    -1 = a window on its own), how far the band's sounding level (sounding: Windows', the loudest note still
    ringing on each step, (W, 32); None = not known, as for audio) stands above its mean onset velocity; a take
    where it stands higher than in the part's lowest take of two windows or more is raised by the difference,
    at most by that take's own gap. A part of one texture (a waltz's bass ringing under soft chords in every
    bar) is left as the network played it."""
    if sounding is None or len(grooves) == 0:
        return None
    g = np.asarray(grooves, np.float32).reshape(len(grooves), -1, 3)
    level = np.asarray(sounding, np.float32)
    onsets, ringing = g[..., 0] > 0, level > 0
    ok = onsets.any(1) & ringing.any(1)  # windows whose gap can be measured (the others weigh 0 below)
    gap = level.sum(1) / np.maximum(ringing.sum(1), 1) - (g[..., 1] * onsets).sum(1) / np.maximum(onsets.sum(1), 1)
    take = np.arange(len(g)) if take is None else np.asarray(take)
    ids, which = np.unique(np.where(take >= 0, take, -1 - np.arange(len(g))), return_inverse=True)
    counts = np.bincount(which, ok, len(ids))
    per_take = np.bincount(which, gap * ok, len(ids)) / np.maximum(counts, 1)
    # the reference: the lowest of the takes two windows long or more (a pickup bar's window alone, its
    # melody's one note, had raised every bar of the bundled waltz)
    whole = counts >= 2
    if not whole.any():
        return None
    lift = np.clip(per_take - per_take[whole].min(), 0.0, np.maximum(per_take, 0.0))[which]
    return lift if lift.any() else None


def band_level(loops: np.ndarray, lift: np.ndarray | None) -> np.ndarray:
    """Band-part loops (W, 32, 27) with each window's hits raised by its `section_lift` (every hit of a take
    alike, so Humanize's flat velocities stay flat): no section played softer because the band added softer
    notes to it. A new array (loops itself for no lift)."""
    if lift is None:
        return loops
    out = np.array(loops, np.float32, copy=True)
    vel = out[..., N_VOICES:2 * N_VOICES]
    out[..., N_VOICES:2 * N_VOICES] = np.where(out[..., :N_VOICES] > 0, np.minimum(vel + lift[:, None, None], 1.0), vel)
    return out


def part_levels(grooves: np.ndarray) -> np.ndarray:
    """(N,) each groove's (N, 32, >=3) mean hit velocity, 0 where silent: the level `band_accents` plays a loop at
    where a pattern steers it (part_level), read from the part's own grooves before the blend (Engine.target)."""
    hit, vel = grooves[..., 0] > 0, grooves[..., 1]
    count = np.add.reduce(hit, -1)
    return (np.add.reduce(vel * hit, -1) / np.maximum(count, 1)).astype(np.float32)


# Why a band part's loops take a drummer's accents, not the part's own, which the network copies step by step:
# under a keys part played by hand the backbeat went 54-97 of 127 with the keys' touch and the hats were loudest
# where the keys were. On GMD's validation loops played from band-like parts (models/bandparts.py; a part's
# dynamics are its own, the drummer's are GMD's), the drums' velocity error on correct hits, each loop's mean
# level taken out: copying the part's 0.174, a drummer's accents 0.162, every hit at the loop's level 0.186. The
# songs' drums are sequenced at one level, so there a drummer's accents cost (freedoom's held-out songs 0.126 to
# 0.156; models/README, "Shipped in stop 54").
def band_accents(vel: np.ndarray, hits: np.ndarray, grooves: np.ndarray, fills: np.ndarray | None = None,
                 part_level: np.ndarray | None = None) -> np.ndarray:
    """Velocities vel (N, 32, 9) of a band part's loops (hits (N, 32, 9) bool) played with a drummer's accents at
    the part's level: the network's velocities are corrections added to the part's own on each step
    (network.groove_base: the velocity of the groove's note on the step, else its mean; a blend's share of it),
    so the part's touch comes out (each step's base moved to the part's mean) and ACCENTS (`loop_accents`: a
    loud loop's LOUD_ACCENTS) shape what is left,
    the part's level and the network's own corrections (a pattern's louder snare on 3), each loop's mean hit
    velocity kept (at most LEVEL_TOP: a loud part's accents read at the top). grooves (N, 32, >=3) float32: the
    network's input. A loop of one hit keeps it at the part's level. fills (N,) bool: loops played as fills,
    shaped by FILL_ACCENTS and not brought back to the part's level (a drummer's fill is louder than the beat it
    leaves: its fill had played at the keys' own touch, below the backbeat). part_level (N,): the mean hit
    velocity each beat plays at instead of its own (`part_levels`, the part's, where a pattern, a point on the
    pad or interpolate steers the loop; 0: its own); None: each its own. Steered, the network's velocities are
    corrections of a groove blended toward the pattern's (GMD's funk prototype at 0.46 of 127, rock's 0.58): the
    drums for a bass line at 100 came out at 58-85 (99 with no pattern) and interpolate toward funk faded 98, 74,
    62, 57; the pattern shapes the accents alone."""
    # (plain ufuncs, no np.clip or np.where wrappers: this runs on every band generation, batch 1 in the live loop)
    h, v = grooves[..., 0], grooves[..., 1]
    if len(vel) == 1 and part_level is None and (fills is None or not fills.any()):
        return _one_loop_accents(vel, hits, h, v)  # (batch 1: the live loop's and a groove's)
    mean = np.add.reduce(v * h, 1) / np.maximum(np.add.reduce(h, 1), 1.0)
    touch = v - h * mean[:, None]  # base - mean: 0 where the groove is silent (its velocity is 0 there)
    level = np.maximum(np.minimum(vel - touch[..., None], 1.0), 0.0)
    filled = fills is not None and fills.any()
    on = np.asarray(hits, np.float32)  # (the hits as 0/1 once: level * hits casts them on every product)
    played = np.add.reduce(level * on, (1, 2))
    count = np.maximum(np.add.reduce(np.asarray(hits).reshape(len(on), -1), 1), 1)  # (ints: one axis sums faster)
    target = played if part_level is None else np.where(part_level > 0, part_level * count, played)
    beat = loop_accents(target / count)  # a loud part's drummer's accents
    shaped = level * (np.where(fills[:, None, None], _LOOP_FILL_ACCENTS, beat) if filled else beat)
    # (a loop louder than LEVEL_TOP is played at it: its accents above, not clipped away)
    scale = np.minimum(target, LEVEL_TOP * count) / np.maximum(np.add.reduce(shaped * on, (1, 2)), 1e-6)
    if filled:
        scale[fills] = 1.0
    # (a loop of one hit: scale puts it back at its level)
    return np.minimum(shaped * scale[:, None, None], 1.0).astype(np.float32, copy=False)


def _one_loop_accents(vel: np.ndarray, hits: np.ndarray, h: np.ndarray, v: np.ndarray) -> np.ndarray:
    """band_accents of one beat (vel, hits (1, 32, 9); the groove's hits and velocities h, v (1, 32)), its per-loop
    numbers as numpy scalars, not (1,) arrays: the same sums, dtypes and float32/float64 steps, bit for bit, in
    fewer array calls (each costs a microsecond or two on arrays this small)."""
    notes = np.add.reduce(h, 1)[0]
    mean = np.add.reduce(v * h, 1)[0] / (notes if notes >= _ONE else _ONE)  # (float32, as np.maximum's)
    level = vel - (v - h * mean)[..., None]
    np.maximum(np.minimum(level, _ONE, out=level), _ZERO, out=level)  # (in place: a new array of its own)
    on = np.asarray(hits, np.float32)
    played = np.add.reduce(level * on, (1, 2))[0]  # float32
    count = np.add.reduce(np.asarray(hits).reshape(1, -1), 1)[0]  # int64
    count = count if count >= 1 else np.int64(1)
    loud = played / count  # float64, as float32 / int64 is
    beat = _LOOP_ACCENTS if not loud > LOUD_FROM else loop_accents(np.array([loud]))
    shaped = level * beat
    summed = np.add.reduce(shaped * on, (1, 2))[0]
    top = LEVEL_TOP * count  # float64
    played = np.float64(played)
    scale = (played if not top < played else top) / (summed if not summed < _TINY else _TINY)  # (np.minimum, np.maximum)
    return np.minimum(shaped * scale, 1.0).astype(np.float32, copy=False)


_ZERO, _ONE, _TINY = np.float32(0.0), np.float32(1.0), np.float32(1e-6)  # (the bounds against float32, as float32)


def voice_levels(vel: np.ndarray, level: np.ndarray, hits: np.ndarray, grooves: np.ndarray) -> np.ndarray:
    """Velocities vel (N, 32, 9) of band-part beats laid on another meter (hits (N, 32, 9) bool) at the part's
    level: each loop's mean hit velocity the part's (grooves (N, 32, >=3): the network's input), where
    `band_accents` puts a 4/4 loop's (0.98-0.99 of the part's over 4/4 band parts). A loop whose hits are all
    about one velocity (within FLAT_SPREAD) is moved there as it is (`accents` and meter_accents then give it a
    drummer's accents on the meter's beats); another keeps the part's touch within each voice, which the meter's
    beats follow, and each voice takes its share of a drummer's loop (`level`: band_accents' velocities for the
    same loops). Left at the network's level, 6/8 and 12/8 loops played 1.2 times the part's, their backbeat
    1.65 times (4/4's: 1.3): 117-120 of 127 beside keys at 57-98 (the same part in 4/4: 99), 73-75 beside keys
    at 40-60 (4/4: 65); and a 12/8 part loud on 1 and 3 had its backbeat under the kick. A loop under a silent
    groove is left as it is. A new array."""
    h = np.asarray(hits, bool)
    v = np.asarray(vel, np.float32)
    g_hit = grooves[..., 0] > 0
    heard = np.add.reduce(g_hit, 1)
    part = np.add.reduce(grooves[..., 1] * g_hit, 1) / np.maximum(heard, 1)  # (N,)
    count = np.add.reduce(h, (1, 2))
    mean = np.add.reduce(v * h, (1, 2)) / np.maximum(count, 1)
    top = np.maximum.reduce(np.where(h, v, 0.0), (1, 2))
    low = np.minimum.reduce(np.where(h, v, 2.0), (1, 2))
    flat = top - low < FLAT_SPREAD
    # a drummer's loop at the part's level, each voice's mean hit velocity in it (N, 9)
    target = np.asarray(level, np.float32) * h
    drummer = np.add.reduce(target, (1, 2)) / np.maximum(count, 1)
    target = target * (part / np.maximum(drummer, 1e-6))[:, None, None]
    per_voice = np.maximum(np.add.reduce(h, 1), 1)
    now = np.add.reduce(v * h, 1) / per_voice
    scale = np.where(now > 1e-6, (np.add.reduce(target, 1) / per_voice) / np.maximum(now, 1e-6), 1.0)
    scaled = v * scale[:, None, :]
    shifted = v + (part - mean)[:, None, None]  # (a shift keeps a flat loop's spread: still flat)
    new = np.where(flat[:, None, None], shifted, scaled)
    keep = (heard == 0) | (count == 0) | (drummer <= 1e-6)
    return np.where(h & ~keep[:, None, None], np.minimum(np.maximum(new, 0.0), 1.0), v).astype(np.float32, copy=False)


def accents(loops: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) whose hits all have about one velocity (within FLAT_SPREAD) played with a drummer's
    accents: each hit's velocity times ACCENTS (`loop_accents`) on its step, the loop's mean hit velocity kept.
    The velocity network copies the part's dynamics, so a part entered at one velocity (a pad, step-entered keys) got
    drums at one level, the backbeat no louder than the hats' 16ths (under a pad: every hit 58-64 of 127),
    where GMD's drummers' beats spread 0.35 or more in 99% of loops (a band part's loops all take a drummer's
    accents: `band_accents`). `which` (N,) bool: only these loops (fills keep theirs). `loops` itself where none
    is flat (the common case: it runs on every generation), else a new array."""
    loops = np.asarray(loops, np.float32)
    n = N_VOICES
    hit, vel = loops[..., :n] > 0.5, loops[..., n : 2 * n]
    if len(loops) == 1:  # one loop (one groove's drumify_batch, a one-window part): its hits' velocities alone
        played = vel[hit]
        # (np.maximum.reduce is .max without its Python wrapper)
        if len(played) < 2 or np.maximum.reduce(played) - np.minimum.reduce(played) >= FLAT_SPREAD or (
                which is not None and not which[0]):
            return loops
    # a hit's velocity is above 0 and a rest's is 0: the loudest hit is the loudest cell
    top = np.maximum.reduce(vel, (1, 2))
    low = np.minimum.reduce(np.where(hit, vel, 2.0), (1, 2))
    flat = top - low < FLAT_SPREAD  # (no hit: low 2.0, never flat)
    if which is not None:
        flat &= np.asarray(which, bool)
    if not flat.any():
        return loops
    count = np.add.reduce(hit, (1, 2))
    flat &= count > 1  # one hit alone has no accent to take
    if not flat.any():
        return loops
    out = loops.copy()
    vel = out[..., n : 2 * n]
    h = hit[flat]
    mean_before = (vel[flat] * h).sum((1, 2)) / count[flat]
    v = vel[flat] * loop_accents(mean_before)
    mean_after = (v * h).sum((1, 2)) / count[flat]
    vel[flat] = np.clip(v * (mean_before / np.maximum(mean_after, 1e-6))[:, None, None], 0.0, 1.0) * h
    return out


def humanize(loops: np.ndarray, amount: float) -> np.ndarray:
    """Scale micro-timing and dynamics: 1 keeps the model's, 0 quantizes and flattens velocities.

    Flat velocity is each loop's mean hit velocity, so loudness is kept.
    """
    if amount >= 1.0:
        return loops
    out = loops.copy()
    n = N_VOICES
    hits = out[..., :n] > 0
    vel = out[..., n : 2 * n]
    count = hits.sum(axis=(1, 2), keepdims=True)
    mean = np.where(count > 0, (vel * hits).sum(axis=(1, 2), keepdims=True) / np.maximum(count, 1), 0.0)
    out[..., n : 2 * n] = np.where(hits, amount * vel + (1 - amount) * mean, 0.0)
    out[..., 2 * n :] *= amount
    return out.astype(np.float32)


# Voices ACCENTS shapes (the toms and the crash keep their velocities).
_SHAPED = tuple(v for v in range(N_VOICES) if not np.allclose(ACCENTS[:, v], 1.0))


def _levels() -> np.ndarray:
    """(4, N_VOICES) a drummer's hierarchy for any meter, from GMD's 4/4 ACCENTS: the bar's downbeat, the meter's
    beats (a waltz's quarters, 6/8's dotted quarters, 7/8's groups), the 8ths between them (a dotted beat's
    triplet 8ths), the 16ths. A beat is as loud as GMD's loudest beat after the 1 (the snare's backbeat, the
    hats' 2 and 4), the downbeat half a beat-to-8th step above it (GMD's hats play the 1 no louder than 2 and 4,
    which in a waltz made beats 2 and 3 the loud ones)."""
    beat = ACCENTS[[4, 8, 12]].max(0)
    eighth = ACCENTS[[2, 6, 10, 14]].mean(0)
    down = np.maximum(ACCENTS[0], beat + 0.5 * np.maximum(beat - eighth, 0.0))
    return np.stack([down, beat, eighth, ACCENTS[1::2].mean(0)]).astype(np.float32)


LEVELS = _levels()


def meter_profile(beats: tuple[tuple[int, int, bool], ...], steps: int) -> np.ndarray:
    """(steps, N_VOICES) accent of each real step of a window whose beats are (start, length, downbeat): a bar
    of four quarters takes GMD's ACCENTS as they are; else the downbeat, the beats' starts, their 8ths (a
    dotted beat's 2nd and 3rd triplet 8ths) and the 16ths take LEVELS. Steps no beat covers: 1."""
    out = np.ones((steps, N_VOICES), np.float32)
    i = 0
    while i < len(beats):
        start, length, down = beats[i]
        bar = [beats[i]]
        while i + len(bar) < len(beats) and not beats[i + len(bar)][2]:
            bar.append(beats[i + len(bar)])
        four_four = down and len(bar) == 4 and all(b[1] == 4 for b in bar)
        for b_start, b_len, b_down in bar:
            for k in range(b_len):
                d = b_start + k
                if d >= steps:
                    break
                if four_four:
                    out[d] = ACCENTS[(d - start) % 16]
                else:
                    out[d] = LEVELS[0 if k == 0 and b_down else 1 if k == 0 else 2 if k % 2 == 0 else 3]
        i += len(bar)
    return out


def meter_accents(loops: np.ndarray, out: np.ndarray, profile: np.ndarray) -> np.ndarray:
    """`out`, the 4/4 `loops` laid on a meter's bars, with accents placed by the meter: a loop whose shaped
    voices' velocities are (after humanize) a + b * ACCENTS on their steps, within FLAT_SPREAD / 2 (a part
    at one velocity that `accents` shaped) has those hits re-levelled to a + b * `profile` (32, N_VOICES) on
    the real steps, its mean hit velocity off the weakest 16ths kept. GMD's 4/4 accents moved by the meter's map
    had put a waltz's loud hats on beats 2 and 3 (the loop's 2 and 4) and 6/8's on the 3rd triplet 8th (the loop's
    "and").
    A loop with dynamics of its own (the part's, copied by the network) keeps them. In place; returns out."""
    n = N_VOICES
    shaped = np.zeros(n, bool)
    shaped[list(_SHAPED)] = True
    hands = shaped.copy()
    hands[SNARE] = False  # ghost_snares (a busier drummer asked for) softens the snare alone: the rest still fits
    steps = loops.shape[1]
    placed = np.tile(ACCENTS, (-(-steps // 16), 1))[:steps]
    for i in range(len(loops)):
        for voices in (shaped, hands):
            fit = _accent_fit(loops[i, :, :n] > 0.5, loops[i, :, n : 2 * n], placed, voices)
            if fit is not None:
                break
        else:
            continue
        h = (out[i, :, :n] > 0.5) & voices
        if h.sum() == 0:
            continue
        v = out[i, :, n : 2 * n]
        new = fit[0] + fit[1] * profile[h]
        # the level kept over the strokes off the bar's weakest 16th (ACCENTS' after the 1: half time's "e"s). With
        # the hats half time adds there (as soft as the loop's softest) in the mean, the loop's own strokes were
        # raised to keep it: over freedoom's e4m7 the hats on every quarter at 117-127, the backbeat and the fills
        # after it flat at 127 (the normal feel's hats: 91-103)
        kept = profile[h] > ACCENTS[1][np.nonzero(h)[1]] + 1e-6
        kept = kept if kept.any() else np.ones_like(kept)
        new *= v[h][kept].mean() / max(float(new[kept].mean()), 1e-6)
        v[h] = np.clip(new, 0.0, 1.0)
    return out


def _accent_fit(hit: np.ndarray, vel: np.ndarray, placed: np.ndarray, voices: np.ndarray) -> tuple[float, float] | None:
    """(a, b) where the hits of `voices` (N_VOICES,) bool have velocities a + b * `placed` (their steps'
    ACCENTS) within FLAT_SPREAD / 2 and the accents make at least half their spread; else None."""
    hit = hit & voices
    if hit.sum() < 3:
        return None
    v, acc = vel[hit], placed[hit]
    if np.ptp(acc) < 1e-6:
        return None
    b, a = np.polyfit(acc, v, 1)
    resid = np.ptp(v - (a + b * acc))
    if b <= 0 or resid >= FLAT_SPREAD / 2 or resid >= 0.5 * np.ptp(v):
        return None
    return float(a), float(b)


# A band note this far ahead of a beat (in steps: a swung 16th's "a" played late, read onto the beat by the grid)
# does not pull the drums' beat with it: the network copies each step's timing from the part, and a neo-soul keys
# part, its "a"s late by half a 16th, put every backbeat 85 ms early. (A drummer's own timing is another matter:
# GMD's drummers play 10% of their beats' hits this early, the drum-part network keeps theirs.)
ANTICIPATION = 0.3


def band_timing(off: np.ndarray, hits: np.ndarray, kept: np.ndarray | None = None) -> np.ndarray:
    """A band part's drum offsets (N, 32, 9) with its beats' hits no earlier than ANTICIPATION ahead of the loop's
    own timing (its hits' mean offset: a band that pushes every note keeps its drums pushing with it), those that
    were played at it; and a voice's two hits on neighbouring steps never closer than half a step (the later on
    its step: a hat copied from a late "a" and an early beat had played a flam). kept (N, 32, 9): the hits a cap
    keeps of `hits` (None: all), the ones that can flam; the loop's timing is the uncapped part's. A new array
    where changed."""
    out = off
    beats = off[:, ::4]  # (step slices: this runs on every generation)
    early = hits[:, ::4] & (beats < -ANTICIPATION)
    if np.logical_or.reduce(early, None):
        feel = np.add.reduce(np.where(hits, off, 0.0), (1, 2)) / np.maximum(np.add.reduce(hits, (1, 2)), 1)
        early &= beats < (feel - ANTICIPATION)[:, None, None]
        if np.logical_or.reduce(early, None):
            out = np.array(off, copy=True)
            out[:, ::4] = np.where(early, feel[:, None, None], beats)
    sounding = hits if kept is None else kept
    close = sounding[:, 1:] & sounding[:, :-1]  # a voice's hits on neighbouring steps ...
    if np.logical_or.reduce(close, None):
        close &= (1.0 + out[:, 1:] - out[:, :-1]) < 0.5  # ... under half a step apart
        if np.logical_or.reduce(close, None):
            out = np.array(out, copy=True)
            out[:, 1:][close] = np.maximum(out[:, 1:][close], 0.0)
            out[:, :-1][close] = np.minimum(out[:, :-1][close], 0.0)
    return out
