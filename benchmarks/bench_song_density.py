"""How much of the band network's F1 on unheard music is its hit count: each song's drums played at other
thresholds, and the best a per-song count could do if the real drummer's count were known.

    python benchmarks/bench_song_density.py --band ../shared/data/freedoom-midi [--band FOLDER ...]

Each --band folder is played as `reagroove evaluate` plays its songs (the training's held-out files for
freedoom-midi, every file of any other folder; never openmsx, which is for the report only), with every
voice's tuned threshold moved by the same logit shift, from -1 to +1.6. Printed per folder: F1 and hit ratio
at each shift; "oracle count", each song at the shift whose hit count is nearest its drummer's (a
per-song density that knew the answer); "oracle F1", each song at its own best shift; and how the network's
hits per window follow the drummers' over songs (correlation).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

SHIFTS = np.round(np.arange(-1.0, 1.61, 0.2), 2) + 0.0  # + 0.0: no "-0.0"


def song_counts(folder: Path, held_out: bool) -> tuple[dict, np.ndarray, np.ndarray]:
    """Per shift, each song's (correct hits, hits played); each song's real hits and windows."""
    from tqdm import tqdm

    from reagroove.core.bandset import load_band_windows
    from reagroove.core.sections import file_takes
    from reagroove.models.api import load_model
    from reagroove.models.evaluate_band import play_parts

    bw = load_band_windows(folder)
    if held_out:
        bw = bw.split_by_file(0.15)[1]
    takes = file_takes(bw.file_index, bw.bar)
    real = bw.hvo[..., :9] > 0.5
    songs = [bw.file_index == f for f in np.unique(bw.file_index)]
    base = np.asarray(load_model(None).thresholds, np.float64)
    logit = np.log(base) - np.log1p(-base)
    per = {}
    for shift in tqdm(SHIFTS, desc=folder.name, unit="shift"):
        th = 1 / (1 + np.exp(-(logit + shift)))
        played = play_parts(bw.grooves, bw.file_index, takes, bass=bw.bass, bpm=bw.bpm,
                            threshold=[float(t) for t in th])[..., :9] > 0.5
        per[float(shift)] = (np.array([(played & real)[s].sum() for s in songs]),
                             np.array([played[s].sum() for s in songs]))
    return per, np.array([real[s].sum() for s in songs]), np.array([s.sum() for s in songs])


def report(name: str, per: dict, true: np.ndarray, windows: np.ndarray) -> None:
    shifts = list(per)

    def f1(choice) -> tuple[float, float]:  # choice: one shift index per song
        tp = sum(per[shifts[k]][0][i] for i, k in enumerate(choice))
        played = sum(per[shifts[k]][1][i] for i, k in enumerate(choice))
        return 2 * tp / (played + true.sum()), played / true.sum()

    n = len(true)
    print(f"{name}: {n} songs, {windows.sum()} windows")
    for k, shift in enumerate(shifts):
        print(f"  threshold logit {shift:+.1f}   F1 {f1([k] * n)[0]:.4f}  hit ratio {f1([k] * n)[1]:.3f}"
              + ("   (shipped)" if shift == 0 else ""))
    nearest = [int(np.argmin([abs(per[s][1][i] - true[i]) for s in shifts])) for i in range(n)]
    best = [int(np.argmax([2 * per[s][0][i] / (per[s][1][i] + true[i]) for s in shifts])) for i in range(n)]
    print("  oracle count (each song at its drummer's hit count)  F1 %.4f  hit ratio %.3f" % f1(nearest))
    print("  oracle F1 (each song at its own best shift)          F1 %.4f  hit ratio %.3f" % f1(best))
    net = per[0.0][1] / windows
    print(f"  hits a window: drummers {np.mean(true / windows):.1f}, network {np.mean(net):.1f}; "
          f"correlation over songs {np.corrcoef(net, true / windows)[0, 1]:.2f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--band", type=Path, action="append", required=True,
                   help="a folder of multi-track songs (freedoom-midi: its held-out files only)")
    args = p.parse_args()
    if any(f.resolve().name == "openmsx-midi" for f in args.band):
        p.error("openmsx-midi is for the report only (reagroove evaluate); choose with validation songs")
    for folder in args.band:
        held_out = folder.resolve().name == "freedoom-midi"
        report(folder.name + (" (held-out files)" if held_out else ""), *song_counts(folder, held_out))


if __name__ == "__main__":
    main()
