"""A live player's clear jump to a new steady tempo, heard within a beat or two, as a drummer hears a chorus rush.

The follower (live_clock.InternalClock._follow) is a phase-locked loop: each note moves the clock part of the way
toward it and its tempo a little, so a player's jitter does not move the tempo. A player who jumped from 100 to 108
had it chasing them for 4 bars, the snare 44-58 ms behind their beats, then 33-47 ms ahead (the tempo it built up
overshooting); Reread never fired, as the chased clock's own line over its window already ran near 108.

Here the player's last notes are taken on their own, in seconds against the beats the follower placed them on
(their 8ths, 16ths: those do not move with the clock's chasing): a straight line through them is the player's tempo
and beat, whatever the clock did meanwhile. When it is clearly another tempo (by its spread, not only its value)
and the clock is clearly off it, read twice alike, the clock moves onto it. A player's timing jitter widens the
line's spread: their tempo is read only once enough notes pin it down."""

from __future__ import annotations

import numpy as np


class TempoJump:
    """The player's last notes on a straight line clearly off the clock's tempo (InternalClock moves onto it). Armed
    SETTLED beats after the clock last moved: a second jump within two bars is the follower's and Reread's."""

    WINDOW = 4.0  # beats of notes kept (a line is tried from each of them to the last)
    MIN_NOTES, MIN_SPAN = 4, 2.0  # onsets and beats on one line before it is believed
    # tempos nearer the tempo set (or read last) are the follower's (rubato, breathing), and those nearer the clock's
    # (catching up with the player already)
    MIN_CHANGE, MIN_OFF_CLOCK = np.log(1.045), np.log(1.025)
    DRIFT = 0.12  # beats (a 5% jump: over 2.4 beats; 8% over MIN_SPAN)
    SURE = 5.0  # the line's tempo this many of its standard errors off the clock's (jitter: more notes needed)
    MIN_OFF = 0.04  # beats: the clock this far off the line now (at 100 BPM, 24 ms), or it is already with them
    SPREAD = 0.06  # beats: every note this near the line (a line across the change, or a fill, is no tempo)
    AGREE = np.log(1.02)  # two readings this alike, within two beats, are the player's tempo
    PLACED = 0.2  # where the player's notes have sat (InternalClock._places) this much: the riff's own places
    CHORD_S = 0.04  # notes this close are one onset
    # beats of notes heard since the clock last moved (a tempo read, set, a slip) before a jump is read: a pianist's
    # free intro wandering +-5 BPM every 6 beats was read at each slow swing, and the other readings moved it back
    SETTLED = 8.0

    def __init__(self):
        self.notes: list[tuple[float, float, bool]] = []  # (seconds, the subdivision the follower placed it on,
        # whether the riff has sat there)
        self._pending: tuple[float, float] | None = None  # (BPM, seconds) of the last reading
        self._since: float | None = None  # the subdivision of the first note heard since the clock last moved

    def clear(self) -> None:
        """The clock moved (a tempo read, set, a slip caught up): the subdivisions heard were on its old line."""
        self.notes, self._pending, self._since = [], None, None

    def heard(self, now: float, at: float, line: float, bpm: float, set_bpm: float,
              placed: float) -> tuple[float, float] | None:
        """A note `now` the follower placed on subdivision `at`, the clock's caught-up beat `line` at `bpm` (around
        `set_bpm`); placed: how much the player's notes sat there in the bar before it (InternalClock._places). (The
        player's BPM, their beat now) when their last notes run clearly on another tempo, else None."""
        if self.notes and now - self.notes[-1][0] <= self.CHORD_S:  # a chord: one onset
            return None
        self.notes = [n for n in self.notes if n[1] >= at - self.WINDOW] + [(now, at, placed >= self.PLACED)]
        # a line is read only through notes where the riff has sat: a clock pulled off a syncopated riff by two
        # rushed notes placed the next on triplets, and a line through those took the drums a 16th off for good
        off_riff = np.flatnonzero([not n[2] for n in self.notes])
        self._since = at if self._since is None else self._since
        if at - self._since < self.SETTLED:
            return None
        found = self._read(now, line, bpm, set_bpm, int(off_riff[-1]) + 1 if len(off_riff) else 0)
        if found is None:
            self._pending = None
            return None
        pending, self._pending = self._pending, (found[0], now)
        if pending is None or now - pending[1] > 120.0 / found[0] or abs(np.log(found[0] / pending[0])) > self.AGREE:
            return None
        self.clear()
        return found

    def _read(self, now: float, line: float, bpm: float, set_bpm: float, first: int) -> tuple[float, float] | None:
        """(BPM, the player's beat now) of the line through the notes from some note on (`first` at the earliest)
        that holds best, when it is clearly off the clock's; else None."""
        t = np.array([n[0] for n in self.notes[first:]])
        x = np.array([n[1] for n in self.notes[first:]])
        best, least = None, np.inf
        for j in range(len(t) - self.MIN_NOTES + 1):  # from each note: the line that holds best wins (one across
            # the change bends: its notes sit further off it)
            xs, ts = x[j:], t[j:]
            if xs[-1] - xs[0] < self.MIN_SPAN or len(np.unique(xs)) < self.MIN_NOTES:
                continue
            xm, tm = xs.mean(), ts.mean()
            sxx = float(np.sum((xs - xm) ** 2))
            period = float(np.sum((xs - xm) * (ts - tm)) / sxx)  # seconds a beat
            if period <= 0:
                continue
            resid = (ts - tm - (xs - xm) * period) / period  # beats
            if np.abs(resid).max() > self.SPREAD:
                continue
            spread = float(np.sqrt(np.sum(resid ** 2) / max(len(xs) - 2, 1)))  # beats
            se = spread / np.sqrt(sxx)  # the period's standard error, a share of it
            # surely off the clock's tempo (by SURE standard errors), clearly off the tempo set, and that carried the
            # player DRIFT beats off it over the notes (a small change is read over more notes: a player breathing 3%
            # around 100, the clock lagging them, read 4.5% off it over 1.5 beats, 4% off 100 in a fill)
            off_clock, off_set = abs(np.log(60.0 / period / bpm)), abs(np.log(60.0 / period / set_bpm))
            if off_clock < self.MIN_OFF_CLOCK or abs(period * bpm / 60.0 - 1.0) < self.SURE * se \
                    or off_set < self.MIN_CHANGE or off_set * (xs[-1] - xs[0]) < self.DRIFT:
                continue
            player = float(xm + (now - tm) / period)
            if abs(player - line) >= self.MIN_OFF and spread < least:
                best, least = (60.0 / period, player), spread
        return best


__all__ = ["TempoJump"]
