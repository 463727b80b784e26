"""A whole song drummed again, as after each setting change in the editor or a Drumify in REAPER: seconds
per drumify of a long part with the shipped model, over a row of settings, on one thread (what ReaGroove's
processes use, `models.api.one_thread`) against torch's default of a thread per core, idle and with a busy
process on every core (a DAW's audio, a panel).

    python benchmarks/bench_song.py [PART.mid] [--repeat 24] [--load]

PART defaults to the bundled funk bass (8 bars) repeated --repeat times (default 12: 96 bars).
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing as mp
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_engine import _burn  # noqa: E402  (the same busy process as the live benchmark's --load)

EXAMPLE = ROOT / "core" / "examples" / "funk_bass.mid"
SETTINGS = ({}, {"density": 0.2}, {"density": 0.3}, {"genre": {"funk": 1.0}}, {"fill_every": 2}, {"seed": 3})


def long_part(path: str | None, repeat: int):
    """The part to drum: a file, or the bundled example's bars played `repeat` times."""
    from reagroove.core.midi import Notes, read_midi

    if path:
        return read_midi(path)
    c = read_midi(EXAMPLE)
    span = 4.0 * np.ceil(c.end_beat / 4.0)
    n = c.notes
    cols = {f.name: np.concatenate([getattr(n, f.name) + (k * span if f.name in ("start", "end") else 0)
                                    for k in range(repeat)]) for f in dataclasses.fields(Notes)}
    return dataclasses.replace(c, notes=Notes(**cols), end_beat=span * repeat)


def run(engine, part, rounds: int) -> list[float]:
    from reagroove.core.settings import Settings

    engine.drumify(part, Settings())  # the part's form heard once, as the editor has it after opening
    took = []
    for _ in range(rounds):
        for kw in SETTINGS:
            t = time.perf_counter()
            engine.drumify(part, Settings(**kw))
            took.append(time.perf_counter() - t)
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", nargs="?", help="a MIDI part (default: the funk bass example repeated)")
    ap.add_argument("--repeat", type=int, default=12, help="times the example is played (default 12: 96 bars)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--load", action="store_true", help="keep every core busy with another process meanwhile")
    args = ap.parse_args()
    import torch

    from reagroove.models.drummer import default_engine

    default_threads = torch.get_num_threads()
    engine = default_engine()  # sets one thread
    part = long_part(args.part, args.repeat)
    stop = mp.Event()
    burners = [mp.Process(target=_burn, args=(stop,)) for _ in range(mp.cpu_count() if args.load else 0)]
    for b in burners:
        b.start()
    try:
        print(f"{part.path}: {part.end_beat / 4:.0f} bars of 4/4, {len(SETTINGS)} settings x {args.rounds} rounds"
              f"{', every core busy' if args.load else ''}")
        for threads in (1, default_threads):
            torch.set_num_threads(threads)
            took = np.asarray(run(engine, part, args.rounds)) * 1000
            print(f"  {threads} thread{'s' if threads > 1 else ' '}: p50 {np.percentile(took, 50):7.1f} ms  "
                  f"p90 {np.percentile(took, 90):7.1f} ms  max {took.max():7.1f} ms per drumify")
    finally:
        stop.set()
        for b in burners:
            b.join()


if __name__ == "__main__":
    main()
