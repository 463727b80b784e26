"""How often the drums catch the band's unison hits where the songs' own drummers catch them, and catch them
where the drummers do not.

For each band song with drums (its drums left out of the input), reads the bars where the band plays one to four
onsets with most of its parts on each (2/3 of the bar's parts, two or more parts) between bars it plays, not
played so 1, 2 or 4 bars away (a riff: a groove over it reads as a catch), in a stretch the song's drummer plays
(a note in the bar before). A drummer "catches" such a bar when a kick, snare or crash sounds on each hit, no time
is kept off them (hats or ride on under half the bar's other 8ths), and it crashes on a hit or had not hit every
onset of the band's in the bar before: a drummer doubling the band's riff bar after bar plays such a bar as the
rest (d_e3m2 bar 33, a bar of an 11-bar riff, had read as caught: from bar 29 its drummer's kick and ride double
every riff note, no crash). The song's drummer and ReaGroove's drums are read alike. Also prints how many bars
unison_hits.py finds and in how many of them the song's drummer catches the hits.

    python benchmarks/bench_band_hits.py [--band ../shared/data/freedoom-midi] [--list]

Run with PYTHONPATH pointing at an older checkout to compare (the unison_hits line is then left out)."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from reagroove.core.band_hits import bar_onsets
from reagroove.core.errors import ReaGrooveError
from reagroove.core.groove import bar_grid, extract_windows
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.models.drummer import default_engine

from reagroove.core import laid_out_breaks

# (an older checkout on PYTHONPATH: its laid_out_breaks does not read unison hits)
unison_hits = getattr(laid_out_breaks, "unison_hits", None)

KICKS, SNARES, CRASHES = {35, 36}, {37, 38, 39, 40}, {49, 52, 55, 57}
HIT = {"hit", "crash"}  # the strokes that catch a hit: kick or snare, crash
TIME = {42, 44, 46, 51, 53, 59}  # hats and ride
DRUM_CHANNEL = 9
HIT_VOICES = {VOICES.index(v) for v in ("kick", "snare")}
CRASH_VOICE = VOICES.index("crash")
TIME_VOICES = {VOICES.index(v) for v in ("closed_hat", "open_hat", "ride")}


def unison_bars(wins) -> dict[int, tuple[int, np.ndarray, np.ndarray]]:
    """bar -> (steps, onset steps, the bar before's onset steps) of the bars where the band plays a few hits in
    unison (see the module)."""
    read = bar_onsets(wins.grooves, wins.bars, wins.meters, wins.starts, wins.end)
    out = {}
    for bar, (w, lo, hi, _, at) in read.items():
        if not 1 <= len(at) <= 4 or (len(at) == 1 and at[0] == 0) or bar - 1 not in read or bar + 1 not in read:
            continue
        if not len(read[bar - 1][4]) or not len(read[bar + 1][4]):
            continue
        if any(b in read and np.array_equal(read[b][4], at) for k in (1, 2, 4) for b in (bar - k, bar + k)):
            continue  # the band's riff: a drummer's groove over it reads as a catch
        mask = wins.parts.steps[w, lo:hi]
        band = bin(int(np.bitwise_or.reduce(mask))).count("1")
        if band >= 2 and all(bin(int(mask[a])).count("1") >= 2 / 3 * band for a in at):
            out[bar] = (hi - lo, at, read[bar - 1][4])
    return out


def caught(hits: dict[int, set[str]], at: np.ndarray, steps: int, before: dict[int, set[str]] | None = None,
           before_at: np.ndarray | tuple = ()) -> bool:
    """Whether a drummer's strokes (step -> kinds: "hit" for kick or snare, "crash", "time" for hats or ride)
    catch the hits `at`: a hit on each, time on under half the other 8ths, and a crash on a hit or a change from
    the bar before: its strokes (`before`; None: unknown) not a hit on each of the band's onsets there
    (`before_at`), as a drummer doubling a riff's notes bar after bar plays them."""
    on = {int(a) for a in at}
    free = [s for s in range(0, steps, 2) if s not in on]
    kept = sum("time" in hits.get(s, ()) for s in free)
    if not all(HIT & hits.get(a, set()) for a in on) or kept >= 0.5 * max(len(free), 1):
        return False
    doubling = before is not None and all(HIT & before.get(int(a), set()) for a in before_at)
    return any("crash" in hits.get(a, ()) for a in on) or not doubling


def catches(starts: np.ndarray, kinds: list[str], line, bar: int, steps: int, at: np.ndarray,
            before_at: np.ndarray) -> bool:
    """Whether the strokes (starts in beats, kinds as `caught` reads them) catch the hits `at` of `bar`, read
    against the bar before and the band's onsets there (before_at); line(bar): the bar's first beat."""
    before = strokes_in(starts, kinds, line(bar - 1) - 0.07, int(round((line(bar) - line(bar - 1)) * 4)))
    return caught(strokes_in(starts, kinds, line(bar) - 0.07, steps), at, steps, before, before_at)


def strokes_in(starts: np.ndarray, kinds: list[str], lo: float, steps: int) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for beat, kind in zip(starts, kinds):
        step = int(round((beat - lo) * 4))
        if 0 <= step < steps:
            out.setdefault(step, set()).add(kind)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--band", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")
    ap.add_argument("--list", action="store_true", help="print each bar read")
    args = ap.parse_args(argv)
    engine, settings = default_engine(), Settings()
    both = drummer_only = ours_only = neither = found = found_caught = songs = 0
    for path in sorted(args.band.glob("*.mid")):
        content = read_midi(path)
        notes = content.notes
        drums = notes.channel == DRUM_CHANNEL
        if not drums.any():
            continue
        try:
            wins = extract_windows(content)
        except ReaGrooveError:
            continue
        if wins.drum_part or wins.parts is None or wins.parts.steps is None:
            continue
        grid = bar_grid(content.time_signatures, content.end_beat)
        line = lambda bar: float(grid.lines[grid.first_bar + bar - 1])  # noqa: E731
        kinds = ["crash" if p in CRASHES else "hit" if p in KICKS | SNARES else "time" if p in TIME else "other"
                 for p in notes.pitch[drums]]
        drum_starts = notes.start[drums]
        plays = lambda bar: bool(np.any((drum_starts >= line(bar)) & (drum_starts < line(bar + 1))))  # noqa: E731
        read = {b: v for b, v in unison_bars(wins).items() if plays(b - 1)}
        theirs = {b: catches(drum_starts, kinds, line, b, *read[b]) for b in read}
        if unison_hits is not None:
            for b in {s.bar for s in unison_hits(wins.grooves, wins.bars, wins.meters, wins.starts, wins.end,
                                                 wins.parts)}:
                if plays(b - 1):
                    got = theirs.get(b)
                    if got is None:
                        got = catches(drum_starts, kinds, line, b, *unison_bars(wins).get(b, (0, np.zeros(0, int),
                                                                                            np.zeros(0, int))))
                    found, found_caught = found + 1, found_caught + bool(got)
                    if args.list:
                        print(f"{path.stem} bar {b}: unison_hits finds it; the drummer catches: {bool(got)}")
        if not read:
            continue
        songs += 1
        res = engine.drumify(content, settings)
        ours_at, ours_kind = [], []
        for start, span, loop in zip(res.starts, res.spans, res.loops):
            for step, voice in zip(*np.nonzero(loop[:, :len(VOICES)] > 0.5)):
                if step < span * 4 - 1e-6:
                    ours_at.append(start + step / 4)
                    ours_kind.append("crash" if voice == CRASH_VOICE else "hit" if voice in HIT_VOICES else
                                     "time" if voice in TIME_VOICES else "other")
        for b, (steps, at, _) in sorted(read.items()):
            ours = catches(np.asarray(ours_at), ours_kind, line, b, *read[b])
            both += theirs[b] and ours
            drummer_only += theirs[b] and not ours
            ours_only += ours and not theirs[b]
            neither += not (ours or theirs[b])
            if args.list:
                print(f"{path.stem} bar {b} hits {at.tolist()}: the drummer catches {theirs[b]}, ReaGroove {ours}")
    total = both + drummer_only + ours_only + neither
    print(f"{songs} songs, {total} bars of a few unison hits the song's drummer plays over: the drummer catches "
          f"{both + drummer_only}, ReaGroove catches {both} of those ({both / max(both + drummer_only, 1):.0%}); "
          f"ReaGroove catches {ours_only} where the drummer does not (of {ours_only + neither})")
    if unison_hits is not None:
        print(f"unison_hits finds {found} bars; the song's drummer catches the hits in {found_caught} "
              f"({found_caught / max(found, 1):.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
