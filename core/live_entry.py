"""A live take joined mid-song: the drums coming in crash only where the song's phrase or a section starts.

LiveSession opens the drums' first loop after silence with a crash (live.py: the opening, `opening_crash`). From
a song's first bar that is the drummer's opening; REAPER's live follow started at bar 3 of a song came in on bar 4
with a crash mid-phrase, where a drummer joining a song just plays. A take joined mid-song has its first entry
crash only where the song itself has one: a phrase's first bar by the session's count from its bar 1 (fill_every,
fill_bars: live_bars.window_phrase) or a section cued there (a project marker: live_section_cue.SectionCue), which
the session marks on their own. A take started in the song's first bar or a section's (play pressed on a marker)
comes in with its crash as before, and so does a comeback after the player stopped (live_cues: an entry of its own).
`reagroove live --clock-in` joins the same way where a master starts, continues or locates (`join_at`).
"""

from __future__ import annotations

import numpy as np

from .live import LiveSession
from .loop import N_VOICES


class JoinedSession(LiveSession):
    """A LiveSession told where each take starts (`join`, before `start`): a take joined mid-song comes in with no
    crash of its own."""

    _joining = False  # a take joined mid-song whose drums have not come in yet
    _quiet_line: float | None = None  # the bar line where they came in, with no crash of their own

    def join(self, from_start: bool) -> None:
        """A take starts (call before `start`): `from_start` where it starts in the song's first bar or a
        section's, the drums coming in with their crash; else mid-song, without one."""
        self._opening = None  # the last take's entry is over (seen first, it would pass for this take's)
        self._joining, self._quiet_line = not from_start, None

    def _generate(self, boundary: float, now: float):
        made = super()._generate(boundary, now)
        if self._joining and made.loop[:, :N_VOICES].any():  # drums already playing (a continue): no entry to come
            self._joining = False  # (left waiting, the player's comeback after a stop passed for it: no crash)
        return made

    def _phrase(self, boundary: float, window_start: float) -> tuple[np.ndarray, np.ndarray] | None:
        if self._joining and self._opening is not None:  # the drums come in now: the take's entry
            self._joining, self._quiet_line = False, self._opening
        if self._quiet_line is None or self._opening != self._quiet_line:
            return super()._phrase(boundary, window_start)
        self._opening = None  # the phrases' and sections' crashes only (the loops heard on that line)
        try:
            return super()._phrase(boundary, window_start)
        finally:
            self._opening = self._quiet_line


def starts_the_song(position: float, meter_at: float, bar: float, sections=()) -> bool:
    """The play cursor `position` (beats) is in the song's first bar (the bar of the meter marker at `meter_at`, or
    before it: a pre-roll) or in the first bar of a section starting on one of the bar lines `sections`."""
    return any(position < line + bar - 1e-6 and (position >= line - 1e-6 or line == meter_at)
               for line in (meter_at, *sections))


def join_at(session, position: float) -> None:
    """A MIDI clock master starts, continues or locates at `position` (beats from its song's start, bar 1 on the
    session's origin): a JoinedSession joins there (mid-song: no crash of its own); a plain LiveSession is as it was."""
    join = getattr(session, "join", None)
    if join is not None:
        join(starts_the_song(position, session.origin, session.beats_per_bar))


__all__ = ["JoinedSession", "join_at", "starts_the_song"]
