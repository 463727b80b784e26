"""Phrases: where fills and crashes go in a drum part, as a drummer places them.

A phrase ends in a fill over the end of its last bar (the last beat, half bar
or whole bar) and the next phrase opens with a crash on its downbeat. Phrases
come from `fill_every` (phrases of N 2-bar loops counted from the bar where
the input starts: N=4 puts fills in bars 8, 16, ...), from bars the user
lists (`fill_bars`: a fill ends each), and from section starts (REAPER's
regions and markers: a fill before each, a crash on it). The part's first
downbeat opens a phrase too (`opening_crash`). Nowhere else is there a crash.
A pickup before bar 1 is a lead-in fill over the pickup's beats, as a
drummer plays into the first downbeat (never a loop before bar 1).

Everything here is in the frame of the generated loop: a window's bars are
its 4/4 loop's bars (meter.py says which loop beats each real beat plays).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .groove import bar_grid
from .loop import STEPS
from .meter import WindowBars, bars_beats, is_pickup, is_plain, window_beats
from .settings import Settings


@dataclass
class PhrasePlan:
    """Per window: a crash at a loop step (-1 = none) and a fill over loop steps [fill_from, fill_to).

    A window's two bars can both open a phrase (fills ending bars 1 and 2, a section on bar 2 after the
    opening crash): crash_at / fill_at (W, 32) bool then hold every crash step and fill step, and the
    three arrays the last of them. Without them the three arrays are the whole plan."""

    crash_step: np.ndarray  # (W,) int
    fill_from: np.ndarray  # (W,) int
    fill_to: np.ndarray  # (W,) int; fill_to == fill_from: no fill
    crash_at: np.ndarray | None = None  # (W, 32) bool
    fill_at: np.ndarray | None = None  # (W, 32) bool

    @property
    def crash_steps(self) -> np.ndarray:
        """(W, 32) bool: the loop steps where a phrase opens with a crash."""
        if self.crash_at is not None:
            return self.crash_at
        return (np.arange(STEPS) == self.crash_step[:, None]) & (self.crash_step[:, None] >= 0)

    @property
    def fill_steps(self) -> np.ndarray:
        """(W, 32) bool: the loop steps a fill plays."""
        if self.fill_at is not None:
            return self.fill_at
        return (np.arange(STEPS) >= self.fill_from[:, None]) & (np.arange(STEPS) < self.fill_to[:, None])

    @property
    def fills(self) -> np.ndarray:
        return self.fill_steps.any(1)

    @property
    def crashes(self) -> np.ndarray:
        return self.crash_steps.any(1)

    def take(self, rows) -> "PhrasePlan":
        """The plan of these windows (indices, repeated as given)."""
        return PhrasePlan(*(None if a is None else np.asarray(a)[rows] for a in
                            (self.crash_step, self.fill_from, self.fill_to, self.crash_at, self.fill_at)))


def phrase_starts(settings: Settings, first_bar: int, last_bar: int, phrase_start: int,
                  section_bars: Sequence[int] = ()) -> list[int]:
    """Bars (first_bar < bar <= last_bar + 1) that open a new phrase: a fill ends the bar before each.

    The bar after the part counts: a part that ends with a phrase ends with its fill.
    """
    starts = {b + 1 for b in settings.fill_bars} | {int(b) for b in section_bars}
    if settings.fill_every > 0:
        length = 2 * settings.fill_every
        k = -(-(first_bar + 1 - phrase_start) // length)
        starts.update(range(phrase_start + k * length, last_bar + 2, length))
    return sorted(b for b in starts if first_bar < b <= last_bar + 1)


def plan_phrases(settings: Settings, bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                 *, phrase_start: int | None = None, section_bars: Sequence[int] = ()) -> PhrasePlan:
    """Where each window's crash and fill go.

    bars: the bar number each window starts at; meters: the bars each window
    plays (None: two 4/4 bars). phrase_start: the bar the first phrase starts
    at (default: the first window's bar, or bar 1 after a pickup).
    """
    n = len(bars)
    crash = np.full(n, -1, np.int64)
    fill_from = np.zeros(n, np.int64)
    fill_to = np.zeros(n, np.int64)
    crash_at, fill_at = np.zeros((n, STEPS), bool), np.zeros((n, STEPS), bool)
    if n == 0:
        return PhrasePlan(crash, fill_from, fill_to, crash_at, fill_at)
    # bar number -> (window, beats of the bar) for every bar the part plays
    where: dict[int, tuple[int, tuple]] = {}
    for w in range(n):
        for m, beats in enumerate(bars_beats(None if meters is None else meters[w])):
            bar = int(bars[w]) + m
            if m == 0 or bar not in where:  # a bar a window starts on is that window's (not a pickup's tail)
                where[bar] = (w, beats)
    first, last = _first_last(where)
    start = phrase_start if phrase_start is not None else max(int(bars[0]), 1)

    def crash_on(bar):
        w, beats = where[bar]
        crash[w] = beats[0].source * 4
        crash_at[w, crash[w]] = True

    def fill(w, lo, hi):
        fill_from[w], fill_to[w] = lo, hi
        fill_at[w, lo:hi] = True

    if settings.opening_crash:
        crash_on(first)
    for w in range(n):
        pickup = meters[w] if meters is not None else None
        if is_pickup(pickup) and window_beats(pickup) is not None:
            sources = [b.source for b in window_beats(pickup)[0]]
            fill(w, min(sources) * 4, max(sources) * 4 + 4)
    for bar in phrase_starts(settings, first, last, start, section_bars):
        if bar in where:
            crash_on(bar)
        if bar - 1 in where:
            w, beats = where[bar - 1]
            take = {"beat": 1, "half": max(1, len(beats) // 2), "bar": len(beats)}[settings.fill_length]
            sources = [b.source for b in beats[-take:]]
            fill(w, min(sources) * 4, max(sources) * 4 + 4)
    return PhrasePlan(crash, fill_from, fill_to, crash_at, fill_at)


def _first_last(bars) -> tuple[int, int]:
    """The first and last bar a part plays (from bar 1 where it has a pickup)."""
    played = sorted(b for b in bars if b >= 1) or sorted(bars)
    return played[0], played[-1]


def fill_bars_outside(settings: Settings, bars: np.ndarray, meters: Sequence[WindowBars | None] | None) -> str | None:
    """What to tell the user when fill_bars names bars the part does not play (None: they all play)."""
    if not settings.fill_bars or not len(bars):
        return None
    where = {int(bars[w]) + m for w in range(len(bars)) for m in range(len(bars_beats(None if meters is None else meters[w])))}
    first, last = _first_last(where)
    out = [b for b in settings.fill_bars if not first <= b <= last]
    if not out:
        return None
    listed = ", ".join(map(str, out))
    return (f"fill bar{'s' if len(out) > 1 else ''} {listed} {'are' if len(out) > 1 else 'is'} outside the part "
            f"(bars {first}-{last}): no fill there")


def section_takes(bars: np.ndarray, meters: Sequence[WindowBars | None] | None,
                  section_bars: Sequence[int] = ()) -> np.ndarray:
    """(W,) take numbers: the windows of one section in one meter are one take, which the drummer plays
    as one groove (limbs.one_take); a new section (a marker, a region) or meter starts a new take.
    A window takes the section it starts in."""
    bars = np.asarray(bars, np.int64)
    section = np.searchsorted(np.asarray(sorted(section_bars), np.int64), bars, side="right")
    keys: dict[tuple, int] = {}
    return np.array([keys.setdefault((int(s), None if meters is None or is_plain(meters[w]) else meters[w]), len(keys))
                     for w, s in enumerate(section)], np.int64).reshape(len(bars))


def file_takes(file_index: np.ndarray, bars: np.ndarray) -> np.ndarray:
    """(N,) take numbers for dataset windows with a 1-bar hop: the windows of one file in one 2-bar phase,
    which are what the engine plays as one part (consecutive 2-bar windows; see section_takes)."""
    return np.asarray(file_index, np.int64) * 2 + np.asarray(bars, np.int64) % 2


def section_bars_at(beats: Sequence[float], time_signatures: Sequence[tuple[float, int, int]]) -> list[int]:
    """Bar numbers of sections starting at these positions (quarter-note beats, e.g. REAPER's regions and
    markers): each is the bar whose line is nearest, since a marker is rarely placed exactly on it."""
    if not len(beats):
        return []
    grid = bar_grid(list(time_signatures), float(max(beats)))
    lines = grid.lines
    out = set()
    for beat in beats:
        i = int(np.argmin(np.abs(lines - float(beat))))
        out.add(i - grid.first_bar + 1)
    return sorted(b for b in out if b >= 1)


__all__ = ["PhrasePlan", "plan_phrases", "fill_bars_outside", "phrase_starts", "section_bars_at", "section_takes", "file_takes"]
