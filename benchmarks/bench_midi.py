"""Reading a 1 MB MIDI file and extracting all its grooves: median wall time.

Makes a dense ~1 MB type-1 file (4 tracks, piano chords, bass, drums and hat
pedal controllers, tempo changes) in a temporary folder, then times
read_midi + extract_windows. Run: python benchmarks/bench_midi.py [--repeat 15]
"""

import argparse
import os
import statistics
import tempfile
import time

import mido
import numpy as np

from reagroove.core import extract_windows, read_midi


def make_file(path: str, target_bytes: int = 1_000_000) -> None:
    rng = np.random.default_rng(0)
    mf = mido.MidiFile(type=1, ticks_per_beat=480)
    meta = mido.MidiTrack()
    meta.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(110)))
    meta.append(mido.MetaMessage("time_signature", numerator=4, denominator=4))
    mf.tracks.append(meta)
    per_track = target_bytes // 4
    for ch, (lo, hi, step) in enumerate([(48, 84, 60), (28, 52, 120), (35, 60, 60), (60, 96, 30)]):
        tr = mido.MidiTrack()
        size, now, tick = 0, 0, 0
        chan = 9 if ch == 2 else ch
        while size < per_track:
            tick += step
            pitch = int(rng.integers(lo, hi))
            tr.append(mido.Message("note_on", channel=chan, note=pitch, velocity=int(rng.integers(30, 127)), time=tick - now))
            if ch == 2:
                tr.append(mido.Message("control_change", channel=chan, control=4, value=int(rng.integers(0, 127)), time=0))
            tr.append(mido.Message("note_on", channel=chan, note=pitch, velocity=0, time=step // 2))
            now = tick + step // 2
            tick = now
            size += 9 if ch == 2 else 6
        mf.tracks.append(tr)
    mf.save(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "dense.mid")
        make_file(path)
        size = os.path.getsize(path)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            content = read_midi(path)
            wins = extract_windows(content)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        mido.MidiFile(path)
        t_mido = time.perf_counter() - t0
    print(f"file: {size / 1e6:.2f} MB, {len(content.notes)} notes, {len(wins)} windows")
    print(f"read + extract grooves: median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms over {args.repeat} runs")
    print(f"(for scale: mido.MidiFile alone parses it in {t_mido * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
