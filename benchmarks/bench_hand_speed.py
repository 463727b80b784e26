"""How fast one hand plays: where GMD's drummers run 16ths on the hi-hat or ride, by tempo, and what keeping
such runs short from each tempo does to the held-out band songs' F1 (core/hand_speed.py's thresholds).

    python benchmarks/bench_hand_speed.py [--gmd FOLDER] [--band ../shared/data/freedoom-midi]

(1) GMD train and validation 4/4 takes (the --gmd folder, or REAGROOVE_GMD), by 10-BPM band of their
tempo: the share of bars whose hat (closed, pedal and open as one line) or ride plays a run of 3+ and of 6+
16ths in a row. (2) The held-out freedoom songs (the training's hash split; never openmsx) played as
`reagroove evaluate` plays them, each window at its song's tempo there, with no rule and with runs kept to N
16ths from each tempo: F1 and hit ratio against the songs' drums.
"""

from __future__ import annotations

import argparse
import csv
import os
from collections import defaultdict
from pathlib import Path

import numpy as np

HAT = {42, 22, 44, 46, 26}
RIDE = {51, 59, 53}


def gmd_runs(folder: Path) -> None:
    import mido
    from tqdm import tqdm

    rows = [r for r in csv.DictReader(open(folder / "info.csv")) if r["time_signature"] == "4-4" and r["split"] != "test"]
    bands: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in tqdm(rows, desc="GMD takes", unit="take"):
        mid = mido.MidiFile(folder / r["midi_filename"])
        steps, t = [], 0
        for m in mido.merge_tracks(mid.tracks):
            t += m.time
            if m.type == "note_on" and m.velocity > 0:
                steps.append((round(t / mid.ticks_per_beat * 4), m.note))
        if not steps:
            continue
        band = min(int(r["bpm"]) // 10 * 10, 200)
        for bar in range(steps[-1][0] // 16 + 1):
            longest = 0
            for line in (HAT, RIDE):
                hit = np.zeros(16, bool)
                hit[[s - 16 * bar for s, n in steps if n in line and 16 * bar <= s < 16 * bar + 16]] = True
                run = 0
                for h in hit:
                    run = run + 1 if h else 0
                    longest = max(longest, run)
            b = bands[band]
            b[0], b[1], b[2] = b[0] + 1, b[1] + (longest >= 3), b[2] + (longest >= 6)
    print("GMD train + validation, 4/4: bars with a hat or ride run of 16ths, by tempo")
    for band in sorted(bands):
        n, three, six = bands[band]
        print(f"  {band:3d}{'+' if band == 200 else '-' + str(band + 9)} BPM  {n:5d} bars   3+ in a row {three / n:6.1%}"
              f"   6+ in a row {six / n:6.1%}")


def songs(folder: str) -> None:
    import reagroove.core.hand_speed as hs
    from reagroove.core.bandset import load_band_windows
    from reagroove.core.sections import file_takes
    from reagroove.models import metrics
    from reagroove.models.evaluate_band import play_parts

    bw = load_band_windows(folder).split_by_file(0.15)[1]
    plain = play_parts(bw.grooves, bw.file_index, file_takes(bw.file_index, bw.bar), bass=bw.bass)
    print(f"\n{len(np.unique(bw.file_index))} held-out songs, {len(bw)} windows; windows by tempo:",
          ", ".join(f"{lo}-{hi}: {int(((bw.bpm >= lo) & (bw.bpm < hi)).sum())}"
                    for lo, hi in ((0, 140), (140, 150), (150, 180), (180, 999))))
    shipped = dict(hs.LONGEST_RUN)
    try:
        for name, rule in (("no rule", {}), ("4 from 140", {140.0: 4}), ("4 from 150, 2 from 180 (shipped)", shipped),
                           ("4 from 160", {160.0: 4}), ("2 from 180", {180.0: 2})):
            hs.LONGEST_RUN.clear()
            hs.LONGEST_RUN.update(rule)
            s = metrics.micro_scores(hs.at_tempo(plain, bw.bpm)[0], bw.hvo)
            print(f"  {name:34s} F1 {s['f1']:.4f}   hit ratio {s['hit_ratio']:.3f}")
    finally:
        hs.LONGEST_RUN.clear()
        hs.LONGEST_RUN.update(shipped)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gmd", default=os.environ.get("REAGROOVE_GMD", "../shared/data/groove-midi"))
    ap.add_argument("--band", default="../shared/data/freedoom-midi")
    args = ap.parse_args()
    gmd_runs(Path(args.gmd))
    songs(args.band)


if __name__ == "__main__":
    main()
