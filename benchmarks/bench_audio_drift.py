"""Live takes whose tempo drifts: are their beats and 16ths found where they are played?

Renders takes played with a tempo that ramps (speeding up or slowing down)
or wobbles, and steady ones, reads each with `read_audio` (tempo and bar 1
estimated) and compares what the drums would get with the truth:

- a syncopated 2-bar line (plucked, 6 ms timing jitter; steady: 25 ms),
- parts of tests/audio_synth.py `make_part` (bass, guitar strums, keys, a
  full mix; chords on bar lines, 8 ms jitter), their tempo ramped by
  `bpm_end` (or steady).

Per kind of take:

- 16ths: the share of the played 16th steps found (the line's takes only:
  counted from bar 1, after the best whole-step shift, so a wrong downbeat
  alone does not count against the grid);
- right: the share of takes whose beats the drums land on over the whole
  take: >= 95% of the played beats have a drum beat within 70 ms and >= 95%
  of the drum beats over the take a played beat (so half, double or 3:2
  tempo is wrong, and so are the last few beats drifting off);
- err ms: the drum beats' distance to the played beats (each played beat to
  its nearest drum beat and back; median, and the 95th percentile, averaged
  over the takes);
- map: the takes that got a tempo map (steady ones should keep one tempo).

    python benchmarks/bench_audio_drift.py [--seeds 3] [--only slowing]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from audio_synth import make_part, ramp_time, render  # noqa: E402

from reagroove.core.audio import read_audio  # noqa: E402

LINE = [0, 3, 6, 8, 10, 14, 16, 19, 22, 24, 26, 28, 30]
SR = 22050
TOL_S = 0.07  # the usual beat-tracking tolerance
TAKES = {  # name: (tempo per beat k of n, timing jitter s)
    "steady 120, 25 ms jitter": (lambda k, n: np.full(len(k), 120.0), 0.025),
    "ramp 100 -> 110": (lambda k, n: np.linspace(100, 110, len(k)), 0.006),
    "speeding 100 -> 112": (lambda k, n: np.linspace(100, 112, len(k)), 0.006),
    "slowing 126 -> 114": (lambda k, n: np.linspace(126, 114, len(k)), 0.006),
    "slowing 90 -> 80": (lambda k, n: np.linspace(90, 80, len(k)), 0.006),
    "wobble 100 +- 3": (lambda k, n: 100 + 3 * np.sin(k / 40 * 2 * np.pi), 0.006),
}
PARTS = {  # name: (make_part kind, bpm, bpm_end); 40 s (steady) of each
    "bass steady 118": ("bass", 118.0, None),
    "bass 126 -> 114": ("bass", 126.0, 114.0),
    "strum 100 -> 112": ("strum", 100.0, 112.0),
    "keys 90 -> 80": ("keys", 90.0, 80.0),
    "mix 126 -> 114": ("mix", 126.0, 114.0),
    "strum 126 -> 114": ("strum", 126.0, 114.0),
}


def take(tempo, jitter, seed, n_bars=24):
    """(audio, the line's 16th steps, its beat times s): one take of the line."""
    steps = np.array([r * 32 + s for r in range(n_bars // 2) for s in LINE])
    k = np.arange(n_bars * 4 + 4)
    beat_t = np.concatenate([[0.0], np.cumsum(60.0 / tempo(k, len(k)))])
    rng = np.random.default_rng(seed)
    t = np.sort(np.maximum(np.interp(steps / 4, np.arange(len(beat_t)), beat_t) + rng.normal(0, jitter, len(steps)), 0.0))
    vel = np.where(steps % 4 == 0, 1.0, 0.7)
    audio = render(t, vel, timbre="pluck", sr=SR, duration_s=float(t[-1]) + 1.0, seed=seed)
    return audio, steps, beat_t[(beat_t <= t[-1] + 1e-6)]


def part_take(kind, bpm, bpm_end, seed, seconds=40.0):
    """(audio, its beat times s from bar 1 to its last bar): one `make_part` take, ramped when bpm_end is given."""
    audio, downbeat, notes = make_part(kind, bpm, seconds=seconds, seed=seed, sr=SR, with_notes=True)
    span = len(audio) / SR - 1.0  # make_part's steady part, less its last second
    last = max(t for t, *_ in notes)
    steady = np.arange(0.0, span + 1e-9, 60.0 / bpm)
    steady = steady[(steady >= downbeat - 1e-6) & (steady <= last + 0.05)]
    if bpm_end is None:
        return audio, steady
    audio = make_part(kind, bpm, seconds=seconds, seed=seed, sr=SR, bpm_end=bpm_end)[0]
    return audio, ramp_time(steady, bpm, bpm_end, span)


def beat_seconds(tempos, beats):
    """Seconds of `beats` on a (beat, bpm) tempo map (beat 0 at 0 s)."""
    b0 = np.array([b for b, _ in tempos], np.float64)
    bpm = np.array([t for _, t in tempos], np.float64)
    t0 = np.concatenate([[0.0], np.cumsum(np.diff(b0) * 60.0 / bpm[:-1])])
    i = np.clip(np.searchsorted(b0, beats, side="right") - 1, 0, len(b0) - 1)
    return t0[i] + (np.asarray(beats, np.float64) - b0[i]) * 60.0 / bpm[i]


def beat_check(content, truth) -> tuple[bool, np.ndarray]:
    """(the drums' beats are the take's, within TOL_S both ways; every distance s) over the take's span."""
    lo, hi = float(truth[0]) - TOL_S, float(truth[-1]) + TOL_S
    bar1 = content.time_signatures[0][0]
    top = content.end_beat + 8
    ks = np.arange(np.floor(-bar1) - 1, np.ceil(top - bar1) + 1)
    drum = beat_seconds(content.tempos, bar1 + ks)
    drum = drum[(drum >= lo) & (drum <= hi)]
    if len(drum) == 0:
        return False, np.full(len(truth), 1.0)
    d1 = np.min(np.abs(truth[:, None] - drum[None, :]), axis=1)
    d2 = np.min(np.abs(drum[:, None] - truth[None, :]), axis=1)
    ok = np.mean(d1 < TOL_S) >= 0.95 and np.mean(d2 < TOL_S) >= 0.95
    return bool(ok), np.concatenate([d1, d2])


def found_share(content, steps) -> float:
    bar1 = content.time_signatures[0][0]
    found = set(np.round((content.notes.start - bar1) * 4).astype(int).tolist())
    want = set(steps.tolist())
    return max(len({f + d for f in found} & want) for d in range(-16, 17)) / len(want)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="takes rendered per kind (seeds 0..N-1)")
    ap.add_argument("--only", default="", help="only the kinds whose name contains this")
    ap.add_argument("--list", action="store_true", help="print every take's estimate")
    args = ap.parse_args()
    print(f"{'take':28s} {'16ths':>6s} {'right':>6s} {'err ms':>12s} {'map':>5s}")
    kinds = [(n, "line", v) for n, v in TAKES.items()] + [(n, "part", v) for n, v in PARTS.items()]
    all_right = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, what, spec in kinds:
            if args.only not in name:
                continue
            shares, right, med, p95, maps = [], [], [], [], 0
            for seed in range(args.seeds):
                if what == "line":
                    audio, steps, truth = take(*spec, seed)
                else:
                    (audio, truth), steps = part_take(*spec, seed), None
                path = Path(tmp) / "take.wav"
                sf.write(path, audio, SR)
                content = read_audio(path)
                if steps is not None:
                    shares.append(found_share(content, steps))
                ok, dist = beat_check(content, truth)
                right.append(ok)
                med.append(np.median(dist))
                p95.append(np.percentile(dist, 95))
                maps += len(content.tempos) > 1
                if args.list:
                    bpms = [t for _, t in content.tempos]
                    print(f"   seed {seed}: {min(bpms):6.1f}-{max(bpms):6.1f} BPM ({len(bpms)} tempi), bar 1 {content.start_s:6.3f} s, "
                          f"{'right' if ok else 'WRONG'}, median {1000 * np.median(dist):5.0f} ms")
            all_right += right
            share = f"{np.mean(shares):6.2f}" if shares else f"{'':6s}"
            err = f"{1000 * np.mean(med):4.0f} / {1000 * np.mean(p95):4.0f}"
            print(f"{name:28s} {share} {np.mean(right):6.2f} {err:>12s} {maps:>3d}/{args.seeds}")
    print(f"all: {sum(all_right)}/{len(all_right)} takes' beats right; err ms: median / 95th percentile of the drum beats' "
          f"distance to the played beats (over {TOL_S * 1000:.0f} ms: off the beat)")


if __name__ == "__main__":
    main()
