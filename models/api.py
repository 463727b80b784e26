"""The public batch API of the drum generator (stable: evaluation and the engine call it).

    from reagroove.models import drumify_batch
    loops = drumify_batch(grooves)                          # (N, 32, 3) -> (N, 32, 27)
    loops = drumify_batch(grooves, genre={"funk": 1.0}, density=0.15,
                          voice_groups={"toms": False}, temperature=0.7, seed=3)

    z = encode(grooves)                                     # (N, latent) posterior means
    loops = decode((z_a + z_b) / 2, grooves)                # latent navigation

Grooves are float32 (N, 32, 3): per 16th step hit (0/1), velocity (0..1),
offset (-0.5..0.5 of a step, positive = late). Loops come back as float32
(N, 32, 27) in the HVO layout of reagroove.core.loop: hits 0/1 in columns 0-8,
velocities 0..1 in 9-17, offsets -0.5..0.5 in 18-26, zeros where no hit.

The shipped model (models/weights/drummer.pt, checked against card.json) is
loaded once and kept in a module-level cache; pass `weights=PATH` to use
another file. Generation runs on the CPU under torch.inference_mode with a
traced, frozen copy of the network (numerically the same as the eager one).
"""

from __future__ import annotations

import os
import threading
import warnings
from pathlib import Path

import numpy as np
import torch

from reagroove.core.genres import GENRES, N_GENRES
from reagroove.core.loop import N_VOICES, STEPS, VOICES, LoopError

from .network import GROUP_NAMES, VOICE_GROUP_INDEX, DrumVAE, finish, make_cond
from .weights import DEFAULT_WEIGHTS, load_weights

N = N_VOICES
_LOCK = threading.Lock()
_CACHE: dict[str, "Drummer"] = {}


class _Encoder(torch.nn.Module):
    def __init__(self, model: DrumVAE):
        super().__init__()
        self.model = model

    def forward(self, grooves):
        return self.model.encode(grooves)


class _Decoder(torch.nn.Module):
    def __init__(self, model: DrumVAE, corr: tuple[float, float]):
        super().__init__()
        self.model = model
        self.corr = corr

    def forward(self, z, cond, grooves):
        logits, vel, off = finish(self.model.decode(z, cond, grooves), grooves, *self.corr)
        return torch.sigmoid(logits), logits, vel, off


class _Generate(torch.nn.Module):
    """Groove -> finished loop at the posterior mean, thresholds and muted voices applied (the fast path)."""

    def __init__(self, model: DrumVAE, corr: tuple[float, float]):
        super().__init__()
        self.model = model
        self.corr = corr

    def forward(self, grooves, cond, logit_th, voice_on):
        mu, _ = self.model.encode(grooves)
        logits, vel, off = finish(self.model.decode(mu, cond, grooves), grooves, *self.corr)
        hits = (logits > logit_th).to(vel.dtype) * voice_on.unsqueeze(1)
        return torch.cat([hits, vel * hits, off * hits], -1)


class Drummer:
    """A loaded model: network, thresholds and density fit from its weights file."""

    def __init__(self, path: str | os.PathLike | None = None, *, trace: bool = True):
        self.path = Path(path) if path is not None else DEFAULT_WEIGHTS
        self.model, self.meta = load_weights(self.path)
        self.thresholds = np.asarray(self.meta.get("thresholds", [0.5] * N), np.float32)
        self.density_fit = tuple(self.meta.get("density_fit", (1.2, 0.0)))
        self.latent = self.model.cfg.latent
        # scale of the velocity/offset corrections: 0 where copying the groove's feel measured better
        corr = (float(self.meta.get("velocity_correction", 1.0)), float(self.meta.get("offset_correction", 1.0)))
        self.encoder, self.decoder = _Encoder(self.model).eval(), _Decoder(self.model, corr).eval()
        self.generate = _Generate(self.model, corr).eval()
        if trace:
            with warnings.catch_warnings():  # torch.jit is deprecated in favour of torch.compile, but
                warnings.simplefilter("ignore")  # tracing is what makes batch-1 generation fast here
                self._trace()

    def _trace(self) -> None:
        g = torch.zeros(1, STEPS, 3)
        g[0, ::2] = torch.tensor([1.0, 0.7, 0.05])
        c = torch.zeros(1, self.model.n_cond)
        z = torch.zeros(1, self.latent)
        try:
            with torch.no_grad():
                enc = torch.jit.freeze(torch.jit.trace(self.encoder, (g,), check_trace=False))
                dec = torch.jit.freeze(torch.jit.trace(self.decoder, (z, c, g), check_trace=False))
                g4 = torch.rand(4, STEPS, 3)
                ok = all(torch.allclose(a, b, atol=1e-5) for a, b in zip(enc(g4), self.encoder(g4)))
                z4, c4 = torch.randn(4, self.latent), torch.rand(4, self.model.n_cond)
                ok = ok and all(torch.allclose(a, b, atol=1e-5) for a, b in zip(dec(z4, c4, g4), self.decoder(z4, c4, g4)))
                th, on = torch.zeros(N), torch.ones(1, N)
                gen = torch.jit.freeze(torch.jit.trace(self.generate, (g, c, th, on), check_trace=False))
                th4, on4 = torch.randn(N), (torch.rand(4, N) > 0.3).float()
                ok = ok and torch.equal(gen(g4, c4, th4, on4), self.generate(g4, c4, th4, on4))
        except Exception:  # noqa: BLE001 - tracing is an optimisation only
            return
        if ok:
            self.encoder, self.decoder, self.generate = enc, dec, gen


def load_model(weights: str | os.PathLike | None = None) -> Drummer:
    """The model of a weights file (default: the shipped one), loaded once per process."""
    key = str(Path(weights).resolve()) if weights is not None else None
    m = _CACHE.get(key)
    if m is not None:
        return m
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = Drummer(weights)
        return _CACHE[key]


# ---------------------------------------------------------------- settings


def _grooves(grooves) -> np.ndarray:
    g = np.asarray(grooves, dtype=np.float32)
    if g.ndim != 3 or g.shape[1:] != (STEPS, 3):
        raise LoopError(f"grooves must have shape (N, {STEPS}, 3), got {g.shape}")
    if not np.all(np.isfinite(g)):
        raise LoopError("grooves contain NaN or infinite values")
    return g


def _genre(genre, n: int) -> np.ndarray:
    """None -> no preference (zeros); {name: weight} or 9 weights (or (N, 9)) -> mix summing to 1."""
    if genre is None:
        return np.zeros((n, N_GENRES), np.float32)
    if isinstance(genre, str):
        genre = {genre: 1.0}
    if isinstance(genre, dict):
        unknown = set(genre) - set(GENRES)
        if unknown:
            raise ValueError(f"unknown genre {sorted(unknown)[0]!r} (genres are {', '.join(GENRES)})")
        genre = [float(genre.get(name, 0.0)) for name in GENRES]
    w = np.broadcast_to(np.asarray(genre, np.float32), (n, N_GENRES)).copy()
    if np.any(w < 0) or not np.all(np.isfinite(w)):
        raise ValueError("genre weights must be finite and >= 0")
    s = w.sum(-1, keepdims=True)
    return np.where(s > 0, w / np.maximum(s, 1e-12), 0.0).astype(np.float32)


def _groups(voice_groups, n: int) -> np.ndarray:
    """None -> all on; {group: bool} (missing groups on) -> (N, 5) 0/1."""
    on = np.ones(len(GROUP_NAMES), np.float32)
    if voice_groups is not None:
        unknown = set(voice_groups) - set(GROUP_NAMES)
        if unknown:
            raise ValueError(f"unknown voice group {sorted(unknown)[0]!r} (groups are {', '.join(GROUP_NAMES)})")
        on = np.array([1.0 if voice_groups.get(g, True) else 0.0 for g in GROUP_NAMES], np.float32)
    return np.broadcast_to(on, (n, len(GROUP_NAMES))).copy()


def _per_voice(value, name: str, default) -> np.ndarray:
    if value is None:
        return np.asarray(default, np.float32)
    if isinstance(value, dict):
        unknown = set(value) - set(VOICES)
        if unknown:
            raise ValueError(f"unknown voice {sorted(unknown)[0]!r} in {name} (voices are {', '.join(VOICES)})")
        base = np.broadcast_to(np.asarray(default, np.float32), (N,)).copy()
        for v, x in value.items():
            base[VOICES.index(v)] = x
        return base
    arr = np.asarray(value, np.float32)
    if arr.shape not in ((), (N,)):
        raise ValueError(f"{name} must be a number, 9 numbers or a dict voice -> number, got shape {arr.shape}")
    return arr


def _rng(seed):
    return np.random.default_rng(seed)


# ---------------------------------------------------------------- API


@torch.inference_mode()
def encode(grooves, *, weights=None) -> np.ndarray:
    """Latent means (N, latent) float32 of grooves (N, 32, 3): the points to navigate between."""
    m = load_model(weights)
    mu, _ = m.encoder(torch.from_numpy(_grooves(grooves)))
    return mu.numpy().copy()


def decode(z, grooves, **settings) -> np.ndarray:
    """Loops (N, 32, 27) from explicit latents z (N, latent) or (latent,), following grooves (N, 32, 3).

    The groove still sets the loop's grid and feel (the decoder reads it step by
    step and velocities/offsets are corrections of it); z steers the pattern.
    Settings as in drumify_batch (temperature then only affects the hit sampling)."""
    return drumify_batch(grooves, z=z, **settings)


@torch.inference_mode()
def drumify_batch(
    grooves,
    *,
    genre=None,
    density=None,
    voice_groups=None,
    temperature: float = 0.0,
    threshold=None,
    max_hits=None,
    seed: int | None = None,
    z=None,
    fill=False,
    weights=None,
) -> np.ndarray:
    """Drum loops for grooves: float32 (N, 32, 3) -> float32 (N, 32, 27).

    genre: None (no preference), a genre name, {name: weight} over
        reagroove.core.genres.GENRES, or 9 weights (or (N, 9)); normalised to a mix.
    density: target hits per cell of the 32 x 9 loop (0..1, real loops 0.05-0.25),
        a number or (N,); None = what the groove itself suggests (fit stored with the weights).
    voice_groups: {group: on} for kick, snare, hats, toms, cymbals (missing = on).
        A switched-off group never plays; the model moves its hits to the others.
    temperature: 0 = posterior mean and deterministic hits (follow the groove).
        T > 0 samples z with T x the posterior's spread and adds logistic noise of
        scale T to the hit logits (T = 1 with threshold 0.5 is Bernoulli sampling).
    threshold: hit probability threshold, a number, 9 numbers or {voice: t};
        None = the per-voice thresholds tuned on validation (in the weights).
    max_hits: at most this many hits per voice per loop (a number, 9 numbers
        or {voice: n}); the most probable hits are kept.
    seed: with the same seed and inputs the output is bit-identical; None draws fresh noise.
    z: explicit latents (N, latent) or (latent,) instead of encoding the grooves.
    fill: True (or (N,) flags) to ask for a fill instead of a beat; models
        trained without the fill bit (card config `fill_flag`) ignore it.
    weights: another weights file (default: the shipped model).
    """
    m = load_model(weights)
    g = _grooves(grooves)
    n = len(g)
    if n == 0:
        return np.zeros((0, STEPS, 3 * N), np.float32)
    given = None
    if density is None:
        if m.model.cfg.density_flag:
            dens, given = np.zeros(n, np.float32), np.zeros(n, np.float32)
        else:
            dens = np.clip(m.density_fit[0] * g[..., 0].mean(-1) + m.density_fit[1], 0.0, 1.0).astype(np.float32)
    else:
        dens = np.broadcast_to(np.asarray(density, np.float32), (n,)).copy()
        if np.any(dens < 0) or np.any(dens > 1) or not np.all(np.isfinite(dens)):
            raise ValueError("density must lie in 0..1")
        if m.model.cfg.density_flag:
            given = np.ones(n, np.float32)
    groups = _groups(voice_groups, n)
    fills = np.broadcast_to(np.asarray(fill, np.float32), (n,)).copy() if m.model.cfg.fill_flag else None
    cond = torch.from_numpy(make_cond(_genre(genre, n), dens, groups, given, fills).astype(np.float32))
    th = _per_voice(threshold, "threshold", m.thresholds)
    voice_on = groups[:, list(VOICE_GROUP_INDEX)]  # (N, 9)
    gt = torch.from_numpy(g)
    if z is None and not temperature > 0 and max_hits is None:  # the fast path: one traced call
        thc = np.clip(np.broadcast_to(th, (N,)), 1e-7, 1 - 1e-7)
        logit_th = torch.from_numpy((np.log(thc) - np.log1p(-thc)).astype(np.float32))
        return m.generate(gt, cond, logit_th, torch.from_numpy(voice_on)).numpy()
    rng = _rng(seed) if temperature > 0 else None
    if z is None:
        mu, logvar = m.encoder(gt)
        if temperature > 0:
            eps = torch.from_numpy(rng.standard_normal(mu.shape).astype(np.float32))
            mu = mu + float(temperature) * eps * (0.5 * logvar).exp()
        zt = mu
    else:
        zt = torch.as_tensor(np.broadcast_to(np.asarray(z, np.float32), (n, m.latent)).copy())
    probs, logits, vel, off = (t.numpy() for t in m.decoder(zt, cond, gt))
    if temperature > 0:
        u = rng.random(logits.shape, dtype=np.float32).clip(1e-6, 1 - 1e-6)
        noisy = logits + float(temperature) * (np.log(u) - np.log1p(-u))
        thc = np.clip(th, 1e-6, 1 - 1e-6)
        hits = noisy > np.log(thc) - np.log1p(-thc)
        score = noisy
    else:
        hits = probs > th
        score = probs
    hits &= voice_on[:, None, :] > 0
    if max_hits is not None:
        k = np.broadcast_to(_per_voice(max_hits, "max_hits", np.full(N, STEPS)), (N,)).astype(int)
        if np.any(k < 0):
            raise ValueError("max_hits must be >= 0")
        # rank of each step within its voice by score (0 = most likely)
        rank = np.argsort(np.argsort(-np.where(hits, score, -np.inf), axis=1, kind="stable"), axis=1, kind="stable")
        hits &= rank < k[None, None, :]
    h = hits.astype(np.float32)
    return np.concatenate([h, vel * h, off * h], axis=-1).astype(np.float32)


__all__ = ["drumify_batch", "encode", "decode", "load_model", "Drummer"]
