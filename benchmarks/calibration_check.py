"""How well a calibration procedure carries to songs it did not see: a nested k-fold check.

    python benchmarks/calibration_check.py --band ../shared/data/freedoom-midi [--folds 4]
        [--voice-thresholds 0] [--take-floor 0.6] [--band-weight 1.0]

The band network is calibrated on its held-out (validation) songs, 16 of them,
so the figures on those songs are in-sample. Here the whole calibration
(models/train.py Trainer.calibrate, with the options given, as `reagroove
train --calibrate` runs it) is redone on all but one fold of those songs, and
the fold left out is played as `reagroove evaluate` plays songs
(evaluate_band.play_parts: one take per song, at its swing). Prints each
fold's F1 on its calibration songs and on the songs left out, and the pooled
F1 over every song left out once: the figure to compare procedures by.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--band", required=True, help="the band songs the network trained on (their held-out files are used)")
    p.add_argument("--gmd", help="Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    p.add_argument("--weights", help="trained weights to calibrate (default: the shipped band network)")
    p.add_argument("--band-val", help="the held-out song list the weights were trained with (default: the hash split)")
    p.add_argument("--band-extra", action="append", help="the training-only band folders the weights were trained with")
    p.add_argument("--band-val-extra", action="append", help="validation-only band folders to calibrate on as well")
    p.add_argument("--folds", type=int, default=4)
    p.add_argument("--band-weight", type=float, default=1.0)
    p.add_argument("--voice-thresholds", type=float, default=1.0)
    p.add_argument("--take-floor", type=float, default=0.0)
    p.add_argument("--genre-ceiling", type=float, default=1.0)
    args = p.parse_args(argv)
    from tqdm import tqdm

    from reagroove.core.sections import file_takes
    from reagroove.models import metrics
    from reagroove.models.batches import TrainData
    from reagroove.models.evaluate_band import play_parts
    from reagroove.models.train import CALIBRATION_SETTINGS, calibration_trainer
    from reagroove.models.weights import DEFAULT_WEIGHTS

    path = args.weights or DEFAULT_WEIGHTS
    settings = {k: getattr(args, k) for k in CALIBRATION_SETTINGS}
    data = TrainData.from_args(args)
    songs = data.band_val
    files = np.unique(songs.file_index)
    counts = np.zeros(3, np.int64)  # true positives, predicted and real hits over the songs left out
    folder_of = np.array([Path(f).parent.name for f in songs.files])[songs.file_index]
    by_folder = {name: np.zeros(3, np.int64) for name in np.unique(folder_of)}

    def score(weights, mask):
        """F1 and hit counts of the windows in mask, and the counts of each folder's among them (one prediction)."""
        part = songs.select(mask)
        pred = play_parts(part.grooves, part.file_index, file_takes(part.file_index, part.bar), bass=part.bass,
                          weights=weights)[..., :9]
        c = np.array(metrics.hit_counts(pred, part.hvo[..., :9]))
        folders = folder_of[mask]
        each = {name: np.array(metrics.hit_counts(pred[folders == name], part.hvo[folders == name, :, :9]))
                for name in np.unique(folders)}
        return float(metrics.f1_from(*c)[2]), c, each

    with tempfile.TemporaryDirectory() as tmp:
        for k in tqdm(range(args.folds), desc="folds", unit="fold"):
            left_out = np.isin(songs.file_index, files[np.arange(len(files)) % args.folds == k])
            data.band_val = songs.select(~left_out)
            trainer, _ = calibration_trainer(path, data, **settings)
            trainer.calibrate()
            weights = trainer.save(f"{tmp}/fold{k}", "calibration_check")
            f1_in = score(weights, ~left_out)[0]
            f1_out, c, each = score(weights, left_out)
            counts += c
            for name, folder_counts in each.items():
                by_folder[name] += folder_counts
            tqdm.write(f"fold {k + 1}/{args.folds}: {int((~left_out).sum())} calibration windows F1 {f1_in:.4f}; "
                       f"{int(left_out.sum())} windows left out F1 {f1_out:.4f}")
    print(f"pooled F1 on the songs left out: {float(metrics.f1_from(*counts)[2]):.4f} (hit ratio {counts[1] / counts[2]:.2f}); "
          f"options: voice thresholds {args.voice_thresholds}, take floor {args.take_floor}, band weight {args.band_weight}")
    if len(by_folder) > 1:
        for name, c in by_folder.items():
            print(f"  {name}: pooled F1 {float(metrics.f1_from(*c)[2]):.4f} (hit ratio {c[1] / c[2]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
