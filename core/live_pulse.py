"""A live player's steady pulse off the clock's: even onsets (block chords on every quarter) clearly slower or faster
than the clock's beats, 8ths or half notes, heard as the player's own tempo, as a drummer hears it. Used by
live_clock.InternalClock once the drums play (the opening reads the first notes itself)."""

from __future__ import annotations

import numpy as np


class SteadyPulse:
    """Keys at 100 on every quarter against a clock at 120 (`--bpm 120` with an idle pattern, the drums back in after
    a break, a band dropping from 120 to 100): each chord 1.2 of the clock's beats after the last, the follower read
    them as 16ths, sped up to 125, where quarters at 100 are five 16ths apart, and ran ahead of the player for good.
    Evenly spaced notes are the player's beats (or 8ths, or half notes): the clock moves to their tempo."""

    ONSETS = 5  # even onsets in a row heard before the pulse is believed (4 gaps: a bar of quarters; later, the
    # clock has run a beat ahead of keys at 100 with --bpm 120, further than a move catches up)
    EVEN = 0.06  # each gap within this share of their mean (a player's 10-20 ms on a 600 ms beat)
    CHORD_S = 0.04  # notes this close are one onset
    PULSES = (0.5, 1.0, 2.0)  # the clock's beats an onset may be apart: 8ths, beats, half notes
    # tempos this far off the clock's are the player's own; nearer are the follower's (8ths breathing +-5% had the
    # clock 5% behind them for a beat or two); further are another rhythm (dotted quarters, triplets) over its beats
    OFF = (np.log(1.09), np.log(1.27))
    # 8ths whose first onset sits further than this from the clock's 8ths (beats) are placed by their accents: from a
    # clock a third of a beat ahead (drums in at 92 off a slow intro, the keys setting off at 100 with a chord on each
    # beat and a soft note between), rounding to its nearest 8th put the chords on its 'and's for the rest of the song
    ADRIFT = 0.125
    ACCENT = 1.3  # the alternate onsets this much louder (loudness, on average) than the others are the beats
    # 8ths up to this far off are the player's own too where their beats are clearly accented, over FAR_ONSETS: a free
    # intro around 80 had the drums in at its tempo, and keys setting off in time at 104 (4/3 of it) went unheard for
    # good. The clock's 4/3 is where its own dotted 8ths and quarter-note triplets are, but those are no 8ths with
    # their beats accented.
    FAR = np.log(1.42)
    FAR_ONSETS = 7

    def __init__(self):
        self.onsets: list[tuple[float, float, float]] = []  # (seconds, the clock's caught-up beat then, loudness)

    def clear(self) -> None:
        self.onsets = []

    def heard(self, now: float, line: float, bpm: float, weight: float = 1.0) -> tuple[float, float] | None:
        """A note `now` of loudness `weight`, the clock's caught-up beat `line` at `bpm`: (the player's BPM, their beat
        now) when their last ONSETS onsets make an even pulse clearly off the clock's, else None."""
        if self.onsets and now - self.onsets[-1][0] <= self.CHORD_S:  # a chord or a strum is one onset
            return None
        self.onsets = self.onsets[-(self.FAR_ONSETS - 1):] + [(now, line, weight)]
        return self._pulse(self.onsets[-self.ONSETS:], bpm, self.OFF[1]) or self._pulse(self.onsets, bpm, self.FAR)

    def _pulse(self, onsets: list[tuple[float, float, float]], bpm: float, most: float) -> tuple[float, float] | None:
        """(The player's BPM, their beat at the last of `onsets`) where these make an even pulse off the clock's by
        OFF[0] to `most` (past OFF[1]: FAR_ONSETS 8ths, their beats accented), else None."""
        far = most > self.OFF[1]
        if len(onsets) < (self.FAR_ONSETS if far else self.ONSETS):
            return None
        t = np.array([o[0] for o in onsets])
        gaps = np.diff(t)
        gap = float(gaps.mean())
        if np.abs(gaps - gap).max() > self.EVEN * gap:
            return None
        ratio = gap * bpm / 60.0  # the clock's beats between the player's onsets
        beats = min(self.PULSES, key=lambda m: abs(np.log(ratio / m)))
        off = abs(np.log(ratio / beats))
        if not (self.OFF[1] if far else self.OFF[0]) <= off <= most:
            return None
        # the player was with the clock where the pulse began (a tempo that changed, as Reread takes it): the onsets
        # are on their beats (8ths, half notes) from that one on
        first = round(onsets[0][1] / beats) * beats
        if far:
            accented = self._on_the_accents(onsets, None) if beats == 0.5 else None
            if accented is None:
                return None
            first = accented
        elif beats == 0.5 and abs(onsets[0][1] - first) > self.ADRIFT:
            first = self._on_the_accents(onsets, first)
        self.clear()
        return 60.0 * beats / gap, first + (len(onsets) - 1) * beats

    def _on_the_accents(self, onsets: list[tuple[float, float, float]], first: float | None) -> float | None:
        """The first of `onsets` as 8ths: on a beat where the even ones (the first, the third...) are clearly the
        louder, on an 'and' where the odd ones are; else `first` (the clock's nearest 8th)."""
        w = np.array([o[2] for o in onsets])
        even, odd = float(w[0::2].mean()), float(w[1::2].mean())
        if max(even, odd) < self.ACCENT * min(even, odd):
            return first
        half = 0.0 if even > odd else 0.5
        return round(onsets[0][1] - half) + half


__all__ = ["SteadyPulse"]
