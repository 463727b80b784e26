"""How far bars drummed again (`--bars`) are from the whole song's drums in the same bars.

For each band song (its drums left out), drums the whole file, then ranges of 16 bars from bars 9, 17 and 26 (an
odd start too), and counts the hits (voice, 16th) one has and the other lacks, over the range's hits, and the hits
both play at velocities more than 2 of 127 apart.

    python benchmarks/bench_bar_range.py --band ../shared/data/freedoom-midi [--songs 30] [--variations 4]

With --variations N, also times N versions of each range (Engine.variations_of: the whole song's versions there,
core/range_versions.py) against N versions of the whole song. Prints per-range figures and the total; run with
PYTHONPATH pointing at an older checkout to compare."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.models.drummer import default_engine

RANGES = ((9, 24), (17, 32), (26, 41))


def played(res, lo: float = -np.inf, hi: float = np.inf) -> set[tuple[int, int, int]]:
    """The hits a result writes between beats lo and hi: (16th from the file's start, voice, velocity 0-127)."""
    return res.written_hits(lo, hi)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--band", type=Path, required=True, help="folder of band songs with drums (MIDI)")
    ap.add_argument("--songs", type=int, default=30, help="how many songs, spread over the folder (default 30)")
    ap.add_argument("--variations", type=int, default=0, help="time N versions of each range and of each song")
    args = ap.parse_args(argv)
    files = sorted(args.band.glob("*.mid"))
    if not files:
        print(f"no .mid files in {args.band}", file=sys.stderr)
        return 2
    files = [files[int(i * len(files) / args.songs)] for i in range(min(args.songs, len(files)))]
    engine, settings = default_engine(), Settings()
    differ = total = ranges = exact = louder = 0
    took = {"range": 0.0, "song": 0.0, "songs": 0}  # --variations' seconds for the ranges', the whole songs' versions
    for path in tqdm(files, desc="songs", unit="song"):
        song = read_midi(path)  # (its own drums are left out of the input)
        try:
            whole = engine.drumify(song, settings)
        except Exception as exc:  # noqa: BLE001 (a song the engine refuses is left out, said)
            tqdm.write(f"{path.name}: {exc}")
            continue
        if args.variations:
            t = time.perf_counter()
            engine.variations_of(whole, settings, args.variations)
            took["song"] += time.perf_counter() - t
            took["songs"] += 1
        for bars in RANGES:
            try:
                part = engine.drumify(song, settings, bars=bars)
            except Exception:  # noqa: BLE001 (bars past the song's end)
                continue
            if not len(part.starts):
                continue
            lo, hi = float(part.starts[0]), float(part.starts[-1] + part.spans[-1])
            a, b = played(part), played(whole, lo, hi)
            va, vb = ({(s, v): vel for s, v, vel in x} for x in (a, b))
            differ += len(va.keys() ^ vb.keys())
            louder += sum(abs(va[k] - vb[k]) > 2 for k in va.keys() & vb.keys())
            total += len(va)
            ranges += 1
            exact += a == b
            if args.variations:
                t = time.perf_counter()
                engine.variations_of(part, settings, args.variations)
                took["range"] += time.perf_counter() - t
    print(f"{ranges} ranges of {len(files)} songs: {exact} ({exact / max(ranges, 1):.0%}) play the whole song's drums "
          f"exactly; hits one plays and the other not {differ} of {total} ({differ / max(total, 1):.1%}); "
          f"hits at another velocity (over 2 of 127 apart) {louder} ({louder / max(total, 1):.1%})")
    if args.variations:
        print(f"{args.variations} versions: of a range {took['range'] / max(ranges, 1):.2f} s on average, of a whole song "
              f"{took['song'] / max(took['songs'], 1):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
