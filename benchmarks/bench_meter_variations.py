"""Do variations and seeds change the drums in meters other than 4/4?

    python benchmarks/bench_meter_variations.py [--model-frame]

For the 4/4 funk example, the 3/4 piano waltz example and parts built here
with mido (6/8, 12/8, 5/4, 7/8: a bass note on each beat's downbeat, keys on
8ths with gaps, 8 bars), drumified with the shipped model as `reagroove drumify`
does (`default_engine`, default settings), it prints:

- variations: the mean (and least) pairwise share of differing hits among
  `--variations 4` (hits that differ over the larger version's hits, as the
  engine's own check `takes.closest` counts them); "as drawn": the same with the
  engine's redraws turned off (REDRAWS = 0), the takes seed + 1, 2, 3 as the
  model and the meter mapping made them (a redraw replaces a take too close
  to another with a farther one, often an odd one: open hats, a ride on the 1);
- seed 1 vs 2: the share of differing hits between `--seed 1` and `--seed 2`;
- what keeps the meter, over all those versions' bars: a kick on the bar's
  downbeat, a snare on one of the meter's backbeats (the beats that play the
  loop's beats 2 and 4: 3/4 beats 2 and 3, 6/8 the 4th 8th, 12/8 dotted beats
  2 and 4), kicks on the meter's other beats (a waltz has none on 2 and 3), and
  whether one drummer plays it (hat clashes, steps with 3+ hands, crashes
  off a window's first step).

With --model-frame the mapping onto the bars is skipped (the engine's
loops_to_bars patched to hand the 4/4 loops back): how much the model's own
versions differ before the meter's mapping sees them (the meter columns then
read 4/4 loops against the song's bars and mean nothing).

Figures (shipped model): with a take's 16th hats kept as triplet 8ths (fdc75e0,
no sextuplets), every 6/8 and 12/8 take played the same 12 triplet 8ths a bar:
as drawn 11.3% (6/8) and 8.9% (12/8), seed 1/2 in 6/8 0% on the test's part.
With the hi-hat opened on the let where a take's hats push the 16th "a" into
a beat (meter._open_pushes): as drawn 31.6% and 25.0%, least after redraws
19.8% and 15.7%, seed 1/2 28.8% and 40.9%; the meter columns unchanged.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

import mido
import numpy as np

from reagroove.core.limbs import CLOSED_HAT, CRASH, HANDS, KICK, OPEN_HAT, SNARE
from reagroove.core.meter import bars_beats, kick_beats, beat_groups
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.core.takes import hit_change

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def build_part(path: Path, num: int, den: int, n_bars: int = 8, seed: int = 0) -> Path:
    """A bass/keys part in num/den, written with mido: bass on each beat's downbeat (dotted quarters in
    6/8, 12/8; 7/8 as 2+2+3), keys on the 8ths with gaps, velocities and timing a little loose."""
    rng = np.random.default_rng(seed)
    tpb = 480
    eighth = tpb // 2
    bar_eighths = num * 8 // den
    if den == 8 and num % 3 == 0:
        beats = list(range(0, bar_eighths, 3))
    elif den == 8:
        beats = [0, 2, 4] if num == 7 else list(range(0, bar_eighths, 2))
    else:
        beats = list(range(0, bar_eighths, 2))
    events = []
    for bar in range(n_bars):
        base = bar * bar_eighths * eighth
        for b in beats:
            events.append((base + b * eighth, 40 if b == 0 else 43, 110 if b == 0 else 90, tpb // 2))
        for e in range(bar_eighths):
            if e in beats or rng.random() < 0.7:
                jitter = int(rng.integers(-8, 9))
                events.append((max(base + e * eighth + jitter, 0), int(rng.choice([64, 67, 71])), int(rng.integers(50, 80)),
                               eighth // 2))
    mf = mido.MidiFile(type=1, ticks_per_beat=tpb)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(110)),
                           mido.MetaMessage("time_signature", numerator=num, denominator=den), mido.MetaMessage("end_of_track")])
    msgs = sorted([(on, 1, mido.Message("note_on", note=p, velocity=v)) for on, p, v, _ in events]
                  + [(on + d, 0, mido.Message("note_off", note=p, velocity=0)) for on, p, v, d in events],
                  key=lambda m: (m[0], m[1]))
    track, now = mido.MidiTrack(), 0
    for t, _, m in msgs:
        track.append(m.copy(time=t - now))
        now = t
    track.append(mido.MetaMessage("end_of_track"))
    mf.tracks += [meta, track]
    mf.save(path)
    return path



def meter_figures(versions: np.ndarray, meters, first_bars) -> dict[str, float]:
    """Per bar of every version (versions (V, W, 32, 9) bool on the real grid) from bar 1 (a pickup is a
    lead-in fill): downbeat kick, backbeat, kicks on the meter's other beats, and one drummer's limbs."""
    down = back = bars = off_kicks = other_beats = clash = over = stray = 0
    for v in versions:
        for w, hits in enumerate(v):
            clash += int((hits[:, CLOSED_HAT] & hits[:, OPEN_HAT]).sum())
            over += int((hits[:, HANDS].sum(-1) > 2).sum())
            stray += int(hits[1:, CRASH].sum())
            if first_bars[w] < 1:
                continue
            beats = bars_beats(None if meters is None else meters[w])
            for bar in beats:
                if bar[0].start >= 32:
                    continue
                bars += 1
                down += bool(hits[bar[0].start, KICK])
                back += any(hits[b.start, SNARE] for b in bar if b.source % 2 == 1 and b.start < 32)
            for group in beat_groups(beats):
                keep = kick_beats(group)
                if len(keep) == len(group):
                    continue
                for i, b in enumerate(group):
                    if i not in keep and b.start < 32:
                        other_beats += 1
                        off_kicks += bool(hits[b.start, KICK])
    return {"down": down / max(bars, 1), "back": back / max(bars, 1),
            "off_kicks": off_kicks / other_beats if other_beats else float("nan"),
            "clash": clash, "over": over, "stray": stray}


def pairwise(versions: np.ndarray) -> list[float]:
    return [hit_change(versions[i], versions[j]) for i, j in itertools.combinations(range(len(versions)), 2)]


def run(engine, path: Path, n: int = 4) -> dict:
    from reagroove.core import takes

    content = read_midi(path)
    settings = Settings()
    res = engine.drumify(content, settings)
    vers = engine.variations_of(res, settings, n, phrase_start=1)[..., :9] > 0.5
    pairs = pairwise(vers)
    redraws, takes.REDRAWS = takes.REDRAWS, 0
    try:
        drawn = pairwise(engine.variations_of(res, settings, n, phrase_start=1)[..., :9] > 0.5)
    finally:
        takes.REDRAWS = redraws
    s1 = engine.drumify(content, Settings(seed=1)).loops[..., :9] > 0.5
    s2 = engine.drumify(content, Settings(seed=2)).loops[..., :9] > 0.5
    meter = meter_figures(np.concatenate([vers, s1[None], s2[None]]), res.meters, res.bars)
    return {"mean": float(np.mean(pairs)), "least": float(np.min(pairs)), "seed": hit_change(s1, s2),
            "drawn_mean": float(np.mean(drawn)), "drawn_least": float(np.min(drawn)),
            "hits": float(vers.sum() / n), **meter}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model-frame", action="store_true", help="skip the mapping onto the bars (the model's own loops)")
    args = p.parse_args(argv)
    from reagroove.models.drummer import default_engine

    engine = default_engine(patterns_path=None)
    if args.model_frame:
        import reagroove.core.engine as eng

        eng.loops_to_bars = lambda loops, bars: loops
    with tempfile.TemporaryDirectory() as tmp:
        parts = [("4/4 funk_bass", EXAMPLES / "funk_bass.mid"), ("3/4 piano_waltz", EXAMPLES / "piano_waltz.mid")]
        for num, den in [(6, 8), (12, 8), (5, 4), (7, 8)]:
            parts.append((f"{num}/{den} built", build_part(Path(tmp) / f"{num}_{den}.mid", num, den)))
        print(f"{'part':<17}{'variations mean':>16}{'least':>7}{'as drawn':>10}{'least':>7}{'seed 1/2':>9}{'hits':>6}   "
              f"{'downbeat kick':>13}{'backbeat':>9}{'kick other beats':>17}{'clash/3 hands/stray crash':>27}")
        for name, path in parts:
            f = run(engine, path)
            print(f"{name:<17}{f['mean']:>16.1%}{f['least']:>7.1%}{f['drawn_mean']:>10.1%}{f['drawn_least']:>7.1%}"
                  f"{f['seed']:>9.1%}{f['hits']:>6.0f}   "
                  f"{f['down']:>13.0%}{f['back']:>9.0%}{f['off_kicks']:>17.0%}"
                  f"{'/'.join(str(f[k]) for k in ('clash', 'over', 'stray')):>27}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
