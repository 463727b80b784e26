"""A groove drummed on its own (batch 1: the live loop, the panel, drumify) gets the same drums as limbs' rules give:
core/limbs_one_loop.py's quick paths on Python scalars agree with core/limbs.py bit for bit, on random loops with
crashes, rides beside hats, hat clashes, three hands, busy snares and time-keepers with holes."""

import numpy as np

from reagroove.core import limbs, limbs_one_loop as one


def _loops(rng, count):
    for t in range(count):
        h = np.zeros((1, 32, 9), bool)
        for v, p in enumerate([.3, rng.uniform(0, .6), rng.uniform(0, 1), rng.uniform(0, .3), .05, .05, .05,
                               rng.uniform(0, .05), rng.uniform(0, 1)]):
            h[..., v] = rng.random((1, 32)) < p
        col = int(rng.choice([limbs.CLOSED_HAT, limbs.RIDE]))
        if t % 5 == 0:  # a swung ride beside steady hats
            h[:, 3::4, limbs.RIDE] = True
            h[:, ::2, limbs.CLOSED_HAT] = True
        elif t % 5 == 1:  # 8ths in one bar, quarters in the other
            h[..., col] = False
            h[:, 0:16:2, col] = True
            h[:, 16:32:4, col] = True
        elif t % 5 == 2:  # a steady time-keeper, open hats and toms seldom
            h[..., col] = False
            h[:, ::2, col] = True
            h[..., limbs.OPEN_HAT:limbs.CRASH] &= rng.random((1, 32, 4)) < .2
        yield t, h


def test_one_loop_paths_play_what_limbs_rules_play():
    rng = np.random.default_rng(7)
    for t, h in _loops(rng, 1500):
        score = rng.normal(size=(1, 32, 9)).astype(np.float32)
        crash = None if t % 7 else np.array([t % 3 - 1])
        drummers = None if t % 4 else np.array([t % 8 == 0])
        assert np.array_equal(one.playable(h, score, crash, None, drummers),
                              limbs.playable(h, score, crash, None, drummers)), t
        which, lighter, full = np.array([t % 9 != 0]), t % 2 == 0, t % 3 != 0
        kept = limbs.even_pulse(limbs.steady_hands(h, which), which, lighter=lighter)
        kept = limbs.full_sixteenths(kept, which) if full else kept
        assert np.array_equal(one.keep_time(h, which, None, lighter, full), kept), t
        loops = np.zeros((1, 32, 27), np.float32)
        loops[..., :9] = h
        loops[..., 9:18] = h * rng.uniform(0, 1, (1, 32, 9)).astype(np.float32)
        loops[..., 18:] = h * rng.uniform(-.3, .3, (1, 32, 9)).astype(np.float32)
        ratio = 0.45 if t % 2 else np.array([rng.uniform(0.1, 1)])
        assert np.array_equal(one.ghost_snares(loops, np.array([t % 6 != 0]), ratio),
                              limbs.ghost_snares(loops, np.array([t % 6 != 0]), ratio)), t
