"""Audio tempo and downbeat, measured: how often read_audio finds the tempo and bar 1 of a part.

The test set is synthesised (tests/audio_synth.py `make_part`), so the truth
is known exactly: bass lines, guitar strums, keys and full mixes (drums, bass
and guitar or keys), at tempos spread evenly on a log scale over 70-180 BPM,
starting on beat 1, 2, 3 or 4 of a pickup bar, a quarter of them right at 0 s,
a quarter after under a second of silence and half after 2-8 s of silence.
Chords change on bar lines (every bar in 3 of 4 parts, every second bar in
the others), so the bar is audible as it is in real music. Each case is
rendered at 22.05 kHz (or 44.1 kHz for every third one), written as WAV
and read back with `reagroove.core.audio.read_audio` with nothing given.

- tempo: estimated within 4% of the true tempo (half or double counts as wrong),
- tempo*: within 4% of the true, half or double tempo (an octave error only),
- downbeat: tempo right and beat 0 within 70 ms of one of the part's bar lines,
- bar 1: tempo right and beat 0 within 70 ms of the part's first downbeat
  (so the drums start with the music).

--seed picks the set: the estimator's weights were fitted on seeds 0 and 2-6;
seed 1 (the default) is held out. --min-bpm sets the slowest tempo of a set
(default 70, as the weights were fitted: a reading under 70 was then always
wrong; 55 adds ballads, and a "ballad <70" row: 0.94 of them read right on
seed 1, 0.88 before a reading whose envelope repeats more at two of its bars
than at one was weighed as twice too fast (repeats_two_bars: a slow bass
riff without drums read at double tempo; bass 0.95 -> 1.00 on seed 1; slow
bass lines under 76 BPM of seeds 0 and 2-6 at --per-kind 20, 0.84 -> 0.91;
every other row of --seed 1, --mix seeds 1 and 2 unchanged), 0.71 before a
snare on 2 and 4 weighed the octave (backbeat_octave), 0.53 before the
sparse cue, hand-set as no fitted set had ballads).
--mix instead renders only full mixes at 55-80 BPM (ballads with drums; --per-kind of them), which
read at double tempo: a ballad's 16th hats read as 8ths, and only its snare on 2 and 4 says the slow
reading. That snare (a tempo's best reading's backbeat where positive) now weighs the octave apart
from bar 1: --per-kind 16, seed 1 0.69 -> 0.94 tempo and downbeat, seed 2 0.56 -> 0.81, every other
set's rows as good or better. More weight on the backbeat cue itself (1.05 to 1.5-2.0) read them
right too but put a plucked bass line's bar 1 on its beat 4 (tests/test_audio_patterns.py) and
read a line slowing from 126 to 114 BPM at half tempo: not taken. A kick and a snare alternating beat by
beat (the low band against the high band's noise, heard only where drums burst in it: noise_octave) now
weighs the octave too: seed 2 0.81 -> 0.94 (two ballads at 55-59 BPM no longer read double), seed 1 0.94
as before; seeds 0 and 3 0.94 -> 1.00; every other set's rows unchanged. The table breaks the
figures down by timbre (kind), tempo, the beat the part starts on and the
lead-in. --speed also times read_audio on a 10-minute file and reports its
peak traced memory.

--fit 0,2,3,4,5,6 instead fits core/audio_tempo.py's WEIGHTS on those sets
and prints them: every reading of every file with its cues, and a
conditional logit (L2-regularised, on standardised cues) that maximises the
log-probability of the right readings (tempo and bar line right; tempo
right where no reading has both). starts_bar is left as set by hand.

Run: python benchmarks/bench_audio_tempo.py [--per-kind 20] [--seed 1] [--jobs 2] [--min-bpm 70] [--speed] [--mix]
     python benchmarks/bench_audio_tempo.py --fit 0,2,3,4,5,6 [--min-bpm 55]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from audio_synth import PART_KINDS, make_part  # noqa: E402

from reagroove.core.audio import read_audio  # noqa: E402

MIN_BPM, MAX_BPM = 70.0, 180.0
# --mix: slow full mixes, ballads with a drum kit (16th hats, snare on 2 and 4), which can read at double tempo.
MIX_MIN_BPM, MIX_MAX_BPM = 55.0, 80.0
TOLERANCE_S = 0.07  # the usual beat-tracking tolerance (+-70 ms); a 16th at 180 BPM is 83 ms


def cases(per_kind: int, seed: int, min_bpm: float = MIN_BPM, kinds=PART_KINDS, max_bpm: float = MAX_BPM) -> list[dict]:
    """The test set: per kind, tempos stratified over min_bpm-max_bpm (log scale), each start beat and lead-in."""
    rng = np.random.default_rng(1000 + seed)
    out = []
    for kind in kinds:
        u = (np.arange(per_kind) + rng.uniform(0, 1, per_kind)) / per_kind
        rng.shuffle(u)
        for i in range(per_kind):
            bpm = float(min_bpm * (max_bpm / min_bpm) ** u[i])
            lead = (0.0, float(rng.uniform(0.2, 1.0)), float(rng.uniform(2.0, 8.0)), float(rng.uniform(2.0, 8.0)))[i % 4]
            out.append(
                {
                    "kind": kind,
                    "bpm": round(bpm, 2),
                    "first_beat": int((i // 4 + i) % 4 + 1),
                    "lead_s": round(lead, 3),
                    "sr": 44100 if i % 3 == 2 else 22050,
                    "seed": int(rng.integers(0, 2**31)),
                }
            )
    return out


def evaluate(job) -> dict:
    case, tmp = job
    audio, downbeat = make_part(case["kind"], case["bpm"], first_beat=case["first_beat"], lead_s=case["lead_s"], seed=case["seed"], sr=case["sr"])
    path = os.path.join(tmp, f"{case['kind']}_{case['seed']}.wav")
    sf.write(path, audio, case["sr"], subtype="PCM_16")
    t0 = time.perf_counter()
    try:
        content = read_audio(path)
    finally:
        os.unlink(path)
    seconds = time.perf_counter() - t0
    bpm, start = float(content.bpm), float(content.start_s)
    ratio = bpm / case["bpm"]
    bar = 240.0 / case["bpm"]
    # Bar lines of the part: its pickup bar's, bar 1 and on.
    k = np.round((start - downbeat) / bar)
    off_bar = abs(start - (downbeat + k * bar))
    tempo_ok = abs(ratio - 1) < 0.04
    return {
        **case,
        "true_downbeat_s": downbeat,
        "est_bpm": bpm,
        "est_start_s": start,
        "tempo_ok": bool(tempo_ok),
        "tempo_octave_ok": bool(min(abs(ratio - m) / m for m in (0.5, 1.0, 2.0)) < 0.04),
        "downbeat_ok": bool(tempo_ok and off_bar <= TOLERANCE_S and k >= -1),
        "bar1_ok": bool(tempo_ok and abs(start - downbeat) <= TOLERANCE_S),
        "seconds": seconds,
    }


def readings_of(job) -> list[dict]:
    """Every reading estimate_meter weighs for one case: its cues, and whether its tempo and bar line are right."""
    from reagroove.core import audio_tempo
    from reagroove.core.audio import onset_envelope, pick_onsets

    case, tmp = job
    audio, downbeat = make_part(case["kind"], case["bpm"], first_beat=case["first_beat"], lead_s=case["lead_s"], seed=case["seed"], sr=case["sr"])
    path = os.path.join(tmp, f"{case['kind']}_{case['seed']}.wav")
    sf.write(path, audio, case["sr"], subtype="PCM_16")
    try:
        env = onset_envelope(path)
        onsets = pick_onsets(env)
    finally:
        os.unlink(path)
    out = []
    for h in audio_tempo.hypotheses(env, onsets) if len(onsets.times) >= 4 else []:
        start = max(audio_tempo.first_downbeat(onsets, h), 0.0)
        bar = 240.0 / case["bpm"]
        k = np.round((start - downbeat) / bar)
        tempo_ok = abs(h.bpm / case["bpm"] - 1) < 0.04
        cues = {**h.cues, "log_tempo": float(np.log2(h.bpm / audio_tempo.TEMPO_PRIOR_BPM))}
        out.append({"cues": cues, "tempo_ok": bool(tempo_ok), "downbeat_ok": bool(tempo_ok and abs(start - (downbeat + k * bar)) <= TOLERANCE_S and k >= -1)})
    return out


def fit(seeds: list[int], per_kind: int, jobs: int, l2: float = 1.0, min_bpm: float = MIN_BPM) -> None:
    """Fit audio_tempo.WEIGHTS (and the prior's centre) on these sets; print them and the fit's own accuracy."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    from reagroove.core import audio_tempo

    todo = [c for seed in seeds for c in cases(per_kind, seed, min_bpm)]
    with tempfile.TemporaryDirectory() as tmp, multiprocessing.get_context("spawn").Pool(max(1, jobs)) as pool:
        files = [f for f in pool.map(readings_of, [(c, tmp) for c in todo], chunksize=1) if f]
    names = [n for n in files[0][0]["cues"] if n != "starts_bar"]
    xs = [np.array([[r["cues"][n] for n in names] for r in f]) for f in files]
    fixed = [np.array([audio_tempo.WEIGHTS["starts_bar"] * r["cues"]["starts_bar"] for r in f]) for f in files]
    right = [np.array([r["downbeat_ok"] for r in f]) if any(r["downbeat_ok"] for r in f) else np.array([r["tempo_ok"] for r in f]) for f in files]
    allx = np.concatenate(xs)
    mu, sd = allx.mean(axis=0), allx.std(axis=0) + 1e-9

    def loss(w: np.ndarray) -> float:
        total = l2 * float(np.sum(w**2))
        for x, b, ok in zip(xs, fixed, right):
            if ok.any():
                s = (x - mu) / sd @ w + b
                total -= logsumexp(s[ok]) - logsumexp(s)
        return total

    w = minimize(loss, np.zeros(len(names)), method="L-BFGS-B").x / sd
    weights = dict(zip(names, w))
    centre = audio_tempo.TEMPO_PRIOR_BPM * 2 ** (weights.pop("log_tempo") / weights["prior"])
    best = [int(np.argmax(x @ w + b)) for x, b in zip(xs, fixed)]
    tempo = np.mean([f[i]["tempo_ok"] for f, i in zip(files, best)])
    down = np.mean([f[i]["downbeat_ok"] for f, i in zip(files, best)])
    print(f"fitted on seeds {','.join(map(str, seeds))} ({len(files)} files; on them: tempo {tempo:.2f}, downbeat {down:.2f})")
    print(f"TEMPO_PRIOR_BPM = {centre:.0f}")
    print("WEIGHTS = {" + ", ".join(f'"{n}": {v:.2g}' for n, v in weights.items()) + "}")


def tempo_band(bpm: float) -> str:
    return "ballad <70" if bpm < 70 else "70-100" if bpm < 100 else "100-135" if bpm < 135 else "135-180"


def lead_band(lead: float) -> str:
    return "none" if lead == 0 else "<1 s" if lead < 1.5 else "2-8 s"


def table(results: list[dict]) -> list[dict]:
    groups = [("all", lambda r: True)]
    groups += [(f"kind {k}", lambda r, k=k: r["kind"] == k) for k in PART_KINDS]
    groups += [(f"tempo {b}", lambda r, b=b: tempo_band(r["bpm"]) == b) for b in ("ballad <70", "70-100", "100-135", "135-180")]
    groups += [(f"starts on beat {b}", lambda r, b=b: r["first_beat"] == b) for b in (1, 2, 3, 4)]
    groups += [(f"lead-in {b}", lambda r, b=b: lead_band(r["lead_s"]) == b) for b in ("none", "<1 s", "2-8 s")]
    rows = []
    for name, keep in groups:
        sel = [r for r in results if keep(r)]
        if not sel:
            continue
        share = lambda key: sum(r[key] for r in sel) / len(sel)  # noqa: E731
        rows.append({"group": name, "n": len(sel), "tempo": share("tempo_ok"), "tempo_octave": share("tempo_octave_ok"), "downbeat": share("downbeat_ok"), "bar1": share("bar1_ok")})
    return rows


def speed(minutes: float = 10.0) -> tuple[float, float]:
    """Seconds to read a `minutes`-long 44.1 kHz file, and its peak traced memory (MB)."""
    audio, _ = make_part("mix", 112.0, seconds=30.0, seed=5, sr=44100)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "long.wav")
        with sf.SoundFile(path, "w", samplerate=44100, channels=1, subtype="PCM_16") as f:
            for _ in range(int(np.ceil(minutes * 60 / (len(audio) / 44100)))):
                f.write(audio)
        read_audio(path)  # warm: imports are not the file's cost
        tracemalloc.start()
        t0 = time.perf_counter()
        read_audio(path)
        took = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return took, peak / 2**20


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=20, help="parts per kind (default 20: 80 files)")
    ap.add_argument("--seed", type=int, default=1, help="which set: 0 and 2-6 were used for fitting, 1 (default) is held out")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--speed", action="store_true", help="also time a 10-minute file and its peak memory")
    ap.add_argument("--list", action="store_true", help="print every case with its estimate")
    ap.add_argument("--json", metavar="PATH", help="also write the results as JSON here")
    ap.add_argument("--min-bpm", type=float, default=MIN_BPM, help=f"slowest tempo of the set (default {MIN_BPM:g}; 55 adds ballads)")
    ap.add_argument("--mix", action="store_true",
                    help=f"instead only slow full mixes (drums, bass, guitar or keys) at {MIX_MIN_BPM:g}-{MIX_MAX_BPM:g} BPM, --per-kind of them")
    ap.add_argument("--fit", metavar="SEEDS", help="instead fit the estimator's weights on these sets (comma-separated seeds) and print them")
    args = ap.parse_args(argv)
    if args.fit:
        fit([int(s) for s in args.fit.split(",")], args.per_kind, args.jobs, min_bpm=args.min_bpm)
        return 0
    t0 = time.perf_counter()
    if args.mix:
        todo = cases(args.per_kind, args.seed, MIX_MIN_BPM, kinds=("mix",), max_bpm=MIX_MAX_BPM)
    else:
        todo = cases(args.per_kind, args.seed, args.min_bpm)
    with tempfile.TemporaryDirectory() as tmp, multiprocessing.get_context("spawn").Pool(max(1, args.jobs)) as pool:
        results = pool.map(evaluate, [(c, tmp) for c in todo], chunksize=1)
    if args.list:
        for r in results:
            mark = "".join("x" if r[k] else "." for k in ("tempo_ok", "tempo_octave_ok", "downbeat_ok", "bar1_ok"))
            print(
                f"{mark} {r['kind']:<6}{r['bpm']:>7.1f} -> {r['est_bpm']:>6.1f} BPM  beat {r['first_beat']}  lead {r['lead_s']:>5.2f} s"
                f"  bar 1 {r['true_downbeat_s']:>6.3f} -> {r['est_start_s']:>6.3f} s  seed {r['seed']}"
            )
    rows = table(results)
    span = f"{MIX_MIN_BPM:g}-{MIX_MAX_BPM:g} BPM, full mixes only" if args.mix else f"{args.min_bpm:g}-180 BPM"
    print(f"{len(results)} rendered parts (seed {args.seed}), {span}; tolerance +-{TOLERANCE_S * 1000:.0f} ms")
    print(f"{'group':<20}{'n':>4}{'tempo':>8}{'tempo*':>8}{'downbeat':>10}{'bar 1':>8}")
    for row in rows:
        print(f"{row['group']:<20}{row['n']:>4}{row['tempo']:>8.2f}{row['tempo_octave']:>8.2f}{row['downbeat']:>10.2f}{row['bar1']:>8.2f}")
    per_file = float(np.mean([r["seconds"] for r in results]))
    print(
        "tempo: within 4% (half/double wrong); tempo*: half/double allowed; downbeat: beat 0 on a bar line; "
        f"bar 1: beat 0 on the first downbeat. read_audio {per_file:.2f} s per file; {time.perf_counter() - t0:.0f} s in all"
    )
    out = {"seed": args.seed, "rows": rows, "results": results}
    if args.speed:
        took, peak = speed()
        print(f"10-minute 44.1 kHz mix: read_audio {took:.1f} s, peak traced memory {peak:.1f} MB")
        out["speed"] = {"seconds_10min": took, "peak_mb": peak}
    if args.json:
        from reagroove.core.files import atomic_write_text

        atomic_write_text(args.json, json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
