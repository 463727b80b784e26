"""Audio input, measured: onset F-measure and groove-step accuracy per timbre and sample rate.

Renders Groove MIDI Dataset test-split grooves (all drum notes flattened to
onsets, the loudest velocity of notes within 15 ms) and a few made-up
instrumental parts with the test synthesizer (tests/audio_synth.py: click,
pluck, bass, pad; reverb and noise), at 22.05, 44.1 and 48 kHz, then reads
them back with reagroove.core.audio and reports:

- onset F-measure at +-30 ms (one-to-one matching, nearest pairs first),
  strict ("onset F", with P and R: every reference onset counts, flams
  included) and merged ("F merged": reference onsets closer than --merge-ms,
  25 ms by default, count as one, the first; two notes that close are one
  perceived onset and land on one 16th step; the detector's output is the
  same, only the reference changes),
- groove-step accuracy on the 32-step grid of 2-bar windows, at the true
  tempo: hit F1, velocity rank correlation (Spearman, on steps hit in both)
  and offset MAE (ms, same steps),
- tempo estimation: share of files within 4% of the true tempo (and allowing
  double/half tempo).

GMD files are taken in a fixed shuffled order; --offset skips the first ones,
so parameters can be tuned on one subset (the detector's defaults were tuned on
--files 12 --offset 0) and reported on another (--files 24 --offset 12).
Files are rendered and read in a pool of --jobs processes (default 2).

Run: python benchmarks/bench_audio.py --gmd ../shared/data/groove-midi [--files 24] [--offset 12] [--seconds 20]
Writes nothing unless --json PATH is given.

--memory-hours H instead reads one H-hour 44.1 kHz mono file (a rendered
part repeated, written to a temporary folder) with read_audio, as drumify
does, and prints the time taken, the peak traced memory (tracemalloc: what
Python and numpy allocate) and the rise of the process's peak resident size.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from audio_synth import PERCUSSIVE, TIMBRES, render  # noqa: E402

from reagroove.core.audio import DEFAULT_PARAMS, estimate_tempo, onset_envelope, onsets_to_notes, pick_onsets  # noqa: E402
from reagroove.core.groove import grooves_from_notes  # noqa: E402
from reagroove.core.midi import drum_channel_notes, read_midi  # noqa: E402

RATES = (22050, 44100, 48000)
TOLERANCE_S = 0.03


def merge_onsets(times: np.ndarray, vels: np.ndarray, within: float = 0.015) -> tuple[np.ndarray, np.ndarray]:
    """Notes closer than `within` are one onset (a kick and a hat together): earliest time, loudest velocity."""
    order = np.argsort(times, kind="stable")
    times, vels = times[order], vels[order]
    out_t, out_v = [], []
    for t, v in zip(times.tolist(), vels.tolist()):
        if out_t and t - out_t[-1] < within:
            out_v[-1] = max(out_v[-1], v)
        else:
            out_t.append(t)
            out_v.append(v)
    return np.asarray(out_t), np.asarray(out_v)


def gmd_sources(root: Path, n_files: int, seconds: float, seed: int = 0, offset: int = 0):
    """(name, bpm, onset seconds, velocity 0..1) of GMD test-split 4/4 files, the first `seconds` of each.

    The usable files in a fixed shuffled order, skipping the first `offset` of them.
    """
    with open(root / "info.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["split"] == "test" and r["time_signature"] == "4-4"]
    rng = np.random.default_rng(seed)
    rows = [rows[i] for i in rng.permutation(len(rows))]
    out = []
    skipped = 0
    for row in rows:
        if len(out) >= n_files:
            break
        content = read_midi(root / row["midi_filename"])
        notes, _ = drum_channel_notes(content)
        bpm = content.bpm
        t = notes.start * 60.0 / bpm
        keep = t < seconds
        if keep.sum() < 8:
            continue
        if skipped < offset:
            skipped += 1
            continue
        times, vels = merge_onsets(t[keep], notes.velocity[keep] / 127.0)
        out.append((f"gmd:{row['style']}", bpm, times, vels))
    return out


def instrumental_parts(seconds: float, seed: int = 1):
    """A few made-up parts with human timing (8 ms jitter) and accents."""
    rng = np.random.default_rng(seed)
    parts = []
    patterns = {
        "funk_bass": ([0, 3, 6, 8, 10, 11, 14], 98),
        "strum_8ths": ([0, 2, 4, 6, 8, 10, 12, 14], 120),
        "offbeat_keys": ([2, 6, 10, 14], 84),
        "arp_16ths": (list(range(16)), 110),
        "sparse_riff": ([0, 7, 10], 72),
    }
    for name, (steps, bpm) in patterns.items():
        step_s = 60.0 / bpm / 4
        bars = int(seconds / (16 * step_s))
        grid = np.array([b * 16 + s for b in range(bars) for s in steps], np.float64)
        swing = 0.12 if name == "arp_16ths" else 0.0  # a light 16th swing
        offsets = np.where(grid % 2 == 1, swing, 0.0) + rng.normal(0, 0.008 / step_s, len(grid))
        accents = np.where(grid % 4 == 0, 0.9, 0.6) + rng.uniform(-0.15, 0.1, len(grid))
        times = (grid + offsets) * step_s + 0.0
        times = np.maximum(times, 0.0)
        parts.append((f"part:{name}", float(bpm), times, np.clip(accents, 0.1, 1.0)))
    return parts


def merge_reference(times: np.ndarray, within: float) -> np.ndarray:
    """Reference onsets with those closer than `within` to the previous kept one dropped (flams as one onset)."""
    out: list[float] = []
    for t in np.sort(times).tolist():
        if not out or t - out[-1] >= within:
            out.append(t)
    return np.asarray(out)


def match(ref: np.ndarray, est: np.ndarray, tol: float = TOLERANCE_S) -> list[tuple[int, int]]:
    """One-to-one pairs (ref index, est index) within tol, nearest pairs first."""
    if len(ref) == 0 or len(est) == 0:
        return []
    j = np.searchsorted(est, ref)
    cands = []
    for i, r in enumerate(ref.tolist()):
        for k in range(max(0, j[i] - 2), min(len(est), j[i] + 2)):
            d = abs(est[k] - r)
            if d <= tol:
                cands.append((d, i, k))
    cands.sort()
    used_r, used_e, pairs = set(), set(), []
    for _, i, k in cands:
        if i not in used_r and k not in used_e:
            used_r.add(i)
            used_e.add(k)
            pairs.append((i, k))
    return pairs


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    ra = np.argsort(np.argsort(a)).astype(float)
    rb = np.argsort(np.argsort(b)).astype(float)
    return float(np.corrcoef(ra, rb)[0, 1])


def groove_scores(bpm, ref_t, ref_v, est_t, est_v, seconds):
    """Hit (tp, fp, fn), velocity pairs and offset errors (ms) on the 32-step grid at the true tempo."""
    n_windows = int(np.ceil(seconds * bpm / 60.0 / 8.0)) + 1
    starts = np.arange(n_windows) * 8.0
    beat = lambda t: np.asarray(t) * bpm / 60.0  # noqa: E731
    g_ref, _ = grooves_from_notes(onsets_to_notes(beat(ref_t), ref_v), starts)
    g_est, _ = grooves_from_notes(onsets_to_notes(beat(est_t), est_v), starts)
    h_ref, h_est = g_ref[..., 0] > 0, g_est[..., 0] > 0
    both = h_ref & h_est
    step_ms = 60000.0 / bpm / 4
    return (
        int(both.sum()),
        int((h_est & ~h_ref).sum()),
        int((h_ref & ~h_est).sum()),
        g_ref[..., 1][both],
        g_est[..., 1][both],
        np.abs(g_ref[..., 2][both] - g_est[..., 2][both]) * step_ms,
    )


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.mtp = self.mfp = self.mfn = 0  # against the merged reference
        self.gtp = self.gfp = self.gfn = 0
        self.rhos, self.offs, self.timing = [], [], []
        self.tempo_ok = self.tempo_oct = self.tempo_n = 0

    def f(self, tp, fp, fn):
        return 2 * tp / max(1, 2 * tp + fp + fn)

    def add(self, other: "Tally") -> None:
        for key, value in other.__dict__.items():
            setattr(self, key, getattr(self, key) + value)


def evaluate_file(job) -> Tally:
    """Render one source with one timbre at one rate, read it back, score it."""
    k, (name, bpm, times, vels), timbre, sr, params, tmp, seconds, merge_s, tempo = job
    tally = Tally()
    audio = render(times, vels, timbre=timbre, sr=sr, duration_s=seconds + 1.0, seed=k)
    path = os.path.join(tmp, f"{k}_{timbre}_{sr}.wav")
    sf.write(path, audio, sr, subtype="PCM_16")
    try:
        env = onset_envelope(path, params)
    finally:
        os.unlink(path)
    ons = pick_onsets(env, params)
    pairs = match(times, ons.times)
    tally.tp += len(pairs)
    tally.fp += len(ons.times) - len(pairs)
    tally.fn += len(times) - len(pairs)
    merged = merge_reference(times, merge_s)
    n_merged = len(match(merged, ons.times))
    tally.mtp, tally.mfp, tally.mfn = n_merged, len(ons.times) - n_merged, len(merged) - n_merged
    tally.timing += [ons.times[e] - times[r] for r, e in pairs]
    tp, fp, fn, vr, ve, off = groove_scores(bpm, times, vels, ons.times, ons.velocity, seconds)
    tally.gtp += tp
    tally.gfp += fp
    tally.gfn += fn
    rho = spearman(vr, ve)
    if np.isfinite(rho):
        tally.rhos.append(rho)
    tally.offs += off.tolist()
    if tempo and len(ons.times) >= 4:
        est = estimate_tempo(env, ons)
        tally.tempo_n += 1
        ratio = est / bpm
        tally.tempo_ok += abs(ratio - 1) < 0.04
        tally.tempo_oct += min(abs(ratio - m) / m for m in (0.5, 1.0, 2.0, 1.5, 2 / 3)) < 0.04
    return tally


def memory(hours: float, sr: int = 44100) -> None:
    """Read an `hours`-long file with read_audio; print seconds, peak traced memory and peak RSS growth."""
    import resource
    import tracemalloc

    from audio_synth import make_part

    from reagroove.core.audio import read_audio

    part, _ = make_part("mix", 112.0, seconds=60.0, seed=5, sr=sr)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "long.wav")
        with sf.SoundFile(path, "w", samplerate=sr, channels=1, subtype="PCM_16") as f:
            for _ in range(int(np.ceil(hours * 3600 / (len(part) / sr)))):
                f.write(part)
        short = os.path.join(tmp, "short.wav")
        sf.write(short, part, sr, subtype="PCM_16")
        read_audio(short)  # imports and first-call set-up are not the file's cost
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        tracemalloc.start()
        t0 = time.perf_counter()
        content = read_audio(path)
        took = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss0
        size = os.path.getsize(path) / 2**20
    print(
        f"{hours:g}-hour {sr} Hz mono file ({size:.0f} MB WAV, "
        f"{len(content.notes)} onsets): read_audio {took:.1f} s, peak traced memory {peak / 2**20:.1f} MB, peak RSS +{rss:.0f} MB"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gmd", default=os.environ.get("REAGROOVE_GMD"), help="Groove MIDI Dataset folder (default $REAGROOVE_GMD)")
    ap.add_argument("--files", type=int, default=24, help="GMD test files (default 24)")
    ap.add_argument("--offset", type=int, default=0, help="skip this many GMD files first (tune on one subset, report on another)")
    ap.add_argument("--merge-ms", type=float, default=25.0, help="for 'F merged': reference onsets closer than this are one (default 25)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--seconds", type=float, default=20.0, help="seconds rendered per file (default 20)")
    ap.add_argument("--rates", default=",".join(map(str, RATES)), help="sample rates, comma-separated")
    ap.add_argument("--timbres", default=",".join(TIMBRES))
    ap.add_argument("--no-parts", action="store_true", help="only GMD grooves, no instrumental parts")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a detector parameter")
    ap.add_argument("--json", metavar="PATH", help="also write the table as JSON here")
    ap.add_argument("--memory-hours", type=float, metavar="H", help="only read an H-hour 44.1 kHz file and print its time and peak memory")
    args = ap.parse_args(argv)
    if args.memory_hours:
        memory(args.memory_hours)
        return 0
    if not args.gmd:
        ap.error("pass --gmd or set REAGROOVE_GMD")
    params = DEFAULT_PARAMS
    for item in args.set:
        key, _, value = item.partition("=")
        params = replace(params, **{key: type(getattr(params, key))(value)})
    t0 = time.perf_counter()
    sources = gmd_sources(Path(args.gmd), args.files, args.seconds, offset=args.offset)
    n_gmd = len(sources)
    if not args.no_parts:
        sources += instrumental_parts(args.seconds)
    rates = [int(r) for r in args.rates.split(",")]
    timbres = args.timbres.split(",")
    n_merged = sum(len(merge_reference(s[2], args.merge_ms / 1000)) for s in sources)
    print(
        f"{len(sources)} sources (GMD test files {args.offset}..{args.offset + n_gmd - 1} + {len(sources) - n_gmd} parts; "
        f"{sum(len(s[2]) for s in sources)} onsets, {n_merged} with those within {args.merge_ms:g} ms merged), "
        f"{args.seconds:g} s each; tolerance +-30 ms"
    )
    head = f"{'timbre':<7}{'rate':>7}{'onset F':>9}{'P':>7}{'R':>7}{'F merged':>9}{'bias ms':>9}{'step F1':>9}{'vel rho':>9}{'off MAE ms':>11}{'tempo':>7}{'tempo*':>8}"
    print(head)
    rows = []
    groups = [(timbre, sr) for timbre in timbres for sr in rates]
    with tempfile.TemporaryDirectory() as tmp, multiprocessing.get_context("spawn").Pool(max(1, args.jobs)) as pool:
        jobs = [(k, src, timbre, sr, params, tmp, args.seconds, args.merge_ms / 1000, True) for timbre, sr in groups for k, src in enumerate(sources)]
        results = pool.imap(evaluate_file, jobs)  # in order: one group after another
        for timbre, sr in groups:
            t = Tally()
            for _ in sources:
                t.add(next(results))
            p = t.tp / max(1, t.tp + t.fp)
            r = t.tp / max(1, t.tp + t.fn)
            row = {
                "timbre": timbre,
                "rate": sr,
                "onset_f": t.f(t.tp, t.fp, t.fn),
                "precision": p,
                "recall": r,
                "onset_f_merged": t.f(t.mtp, t.mfp, t.mfn),
                "bias_ms": 1000 * float(np.median(t.timing)) if t.timing else float("nan"),
                "step_f1": t.f(t.gtp, t.gfp, t.gfn),
                "velocity_rho": float(np.mean(t.rhos)) if t.rhos else float("nan"),
                "offset_mae_ms": float(np.mean(t.offs)) if t.offs else float("nan"),
                "tempo_acc": t.tempo_ok / max(1, t.tempo_n),
                "tempo_acc_octave": t.tempo_oct / max(1, t.tempo_n),
            }
            rows.append(row)
            flag = "" if timbre not in PERCUSSIVE or row["onset_f"] >= 0.9 else "  < target 0.9 (strict)"
            print(
                f"{timbre:<7}{sr:>7}{row['onset_f']:>9.3f}{p:>7.3f}{r:>7.3f}{row['onset_f_merged']:>9.3f}{row['bias_ms']:>9.1f}{row['step_f1']:>9.3f}"
                f"{row['velocity_rho']:>9.3f}{row['offset_mae_ms']:>11.1f}{row['tempo_acc']:>7.2f}{row['tempo_acc_octave']:>8.2f}{flag}",
                flush=True,
            )
    print(
        f"onset F, P, R: strict, every reference onset; F merged: reference onsets within {args.merge_ms:g} ms as one. "
        f"tempo: within 4% of the true tempo; tempo*: also counting 1/2, 2/3, 3/2, 2x. {time.perf_counter() - t0:.0f} s"
    )
    if args.json:
        from reagroove.core.files import atomic_write_text

        atomic_write_text(args.json, json.dumps({"params": params.__dict__, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
