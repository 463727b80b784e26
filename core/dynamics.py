"""How loud and how loose the drummer plays: the velocities and micro-timing of generated loops.

`accents` gives a loop a drummer's dynamics where the network, which copies
the part's, left every hit at one level (a part typed in at one velocity);
`humanize` is the Humanize control, from the model's timing and dynamics (1)
to quantized, flat hits (0). Plain numpy over HVO-shaped arrays (N, 32, 27).
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


def accents(loops: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) whose hits all have about one velocity (within FLAT_SPREAD) played with a drummer's
    accents: each hit's velocity times ACCENTS on its step, the loop's mean hit velocity kept. The velocity
    network copies the part's dynamics, so a part entered at one velocity (a pad, step-entered keys) got
    drums at one level, the backbeat no louder than the hats' 16ths (under a pad: every hit 58-64 of 127),
    where GMD's drummers' beats spread 0.35 or more in 99% of loops. `which` (N,) bool: only these loops
    (fills keep theirs). `loops` itself where none is flat (the common case: it runs on every generation),
    else a new array."""
    loops = np.asarray(loops, np.float32)
    n = N_VOICES
    hit, vel = loops[..., :n] > 0.5, loops[..., n : 2 * n]
    if len(loops) == 1:  # one loop (live, the panel's preview): its hits' velocities alone, the quickest look
        played = vel[hit]
        if played.size < 2 or played.max() - played.min() >= FLAT_SPREAD or (which is not None and not which[0]):
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
    v = vel[flat] * np.tile(ACCENTS, (2, 1))
    h = hit[flat]
    mean_before = (vel[flat] * h).sum((1, 2)) / count[flat]
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
