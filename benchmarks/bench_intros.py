"""Quiet intros and sections beside markers against the songs' drummers: the figures core/intro_figure.py,
core/given_sections.py and core/intro_reading.py quote.

    python benchmarks/bench_intros.py --band ../shared/data/freedoom-midi [--only intros,markers,reading]

(a) intros (intro_figure.laid_out_intro): every song with drums whose band (its drums dropped in memory) the engine
    reads as opening with a quiet intro the bass comes into by its onsets' share (BASS_IN_SHARE, the rule's first
    test), found on the stand-in model (tests/stub_model.py: the intro is read before the network plays). Those
    songs are drummed with the shipped engine twice, the intro laid out and played softer (played_part's
    laid_out_intro forced); each against the song's drummer over the intro's bars: unique 16ths a bar in each voice
    group (kick, snare, toms, hats/ride, crash), their |engine - drummer| summed ("hits a bar") and the groups one
    plays where the other rests, a song's bar average. Printed per song and averaged: all softer, all laid out,
    the rule (laid_out_intro's choice, the same drums as one of the two), the better of the two per song.
(b) markers (given_sections.GIVEN_APART_BARS): on the marked songs with drums, every section heard in the band (as
    bench_sections.py hears them, no markers given), its bars from the nearest marker after bar 1 (negative:
    before it) and whether the drummer crashes on its downbeat; then what dropping those within N bars keeps.
(c) reading (intro_reading.py): at the openings of 2 to 16 bars (from the part's first bar) before the engine's
    first section where the drummer plays in the 4 bars after, whether the drummer treats it as an intro (no crash
    on its first bar; the opening silent, thinner or softer) against whether the engine reads a quiet intro
    (phrases' form.intro, on the stand-in model): precision and recall. Rebuilt from intro_reading.py's own
    description, the scripts that first measured it being lost: the same measure, not necessarily the same counts.
(d) time (opening_time.py): the 1-2 part openings the drums keep time through (on the stand-in model), and whether
    the song's drummer plays a backbeat there (half a snare a bar or more on beats 2 and 4, the opening's last bar,
    its fill, left out), what kick and hats it plays.

Freedoom's songs (BSD) are the project's training and validation music; openmsx is for evaluation only, so it is
not the default here.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the stand-in model
sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_sections as sections_bench  # noqa: E402  (the sections heard and the drummers' crashes, as read there)

DRUM_CHANNEL = 9
# voice groups: kick, snare, toms, hats/ride, crash; the engine's voices and General MIDI's pitches
ENGINE_GROUPS = {0: 0, 1: 1, 4: 2, 5: 2, 6: 2, 2: 3, 3: 3, 8: 3, 7: 4}
GM_GROUPS = {35: 0, 36: 0, 37: 1, 38: 1, 39: 1, 40: 1, 41: 2, 43: 2, 45: 2, 47: 2, 48: 2, 50: 2,
             42: 3, 44: 3, 46: 3, 51: 3, 53: 3, 59: 3, 49: 4, 52: 4, 55: 4, 57: 4}
SOFTER_SHARE = 0.85  # (c): a drummer playing the opening at this share of the velocity after it, or less


def band_of(content):
    """The song without its drums (channel 10), as the producer's band part: the file's length and meters kept."""
    return dataclasses.replace(content, notes=content.notes.select(content.notes.channel != DRUM_CHANNEL))


def drum_songs(folder: Path):
    """(name, the file read, its band) of each song with drums."""
    from reagroove.core.midi import read_midi

    for path in sorted(folder.glob("*.mid")):
        content = read_midi(path)
        if (content.notes.channel == DRUM_CHANNEL).any():
            yield path.stem, content, band_of(content)


class _Read(Exception):
    """Raised from the hook: the intro and bass laid_out_intro gets, read before the network plays."""


def read_openings(songs) -> tuple[dict, dict]:
    """On the stand-in model, stopped where the intro is laid out or not (before the network plays): {song: (intro
    (W,) bool, bass (W, 32, 3))} where the engine reads a quiet intro, and {song: (window bars, section bars, intro
    read)} for every song (the form played_part's intro_windows gets)."""
    from stub_model import StubModel
    from tqdm import tqdm

    from reagroove.core import played_part
    from reagroove.core.engine import Engine
    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.settings import Settings

    forms = {}

    def grab(intro, bass):
        raise _Read(None if intro is None else np.asarray(intro, bool).copy(),
                    None if bass is None else np.asarray(bass).copy())

    def windows(bars, section_bars, intro):
        forms.setdefault("form", (np.asarray(bars).copy(), sorted(map(int, section_bars)), bool(intro)))
        return real_windows(bars, section_bars, intro)

    real, played_part.laid_out_intro = played_part.laid_out_intro, grab
    real_windows, played_part.intro_windows = played_part.intro_windows, windows
    engine, found, form = Engine(StubModel()), {}, {}
    try:
        for name, _, band in tqdm(songs, desc="openings (stand-in model)", unit="song"):
            forms.clear()
            try:
                engine.drumify(band, Settings())
            except _Read as read:
                intro, bass = read.args
                if intro is not None and intro.any():
                    found[name] = (intro, bass)
            except (ReaGrooveError, ValueError) as exc:
                tqdm.write(f"{name}: left out ({exc})")
            if "form" in forms:
                form[name] = forms["form"]
    finally:
        played_part.laid_out_intro, played_part.intro_windows = real, real_windows
    return found, form


def bass_comes_in(intro: np.ndarray, bass: np.ndarray | None) -> bool:
    """laid_out_intro's first test alone: the bass's onsets in the intro at most BASS_IN_SHARE of those after."""
    from reagroove.core.intro_figure import AFTER_WINDOWS, BASS_IN_SHARE
    from reagroove.core.sections import onset_steps

    if bass is None:
        return False
    last = int(np.flatnonzero(intro)[-1])
    after = np.arange(last + 1, min(last + 1 + AFTER_WINDOWS, len(intro)))
    low = onset_steps(bass).sum(1).astype(np.float64)
    return bool(len(after)) and low[after].mean() > 0 and low[intro].mean() <= BASS_IN_SHARE * low[after].mean()


def per_bar(hits, lines: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """(bars, 5): unique 16ths a bar in each voice group, the bars from bar line lo to hi. hits: (beat, group)."""
    sets = [[set() for _ in range(5)] for _ in range(hi - lo)]
    for beat, group in hits:
        i = int(np.searchsorted(lines, beat + 1e-6, "right")) - 1
        if lo <= i < hi:
            sets[i - lo][group].add(int(round(beat * 4)))
    return np.array([[len(s) for s in row] for row in sets], float).reshape(hi - lo, 5)


def intro_against_drummer(engine, content, band, laid_out: bool) -> tuple[float, float, int]:
    """(hits a bar, groups a bar, bars): the engine's drums over the intro, laid out or softer, against the
    drummer's."""
    from reagroove.core import played_part
    from reagroove.core.groove import bar_grid
    from reagroove.core.settings import Settings

    seen = {}

    def forced(intro, bass):
        seen["intro"] = intro
        return np.asarray(intro, bool).copy() if laid_out and intro is not None and np.any(intro) else None

    real, played_part.laid_out_intro = played_part.laid_out_intro, forced
    try:
        res = engine.drumify(band, Settings())
    finally:
        played_part.laid_out_intro = real
    grid = bar_grid(content.time_signatures, content.end_beat)
    intro = np.flatnonzero(seen["intro"])
    lo = int(np.argmin(np.abs(grid.lines - float(res.starts[intro[0]]))))
    hi = int(np.argmin(np.abs(grid.lines - float(res.starts[intro[-1] + 1]))))
    n = content.notes
    drums = n.channel == DRUM_CHANNEL
    drummer = [(float(s), GM_GROUPS[int(p)]) for s, p in zip(n.start[drums], n.pitch[drums]) if int(p) in GM_GROUPS]
    mine = [(step / 4, ENGINE_GROUPS[voice]) for step, voice, _ in res.written_hits()]
    a, b = per_bar(mine, grid.lines, lo, hi), per_bar(drummer, grid.lines, lo, hi)
    return float(np.abs(a - b).sum(1).mean()), float(((a > 0) != (b > 0)).sum(1).mean()), hi - lo


def intros(songs, found: dict) -> None:
    """(a): the intros the bass comes into (found: read_openings'), laid out, softer, as the rule decides, against
    the drummers."""
    from tqdm import tqdm

    from reagroove.core.intro_figure import laid_out_intro
    from reagroove.models.drummer import default_engine

    weighed = {name: got for name, got in found.items() if bass_comes_in(*got)}
    print(f"{len(found)} songs open with a quiet intro; the bass comes in with the band (its share) in "
          f"{len(weighed)}: {', '.join(weighed)}")
    by_name = {name: (content, band) for name, content, band in songs}
    with tempfile.TemporaryDirectory() as tmp:  # the shipped engine without the user's saved patterns
        engine = default_engine(patterns_path=Path(tmp) / "patterns.json")
        rows = {}
        for name in tqdm(weighed, desc="intros (shipped model)", unit="song"):
            content, band = by_name[name]
            out = intro_against_drummer(engine, content, band, True)
            soft = intro_against_drummer(engine, content, band, False)
            rule = out if laid_out_intro(*weighed[name]) is not None else soft
            rows[name] = (out, soft, rule)
    print(f"{'song':10s} {'bars':>4s}  hits a bar (groups): laid out   softer     the rule")
    for name, (out, soft, rule) in rows.items():
        print(f"{name:10s} {out[2]:4d}  {out[0]:9.2f} ({out[1]:.2f}) {soft[0]:6.2f} ({soft[1]:.2f}) {rule[0]:6.2f} "
              f"({rule[1]:.2f}){'  laid out' if rule is out else ''}")
    if not rows:
        return
    for title, pick in (("all softer", lambda r: r[1]), ("all laid out", lambda r: r[0]),
                        ("the rule", lambda r: r[2]), ("best per song", lambda r: min(r[:2], key=lambda x: x[0]))):
        picked = [pick(r) for r in rows.values()]
        hits, groups = np.mean([p[0] for p in picked]), np.mean([p[1] for p in picked])
        print(f"{title:14s} hits a bar {hits:5.2f}, groups {groups:.2f}"
              f"  (a song's average over {len(picked)} intros)")


def heard_beside_markers(content):
    """(marker bars after bar 1, [(heard section bar, crashed)]) of a marked song with drums, as bench_sections.py
    hears the band (every kind, no markers given); None: no markers or no drums."""
    from reagroove.core.given_sections import marker_sections, section_bars_at
    from reagroove.core.groove import bar_grid, extract_windows
    from reagroove.core.window_notes import without_landings

    B = sections_bench
    drums = content.notes.channel == DRUM_CHANNEL
    if not content.markers or not drums.any():
        return None
    wins = extract_windows(content)
    if wins.drum_part:
        return None
    marked = [b for b in marker_sections(section_bars_at(content.markers, content.time_signatures))[0] if b > 1]
    grid = bar_grid(content.time_signatures, content.end_beat)
    crashes = np.sort(content.notes.start[drums & np.isin(content.notes.pitch, B.CRASHES)])

    def crashed(bar: int) -> bool:  # (as bench_sections.song_sections: within a 16th of the downbeat)
        i = grid.first_bar + bar - 1
        return i < len(grid.lines) and bool(np.any(np.abs(crashes - grid.lines[i]) <= 0.26))

    a = (wins.grooves, wins.bass, wins.bars, wins.meters)
    s = B.heard_sections(*a, [], {}, wins.starts, wins.end)
    s = sorted({*s, *B.level_sections(wins.grooves, wins.bars, wins.meters, [], s, wins.starts, wins.end)})
    s = sorted({*s, *B.layer_sections(without_landings(wins.parts), wins.bars, [], s)})
    s = sorted({*s, *B.part_swap_sections(wins.parts, *a, [], s, wins.starts, wins.end)})
    s = sorted({*s, *B.busy_part_sections(wins.parts, wins.grooves, wins.bars, wins.meters, [], s, wins.starts,
                                          wins.end)})
    s = sorted({*s, *B.returning_parts_sections(wins.parts, *a, [], s, wins.starts, wins.end)})
    s = sorted({*s, *B.riff_sections(wins.lows, wins.bars, wins.meters, [], s, wins.starts, wins.end)})
    s = sorted({*s, *B.joining_parts_sections(wins.parts, *a, [], s, wins.starts, wins.end)})
    return marked, [(int(b), crashed(b)) for b in s]


def markers(songs) -> None:
    """(b): heard sections by bars from the nearest marker, the drummers' crashes on them; what each rule keeps."""
    from tqdm import tqdm

    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.given_sections import GIVEN_APART_BARS

    rows, marked_songs = [], 0  # (song, bar, bars from the nearest marker, crashed)
    for name, content, _ in tqdm(songs, desc="sections beside markers", unit="song"):
        try:
            got = heard_beside_markers(content)
        except (ReaGrooveError, ValueError) as exc:
            tqdm.write(f"{name}: left out ({exc})")
            continue
        if got is None:
            continue
        marked, heard = got
        marked_songs += 1
        rows += [(name, b, min((b - g for g in marked), key=abs), hit) for b, hit in heard if marked and b > 1]
    by = collections.defaultdict(list)
    for row in rows:
        by[row[2]].append(row)
    print(f"{marked_songs} marked songs with drums: heard sections by bars from the nearest marker after bar 1 "
          "(negative: before it), the drummers' crashes on them")
    for d in sorted(by):
        if abs(d) <= 12:
            print(f"  {d:+3d}: {len(by[d])} heard, {sum(r[3] for r in by[d])} crashed   "
                  + " ".join(f"{r[0]}@{r[1]}" for r in by[d]))
    for n in (1, 2, 3, 4, 5, 6, 8):
        kept = [r for r in rows if abs(r[2]) >= n]
        gone = [r for r in rows if abs(r[2]) < n]
        print(f"drop within {n} (both sides){' (GIVEN_APART_BARS)' if n == GIVEN_APART_BARS else '':20s} kept "
              f"{len(kept)} (crashed {sum(r[3] for r in kept)}), dropped {len(gone)} "
              f"(crashed {sum(r[3] for r in gone)})")


def drummer_intro(content, start: int, first: int) -> bool | None:
    """Whether the song's drummer treats bars start to first - 1 as an intro: no crash on bar start and the opening
    played silent (half its bars at most one hit), thinner (half the hits a bar of the 4 bars from `first`, or
    fewer) or softer (SOFTER_SHARE of their velocity, or less); None: the drummer does not play in those 4 bars."""
    from reagroove.core.groove import bar_grid

    n = content.notes
    drums = n.channel == DRUM_CHANNEL
    grid = bar_grid(content.time_signatures, content.end_beat)
    lines = grid.lines[grid.first_bar:]
    if len(lines) < first + 4:
        return None
    beats, velocity = n.start[drums], n.velocity[drums].astype(np.float64)
    opening = (beats >= lines[start - 1] - 1e-6) & (beats < lines[first - 1] - 1e-6)
    after = (beats >= lines[first - 1] - 1e-6) & (beats < lines[first + 3] - 1e-6)
    if not after.any():
        return None
    crashes = beats[np.isin(n.pitch[drums], sections_bench.CRASHES)]
    if np.any(np.abs(crashes - lines[start - 1]) <= 0.26):
        return False
    hits = np.histogram(beats[opening], lines[start - 1:first])[0]
    silent = np.mean(hits <= 1) >= 0.5
    thinner = hits.mean() <= 0.5 * after.sum() / 4
    softer = opening.any() and velocity[opening].mean() <= SOFTER_SHARE * velocity[after].mean()
    return bool(silent or thinner or softer)


def reading(songs, forms: dict) -> None:
    """(c): the engine's quiet intros (forms: read_openings') against the drummers' at the openings of 2 to 16 bars
    before its first section where the drummer plays in the 4 bars after."""
    by_name = {name: content for name, content, _ in songs}
    engine_only, drummer_only, both, openings = [], [], [], 0
    for name, (bars, section_bars, intro) in forms.items():
        start = max(1, int(bars[0]))  # (the part's first bar: a pickup is none)
        later = [b for b in section_bars if b > start]
        if not later or not 2 <= later[0] - start <= 16:
            continue
        theirs = drummer_intro(by_name[name], start, later[0])
        if theirs is None:
            continue
        openings += 1
        (both if intro and theirs else engine_only if intro else drummer_only if theirs else []).append(name)
    read, treated = len(both) + len(engine_only), len(both) + len(drummer_only)
    print(f"{openings} openings of 2 to 16 bars before the engine's first section, the drummer playing after: "
          f"{treated} played as an intro by the drummer, {read} read as a quiet intro by the engine; "
          f"precision {len(both)}/{read}, recall {len(both)}/{treated}")
    print(f"  both: {', '.join(both)}\n  the engine's alone: {', '.join(engine_only)}\n"
          f"  the drummer's alone: {', '.join(drummer_only)}")


def opening_time(songs) -> None:
    """(d): the openings opening_time keeps time through, against the drummers' backbeat there."""
    from stub_model import StubModel
    from tqdm import tqdm

    from reagroove.core import played_part
    from reagroove.core.engine import Engine
    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.groove import bar_grid
    from reagroove.core.settings import Settings

    kept, found = [], []

    def keep(loops, where, *args, **kw):
        kept.append(np.asarray(where, bool).copy())
        return real(loops, where, *args, **kw)

    def joins(*args, **kw):  # (the opening read, its first bar and the band's entry)
        found.append(joins_read(*args, **kw))
        return found[-1]

    real, played_part.keep_time = played_part.keep_time, keep
    joins_read, played_part.band_joins = played_part.band_joins, joins
    engine, rows = Engine(StubModel()), []
    try:
        for name, content, band in tqdm(songs, desc="openings kept time (stand-in model)", unit="song"):
            kept.clear()
            found.clear()
            try:
                engine.drumify(band, Settings())
            except (ReaGrooveError, ValueError) as exc:
                tqdm.write(f"{name}: left out ({exc})")
                continue
            if not kept:
                continue
            opening = next(o for o in found if o is not None)
            first, join = opening.first, opening.bar
            grid = bar_grid(content.time_signatures, content.end_beat)
            lines = grid.lines[grid.first_bar:]
            n = content.notes
            drums = n.channel == DRUM_CHANNEL
            beats, pitch = n.start[drums], n.pitch[drums]
            inside = (beats >= lines[first - 1] - 1e-6) & (beats < lines[join - 2] - 1e-6)  # (its last bar left out)
            on_2_4 = np.abs((beats - lines[0]) % 2 - 1) < 0.13
            bars = join - 1 - first
            per = lambda mask: float((inside & mask).sum()) / bars  # noqa: E731
            rows.append((name, first, join, per(np.isin(pitch, (37, 38, 39, 40)) & on_2_4),
                         per(np.isin(pitch, (35, 36))),
                         per(np.isin(pitch, (42, 44, 46, 51, 53, 59))), per(np.ones(len(beats), bool))))
    finally:
        played_part.keep_time, played_part.band_joins = real, joins_read
    for name, first, join, back, kick, hats, hits in rows:
        print(f"{name:10s} bars {first}-{join - 1}: the drummer's backbeat {back:.1f} a bar, kick {kick:.1f}, hats "
              f"{hats:.1f}, all {hits:.1f}")
    none = sum(r[3] < 0.5 for r in rows)
    print(f"{len(rows)} openings kept time without the backbeat; the drummer plays none there in {none}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--band", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")
    ap.add_argument("--only", default="intros,markers,reading,time", help="which figures, comma-separated")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    songs = list(drum_songs(args.band))
    print(f"{len(songs)} songs with drums in {args.band}")
    if only & {"intros", "reading"}:
        found, forms = read_openings(songs)
    if "intros" in only:
        intros(songs, found)
    if "markers" in only:
        markers(songs)
    if "reading" in only:
        reading(songs, forms)
    if "time" in only:
        opening_time(songs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
