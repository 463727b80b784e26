"""How long `reagroove --help`, `--version` and a command's help take to answer, from a fresh process.

Runs the installed console script (beside this Python) several times per
command line and prints the median and the fastest wall time. Target: under
0.5 s for `--help` and `--version` (they must not import torch).

    .venv/bin/python benchmarks/bench_cli_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMAND_LINES = (["--version"], ["--help"], ["groove", "--help"], ["drumify", "--help"])


def reagroove_script() -> str:
    beside = Path(sys.executable).parent / "reagroove"
    found = str(beside) if beside.exists() else shutil.which("reagroove")
    if not found:
        sys.exit("bench_cli_start: no `reagroove` console script found (run install/setup.sh)")
    return found


def wall_times(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            sys.exit(f"bench_cli_start: {' '.join(argv)} failed: {done.stderr.strip().splitlines()[-1:]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command line (default 9)")
    args = parser.parse_args()
    script = reagroove_script()
    wall_times([script, "--version"], 1)  # warm the file cache
    print(f"{'command':<28}{'median s':>10}{'fastest s':>11}")
    for extra in COMMAND_LINES:
        times = wall_times([script, *extra], args.runs)
        print(f"{'reagroove ' + ' '.join(extra):<28}{statistics.median(times):>10.3f}{min(times):>11.3f}")
    base = wall_times([sys.executable, "-c", "pass"], args.runs)
    print(f"{'(python -c pass)':<28}{statistics.median(base):>10.3f}{min(base):>11.3f}")


if __name__ == "__main__":
    main()
