"""The most likely loop of one band groove with no control asked for but a density: `drumify_batch(g)` at batch 1,
the default call, and `drumify_batch(g, density=d)`, the slider's (benchmarks/bench_model.py's "most likely loop"
and "density 0.15"), by api._generate's rules in its order, the same drums bit for bit. _generate's general path
spends dozens of numpy calls on (1, 32, 9) arrays learning that nothing was asked for and that most rules leave the
loop as it is, each a microsecond or two once the network's forward pass has pushed numpy's code out of the CPU's
caches; here the rules' quick looks read one Python list of the loop's hits, a loop a quick look does not cover
goes to the rule's own function, and the accents are worked out on the hits' cells alone. tests/test_generate_one.py
holds it to _generate, on random grooves and random network outputs.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import torch

from reagroove.core import limbs
from reagroove.core.dynamics import _LOOP_ACCENTS, LEVEL_TOP, LOUD_FROM, band_timing, loop_accents
from reagroove.core.limbs import (BUSY_SNARE, CLOSED_HAT, FULL_SIXTEENTHS, GHOST_RATIO, HIGH_TOM, KICK, LOW_TOM,
                                  MAX_GHOSTS, MAX_KICKS, OPEN_HAT, RIDE, SNARE, kick_limit, kick_on_one, kick_on_three,
                                  snare_limit)
from reagroove.core.limbs_one_loop import _time_kept, ghost_snares, keep_time, playable
from reagroove.core.loop import N_VOICES, STEPS
from reagroove.core.settings import DENSITY_CELLS
from reagroove.core.snare_levels import one_loop_levels
from reagroove.core.tempering import _steady_one

from .loaded_model import Drummer

N = N_VOICES
SPARSE_CELLS = sum(DENSITY_CELLS) / 2  # the density control's middle, in hits per cell: below it, a sparse drummer
_BEAT = np.ones(1, bool)  # one loop, a beat (not a fill): the `which` of the rules (read-only)
_BEAT.flags.writeable = False
_ZERO, _ONE, _TINY = np.float32(0.0), np.float32(1.0), np.float32(1e-6)  # (dynamics.band_accents' bounds, as float32)


def quick(n: int, genre, density, voice_groups, temperature, threshold, max_hits, seed, z, fill, crash, bass,
          drum_part, take, weights) -> bool:
    """Whether a drumify_batch call of n grooves is one `most_likely` plays: one band groove, the shipped model,
    every control at its default but a density (a plain number from 0 to 1; a temperature of 0 as a plain number)."""
    return n == 1 and genre is None and voice_groups is None and threshold is None and max_hits is None and \
        seed is None and z is None and (fill is False or fill is None) and crash is None and bass is None and \
        not drum_part and take is None and weights is None and type(temperature) in (int, float) and \
        temperature == 0 and (density is None or type(density) in (int, float) and 0 <= density <= 1)


@lru_cache(maxsize=4)
def _no_draw(size: int) -> torch.Tensor:
    """(1, size) zeros: the prior's mean's latent offset (read only)."""
    return torch.zeros(1, size)


@torch.inference_mode()
def most_likely(m: Drummer, g: np.ndarray, density: float | None = None) -> np.ndarray:
    """(1, 32, 27) the loop api._generate plays for one checked band groove g (1, 32, 3) under no control but a
    density (hits per cell, 0..1, as Conditioning.of checks it; None: the thresholds')."""
    dens = None if density is None else np.array([density], np.float32)  # (Conditioning's)
    x = np.zeros((1, STEPS, 6), np.float32)  # (_beside: no bass part known)
    x[..., :3] = g
    touch = _touch(x)  # (the groove's alone: worked out while numpy's code is still in the caches)
    cond = m.plain_cond(1, None if dens is None else float(dens[0]))
    logits, raw, vel, off = m.generate(torch.from_numpy(x), cond, _no_draw(m.latent))
    vel, off = vel.numpy(), off.numpy()
    if m.tempered:  # the average drummer and a steady pulse (no take: one_take leaves it), as logits in place
        keep, toward = m.prior_parts
        p = keep * raw.numpy() + toward
        if m.steady_time > 0:
            _steady_one(p, m.steady_time)
        np.minimum(np.maximum(p, 1e-7, out=p), 1 - 1e-7, out=p)
        score, rest = np.log(p), np.negative(p)
        np.log1p(rest, out=rest)
        np.subtract(score, rest, out=score)
        np.subtract(score, m.threshold_logits, out=score)
    else:
        score = logits.numpy() - m.threshold_logits
    if dens is None:
        hits = score > 0
        cols = hits[0].T.tolist()  # (9 voices' 32 steps, Python bools: each rule's quick look)
    else:
        hits, cols = _counted(score, np.rint(dens * STEPS * N).astype(np.int64))
    s = cols[SNARE]
    if not all(s[b + 4] == s[b + 12] and not (s[b + 4] and s[b + 8]) for b in (0, 16)):  # one_backbeat's
        hits = limbs.one_backbeat(hits, _BEAT)
        cols = hits[0].T.tolist()
    if dens is not None and dens[0] < SPARSE_CELLS:  # a sparse drummer's kick on 1 and 3
        moved = kick_on_three(hits, score, _BEAT)
        if moved is not hits:
            hits, cols = moved, moved[0].T.tolist()
    if any(map(any, cols[OPEN_HAT:])):  # (kick, snare and closed hat alone: already playable)
        hits = playable(hits, score)
        cols = hits[0].T.tolist()
    if dens is not None:  # steady_hands, even_pulse, full_sixteenths (limbs_one_loop.keep_time)
        if not _time_kept(cols[CLOSED_HAT], cols[OPEN_HAT], cols[RIDE], True):
            hits = keep_time(hits, _BEAT, None, lighter=True, full=True)
            cols = hits[0].T.tolist()
    elif not all(sum(cols[CLOSED_HAT][b : b + 16]) + sum(cols[OPEN_HAT][b : b + 16]) < FULL_SIXTEENTHS and
               sum(cols[RIDE][b : b + 16]) < FULL_SIXTEENTHS for b in (0, 16)):  # full_sixteenths' quick look
        filled = limbs.full_sixteenths(hits, _BEAT)
        if filled is not hits:
            hits, cols = filled, filled[0].T.tolist()
    # (no bass: no house bars, no opened hats) a drummer's accents at the part's level, the beats on the beat
    out = np.empty((1, STEPS, 3 * N), np.float32)
    on = out[..., :N]
    on[...] = hits
    _accents(out[..., N : 2 * N], vel, on, sum(map(sum, cols)) or 1, touch)
    np.multiply(band_timing(off, hits, hits), on, out=out[..., 2 * N :])
    s = cols[SNARE]
    if dens is not None and any(sum(s[b : b + 16]) - s[b + 4] - s[b + 12] >= BUSY_SNARE for b in (0, 16)):
        out = ghost_snares(out, _BEAT, GHOST_RATIO)  # (a busier drummer asked for: a busy bar's snares ghosted)
    return one_loop_levels(out, s, any(map(any, cols[LOW_TOM : HIGH_TOM + 1])))


def _touch(x: np.ndarray) -> np.ndarray:
    """(1, 32, 1) the groove's touch (x: the network's input): each step's velocity less the groove's mean hit
    velocity where a note plays (dynamics._one_loop_accents' first steps)."""
    h, v = x[..., 0], x[..., 1]
    notes = np.add.reduce(h, 1)[0]
    mean = np.add.reduce(v * h, 1)[0] / (notes if notes >= _ONE else _ONE)  # (float32, as np.maximum's)
    return (v - h * mean)[..., None]


def _accents(into: np.ndarray, vel: np.ndarray, on: np.ndarray, count: int, touch: np.ndarray) -> None:
    """dynamics.band_accents of one beat (its _one_loop_accents) times its hits on (1, 32, 9) 0/1 float32 (count of
    them, at least 1), written into `into`: the same float32 and float64 steps, bit for bit, on the hits' cells
    alone from the first product on (a cell with no hit is 0 either way), in fewer calls. touch: `_touch`."""
    level = vel - touch
    np.maximum(np.minimum(level, _ONE, out=level), _ZERO, out=level)
    played = np.add.reduce(np.multiply(level, on, out=level), (1, 2))[0]  # float32
    loud = float(played) / count  # (float64, as float32 / int64 is)
    summed = np.add.reduce(np.multiply(level, _LOOP_ACCENTS if not loud > LOUD_FROM else
                                       loop_accents(np.array([loud])), out=level), (1, 2))[0]
    top, played = LEVEL_TOP * count, float(played)
    scale = (played if not top < played else top) / float(summed if not summed < _TINY else _TINY)
    np.minimum(level * np.float64(scale), 1.0, out=into)


def _counted(score: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, list]:
    """api._generate's hits for a density, and their voices' steps as Python bools: the k[0] likeliest cells, more to
    the hands than a kick or snare on nearly every 16th, and each bar's kick on beat 1 ranked first where the count
    leaves none (twice); crowded's and kick_on_one's quick looks on the lists."""
    sc, top = score, _top(score, k)
    cols = top[0].T.tolist()
    kick, snare = cols[KICK], cols[SNARE]
    if any(sum(kick[b : b + 16]) > MAX_KICKS or sum(snare[b : b + 16]) - snare[b + 4] - snare[b + 12] > MAX_GHOSTS
           for b in (0, 16)):  # (crowded)
        sc = snare_limit(kick_limit(sc, _BEAT), _BEAT)
        top = _top(sc, k)
        cols = top[0].T.tolist()
    for _ in range(2):
        if any(cols[KICK][:16]) and any(cols[KICK][16:]):  # (a kick in each bar: kick_on_one's None)
            break
        first = kick_on_one(sc, top, _BEAT)
        if first is None:
            break
        sc, top = first, _top(first, k)
        cols = top[0].T.tolist()
    return top, cols


def _top(sc: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The k[i] highest-scored finite cells of each loop's scores sc (N, 32, 9) (ties all kept), as hits."""
    flat = sc.reshape(len(k), -1)
    cells = flat.shape[1]
    if len(k) == 1:  # one loop (batch 1, every density generation): its k-th highest score by partition, as a scalar
        j = min(max(cells - int(k[0]), 0), cells - 1)
        if not k[0] > 0:
            return np.zeros(sc.shape, bool)
        return np.greater_equal(sc, np.partition(flat[0], j)[j]) & np.isfinite(sc)
    kth = np.sort(flat, axis=1)[np.arange(len(k)), np.minimum(np.maximum(cells - k, 0), cells - 1)]
    return (sc >= kth[:, None, None]) & (k[:, None, None] > 0) & np.isfinite(sc)
