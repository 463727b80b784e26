"""One groove drummed with no control asked for but a density (drumify_batch(g), drumify_batch(g, density=d): the
commonest calls) gets the same drums, bit for bit, from models/generate_one.py's quick path as from the general
path every other call takes (api._generate), on random grooves and on the network's outputs replaced by random ones
that reach each rule's own function (open hats, rides, toms, 16th hats, busy snares, loud loops, clipped velocities)."""

import numpy as np
import torch

from reagroove.core.conditioning import Conditioning
from reagroove.models import api, drumify_batch, generate_one, load_model
from reagroove.models.loaded_model import one_thread


def _general(m, g, density):
    cond = Conditioning.of(1, density=density, tuned_thresholds=m.thresholds)
    return api._generate(m, api._beside(g, None), None, cond)


def _groove(rng, t):
    g = np.zeros((1, 32, 3), np.float32)
    if t % 6 == 1:  # every step played
        g[..., 0] = 1
    elif t % 6 != 0:  # (0: silence)
        g[..., 0] = rng.random(32) < rng.uniform(0.05, 1)
    g[..., 1] = g[..., 0] * rng.uniform(0.05, 1, 32)
    g[..., 2] = g[..., 0] * rng.uniform(-0.45, 0.45, 32)
    return g


def _same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def test_the_quick_path_plays_what_the_general_path_plays():
    one_thread()  # (the product's: two threads spin on a busy machine)
    m = load_model()
    rng = np.random.default_rng(3)
    for t in range(96):
        g = _groove(rng, t)
        density = None if t % 2 else [0.0, 0.05, 0.15, 0.3, 1, float(rng.uniform(0, 1))][t % 12 // 2]
        assert _same(generate_one.most_likely(m, g, density), _general(m, g, density)), (t, density)
        assert _same(drumify_batch(g, density=density), _general(m, g, density)), (t, density)


class _Played:
    """The loaded model, its network's outputs replaced by given ones."""

    def __init__(self, model, outs):
        self.model, self.outs = model, outs

    def __getattr__(self, name):
        return getattr(self.model, name)

    def generate(self, *args):
        return tuple(o.clone() for o in self.outs)


def test_the_quick_path_on_random_network_outputs_plays_what_the_general_path_plays():
    loaded = load_model()
    rng = np.random.default_rng(11)
    for t in range(400):
        rate = rng.uniform(0, 1, 9) ** rng.choice([0.3, 1, 3])
        p = np.clip(rng.random((1, 32, 9)) * 0.3 + (rng.random((1, 32, 9)) < rate) * 0.7, 0, 1).astype(np.float32)
        if t % 3 == 0:  # a time-keeper on (nearly) every 16th
            p[0, :, [2, 8][t % 2]] = rng.choice([0.9, 0.0], 32, p=[0.9, 0.1])
        low, high = [(-0.2, 1.2), (0.8, 1.0), (0, 0.3), (0.6, 2.0)][t % 4]  # (clipped, loud, soft velocities)
        outs = (torch.from_numpy(np.log(p + 1e-9) - np.log1p(-p + 1e-9)), torch.from_numpy(p),
                torch.from_numpy(rng.uniform(low, high, (1, 32, 9)).astype(np.float32)),
                torch.from_numpy(rng.uniform(-0.6, 0.6, (1, 32, 9)).astype(np.float32)))
        m = _Played(loaded, outs)
        g = _groove(rng, t)
        density = None if t % 2 else float(rng.choice([0.0, 0.05, 0.15, 0.5, 1.0, rng.uniform(0, 1)]))
        assert _same(generate_one.most_likely(m, g, density), _general(m, g, density)), (t, density)


def test_only_the_calls_it_covers_take_the_quick_path():
    g = np.zeros((1, 32, 3), np.float32)
    plain = dict(genre=None, density=None, voice_groups=None, temperature=0.0, threshold=None, max_hits=None,
                 seed=None, z=None, fill=False, crash=None, bass=None, drum_part=False, take=None, weights=None)
    assert generate_one.quick(1, **plain) and generate_one.quick(1, **{**plain, "density": 0.15})
    assert generate_one.quick(1, **{**plain, "density": 1, "temperature": 0, "fill": None})
    for change in ({"density": 1.5}, {"density": float("nan")}, {"density": True}, {"density": np.float64(0.2)},
                   {"temperature": 0.5}, {"temperature": np.zeros(1)}, {"seed": 1}, {"fill": 0}, {"crash": 0},
                   {"genre": "funk"}, {"drum_part": True}, {"take": [0]}, {"max_hits": 3}, {"threshold": 0.5},
                   {"voice_groups": {"toms": False}}, {"z": np.zeros(8)}, {"bass": g}, {"weights": "x.pt"}):
        assert not generate_one.quick(1, **{**plain, **change}), change
    assert not generate_one.quick(2, **plain)
