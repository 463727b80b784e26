"""A live player's tempo from their riff repeating, as a drummer finds it: a syncopated bass or keys riff at 100
played against drums at 120 (an idle pattern, a break the drums ended, a band dropping its tempo) has uneven
onsets, so SteadyPulse (even onsets) never heard it, and the follower read its 16ths on the clock's grid as
triplets or 8ths and locked at 125-133 BPM, the backbeat wandering through the player's bars. What the ear hears
is the riff coming round again: the same notes a bar later. The bar the riff repeats over is the player's bar,
its first note after a silence their downbeat. Used by live_clock.InternalClock once the drums play. The notes are
kept in seconds, through the clock's own moves (the beat never jumps: the clock's beats then still count), so a
riff read after another reading moved the clock still knows where it began."""

from __future__ import annotations

import numpy as np


class RiffRepeat:
    # the player's bar against the clock's, looked at (100 against 120 is 0.83 of its tempo; a free intro that left the
    # drums at 78 before time at 108 is 0.72: up to 0.74, the riff went unheard and the drums played on at 78)
    RATIOS = (0.7, 1.43)
    OFF = np.log(1.06)  # a bar nearer the clock's is the follower's (rubato, a tempo drifting)
    TOL = (0.03, 0.015)  # seconds, and share of the bar: a note this near where its bar-ago note puts it repeats it
    MIN_PAIRS = 5  # notes repeated a bar later before the riff is believed (a 7-note riff: under two bars)
    MIN_COVER = 0.6  # share of the bar the repeated notes spread over (not one beat of it played twice)
    RIVAL = 0.6  # another bar length fitting this well (an even line: every 8th repeats) says nothing
    EVEN_SHARE = 0.65  # notes repeating this well after one, two or three of their median gaps are an even line
    # notes repeating this well over a third to a sixth of the bar read, or a beat less or more than it, are an even
    # line's, no bar's riff (a loose shuffle repeats 0.6 of its notes a beat later; a syncopated riff's 3/4-beat
    # gaps repeat 0.6 of them over a fifth of its bar, and it is missed after a break: see the tests)
    SUB_SHARE = (0.5, 0.5)
    CHORD_S = 0.04  # notes this close are one onset
    ON_LINE = 0.03  # beats: a note this near the line fitted through the riff was played on its tempo
    KEEP_BARS = 4.0  # bars (of the slowest tempo looked at) of notes kept
    SILENCE_BARS = 1.25  # a note after this long with nothing (in the clock's bars) begins the player anew

    def __init__(self):
        # (seconds, weight, the clock's caught-up beat then, after a silence)
        self.onsets: list[tuple[float, float, float, bool]] = []
        self.moved_at = float("-inf")  # when another reading last moved the clock (InternalClock._move)
        self._placed = float("-inf")  # the run (by its first note's time) whose bar lines were last placed

    def clear(self) -> None:
        """Forget the notes (the tempo set by hand: a riff read again from here). A silence before the next note
        still counts as one."""
        self.onsets = self.onsets[-1:]

    def heard(self, now: float, line: float, bpm: float, weight: float,
              bar: tuple[float, float] = (0.0, 4.0), wait: bool = False) -> tuple[float, float] | None:
        """A note `now` (its loudness share `weight`), the clock's caught-up beat `line` at `bpm`; bar: (origin,
        beats a bar) of the clock's bars. (The player's BPM, the beat the clock should be at now) when their notes
        repeat over a bar clearly off the clock's, else None. wait: the note is kept and nothing read (the opening's
        riff still coming round for another reading of it: live_riff_alias.RiffAlias.pending)."""
        if self.onsets and now - self.onsets[-1][0] <= self.CHORD_S:  # a chord or a strum is one onset
            return None
        origin, beats = bar
        bar_s = beats * 60.0 / bpm
        silent = not self.onsets or now - self.onsets[-1][0] >= self.SILENCE_BARS * bar_s
        keep = now - self.KEEP_BARS * bar_s * self.RATIOS[1]
        self.onsets = [o for o in self.onsets if o[0] >= keep][-63:] + [(now, weight, line, silent)]
        if wait:
            return None
        found = self._repeat(bar_s, beats)
        if found is None:
            return None
        period, run = found
        _, _, start_line, start_silent = self.onsets[run]
        # a tempo near the clock's is the follower's, unless another reading (even onsets, Reread) moved the clock
        # onto it since this player came in from a silence: those keep the clock's bar lines, not the player's
        placing = start_silent and self.moved_at > self.onsets[run][0] and self._placed != self.onsets[run][0]
        if abs(np.log(period / bar_s)) < self.OFF and not placing:
            return None
        read = self._line(run, period / beats)
        if read is None:
            return None
        beat_s, first, ref = read
        # the clock's number for the player's downbeat: after a silence their first note is a 1 (they came in on
        # their own bar, whatever the clock counted); from a tempo changed while playing, the 16th the clock had at
        # the first note on the new tempo's line (the player was with the clock till then; the run may begin on
        # the old tempo's last note, which happens to come round a new bar later)
        if start_silent:
            down, at = origin + round((start_line - origin) / beats) * beats, first
        else:
            down, at = round(self.onsets[run + ref[0]][2] * 4) / 4, ref[1]
        target = down + (now - at) / beat_s
        # bar lines on the player's downbeats: the nearest of them, the clock moved at most half a bar
        target -= round((target - line) / beats) * beats if start_silent else 0.0
        self._placed = self.onsets[run][0] if start_silent else self._placed
        if abs(np.log(period / bar_s)) < self.OFF and abs(target - line) < 0.15:
            return None  # the clock already on the player's bar lines
        return 60.0 / beat_s, target

    def _tol(self, period: float) -> float:
        return max(self.TOL[0], self.TOL[1] * period)

    def _share(self, ts: np.ndarray, ws: np.ndarray, t: np.ndarray, lag: float, tol: float) -> float:
        """The weighted share of the notes `ts` whose repeat `lag` later has come that found a note there."""
        can = ts + lag <= t[-1] + tol
        if not can.any():
            return 0.0
        hit = can & (np.abs(_nearest(t, ts + lag) - (ts + lag)) <= tol)
        return float(ws[hit].sum() / ws[can].sum())

    def _repeat(self, bar_s: float, beats: float) -> tuple[float, int] | None:
        """(The seconds the player's notes repeat over, the first note of the run of them repeating), None while
        no one bar length stands out."""
        t = np.array([o[0] for o in self.onsets])
        w = np.array([o[1] for o in self.onsets])
        if len(t) < self.MIN_PAIRS + 2:
            return None
        lags = bar_s * np.exp(np.linspace(np.log(self.RATIOS[0]), np.log(self.RATIOS[1]), 121))
        best = []  # (pairs' weight, lag, run start)
        for lag in lags:
            tol = self._tol(lag)
            fwd, back = _nearest(t, t + lag), _nearest(t, t - lag)
            can_fwd = t + lag <= t[-1] + tol
            can_back = t - lag >= t[0] - tol
            rep_f = can_fwd & (np.abs(fwd - (t + lag)) <= tol)
            rep_b = can_back & (np.abs(back - (t - lag)) <= tol)
            broken = (can_fwd & ~rep_f) | (can_back & ~rep_b) | ~(can_fwd | can_back)
            # the run of notes repeating up to the last (a note missing where it should come round breaks it: a
            # looser run let a loose shuffle, nearly repeating over any few beats, be read as a riff)
            start = int(np.flatnonzero(broken)[-1]) + 1 if broken.any() else 0
            pairs = rep_f[start:]
            if pairs.sum() < self.MIN_PAIRS or len(t) - start < self.MIN_PAIRS + 1:
                continue
            tp = t[start:][pairs]
            if tp[-1] - tp[0] < self.MIN_COVER * lag:
                continue
            best.append((float(w[start:][pairs].sum()), float(lag), start))
        if not best:
            return None
        score, lag, start = max(best)
        if any(s > self.RIVAL * score for s, other, _ in best if abs(np.log(other / lag)) > 0.04):
            return None
        # notes repeating every beat (a shuffle, a line of 8ths) repeat over any whole number of beats: 3 or 5 of
        # them fit as well as 4 (as a beat less or more than the bar read does), and say nothing of the bar (SteadyPulse and Reread hear those). (A riff repeating
        # over half its bar, as a syncopated one nearly does, still has a bar: a half is not looked at.)
        subs = [(sub, self.SUB_SHARE[0]) for sub in lag / np.arange(3, 7)]  # (a riff's 16ths fit a few of them)
        subs += [(lag * (beats + d) / beats, self.SUB_SHARE[1]) for d in (-1, 1)]
        if any(self._share(t[start:], w[start:], t, sub, self._tol(lag)) >= share for sub, share in subs):
            return None
        # an even line (8ths breathing with the player, a shuffle) repeats every note or two or three: any lag that
        # is a whole number of its notes fits it, the bar is not heard in it
        gap = float(np.median(np.diff(t[start:])))
        if any(self._share(t[start:], w[start:], t, k * gap, self._tol(lag)) >= self.EVEN_SHARE for k in (1, 2, 3)):
            return None
        # the bar as the repeats measure it (the lag grid's steps are half a percent)
        tol = self._tol(lag)
        ts = t[start:]
        fwd = _nearest(t, ts + lag)
        ok = (ts + lag <= t[-1] + tol) & (np.abs(fwd - (ts + lag)) <= tol)
        return float(np.average(fwd[ok] - ts[ok], weights=w[start:][ok])), start

    def _line(self, start: int, beat_s: float) -> tuple[float, float, tuple[int, float]] | None:
        """The player's beat (seconds) and downbeat time from the run of notes from `start`, each on its 16th or
        triplet of a grid through the run's first note (its phase moved at most a 32nd to fit them all best).
        (seconds a beat, when the downbeat by the first note was, (the first of the run's first three notes sitting
        on the line fitted, counted from `start`, the time of its grid line)), None when the notes fit no grid."""
        from .live_clock import InternalClock, grid_fit

        t = np.array([o[0] for o in self.onsets[start:]])
        w = np.array([o[1] for o in self.onsets[start:]])
        p = (t - t[0]) / beat_s
        shifts = np.linspace(-0.125, 0.125, 21)
        fit = (grid_fit(p[None, :] - shifts[:, None], InternalClock.GRID, InternalClock.SIGMA) * w).sum(-1)
        shift = shifts[int(np.argmax(fit))]
        q = p - shift
        snap = np.where(np.abs(q * 4 - np.round(q * 4)) / 4 <= np.abs(q * 3 - np.round(q * 3)) / 3,
                        np.round(q * 4) / 4, np.round(q * 3) / 3)
        keep = np.abs(q - snap) <= 0.1
        if keep.sum() < self.MIN_PAIRS or np.ptp(snap[keep]) < 2.0:
            return None
        x, y, ww = snap[keep], t[keep], w[keep]
        xm, ym = np.average(x, weights=ww), np.average(y, weights=ww)
        period = float(np.sum(ww * (x - xm) * (y - ym)) / np.sum(ww * (x - xm) ** 2))
        if not 0.8 * beat_s < period < 1.25 * beat_s:
            return None
        zero = ym - xm * period  # when the grid line through the run's first note is
        off = np.abs(t - zero - snap * period) / period  # each note off the line fitted, in beats
        on = [k for k in range(min(3, len(t))) if keep[k] and off[k] <= self.ON_LINE]
        if not on:
            return None
        # the run's first note sits on its grid's nearest line: that line is the downbeat; (the first of its first
        # notes on the line, its grid line's time)
        return period, float(zero + snap[0] * period), (on[0], float(zero + snap[on[0]] * period))


def _nearest(sorted_t: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The onset in `sorted_t` nearest each time in `at`."""
    i = np.clip(np.searchsorted(sorted_t, at), 1, len(sorted_t) - 1)
    lo, hi = sorted_t[i - 1], sorted_t[i]
    return np.where(np.abs(at - lo) <= np.abs(hi - at), lo, hi)


__all__ = ["RiffRepeat"]
