"""Audio meter, measured: how often read_audio, told nothing, reads a take in its own meter.

Rendered takes (the tests' synthesizer, so the truth is known), --per-group of each:

- 6/8 at 50-90 dotted quarters a minute and 12/8 at 45-85 (tests/test_audio_told_meter.py `six_eight_part`:
  bass on the dotted beats, keys on every 8th);
- waltzes at 90-160 BPM (make_part with 3 beats a bar: keys, bass, band, strum, mix in turn);
- 4/4 shuffles at 70-140 BPM (tests/test_audio_compound_meter.py `shuffle_part`: swung keys, the bass swung
  too on odd seeds);
- straight 4/4 at 80-150 BPM (make_part's kinds in turn).

Per group: the share read in the right meter, and of those how many have the tempo (within 2%, in quarter
notes) and bar 1 (within 40 ms) right too, then each miss. Before stop 38: 6/8 and 12/8 0 of 12 (read as
waltzes), shuffles 6 of 12 (the swung-bass ones read as 3/4 at 3/2 of their tempo); after: 12, 11, 12 of 12,
with waltzes (9) and straight 4/4 (12) as before.

    python benchmarks/bench_audio_meter.py [--per-group 12] [--jobs 2]
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import sys
import tempfile
from pathlib import Path

import numpy as np

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))
KINDS = ("keys", "bass", "band", "strum", "mix")
SR = 22050


def cases(n: int) -> list[tuple]:
    """(group, meter, kind, bpm as rendered, seed) for each take."""
    out = [("6/8", (6, 8), "six", b, i) for i, b in enumerate(np.linspace(50, 90, n))]
    out += [("12/8", (12, 8), "twelve", b, i) for i, b in enumerate(np.linspace(45, 85, n))]
    out += [("waltz", (3, 4), KINDS[i % 5], b, i) for i, b in enumerate(np.linspace(90, 160, n))]
    out += [("shuffle 4/4", (4, 4), "shuffle", b, i) for i, b in enumerate(np.linspace(70, 140, n))]
    out += [("straight 4/4", (4, 4), KINDS[i % 5], b, 100 + i) for i, b in enumerate(np.linspace(80, 150, n))]
    return [(g, m, k, float(round(b, 1)), s) for g, m, k, b, s in out]


def read_one(args: tuple) -> tuple:
    """Render one take into `folder`, read it untold: (case, meter read, tempo right, bar 1 right)."""
    case, folder = args
    sys.path.insert(0, str(TESTS))  # a spawned worker
    import soundfile as sf
    from audio_synth import make_part
    from test_audio_compound_meter import shuffle_part
    from test_audio_told_meter import six_eight_part

    from reagroove.core.audio import read_audio

    group, _meter, kind, bpm, seed = case
    folder = Path(folder)
    if kind in ("six", "twelve"):
        path, bar1 = six_eight_part(folder, bpm, seed, eighths=6 if kind == "six" else 12, bars=16 if kind == "six" else 10)
        quarters = bpm * 1.5  # dotted quarters a minute, as quarter notes
    elif kind == "shuffle":
        (path, bar1), quarters = shuffle_part(folder, bpm, seed), bpm
    else:
        audio, bar1 = make_part(kind, bpm, seed=seed, seconds=24.0, beats_per_bar=3 if group == "waltz" else 4, sr=SR)
        path, quarters = folder / f"{group[0]}_{kind}_{bpm:g}_{seed}.wav", bpm
        sf.write(path, audio, SR)
    content = read_audio(path)
    got = tuple(content.time_signatures[0][1:])
    return case, got, abs(content.tempos[0][1] / quarters - 1) < 0.02, abs(content.start_s - bar1) < 0.04


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--per-group", type=int, default=12, help="takes per group (default 12)")
    p.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    args = p.parse_args(argv)
    from tqdm import tqdm

    todo = cases(args.per_group)
    with tempfile.TemporaryDirectory() as tmp, multiprocessing.get_context("spawn").Pool(max(1, args.jobs)) as pool:
        results = list(tqdm(pool.imap(read_one, [(c, tmp) for c in todo]), total=len(todo), desc="takes", unit="take"))
    by = collections.defaultdict(list)
    for case, got, tempo_ok, bar1_ok in results:
        by[case[0]].append((case, got, tempo_ok, bar1_ok))
    print(f"{'group':14s} {'right meter':>12s} {'+tempo':>7s} {'+bar 1':>7s}  meters read")
    for group, rows in by.items():
        right = [got == case[1] for case, got, _, _ in rows]
        tempo = [r and t for r, (_, _, t, _) in zip(right, rows)]
        full = [t and b for t, (_, _, _, b) in zip(tempo, rows)]
        read = collections.Counter(f"{a}/{b}" for _, (a, b), _, _ in rows)
        print(f"{group:14s} {sum(right):>5d}/{len(rows):<2d} {np.mean(right):4.2f} {sum(tempo):>7d} {sum(full):>7d}  {dict(read)}")
    for group, rows in by.items():
        for case, got, tempo_ok, bar1_ok in rows:
            if not (got == case[1] and tempo_ok and bar1_ok):
                print(f"  miss: {group} {case[2]} {case[3]:g} BPM seed {case[4]}: read {got[0]}/{got[1]}"
                      f"{'' if tempo_ok else ', tempo off'}{'' if bar1_ok else ', bar 1 off'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
