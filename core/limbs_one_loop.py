"""limbs' rules for one loop (batch 1: a groove's drumify_batch, the live loop, the panel) on Python lists of its
cells: playable, ghost_snares and the time-keeper's (steady_hands, even_pulse, full_sixteenths), the same hits and
float32 velocities bit for bit, without the dozens of numpy calls on (1, 32, 9) arrays (each a microsecond or two at
this size, more after the network's forward pass has pushed numpy's code out of the CPU's caches:
benchmarks/bench_model.py). A loop these quick paths do not cover (a crash asked for or played off the downbeat, a
swung ride beside steady hats, three hands on a step, a genre's lone snares, a time-keeper with a hole to fill) goes
to limbs' own functions; tests/test_limbs_one_loop.py holds the two to the same drums.
"""

from __future__ import annotations

from itertools import compress
from operator import and_

import numpy as np

from . import limbs
from .limbs import BUSY_SNARE, CLOSED_HAT, CRASH, FULL_SIXTEENTHS, GHOST_RATIO, HALF_THE_EIGHTHS, HANDS_FROM, \
    MAX_HANDS, OPEN_HAT, RIDE, SNARE
from .loop import N_VOICES


def playable(hits: np.ndarray, score: np.ndarray, crash: np.ndarray | None = None,
             voice_on: np.ndarray | None = None, drummers: np.ndarray | None = None) -> np.ndarray:
    """limbs.playable (a new array), one loop on its cells' Python bools where it can be."""
    if len(hits) == 1 and crash is None:
        out = _playable_one(hits, score, drummers)
        if out is not None:
            return out
    return limbs.playable(hits, score, crash, voice_on, drummers)


def _playable_one(hits: np.ndarray, score: np.ndarray, drummers: np.ndarray | None) -> np.ndarray | None:
    """limbs.playable of one loop (1, 32, 9) with no crash flags, or None where its quick path does not cover it."""
    out = np.array(hits, bool)
    if not np.logical_or.reduce(out[..., OPEN_HAT:], None):  # kick, snare and closed hat alone: already playable
        return out
    cols = out[0].T.tolist()  # (9 voices' 32 steps, Python bools)
    if any(cols[CRASH][1:]):  # a crash off the downbeat moves to the ride: limbs'
        return None
    hat, opened, ride = cols[CLOSED_HAT], cols[OPEN_HAT], cols[RIDE]
    if any(ride) and sum(hat[::2]) >= HALF_THE_EIGHTHS and not (
            drummers is not None and bool(np.asarray(drummers, bool).reshape(-1)[0])):
        # one time-keeping hand: the ride beside steady closed hats goes
        both = list(compress(range(32), map(and_, hat, ride)))
        if both:
            if sum(ride[3::4]) >= 2:  # a swung ride (skip notes on the beats' last 16ths) may lead: limbs'
                return None
            for s in both:
                ride[s] = out[0, s, RIDE] = False
    clash = list(compress(range(32), map(and_, hat, opened)))
    if clash:  # closed or open hi-hat, not both: the likelier
        sc = np.asarray(score, np.float32)[0]
        closed, opens = sc[:, CLOSED_HAT].tolist(), sc[:, OPEN_HAT].tolist()  # (float32 values, exactly)
        for s in clash:
            v = CLOSED_HAT if opens[s] > closed[s] else OPEN_HAT
            cols[v][s] = out[0, s, v] = False
    if any(sum(step) > MAX_HANDS for step in zip(*cols[HANDS_FROM:])):  # three hands on a step: limbs' ranking
        return None
    return out


def ghost_snares(loops: np.ndarray, which: np.ndarray | None = None, ratio: float | np.ndarray = GHOST_RATIO,
                 lone: tuple | None = None, seed: np.ndarray | None = None, thin_busy: np.ndarray | None = None,
                 song_bar: np.ndarray | None = None, bpm: np.ndarray | None = None) -> np.ndarray:
    """limbs.ghost_snares (a new array), one loop without a genre's lone-snare rules on its snare's Python floats."""
    if len(loops) != 1 or lone is not None or not (type(ratio) is float or np.size(ratio) == 1):
        return limbs.ghost_snares(loops, which, ratio, lone, seed, thin_busy, song_bar, bpm)
    out = np.array(loops, np.float32, copy=True)
    if which is not None and not bool(np.asarray(which, bool).reshape(-1)[0]):
        return out
    hit = (out[0, :, SNARE] > 0.5).tolist()
    busy = []  # (bar's first step, its snares off beats 2 and 4) of the bars with BUSY_SNARE or more of them
    for b in (0, 16):
        offs = [s for s in compress(range(b, b + 16), hit[b : b + 16]) if s != b + 4 and s != b + 12]
        if len(offs) >= BUSY_SNARE:
            busy.append((b, offs))
    if not busy:
        return out
    vel = out[0, :, N_VOICES + SNARE]  # (a view: the caps land in out)
    values = vel.tolist()  # (float32 values, exactly)
    r = np.float32(ratio) if type(ratio) is float else np.asarray(ratio, np.float32).reshape(-1)[0]
    for b, offs in busy:
        # the bar's loudest backbeat snare, else its loudest snare (np.maximum.reduce over 0.0 where none plays)
        loud = max([0.0, *compress(values[b + 4 : b + 13 : 8], hit[b + 4 : b + 13 : 8])])
        if not loud > 0:
            loud = max([0.0, *compress(values[b : b + 16], hit[b : b + 16])])
        cap = float(r * np.float32(loud))  # (the float32 product, exactly)
        for s in offs:
            if values[s] > cap:
                vel[s] = cap
    return out


def keep_time(hits: np.ndarray, which: np.ndarray, voice_on: np.ndarray | None, lighter: bool,
              full: bool) -> np.ndarray:
    """limbs.steady_hands, then limbs.even_pulse (lighter), then where `full` limbs.full_sixteenths, of hits (N, 32,
    9) (which: (N,) bool, the loops they apply to): a new array. One loop whose time-keeper all three leave as it
    is (most: a steady one) is told so by one look at its hat and ride columns, not three."""
    if len(hits) == 1 and bool(which[0]):
        cols = np.asarray(hits, bool)[0].T.tolist()
        if _time_kept(cols[CLOSED_HAT], cols[OPEN_HAT], cols[RIDE], full):
            return np.array(hits, bool, copy=True)
    out = limbs.even_pulse(limbs.steady_hands(hits, which, voice_on), which, lighter=lighter, voice_on=voice_on)
    return limbs.full_sixteenths(out, which, voice_on) if full else out


def _time_kept(closed: list, opened: list, ride: list, full: bool) -> bool:
    """Whether steady_hands, even_pulse and (full) full_sixteenths all leave one loop as it is, from its closed hat,
    open hat and ride (32 Python bools each): limbs' _steady_already, _even_already and full_sixteenths' quick look
    on one reading of each bar's time-keeper (the hat, open or closed, or the ride where it plays more)."""
    bars = []  # (time-keeper's 16 steps, on the ride) of each bar
    for b in (0, 16):
        hat, r = [c or o for c, o in zip(closed[b : b + 16], opened[b : b + 16])], ride[b : b + 16]
        if full and (sum(closed[b : b + 16]) + sum(opened[b : b + 16]) >= FULL_SIXTEENTHS or sum(r) >= FULL_SIXTEENTHS):
            return False
        bars.append((r, True) if sum(r) > sum(hat) else (hat, False))
    beats = [sum(k[::4]) for k, _ in bars]
    for (k, _), nq, other in zip(bars, beats, beats[::-1]):  # steady_hands: no hole in a bar it keeps
        halves = (k[0] and k[8]) or (k[4] and k[12])
        if (5 <= sum(k[::2]) <= 7 and any(k[2::4])) or nq == 3 or (nq == 2 and not halves) or \
                ((nq == 1 or not any(k)) and other >= 2):
            return False
    # even_pulse: no bar in 8ths beside one in quarters on the same time-keeper
    (k0, r0), (k1, r1) = bars
    e0, e1 = (all(k[::4]) and all(k[2::4]) and not any(k[1::2]) for k in (k0, k1))
    q0, q1 = (all(k[::4]) and not any(k[1::2] + k[2::4]) for k in (k0, k1))
    return r0 != r1 or not ((e0 and q1) or (q0 and e1))


__all__ = ["ghost_snares", "keep_time", "playable"]
