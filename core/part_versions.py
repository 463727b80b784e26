"""The versions of a drum part (Engine.drumify_variations): drawn in one model call, each a coherent part of its
own, and drawn again where two come out too alike (takes.keep_apart).

Without a pattern, version i is a take drawn with seed + i for the whole part; with pattern A, version i moves every
window's latent point by one random offset. Version 0 is drumify's part.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from . import takes
from .loop import HVO_WIDTH, STEPS
from .played_part import PlayedPart, as_written
from .settings import Settings
from .stop_time import Stop


def drawn_versions(play: Callable, part: PlayedPart, settings: Settings, n: int, spread: float,
                   stops: Sequence[Stop], judged: np.ndarray | None = None,
                   asked: np.ndarray | None = None) -> np.ndarray:
    """n versions of a part, (n, W, 32, 27), each as drumify writes it (as_written: stopping with the band at
    its level); play(z, take=, k=, **per_loop): k copies of the part's windows played (Engine._play); spread:
    how far a pattern's versions move its latent points (Engine.drumify_variations'); judged: (W,) the windows
    they are kept apart in (takes.keep_apart; None: all); asked: (W,) the windows laid in full, the others' fills left
    unlaid where no window asked for hears them (range_versions.py; None: all)."""
    z, part_takes, w = part.z, part.takes, len(part.g)

    def versions_of(k: int, **per_loop) -> np.ndarray:
        """k versions in one model call, each as drumify writes its part: (k, W, 32, 27); per_loop: z, seed,
        temperature for all k * W (by default the settings' seed and temperature, each version drawn as it
        is: no take ladder). A version's sections are takes of its own."""
        per_loop.setdefault("seed", settings.seed)
        per_loop.setdefault("temperature", settings.temperature)
        per_loop["asked"] = None if asked is None else np.tile(asked, k)
        takes_k = (part_takes[None] + np.arange(k)[:, None] * (part_takes.max(initial=-1) + 1)).reshape(-1)
        loops = play(per_loop.pop("z", None), take=takes_k, k=k, **per_loop)
        return as_written(loops.reshape(k, w, STEPS, HVO_WIDTH), part, stops, settings)[0]

    if z is not None:  # a pattern: version i moves every window's point by one random offset
        rng = np.random.default_rng(settings.seed)
        noise = rng.standard_normal((n, z.shape[1])).astype(np.float32) * spread
        noise[0] = 0.0
        # (only version 0's points are the pattern's own, pulled to a drum pattern's hits: pattern_hits.py)
        out = versions_of(n, z=(z[None] + noise[:, None]).reshape(-1, z.shape[1]),
                          pattern_near=np.repeat((np.arange(n) == 0).astype(np.float32), w))

        def redraws(weak: list[int], _round: int) -> np.ndarray:
            """REDRAWS other offsets for each weak version, half as far again (the next draws of the rng, so
            the versions kept are the ones drawn before; each round draws new ones)."""
            alt = rng.standard_normal((takes.REDRAWS, len(weak), z.shape[1])).astype(np.float32) * spread * 1.5
            return versions_of(takes.REDRAWS * len(weak), z=(z[None, None] + alt[:, :, None]).reshape(-1, z.shape[1]),
                               pattern_near=np.zeros(takes.REDRAWS * len(weak) * w, np.float32))
    else:
        # No pattern: version 0 is the plain drumify, version i a take of its own (seed + i, at least
        # VARIATION_TEMPERATURE), drawn once for all its windows so it stays one coherent part.
        seeds = (settings.seed + np.arange(n, dtype=np.int64)) % 2**32
        temps = np.array([settings.temperature] + [max(settings.temperature, takes.VARIATION_TEMPERATURE)] * (n - 1),
                         np.float32)
        out = versions_of(n, seed=np.repeat(seeds, w), temperature=np.repeat(temps, w))

        def redraws(weak: list[int], round_: int) -> np.ndarray:
            """REDRAWS other seeds for each weak version (each round its own: round 0's are the first)."""
            others = np.arange(round_ * takes.REDRAWS + 1, (round_ + 1) * takes.REDRAWS + 1)[:, None] * 7919 * n
            alt_seeds = (np.repeat(seeds[weak][None], takes.REDRAWS, 0) + others) % 2**32
            return versions_of(takes.REDRAWS * len(weak), seed=np.repeat(alt_seeds.reshape(-1), w),
                               temperature=np.repeat(np.tile(temps[weak], takes.REDRAWS), w))
    if takes.draws_take(settings):  # version 0 is drumify's part: a seeded take drawn clear of seed 0's
        out[0] = as_written(play(z, take=part_takes, asked=asked), part, stops, settings)[0]
    takes.keep_apart(out, redraws, part.meters, judged)  # the versions as written: stopping with the band, at its level
    return out
