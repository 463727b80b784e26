"""A live player starting something new, as a drummer hears it: a new feel, a new level, or a new part (a verse riff
into held chorus chords, kept to for two bars) starts a new take, and the old part's notes left in the buffer are no
longer heard, so the drums play the new part's groove from its third bar.

Offline, drumify marks such a change as a section (sections.texture_sections): the drums fill into it and crash on
it. It hears the change by the 4 bars after it keeping to it; live, each loop is made a moment before its bar line,
so a fill into the change or a crash on its 1 would have to come before a note of it is heard. What a drummer does
without a chart is what is left: hear the new part and play its groove. Before, the take of the last four grooves
and the old part's notes fading in the buffer (a bar line keeps 0.6 of them) kept the verse's kicks under the chorus
for 4 bars. Two bars, not one: a player's one-bar fill had the drums drop their groove for two bars.

A count-in (the player's first bar only clicks on its beats, then something else) is heard so at the song's first
bar line: the drums come in there on the clicks (all they have heard), then play the song's first bar, not the clicks.
"""

from __future__ import annotations

import numpy as np

from .live_cues import feel_changed, level_changed
from .live_refill import first_bar_held
from .loop import STEPS_PER_BEAT
from .sections import TEXTURE_CHANGE, TEXTURE_STEADY, _onset_distance

BARS_KEPT = 8  # the bars played whose onsets are kept (the part before a change is read 2 and 4 bars back)
FORGET_BARS = 4  # bars from the new part's first in which the old part's notes are left out (by then faded out)


class PartChange:
    """The bars the player played (their onsets, by the bar line that ended each) and a new part heard."""

    def __init__(self):
        self._bars: dict[float, np.ndarray] = {}  # bar line (beats) -> (16th steps of the bar before it,) bool
        self._since: float | None = None  # the new part's first bar line (beats), while the old part is in the buffer

    def heard(self, session, take, groove: np.ndarray, boundary: float) -> tuple[bool, np.ndarray]:
        """(a new take starts, the groove to make the loop from `boundary` of) for `session` (LiveSession) with the
        take `take` (its last grooves) and the buffer's `groove` (32, 6)."""
        bar = session.beats_per_bar
        line = session.origin + np.ceil((boundary - session.origin) / bar - 1e-9) * bar
        new = bool(take) and (feel_changed(take[-1][:, :3], groove[:, :3])
                              or level_changed([t[:, :3] for t in take], groove[:, :3]))
        if abs(line - boundary) < 1e-9:  # (a loop made every beat: the one on the bar line)
            self._bars[round(line, 6)] = self._played(session, line)
            for old in sorted(self._bars)[:-BARS_KEPT]:
                del self._bars[old]
            # two bars of another part: one is a player's fill, or a riff's turnaround
            if take and self._changed(line, bar) and self._changed(line - bar, bar):
                new, self._since = True, line - 2 * bar
            elif take and self._counted_in(session, line, bar):
                new, self._since = True, line - bar
        if self._since is not None and line > self._since + FORGET_BARS * bar + 1e-9:
            self._since = None
        if self._since is not None:  # the old part's notes left in the buffer (a bar line fades them by 0.6) unheard
            old = session.laid < self._since - 0.5 / STEPS_PER_BEAT
            groove = np.where(old[:, None], 0.0, groove).astype(np.float32)
            # the new part's first bar over the window's bar not played since (a count-in's bar: the drums' next bar)
            window = int(round(session.window_span() * STEPS_PER_BEAT))
            held = first_bar_held(groove, int(np.floor((session.now - session.origin) * STEPS_PER_BEAT - 0.5)),
                                  (self._since - session.origin) * STEPS_PER_BEAT, window, bar)
            groove = groove if held is None else held
        return new, groove

    @staticmethod
    def _played(session, line: float) -> np.ndarray:
        """The steps of the bar up to `line` with a note laid in it (a note a hair early on its step)."""
        bar = session.beats_per_bar
        steps = int(round(bar * STEPS_PER_BEAT))
        at = (session.laid - (line - bar)) * STEPS_PER_BEAT
        at = at[np.isfinite(at)]
        at = np.floor(at[(at >= -0.5) & (at < steps - 0.5)] + 0.5).astype(int)
        row = np.zeros(steps, bool)
        row[at] = True
        return row

    def _counted_in(self, session, line: float, bar: float) -> bool:
        """The player's first bar (nothing before it) was a count-in: 3 or 4 notes on its beats from the 1, and the
        bar up to `line`, after it, plays something else. Held over the window, its quarters had the drums' kick on
        every beat under the song's first two bars."""
        played, count, before = (self._bars.get(round(line - k * bar, 6)) for k in (0, 1, 2))
        first = session.entered is not None and abs(session.entered - (line - 2 * bar)) <= 0.5 / STEPS_PER_BEAT
        if played is None or count is None or not first or before is not None and before.any():
            return False
        steps = np.flatnonzero(count)
        on_beats = len(steps) >= 3 and steps[0] == 0 and not (steps % STEPS_PER_BEAT).any()
        return on_beats and _onset_distance(played.astype(np.float32), count.astype(np.float32)) >= TEXTURE_CHANGE

    def _changed(self, line: float, bar: float) -> bool:
        """The bar up to `line` plays another part than the same bar of the 2-bar window 2 and 4 bars before, which
        played one part (as texture_sections hears a band change what it plays and keep to it)."""
        played, *before = (self._bars.get(round(line - k * bar, 6)) for k in (0, 2, 4))
        # (a bar the player rested has no row: the quiet bar's loop is made without hearing it)
        if played is None or not played.any() or any(b is None or len(b) != len(played) or not b.any()
                                                     for b in before):
            return False
        change = _onset_distance(played.astype(np.float32), np.mean(before, 0))
        within = _onset_distance(*(b.astype(np.float32) for b in before))
        return change >= TEXTURE_CHANGE and change > TEXTURE_STEADY * within
