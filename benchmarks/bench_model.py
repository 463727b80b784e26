"""Speed of the drum generator on one CPU thread: p50/p99 ms per generation.

A generation is groove -> finished loop through the public API
(reagroove.models.drumify_batch: encode, decode, thresholds, sampling,
assembly), at batch 1 and 16; then the network's forward pass alone.

    python benchmarks/bench_model.py [--weights FILE] [--runs 2000]

Against another version of ReaGroove (its own code and shipped weights), in
alternating rounds, since a shared machine's speed drifts by 2x within an
hour and two runs minutes apart do not compare:

    taskset -c 1 python benchmarks/bench_model.py --against d4a5220~1 --rounds 4

Each round runs the batch-1 generations once for this checkout and once for
the other version, each in a fresh process; the medians over rounds are
compared. REV is anything `git archive` takes (a commit, a tag).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("core", "models", "reaper_ext")  # the repository's folders, imported as reagroove.<folder>
CASES = (("most likely loop", {}), ("temperature 0.6, seeded", {"temperature": 0.6, "seed": 1}),
         ("density 0.15", {"density": 0.15}))
LINE = re.compile(r"generation batch  1 \((.+)\): p50 ([\d.]+) ms")


def timeit(fn, runs: int, warmup: int = 100) -> tuple[float, float]:
    for _ in range(warmup):
        fn()
    ts = np.empty(runs)
    for i in range(runs):
        t = time.perf_counter()
        fn()
        ts[i] = time.perf_counter() - t
    return float(np.percentile(ts, 50) * 1e3), float(np.percentile(ts, 99) * 1e3)


def measure(weights, runs: int, batches=(1, 16), forward: bool = True) -> None:
    import torch

    torch.set_num_threads(1)
    from reagroove.models import drumify_batch, load_model

    m = load_model(weights)
    rng = np.random.default_rng(0)
    print(f"torch {torch.__version__}, 1 thread, traced: {isinstance(getattr(m, 'decoder', None), torch.jit.ScriptModule)}")
    for batch in batches:
        g = np.zeros((batch, 32, 3), np.float32)
        hit = rng.random((batch, 32)) < 0.6
        g[..., 0] = hit
        g[..., 1] = hit * rng.uniform(0.3, 1.0, hit.shape)
        g[..., 2] = hit * rng.uniform(-0.3, 0.3, hit.shape)
        for label, kw in CASES:
            p50, p99 = timeit(lambda: drumify_batch(g, weights=weights, **kw), runs)
            print(f"generation batch {batch:2d} ({label}): p50 {p50:.3f} ms  p99 {p99:.3f} ms", flush=True)
        if not forward:
            continue
        x = torch.from_numpy(np.concatenate([g, np.zeros_like(g)], -1))
        c, eps = torch.zeros(batch, m.model.n_cond), torch.zeros(batch, m.latent)

        def run_forward():
            with torch.inference_mode():
                m.generate(x, c, eps)

        p50, p99 = timeit(run_forward, runs)
        print(f"forward pass  batch {batch:2d}: p50 {p50:.3f} ms  p99 {p99:.3f} ms")


def package_of(source: Path, into: Path) -> Path:
    """A folder to put on PYTHONPATH so `import reagroove.models` finds `source`'s folders (a checkout's
    layout), ahead of the installed package."""
    pkg = into / "reagroove"
    pkg.mkdir(parents=True)
    for layer in LAYERS:
        (pkg / layer).symlink_to(source / layer, target_is_directory=True)
    return into


def checkout(rev: str, into: Path) -> Path:
    """Version `rev` of this repository, its files (shipped weights included) under `into`."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        err = getattr(e, "stderr", b"") or b""
        raise SystemExit(f"bench_model: cannot check out '{rev}': {err.decode(errors='replace').strip() or e}") from None
    return into


def one_round(path: Path, runs: int) -> dict[str, float]:
    """p50 ms per batch-1 case of the package on `path`, measured in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(path)}
    out = subprocess.run([sys.executable, __file__, "--runs", str(runs), "--batch-1-only"], env=env, capture_output=True,
                         text=True)
    if out.returncode:
        raise SystemExit(f"bench_model: the round failed: {out.stderr.strip().splitlines()[-1:]}")
    return {label: float(ms) for label, ms in LINE.findall(out.stdout)}


def against(rev: str, rounds: int, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="reagroove-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "src").mkdir()
        paths = {"this checkout": package_of(ROOT, tmp / "now"), rev: package_of(checkout(rev, tmp / "src"), tmp / "then")}
        seen: dict[str, list[dict[str, float]]] = {name: [] for name in paths}
        for r in range(rounds):
            for name, path in paths.items():
                seen[name].append(one_round(path, runs))
                print(f"round {r + 1} {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in seen[name][-1].items()), flush=True)
    print(f"medians over {rounds} rounds (p50 ms per generation, batch 1, one thread):")
    for label, _ in CASES:
        now = [s[label] for s in seen["this checkout"] if label in s]
        then = [s[label] for s in seen[rev] if label in s]
        if now and then:
            a, b = float(np.median(now)), float(np.median(then))
            print(f"  {label}: this checkout {a:.3f}, {rev} {b:.3f} ({(a / b - 1) * 100:+.0f}%)")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--weights", help="weights file (default: the shipped model)")
    p.add_argument("--runs", type=int, default=2000)
    p.add_argument("--against", metavar="REV", help="compare with another version (a git revision), in alternating rounds")
    p.add_argument("--rounds", type=int, default=4, help="rounds with --against (default 4)")
    p.add_argument("--batch-1-only", action="store_true", help=argparse.SUPPRESS)  # one --against round
    args = p.parse_args(argv)
    if args.against:
        against(args.against, args.rounds, args.runs)
    elif args.batch_1_only:
        measure(None, args.runs, batches=(1,), forward=False)
    else:
        measure(args.weights, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
