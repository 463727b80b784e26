"""Speed of the drum generator on one CPU thread: p50/p99 ms per generation.

A generation is groove -> finished loop through the public API
(reagroove.models.drumify_batch: encode, decode, thresholds, sampling,
assembly), at batch 1 and 16; then the network's forward pass alone.

    python benchmarks/bench_model.py [--weights FILE] [--runs 2000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch


def timeit(fn, runs: int, warmup: int = 100) -> tuple[float, float]:
    for _ in range(warmup):
        fn()
    ts = np.empty(runs)
    for i in range(runs):
        t = time.perf_counter()
        fn()
        ts[i] = time.perf_counter() - t
    return float(np.percentile(ts, 50) * 1e3), float(np.percentile(ts, 99) * 1e3)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--weights", help="weights file (default: the shipped model)")
    p.add_argument("--runs", type=int, default=2000)
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    from reagroove.models import drumify_batch, load_model

    m = load_model(args.weights)
    rng = np.random.default_rng(0)
    print(f"torch {torch.__version__}, 1 thread, traced: {isinstance(m.decoder, torch.jit.ScriptModule)}")
    for batch in (1, 16):
        g = np.zeros((batch, 32, 3), np.float32)
        hit = rng.random((batch, 32)) < 0.6
        g[..., 0] = hit
        g[..., 1] = hit * rng.uniform(0.3, 1.0, hit.shape)
        g[..., 2] = hit * rng.uniform(-0.3, 0.3, hit.shape)
        for label, kw in (("most likely loop", {}), ("temperature 0.6, seeded", {"temperature": 0.6, "seed": 1}),
                          ("density 0.15", {"density": 0.15})):
            p50, p99 = timeit(lambda: drumify_batch(g, weights=args.weights, **kw), args.runs)
            print(f"generation batch {batch:2d} ({label}): p50 {p50:.3f} ms  p99 {p99:.3f} ms")
        x = torch.from_numpy(np.concatenate([g, np.zeros_like(g)], -1))
        c, eps = torch.zeros(batch, m.model.n_cond), torch.zeros(batch, m.latent)

        def forward():
            with torch.inference_mode():
                m.generate(x, c, eps)

        p50, p99 = timeit(forward, args.runs)
        print(f"forward pass  batch {batch:2d}: p50 {p50:.3f} ms  p99 {p99:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
