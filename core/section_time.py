"""One hat figure through a section: the time-keeper's 8ths or 16ths held where the network switches them.

The network scores each 2-bar window on its own, and its hat (or ride) goes from 8ths to 16ths and back with
small changes in the band (tempering.one_take holds the kick and snare to a take's mean, not the hats: the
calibrated take_blend is 0 for them). A drummer keeps one hat figure through a section. Over freedoom's d_map30 the
bar before each fill into bar 17 and 81 played 16ths ("XxXx XxXx XxXx Xxxx") where the rest of the section
played 8ths over the same band (bar 13 = bar 15 note for note: the bass breaking off in the fill's bar changed the
whole window); d_dm15 bars 31-32 played 16ths between 8ths in 29-30 and 33-34 (the bass moving a few 16ths).
Over 33 freedoom songs (one in three, the map30 and dm15 bands; 2504 bars) the drums switched the figure inside a
section 31 times, the songs' own drummers 4 (a bar: 16ths where the time-keeper plays 6 of its 8 off-8th 16ths,
8ths where it plays 6 of its 8ths and at most 2 of the 16ths between them); held, 8 (bars where the band or bass
plays other music than any bar of the section's figure: map30's 65-72, its bass on straight 16ths, in a section
the form reads as 33's), the bars' figure agreeing with the drummer's as before (578 of 804 bars both define).

So per take (a section: sections.section_takes) the figure most of its bars play is the section's (a tie: the one
its first bars play, what the drummer started with: d_dm15 --variations 2 had 8ths in bars 1-2 and 16ths in 3-4
over one intro); a bar playing the other one (judged on its steps before a fill: the hats before a fill had been
16ths into it) takes its time-keeper's off-8th 16ths from the nearest bar of the section that plays the section's
figure on the same time-keeper over the same music (the band's onsets and the bass's within sections.SAME_SECTION;
the same position in its 2-bar loop first). Such bars turn a run at a time (the section's bars in a row playing
the other figure, bars of neither between them), and only where every bar of the run has a bar to copy and the
switches at the run's two ends go down (or stay as many, fewer of them inside the section: the switch moves to the
section's line). Turning bar by bar had added switches: d_e3m4's 33-40 played 8ths under 16ths in 41-47, and only
the 8th bars with a copy elsewhere turned (33-34, 36-37), one switch -> four. The 8ths, the kick, the snare and any
fill stay as they were. A bar where the band plays no note is left out (a loop's bar past the end: d_map17's last
bar had kept 8ths after 16ths, its loop's second bar silent and so no copy). Only plain 4/4 windows (the loop's
bars are the song's). Plain numpy over decoded loops (W, 32, 27).
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES, STEPS, VOICES
from .sections import SAME_SECTION, _onset_distance, onset_steps

HAT, RIDE = VOICES.index("closed_hat"), VOICES.index("ride")
KEEPERS = (HAT, RIDE)
BAR = 16  # a 4/4 bar of the loop, in 16ths
ODD_SIXTEENTHS = np.arange(BAR) % 2 == 1  # a bar's "e"s and "a"s: the steps a figure of 16ths adds to 8ths
PLAYS = 0.75  # a figure's share of its steps struck: 6 of a bar's 8 off-8th 16ths (16ths), 6 of its 8ths (8ths)
STRAY = 0.25  # ... and an 8ths bar strikes at most this share of the 16ths between them (2 of 8)
LEAST_STEPS = 8  # a bar is judged on at least half a bar before its fill


def bar_figure(hits: np.ndarray, judged: np.ndarray) -> tuple[int | None, int]:
    """(16, 8 or None, the time-keeper's voice) of a bar's hits (16, 9) on its `judged` steps (16,) bool: the
    closed hat or ride, whichever strikes more of them."""
    keeper = max(KEEPERS, key=lambda v: int(hits[judged, v].sum()))
    if judged.sum() < LEAST_STEPS:
        return None, keeper
    odd = np.arange(BAR) % 2 == 1
    line = hits[:, keeper]
    on_odd, on_even = int(line[judged & odd].sum()), int(line[judged & ~odd].sum())
    n_odd, n_even = int((judged & odd).sum()), int((judged & ~odd).sum())
    if on_odd >= PLAYS * n_odd:
        return 16, keeper
    if on_even >= PLAYS * n_even and on_odd <= STRAY * n_odd:
        return 8, keeper
    return None, keeper


def held_figure(loops: np.ndarray, take: np.ndarray | None, plain: np.ndarray | None = None,
                fill_steps: np.ndarray | None = None, grooves: np.ndarray | None = None,
                bass: np.ndarray | None = None) -> np.ndarray:
    """Decoded loops (W, 32, 27, the loop's frame; changed in place and returned) with each section's time-keeper
    figure held: take (W,) the section each window belongs to (-1 or None: none held); plain (W,) the windows laid
    on plain 4/4 bars (None: all); fill_steps (W, 32) the steps a fill is laid over (None: none), not judged;
    grooves, bass (W, 32, 3) the band's and its low register's: a bar's source is the same music, its onsets and
    its bass's within SAME_SECTION of the bar's (None: any source). A run of bars playing the other figure turns
    whole, and only where that leaves fewer switches (the module's rule)."""
    if take is None or len(loops) == 0:
        return loops
    heard = [onset_steps(part) for part in (grooves, bass) if part is not None]
    take = np.asarray(take)
    plain = np.ones(len(loops), bool) if plain is None else np.asarray(plain, bool)
    hits = loops[..., :N_VOICES] > 0.5
    line = []  # the part's bars in time order: [window, bar in the loop, take, figure, keeper, judged steps]
    for w in range(len(loops)):
        for b in range(STEPS // BAR):
            steps = slice(b * BAR, (b + 1) * BAR)
            judged = np.ones(BAR, bool) if fill_steps is None else ~np.asarray(fill_steps[w, steps], bool)
            figure, keeper = bar_figure(hits[w, steps], judged) if plain[w] else (None, None)
            if heard and not heard[0][w, steps].any():  # no band to hear (a loop's bar past the song's end)
                figure = None
            line.append([w, b, int(take[w]) if plain[w] else BREAK, figure, keeper, judged])
    original = [bar[3] for bar in line]  # sources play the section's figure of themselves
    for t in sorted({bar[2] for bar in line if bar[2] >= 0}):
        figure = _section_figure([bar[3] for bar in line if bar[2] == t])
        if figure is None:
            continue
        for run in figure_runs(line, t, figure):
            sources = [source_bar(line, judged_for(line, original, i, ODD_SIXTEENTHS), i, figure, heard)
                       for i in run if line[i][3] is not None]
            if any(s is None for s in sources) or not fewer_switches(line, run, t, figure):
                continue
            for i, s in zip([i for i in run if line[i][3] is not None], sources):
                _copy_off_eighths(loops, line[i], line[s])
                line[i][3] = figure
    return loops


BREAK = -2  # a bar off plain 4/4 (another meter, half time): no figure heard across it


def _section_figure(figures: list) -> int | None:
    """The figure most of a section's bars play; a tie: the one its first bars play (what the drummer started
    with); None: no bar plays one."""
    played = [f for f in figures if f is not None]
    if not played:
        return None
    eights, sixteens = played.count(8), played.count(16)
    return played[0] if eights == sixteens else 8 if eights > sixteens else 16


def figure_runs(line: list, t: int, figure: int) -> list[list[int]]:
    """The runs (indices into line) of take t's bars in a row that play the other figure (bars of neither figure
    between them join the run: they are heard as neither)."""
    runs, run = [], []
    for i, bar in enumerate(line + [[None, None, BREAK, None]]):
        if bar[2] == t and bar[3] != figure:
            run.append(i)
            continue
        if any(line[k][3] is not None for k in run):
            runs.append(run)
        run = []
    return runs


def _neighbour(line: list, i: int, step: int) -> list | None:
    """The nearest bar from line[i] on (step -1: back, 1: on) that plays a figure; None past a break or the end."""
    while 0 <= i < len(line) and line[i][2] != BREAK:
        if line[i][3] is not None:
            return line[i]
        i += step
    return None


def fewer_switches(line: list, run: list[int], t: int, figure: int) -> bool:
    """Whether turning a run to the section's figure leaves fewer switches of figure at its two ends, or as many
    with fewer of them inside the section (a drummer changes figure where the section does)."""
    before, after = [0, 0], [0, 0]  # (switches, of them inside the section)
    other = line[next(i for i in run if line[i][3] is not None)][3]
    for bar in (_neighbour(line, run[0] - 1, -1), _neighbour(line, run[-1] + 1, 1)):
        if bar is None:
            continue
        inside = bar[2] == t
        before[0] += bar[3] != other
        before[1] += inside and bar[3] != other
        after[0] += bar[3] != figure
        after[1] += inside and bar[3] != figure
    return tuple(after) < tuple(before)


def source_bar(line: list, original: list, i: int, figure: int, heard: list) -> int | None:
    """The bar (index into line) line[i] takes its off-8th 16ths from: of its section, playing the section's figure
    of itself on the same time-keeper over the same music, the same position in its loop first, then the
    nearest; None where there is none."""
    w, b, t, _, keeper, judged = line[i]
    sources = [(k_bar[1] != b, abs(2 * (k_bar[0] - w) + k_bar[1] - b), k)
               for k, k_bar in enumerate(line)
               if k_bar[2] == t and original[k] == figure and k_bar[4] == keeper and
               all(_distance(onsets, (w, b), k_bar[:2], judged) < SAME_SECTION for onsets in heard)]
    return min(sources)[2] if sources else None


def _copy_off_eighths(loops: np.ndarray, bar: list, source: list) -> None:
    """A bar's time-keeper on its judged off-8th 16ths (hit, velocity, offset) as the source bar plays them."""
    w, b, _, _, keeper, judged = bar
    cells = np.flatnonzero(judged & ODD_SIXTEENTHS)
    cols = [keeper + k * N_VOICES for k in range(3)]
    loops[w, b * BAR + cells[:, None], cols] = loops[source[0], source[1] * BAR + cells[:, None], cols]


def judged_for(line: list, original: list, i: int, steps: np.ndarray) -> list:
    """`original` (each bar's figure of itself) left only where that bar is judged on every one of `steps` (BAR,
    bool) that line[i] is judged on: a fill bar's time-keeper stops under its fill, and copied from it a bar turned
    to the section's figure played it for 2 beats, then the other."""
    wanted = line[i][5] & steps
    return [o if not (wanted & ~bar[5]).any() else None for o, bar in zip(original, line)]


def _distance(onsets: np.ndarray, bar: tuple, other: tuple, judged: np.ndarray) -> float:
    """How far a part's onsets (W, 32) in a bar (window, bar in its loop) are from another's, on `judged` steps
    (sections.py's measure: what moves, over the busier one's onsets)."""
    a, b = (onsets[w, k * BAR:(k + 1) * BAR][judged].astype(np.float32) for w, k in (bar, other))
    return _onset_distance(a, b)


__all__ = ["bar_figure", "fewer_switches", "figure_runs", "held_figure", "judged_for", "source_bar"]
