"""Building the Groove MIDI Dataset window cache from scratch: wall time and window counts.

Run: python benchmarks/bench_dataset.py [--gmd FOLDER] [--workers N]
(the dataset folder defaults to $REAGROOVE_GMD). Builds into a temporary cache folder.
"""

import argparse
import tempfile
import time

from reagroove.core.dataset import SPLITS, build_dataset


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gmd")
    ap.add_argument("--workers", type=int)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        ds, _, _ = build_dataset(args.gmd, cache, force=True, progress=False, workers=args.workers)
        built = time.perf_counter() - t0
        t0 = time.perf_counter()
        build_dataset(args.gmd, cache, progress=False)
        loaded = time.perf_counter() - t0
    counts = ds.counts()
    hits = ds.hvo[:, :, :9].sum((1, 2))
    print(f"build from scratch: {built:.1f} s ({len(ds)} windows); load from cache: {loaded:.2f} s")
    for i, s in enumerate(SPLITS):
        print(f"  {s:<10} {counts[s]['total']:>6} windows, {int(((ds.split == i) & (hits >= 4)).sum()):>6} with >= 4 hits")


if __name__ == "__main__":
    main()
