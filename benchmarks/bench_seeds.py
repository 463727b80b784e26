"""Does a different seed give different drums at default settings (issue 10)?

    python benchmarks/bench_seeds.py [--before] [--seeds 4]

With the temperature left to its default, seed 0 plays the most likely drums
and any other seed a take (core/takes.py `draw_take`). For 12 band parts
built here with mido (a steady 8th-note bass, half notes, a bossa and a disco
bass, quarter-note and off-beat chords, a 6/8 arpeggio, ... 4 bars each, as
a user drops a short part in), the 3 example files (core/examples) and the
6/8, 5/4 and 7/8 parts of benchmarks/bench_meter_variations.py, each
drumified with the shipped model (`default_engine`, default settings) at
seeds 0..N, it prints per part:

- vs seed 0: the least share of hits each of seeds 1..N changes against seed 0
  (hits that differ over the larger part's hits, as `takes.closest`);
- pairs: the seed pairs among 1..N that play identical drums, the least and
  mean pairwise share of differing hits;
- draws: the temperature each seed's take was kept at ("o" = another
  direction of the seed's own, at the ladder's top);
- hits: the seeded takes' hit count over seed 0's (least, most);
- per bar of the seeded takes, in the song's meter (bench_meter_variations'
  `meter_figures`): a kick on the downbeat, a snare on a backbeat, and
  hat clashes / steps with 3 hands / crashes off a window's first step;
- odd: the share of bars the density rules call odd (`takes.odd_bars`:
  a snare on 2, 3 and 4 at once, a time-keeper on 3 of 4 beats) of the 4/4
  windows, the seeded takes' (mean) and seed 0's;
- ms: a drumify at seed 0 and the mean at seeds 1..N (each the best of 3 runs).

--before: the takes as drawn before the floor (one draw at TAKE_TEMPERATURE:
`takes.draws_take` patched to say no).

--gmd FOLDER (the Groove MIDI Dataset): also 400 GMD validation windows drumified
as one part by each network (as benchmarks/bench_controls.py's seed line):
seed 1 vs seed 0 and vs seed 2 (loops that differ, share of hits), the draw
kept, and the seeded parts' musicality (models/metrics.py).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

import mido
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_meter_variations import build_part, meter_figures  # noqa: E402

from reagroove.core import takes  # noqa: E402
from reagroove.core.groove import extract_windows  # noqa: E402
from reagroove.core.meter import is_plain  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402
from reagroove.core.takes import hit_change, odd_bars  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
TPB = 480


def write(path: Path, notes, bars: int = 4, program: int = 0, meter=(4, 4), bpm: float = 110) -> Path:
    """A one-track part: each bar the same (start beat, length in beats, pitch, velocity) notes."""
    mid = mido.MidiFile(ticks_per_beat=TPB)
    track = mido.MidiTrack()
    mid.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)))
    track.append(mido.MetaMessage("time_signature", numerator=meter[0], denominator=meter[1]))
    track.append(mido.Message("program_change", program=program))
    length = meter[0] * 4 / meter[1]
    events = []
    for b in range(bars):
        for beat, dur, pitch, vel in notes:
            t = int((b * length + beat) * TPB)
            events += [(t, 1, pitch, vel), (t + int(dur * TPB) - 10, 0, pitch, 0)]
    now = 0
    for t, on, pitch, vel in sorted(events, key=lambda e: (e[0], e[1])):
        track.append(mido.Message("note_on" if on else "note_off", note=pitch, velocity=vel, time=t - now))
        now = t
    mid.save(path)
    return path


def band_parts(folder: Path) -> list[tuple[str, Path]]:
    """Short band parts of the kinds a user drops in (4 bars; the bass lines at 90-100 velocity)."""
    chord = (60, 64, 67)
    parts = {
        "pump8_bass": ([(i * 0.5, 0.45, 40, 90) for i in range(8)], 33),
        "quarter_piano": ([(i, 0.9, p, 90) for i in range(4) for p in chord], 0),
        "ballad": ([(0, 3.9, p, 90) for p in chord] + [(0, 1.9, 36, 90), (2, 1.9, 43, 90)], 0),
        "reggae_skank": ([(i + 0.5, 0.2, p, 90) for i in range(4) for p in chord], 27),
        "pop_guitar": ([(b, 0.4, p, 90) for b in (0, 0.75, 1.5, 2, 2.75, 3.5) for p in (52, 59, 64)], 25),
        "halfnote_bass": ([(0, 1.9, 40, 90), (2, 1.9, 45, 90)], 33),
        "disco_octave": ([(i * 0.5, 0.4, 36 if i % 2 == 0 else 48, 95) for i in range(8)], 38),
        "hiphop_bass": ([(0, 0.7, 38, 100), (0.75, 0.25, 38, 80), (2.5, 0.5, 41, 90), (3.25, 0.5, 43, 85)], 38),
        "bossa_bass": ([(0, 1.4, 40, 90), (1.5, 0.5, 47, 80), (2, 1.4, 45, 90), (3.5, 0.5, 40, 80)], 32),
        "full_pop": ([(0, 0.9, 36, 100), (1.5, 0.4, 36, 90), (2, 0.9, 43, 100), (3.5, 0.4, 43, 90)]
                     + [(b, 0.4, p, 85) for b in (0.5, 1.5, 2.5, 3.5) for p in chord]
                     + [(0.75, 0.2, 76, 70), (2.25, 0.2, 76, 70)], 0),
    }
    out = [(name, write(folder / f"{name}.mid", notes, program=prog)) for name, (notes, prog) in parts.items()]
    out.append(("arp68", write(folder / "arp68.mid", [(i * 0.5, 0.45, [60, 64, 67, 72, 67, 64][i % 6], 80)
                                                      for i in range(12)], meter=(6, 8))))
    # a bass line with two bars' rest in the middle
    line = [(0, 0.45, 40, 90), (0.75, 0.2, 40, 90), (1.5, 0.45, 43, 90), (2, 0.45, 45, 90), (3, 0.45, 43, 90),
            (3.5, 0.4, 40, 90)]
    rest = [(b * 4 + s, d, p, v) for b in (0, 1, 4, 5) for s, d, p, v in line]
    out.append(("bass_rest", write(folder / "bass_rest.mid", rest, bars=1)))
    return out



def run(engine, path: Path, n: int, kept: list) -> dict:
    wins = extract_windows(read_midi(path))
    hits, ms = {}, {}
    for s in range(n + 1):
        times = []
        for _ in range(3):  # the best of 3 (other work on the machine slows some runs)
            kept.clear()
            t0 = time.perf_counter()
            res = engine.drumify_windows(wins, Settings(seed=s))
            times.append((time.perf_counter() - t0) * 1000)
        ms[s] = min(times)
        hits[s] = res.loops[..., :9] > 0.5
        if s:
            ms[s, "draw"] = kept[-1] if kept else None
    seeded = [hits[s] for s in range(1, n + 1)]
    pairs = [hit_change(a, b) for a, b in itertools.combinations(seeded, 2)]
    counts = [h.sum() / max(hits[0].sum(), 1) for h in seeded]
    meter = meter_figures(np.stack(seeded), res.meters, res.bars)
    four = [w for w, bars in enumerate(res.meters or [None] * len(hits[0])) if is_plain(bars)]  # 4/4 windows
    odd = (float(np.mean([odd_bars(h[four]) for h in seeded])), odd_bars(hits[0][four]))
    draws = []
    for s in range(1, n + 1):
        d = ms[s, "draw"]
        draws.append("-" if d is None else f"{d[1]:.1f}" if d[0] == s else "o")
    return {"vs0": min(hit_change(h, hits[0]) for h in seeded), "same": sum(p == 0 for p in pairs),
            "least": min(pairs), "mean": float(np.mean(pairs)), "draws": ",".join(draws),
            "hits": (min(counts), max(counts)), "ms0": ms[0], "ms": float(np.mean([ms[s] for s in range(1, n + 1)])),
            "pairs": pairs, "odd": odd, **meter}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--before", action="store_true", help="one draw at TAKE_TEMPERATURE, as before the floor")
    p.add_argument("--seeds", type=int, default=4, help="seeds 1..N against seed 0 and each other")
    p.add_argument("--gmd", help="Groove MIDI Dataset folder: also 400 of its validation windows as one part")
    args = p.parse_args(argv)
    from reagroove.core.takes import MIN_TAKE_CHANGE
    from reagroove.models.drummer import default_engine

    engine = default_engine(patterns_path=None)
    kept: list = []
    if args.before:
        takes.draws_take = lambda settings: False
    else:
        draw_take = takes.draw_take

        def recording(*args, **kw):
            out = draw_take(*args, **kw)
            kept.append(out[1:])
            return out

        takes.draw_take = recording
    with tempfile.TemporaryDirectory() as tmp:
        parts = band_parts(Path(tmp))
        parts += [(p.stem, p) for p in sorted(EXAMPLES.glob("*.mid"))]
        parts += [(f"{num}/{den} built", build_part(Path(tmp) / f"{num}_{den}.mid", num, den))
                  for num, den in [(6, 8), (5, 4), (7, 8)]]
        n = args.seeds
        print(f"seeds 1..{n} at default settings ({'before: one draw at TAKE_TEMPERATURE' if args.before else 'now'}); "
              f"floor MIN_TAKE_CHANGE {MIN_TAKE_CHANGE:.0%}")
        print(f"{'part':<17}{'vs seed 0':>10}{'same pairs':>11}{'least':>7}{'mean':>7}  {'draws':<20}{'hits':>10}"
              f"{'downbeat':>9}{'backbeat':>9}{'odd':>10}{'clash/3 hands/crash':>21}{'ms 0':>7}{'ms 1..N':>8}")
        rows = []
        for name, path in parts:
            f = run(engine, path, n, kept)
            rows.append(f)
            print(f"{name:<17}{f['vs0']:>10.1%}{f['same']:>11d}{f['least']:>7.1%}{f['mean']:>7.1%}  {f['draws']:<20}"
                  f"{f['hits'][0]:>5.2f}-{f['hits'][1]:<4.2f}{f['down']:>9.0%}{f['back']:>9.0%}"
                  f"{'{:.0%}/{:.0%}'.format(*f['odd']):>10}"
                  f"{'/'.join(str(f[k]) for k in ('clash', 'over', 'stray')):>21}{f['ms0']:>7.1f}{f['ms']:>8.1f}")
    pairs = [p for f in rows for p in f["pairs"]]
    print(f"\n{len(rows)} parts: {sum(f['same'] > 0 for f in rows)} with two seeds playing identical drums "
          f"({sum(f['same'] for f in rows)} of {len(pairs)} pairs), {sum(f['vs0'] == 0 for f in rows)} with a seed "
          f"playing seed 0's; pairwise differ by {np.mean(pairs):.1%} (mean), {np.min(pairs):.1%} (least); "
          f"vs seed 0 least {min(f['vs0'] for f in rows):.1%}, "
          f"parts under the floor {sum(f['vs0'] < MIN_TAKE_CHANGE for f in rows)}; "
          f"seed pairs under the floor {sum(p < MIN_TAKE_CHANGE for p in pairs)}")
    print(f"seeded takes: downbeat kick {np.mean([f['down'] for f in rows]):.0%}, backbeat "
          f"{np.mean([f['back'] for f in rows]):.0%} of bars (least part {min(f['back'] for f in rows):.0%}), odd bars "
          f"{np.mean([f['odd'][0] for f in rows]):.1%} (seed 0 {np.mean([f['odd'][1] for f in rows]):.1%}), "
          f"hits {min(f['hits'][0] for f in rows):.2f}-{max(f['hits'][1] for f in rows):.2f}x seed 0's, "
          f"clashes/3 hands/stray crashes {sum(f['clash'] for f in rows)}/{sum(f['over'] for f in rows)}/"
          f"{sum(f['stray'] for f in rows)}; drumify {np.median([f['ms0'] for f in rows]):.1f} ms at seed 0, "
          f"{np.median([f['ms'] for f in rows]):.1f} ms seeded (medians)")
    if args.gmd:
        gmd_seeds(engine, args.gmd, kept)
    return 0


def gmd_seeds(engine, folder: str, kept: list, windows: int = 400) -> None:
    """Seeds 0, 1, 2 on GMD validation windows drumified as one part, by each network."""
    from reagroove.core.dataset import load_dataset
    from reagroove.models import metrics

    ds = load_dataset(folder).subset("validation")
    ds = ds.select(ds.grooves[..., 0].sum(-1) >= 4)
    ds = ds.select(np.random.default_rng(0).permutation(len(ds))[:windows])
    print(f"\n{len(ds.grooves)} GMD validation windows as one part")
    for drum_part in (False, True):
        hits, draws, music = {}, {}, []
        for s in (0, 1, 2):
            kept.clear()
            loops = engine.drumify_grooves(ds.grooves, Settings(seed=s), drum_part=drum_part).loops
            hits[s], draws[s] = loops[..., :9] > 0.5, (kept[-1] if kept else None)
            if s:
                music.append(metrics.musicality(loops))
        line = lambda a, b: f"{(a != b).any((1, 2)).mean():.0%} of loops, {hit_change(a, b):.1%} of hits"  # noqa: E731
        print(f"{'drum-part' if drum_part else 'band'} network: seed 1 vs 0 {line(hits[1], hits[0])}; seed 1 vs 2 "
              f"{line(hits[1], hits[2])}; draws kept {draws[1]}, {draws[2]}; seeds 1, 2: backbeat "
              f"{np.mean([m['backbeat'] for m in music]):.0%} of bars "
              f"(seed 0 {metrics.musicality(hits[0])['backbeat']:.0%}), hat clash "
              f"{max(m['hat_clash'] for m in music):.3f}, 3+ hands {max(m['over_two_hands'] for m in music):.3f}, "
              f"8+ kicks {max(m['busy_kick'] for m in music):.3f}, odd bars {odd_bars(hits[1]):.1%}, "
              f"{odd_bars(hits[2]):.1%} (seed 0 {odd_bars(hits[0]):.1%})")


if __name__ == "__main__":
    raise SystemExit(main())
