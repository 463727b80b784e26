"""What the latent and the controls do to the shipped model, on GMD validation windows.

    python benchmarks/bench_controls.py [--gmd FOLDER] [--windows 400] [--band FOLDER]

Prints, for the band network and the drum-part network: loops decoded from their own drum loop's latent point vs another loop's
(hit F1 against the real loop), the share of a loop's hits that change with a
z from another pattern, pairwise differences of `--variations 4` at default
settings, seed 1 vs seed 2 at default settings, hit counts over the density
slider, how playable the output is (metrics.musicality), and what the density
rules guard at low and high density (`density_musicality`). With --band (a
training set of band songs, e.g. ../shared/data/freedoom-midi): `--variations 4`
of each song training held out, as `reagroove drumify` writes them.
"""

from __future__ import annotations

import argparse

import numpy as np


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gmd", help="Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    p.add_argument("--windows", type=int, default=400)
    p.add_argument("--band", help="band songs: variations of the held-out songs (e.g. ../shared/data/freedoom-midi)")
    args = p.parse_args(argv)
    from reagroove.core.dataset import load_dataset
    from reagroove.models.drummer import default_engine

    ds = load_dataset(args.gmd).subset("validation")
    ds = ds.select(ds.grooves[..., 0].sum(-1) >= 4)
    ds = ds.select(np.random.default_rng(0).permutation(len(ds))[: args.windows])
    g, true = ds.grooves, ds.hvo
    print(f"{len(g)} GMD validation windows")
    engine = default_engine(patterns_path=None)
    for drum_part in (False, True):
        print("\n" + ("drum-part network (drum takes, channel 10)" if drum_part else "band network (band parts)"))
        controls(g, true, engine, drum_part)
    if args.band:
        song_variations(args.band, engine)
    return 0


def song_variations(folder, engine) -> None:
    """`--variations 4` of every held-out song of a band set: how much versions differ, how they play."""
    from reagroove.core import read_midi
    from reagroove.core.bandset import load_band_windows
    from reagroove.core.settings import Settings
    from reagroove.models import metrics

    held = load_band_windows(folder).split_by_file(0.15)[1]
    versions, diffs = [], []
    for f in np.unique(held.file_index):
        v = engine.variations_of(engine.drumify(read_midi(held.files[f]), Settings()), Settings(), 4)
        h = v[..., :9] > 0
        diffs += [(h[i] ^ h[j]).sum() / max(h[i].sum(), h[j].sum(), 1) for i in range(4) for j in range(i + 1, 4)]
        versions.append(v.reshape(-1, 32, 27))
    print(f"\n{len(versions)} held-out songs, --variations 4 each: pairwise differ by {min(diffs):.1%} (least), "
          f"{np.median(diffs):.1%} (median) of hits; musicality {fmt(metrics.musicality(np.concatenate(versions)))}")


def controls(g, true, engine, drum_part: bool) -> None:
    """The figures for one network: the latent, variations, seeds, density, musicality."""
    from reagroove.core.settings import Settings
    from reagroove.models import drumify_batch, encode, metrics

    kw = {"drum_part": drum_part}
    z = encode(g, loops=true, **kw)
    own, other = drumify_batch(g, z=z, **kw), drumify_batch(g, z=np.roll(z, 7, axis=0), **kw)
    base = drumify_batch(g, z=encode(g, **kw), **kw)[..., :9] > 0  # the groove's own latent point, decoded the same way
    moved = other[..., :9] > 0
    print(f"latent: F1 with its own loop's z {metrics.micro_scores(own, true)['f1']:.3f}, with another loop's z "
          f"{metrics.micro_scores(other, true)['f1']:.3f}, from the groove alone "
          f"{metrics.micro_scores(drumify_batch(g, **kw), true)['f1']:.3f}")
    changed = (base ^ moved).sum((1, 2)) / np.maximum(base.sum((1, 2)), 1)
    print(f"z from another pattern changes {changed.mean():.1%} of a loop's hits on average")
    v = engine.drumify_variations(g[:64], Settings(), 4, **kw)[..., :9] > 0
    diffs = [(v[i] ^ v[j]).sum() / max(v[i].sum(), v[j].sum()) for i in range(4) for j in range(i + 1, 4)]
    print(f"variations (4, default settings): pairwise differ by {min(diffs):.1%}-{max(diffs):.1%} of hits; "
          f"musicality {fmt(metrics.musicality(v.reshape(-1, 32, 9)))}")
    a = engine.drumify_grooves(g, Settings(seed=1), **kw).loops[..., :9] > 0
    b = engine.drumify_grooves(g, Settings(seed=2), **kw).loops[..., :9] > 0
    print(f"--seed 1 vs --seed 2 (default temperature): {(a != b).any((1, 2)).mean():.0%} of loops differ, "
          f"{((a ^ b).sum() / max(a.sum(), 1)):.1%} of hits")
    default = engine.drumify_grooves(g, Settings(), **kw).loops[..., :9].sum() / len(g)
    counts = [engine.drumify_grooves(g, Settings(density=d), **kw).loops[..., :9].sum() / len(g)
              for d in np.linspace(0, 1, 5)]
    print(f"hits per loop: default {default:.1f}; density 0, 0.25, 0.5, 0.75, 1: "
          + ", ".join(f"{c:.1f}" for c in counts) + f" ({counts[0] / default:.2f}x to {counts[-1] / default:.2f}x the default)")
    print(f"musicality at defaults: {fmt(metrics.musicality(engine.drumify_grooves(g, Settings(), **kw).loops))}")
    for d in (0.15, 0.25, 0.8, 1.0):
        print(f"density {d}: {fmt(density_musicality(engine.drumify_grooves(g, Settings(density=d), **kw).loops))}")


def density_musicality(loops) -> dict:
    """Per bar, what the density rules guard (core/limbs.py): snares on beats 2, 3 and 4 at once; bars of
    8+ kicks; a time-keeper (hats or ride) on 3 of the 4 beats; and in bars with 3+ snares off the
    backbeat, their median velocity over the backbeat's (ghost notes: well under 1)."""
    from reagroove.core.limbs import BACKBEAT as beat
    from reagroove.models import metrics

    bars = np.asarray(loops).reshape(-1, 16, 27)
    hit = bars[..., :9] > 0.5
    snare, vel = hit[..., 1], bars[..., 10]
    keeper = hit[..., 2] | hit[..., 3] | hit[..., 8]
    busy = (snare & ~beat).sum(1) >= 3
    back = np.where(snare & beat, vel, 0).max(1)
    ratio = [np.median(vel[i][snare[i] & ~beat]) / back[i] for i in np.nonzero(busy & (back > 0))[0]]
    return {"snare_2_3_4": float((snare[:, 4] & snare[:, 8] & snare[:, 12]).mean()),
            "busy_kick": metrics.musicality(loops)["busy_kick"],
            "pulse_3_of_4": float((keeper[:, ::4].sum(1) == 3).mean()),
            "ghost_ratio": float(np.median(ratio)) if ratio else float("nan")}


def fmt(m: dict) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in m.items())


if __name__ == "__main__":
    raise SystemExit(main())
