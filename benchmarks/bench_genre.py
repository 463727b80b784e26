"""Does asking for a genre move the drums toward that genre's drummers? The shipped model, public API.

    python benchmarks/bench_genre.py [--gmd FOLDER] [--band FOLDER] [--windows 400] [--songs-windows 400]

For each of the 9 genres (core/genres.py) the grooves are drummed twice with
`reagroove.models.drumify_batch`: with no genre, and with `genre={g: 1.0}`, by
the band network and by the drum-part network (`drum_part=True`), on
(a) GMD validation windows' grooves (beats with 4+ groove hits, `--windows`
sampled, seed 0) and (b) the held-out freedoom songs' band parts (the 15% of
files `split_by_file(0.15)` holds out, as bench_controls.py uses them; their
bass groove given; `--songs-windows` sampled). Never openmsx (evaluation only).

The measures, all against GMD TRAIN beats (fills left out) of each genre:
- cls: the share of loops a nearest-centroid classifier assigns to the genre.
  A loop's features are its per-voice per-step hit frequency over its two bars
  (16 x 9, each 0, 0.5 or 1) and its hits per bar per voice / 16; a genre's
  centroid is the mean over its train loops; nearest = Euclidean. With no
  genre asked the share is whatever the grooves suggest; "asked" minus "none"
  is the move, in points. The real drummers' own validation loops are
  classified too (printed first), which says how well such a simple
  classifier can tell the genres apart at all.
  'drummers' is that share on each genre's own validation loops, 'mostly' the
  genre the asked loops are most often called. The classifier is weak where
  drummers split between hats and ride (rock, latin, pop: a centroid is the
  mean of hat loops and ride loops, which no single loop is), so read dist and
  the hit counts beside it.
- dist: mean Euclidean distance of the loops' features to the genre's centroid
  (lower = nearer), none -> asked.
- hits per bar per group (kick, snare, hats = closed + open, ride, toms = 3
  toms): none -> asked, beside the genre's GMD train drummers' figure.
A genre "moves toward" when its cls share rises and its distance falls.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from reagroove.core.genres import GENRES

GROUPS = {"kick": [0], "snare": [1], "hats": [2, 3], "ride": [8], "toms": [4, 5, 6]}
DEFAULT_GMD = "/work/shared/data/groove-midi"


def features(loops) -> np.ndarray:
    """(N, 153): per-voice per-step hit frequency over a loop's 2 bars (16 x 9), then hits per bar per voice / 16."""
    h = (np.asarray(loops)[..., :9] > 0.5).astype(np.float32)
    steps = h.reshape(len(h), 2, 16, 9).mean(1)
    return np.concatenate([steps.reshape(len(h), -1), steps.sum(1) / 16], 1)


def hits_per_bar(loops) -> dict[str, float]:
    h = np.asarray(loops)[..., :9] > 0.5
    return {k: float(h[..., v].sum() / (2 * max(len(h), 1))) for k, v in GROUPS.items()}


class Centroids:
    """Nearest-centroid genre classifier over `features`, one centroid per genre of GENRES."""

    def __init__(self, loops, genre_index):
        f, gi = features(loops), np.asarray(genre_index)
        missing = [GENRES[i] for i in range(len(GENRES)) if not (gi == i).any()]
        if missing:
            raise ValueError(f"no training loops for {', '.join(missing)}")
        self.centroids = np.stack([f[gi == i].mean(0) for i in range(len(GENRES))])
        self.drummers = [hits_per_bar(np.asarray(loops)[gi == i]) for i in range(len(GENRES))]

    def distances(self, loops) -> np.ndarray:
        """(N, genres) Euclidean distances of each loop's features to each genre's centroid."""
        f = features(loops)
        return np.sqrt(((f[:, None, :] - self.centroids[None]) ** 2).sum(-1))

    def classify(self, loops) -> np.ndarray:
        return self.distances(loops).argmin(1)


def genre_table(grooves, clf: Centroids, *, bass=None, drum_part=False, drumify=None, progress=True) -> list[dict]:
    """One row per genre: cls share, centroid distance and hits per bar per group, none vs asked, for loops
    drummed from `grooves` (N, 32, 3) by `drumify` (default: reagroove.models.drumify_batch)."""
    if drumify is None:
        from reagroove.models import drumify_batch as drumify
    from tqdm import tqdm

    kw = {"drum_part": drum_part} if bass is None else {"drum_part": drum_part, "bass": bass}
    plain = drumify(grooves, **kw)
    d0, c0 = clf.distances(plain), clf.classify(plain)
    rows = []
    for i, g in enumerate(tqdm(GENRES, desc="drum-part network" if drum_part else "band network",
                               disable=not progress, leave=False)):
        asked = drumify(grooves, genre={g: 1.0}, **kw)
        d1, c1 = clf.distances(asked), clf.classify(asked)
        rows.append({"genre": g, "cls_none": float((c0 == i).mean()), "cls_asked": float((c1 == i).mean()),
                     "dist_none": float(d0[:, i].mean()), "dist_asked": float(d1[:, i].mean()),
                     "hits_none": hits_per_bar(plain), "hits_asked": hits_per_bar(asked),
                     "hits_gmd": clf.drummers[i], "called": GENRES[np.bincount(c1, minlength=len(GENRES)).argmax()]})
    return rows


def summary(rows: list[dict]) -> str:
    moved = [r for r in rows if r["cls_asked"] > r["cls_none"] and r["dist_asked"] < r["dist_none"]]
    away = [r["genre"] for r in rows if r["cls_asked"] < r["cls_none"] and r["dist_asked"] > r["dist_none"]]
    pts = np.median([100 * (r["cls_asked"] - r["cls_none"]) for r in rows])
    return (f"genre asked moves drums toward it in {len(moved)} of {len(rows)} genres, median {pts:+.1f} points of "
            f"classification" + (f"; away from it: {', '.join(away)}" if away else ""))


def print_table(rows: list[dict], real: dict[str, float] | None = None) -> None:
    """real: the classifier's share right on each genre's own validation drummers (its ceiling, roughly)."""
    real = real or {}
    print(f"{'genre':8} {'cls none->asked':>17} {'drummers':>8} {'mostly':>7} {'dist none->asked':>17}   "
          "hits/bar none->asked (GMD drummers)")
    for r in rows:
        own = f"{100 * real[r['genre']]:7.0f}%" if r["genre"] in real else f"{'-':>8}"
        hits = "  ".join(f"{k} {r['hits_none'][k]:.1f}->{r['hits_asked'][k]:.1f} ({r['hits_gmd'][k]:.1f})" for k in GROUPS)
        print(f"{r['genre']:8} {100 * r['cls_none']:6.1f}%->{100 * r['cls_asked']:5.1f}%  {own} {r['called']:>7} "
              f"{r['dist_none']:7.3f}->{r['dist_asked']:6.3f}   {hits}")
    print(summary(rows))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gmd", help=f"Groove MIDI Dataset folder (default: $REAGROOVE_GMD, else {DEFAULT_GMD})")
    p.add_argument("--band", default="/work/shared/data/freedoom-midi", help="freedoom band songs ('' to skip)")
    p.add_argument("--windows", type=int, default=400, help="GMD validation windows sampled")
    p.add_argument("--songs-windows", type=int, default=400, help="held-out song windows sampled")
    args = p.parse_args(argv)
    if args.band and "openmsx" in args.band:
        p.error("openmsx is for evaluation only: measure genre on freedoom's held-out songs")
    from reagroove.core.dataset import load_dataset
    from reagroove.core.errors import ReaGrooveError
    from reagroove.models.api import one_thread

    one_thread()  # the product's setting; the machine's cores are shared
    t0 = time.perf_counter()
    try:
        ds = load_dataset(args.gmd or os.environ.get("REAGROOVE_GMD") or DEFAULT_GMD)
    except ReaGrooveError as e:
        p.exit(2, f"bench_genre: {e}\n")
    train = ds.subset("train").select(~ds.subset("train").is_fill)
    clf = Centroids(train.hvo, train.genre)
    val = ds.subset("validation")
    val = val.select(~val.is_fill & (val.grooves[..., 0].sum(-1) >= 4))
    called = clf.classify(val.hvo)
    real = {g: float((called[val.genre == i] == i).mean()) for i, g in enumerate(GENRES) if (val.genre == i).any()}
    print(f"classifier on {len(val)} GMD validation drummers' own loops (beats): {(called == val.genre).mean():.1%} "
          "right ('drummers' below; GMD validation has no disco or reggae)")
    val = val.select(np.random.default_rng(0).permutation(len(val))[: args.windows])
    sets = [(f"{len(val)} GMD validation windows", val.grooves, None)]
    if args.band:
        from reagroove.core.bandset import load_band_windows

        try:
            held = load_band_windows(args.band).split_by_file(0.15)[1]
        except ReaGrooveError as e:
            p.exit(2, f"bench_genre: {e}\n")
        held = held.select(np.random.default_rng(0).permutation(len(held))[: args.songs_windows])
        sets.append((f"{len(held)} windows of {len(np.unique(held.file_index))} held-out freedoom songs",
                     held.grooves, held.bass))
    for name, grooves, bass in sets:
        for drum_part in (False, True):
            print(f"\n{name}, {'drum-part' if drum_part else 'band'} network:")
            print_table(genre_table(grooves, clf, bass=bass, drum_part=drum_part), real)
    print(f"\n{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
