"""How long `reagroove --help`, `--version` and a command's help take to answer, from a fresh process.

Runs the installed console script (beside this Python) several times per
command line and prints the median and the fastest wall time, and the median
CPU time (user + system; less sensitive than wall time to a busy machine).
Target: under 0.5 s for `--help` and `--version` (they must not import torch).
The last lines drum the bundled bass line and a rendered 30-second band take
(audio, tests/audio_synth.py): what each command-line run and each REAPER
action (a process of its own) costs, start to end.

    .venv/bin/python benchmarks/bench_cli_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND_LINES = (["--version"], ["--help"], ["groove", "--help"], ["drumify", "--help"])
EXAMPLE = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"


def reagroove_script() -> str:
    beside = Path(sys.executable).parent / "reagroove"
    found = str(beside) if beside.exists() else shutil.which("reagroove")
    if not found:
        sys.exit("bench_cli_start: no `reagroove` console script found (run install/setup.sh)")
    return found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_times(argv: list[str], runs: int) -> tuple[list[float], list[float]]:
    """(wall seconds, CPU seconds) of each run."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu0, t0 = _children_cpu(), time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(_children_cpu() - cpu0)
        if done.returncode != 0:
            sys.exit(f"bench_cli_start: {' '.join(argv)} failed: {done.stderr.strip().splitlines()[-1:]}")
    return walls, cpus


def band_take(folder: str) -> Path:
    """A 30 s band mix at 100 BPM (bass with strums or keys), as the audio tests render it."""
    import soundfile as sf

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from audio_synth import make_part

    path = Path(folder) / "band_take.wav"
    sf.write(path, make_part("band", 100.0, seconds=30.0, seed=3)[0], 22050)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command line (default 9)")
    args = parser.parse_args()
    script = reagroove_script()
    run_times([script, "--version"], 1)  # warm the file cache
    print(f"{'command':<32}{'median s':>10}{'fastest s':>11}{'median cpu s':>14}")
    with tempfile.TemporaryDirectory(prefix="reagroove-bench-") as tmp:
        drumify = [script, "drumify", str(EXAMPLE), "-o", str(Path(tmp) / "drums.mid"), "--quiet"]
        audio = [script, "drumify", str(band_take(tmp)), "-o", str(Path(tmp) / "audio_drums.mid"), "--quiet"]
        for argv, label in [([script, *extra], "reagroove " + " ".join(extra)) for extra in COMMAND_LINES] + [
            ([sys.executable, "-c", "pass"], "(python -c pass)"), (drumify, "reagroove drumify funk_bass.mid"),
            (audio, "reagroove drumify band_take.wav")
        ]:
            walls, cpus = run_times(argv, args.runs)
            print(f"{label:<32}{statistics.median(walls):>10.3f}{min(walls):>11.3f}{statistics.median(cpus):>14.3f}")


if __name__ == "__main__":
    main()
