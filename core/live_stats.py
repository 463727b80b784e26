"""What a live player counts as it plays (livemidi.LivePlayer.stats): the drum notes sent and the bars and runs of bars
they sounded in, the loops made late and by how much, the notes heard. The end summary (live_lines.summary_line) and
the panel's live figures read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PlayerStats:
    sent: int = 0
    late: int = 0  # loops generated after their boundary had passed
    late_ms: float = 0.0  # the most a late loop's notes waited past their time (its ready time past its boundary)
    bars: int = 0  # bars the drums sounded in (a bar each time their notes move into another)
    runs: int = 0  # times the drums came in: runs of bars with drums, a bar or more without them between
    input_notes: int = 0
    unclocked: int = 0  # notes played while the clock did not run (no MIDI clock master started): left out
    last_bar: float | None = None  # the bar (from the session's origin) the last drum note sounded in
    # the song position moved while the drums played (a DAW's loop region coming round): the next bar goes on their run
    jumped: bool = False

    def located(self, beat: float | None, origin: float = 0.0, beats_per_bar: float = 4.0) -> None:
        """The transport jumped while running (a loop region, a locate) from `beat` (the session's beat before the
        jump): the drums play on, not in again, where they played up to it; drums that had stopped a bar or more
        before it (the player stopped, --stop-after) come in again after it."""
        if beat is None or self.last_bar is None:
            self.jumped = False
            return
        # (within the bar after their last bar, a beat's grace: a locate sent just past the region's bar line; an
        # 8-bar region wrapping a bar and more after the drums ended on bar 6 is not theirs)
        since = (beat - origin) / beats_per_bar - self.last_bar
        self.jumped = -1e-6 <= since < 1 + 1 / beats_per_bar

    def drum_in(self, bar: float) -> None:
        """A drum note sent in `bar` (counted from the session's origin)."""
        self.bars += int(bar != self.last_bar)
        # (a jump back after a stop: a new run too; over a loop region's jump, the same run: "came in 4 times")
        self.runs += int((self.last_bar is None or not 0 <= bar - self.last_bar <= 1) and not self.jumped)
        self.jumped = False
        self.last_bar = bar


__all__ = ["PlayerStats"]
