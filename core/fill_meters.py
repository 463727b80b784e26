"""Fills outside 4/4 played as a drummer's run: a thin fill in 3/4, 5/8, 6/8, 7/8 (any bar on the 16th grid) run down
the kit into the next downbeat, as fill_runs.py plays a thin 4/4 fill.

fill_runs.fill_out lays its runs over 4/4 windows only (its rhythms are cells of a quarter's four 16ths), and
fill_landings.vary_landings re-lands a thin fill's last beat in 3/4 and 6/8 only. So other meters kept the
network's fill, a few lone strokes: over a 3/4 + 5/8 band (freedoom e4m4, bar 68) the 5/8 bar's fill over its
last three 8ths was two floor-tom strokes, "6--- 8-", and over a 3/4 guitar at 193 BPM (--genre rock) the fill
over the bar's last two beats a lone floor tom on 2, then the mid tom and the floor tom back up. A fill here that
`thin_run` finds thin (under fill_runs.FILL_DENSITY struck 16ths a quarter, a beat under MIN_BEAT, going back up
the kit, or 16ths between the 8ths above fill_runs.EIGHTHS_BPM) is played as a run over its whole length: each of
its beats (meter.window_beats: 4/4's and 3/4's quarters, 6/8's dotted quarters, 5/8's and 7/8's 2s and 3s of 8ths)
struck on a cell drawn for its length (BEAT_CELLS: an 8th and two 16ths, or 8ths; a dotted beat's 8ths and a
16th pair; above EIGHTHS_BPM 8ths and two hands' 16th pairs, FAST_CELLS), three strokes at the least, down one of
fill_runs.PATHS from the snare to the floor tom, one drum a stroke, the hats and ride off, the kick as the beat
played it, climbing into the crash (fill_runs.lay_figure). Each is drawn from its window's seed, its count among
the part's fills and the song's tempo, its rhythm unlike the fill before it's, its drums unlike the last three's
(four 5/8 fills had drawn one path). Plain numpy over a part's loops on their real grid.
"""

from __future__ import annotations

import numpy as np

from .fill_feel import BUSIEST, CELLS, FAST_RUN, SWUNG_CELLS, longest_run
from .fill_runs import (EIGHTHS_BPM, FILL_DENSITY, MIN_BEAT, PATHS, RunsHeard, _drum_at, heights, lay_figure,
                        song_key, struck)
from .half_time import half_time_window
from .loop import STEPS_PER_BEAT, runs
from .meter import is_pickup, window_beats

# A beat's struck steps, by its length in 16ths (a quarter: fill_feel.CELLS, an 8th and two 16ths, or 8ths; a dotted
# quarter: its three 8ths with a 16th or two between them; an 8th; x/16's dotted 8th), into its next beat.
BEAT_CELLS = {4: CELLS,
              6: ((0, 2, 3, 4), (0, 2, 4, 5), (0, 1, 2, 4), (0, 2, 3, 4, 5), (0, 1, 2, 3, 4)),
              2: ((0, 1),), 3: ((0, 1, 2), (0, 2))}
# Above EIGHTHS_BPM no hand plays 16ths (hand_speed.ONE_HAND_BPM): 8ths, or two hands' 16th pair (fill_feel.FAST_CELLS)
FAST_CELLS = {4: ((0, 2), (0, 2, 3), (0, 1, 2)), 6: ((0, 2, 4), (0, 2, 4, 5), (0, 2, 3, 4)),
              2: ((0,),), 3: ((0, 2),)}
# A fill into a section: every step a hand plays there
BIG_CELLS = {4: (BUSIEST,), 6: ((0, 1, 2, 3, 4, 5),), 2: ((0, 1),), 3: ((0, 1, 2),)}
FAST_BIG_CELLS = {4: ((0, 2, 3),), 6: ((0, 2, 3, 4),), 2: ((0,),), 3: ((0, 2),)}
FEWEST = 3  # strokes a run strikes at the least (a one-beat fill's 8ths and a 16th)
PATH_MEMORY = 3  # a fill's drums unlike the last three fills' (fill_runs.RHYTHM_MEMORY: a fill every 2 bars, A B C A)
DRAWS = 16  # rhythms drawn for a fill, the first as busy as a drummer's and unlike the fill before it taken


def meter_window(bars) -> bool:
    """Whether a window (its WindowBars) is one whose fills this module plays: bars on the 16th grid not all 4/4,
    neither a pickup's nor in half time (half_time_fills.py plays those)."""
    return bars is not None and not is_pickup(bars) and not half_time_window(bars) and \
        any(tuple(bar[1:3]) != (4, 4) for bar in bars) and window_beats(bars) is not None


def _beats(bars) -> list[list[tuple[int, int]]]:
    """Per bar of a window, its beats' (start, length) in real steps."""
    return [[(b.start, b.length) for b in bar] for bar in window_beats(bars) or ()]


def fill_spans(fill_at: np.ndarray, bars) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The fills of a window (its fill steps (32,) bool, its WindowBars), cut at its bar lines (each lands on its
    own downbeat): (lo, hi, its beats' (start, length) from lo, the first cut at lo)."""
    out = []
    for bar in _beats(bars):
        if not bar:
            continue
        start, end = bar[0][0], bar[-1][0] + bar[-1][1]
        for lo, hi in runs(fill_at[start:end]):
            lo, hi = start + lo, start + hi
            beats = [(max(s, lo) - lo, min(s + n, hi) - max(s, lo)) for s, n in bar if s < hi and s + n > lo]
            out.append((lo, hi, beats))
    return out


def thin_run(loop: np.ndarray, lo: int, hi: int, beats, bpm: float | None) -> bool:
    """Whether a fill (steps lo..hi of a loop (32, 27) on the real grid; beats: its (start from lo, length)) does not
    fill its length as a drummer's does at bpm (None: unknown): under FILL_DENSITY struck 16ths a quarter (above
    EIGHTHS_BPM MIN_BEAT, and no 16th between its 8ths), a beat of a quarter or more under MIN_BEAT (an 8th's beat
    under one), or going back up the kit."""
    hit = struck(loop, lo, hi)
    fast = bpm is not None and bpm > EIGHTHS_BPM
    if fast and hit[[s + t for s, n in beats for t in range(1, n, 2)]].any():
        return True
    if hit.sum() < max((MIN_BEAT if fast else FILL_DENSITY) * (hi - lo) / STEPS_PER_BEAT, FEWEST):
        return True
    if any(hit[s:s + n].sum() < (MIN_BEAT if n >= STEPS_PER_BEAT else 1) for s, n in beats):
        return True
    return bool(np.any(np.diff(heights(loop, lo, hi)) < 0))


def _cells_for(length: int, fast: bool, big: bool, swung: bool = False) -> tuple:
    """The cells a beat of `length` steps draws from (a length with none of its own: its quarters, then its 8ths);
    swung: a swung part's quarter, its triplets (fill_feel.SWUNG_CELLS, swung as its loops are)."""
    if swung and length == STEPS_PER_BEAT:
        return SWUNG_CELLS[:1] if big else SWUNG_CELLS
    if swung and length < STEPS_PER_BEAT:  # (a swung fill from an "e" or "and": the rest of its triplets, no "a")
        skip = STEPS_PER_BEAT - length
        return tuple(tuple(t - skip for t in cell if t >= skip) for cell in (SWUNG_CELLS[:1] if big else SWUNG_CELLS))
    table = (FAST_BIG_CELLS if big else FAST_CELLS) if fast else (BIG_CELLS if big else BEAT_CELLS)
    if length in table:
        return table[length]
    quarters, rest = divmod(length, STEPS_PER_BEAT)
    parts = [table[STEPS_PER_BEAT][0]] * quarters + ([tuple(range(0, rest, 2 if fast else 1))] if rest else [])
    return (tuple(STEPS_PER_BEAT * q + t for q, cell in enumerate(parts) for t in cell),)


def on_quarters(lo: int, beats) -> bool:
    """Whether a fill (from step lo; beats: its (start from lo, length)) plays the loop's quarters, its first from
    the beat, its "e" or its "and" (a swung part's: swung as its loops are, on its triplets)."""
    first = STEPS_PER_BEAT - lo % STEPS_PER_BEAT
    return first > 1 and bool(beats) and beats[0][1] == first and all(n == STEPS_PER_BEAT for _, n in beats[1:])


def draw_rhythm(beats, rng: np.random.Generator, fast: bool, big: bool, avoid: tuple | None = None,
                swung: bool = False) -> tuple:
    """A run's struck steps (from the fill's start) over its beats ((start, length) each), each beat's cell drawn
    for its length (a fill into a section, or one beat long below EIGHTHS_BPM: every 16th a hand plays there):
    FILL_DENSITY 16ths a quarter at the least (MIN_BEAT above EIGHTHS_BPM, FEWEST in all), no more
    than fill_feel.FAST_RUN 16ths in a row above it, not `avoid` (the fill before it) where another fits; swung: its
    quarters a swung part's (_cells_for)."""
    span = sum(n for _, n in beats)
    # (a one-beat fill is its landing: every 16th of it runs through into the 1, which vary_landings leaves as it
    # is; a 5/8 bar's fill over its last three 8ths had been re-landed as three snare 8ths)
    big = big or (len(beats) == 1 and not fast)
    least = max((MIN_BEAT if fast or swung else FILL_DENSITY) * span / STEPS_PER_BEAT, FEWEST)
    best = None
    pools = [(s, n, _cells_for(n, fast, big, swung)) for s, n in beats]  # (each beat's, the same every draw)
    for _ in range(DRAWS):
        steps = []
        for s, n, pool in pools:
            steps += [s + t for t in pool[int(rng.integers(len(pool)))] if t < n]
        steps = tuple(steps)
        fits = len(steps) >= least and (not fast or longest_run((list(steps),)) <= FAST_RUN)  # (all its steps one cell)
        if fits and steps != avoid:
            return steps
        if best is None or (fits, len(steps)) > best[0]:
            best = ((fits, len(steps)), steps)
    steps = best[1]
    if len(steps) < FEWEST:  # (a fill shorter than a beat: its every 8th, then 16th)
        steps = tuple(range(0, span, 2 if fast and span >= 2 * FEWEST else 1))
    return steps


def draw_path(strokes: int, rng: np.random.Generator, avoid=()) -> tuple[tuple, tuple]:
    """(path, its drums stroke by stroke): one of fill_runs.PATHS for a run of `strokes`, each drawn as often as
    the others that sound alike, sounding unlike `avoid` (the last fills' drums) where another does."""
    heard: dict[tuple, tuple] = {}
    for path in PATHS:
        heard.setdefault(tuple(path[_drum_at(i, strokes, len(path), 1.0)] for i in range(strokes)), path)
    ears = [e for e in heard if e not in avoid] or list(heard)
    ear = ears[int(rng.integers(len(ears)))]
    return heard[ear], ear


def meter_runs(out: np.ndarray, fills, fill_at: np.ndarray, meters, seeds: np.ndarray, tempo,
               memory: RunsHeard | None = None, bigger=None, swing: float | None = None) -> None:
    """In place on out (W, 32, 27) on the real grid: each thin fill (thin_run) of the windows `fills` on bars other
    than 4/4 (meter_window) played as a run (draw_rhythm down one of PATHS, fill_runs.lay_figure). seeds, tempo:
    per window (tempo None: unknown); memory: the runs laid in the calls before (a live session's, live_runs.py),
    this call's added to its meter_laid; bigger: per fill, whether it leads into a section; swing: the part's, where
    its beats are quarters on the loop's beats (3/4's)."""
    # (a live session plays each loop in a call of its own: its fills had all been drawn as a part's first, their
    # toms from a 6/8 or 7/8 bar's 2.75 where drumify's, drawn after the fills before them, ran from 2.5)
    last: dict[int, list] = {}  # per seed, its fills' (steps, drums)
    counts: dict[int, int] = {}
    first = 0 if memory is None else memory.meter_count
    for k, w in enumerate(np.asarray(fills).tolist()):
        bars = meters[w]
        if not meter_window(bars):
            continue
        bpm = None if tempo is None else float(tempo[w])
        fast = bpm is not None and bpm > EIGHTHS_BPM
        for lo, hi, beats in fill_spans(fill_at[w], bars):
            if not thin_run(out[w], lo, hi, beats, bpm):
                continue
            own = int(seeds[w])
            nth = counts[own] = counts.get(own, first) + 1
            rng = np.random.default_rng((0xF18E, own, nth, hi - lo, song_key(bpm)))
            big = bigger is not None and bool(bigger[k])
            before = last.setdefault(own, [] if memory is None else list(memory.meter_last)[-PATH_MEMORY:])
            # (a fill from an "e" or "and" too: its beats had all drawn straight 16ths, their "a"s against the triplets)
            swung = swing is not None and on_quarters(lo, beats)
            steps = draw_rhythm(beats, rng, fast, big, before[-1][0] if before else None, swung)
            path, drums = draw_path(len(steps), rng, [d for _, d in before[-PATH_MEMORY:]])
            before.append((steps, drums))
            if memory is not None:
                memory.meter_laid[(w, hi)] = ((steps, drums), nth)
            # (one "beat" of all the run's steps from lo: lay_figure lays cell steps from lo by 4-step beats; no
            # backbeat held at its level: a 6/8 run's stroke on step 20 had broken its climb)
            lay_figure(out[w], lo, hi, path, (steps,), swing if swung else None, feet=0, backbeat=None)


__all__ = ["meter_runs", "meter_window", "on_quarters", "thin_run", "draw_rhythm", "fill_spans"]
