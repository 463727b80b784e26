"""Drums in meters other than 4/4: do the loops follow the bar?

For each meter, parts are generated (a bass note on each downbeat, chords on
the other beats, an 8th-note rhythm part with gaps; velocities and timing
jittered, seeded), drumified with the shipped model, written as MIDI and
read back. Per bar of the written drums (from bar 1: a pickup is a lead-in) it prints:

- downbeat kick: share of bars with a kick on beat 1;
- backbeat: share of bars with a snare where the meter has its backbeat
  (4/4: beat 2 or 4; 3/4: beat 2 or 3; 2/4: beat 2; 6/8: the 4th 8th;
  12/8: dotted beat 2 or 4);
- kicks/bar: kicks per bar (a waltz drummer plays one or two: the 1, maybe
  a pickup into the next bar; 6/8 likewise; 12/8 two: beats 1 and 3);
- kick off-1: share of the bar's other beats with a kick on them (a kick
  within an 8th of the beat; 12/8 counts beat 3 too, where its kick may be);
  the 4/4 row is the model's own feel, for reference;
- bar-length errors: windows whose written length differs from the bars
  they play, plus 1 if the drums file's time signatures differ from the
  input's.

The same parts drumified without the meter adapter (each window 8 beats of
4/4, cut where the next starts: what ReaGroove did before) are printed
beside it. With --files, real songs (e.g. the freedoom set) are measured too.

Run: python benchmarks/bench_meter.py [--parts 8] [--bars 16] [--files /work/shared/data/freedoom-midi/d_bunny.mid ...]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from reagroove.core.groove import bar_grid, extract_windows
from reagroove.core.midi import MidiContent, Notes, read_midi
from reagroove.core.midi_write import write_loops
from reagroove.core.settings import Settings

KICK, SNARE = 36, 38
METERS = {"4/4": (4, 4), "3/4": (3, 4), "2/4 in 4/4": None, "6/8": (6, 8), "12/8": (12, 8)}


def backbeats(num: int, den: int) -> list[float]:
    """Beats (quarter notes from the bar line) where the meter has its backbeat."""
    if den == 8 and num % 3 == 0:
        dotted = [1.5 * k for k in range(num // 3)]
        return [dotted[1]] if len(dotted) == 2 else dotted[1::2]
    return {4: [1.0, 3.0], 3: [1.0, 2.0], 2: [1.0]}.get(num * 4 // den, [1.0])


def beat_starts(num: int, den: int) -> list[float]:
    """Beats (quarter notes from the bar line) a drummer counts in the bar: dotted quarters in 6/8, 12/8."""
    step = 1.5 if den == 8 and num % 3 == 0 else 4.0 / den if den > 4 else 1.0
    return list(np.arange(0.0, num * 4.0 / den - 1e-9, step))


def make_part(sigs: list[tuple[float, int, int]], n_bars: int, rng: np.random.Generator) -> MidiContent:
    grid = bar_grid(sigs, 0.0)
    while len(grid.lines) < n_bars + 1:
        grid = bar_grid(sigs, float(grid.lines[-1]) + 8)
    starts, pitches, vels = [], [], []
    for line, (num, den) in zip(grid.lines[:n_bars], grid.meters[:n_bars]):
        beat = 1.5 if den == 8 and num % 3 == 0 else 4.0 / den if den > 4 else 1.0
        length = num * 4.0 / den
        starts.append(line), pitches.append(40), vels.append(110)  # bass on the downbeat
        b = beat
        while b < length - 1e-9:
            starts.append(line + b), pitches.append(64), vels.append(75)  # chords on the other beats
            b += beat
        for e in np.arange(0.0, length, 0.5):
            if rng.random() < 0.7:
                starts.append(line + e), pitches.append(70), vels.append(int(rng.integers(45, 65)))
    starts = np.asarray(starts) + rng.normal(0, 0.01, len(starts)).clip(-0.03, 0.03)
    notes = Notes.from_lists(np.maximum(starts, 0), pitches, vels)
    end = float(grid.lines[n_bars])
    return MidiContent("part.mid", notes, 480, [(0.0, 110.0)], list(sigs), end, [])


def measure(engine, content: MidiContent, settings: Settings, adapt: bool, out: Path) -> dict:
    wins = extract_windows(content)
    res = engine.drumify_grooves(wins.grooves, settings, starts=wins.starts, bars=wins.bars,
                                 meters=wins.meters if adapt else None)
    write_loops(out, res.as_loops(), tempos=content.tempos, time_signatures=content.time_signatures,
                starts=res.starts, spans=res.spans)
    drums = read_midi(out)
    grid = bar_grid(content.time_signatures, content.end_beat)
    lines = grid.lines[grid.lines < content.end_beat - 1e-9]
    first = grid.first_bar  # from bar 1: a pickup bar is a lead-in (a short fill), not a bar of the groove
    length_errors = 0
    for start, span, bars in zip(res.starts, res.spans, wins.meters):
        if bars is not None:
            last = bars[-1]
            length_errors += abs(span - (last[0] + last[1] * 4.0 / last[2])) > 1e-6
    length_errors += drums.time_signatures != content.time_signatures
    n = drums.notes
    down = back = kicks = other_beats = other_kicks = 0
    for i, line in enumerate(lines[first:], first):
        num, den = grid.meters[i]
        near = lambda pitch, beat: bool(np.any((n.pitch == pitch) & (np.abs(n.start - (line + beat)) < 0.13)))  # noqa: E731
        down += near(KICK, 0.0)
        back += any(near(SNARE, b) for b in backbeats(num, den))
        end = line + num * 4.0 / den
        kicks += int(np.sum((n.pitch == KICK) & (n.start >= line - 0.13) & (n.start < end - 0.13)))
        others = beat_starts(num, den)[1:]
        other_beats += len(others)
        other_kicks += sum(near(KICK, b) for b in others)
    return {"bars": len(lines) - first, "down": down, "back": back, "errors": length_errors, "kicks": kicks,
            "other_beats": other_beats, "other_kicks": other_kicks}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--parts", type=int, default=8, help="generated parts per meter")
    ap.add_argument("--bars", type=int, default=16, help="bars per part")
    ap.add_argument("--files", nargs="*", default=[], help="real songs to measure as well")
    args = ap.parse_args()
    from reagroove.models.drummer import default_engine

    engine = default_engine(patterns_path=None)
    settings = Settings()
    print(f"{'meter':<12}{'bars':>6}  {'downbeat kick':>14}{'backbeat':>10}{'kicks/bar':>10}{'kick off-1':>11}"
          f"{'length errors':>15}   before: downbeat, backbeat, kicks/bar, kick off-1, errors")
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for name, meter in METERS.items():
            rng = np.random.default_rng(1)
            sigs = [(0.0, *meter)] if meter else [(0.0, 4, 4), (12.0, 2, 4), (14.0, 4, 4), (30.0, 2, 4), (32.0, 4, 4)]
            rows.append((name, [make_part(sigs, args.bars, rng) for _ in range(args.parts)]))
        for path in args.files:
            rows.append((Path(path).name, [read_midi(path)]))
        for name, parts in rows:
            after = [measure(engine, p, settings, True, Path(tmp) / "a.mid") for p in parts]
            before = [measure(engine, p, settings, False, Path(tmp) / "b.mid") for p in parts]
            tot = lambda ms, k: sum(m[k] for m in ms)  # noqa: E731
            bars = tot(after, "bars")
            off = lambda ms: tot(ms, "other_kicks") / max(tot(ms, "other_beats"), 1)  # noqa: E731
            print(f"{name:<12}{bars:>6}  {tot(after, 'down') / bars:>14.0%}{tot(after, 'back') / bars:>10.0%}"
                  f"{tot(after, 'kicks') / bars:>10.2f}{off(after):>11.0%}"
                  f"{tot(after, 'errors'):>15d}   {tot(before, 'down') / bars:.0%}, {tot(before, 'back') / bars:.0%},"
                  f" {tot(before, 'kicks') / bars:.2f}, {off(before):.0%}, {tot(before, 'errors')}")


if __name__ == "__main__":
    main()
