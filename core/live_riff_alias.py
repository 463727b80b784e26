"""The tempo the drums came in at heard again once the player's riff has come round: a riff whose first bar read as
two tempos (its 16ths the triplets of 4/3 of its tempo, live_opening.Opening._alias) and a bar too short to tell
them apart. The funk bass at 96 begun mid-riff (from its 'and' of 2, of 3...) is a two-bar riff: over the opening's
bar it repeats no better at 96 than at 128, whose bar is three of its beats, so the drums came in at 128. Once
they played nothing read it again: RiffRepeat looks at bars within 0.7-1.43 of the clock's (the riff comes round
2.7 of 128's bars later, and over one bar of 96 only half its notes repeat, so no run of them does), Reread at
tempos within a fifth of it, and the follower holds its triplets. A drummer hears the riff come round: the reading
whose bar (or two) the notes repeat over, all on its 16ths, is the player's. Used by live_clock.InternalClock from
the drums' first note on, for the first few bars only (later changes are the other readers').

Two more readings of the same riff, by the same rule (its bar, or two, repeats):
- 3/2 of the clock's tempo, where notes sit on the clock's first triplet (a third of a beat, never only a swing's
  2/3): the funk bass begun from its 'a' of 2 with --bpm 90 had its loud notes 1.5 beats apart read as the beats of
  64, every 8th of 96 a triplet of 64, and the drums stayed at 64 for good.
- half the clock's tempo, where every note sits on its 16ths (the clock's 8ths), the half is nearer the tempos
  songs are played at (USUAL_BPM) and the bar is of an even number of beats: with --bpm 140 the funk bass (96) was
  read at 192, its 16ths as 192's 8ths, and the drums played a backbeat on every 'and' of the player's beats for
  good. The riff takes four bars of 192 to come round, two of 96: a drummer counts the bars it repeats in. Only
  where the opening's reading is off --bpm: a player at the tempo the producer set (170 with --bpm 170) is at it,
  and a four-bar line of changing bars, which repeats over two bars of the half, had the drums drop to 85.
Where the opening took the first notes for a shuffle's long-short pairs (live_shuffle), 3/2 of the clock is asked
before 3/4 or 4/3: a straight riff of quarter-8th pairs at 150 (--bpm 120) fits the pairs' grid for a bar, came in
at 100, and its repeat over 2 bars of 150 is one bar of 75 too: the drums went to 75 for good.
While a reading fits every note and its two bars have not come round (pending), the riff-repeat reader
(live_riff_tempo) waits: part of a two-bar riff repeating over a bar of neither reading had moved the clock there,
which ended this check before the riff came round (the funk bass at 192 with --bpm 140 went to 219, then back to 192
for good)."""

from __future__ import annotations

import numpy as np

# the other reading, of the clock's: a straight riff's 16ths are the triplets of 4/3 its tempo (and the reverse)
ALIASES = (3 / 4, 4 / 3)
THIRDS = 3 / 2  # the clock's triplets (a third of its beat) are the 8ths of 3/2 its tempo
HALF = 1 / 2  # the clock's 8ths are the 16ths of half its tempo
USUAL_BPM = 100.0  # the middle of the tempos songs are played at: of a tempo and its half, the nearer is played


def half_is_nearer(bpm: float) -> bool:
    """Whether half of `bpm` is nearer USUAL_BPM than `bpm` (the opening's and the riff's reading of a fast tempo)."""
    return abs(np.log(bpm * HALF / USUAL_BPM)) < abs(np.log(bpm / USUAL_BPM))


class RiffAlias:
    TOL = 0.06  # beats (of the tempo looked at): a note this near where its bar-ago note puts it repeats it
    TRIPLET = 0.06  # beats: a note this far from every 16th of the clock's tempo sits on its triplets
    STRAIGHT = 0.07  # beats: every note this near a 16th of the other reading (RMS half that) is straight on it
    MIN_LATER = 5  # notes a bar (or two) on before that bar's repeat says anything
    SHARE = 0.8  # of the notes' weight a bar (or two) on: the other reading's riff repeats at least this much
    MARGIN = 0.3  # more than the clock's own bar (or two) repeats it (the opening's rule, for a straight reading)
    WATCH_BARS = 5.0  # bars (of the slower reading) from beat 1 watched: the riff's second repeat of two bars
    CHORD_S = 0.04  # notes this close are one onset

    def __init__(self, down: float = 0.0, beats: float = 4.0, notes=(), half: bool = True, pairs: bool = False):
        """down: the seconds of the player's beat 1 (the clock's beat `beat0` in InternalClock); beats: a bar's;
        notes: (seconds, weight) of the opening's onsets; half: whether the half may be the player's (the reading
        is off --bpm); pairs: whether the opening read a shuffle's pairs (3/2 of the clock is asked first)."""
        self.down, self.beats, self.half, self.pairs = down, beats, half, pairs
        self.onsets: list[tuple[float, float]] = []
        self.active = True
        # another reading fits the riff and its bars have not all come round: the riff-repeat reader waits for them
        # (a part of the riff repeating over a bar of neither reading is no bar: see pending)
        self.pending = False
        for t, w in sorted(notes):
            self._add(t, w)

    def stop(self) -> None:
        """Another reading moved the clock, or the tempo was set by hand: the opening's tempo is no longer the one
        looked at."""
        self.active, self.onsets, self.pending = False, [], False

    def _add(self, t: float, w: float) -> None:
        if t < self.down - 0.03:  # a pickup's notes before beat 1 say nothing of its bars
            return
        if self.onsets and t - self.onsets[-1][0] <= self.CHORD_S:
            self.onsets[-1] = (self.onsets[-1][0], max(self.onsets[-1][1], w))
        else:
            self.onsets.append((t, w))

    def heard(self, now: float, weight: float, bpm: float) -> tuple[float, float] | None:
        """A note `now` (its loudness share `weight`), the clock at `bpm`: (the player's BPM, seconds of the grid line
        through beat 1 at it) when the other reading's bar is clearly the riff's, else None."""
        self.pending = False
        if not self.active:
            return None
        self._add(now, weight)
        # (an even bar only: an odd one's half, a waltz at 84 for one at 168, crosses the player's bar lines)
        half = self.half and half_is_nearer(bpm) and round(self.beats) % 2 == 0
        slow = min(bpm, bpm * min(ALIASES), bpm * HALF if half else bpm)
        if now - self.down > self.WATCH_BARS * self.beats * 60.0 / slow:
            self.stop()
            return None
        t = np.array([o[0] for o in self.onsets])
        w = np.array([o[1] for o in self.onsets])
        if len(t) < 2 * self.MIN_LATER:
            return None
        x = (t - self.down) * bpm / 60.0
        triplets = np.abs(x * 4 - np.round(x * 4)) / 4 > self.TRIPLET
        ratios = ()  # straight at the clock's tempo: nothing to doubt but its half's bars
        if triplets.any():
            first = triplets & (np.abs((x - np.floor(x)) * 3 - 1) < 0.3)  # on the beat's first third
            thirds = (THIRDS,) if first.any() else ()
            ratios = thirds + ALIASES if self.pairs else ALIASES + thirds
        for ratio in ratios + ((HALF,) if half else ()):
            line = self._straight(t, bpm * ratio)
            if line is None:
                continue
            period, zero = line
            other, own = self._repeats(t, w, period), self._repeats(t, w, 60.0 / bpm)
            if other >= self.SHARE and other >= own + self.MARGIN:
                self.stop()
                return 60.0 / period, zero
            # its two bars not yet come round, the clock's own not holding the riff: the riff-repeat reader waits
            self.pending = self.pending or (self._unheard(t, period, 2) and own < self.SHARE)
            if self._unheard(t, period):  # the readings after this one wait for its bar to come round
                return None
        return None

    def _unheard(self, t: np.ndarray, beat_s: float, bars: int = 1) -> bool:
        """Fewer than MIN_LATER notes `bars` bars of `beat_s` on: its repeat says nothing yet. 3+3+2 16ths at 100
        read at 133 repeat over a bar of 200 (3/2) before one of 100 (3/4) comes round: the drums went to 200 for
        good. And the funk bass (a two-bar riff at 96) read at 192 with --bpm 140 from its 'a' of 4: 7 of its 16ths
        repeat over 4.3 s (a bar of 219, before its two bars of 96 came round), RiffRepeat moved the clock there
        first, and the drums went back to 192 for good."""
        return int((t >= t[0] + (bars * self.beats - self.TOL) * beat_s).sum()) < self.MIN_LATER  # (as _repeats)

    def _straight(self, t: np.ndarray, near: float) -> tuple[float, float] | None:
        """(Seconds a beat, the time of beat 1's grid line) of the tempo within 3% of `near` whose 16ths from beat 1
        every note sits on (the least-squares line through their 16ths), None when there is none."""
        tempos = near * np.exp(np.linspace(-0.03, 0.03, 61))
        x = (t[None, :] - self.down) * tempos[:, None] / 60.0
        d = np.abs(x * 4 - np.round(x * 4)) / 4
        rms = np.sqrt((d ** 2).mean(1))
        fits = (d.max(1) <= self.STRAIGHT) & (rms <= self.STRAIGHT * 0.5)
        if not fits.any():
            return None
        k = int(np.flatnonzero(fits)[np.argmin(rms[fits])])
        snap = np.round(x[k] * 4) / 4
        if np.ptp(snap) <= 0:
            return None
        sm, tm = snap.mean(), t.mean()
        period = float(np.sum((snap - sm) * (t - tm)) / np.sum((snap - sm) ** 2))
        return period, float(tm - sm * period)

    def _repeats(self, t: np.ndarray, w: np.ndarray, beat_s: float) -> float:
        """How much of the notes a bar, or two, on (the better) repeat the notes a bar or two before, the bar of
        `beat_s`; 0 while fewer than MIN_LATER notes have come that far."""
        tol, best = self.TOL * beat_s, 0.0
        for bars in (1, 2):
            lag = bars * self.beats * beat_s
            later = t >= t[0] + lag - tol
            if later.sum() < self.MIN_LATER:
                continue
            hit = np.array([np.abs(t - (s - lag)).min() <= tol for s in t[later]])
            best = max(best, float((w[later] * hit).sum() / w[later].sum()))
        return best


__all__ = ["RiffAlias", "ALIASES", "HALF", "THIRDS", "USUAL_BPM", "half_is_nearer"]
