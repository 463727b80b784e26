"""Does how loud a part is written change the band network's drums? On the held-out band songs.

    python benchmarks/bench_loudness.py --band ../shared/data/freedoom-midi [--weights W]
        [--band-val models/freedoom_composer_split.txt]

Each held-out song is played as `reagroove evaluate` plays songs (one take per
2-bar phase, at its swing) with its input velocities moved (each song's mean,
its spread kept, clipped to 0.05..1):

- to velocity 64 and to 100 (a soft player, a DAW's default): the share of
  hits that differ between the two, and kicks per bar at each;
- at the songs' own levels and at a random level per song (0.45-0.95, seeded):
  hit F1 against the songs' own drums, and the hit ratio.
"""

from __future__ import annotations

import argparse

import numpy as np


def at_levels(grooves, bass, songs, level_of) -> tuple[np.ndarray, np.ndarray]:
    """grooves and bass grooves (N, 32, 3) with each song's hits moved to the mean velocity level_of(song)."""
    g, b = grooves.copy(), bass.copy()
    for song in np.unique(songs):
        rows = songs == song
        hits = g[rows][..., 0] > 0
        if not hits.any():
            continue
        shift = level_of(song) - g[rows][..., 1][hits].mean()
        for arr in (g, b):
            x = arr[rows]
            x[..., 1] = np.where(x[..., 0] > 0, np.clip(x[..., 1] + shift, 0.05, 1.0), 0.0)
            arr[rows] = x
    return g, b


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--band", required=True, help="the band songs the network trained on (their held-out files are played)")
    p.add_argument("--weights", help="band network weights (default: the shipped one)")
    p.add_argument("--band-val", help="the held-out song list the weights were trained with (default: the hash split)")
    args = p.parse_args(argv)
    from reagroove.core.bandset import load_band_windows, read_song_list
    from reagroove.core.sections import file_takes
    from reagroove.models import metrics
    from reagroove.models.evaluate_band import play_parts

    bw = load_band_windows(args.band)
    held = (bw.split_by_names(read_song_list(args.band_val)) if args.band_val else bw.split_by_file(0.15))[1]
    takes = file_takes(held.file_index, held.bar)

    def play(level_of):
        g, b = at_levels(held.grooves, held.bass, held.file_index, level_of)
        return play_parts(g, held.file_index, takes, bass=b, weights=args.weights)

    soft, loud = (play(lambda _, v=v: v / 127)[..., :9] > 0 for v in (64, 100))
    changed = (soft != loud).sum() / max(soft.sum(), loud.sum())
    bars = 2 * len(held)
    print(f"{len(np.unique(held.file_index))} held-out songs, {len(held)} windows")
    print(f"input at velocity 64 vs 100: {changed:.1%} of hits differ; kicks per bar "
          f"{soft[..., 0].sum() / bars:.2f} vs {loud[..., 0].sum() / bars:.2f}")
    rng = np.random.default_rng(0)
    random_level = {song: rng.uniform(0.45, 0.95) for song in np.unique(held.file_index)}
    for name, pred in (("own levels", play_parts(held.grooves, held.file_index, takes, bass=held.bass, weights=args.weights)),
                       ("a random level per song (0.45-0.95)", play(random_level.__getitem__))):
        tp, n_pred, n_true = metrics.hit_counts(pred[..., :9], held.hvo[..., :9])
        print(f"songs at {name}: hit F1 {float(metrics.f1_from(tp, n_pred, n_true)[2]):.4f}, hit ratio {n_pred / n_true:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
