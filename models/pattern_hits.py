"""A drum loop's own hits where its latent point is played (a pattern at follow 0, interpolate's ends, the pad's
corners).

The network cannot decode a drum loop's point back into that loop: the rock prototype (kick on 1, 3 and the "and"
of 3) decoded with its own groove came back with the kick on 1 and the "and"s of 2, 3 and 4, no kick on 3 (its
kick's chance on beat 3: 0.23 against the threshold's 0.3), so `--pattern-a rock --follow 0` played another beat
than `patterns show rock` prints; a search for a better point (200 steps a prototype, 8-51 s) still missed 1-7
hits. So where the engine decodes a point that is mostly a drum loop's (Conditioning.pattern, pattern_share:
Engine.pattern_pull), the decoder's scores are pulled toward the loop's hits, fading from the loop itself at its
point to none half way from it: the network's blend there already plays between (under rock at follow 0.5 the
funk bass got half the hits only the pattern has and a third of those only its own drums have). So follow 0
plays the pattern, follow 0.5 and on as before, follow 1 the part.
"""

from __future__ import annotations

import numpy as np

from reagroove.core.loop import N_VOICES

N = N_VOICES
SURE = 3.0  # the score (logit over the voice's threshold) a loop's hit or rest is pulled to: as sure as the
# network's rests are (their median on the funk bass under rock: -2.95)


def pull_weights(share: np.ndarray, temperature: np.ndarray | None = None) -> np.ndarray:
    """(n,) how far each point that is `share` (n,) a drum loop's is pulled to that loop: all the way at the loop,
    none half way; a take drawn away from the point (temperature (n,): a seed's, a variation's) less, none from 1
    on, so versions of a pattern still differ."""
    weights = np.maximum(0.0, 2.0 * np.asarray(share, np.float32) - 1.0)
    if temperature is not None:
        weights = weights * np.maximum(0.0, 1.0 - np.asarray(temperature, np.float32))
    return weights.astype(np.float32)


def pattern_levels(vel: np.ndarray, hits: np.ndarray, weights: np.ndarray, loops: np.ndarray,
                   part_level: np.ndarray | None) -> np.ndarray:
    """Velocities vel (n, 32, 9) of a band part's loops (hits) after a drummer's accents (dynamics.band_accents),
    moved by weights (n,) toward the loops' own (n, 32, 27) where both hit, the loop scaled to the part's level
    (part_level (n,): its mean hit velocity; None or 0: the loop's own). The accents read the pattern's groove as
    the part's touch and took it out: at follow 0 rock's hats on 2 and 4 under the backbeat had played at 1-8 of
    127 (the pattern's 42-60), funk's backbeat at 46-81 (103-116)."""
    w = weights[:, None, None]
    own = loops[..., N : 2 * N]
    theirs = loops[..., :N] > 0.5
    mean = np.add.reduce(own * theirs, (1, 2)) / np.maximum(np.add.reduce(theirs, (1, 2)), 1)
    scale = np.ones(len(vel), np.float32) if part_level is None else \
        np.where(np.asarray(part_level) > 0, np.asarray(part_level) / np.maximum(mean, 1e-3), 1.0)
    target = np.minimum(own * scale[:, None, None], 1.0)
    return np.where(theirs & hits, (1 - w) * vel + w * target, vel).astype(np.float32)


def pulled(logits: np.ndarray, vel: np.ndarray, off: np.ndarray, weights: np.ndarray, loops: np.ndarray,
           tuned: np.ndarray):
    """(logits, vel, off) (n, 32, 9) moved toward the loops' (n, 32, 27) by weights (n,): each cell's logit toward
    SURE over its voice's tuned threshold (tuned: as logits, (9,) or broadcastable) where the loop hits and SURE
    under it where it rests, velocity and timing toward the loop's where it hits. A threshold asked still cuts
    them, and a density ranks the loop's hits by the network's own logits (a hundredth of them kept: tied at SURE,
    every hit of the pattern had been kept whatever the density)."""
    w = weights[:, None, None]
    hit = loops[..., :N] > 0.5
    rank = 0.01 * np.tanh(logits - tuned)
    score = (1 - w) * logits + w * (tuned + np.where(hit, SURE, -SURE) + rank)
    vel = np.where(hit, (1 - w) * vel + w * loops[..., N : 2 * N], vel)
    off = np.where(hit, (1 - w) * off + w * loops[..., 2 * N :], off)
    return score.astype(np.float32), vel.astype(np.float32), off.astype(np.float32)  # (the logits)
