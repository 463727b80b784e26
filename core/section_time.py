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

So per take (a section: sections.section_takes) the figure most of its bars play is the section's; a bar playing
the other one (judged on its steps before a fill: the hats before a fill had been 16ths into it) takes its
time-keeper's off-8th 16ths from the nearest bar of the section that plays the section's figure on the same
time-keeper over the same music (the band's onsets and the bass's within sections.SAME_SECTION; the same position
in its 2-bar loop first). The 8ths, the kick, the snare and any fill stay as they were. Only plain 4/4 windows
(the loop's bars are the song's). Plain numpy over decoded loops (W, 32, 27).
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES, STEPS, VOICES
from .sections import SAME_SECTION, onset_steps

HAT, RIDE = VOICES.index("closed_hat"), VOICES.index("ride")
KEEPERS = (HAT, RIDE)
BAR = 16  # a 4/4 bar of the loop, in 16ths
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
    its bass's within SAME_SECTION of the bar's (None: any source)."""
    if take is None or len(loops) == 0:
        return loops
    heard = [onset_steps(part) for part in (grooves, bass) if part is not None]
    take = np.asarray(take)
    plain = np.ones(len(loops), bool) if plain is None else np.asarray(plain, bool)
    hits = loops[..., :N_VOICES] > 0.5
    bars = []  # (window, bar in the loop, take, figure, keeper, judged steps)
    for w in np.flatnonzero(plain & (take >= 0)).tolist():
        for b in range(STEPS // BAR):
            steps = slice(b * BAR, (b + 1) * BAR)
            judged = np.ones(BAR, bool) if fill_steps is None else ~np.asarray(fill_steps[w, steps], bool)
            figure, keeper = bar_figure(hits[w, steps], judged)
            bars.append((w, b, int(take[w]), figure, keeper, judged))
    odd = np.arange(BAR) % 2 == 1
    for t in {bar[2] for bar in bars}:
        own = [bar for bar in bars if bar[2] == t and bar[3] is not None]
        eights, sixteens = sum(bar[3] == 8 for bar in own), sum(bar[3] == 16 for bar in own)
        if eights == sixteens:
            continue
        figure = 8 if eights > sixteens else 16
        for w, b, _, f, keeper, judged in own:
            if f == figure:
                continue
            sources = [(bar[1] != b, abs(2 * (bar[0] - w) + bar[1] - b), bar[0], bar[1]) for bar in own
                       if bar[3] == figure and bar[4] == keeper and
                       all(_distance(onsets, (w, b), bar[:2], judged) < SAME_SECTION for onsets in heard)]
            if not sources:
                continue
            _, _, sw, sb = min(sources)
            cells = np.flatnonzero(judged & odd)
            cols = [keeper + k * N_VOICES for k in range(3)]
            loops[w, b * BAR + cells[:, None], cols] = loops[sw, sb * BAR + cells[:, None], cols]
    return loops


def _distance(onsets: np.ndarray, bar: tuple, other: tuple, judged: np.ndarray) -> float:
    """How far a part's onsets (W, 32) in a bar (window, bar in its loop) are from another's, on `judged` steps
    (sections.py's measure: what moves, over the busier one's onsets)."""
    a, b = (onsets[w, k * BAR:(k + 1) * BAR][judged].astype(np.float32) for w, k in (bar, other))
    return float(np.abs(a - b).sum() / max(a.sum(), b.sum(), 1e-9))


__all__ = ["bar_figure", "held_figure"]
