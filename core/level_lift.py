"""The band's level, bar by bar, as sections.level_sections reads it for a chorus that is only louder.

A lift is relative (LEVEL_RATIO): a strummed guitar going from velocity 55 to 73 (x1.3) is the chorus a drummer
fills into and crashes on, though its jump (0.14 of 127) is short of an absolute LEVEL_JUMP (R13's p8). With the
low register's grooves (Windows.bass) the parts over the bass are heard apart too (an organ's chorus louder over a
bass that stays, R13's p5), and the band's phrases count from where the bass comes in as well (an organ alone for
2 bars, the verse from bar 3). On freedoom (benchmarks/bench_sections.py) the loudness jumps heard go from 9 (7
crashed) to 30 (25), and all the sections heard from 421 (321 crashed) to 429 (328).
"""

from __future__ import annotations

import numpy as np

from .loop import STEPS
from .sections import played_bars

# A lift (or a drop) of the level by this ratio: on freedoom 1.12 and 1.18 keep fewer of the drummers' crashes
# per section heard; any jump of LEVEL_JUMP (0.2) is one too (it is 1.25 or more at any level)
LEVEL_RATIO = 1.15


def lifted(before: float, after: float) -> bool:
    """Whether the level moved by LEVEL_RATIO or more, up or down."""
    return max(before, after) >= LEVEL_RATIO * max(min(before, after), 1e-9)


def _levels(hit: np.ndarray, vel: np.ndarray, bars, meters, starts, end) -> tuple[dict[int, float], dict[int, int]]:
    """({bar: its onsets' mean velocity}, {bar: how many onsets}) of each bar played with 2 onsets or more."""
    level: dict[int, float] = {}
    count: dict[int, int] = {}
    for w, bar, beats in played_bars(bars, meters, starts, end):
        lo, hi = max(beats[0].start, 0), max(beats[-1].start + beats[-1].length, 0)
        if bar not in level and hit[w, lo:hi].sum() >= 2:
            level[bar], count[bar] = float(vel[w, lo:hi][hit[w, lo:hi]].mean()), int(hit[w, lo:hi].sum())
    return level, count


def bar_levels(grooves, bass, bars, meters, starts=None, end: float = float("inf")) -> list[tuple[dict, dict]]:
    """The band's levels per bar (_levels), and with `bass` (the low register's grooves) those of the steps without a
    bass onset: the loudest note of a step is often the bass's, which a chorus need not play louder."""
    g = np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)
    hit, vel = g[..., 0] > 0.5, g[..., 1]
    out = [_levels(hit, vel, bars, meters, starts, end)]
    if bass is not None:
        low = np.asarray(bass, np.float32).reshape(-1, STEPS, 3)[..., 0] > 0.5
        if low.any():
            out.append(_levels(hit & ~low, vel, bars, meters, starts, end))
    return out


def bass_entry(bass, bars, meters, starts=None, end: float = float("inf")) -> list[int]:
    """[the bar the bass comes in on] where it comes in after the part's first bar; [] otherwise."""
    if bass is None or not len(bars):
        return []
    low = np.asarray(bass, np.float32).reshape(-1, STEPS, 3)[..., 0] > 0.5
    played = _levels(low, low.astype(np.float32), bars, meters, starts, end)[0]
    first = min(played, default=None)
    return [first] if first is not None and first > int(bars[0]) else []


__all__ = ["LEVEL_RATIO", "lifted", "bar_levels", "bass_entry"]
