"""Speed of the drum generator on one CPU thread: p50/p99 ms per generation.

A generation is groove -> finished loop through the public API
(reagroove.models.drumify_batch: encode, decode, thresholds, sampling,
assembly), at batch 1 and 16; then the network's forward pass alone.

    python benchmarks/bench_model.py [--weights FILE] [--runs 2000]

Against another version of ReaGroove (its own code and shipped weights), in
alternating rounds, since a shared machine's speed drifts by 2x within an
hour and two runs minutes apart do not compare:

    taskset -c 1 python benchmarks/bench_model.py --against d4a5220~1

Each version runs in a process of its own, kept open for 5 rounds (then
both are started afresh: one process's memory layout alone can make it 20%
faster or slower for its whole life); a round times each batch-1 case for
200 calls in one process, then in the other (the order alternates), so both
see the same minute of the machine. The medians of the
rounds' p50s are printed, with the ratio of the two in the same round (the
machine's drift cancels there) and how many rounds this checkout was faster in.
REV is anything `git archive` takes (a commit, a tag), or a folder holding
another version's files (for a machine with no git history, such as a
benchmark box the working tree was copied to).
"""

from __future__ import annotations

import argparse
import os
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


def timeit(fn, runs: int, warmup: int = 100) -> tuple[float, float]:
    for _ in range(warmup):
        fn()
    ts = np.empty(runs)
    for i in range(runs):
        t = time.perf_counter()
        fn()
        ts[i] = time.perf_counter() - t
    return float(np.percentile(ts, 50) * 1e3), float(np.percentile(ts, 99) * 1e3)


def grooves(batch: int) -> np.ndarray:
    """The benchmark's input: `batch` random grooves, 60% of steps played (the same every run)."""
    rng = np.random.default_rng(0)
    g = np.zeros((batch, 32, 3), np.float32)
    hit = rng.random((batch, 32)) < 0.6
    g[..., 0] = hit
    g[..., 1] = hit * rng.uniform(0.3, 1.0, hit.shape)
    g[..., 2] = hit * rng.uniform(-0.3, 0.3, hit.shape)
    return g


def measure(weights, runs: int) -> None:
    import torch

    torch.set_num_threads(1)
    from reagroove.models import drumify_batch, load_model

    m = load_model(weights)
    m.warm()  # traced, as a session that keeps generating has it (a call is traced once used a few times)
    print(f"torch {torch.__version__}, 1 thread, traced: {isinstance(m.decoder, torch.jit.ScriptModule)}, "
          f"oneDNN {'on' if torch.backends.mkldnn.enabled else 'off'}")
    for batch in (1, 16):
        g = grooves(batch)
        for label, kw in CASES:
            p50, p99 = timeit(lambda: drumify_batch(g, weights=weights, **kw), runs)
            print(f"generation batch {batch:2d} ({label}): p50 {p50:.3f} ms  p99 {p99:.3f} ms")
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


def serve(runs: int) -> None:
    """A worker for --against: for each case number read from stdin, time `runs` batch-1 generations of
    that case and print their p50 in ms (the package on PYTHONPATH)."""
    import torch

    torch.set_num_threads(1)
    from reagroove.models import drumify_batch, load_model

    load_model()
    g = grooves(1)
    print("ready", flush=True)
    for line in sys.stdin:
        kw = CASES[int(line)][1]
        print(f"{timeit(lambda: drumify_batch(g, **kw), runs, warmup=20)[0]:.4f}", flush=True)


def start_workers(paths: dict[str, Path], runs: int) -> dict[str, subprocess.Popen]:
    """One `serve` process per version (its package on PYTHONPATH), each ready to time."""
    workers = {name: subprocess.Popen([sys.executable, __file__, "--serve", "--runs", str(runs)], text=True,
                                      env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(path), os.environ.get("PYTHONPATH"))))},
                                      stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE) for name, path in paths.items()}
    for name, w in workers.items():
        if w.stdout.readline().strip() != "ready":
            for other in workers.values():
                other.kill()
            raise SystemExit(f"bench_model: {name} did not start (its error is above)")
    return workers


def against(rev: str, rounds: int, runs: int, per_start: int = 5) -> None:
    with tempfile.TemporaryDirectory(prefix="reagroove-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "src").mkdir()
        other = Path(rev).resolve() if Path(rev).is_dir() else checkout(rev, tmp / "src")
        paths = {"this checkout": package_of(ROOT, tmp / "now"), rev: package_of(other, tmp / "then")}
        seen = {name: {label: [] for label, _ in CASES} for name in paths}
        for first in range(0, rounds, per_start):  # fresh workers now and then: a process's memory layout alone
            workers = start_workers(paths, runs)  # can make it 20% faster or slower for its whole life
            try:
                for r in range(first, min(first + per_start, rounds)):
                    for case, (label, _) in enumerate(CASES):
                        for name in (list(workers) if r % 2 == 0 else list(workers)[::-1]):
                            workers[name].stdin.write(f"{case}\n")
                            workers[name].stdin.flush()
                            line = workers[name].stdout.readline()
                            if not line:
                                raise SystemExit(f"bench_model: {name} stopped on '{label}' (its error is above)")
                            seen[name][label].append(float(line))
            finally:
                for w in workers.values():
                    w.stdin.close()
                    w.wait()
    print(f"{rounds} rounds of {runs} calls per case (p50 ms per generation, batch 1, one thread; median over rounds;"
          f" this checkout's time over {rev}'s in the same round, median and middle half of the rounds):")
    for label, _ in CASES:
        a, b = np.array(seen["this checkout"][label]), np.array(seen[rev][label])
        ratio = np.percentile(a / b, [25, 50, 75])
        print(f"  {label}: this checkout {np.median(a):.3f}, {rev} {np.median(b):.3f}; ratio {ratio[1]:.2f}"
              f" ({ratio[0]:.2f}-{ratio[2]:.2f}); this checkout faster in {int((a < b).sum())} of {rounds} rounds")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--weights", help="weights file (default: the shipped model)")
    p.add_argument("--runs", type=int, help="calls per case (default 2000; with --against 200 per round)")
    p.add_argument("--against", metavar="REV", help="compare with another version (a git revision, or a folder of its files),"
                   " in alternating rounds")
    p.add_argument("--rounds", type=int, default=30, help="rounds with --against (default 30)")
    p.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # a worker of --against
    args = p.parse_args(argv)
    if args.against:
        against(args.against, args.rounds, args.runs or 200)
    elif args.serve:
        serve(args.runs)
    else:
        measure(args.weights, args.runs or 2000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
