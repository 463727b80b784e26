"""A live session's phrases (the fills and crashes of each loop), and a cue for the next section.

drumify fills into a section and crashes on its 1 (sections.py); live, the drums cannot hear a section coming, so
with no --fill-every they played straight through a change the player had planned (live_sections.py: a new part is
only heard once it is played). A drummer told "next section" (a nod, a count) plays a fill in the bar before it and
crashes on its 1. `LiveSession.cue_section` is that cue: the section starts on the first bar line whose bar before
is still to be made (a loop is made a moment before its boundary: a cue during a bar already made puts the fill in
the bar after it), the fill takes the end of that bar as drumify's (Settings.fill_length), and the crash its 1. The
fill is drawn in the loop made for that bar, as a --fill-every fill is: no extra model call.
"""

from __future__ import annotations

import numpy as np

from .live_bars import window_phrase
from .loop import STEPS, STEPS_PER_BEAT


def fill_beats(fill_length: str, bar: float) -> float:
    """Beats of a bar's end a fill takes ("beat", "half", "bar"), as phrases.py's for a bar of quarter notes."""
    beats = max(1.0, float(np.floor(bar + 1e-9)))
    return {"beat": 1.0, "half": max(1.0, float(np.floor(beats / 2))), "bar": float(bar)}[fill_length]


class SectionCue:
    """The bar line (beats) a cued section starts on, until its crash is made."""

    def __init__(self):
        self.line: float | None = None

    def forget(self) -> None:
        self.line = None

    def cue(self, session) -> float:
        """The next section cued now: its first bar line (beats), the first whose bar before is still to be made (with
        loops made every beat: whose fill's first beat is)."""
        bar = session.beats_per_bar
        lead = bar if session.regenerate == "bar" else fill_beats(session.settings.fill_length, bar)
        earliest = session._next_boundary + lead
        self.line = float(session.origin + np.ceil((earliest - session.origin) / bar - 1e-9) * bar)
        return self.line


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
    line = session._cue.line
    if line is None:
        return phrase
    if boundary > line + 1e-9:  # its crash was made
        session._cue.forget()
        return phrase
    lo = max(0, first + heard - STEPS)  # the loop's steps as the real steps lo..lo+32 of the window
    beat = window_start + (lo + np.arange(STEPS)) / STEPS_PER_BEAT
    now = (np.arange(STEPS) >= first - lo) & (np.arange(STEPS) < first - lo + heard)
    fill_from = line - fill_beats(session.settings.fill_length, session.beats_per_bar)
    fill = (beat >= fill_from - 1e-9) & (beat < line - 1e-9)
    crash = (np.abs(beat - line) < 0.5 / STEPS_PER_BEAT) & now
    fill &= bool((fill & now).any())  # heard now: the whole fill, as window_phrase keeps it
    if not (crash.any() or fill.any()):
        return phrase
    crash, fill = np.roll(crash, lo), np.roll(fill, lo)
    return (crash, fill) if phrase is None else (phrase[0] | crash, phrase[1] | fill)


__all__ = ["SectionCue", "fill_beats", "session_phrase"]
