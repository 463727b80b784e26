"""Live takes whose tempo drifts: are their 16ths found on the right steps?

Renders a syncopated 2-bar line (plucked, 6 ms timing jitter unless said)
played with a tempo that ramps or wobbles, and a steady one with 25 ms of
jitter, reads each with `read_audio` (tempo and bar 1 estimated), and counts
the played 16th steps found (counted from bar 1, after the best whole-step
shift, so a wrong downbeat alone does not count against the grid) and
whether a tempo map was used. Steady takes should keep one tempo.

    python benchmarks/bench_audio_drift.py [--seeds 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from audio_synth import render  # noqa: E402

from reagroove.core.audio import read_audio  # noqa: E402

LINE = [0, 3, 6, 8, 10, 14, 16, 19, 22, 24, 26, 28, 30]
SR = 22050
TAKES = {  # name: (tempo per beat k of n, timing jitter s)
    "steady 120, 25 ms jitter": (lambda k, n: np.full(len(k), 120.0), 0.025),
    "ramp 100 -> 110": (lambda k, n: np.linspace(100, 110, len(k)), 0.006),
    "slowing 126 -> 114": (lambda k, n: np.linspace(126, 114, len(k)), 0.006),
    "wobble 100 +- 3": (lambda k, n: 100 + 3 * np.sin(k / 40 * 2 * np.pi), 0.006),
}


def take(tempo, jitter, seed, n_bars=24):
    steps = np.array([r * 32 + s for r in range(n_bars // 2) for s in LINE])
    k = np.arange(n_bars * 4 + 4)
    beat_t = np.concatenate([[0.0], np.cumsum(60.0 / tempo(k, len(k)))])
    rng = np.random.default_rng(seed)
    t = np.sort(np.maximum(np.interp(steps / 4, np.arange(len(beat_t)), beat_t) + rng.normal(0, jitter, len(steps)), 0.0))
    vel = np.where(steps % 4 == 0, 1.0, 0.7)
    return render(t, vel, timbre="pluck", sr=SR, duration_s=float(t[-1]) + 1.0, seed=seed), steps


def found_share(content, steps) -> float:
    bar1 = content.time_signatures[0][0]
    found = set(np.round((content.notes.start - bar1) * 4).astype(int).tolist())
    want = set(steps.tolist())
    return max(len({f + d for f in found} & want) for d in range(-16, 17)) / len(want)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="takes rendered per kind (seeds 0..N-1)")
    args = ap.parse_args()
    print(f"{'take':28s} {'16ths found':>11s} {'map used':>9s}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (tempo, jitter) in TAKES.items():
            shares, maps = [], 0
            for seed in range(args.seeds):
                audio, steps = take(tempo, jitter, seed)
                path = Path(tmp) / "take.wav"
                sf.write(path, audio, SR)
                content = read_audio(path)
                shares.append(found_share(content, steps))
                maps += len(content.tempos) > 1
            print(f"{name:28s} {np.mean(shares):11.2f} {maps:>5d}/{args.seeds}")


if __name__ == "__main__":
    main()
