"""The default patterns: one prototype drum loop per genre, taken from the training data.

    python -m reagroove.models.prototypes [--gmd FOLDER] [--out models/weights/prototypes.json]

A prototype is the medoid of a genre's beats in the train split (those of
middling density): the real 2-bar loop with the smallest total distance (hits
that differ) to the genre's other beats, so it is what a drummer of that genre most typically played, not a
blurred average. Its groove is what the engine encodes for the A/B triangle;
the loop is kept too, so the pattern remembers the drums themselves.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from reagroove.core.dataset import load_dataset, resolve_gmd_path
from reagroove.core.errors import ReaGrooveError
from reagroove.core.files import atomic_write_text
from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES
from reagroove.core.patterns import Pattern

from .drummer import PROTOTYPES

MAX_CANDIDATES = 1500  # per genre: the medoid of a seeded sample (the full pairwise matrix of rock is 5.7k^2)


def medoid(hits: np.ndarray) -> int:
    """Index of the row of hits (n, 32, 9) with the smallest summed Hamming distance to the others."""
    flat = hits.reshape(len(hits), -1).astype(np.float32)
    # |a - b| summed = |a| + |b| - 2 a.b for 0/1 vectors
    ones = flat.sum(1)
    dist = ones[:, None] + ones[None, :] - 2.0 * flat @ flat.T
    return int(np.argmin(dist.sum(1)))


def genre_prototypes_from(ds, seed: int = 0) -> dict[str, Pattern]:
    """One Pattern per genre (named after it) from the dataset's train-split beats."""
    train = ds.subset("train")
    rng = np.random.default_rng(seed)
    out = {}
    for gi, genre in enumerate(GENRES):
        rows = np.flatnonzero((train.genre == gi) & ~train.is_fill & (train.grooves[..., 0].sum(-1) >= 8))
        if len(rows) == 0:
            continue
        # Hamming medoids favour sparse loops (close to everything): keep the genre's middling densities
        n_hits = (train.hvo[rows, :, :N_VOICES] > 0.5).sum((1, 2))
        lo, hi = np.percentile(n_hits, [35, 65])
        rows = rows[(n_hits >= lo) & (n_hits <= hi)]
        if len(rows) > MAX_CANDIDATES:
            rows = np.sort(rng.choice(rows, MAX_CANDIDATES, replace=False))
        i = int(rows[medoid(train.hvo[rows, :, :N_VOICES] > 0.5)])
        source = f"GMD train split: {train.files[train.file_index[i]]}, bar {int(train.bar[i])}"
        out[genre] = Pattern(genre, train.grooves[i], train.hvo[i], source)
    return out


def write_prototypes(patterns: dict[str, Pattern], path: Path) -> None:
    doc = {"format": "reagroove-patterns", "version": 1,
           "about": "one prototype beat per genre (medoid of the GMD train split's beats); "
                    "Groove MIDI Dataset, CC BY 4.0",
           "patterns": [p.to_dict() for p in patterns.values()]}
    atomic_write_text(path, json.dumps(doc, separators=(",", ":")) + "\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m reagroove.models.prototypes", description=__doc__.splitlines()[0])
    p.add_argument("--gmd", metavar="FOLDER", help="the Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    p.add_argument("--out", default=str(PROTOTYPES), help="where to write the patterns (default: the shipped file)")
    args = p.parse_args(argv)
    try:
        patterns = genre_prototypes_from(load_dataset(resolve_gmd_path(args.gmd)))
        write_prototypes(patterns, Path(args.out))
    except ReaGrooveError as exc:
        print(f"prototypes: error: {exc}", file=sys.stderr)
        return 2
    for name, pat in patterns.items():
        print(f"{name:7s} {int(pat.groove[:, 0].sum()):2d} groove hits  {pat.source}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
