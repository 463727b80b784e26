"""How smoothly the latent pad moves the drums away from the part's own (issue 10: the pad steers).

    python benchmarks/bench_pad_follow.py [--patterns rock,funk]

For the 14 band parts of bench_seeds.py (built here with mido) and the 3
example files (core/examples), each drumified with the shipped model
(`default_engine`) with `--pattern-a P` at follow 1, 0.95, 0.9 and 0.5, it
prints per pattern the mean over the parts of the share of hits that change
(`takes.hit_change`) and of the velocity change on the hits both keep, for
follow 1 -> 0.95 (a hair off the part's own point), 0.95 -> 0.9 (any other
step of the pad) and 1 -> 0.5 (how far the pattern is heard at the default
follow once a pattern is named). A pad without a jump has 1 -> 0.95 about
as small as 0.95 -> 0.9.

Then `reagroove interpolate` between each part and the next (patterns from
the files, 4 steps): the share of hits the path's first and last loops differ
from the drums drumify plays for the two parts' first windows (the crash left
out), mean and worst over the pairs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_seeds import EXAMPLES, band_parts  # noqa: E402

FOLLOWS = (1.0, 0.95, 0.9, 0.5)
STEPS = ((1.0, 0.95), (0.95, 0.9), (1.0, 0.5))


def velocity_change(a: np.ndarray, b: np.ndarray) -> float:
    both = (a[..., :9] > 0.5) & (b[..., :9] > 0.5)
    return float(np.abs(a[..., 9:18] - b[..., 9:18])[both].mean()) if both.any() else 0.0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--patterns", default="rock,funk", help="genre patterns to lean toward (default rock,funk)")
    args = p.parse_args(argv)
    from tqdm import tqdm

    from reagroove.core import read_midi
    from reagroove.core.patterns import pattern_from_file
    from reagroove.core.settings import Settings
    from reagroove.core.takes import hit_change
    from reagroove.models.drummer import default_engine

    engine = default_engine(patterns_path=None)
    with tempfile.TemporaryDirectory() as tmp:
        parts = band_parts(Path(tmp)) + [(f.stem, f) for f in sorted(EXAMPLES.glob("*.mid"))]
        contents = [read_midi(path) for _, path in parts]
        ends = [pattern_from_file(path) for _, path in parts]
    print(f"{len(contents)} band parts; mean over them: hits changed / velocity change on kept hits")
    for pattern in args.patterns.split(","):
        rows = []
        for content in tqdm(contents, desc=pattern, leave=False):
            loops = {f: engine.drumify(content, Settings(pattern_a=pattern, follow=f)).loops for f in FOLLOWS}
            rows.append([v for a, b in STEPS for v in (hit_change(loops[a][..., :9] > 0.5, loops[b][..., :9] > 0.5),
                                                       velocity_change(loops[a], loops[b]))])
        m = np.mean(rows, 0)
        print(f"--pattern-a {pattern}: " + ", ".join(f"follow {a:g} -> {b:g} {m[2 * i]:.1%} / {m[2 * i + 1]:.3f}"
                                                       for i, (a, b) in enumerate(STEPS)))
    # a path is 2 bars of 4/4 (a 6/8 part's loops are laid on its own bars by drumify, not by interpolate)
    four = [i for i, c in enumerate(contents) if all(sig[1:] == (4, 4) for sig in c.time_signatures)]
    own = {i: engine.drumify(contents[i], Settings(opening_crash=False)).loops[0, :, :8] > 0.5 for i in four}
    away = []
    for i, j in zip(four, four[1:]):
        path = engine.interpolate(ends[i], ends[j], 4, Settings())[..., :8] > 0.5
        away.append((hit_change(path[0], own[i]), hit_change(path[-1], own[j]), f"{parts[i][0]} -> {parts[j][0]}"))
    start, end = (np.array([a[k] for a in away]) for k in (0, 1))
    worst = max(away, key=lambda a: max(a[:2]))
    print(f"interpolate part -> next 4/4 part ({len(away)} paths): first loop {start.mean():.1%}, last loop "
          f"{end.mean():.1%} of hits from drumify's drums (worst {max(worst[:2]):.1%}: {worst[2]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
