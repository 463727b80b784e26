"""Sections not played softer for softer notes added: velocity of correct hits on held-out band songs without and
with `dynamics.band_level`, and a ballad building up.

    python benchmarks/bench_band_level.py [--band ../shared/data/freedoom-midi]

Each held-out song (the training's hash split) is played as `reagroove evaluate` plays it (one take per 2-bar
phase, at its swing); band_level then takes each song's 8-bar blocks as its sections (the songs carry no
markers). Printed: velocity MAE and mean signed error (drums minus the song's drummer) on correct hits, each
way, the share of windows raised, and how far the songs' drummers' level moves from window to window within a
song (what a validation set would need to judge a drummer following an arrangement's build). Then the bundled-style ballad
of tests/test_band_level.py: held chords throughout, a soft arpeggio joining in bar 5, the backbeat's velocity
per bar from `reagroove drumify`'s engine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--band", default="../shared/data/freedoom-midi")
    args = ap.parse_args()

    from reagroove.core.bandset import load_band_windows
    from reagroove.core.dynamics import band_level, section_lift
    from reagroove.core.sections import file_takes
    from reagroove.models.evaluate_band import play_parts

    bw = load_band_windows(args.band).split_by_file(0.15)[1]
    true = bw.hvo
    onsets = play_parts(bw.grooves, bw.file_index, file_takes(bw.file_index, bw.bar), bass=bw.bass)
    both = (onsets[..., :9] > 0) & (true[..., :9] > 0)
    print(f"{len(np.unique(bw.file_index))} held-out songs, {len(bw)} windows, {int(both.sum())} correct hits")
    sections = bw.file_index.astype(np.int64) * 10_000 + (bw.bar - 1) // 8
    leveled = band_level(onsets, section_lift(bw.grooves, bw.sounding, sections))
    for name, loops in (("without", onsets), ("band_level", leveled)):
        d = (loops[..., 9:18] - true[..., 9:18])[both]
        print(f"  {name:10s} velocity MAE {np.abs(d).mean():.5f}, signed {d.mean():+.4f}")
    raised = (leveled[..., 9:18] > onsets[..., 9:18] + 1e-6).any((1, 2))
    print(f"  windows raised: {raised.mean():.1%}")
    level = np.where(true[..., :9] > 0, true[..., 9:18], np.nan).reshape(len(true), -1)
    per_window = np.nanmean(level, 1)
    moves = [np.abs(per_window[bw.file_index == f] - per_window[bw.file_index == f].mean()).mean()
             for f in np.unique(bw.file_index)]
    print(f"  the songs' drummers' level moves by {np.mean(moves):.3f} from window to window within a song")

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from conftest import save_tracks
    from test_band_level import backbeat_velocity, ballad

    from reagroove.core import read_midi
    from reagroove.core.settings import Settings
    from reagroove.models.drummer import default_engine

    with tempfile.TemporaryDirectory() as tmp:
        path = ballad(lambda tracks, name, **kw: save_tracks(Path(tmp) / name, tracks, **kw))
        res = default_engine().drumify(read_midi(path), Settings())
    print("ballad (held chords at 80, a soft arpeggio at 55 from bar 5): backbeat velocity per bar")
    print("  " + " ".join(f"bar {b}: {round(127 * backbeat_velocity(res.loops, [b]))}" for b in range(1, 9)))


if __name__ == "__main__":
    main()
