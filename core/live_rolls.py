"""A rolled chord, a strum, a flam or a grace note on live input heard as one onset, as a drummer hears it.

The clock's followers took notes within 40 ms of the last onset as one chord, but a keyboard player's rolled chord
(its notes 15-40 ms apart, 4 notes over 45-120 ms) reached past that: its later notes were heard as onsets of their
own, laid on the next 16th, and the drums played a snare on the 'e' after every chord. Each note that comes within
GAP_S of the one before it belongs to the chord that note began, up to SPAN_S after the chord's first note, unless
it is clearly louder than that (a soft note 45 ms before a chord is its grace note, not the chord's first).

A grace note (a soft note a step or two from the next, 45-90 ms before it, less than half a 16th) was laid on the
16th before its note: a bass line with a grace note into 1 and 3 at 100 had the drums' kick on 1 alone. The note it
leads into is the onset (`grace`), so the player takes the grace note's step back.
"""

from __future__ import annotations

from .constants import DRUM_CHANNEL


class Rolls:
    GAP_S = 0.045  # a note this soon after the one before is that chord's (a roll's notes are 15-40 ms apart)
    SPAN_S = 0.15  # a roll lasts at most this long: a run of fast notes past it is notes of its own again
    CHORD_S = 0.04  # notes this near the chord's first are heard as they come: the followers take them as one already
    GRACE_S = 0.09  # a lone note at most this long before a louder one a step or two away is its grace note,
    GRACE_16TH = 0.6  # and at most this share of a 16th before it (later, it is a 16th note of its own)
    GRACE_LOUDER = 12  # velocity: the note after a grace note is at least this much louder
    GRACE_STEP = 2  # semitones between a grace note and its note, at most

    def __init__(self):
        self._first: tuple[float, float, int] | None = None  # (seconds, beat, velocity) of the chord's first note
        self._last = float("-inf")  # seconds of the last note-on
        # (seconds, pitch, velocity, channel) of the last onset, a single note
        self._lone: tuple[float, int, int, int | None] | None = None

    def clear(self) -> None:
        """The beats start again (the transport restarted, bar 1 placed again): no chord goes on across that."""
        self._first, self._last, self._lone = None, float("-inf"), None

    def rebeat(self, beat_of) -> None:
        """The beats were laid again (bar 1 and the tempo read again before the drums): the chord's first note is at
        `beat_of(its seconds)` now, so the rest of a roll goes with it."""
        if self._first is not None:
            self._first = (self._first[0], beat_of(self._first[0]), self._first[2])

    def onset(self, now: float, beat: float, pitch: int, velocity: int,
              bpm: float, channel: int | None = None) -> tuple[float, float, bool, float | None]:
        """A note-on `now` at `beat` on MIDI `channel` (0-15; None: unknown): (seconds, beat) it is heard at, whether
        as itself (False: a roll's later note, heard at its roll's first note and not again by the clock), and the
        seconds of the onset before it where that was its grace note (at `bpm`), else None. A grace note is on its
        note's channel; on the drum channel a step away is another drum (a soft kick before a snare on pads), so
        there only the same pad's soft stroke (a flam) is one."""
        first = self._first
        joins = first is not None and now - self._last <= self.GAP_S and now - first[0] <= self.SPAN_S \
            and velocity < first[2] + self.GRACE_LOUDER
        self._last = now
        if joins:
            self._lone = None  # a chord: no grace note
            if now - first[0] <= self.CHORD_S:
                return now, beat, True, None
            return first[0], first[1], False, None
        lone, self._lone, self._first = self._lone, (now, pitch, velocity, channel), (now, beat, velocity)
        step = 0 if channel == DRUM_CHANNEL else self.GRACE_STEP
        grace = lone is not None and now - lone[0] <= min(self.GRACE_S, self.GRACE_16TH * 15.0 / bpm) \
            and velocity >= lone[2] + self.GRACE_LOUDER and abs(pitch - lone[1]) <= step and lone[3] == channel
        return now, beat, True, lone[0] if grace else None


__all__ = ["Rolls"]
