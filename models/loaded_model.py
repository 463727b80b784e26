"""A loaded drum generator: a weights file's network and tuned settings, its calls traced once used, one per
process (`load_model`); the public batch API (models/api.py) generates with it.

Generation runs on the CPU with traced, frozen copies of the network's calls (numerically the same as the eager
ones), each traced once it has been used TRACE_AFTER times: a process that drums one file traces nothing.
Loading a model turns torch's oneDNN (mkldnn) backend off for the whole process (`Drummer`: faster at this
network's size).
"""

from __future__ import annotations

import os
import threading
import warnings
from pathlib import Path

import numpy as np
import torch

from reagroove.core.genres import N_GENRES
from reagroove.core.loop import N_VOICES, STEPS
from reagroove.core.tempering import blend_parts

from .network import GROUP_NAMES, IN_WIDTH, N_COND, DrumVAE, finish, make_cond
from .weights import DEFAULT_WEIGHTS, DRUM_PART_WEIGHTS, load_weights

N = N_VOICES


def as_logits(th) -> np.ndarray:
    """Thresholds (clipped to 1e-6..1-1e-6) as float32 logits, the scale cells are scored on."""
    th = np.clip(th, 1e-6, 1 - 1e-6)
    return (np.log(th) - np.log1p(-th)).astype(np.float32)


_LOCK = threading.Lock()
_CACHE: dict[str, "Drummer"] = {}  # by resolved path; the shipped models by kind


class _Prior(torch.nn.Module):
    def __init__(self, model: DrumVAE):
        super().__init__()
        self.model = model

    def forward(self, inputs):
        return self.model.encode_prior(inputs)


class _Posterior(torch.nn.Module):
    def __init__(self, model: DrumVAE):
        super().__init__()
        self.model = model

    def forward(self, inputs, hvo):
        return self.model.encode_posterior(inputs, hvo)


class _Decoder(torch.nn.Module):
    """z -> hit logits, hit probabilities, velocities, offsets (of grooves that may be blends:
    network.groove_base's soft)."""

    def __init__(self, model: DrumVAE, corr: tuple[float, float]):
        super().__init__()
        self.model = model
        self.corr = corr

    def forward(self, z, cond, inputs):
        return _with_probs(*finish(self.model.decode(z, cond, inputs), inputs, *self.corr, soft=True))


class _Generate(torch.nn.Module):
    """Input -> z drawn from the prior (mu + temperature * sigma * eps) -> logits, probabilities, velocities,
    offsets: the whole generation in one traced call (the fast path)."""

    def __init__(self, model: DrumVAE, corr: tuple[float, float]):
        super().__init__()
        self.model = model
        self.corr = corr

    def forward(self, inputs, cond, eps):
        x = self.model.level(inputs)  # once for both (a network with an input level)
        mu, logvar = self.model.encode_prior(x, levelled=True)
        z = mu + eps * (0.5 * logvar).exp()
        return _with_probs(*finish(self.model.decode(z, cond, x, levelled=True), inputs, *self.corr))


def _with_probs(logits, vel, off):
    """The hit probabilities beside the logits, in the traced call: torch.sigmoid there (as models/train.py's
    calibration computes them) took 40-50 us less than numpy's 1 / (1 + exp(-x)) after it, whose four ufuncs'
    code the forward pass has pushed out of the CPU's caches (benchmarks/bench_model.py)."""
    return logits, torch.sigmoid(logits), vel, off


def one_thread() -> None:
    """Generation on one thread, for the product's processes (CLI, REAPER, the panels; `ShippedModel`).
    torch's default, a thread per core, spins its threads while another process has the cores (REAPER's audio,
    the panel): drumming a 96-bar part again took p50 597 ms on two threads with both cores busy against 37
    ms on one (`benchmarks/bench_song.py --load`); on a quiet machine a second thread saves about a quarter.
    One thread also sums in one order on every machine, so a seed's drums do not depend on the core count."""
    torch.set_num_threads(1)


class Drummer:
    """A loaded model: network and thresholds from its weights file."""

    def __init__(self, path: str | os.PathLike | None = None, *, trace: bool = True):
        # torch's oneDNN (mkldnn) kernels cost more than they save on this network's (32, 64..192) tensors: its
        # GELU takes 25 us a call against the native kernel's 10, so a generation runs 0.09 ms (10%) faster
        # without it (benchmarks/bench_model.py). A process-wide switch, set before tracing and never undone,
        # so every generation in the process computes the same numbers (the seed promise), whatever its thread.
        torch.backends.mkldnn.enabled = False
        self.path = Path(path) if path is not None else DEFAULT_WEIGHTS
        self.model, self.meta = load_weights(self.path)
        self.thresholds = np.asarray(self.meta.get("thresholds", [0.5] * N), np.float32)
        self.threshold_logits = as_logits(self.thresholds)
        # hit probabilities are blended toward the average drummer by this much (chosen on validation)
        # (one number, or one per voice)
        self.prior_blend = np.broadcast_to(np.asarray(self.meta.get("prior_blend", 0.0), np.float32), (N,)).copy()
        # a fill's blend toward the average drummer's fill (one for all voices; older files: the beats')
        self.fill_blend = np.broadcast_to(np.asarray(self.meta.get("fill_blend", self.prior_blend), np.float32), (N,))
        self.average_pattern = np.asarray(self.meta.get("average_pattern", np.zeros((STEPS, N))), np.float32)
        self.steady_time = float(self.meta.get("steady_time", 0.0))
        # the windows of one take are blended toward the take's mean by this much, per voice (core/tempering.one_take)
        # temper's blend toward the average drummer, the parts that do not change (read-only): every plain generation's
        self.prior_parts = blend_parts(self.average_pattern, self.prior_blend)
        for part in self.prior_parts:
            part.flags.writeable = False
        self.take_blend = np.broadcast_to(np.asarray(self.meta.get("take_blend", 0.0), np.float32), (N,)).copy()
        self.tempered = bool(np.any(self.prior_blend > 0) or np.any(self.fill_blend > 0) or self.steady_time > 0)
        self.genre_patterns = np.asarray(self.meta.get("genre_patterns", np.broadcast_to(self.average_pattern, (N_GENRES, STEPS, N))),
                                         np.float32)
        # with a genre asked: snare and toms at most genre_ceiling x the genre's drummers' average count per loop
        self.genre_ceiling = float(self.meta.get("genre_ceiling", 0.0))
        self.genre_counts = self.genre_patterns.sum(1)  # (genres, 9) hits per loop
        self.fill_pattern = np.asarray(self.meta.get("fill_pattern", self.average_pattern), np.float32)
        self.fill_thresholds = np.asarray(self.meta.get("fill_thresholds", self.thresholds), np.float32)
        self.fill_density = float(self.meta.get("fill_density", 0.1))  # hits per cell of drummers' fills
        self._plain_conds: dict[tuple[int, float | None], torch.Tensor] = {}
        self.latent = self.model.cfg.latent
        # scale of the velocity/offset corrections: 0 where copying the groove's feel measured better
        corr = (float(self.meta.get("velocity_correction", 1.0)), float(self.meta.get("offset_correction", 1.0)))
        # the network's four calls, each traced and frozen once used TRACE_AFTER times (`__getattr__`), or by `warm`
        self._eager = {"prior": _Prior(self.model).eval(), "posterior": _Posterior(self.model).eval(),
                       "decoder": _Decoder(self.model, corr).eval(), "generate": _Generate(self.model, corr).eval()}
        self._trace_calls = trace
        self._trace_lock = threading.Lock()
        self._asked: dict[str, int] = {}  # times each call was asked for before it was traced

    def plain_cond(self, n: int, density: float | None = None) -> torch.Tensor:
        """The conditioning (n, N_COND) of n loops with no control asked for but one density shared by all (no
        genre or fill, every voice on), as make_cond makes it: made once per batch size up to 16 (the live
        loop's and the panel's) and density (a slider's few hundred values; kept until 256 are held)."""
        key = (n, density)
        c = self._plain_conds.get(key)
        if c is None:
            zeros = np.zeros(n, np.float32)
            given = zeros if density is None else np.ones(n, np.float32)
            dens = zeros if density is None else np.full(n, density, np.float32)
            c = torch.from_numpy(make_cond(np.zeros((n, N_GENRES), np.float32), dens, given,
                                           np.ones((n, len(GROUP_NAMES)), np.float32), zeros).astype(np.float32))
            if n <= 16:
                if len(self._plain_conds) >= 256:
                    self._plain_conds.clear()
                self._plain_conds[key] = c
        return c

    def __getattr__(self, name: str):
        """prior, posterior, decoder and generate: the network's calls, traced once asked for TRACE_AFTER times
        (then plain attributes; only missing attributes come here)."""
        if name not in _CALLS or "_eager" not in self.__dict__:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return self._call(name, force=False)

    def _call(self, name: str, force: bool):
        """The call `name`: eager until it has been asked for TRACE_AFTER times (or `force`), then traced once and
        kept (a plain attribute from then on)."""
        with self._trace_lock:  # a panel's worker threads may ask at once: one trace each
            if name in self.__dict__:
                return self.__dict__[name]
            eager = self._eager[name]
            self._asked[name] = self._asked.get(name, 0) + 1
            if not self._trace_calls or not force and self._asked[name] < TRACE_AFTER:
                return eager
            self.__dict__[name] = _traced(eager, self._examples(name)) or eager
            return self.__dict__[name]

    def warm(self) -> None:
        """Trace every call now (about 1 s), so a live session does not wait for one in the middle of a bar."""
        for name in _CALLS:
            self._call(name, force=True)

    def _examples(self, name: str) -> tuple[tuple, tuple]:
        """(the arguments `name` is traced with: one loop, the arguments it is checked on: four random ones)."""
        rng = torch.Generator().manual_seed(0)  # not torch's global generator: tracing leaves it as it was
        x = torch.zeros(1, STEPS, IN_WIDTH)
        x[0, ::2, :3] = torch.tensor([1.0, 0.7, 0.05])
        c, z = torch.zeros(1, N_COND), torch.zeros(1, self.latent)
        x4 = torch.rand(4, STEPS, IN_WIDTH, generator=rng)
        c4, z4 = torch.rand(4, N_COND, generator=rng), torch.randn(4, self.latent, generator=rng)
        return {"prior": ((x,), (x4,)),
                "posterior": ((x, torch.zeros(1, STEPS, 3 * N)), (x4, torch.rand(4, STEPS, 3 * N, generator=rng))),
                "decoder": ((z, c, x), (z4, c4, x4)),
                "generate": ((x, c, z), (x4, c4, z4))}[name]


_CALLS = ("prior", "posterior", "decoder", "generate")
# a call is traced the TRACE_AFTER-th time it is used: tracing takes 0.2-0.3 s and saves 1-3 ms a call, so a
# command-line drumify or a REAPER action (a process each, a call or a few) ran 0.3 s longer for it
TRACE_AFTER = 8


def _traced(module: torch.nn.Module, examples: tuple[tuple, tuple]):
    """`module` traced and frozen (batch-1 generation runs about twice as fast), or None where tracing fails or
    the traced call does not give what the module gives on random inputs: it is an optimisation only."""
    args, check = examples
    try:
        # out of inference mode (the first call may come from inside one), as tracing records a graph
        with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
            warnings.simplefilter("ignore")  # torch.jit is deprecated in favour of torch.compile, but tracing
            traced = torch.jit.freeze(torch.jit.trace(module, args, check_trace=False))  # is what is fast here
            # every call returns a tuple of tensors
            same = all(torch.allclose(p, q, atol=1e-5) for p, q in zip(traced(*check), module(*check)))
    except Exception:  # noqa: BLE001 - tracing is an optimisation only
        return None
    return traced if same else None


def load_model(weights: str | os.PathLike | None = None, *, drum_part: bool = False) -> Drummer:
    """The model of a weights file, loaded once per process. Default: the shipped one for band parts,
    or with drum_part=True the shipped one for drum parts; a file given plays every input."""
    # the shipped files are keyed by kind, so the per-call lookup touches no file system
    key = ("drum part" if drum_part else "band") if weights is None else str(Path(weights).resolve())
    m = _CACHE.get(key)
    if m is not None:
        return m
    if weights is None:
        weights = DRUM_PART_WEIGHTS if drum_part else DEFAULT_WEIGHTS
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = Drummer(weights)
        return _CACHE[key]


__all__ = ["Drummer", "load_model", "one_thread", "as_logits", "TRACE_AFTER"]
