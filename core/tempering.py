"""The network's hit probabilities tempered before any hit is chosen, as a drummer plays a part.

`one_take` pulls each window of a part toward its take's mean (one groove through a section, where a network
scoring windows one by one changes the beat with every change of the input); `steady_time` keeps one
time-keeper steady on the 8ths and beats; `temper` blends toward the average drummer with a steady
time-keeper, the one definition of what models/train.py calibrates and models/api.py applies. Hits are chosen
from the result, then made playable by one drummer (limbs.py). Plain numpy over (N, 32, 9) probabilities.
"""

from __future__ import annotations

import math
import struct

import numpy as np

from .limbs import CLOSED_HAT, RIDE


def one_take(probs: np.ndarray, take: np.ndarray | None, blend) -> np.ndarray:
    """Hit probabilities (N, 32, 9) of the windows of one part, each blended toward the mean of its take:
    (1 - blend) p + blend mean. take (N,): the take each loop belongs to (consecutive windows of one
    part or section, in one 2-bar phase); -1 = a loop on its own. blend: a number or one per voice.

    One drummer keeps one groove through a part: a network scoring each window on its own changes the
    beat with every change of the input (issue 10: the fixed rock beat beats it on real songs for that
    reason), while the drummer changes it where a section changes and follows the input in between."""
    blend = np.asarray(blend, np.float32)
    if take is None or not np.any(blend > 0):
        return probs
    take = np.asarray(take, np.int64)
    p = np.asarray(probs, np.float32)
    grouped = take >= 0
    if not grouped.any():
        return p
    ids, which = np.unique(take[grouped], return_inverse=True)
    sums = np.zeros((len(ids), *p.shape[1:]), np.float64)
    np.add.at(sums, which, p[grouped])
    mean = (sums / np.bincount(which, minlength=len(ids))[:, None, None]).astype(np.float32)
    out = p.copy()
    out[grouped] = (1 - blend) * p[grouped] + blend * mean[which]
    return out


def steady_time(probs: np.ndarray, boost: float) -> np.ndarray:
    """Hit probabilities (N, 32, 9) with the loop's time-keeper made steady on the 8th notes and beats.

    A drummer keeps one steady pulse on a hat or the ride, through the band's
    rests and busy bits alike; a network scoring cells one by one lets it come
    and go with the input. The time-keeper is whichever of closed hat and ride
    the network likes more; each of its 8th-note steps gets at least `boost` x
    its average over the 8ths, and each beat at least `boost` x its average over
    the beats, so a confident time-keeper plays every 8th, one unsure of the 8ths
    but sure of the beats plays every beat (a straight-8th bass line had left it
    on beats 1, 2 and 4 only), and an unsure one is left as it was. boost 0
    changes nothing."""
    if boost <= 0:
        return probs
    return _steady_in_place(np.array(probs, np.float32, copy=True), boost)


KEEPERS = slice(CLOSED_HAT, RIDE + 1, RIDE - CLOSED_HAT)  # the closed hat and the ride, as a view
HAT_RIDE = np.array([False, True])  # on_hat ^ HAT_RIDE: the hat's column where it keeps time, else the ride's


def _steady_in_place(p: np.ndarray, boost: float) -> np.ndarray:
    if len(p) == 1:  # one loop (one groove's drumify_batch, a one-window part): on scalars, in half the time
        return _steady_one(p, boost)
    for stride in (2, 4):  # the 8ths, then the beats (views into p, so the floors land in p)
        keepers = p[:, ::stride, KEEPERS]  # (N, steps, 2): hat, ride
        # np.add.reduce / n is what .mean computes, without its Python wrapper (this runs on every generation);
        # each column on its own, as numpy sums a (N, steps, 2) view in another order (1 ulp apart)
        steps = keepers.shape[1]
        mean_hat = np.add.reduce(keepers[..., 0], 1, keepdims=True)[..., None] / steps  # (N, 1, 1)
        mean_ride = np.add.reduce(keepers[..., 1], 1, keepdims=True)[..., None] / steps
        floor = np.minimum(boost * np.maximum(mean_hat, mean_ride), 0.99)
        np.copyto(keepers, np.maximum(keepers, floor), where=(mean_hat >= mean_ride) ^ HAT_RIDE)
    return p


def _steady_one(p: np.ndarray, boost: float) -> np.ndarray:
    """_steady_in_place for one loop (1, 32, 9): the same float32 sums, means and floors, bit for bit, the means and
    floor as Python floats holding float32 values (numpy's scalar arithmetic costs more than the sums): a sum over 8
    or 16 steps divided by them is exact where it stays a normal float32, and the float32 product boost x mean is
    the double product rounded to float32 (48 bits are exact)."""
    row = p[0]
    boost32 = _float32(boost)  # (a Python float times a float32 scalar: numpy multiplies in float32)
    for stride in (2, 4):
        hat, ride = row[::stride, CLOSED_HAT], row[::stride, RIDE]  # views: the floor lands in p
        steps = len(hat)
        mean_hat, mean_ride = float(np.add.reduce(hat)) / steps, float(np.add.reduce(ride)) / steps
        if 0 < abs(mean_hat) < _NORMAL or 0 < abs(mean_ride) < _NORMAL:
            mean_hat, mean_ride = np.add.reduce(hat) / steps, np.add.reduce(ride) / steps  # (float32 scalars)
            floor = min(boost * max(mean_hat, mean_ride), _CEILING)
        else:
            floor = min(_float32(boost32 * max(mean_hat, mean_ride)), _CEILING_FLOAT)
        keeper = hat if mean_hat >= mean_ride else ride
        np.maximum(keeper, floor, out=keeper)
    return p


def _float32(x: float) -> float:
    """x rounded to float32 (a Python float; beyond float32's range an infinity, as numpy's)."""
    try:
        return _F32.unpack(_F32.pack(x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


_CEILING = np.float32(0.99)  # the most a steady time-keeper's floor reaches (np.minimum's 0.99, as float32)
_CEILING_FLOAT = float(_CEILING)
_NORMAL = 2.0 ** -126  # float32's least normal number: a mean below it (a sum / 8 or 16) is rounded
_F32 = struct.Struct("f")


def temper(probs: np.ndarray, average: np.ndarray, blend, steady: float, fills: np.ndarray | None) -> np.ndarray:
    """Hit probabilities (N, 32, 9) blended toward the average drummer, (1 - blend) p + blend average
    (average: (32, 9) or (N, 32, 9); blend: a number or one per voice), with a steady time-keeper
    (`steady_time`) on the loops that are not fills (fills: (N,) 1 = fill, None = none; in a fill the hands leave
    the time-keeper for the drums).

    The one definition of what models/train.py calibrates and models/api.py applies."""
    return tempered(probs, *blend_parts(average, blend), steady, fills)


def blend_parts(average: np.ndarray, blend) -> tuple[np.ndarray, np.ndarray]:
    """(1 - blend, blend x average), float32: the parts of `temper`'s blend that do not depend on the probabilities
    (a model's own, computed once: models/loaded_model.py)."""
    blend = np.asarray(blend, np.float32)
    return 1 - blend, blend * np.asarray(average, np.float32)


def tempered(probs: np.ndarray, keep: np.ndarray, toward: np.ndarray, steady: float,
             fills: np.ndarray | None) -> np.ndarray:
    """`temper` with its blend's parts given (`blend_parts`: keep = 1 - blend, toward = blend x average): the same
    float32 operations in the same order, bit for bit."""
    p = keep * np.asarray(probs, np.float32) + toward
    if steady <= 0:
        return p
    beat = None if fills is None else np.asarray(fills) < 0.5
    if beat is None or beat.all():
        return _steady_in_place(p, steady)  # p is already a new array
    p[beat] = steady_time(p[beat], steady)
    return p


__all__ = ["blend_parts", "one_take", "steady_time", "temper", "tempered"]
