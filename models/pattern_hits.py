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
# A loop's stroke is written no quieter than GMD's drummers play their quietest groove strokes: the 5th percentile
# of their kick, snare and closed-hat velocities (train beats, fills left out; 10 of 127 is the 2nd). The e-kit
# recorded strokes at 6-10 of 127 (reggae's snare between its drops, jazz's comp, funk's hat, hip-hop's kick):
# ghost notes a sampler barely sounds, written as they were they only cluttered the piano roll.
GHOST_FLOOR = 17 / 127
# Where the part's level lifts a loop's strokes past 127, those over KNEE are pressed between it and 127, keeping
# their order (a limiter's soft knee): clipped, latin's ride at follow 0 had played 8 of its 12 strokes at 127,
# its accents flat. 96 of 127 lies over every voice's median stroke in GMD (55-69; toms', crashes' 82-95) and under
# the backbeat's (116), so ghost and time-keeping strokes keep the part's level and only accents are pressed. The
# loop's mean then falls a little under a loud part's (funk at follow 0 under a bass at 100: 0.86 of it): scaled up
# again to the part's mean, the ghosts had risen with it (pop's off-beat hats at 97 of 127 beside 127, funk's snare
# ghosts 96-104 under a backbeat of 120-124, over a part at 120), where a drummer playing louder hits the accents.
# So the loop is lifted at most until its loudest stroke would be HEADROOM over 127, pressed back under it: its
# ghosts at most that much nearer its accents than the pattern plays them.
HEADROOM = 1.3
KNEE = 96 / 127


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
    (part_level (n,): its mean hit velocity; None or 0: the loop's own), its strokes lifted past 127 pressed under
    it in their order (`under_the_top`), none under GHOST_FLOOR. The accents read the pattern's groove as
    the part's touch and took it out: at follow 0 rock's hats on 2 and 4 under the backbeat had played at 1-8 of
    127 (the pattern's 42-60), funk's backbeat at 46-81 (103-116)."""
    w = weights[:, None, None]
    theirs = loops[..., :N] > 0.5
    own = own_levels(loops)
    count = np.maximum(np.add.reduce(theirs, (1, 2)), 1)
    mean = np.add.reduce(own * theirs, (1, 2)) / count
    level = mean if part_level is None else np.where(np.asarray(part_level) > 0, np.asarray(part_level), mean)
    top = np.max(np.where(theirs, own, 0.0), (1, 2))
    scale = np.minimum(level / np.maximum(mean, 1e-3), HEADROOM / np.maximum(top, 1e-3))[:, None, None]
    target = under_the_top(own * scale, theirs)
    target = np.maximum(target, GHOST_FLOOR)  # (a quiet part's ghost notes too)
    return np.where(theirs & hits, (1 - w) * vel + w * target, vel).astype(np.float32)


def own_levels(loops: np.ndarray) -> np.ndarray:
    """(n, 32, 9) the velocities of loops (n, 32, 27) as a drummer plays them: a hit under GHOST_FLOOR at it."""
    vel = loops[..., N : 2 * N]
    return np.where(loops[..., :N] > 0.5, np.maximum(vel, GHOST_FLOOR), vel)


def under_the_top(vel: np.ndarray, hits: np.ndarray) -> np.ndarray:
    """Velocities vel (n, 32, 9) at most 1: in a loop whose hits (n, 32, 9) bool go over 1, those over KNEE
    pressed between KNEE and 1 in their order, its loudest at 1; the others as they are."""
    top = np.max(np.where(hits, vel, 0.0), (1, 2), keepdims=True)
    pressed = KNEE + (vel - KNEE) * (1 - KNEE) / np.maximum(top - KNEE, 1e-6)
    return np.minimum(np.where((top > 1) & (vel > KNEE), pressed, vel), 1.0)


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
    vel = np.where(hit, (1 - w) * vel + w * own_levels(loops), vel)
    off = np.where(hit, (1 - w) * off + w * loops[..., 2 * N :], off)
    return score.astype(np.float32), vel.astype(np.float32), off.astype(np.float32)  # (the logits)
