"""`reagroove evaluate`: score the drum generator on the GMD test split and write a report.

The test split's 2-bar windows (4/4, 1-bar hop) with at least 4 groove hits.
Each system turns every window's groove into a loop, scored against the real
loop:

- hit precision, recall, F1: micro (all cells), and the mean per-window F1 with
  a bootstrap 95% confidence interval over files (windows of one file resampled together);
- per-voice F1; velocity and offset MAE on correctly predicted hits; predicted/true hit ratio;
- voices used per window (generated vs real); beats vs fills; per genre;
- overlap of feature distributions between generated and real loops (area
  shared by the two normalised histograms, 1 = identical): step density, voices
  used, kick/snare/hat density, mean velocity, mean |offset|, syncopation.

Systems in the same run: the model as a user gets it from grooves alone (no
genre, no fill label, temperature 0: the headline row). A test file is a drum
take on MIDI channel 10, so the engine plays it with the drum-part network
(groove.is_drum_part; a user's file says so itself, no label is used); the
band network given the same grooves is a row of its own. The model given
the window's true genre and beat/fill label (a separate, labelled row: a user
who sets them); the model given band-like parts generated from each test loop
(models/bandparts.py) instead of the loop's own groove; the model with the groove's own velocity/offset copied onto its
hits, nearest-neighbour retrieval from the train split (closest groove,
Euclidean over hit/velocity/offset), and a fixed rock beat (kick on 1 and 3,
snare on 2 and 4, 8th-note closed hats). Per-bar musicality (metrics.musicality)
for each. The model plays each test file as one part, as the engine plays a
file: the file's windows of one 2-bar phase are one take (core/tempering.one_take),
at the file's own swing (core/swing.py; the input's own grooves only, never its drums).

`--band FOLDER` (repeatable) adds the evaluation on real band songs
(models/evaluate_band.py): drums for the songs' non-drum parts against their
own drums; `--band-held-out FOLDER` scores only the files of a set used in
training that training held out for validation.

Every input is checked, and every band folder's songs read, before the GMD run;
nothing is written to --out until everything is scored (models/evaluate_out.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from reagroove.core.errors import ReaGrooveError
from reagroove.core.files import atomic_write, atomic_write_text
from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.sections import file_takes

from . import metrics

N = N_VOICES
LABELLED = "model, given true genre + fill labels"
BAND_NET = "band network, same grooves"
DRUM_TAKES_NOTE = ("The test files are drum takes on MIDI channel 10, so `model` is the drum-part network, as the "
                   "engine picks it for such a file; `band network, same grooves` is the network for band parts.")
TAKES_NOTE = ("Every model row plays each test file as one part, as the engine plays a file: the file's windows of "
              "one 2-bar phase are one take (core/tempering.one_take), at the file's own swing (core/swing.py), from the file's "
              "own grooves only.")
BAND_LIKE = "model, band-like parts in (generated)"
FEATURES = ("step density", "voices used", "kick density", "snare density", "hat density",
            "mean velocity", "mean |offset|", "syncopation")


def rock_beat() -> np.ndarray:
    loop = np.zeros((STEPS, 3 * N), np.float32)
    for bar in (0, 16):
        for s in (0, 8):
            loop[bar + s, 0] = 1
        for s in (4, 12):
            loop[bar + s, 1] = 1
    loop[::2, 2] = 1
    hits = loop[:, :N] > 0
    loop[:, N : 2 * N][hits] = 0.7
    return loop


def nearest_neighbour(train_grooves, train_hvo, grooves, batch=512) -> np.ndarray:
    a = train_grooves.reshape(len(train_grooves), -1).astype(np.float32)
    a2 = (a * a).sum(1)
    out = np.empty((len(grooves), STEPS, 3 * N), np.float32)
    for s in range(0, len(grooves), batch):
        b = grooves[s : s + batch].reshape(-1, a.shape[1])
        d = a2[None, :] - 2 * b @ a.T
        out[s : s + batch] = train_hvo[np.argmin(d, 1)]
    return out


def copy_groove_feel(loops, grooves) -> np.ndarray:
    out = loops.copy()
    h = out[..., :N]
    out[..., N : 2 * N] = h * grooves[..., 1:2]
    out[..., 2 * N :] = h * grooves[..., 2:3]
    # steps where the groove is silent: its mean velocity, offset 0
    gh = grooves[..., 0:1] > 0
    mean_vel = (grooves[..., 1].sum(-1) / np.maximum(grooves[..., 0].sum(-1), 1))[:, None, None]
    out[..., N : 2 * N] = np.where(gh, out[..., N : 2 * N], h * mean_vel)
    return out


def features(loops: np.ndarray) -> np.ndarray:
    """(N, 8) per-loop features, in FEATURES order."""
    h = loops[..., :N] > 0
    any_step = h.any(-1)
    n_hits = h.sum((1, 2))
    vel = np.where(h, loops[..., N : 2 * N], 0).sum((1, 2)) / np.maximum(n_hits, 1)
    off = np.where(h, np.abs(loops[..., 2 * N :]), 0).sum((1, 2)) / np.maximum(n_hits, 1)
    weak = (np.arange(STEPS) % 2 == 1)[None, :]
    sync = (any_step & weak).sum(1) / np.maximum(any_step.sum(1), 1)
    return np.stack([
        any_step.mean(1), h.any(1).sum(1), h[..., 0].mean(1), h[..., 1].mean(1), h[..., 2:4].any(-1).mean(1),
        vel, off, sync,
    ], 1).astype(np.float64)


def overlap(a: np.ndarray, b: np.ndarray, bins=20) -> float:
    lo, hi = min(a.min(), b.min()), max(a.max(), b.max())
    if hi <= lo:
        return 1.0
    ha, _ = np.histogram(a, bins=bins, range=(lo, hi))
    hb, _ = np.histogram(b, bins=bins, range=(lo, hi))
    return float(np.minimum(ha / ha.sum(), hb / hb.sum()).sum())


def window_f1(pred, true) -> np.ndarray:
    tp, n_pred, n_true = metrics.hit_counts(pred[..., :N], true[..., :N], axis=(1, 2))
    return metrics.f1_from(tp, n_pred, n_true)[2]


def bootstrap_ci(values, groups, n_boot=1000, seed=0) -> tuple[float, float]:
    """95% CI of the mean of values, resampling whole groups (files)."""
    rng = np.random.default_rng(seed)
    uniq, inv = np.unique(groups, return_inverse=True)
    sums = np.bincount(inv, weights=values)
    counts = np.bincount(inv)
    means = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(uniq), len(uniq))
        means.append(sums[pick].sum() / counts[pick].sum())
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def score(pred, true, ds, real_feats) -> dict:
    s = metrics.micro_scores(pred, true)
    wf1 = window_f1(pred, true)
    s["window_f1"] = float(wf1.mean())
    s["window_f1_ci"] = bootstrap_ci(wf1, ds.file_index)
    tp, n_pred, n_true = metrics.hit_counts(pred[..., :N], true[..., :N], axis=(0, 1))
    s["voice_f1"] = {v: float(x) for v, x in zip(VOICES, metrics.f1_from(tp, n_pred, n_true)[2])}
    s["voices_per_window"] = float((pred[..., :N] > 0).any(1).sum(1).mean())
    for name, m in (("beats_f1", ~ds.is_fill), ("fills_f1", ds.is_fill)):
        s[name] = metrics.micro_scores(pred[m], true[m])["f1"] if m.any() else float("nan")
    s["genre_f1"] = {g: metrics.micro_scores(pred[ds.genre == i], true[ds.genre == i])["f1"]
                     for i, g in enumerate(GENRES) if (ds.genre == i).any()}
    f = features(pred)
    s["feature_overlap"] = {name: overlap(f[:, i], real_feats[:, i]) for i, name in enumerate(FEATURES)}
    s["feature_mean"] = {name: float(f[:, i].mean()) for i, name in enumerate(FEATURES)}
    s["musicality"] = metrics.musicality(pred)
    s["offset_split"] = metrics.offset_split(pred, true)
    return s


def _plots(results: dict, real_feats, feats_by_system, split: str = "test") -> dict[str, bytes]:
    """The plots, each a PNG file's bytes by its name: drawn before any is written, so the files of a run are
    written in one go at its end (models/evaluate_out.py)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .evaluate_out import PLOTS

    voice_plot, genre_plot, features_plot = PLOTS  # (the names --out's checks know: evaluate_out.py)
    names = list(results)
    files = {}
    w = 0.8 / len(names)

    def png(fig) -> bytes:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110)
        plt.close(fig)
        return buf.getvalue()

    def grouped_bars(key: str, labels, ylabel: str, title: str, name: str) -> None:
        """One bar per system for each label of results[system][key]."""
        fig, ax = plt.subplots(figsize=(9, 3.6))
        for k, system in enumerate(names):
            ax.bar(np.arange(len(labels)) + k * w, [results[system][key][x] for x in labels], w, label=system)
        ax.set_xticks(np.arange(len(labels)) + 0.4 - w / 2, labels, rotation=20)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend(fontsize=7)
        fig.tight_layout()
        files[name] = png(fig)

    grouped_bars("voice_f1", VOICES, "hit F1", f"Per-voice hit F1, GMD {split} split", voice_plot)
    grouped_bars("genre_f1", list(results[names[0]]["genre_f1"]), "micro hit F1", f"Hit F1 per genre, GMD {split} split",
                 genre_plot)
    # feature distributions: real vs model
    fig, axes = plt.subplots(2, 4, figsize=(12, 5.5))
    model_f = feats_by_system[names[0]]
    for i, (ax, name) in enumerate(zip(axes.ravel(), FEATURES)):
        lo = min(real_feats[:, i].min(), model_f[:, i].min())
        hi = max(real_feats[:, i].max(), model_f[:, i].max())
        bins = np.linspace(lo, hi if hi > lo else lo + 1, 21)
        ax.hist(real_feats[:, i], bins=bins, alpha=0.5, density=True, label="real")
        ax.hist(model_f[:, i], bins=bins, alpha=0.5, density=True, label=names[0])
        ax.set_title(f"{name} (overlap {results[names[0]]['feature_overlap'][name]:.2f})", fontsize=9)
    axes[0, 0].legend(fontsize=7)
    fig.suptitle(f"Feature distributions: generated vs real loops (GMD {split} split)")
    fig.tight_layout()
    files[features_plot] = png(fig)
    return files


def _fmt(x, nd=3):
    return "n/a" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.{nd}f}"


def write_report(out: Path, results: dict, info: dict, plots: list[str], band: dict | None = None,
                 split: str = "test") -> Path:
    """report.md in out; `split`: the GMD split scored (--split validation had been titled the test split's)."""
    names = list(results)
    lines = [
        f"# Drum generator evaluation: GMD {split} split",
        "",
        f"{info['windows']} windows (2 bars of 4/4, 1-bar hop, at least 4 groove hits) from {info['files']} files; "
        f"weights `{info['weights']}`; {info['seconds']:.0f} s.",
        "",
        "| system | F1 | precision | recall | hit ratio | window F1 (95% CI over files) | vel MAE | offset MAE | voices/window | beats F1 | fills F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n in names:
        r = results[n]
        ci = r["window_f1_ci"]
        lines.append(
            f"| {n} | {_fmt(r['f1'])} | {_fmt(r['precision'])} | {_fmt(r['recall'])} | {_fmt(r['hit_ratio'], 2)} | "
            f"{_fmt(r['window_f1'])} ({_fmt(ci[0])}-{_fmt(ci[1])}) | {_fmt(r['vel_mae'], 4)} | {_fmt(r['off_mae'], 4)} | "
            f"{_fmt(r['voices_per_window'], 2)} | {_fmt(r['beats_f1'])} | {_fmt(r['fills_f1'])} |"
        )
    split = results[names[0]]["offset_split"]
    lines += ["", f"Real loops use {info['real_voices']:.2f} voices per window; {info['fills']} fill windows.", "",
              DRUM_TAKES_NOTE, "", TAKES_NOTE, "",
              f"Offset MAE of `{names[0]}` on correct hits that are the loudest of their step (the groove carries their "
              f"timing): {_fmt(split['loudest'], 4)}; on the other hits of a step ({split['others_share']:.0%} of correct "
              f"hits; their timing is not in the groove): {_fmt(split['others'], 4)}.", ""]
    lines += ["## Per voice (hit F1)", "", "| system | " + " | ".join(VOICES) + " |", "|---" * (N + 1) + "|"]
    for n in names:
        lines.append(f"| {n} | " + " | ".join(_fmt(results[n]["voice_f1"][v]) for v in VOICES) + " |")
    genres = list(results[names[0]]["genre_f1"])
    lines += ["", "## Per genre (micro hit F1)", "", "| system | " + " | ".join(genres) + " |", "|---" * (len(genres) + 1) + "|"]
    lines.append("| windows | " + " | ".join(str(info["genre_counts"][g]) for g in genres) + " |")
    for n in names:
        lines.append(f"| {n} | " + " | ".join(_fmt(results[n]["genre_f1"][g]) for g in genres) + " |")
    lines += ["", "## Feature distributions vs real loops", "",
              "Histogram overlap area (1 = same distribution); in brackets the mean (real loops first).", "",
              "| feature | real mean | " + " | ".join(names) + " |", "|---" * (len(names) + 2) + "|"]
    for f in FEATURES:
        lines.append(f"| {f} | {info['real_feature_mean'][f]:.3f} | "
                     + " | ".join(f"{results[n]['feature_overlap'][f]:.2f} ({results[n]['feature_mean'][f]:.3f})" for n in names) + " |")
    keys = list(info["musicality_real"])
    lines += ["", "## Musicality per bar (metrics.musicality)", "", "| system | " + " | ".join(keys) + " |",
              "|---" * (len(keys) + 1) + "|", "| real loops | " + " | ".join(f"{info['musicality_real'][k]:.3f}" for k in keys) + " |"]
    for n in names:
        lines.append(f"| {n} | " + " | ".join(f"{results[n]['musicality'][k]:.3f}" for k in keys) + " |")
    if band:
        from .evaluate_band import band_table

        lines += ["", "## Real band songs (input: the songs' non-drum parts; reference: their own drums)", ""]
        for folder, r in band.items():
            lines += band_table(r, f"`{folder}`")
    lines += [""] + [f"![{p}]({p})" for p in plots] + [""]
    path = out / "report.md"
    atomic_write_text(path, "\n".join(lines))
    return path


def check_evaluate_args(args) -> str | None:
    """Every path and option pair checked before the dataset is read, each in one line: a missing --band folder
    was found after the GMD systems had run for minutes, and --band-val without --band-held-out was ignored.
    Returns the note to say where --out holds an earlier run's report (models/evaluate_out.py)."""
    from reagroove.core.bandset import refuse_missing_band_paths
    from reagroove.core.dataset import resolve_gmd_path

    if args.band_val and not args.band_held_out:
        raise ReaGrooveError("--band-val names the songs --band-held-out leaves out of training: give --band-held-out "
                             "FOLDER too (--band scores every song)")
    resolve_gmd_path(args.gmd)
    refuse_missing_band_paths([("--band", f) for f in args.band or ()]
                              + [("--band-held-out", f) for f in args.band_held_out or ()], args.band_val)
    if args.band_val:
        from reagroove.core.bandset import read_song_list, refuse_songs_not_there

        refuse_songs_not_there(args.band_val, read_song_list(args.band_val), args.band_held_out, "--band-held-out")
    from .evaluate_out import check_out_folder, check_plotting

    check_plotting(args.no_plots)
    return check_out_folder(args.out)


def evaluate(args) -> dict:
    from tqdm import tqdm

    from reagroove.core.dataset import load_dataset

    from .api import load_model
    from .evaluate_band import band_windows, evaluate_band, play_parts
    from .evaluate_out import earlier_plots, remove_stale_plots
    from .weights import weights_file

    replacing = check_evaluate_args(args)
    t0 = time.perf_counter()
    load_model(args.weights)  # a weights file that cannot be used: said before the dataset is read
    # every band folder's songs read now: one without any is said before the GMD run, and before anything is written
    band_sets = [(str(folder), folder, False) for folder in args.band or ()]
    band_sets += [(f"{folder} (held-out validation files)", folder, args.band_val or True)
                  for folder in args.band_held_out or ()]
    band_sets = [(name, folder, held_out, band_windows(folder, held_out)) for name, folder, held_out in band_sets]
    if replacing is not None:
        print(f"note: {replacing}", file=sys.stderr)
    ds = load_dataset(args.gmd)
    train_ds = ds.subset("train")
    test = ds.subset(args.split)
    test = test.select(test.grooves[..., 0].sum(-1) >= 4)
    if len(test) == 0:  # numpy's "need at least one array to stack" traceback, after the weights had loaded
        from reagroove.core.dataset import DatasetError, resolve_gmd_path

        raise DatasetError(f"{resolve_gmd_path(args.gmd)}: no GMD {args.split} window of 4 or more hits to score: "
                           f"info.csv's split column must name some 4/4 performances '{args.split}'")
    if args.limit:
        test = test.select(np.arange(min(args.limit, len(test))))
    true, grooves = test.hvo, test.grooves
    systems = ["model", LABELLED, BAND_NET, BAND_LIKE, "model + groove feel", "nearest neighbour", "rock beat"]
    preds = {}
    bar = tqdm(total=len(systems) + 1, desc="evaluate", unit="system", disable=args.quiet)
    genre_mix = np.eye(len(GENRES), dtype=np.float32)[test.genre]
    # Every file is one part, played in one call: its windows of one 2-bar phase are one take (as the engine
    # plays a part's consecutive windows: one drummer keeps one groove through it).
    takes = file_takes(test.file_index, test.bar)
    # the headline: grooves alone, as a user gives them (drum takes: the drum-part network)
    parts = test.file_index
    tempo = test.bpm  # each take's own: a hand plays no long run of 16ths when it is fast (core/hand_speed.py)
    preds["model"] = play_parts(grooves, parts, takes, drum_part=True, weights=args.weights, bpm=tempo)
    bar.update()
    # labelled row: the window's true genre and beat/fill label, as a producer who sets them
    preds[LABELLED] = play_parts(grooves, parts, takes, genre=genre_mix, fill=test.is_fill, drum_part=True,
                                 weights=args.weights, bpm=tempo)
    bar.update()
    preds[BAND_NET] = play_parts(grooves, parts, takes, weights=args.weights, bpm=tempo)
    bar.update()
    # band-like parts generated from each test loop (models/bandparts.py, fixed seed) instead of its groove
    from .bandparts import band_batch

    mix, bass = band_batch(true, np.random.default_rng(12345))
    preds[BAND_LIKE] = play_parts(mix, parts, takes, bass=bass, weights=args.weights, bpm=tempo)
    bar.update()
    preds["model + groove feel"] = copy_groove_feel(preds["model"], grooves)
    bar.update()
    preds["nearest neighbour"] = nearest_neighbour(train_ds.grooves, train_ds.hvo, grooves)
    bar.update()
    preds["rock beat"] = np.broadcast_to(rock_beat(), true.shape).copy()
    bar.update()
    real_feats = features(true)
    results = {name: score(p, true, test, real_feats) for name, p in preds.items()}
    bar.update()
    bar.close()
    info = {
        "windows": len(test),
        "files": int(len(np.unique(test.file_index))),
        "weights": str(weights_file(args.weights)) if args.weights else "shipped",
        "seconds": time.perf_counter() - t0,
        "real_voices": float((true[..., :N] > 0).any(1).sum(1).mean()),
        "fills": int(test.is_fill.sum()),
        "genre_counts": {g: int((test.genre == i).sum()) for i, g in enumerate(GENRES)},
        "real_feature_mean": {f: float(real_feats[:, i].mean()) for i, f in enumerate(FEATURES)},
    }
    band = {name: evaluate_band(folder, args.weights, held_out=held_out, progress=not args.quiet, windows=windows)
            for name, folder, held_out, windows in band_sets}
    info["musicality_real"] = metrics.musicality(true)
    # everything is scored: now the files, the plots first and report.md last (models/evaluate_out.py)
    feats = {name: features(p) for name, p in preds.items()}
    drawn = {} if args.no_plots else _plots(results, real_feats, feats, args.split)
    out = Path(args.out)
    stale = earlier_plots(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in drawn.items():
        atomic_write(out / name, lambda fh, data=data: fh.write(data))
    plots = list(drawn)
    atomic_write_text(out / "results.json", json.dumps({"info": info, "results": results, "band": band}, indent=1) + "\n")
    report = write_report(out, results, info, plots, band, args.split)
    removed = remove_stale_plots(stale, plots)
    m = results["model"]
    print(f"model: F1 {m['f1']:.3f} (P {m['precision']:.3f} R {m['recall']:.3f}), hit ratio {m['hit_ratio']:.2f}, "
          f"vel MAE {m['vel_mae']:.4f}, offset MAE {m['off_mae']:.4f}, voices {m['voices_per_window']:.2f} "
          f"(real {info['real_voices']:.2f}), fills F1 {m['fills_f1']:.3f}")
    for name in systems[1:]:
        print(f"{name}: F1 {results[name]['f1']:.3f}")
    for folder, r in band.items():
        b, rock = r["systems"]["model"], r["systems"]["rock beat"]
        print(f"band songs {folder}: F1 {b['f1']:.3f} (rock beat {rock['f1']:.3f}), hit ratio {b['hit_ratio']:.2f}; "
              f"bass only F1 {b['bass_f1']:.3f}, ratio {b['bass_hit_ratio']:.2f}; one part only F1 {b['one_f1']:.3f} "
              f"(rock beat {rock['one_f1']:.3f}), ratio {b['one_hit_ratio']:.2f}; backbeat {b['backbeat']:.2f}, "
              f"hat clash {b['hat_clash']:.3f}, >2 hands {b['over_two_hands']:.3f}, crash/bar {b['crash']:.2f}")
    replaced = f"; its plots {', '.join(removed)} taken away: --no-plots draws none" if removed else ""
    print(f"wrote {report}" + (f" (replacing the earlier report{replaced})" if replacing else ""))
    return {"info": info, "results": results, "band": band}


def _count(text: str) -> int:
    """A whole number from 0 (argparse says the option's name with the message)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gmd", metavar="FOLDER", help="the Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    p.add_argument("--weights", metavar="FILE", help="weights file, or a training run's folder holding drummer.pt "
                   "(default: the shipped model)")
    p.add_argument("--out", default="eval", metavar="FOLDER", help="folder for report.md, results.json and the plots, "
                   "replacing an earlier run's (default: eval)")
    p.add_argument("--split", default="test", choices=("test", "validation"),
                   help="the GMD split to score (default test: touch it once, for the report)")
    p.add_argument("--limit", type=_count, default=0, metavar="N", help="only the first N windows (smoke runs; default 0 = all)")
    p.add_argument("--no-plots", action="store_true", help="write the report without its plots")
    p.add_argument("--band", metavar="FOLDER", action="append",
                   help="also score on multi-track songs with drums in FOLDER (repeatable; default: none, the GMD "
                   "split alone)")
    p.add_argument("--band-held-out", metavar="FOLDER", action="append",
                   help="score only the files of FOLDER that training holds out (a set used in training; repeatable; "
                   "default: none)")
    p.add_argument("--band-val", metavar="FILE",
                   help="the held-out song list training used (reagroove train --band-val; default: the hash split)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")


def add_evaluate_command(sub) -> None:
    p = sub.add_parser("evaluate", help="score the drum generator on the GMD test split and on band songs",
                       description="Score the drum generator on the GMD test split, and on multi-track songs with drums "
                       "(--band): the model from the input alone against a fixed rock beat and chance, per-bar "
                       "musicality; writes report.md and plots.")
    add_arguments(p)
    p.set_defaults(func=run_evaluate)


def run_evaluate(args) -> int:
    evaluate(args)
    return 0
