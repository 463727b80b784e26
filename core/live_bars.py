"""The bars a live session's loop windows play, and the phrases on them (core/live.py).

A window is drumify's: the whole bars of the session's meter within 8 beats of the origin, played as the
model's loop is (plain 4/4) or through meter.py's mapping (3/4, 6/8, 7/8 ...). In the half-time feel
(Settings.feel "half", feel.py) each 4/4 bar is marked as two half-note beats, as drumify marks them, so the
loop's backbeat lands on each bar's 3 and its hats keep the bar's 8ths. Phrases (fills, crashes) stay on the
session's bars, on the real grid, and go onto the loop's steps through the same beats (a half-time fill onto its
own steps: it is played at the song's speed).
"""

from __future__ import annotations

import numpy as np

from .feel import with_feel
from .groove import bar_grid, window_meters
from .half_time import song_quarters
from .loop import LOOP_BEATS, N_VOICES, STEPS, STEPS_PER_BEAT
from .meter import WindowBars, is_plain, window_beats
from .phrases import timed_phrases
from .settings import Settings


def bar_lines(meters: list[tuple[float, float]], start: float, end: float) -> int:
    """The bar lines in (start, end] of a session whose meters are `meters` [(origin beat, beats a bar)], each
    counted in the meter in force where it falls."""
    count = 0
    for i, (origin, bar) in enumerate(meters):
        lo = -np.inf if i == 0 else origin  # the first meter's bars run back before its origin too
        hi = meters[i + 1][0] if i + 1 < len(meters) else np.inf

        def upto(t: float) -> float:  # this meter's lines at or before t
            return np.floor((t - origin) / bar + 1e-9)

        count += max(0, int(upto(min(end, hi - 1e-6)) - max(upto(start), upto(lo - 1e-6))))
    return count


def window_bars(meter: tuple[int, int], feel: str = "normal") -> WindowBars | None:
    """The bars of one loop window in this meter and feel, as drumify lays them (groove.window_meters on a grid of
    that meter: the whole bars within 8 beats; feel.with_feel: 4/4 bars in half time); None where the loop plays
    as it is (4/4 in the normal feel, a bar longer than a loop, a meter meter.py does not map)."""
    bars = window_meters(bar_grid([(0.0, *meter)], LOOP_BEATS), np.zeros(1))[0]
    if feel != "normal" and bars is not None:
        bars = with_feel([bars], feel, 1)[0][0]
    return None if bars is None or is_plain(bars) else bars


def window_phrase(settings: Settings, meter: tuple[int, int], bars: WindowBars | None, *, first: int, heard: int,
                  at: int, opening: int | None) -> tuple[np.ndarray, np.ndarray] | None:
    """(crash_at, fill_at): (32,) bool masks of a window's loop for the crashes and fills heard while it plays,
    on the real grid; None when none comes (LiveSession._phrase says which steps those are).

    first: the loop step heard from; heard: steps heard (a bar or a beat); at: the real step (from bar 1's
    downbeat) of the loop's first step; opening: the loop step where the drums came in (its crash), or None.
    The phrases are drumify's for these bars (phrases.timed_phrases: a half-time bar's fill counts its quarters, as
    drumify's does). A loop that plays on past its window's end (a 9/4 bar) plays its first steps again: they hold
    what is heard then. A fill heard from here keeps its whole run in the loop, as the loop before it had it
    (fills.fill_source)."""
    lo = max(0, first + heard - STEPS)  # the loop's steps as the real steps lo..lo+32 of the window
    crash_at, fill_at = timed_phrases(settings, meter, at + lo, STEPS)
    if bars is not None and window_beats(bars) is not None:
        fill_at = within_a_loop_bar(fill_at, bars, lo)
    if settings.opening_crash and opening is not None and 0 <= opening - lo < STEPS:
        crash_at[opening - lo] = True
    now = (np.arange(STEPS) >= first - lo) & (np.arange(STEPS) < first - lo + heard)
    crash_at &= now
    run = np.cumsum(fill_at & ~np.concatenate([[False], fill_at[:-1]])) * fill_at  # each fill's number
    fill_at &= np.isin(run, run[fill_at & now])  # the fills heard now, whole
    if not (crash_at.any() or fill_at.any()):
        return None
    return np.roll(crash_at, lo), np.roll(fill_at, lo)  # real step lo + i plays as loop step (lo + i) % 32


def within_a_loop_bar(fill_at: np.ndarray, bars: WindowBars, lo: int = 0) -> np.ndarray:
    """A real-grid fill mask (its step i the window's real step lo + i) with each bar's fill cut to its last beats
    within one loop bar of the model's frame, as drumify's (phrases._within_a_loop_bar): a 5/4 bar's whole-bar fill
    had been all five beats live, drumify's its last three."""
    fill_at = fill_at.copy()
    for bar, beats in zip(bars, window_beats(bars)):
        steps = [(b.start - lo, b.start - lo + b.length, b.source) for b in song_quarters(bar, beats)]
        filled = [(a, z, src) for a, z, src in steps if 0 <= a < z <= STEPS and fill_at[a:z].any()]
        span = lambda: (max(f[2] for f in filled) - min(f[2] for f in filled) + 1) * STEPS_PER_BEAT  # noqa: E731
        while len(filled) > 1 and span() > STEPS // 2:
            fill_at[filled[0][0]:filled[0][1]] = False
            filled.pop(0)
    return fill_at


def loop_phrase(crash_at: np.ndarray, fill_at: np.ndarray, bars: WindowBars) -> tuple[np.ndarray, np.ndarray]:
    """Real-grid crash and fill masks of a window playing `bars` as the loop steps its beats play; a half-time
    bar's fill on its own steps, as drumify's (its quarters played at the song's speed: half_time.song_quarters).
    A bar's fill is one run of loop steps from its first beat's to its last's, as drumify marks it (phrases.py
    _mark_phrases): a waltz's last two beats, played from the loop's beats 2 and 4, had been two runs, each laid
    with the fill's last steps, and live's half-bar waltz fill another than drumify's."""
    crash, fill = np.zeros(STEPS, bool), np.zeros(STEPS, bool)
    for bar, beats in zip(bars, window_beats(bars)):
        for beat in beats:
            crash[beat.source * STEPS_PER_BEAT] |= bool(crash_at[beat.start])
        src = [beat.source * STEPS_PER_BEAT for beat in song_quarters(bar, beats)
               if fill_at[beat.start:beat.start + beat.length].any()]
        if src:
            fill[min(src):max(src) + STEPS_PER_BEAT] = True
    return crash, fill


def fill_begun(loop: np.ndarray, before, phrase: tuple[np.ndarray, np.ndarray] | None, boundary: float,
               window_start: float) -> np.ndarray:
    """`loop` (made to play from the beat `boundary` in the window from `window_start`, with LiveSession._phrase's
    `phrase`) with the rest of a fill already under way there taken from `before` (the ScheduledLoop made a beat
    earlier; None: none): loops made every beat drew the fill again each beat, and a bar-long fill was heard as a
    tom, two beats of the groove's hats, then another draw's toms. Where `before` played another window, or nothing
    of the fill so far (the drums came in on it), or was made with other fill steps (the fill settings changed
    since: it held the groove there), `loop` is kept."""
    fill = None if phrase is None or before is None or before.window_start != window_start else phrase[1]
    if fill is not None and (before.fill_at is None or not np.array_equal(before.fill_at, fill)):
        return loop
    first = int(round((boundary - window_start) * STEPS_PER_BEAT))
    if fill is None or not 0 < first < STEPS or not (fill[first] and fill[first - 1]):
        return loop
    begun = first - int(np.argmin(fill[first - 1::-1])) if not fill[:first].all() else 0  # the fill's first step
    if not before.loop[begun:first, :N_VOICES].any():
        return loop
    run = np.arange(first, STEPS)[np.cumprod(fill[first:]).astype(bool)]  # from `first` to the fill's end
    out = loop.copy()
    out[run] = before.loop[run]
    return out
