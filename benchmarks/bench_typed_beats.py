"""Typed drum beats, measured: the drum-part network on GMD validation loops played from their own grooves and
from the same grooves as a beat typed into a DAW plays (every onset at one velocity, on the grid).

The groove is all the drum-part network reads of a drum part; a typed beat's has no accents or timing to tell
where the kick and snare were. Per input: hit F1 and hit ratio against the loops, velocity and offset MAE on
correct hits (meaningless for the typed rows: their targets are the drummers'), and the share of beats 1 and 3
with a kick (the drummers': 0.65). Stop 58, shipped network: own grooves 0.641; typed at 0.6 / 0.79 (velocity
100) / 1.0: 0.361 / 0.444 / 0.494 (models/README, "Tried in stop 58"); trained with
`--programmed-prob 0.3`: 0.632 and 0.544 / 0.547 / 0.542, not shipped.

    REAGROOVE_GMD=../shared/data/groove-midi python benchmarks/bench_typed_beats.py [--weights W]
"""

from __future__ import annotations

import argparse


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--weights", help="a drum-part weights file (default: the shipped drum-part network)")
    ap.add_argument("--gmd", help="the Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    args = ap.parse_args(argv)

    import numpy as np

    from reagroove.core.dataset import load_dataset
    from reagroove.core.sections import file_takes
    from reagroove.models import metrics
    from reagroove.models.evaluate_band import play_parts

    ds = load_dataset(args.gmd).subset("validation")  # (None: $REAGROOVE_GMD)
    ds = ds.select(ds.grooves[..., 0].sum(-1) >= 4)
    takes = file_takes(ds.file_index, ds.bar)
    ones = [0, 8, 16, 24]  # beats 1 and 3 of both bars
    print(f"{len(ds)} GMD validation windows; the drummers' kick on beats 1 and 3: "
          f"{(ds.hvo[:, ones, 0] > 0).mean():.2f}")
    for label, level in (("own grooves", None), ("typed, velocity 0.6", 0.6), ("typed, velocity 0.79 (100)", 100 / 127),
                         ("typed, velocity 1.0", 1.0)):
        g = ds.grooves.copy()
        if level is not None:
            hit = g[..., 0] > 0
            g[..., 1] = np.where(hit, level, 0.0)
            g[..., 2] = 0.0
        pred = play_parts(g, ds.file_index, takes, drum_part=True, weights=args.weights, bpm=ds.bpm)
        s = metrics.micro_scores(pred, ds.hvo)
        print(f"{label:28s} F1 {s['f1']:.3f}  ratio {s['hit_ratio']:.2f}  velocity MAE {s['vel_mae']:.3f}  "
              f"offset MAE {s['off_mae']:.3f}  kick on 1 and 3 {(pred[:, ones, 0] > 0).mean():.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
