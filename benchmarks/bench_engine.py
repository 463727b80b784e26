"""Engine speed with the shipped model, on one thread.

1. Live session: time from a bar's regeneration point to its loop being ready,
   p50/p99 over --bars bars of scripted dense input (32nd notes, velocities
   and timing jittered) at 60, 120 and 200 BPM; a loop is late if generating
   it takes longer than the look-ahead (the time left before its boundary).
   Run once idle and once with --load (a busy process on every core). The
   last row plays phrases (--fill-every 2): a fill or crash bar makes its
   loop twice (with and without them, the plain one kept for silence).
2. 16 variations of one loop (drumify_variations, as `--variations 16`): p50/p99.
3. Cold start of `reagroove drumify` on one file: process start to file
   written, with the time of its phases measured in a fresh process.

Run: python benchmarks/bench_engine.py [--bars 1000] [--load]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "core" / "examples" / "funk_bass.mid"


def _burn(stop):
    x = 0
    while not stop.is_set():
        x += 1


def pct(values, q):
    return float(np.percentile(np.asarray(values) * 1000, q))


def live_bench(engine, bpm: float, bars: int, seed: int = 0, settings=None) -> dict:
    from reagroove.core.live import LiveSession

    rng = np.random.default_rng(seed)
    session = LiveSession(engine, settings)
    session.start(0.0)
    took = []
    beat = 0.0
    step = 1 / 8  # 32nd notes
    while len(took) < bars:
        beat += step
        session.feed(beat + rng.normal(0, 0.02), int(rng.integers(40, 127)))
        for sched in session.advance(beat):
            took.append(sched.seconds)
    lookahead_s = session.lookahead * 60.0 / bpm
    late = sum(t > lookahead_s for t in took)
    return {"bpm": bpm, "p50_ms": pct(took, 50), "p99_ms": pct(took, 99), "max_ms": pct(took, 100),
            "late": late, "budget_ms": lookahead_s * 1000}


def variations_bench(engine, repeat: int = 200) -> dict:
    from reagroove.core.settings import Settings

    groove = np.zeros((32, 3), np.float32)
    groove[::2] = [1, 0.7, 0.05]
    s = Settings(seed=1)
    engine.drumify_variations(groove[None], s, 16)
    took = []
    for i in range(repeat):
        t0 = time.perf_counter()
        engine.drumify_variations(groove[None], s.replace(seed=i), 16)
        took.append(time.perf_counter() - t0)
    return {"p50_ms": pct(took, 50), "p99_ms": pct(took, 99)}


COLD = r"""
import time, sys
t0 = time.perf_counter()
from reagroove.core.cli import main
t1 = time.perf_counter()
import torch
t2 = time.perf_counter()
from reagroove.models.drummer import default_engine
e = default_engine()
t3 = time.perf_counter()
sys.exit(main(['drumify', sys.argv[1], '-o', sys.argv[2], '--quiet']) or print(
    f'{{"core_import": {t1-t0}, "torch_import": {t2-t1}, "model_load": {t3-t2}, "drumify_and_write": {time.perf_counter()-t3}}}'))
"""


def cold_start() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "drums.mid"
        walls = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "reagroove.core.cli", "drumify", str(EXAMPLE), "-o", str(out), "--quiet"], check=True)
            walls.append(time.perf_counter() - t0)
        phases = subprocess.run([sys.executable, "-c", COLD, str(EXAMPLE), str(out)], check=True, capture_output=True, text=True)
    return {"wall_s": min(walls), "phases_s": json.loads(phases.stdout.strip().splitlines()[-1])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bars", type=int, default=1000)
    ap.add_argument("--load", action="store_true", help="keep every core busy with another process meanwhile")
    ap.add_argument("--skip-cold", action="store_true")
    args = ap.parse_args()

    import torch

    torch.set_num_threads(1)
    from reagroove.models.drummer import default_engine

    engine = default_engine()
    stop, burners = mp.Event(), []
    if args.load:
        burners = [mp.Process(target=_burn, args=(stop,), daemon=True) for _ in range(os.cpu_count() or 2)]
        for b in burners:
            b.start()
    try:
        print(f"live session, {args.bars} bars of 32nd-note input, one thread{', every core kept busy' if args.load else ''}:")
        from reagroove.core.settings import Settings

        for bpm, settings in ((60, None), (120, None), (200, None), (200, Settings(fill_every=2))):
            r = live_bench(engine, bpm, args.bars, settings=settings)
            print(f"  {bpm:3d} BPM{', fills every 4 bars' if settings else ''}: p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, max {r['max_ms']:.2f} ms; "
                  f"late {r['late']} of {args.bars} (budget {r['budget_ms']:.0f} ms)")
        v = variations_bench(engine)
        print(f"16 variations of one loop: p50 {v['p50_ms']:.2f} ms, p99 {v['p99_ms']:.2f} ms")
    finally:
        stop.set()
        for b in burners:
            b.join()
    if not args.skip_cold:
        c = cold_start()
        ph = ", ".join(f"{k} {v:.2f} s" for k, v in c["phases_s"].items())
        print(f"cold start of `reagroove drumify` on one file: {c['wall_s']:.2f} s (phases: {ph})")


if __name__ == "__main__":
    main()
