"""What a REAPER action's click costs: a one-shot engine (a process of its own) against the warm engine.

Measured from the action's call (reagroove_common.run_engine, as REAPER's
Drumify action and the docked panel's button make it) to the engine's
--report file written, on the simulated REAPER (tests/fake_reaper, one
request per 30 ms defer tick) through ReaGroove's real server on 127.0.0.1:
the tests' 4-bar bass riff (tests/test_reaper.py's bass_project, --notes notes,
default 64) drumified with the shipped model; reagroove_common loaded as the
tests load it (tests/test_reaper_warm_engine.py's load_common).

- one-shot: every click spawns `reagroove reaper drumify` (torch imported and
  the model loaded each time): what every click cost before the warm engine;
- first click: spawns the engine that then stays up (the same cost, once);
- warm: the clicks after it, sent to that engine on 127.0.0.1.

Median (p50) over --repeat clicks each; the seed changes per click, so each
writes new drums.

    .venv/bin/python benchmarks/bench_warm_engine.py [--repeat 5] [--notes 64]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
WAIT_S = 300.0


def click(common, port: int, seed: int, report: Path):
    """Seconds from the action's call to its report written, and the handle (still up, for the warm engine)."""
    if report.exists():
        report.unlink()
    t0 = time.perf_counter()
    handle = common.run_engine(["reaper", "drumify", "--seed", str(seed), "--report", str(report)], port)
    while not report.exists():
        if time.perf_counter() - t0 > WAIT_S:
            sys.exit(f"bench_warm_engine: no report after {WAIT_S:g} s; see {common.LOG_PATH}")
        time.sleep(0.002)
    seconds = time.perf_counter() - t0
    deadline = time.monotonic() + WAIT_S
    while handle.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    if handle.poll() != 0:
        sys.exit(f"bench_warm_engine: drumify ended with exit status {handle.poll()}; see {common.LOG_PATH}")
    return seconds, handle


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="clicks per way (median; default 5)")
    ap.add_argument("--notes", type=int, default=64, help="notes in the 4-bar bass riff drumified (default 64)")
    args = ap.parse_args()
    from fake_reaper import FakeReaperProcess
    from test_reaper import SERVER_SCRIPT, bass_project
    from test_reaper_warm_engine import load_common

    proc = FakeReaperProcess(bass_project(n_notes=args.notes), server="none", server_script=str(SERVER_SCRIPT),
                             lifetime=1800)
    proc.start()
    deadline = time.monotonic() + 60
    while not proc.ext_state("reagroove", "server_port"):
        if time.monotonic() > deadline:
            sys.exit("bench_warm_engine: the simulated REAPER's server did not start")
        time.sleep(0.05)
    port = int(proc.ext_state("reagroove", "server_port"))
    warm_process = None
    with tempfile.TemporaryDirectory() as tmp:
        common, report = load_common(Path(tmp)), Path(tmp) / "report.json"
        try:
            common.WARM_ENGINE = False
            one_shot = [click(common, port, seed, report)[0] for seed in range(1, args.repeat + 1)]
            common.WARM_ENGINE = True
            first, warm_process = click(common, port, 100, report)
            warm = []
            for seed in range(101, 101 + args.repeat):
                seconds, handle = click(common, port, seed, report)
                assert isinstance(handle, common.WarmRun), "the warm engine did not take the click"
                warm.append(seconds)
        finally:
            if warm_process is not None and warm_process.process.poll() is None:
                try:
                    os.remove(common.warm_file(port))  # it ends within its check interval
                except OSError:
                    pass
                warm_process.process.wait(30)
            proc.close()
    p50 = statistics.median
    print(f"drumify of a 4-bar, {args.notes}-note bass riff, action call to report written (p50 of {args.repeat}):")
    print(f"  one-shot engine per click      {p50(one_shot):6.2f} s   (min {min(one_shot):.2f} s)")
    print(f"  first click (engine stays up)  {first:6.2f} s")
    print(f"  warm engine                    {p50(warm):6.2f} s   (min {min(warm):.2f} s)")
    print(f"  saved per click                {p50(one_shot) - p50(warm):6.2f} s ({p50(one_shot) / p50(warm):.0f}x)")


if __name__ == "__main__":
    main()
