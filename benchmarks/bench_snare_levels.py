"""How loud snares off beats 2 and 4 play against the same bar's backbeat: GMD's drummers, freedoom's sequenced
drums, and ReaGroove's drums (no genre) over freedoom's bands (their own drums left out), by 16th of the bar.

    python benchmarks/bench_snare_levels.py [--band ../shared/data/freedoom-midi] [--gmd ../shared/data/groove-midi]
                                            [--drums DIR]

Every snare (GM 37, 38, 40) on a 16th of a 4/4 bar with the snare on 2 or 4, off those two, is read as its
velocity over the mean of the bar's backbeat snares; bars with a tom are left out (a fill), as are GMD's fills and
its latin and reggae drummers (no backbeat to play under). Each is counted "lone" or "busy" (fewer than 3, or 3 or
more, off the backbeat in its bar) and "repeated" or "once" (the bar before or after it plays a snare on the same 16th or not):
core/snare_levels.py's cells. Printed: the median share by 16th, lone and busy, repeated and once; for ReaGroove,
the share of its snares at 0.9 of the backbeat or more and at 100 or more, and d_e2m5's and d_dm08's.

--drums DIR reads ReaGroove's drums already written there (DIR/<song>.mid); without it the songs are drummed with
the code on PYTHONPATH (run it with an older checkout there to compare).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

SNARES = (37, 38, 40)
TOMS = (41, 43, 45, 47, 48, 50, 58)
DRUM_CHANNEL = 9
BACKBEAT = (4, 12)
BUSY = 3
NAMES = ("1", "e", "&", "a", "2", "e", "&", "a", "3", "e", "&", "a", "4", "e", "&", "a")


def bars_of(notes, grid) -> list[tuple[dict[int, int], bool]]:
    """Per bar of a drum track: ({16th: loudest snare}, a tom struck); None for a bar not in 4/4."""
    lines = np.asarray(grid.lines, np.float64)
    out = []
    for i in range(len(lines) - 1):
        if tuple(grid.meters[i]) != (4, 4) or abs(lines[i + 1] - lines[i] - 4) > 1e-6:
            out.append(None)
            continue
        m = (notes.start >= lines[i] - 0.125) & (notes.start < lines[i + 1] - 0.125)
        pos = (notes.start[m] - lines[i]) * 4
        step = np.rint(pos).astype(int)
        snares: dict[int, int] = {}
        for s, p, v, near in zip(step, notes.pitch[m], notes.velocity[m], np.abs(pos - step) < 0.2):
            if p in SNARES and near and 0 <= s < 16:
                snares[int(s)] = max(snares.get(int(s), 0), int(v))
        out.append((snares, bool(np.isin(notes.pitch[m], TOMS).any())))
    return out


def shares(bars) -> list[tuple[int, bool, bool, float, int]]:
    """(16th, busy, repeated, share of the backbeat, velocity) of each snare off the backbeat in bars_of's bars."""
    out = []
    for i, bar in enumerate(bars):
        if bar is None or bar[1]:
            continue
        snares = bar[0]
        backbeat = [snares[s] for s in BACKBEAT if s in snares]
        if not backbeat:
            continue
        ref = float(np.mean(backbeat))
        off = [s for s in snares if s not in BACKBEAT]
        around = [bars[j][0] for j in (i - 1, i + 1) if 0 <= j < len(bars) and bars[j] is not None]
        out.extend((s, len(off) >= BUSY, any(s in b for b in around), snares[s] / ref, snares[s]) for s in off)
    return out


def gmd_shares(root: str) -> list[tuple[int, bool, bool, float, int]]:
    """shares() over GMD's beats (each 2-bar window's first bar; the bar before it from the window before, its
    second the bar after), backbeat genres."""
    from reagroove.core.dataset import GMD_STYLES, load_dataset
    from reagroove.core.genres import STYLE_TO_GENRE
    from reagroove.core.loop import N_VOICES

    ds = load_dataset(root)
    hit, vel = ds.hvo[:, :, 1] > 0.5, ds.hvo[:, :, N_VOICES + 1]
    toms = (ds.hvo[:, :16, 4:7] > 0.5).any((1, 2))
    genre = np.array([STYLE_TO_GENRE[s] for s in GMD_STYLES])[ds.style]
    # (bars with a tom kept: GMD's beats hold few, and its fills are labelled; core/snare_levels.py's figures)
    keep = ~ds.is_fill & ~np.isin(genre, ("latin", "reggae")) & hit[:, 4] & hit[:, 12]
    at = {(int(f), int(b)): i for i, (f, b) in enumerate(zip(ds.file_index, ds.bar))}
    before = np.array([at.get((int(f), int(b) - 1), -1) for f, b in zip(ds.file_index, ds.bar)])
    around = hit[:, 16:] | np.where((before >= 0)[:, None], hit[before, :16], False)
    out = []
    for i in np.flatnonzero(keep):
        ref = (vel[i, 4] + vel[i, 12]) / 2
        off = [s for s in np.flatnonzero(hit[i, :16]) if s not in BACKBEAT]
        out.extend((int(s), len(off) >= BUSY, bool(around[i, s]), vel[i, s] / ref, int(round(vel[i, s] * 127)))
                   for s in off)
    print(f"GMD: {keep.sum()} bars, {len(out)} snares off the backbeat ({int(toms[keep].sum())} bars with a tom kept)")
    return out


def table(rows, title: str) -> dict:
    """Print and return {(busy, repeated): (16,) medians (nan: under 20)}."""
    print(f"{title}: {len(rows)} snares off the backbeat")
    print(f"  {'':15s}" + " ".join(f"{n:>4s}" for n in NAMES))
    out = {}
    for busy in (False, True):
        for rep in (True, False):
            cells = np.full(16, np.nan)
            for s in range(16):
                x = [r[3] for r in rows if r[0] == s and r[1] == busy and r[2] == rep]
                if len(x) >= 20:
                    cells[s] = np.median(x)
            out[busy, rep] = cells
            name = f"{'busy' if busy else 'lone'}, {'repeated' if rep else 'once'}"
            print(f"  {name:15s}" + " ".join("  bb" if s in BACKBEAT else "   -" if np.isnan(c) else f"{c:4.2f}"
                                            for s, c in enumerate(cells)))
    return out


def summary(rows, drummers: dict, title: str) -> None:
    x = np.array([r[3] for r in rows])
    v = np.array([r[4] for r in rows])
    if not len(x):
        print(f"{title}: none")
        return
    over = [r[3] / drummers[r[1], r[2]][r[0]] for r in rows if not np.isnan(drummers[r[1], r[2]][r[0]])]
    print(f"{title}: {len(x)} snares, median {np.median(x):.2f} of the backbeat, {np.mean(x >= 0.9):.0%} at 0.9 or "
          f"more, {np.mean(v >= 100):.0%} at velocity 100 or more; over GMD's drummers' median in its cell: "
          f"median {np.median(over):.2f}, {np.mean(np.array(over) > 1.25):.0%} above 1.25 of it")


def ours(band: Path, drums: Path | None):
    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.groove import bar_grid
    from reagroove.core.midi import read_midi

    engine = settings = None
    per_song = {}
    for path in sorted(band.glob("*.mid")):
        content = read_midi(path)
        if drums is not None:
            if not (drums / path.name).is_file():
                continue
            written = read_midi(drums / path.name)
        else:
            if engine is None:
                from reagroove.core.settings import Settings
                from reagroove.models.drummer import default_engine
                engine, settings = default_engine(), Settings()
            try:
                res = engine.drumify(content, settings)
            except ReaGrooveError:
                continue
            written = _written(res, content)
        notes = written.notes
        per_song[path.stem] = shares(bars_of(notes, bar_grid(written.time_signatures, written.end_beat)))
    return per_song


def _written(res, content):
    """The drums a result writes, read back as a MIDI file (what a producer gets)."""
    import tempfile

    from reagroove.core.loop import Loop
    from reagroove.core.midi import read_midi
    from reagroove.core.midi_write import write_loops

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "drums.mid"
        write_loops(out, [Loop.from_hvo(h) for h in res.loops], tempos=content.tempos,
                    time_signatures=content.time_signatures, starts=res.starts, spans=res.spans,
                    cross_sticks=res.cross_sticks)
        return read_midi(out)


def main(argv=None) -> int:
    here = Path(__file__).resolve().parents[2] / "shared/data"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--band", type=Path, default=here / "freedoom-midi")
    ap.add_argument("--gmd", default=str(here / "groove-midi"))
    ap.add_argument("--drums", type=Path, default=None, help="ReaGroove's drums already written, DIR/<song>.mid")
    args = ap.parse_args(argv)
    from reagroove.core.groove import bar_grid
    from reagroove.core.midi import read_midi

    drummers = table(gmd_shares(args.gmd), "GMD's drummers (beats; median share of the bar's backbeat)")
    theirs = []
    for path in sorted(args.band.glob("*.mid")):
        content = read_midi(path)
        drums = content.notes.channel == DRUM_CHANNEL
        if drums.any():
            notes = content.notes
            kept = type(notes)(*(getattr(notes, f)[drums] for f in ("start", "end", "pitch", "velocity", "channel",
                                                                       "track")))
            theirs += shares(bars_of(kept, bar_grid(content.time_signatures, content.end_beat)))
    table(theirs, "freedoom's drums (sequenced)")
    summary(theirs, drummers, "freedoom's drums")
    per_song = ours(args.band, args.drums)
    rows = [r for song in per_song.values() for r in song]
    table(rows, f"ReaGroove, no genre, over {len(per_song)} freedoom bands")
    summary(rows, drummers, "ReaGroove")
    for song in ("d_e2m5", "d_dm08"):
        if song in per_song:
            summary(per_song[song], drummers, f"  {song}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
