"""A live session's phrases (the fills and crashes of each loop), and a cue for the next section.

drumify fills into a section and crashes on its 1 (sections.py); live, the drums cannot hear a section coming, so
with no --fill-every they played straight through a change the player had planned (live_sections.py: a new part is
only heard once it is played). A drummer told "next section" (a nod, a count) plays a fill in the bar before it and
crashes on its 1. `LiveSession.cue_section` is that cue: the section starts on the first bar line whose bar before
is still to be made (a loop is made a moment before its boundary: a cue during a bar already made puts the fill in
the bar after it), the fill takes the end of that bar as drumify's (Settings.fill_length), and the crash its 1. The
fill is drawn in the loop made for that bar, as a --fill-every fill is: no extra model call. In REAPER's loop playback
a section at or past the loop end, which the cursor never reaches, is the loop start's: the loop's last bar fills into
it and the loop start's bar, made ahead of the jump back, crashes, once (SectionCue.loop_end, loop_back).
"""

from __future__ import annotations

import threading

import numpy as np

from .live_bars import window_phrase
from .loop import STEPS, STEPS_PER_BEAT
from .meter import beat_lengths
from .phrases import _quarter_beats, half_bar


def fill_beats(fill_length: str, meter: tuple[int, int]) -> float:
    """Quarter notes of a bar's end a fill takes ("beat", "half", "bar") in a `meter` (numerator, denominator) bar, as
    drumify's (phrases.half_bar: a waltz's half fill is its last two beats; a 6/8 bar's beat a dotted quarter)."""
    num, den = meter
    lengths = beat_lengths(num, den) or _quarter_beats(num * STEPS_PER_BEAT * 4 / den)
    take = {"beat": 1, "half": half_bar(lengths), "bar": len(lengths)}[fill_length]
    return sum(lengths[-take:]) / STEPS_PER_BEAT


class SectionCue:
    """The bar lines (beats) of the sections cued, each until its crash is made. More than one: a project's markers a
    bar apart (reaper_ext/live_section_markers.py) each get their fill and crash, as drumify's sections do."""

    def __init__(self):
        self.lines: list[float] = []
        self._lock = threading.Lock()  # cued from a UI or port thread while the player's makes a loop

    @property
    def line(self) -> float | None:
        """The first section cued still to come (None: none)."""
        return min(self.lines, default=None)

    def forget(self) -> None:
        with self._lock:
            self.lines = []

    def cue(self, session) -> float:
        """The next section cued now: its first bar line (beats), the first whose bar before is still to be made (with
        loops made every beat: whose fill's first beat is)."""
        bar = session.beats_per_bar
        lead = bar if session.regenerate == "bar" else fill_beats(session.settings.fill_length, session.time_signature)
        earliest = session._next_boundary + lead
        return self.cue_at(float(session.origin + np.ceil((earliest - session.origin) / bar - 1e-9) * bar))

    def cue_at(self, line: float) -> float:
        """A section known to start on the bar line `line` (beats): a project marker's. Cued twice, it is one."""
        with self._lock:
            if not any(abs(line - kept) < 1e-6 for kept in self.lines):
                self.lines = sorted([*self.lines, float(line)])
        return float(line)

    def loop_end(self, start: float, end: float) -> float | None:
        """In loop playback over [start, end) (beats): a section cued at or past the loop end, which the cursor never
        reaches, is the loop start's: kept on the loop end (its fill ends the loop's last bar, if still to be made)
        until `loop_back`. The loop start, where its crash comes; None when none was."""
        with self._lock:
            past = [line for line in self.lines if line >= end - 1e-6]
            if past:
                self.lines = [*(line for line in self.lines if line < end - 1e-6), float(end)]
        return float(start) if past else None

    def loop_back(self, start: float, end: float) -> None:
        """The loop start's bars are made ahead of the jump back from `end`: a section on the loop end (or past it)
        crashes on the loop start once, its line there (the next pass does not fill into it again)."""
        with self._lock:
            kept = [line for line in self.lines if line < end - 1e-6]
            if len(kept) < len(self.lines) and not any(abs(line - start) < 1e-6 for line in kept):
                kept.append(float(start))
            self.lines = sorted(kept)

    def jumped_back(self, start: float) -> None:
        """The cursor jumped back to the loop start `start`: its crash, made ahead, is heard now (a loop of one bar
        makes no later bar that would forget it: it crashed every pass)."""
        with self._lock:
            self.lines = [line for line in self.lines if line > start + 1e-6]

    def made_until(self, boundary: float) -> list[float]:
        """The lines still to come for the loop made at `boundary`: those whose crash a loop made before it made are
        forgotten."""
        with self._lock:
            self.lines = [line for line in self.lines if boundary <= line + 1e-9]
            return list(self.lines)


def session_phrase(session, boundary: float, window_start: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(crash_at, fill_at): (32,) bool masks of the loop of the window from `window_start` for the crashes and fills
    heard from `boundary` until the next loop takes over; None when none comes: drumify's for these bars, in the
    session's meter and feel, the crash where the drums came in (live_bars.window_phrase), and a cued section's fill
    and crash (SectionCue)."""
    first = int(round((boundary - window_start) * STEPS_PER_BEAT))
    heard = min(int(round(session._step_len() * STEPS_PER_BEAT)), STEPS)
    phrase = window_phrase(session.settings, session.time_signature, session.window_bars, first=first, heard=heard,
                           at=int(round((window_start - session.origin) * STEPS_PER_BEAT)),
                           opening=None if session._opening is None else
                           int(round((session._opening - window_start) * STEPS_PER_BEAT)))
    lo = max(0, first + heard - STEPS)  # the loop's steps as the real steps lo..lo+32 of the window
    beat = window_start + (lo + np.arange(STEPS)) / STEPS_PER_BEAT
    now = (np.arange(STEPS) >= first - lo) & (np.arange(STEPS) < first - lo + heard)
    crash, fill = np.zeros(STEPS, bool), np.zeros(STEPS, bool)
    for line in session._cue.made_until(boundary):
        fill_from = line - fill_beats(session.settings.fill_length, session.time_signature)
        into = (beat >= fill_from - 1e-9) & (beat < line - 1e-9)
        crash |= (np.abs(beat - line) < 0.5 / STEPS_PER_BEAT) & now
        fill |= into & bool((into & now).any())  # heard now: the whole fill, as window_phrase keeps it
    if not (crash.any() or fill.any()):
        return phrase
    crash, fill = np.roll(crash, lo), np.roll(fill, lo)
    return (crash, fill) if phrase is None else (phrase[0] | crash, phrase[1] | fill)


__all__ = ["SectionCue", "fill_beats", "session_phrase"]
