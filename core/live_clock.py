"""The live player's internal clock (a tempo in BPM, following the player as a drummer with no click does).

The clock following incoming MIDI clock is in midi_clock.py; livemidi.py uses both.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from .settings import MAX_BPM, MIN_BPM, check_bpm

class InternalClock:
    """Beats from wall time at a tempo.

    player_led: the clock follows the player, as a drummer with no click does. Their first note is beat 1 of
    bar 1 (LivePlayer calls `anchor`): with no count-in and no drums yet the player cannot hear where the
    clock's bars are, and counted from when the program started the drums came in at a random phase, the
    backbeat between the player's beats. Then their notes (`heard`), each on its beat, 8th, 16th or triplet, set
    the tempo and the phase: a player coming back from a break a little faster drifted off the drums a beat every
    25 bars. Until the drums come in, `opening` (Opening) may move beat 1 onto the note a pickup leads into and
    set the tempo read."""

    PHASE_GAIN = 0.85  # of the phase off a note caught up, a beat (the rest on later notes: one late note moves little)
    TEMPO_GAIN = 0.15  # the tempo moves by this share of the phase off, a beat (more chased rubato note by note)
    LOUD = (100 / 127) ** 2  # a note this loud counts fully (a ghost note less)
    SURE = 0.45  # a note sitting this well on a subdivision counts fully (a 16th, a triplet; a beat more is no surer)
    ON_BEAT = 0.15  # beats: a clock this far off the player's beat no longer hears it (Reread's business then)
    # Every note says where the beat is by the subdivision it sits on (a beat, an 8th, a 16th, a triplet), weighted
    # by how surely it sits on one: only notes near the beats left a reggae skank or an off-beat funk riff with a
    # note a bar to follow, and a player breathing +-3% pulled the drums between 89 and 105 BPM, off their beat.
    GRID = ((1.0, 1.0), (0.5, 0.6), (0.25, 0.45), (1 / 3, 0.45))  # (beats apart, weight): the coarser, the surer
    SIGMA = 0.045  # beats: a player's spread around a subdivision (10 ms at 100 BPM is 0.017, rubato adds more)
    SLOP = np.linspace(-0.12, 0.12, 25)  # beats: the clock off the player's last notes alike, at most
    TEMPO_SLOP = np.linspace(0.94, 1.06, 13)  # the player a little faster or slower than the clock over them
    SLOP_COST = 8.0  # the clock read as off them only when that fits their subdivisions clearly better
    CONTEXT = 3.0  # beats of notes read together for the subdivision of each
    FAR = 0.08  # beats: a note further than this from every subdivision says nothing (a wrong note, a flam)
    CHORD_S = 0.04  # notes this close are one onset
    # A player repeats their riff: where in the bar their notes have been makes a note there the likelier reading.
    # Without it a syncopated riff (the 'a' of 1, the 'and' of 2) with the clock a 16th behind read as the same riff
    # a 16th later (more of it on the beats), and the drums stayed a 16th off for good.
    HABIT = 0.6  # added to the weight of the subdivision the player's notes have sat on most in the bar
    HABIT_KEEP = 0.98  # of what was heard kept at each note (a bar of 16ths: 0.7 of the last bar)
    HABIT_MIN = 3.0  # notes at one place before it counts fully
    MAX_DRIFT = 0.25  # the tempo followed stays within this share of the tempo set (no runaway on a misread)
    MAX_STEP = 0.2  # beats of phase caught up at most, and at most this much a beat (the drums never lurch)
    # a catch-up takes a quarter beat (a bigger one longer, MAX_STEP a beat): caught up over a whole beat, restarted
    # by every note, the clock trailed a player breathing +-5% by a quarter of their swing, off their beat by >0.1
    CATCH = 0.25
    MAX_SLIP = 0.35  # beats caught up at once where the riff shows the clock slipped a 16th (Riff)

    def __init__(self, bpm: float, *, player_led: bool = False):
        self.bpm = self.set_bpm = check_bpm(bpm)
        self.t0: float | None = None
        self.running = True
        self.player_led = player_led
        self._b0 = 0.0  # the beat at t0
        self._catch = (0.0, 0.0, 1.0)  # (seconds it began, beats to catch up, seconds it takes)
        self._last: float | None = None  # the subdivision of the last note followed
        self._relock: tuple[float, float, float, float] | None = None  # (b0, t0, BPM, catch): lock's reading
        self._habit = np.zeros(48)  # how often the player's notes sat on each 12th of a beat of the bar
        self._raw: list[tuple[float, float]] = []  # (seconds, weight) of the last notes
        self.opening: Opening | None = None  # until the drums come in: the player's first notes place bar 1 and the tempo
        self._moving = 0.0  # seconds a move to a tempo read again takes till
        self.reread = Reread()  # mid-song: a player who changed tempo by more than the follower hears
        self._riff = Riff()  # where the player's riff sits in the bar: a clock that slipped a 16th hears it there

    def handle(self, msg, now: float) -> str | None:
        return None

    def anchor(self, now: float) -> None:
        """Beat 0 is now (the player's first note)."""
        self.t0, self._b0, self._catch = now, 0.0, (now, 0.0, 1.0)
        self._raw, self._last, self.reread, self._habit, self._relock = [], None, Reread(), np.zeros(48), None
        self._riff = Riff()

    def place(self, now: float) -> bool:
        """Before the drums come in: bar 1 and the tempo as the opening notes tell them (beat 0 on the player's
        beat 1, a pickup before it). True when they moved (what was heard is laid again by the caller)."""
        down, bpm = self.opening.read(now)
        if self.t0 is not None and abs(down - self.t0) < 0.01 and abs(bpm - self.bpm) < 0.25:
            return False
        self.t0, self._b0, self.bpm, self._catch, self._raw, self._last = down, 0.0, bpm, (down, 0.0, 1.0), [], None
        self._habit, self._riff = np.zeros(48), Riff()
        return True

    def lock(self) -> None:
        """The drums are in: bar 1 stays; from here the notes on the beat are followed around the tempo read."""
        opening, self.opening = self.opening, None
        if opening is None:
            return
        self.set_bpm = self.bpm
        notes = sorted(opening.notes)
        if not notes or self.t0 is None:
            return
        # the follower run over the opening's notes as they came; the clock eases onto where it says the player is
        # at its next beat (beat, with the time: the move starts then, the beat never jumps). A player at 97 with 100
        # set (too near to move the opening's tempo) was a 16th off by the time the drums came in, and the follower
        # took their riff for the same riff a 16th later.
        line = self._b0, self.t0, self.bpm, self._catch
        first = notes[0][0]
        self._b0, self.t0, self._catch = self._b0 + (first - self.t0) * self.bpm / 60.0, first, (0.0, 0.0, 1.0)
        for t, _, v in notes:
            self._follow(self._b0 + (t - self.t0) * self.bpm / 60.0 + self._catch[1], t, v)
        self._relock = self._b0, self.t0, self.bpm, self._catch[1]
        self._b0, self.t0, self.bpm, self._catch = line

    def retempo(self, bpm: float, now: float) -> None:
        """The tempo set is changed while playing (a producer who set 100 hears the player at 110): the beat
        stays where it is now and runs on at `bpm`, so no beat is skipped or played twice; the follower starts
        afresh around the new tempo (the notes on the beat before it were read against the old one)."""
        bpm = check_bpm(bpm)
        if self.t0 is not None:
            self._b0, self.t0 = self.beat(now), now
        self.bpm = self.set_bpm = bpm
        self._catch, self._raw, self._last, self._moving = (now, 0.0, 1.0), [], None, 0.0
        self._riff.restart()
        if self.opening is not None:  # before the drums: the opening reads the player around the new tempo
            self.opening.set_bpm = bpm

    def beat(self, now: float) -> float:
        if self.t0 is None:
            self.t0 = now
        if self._relock is not None:  # the follower's reading of the opening (lock), from here on
            (b0, t0, bpm, ahead), self._relock = self._relock, None
            here = self.beat(now)
            self._b0, self.t0, self.bpm = here, now, bpm
            self._catch = (now, min(max(b0 + (now - t0) * bpm / 60.0 + ahead - here, -self.MAX_STEP), self.MAX_STEP),
                           60.0 / bpm)
        began, beats, takes = self._catch
        caught = beats * min(max((now - began) / takes, 0.0), 1.0)  # monotonic: |beats| < 1 beat per beat
        return self._b0 + (now - self.t0) * self.bpm / 60.0 + caught

    def heard(self, beat: float, now: float, velocity: int = 100) -> None:
        """A player's note at `beat` (on this clock), `now`: on a subdivision of the clock's beats, it moves the
        phase and a little the tempo toward it (`_follow`). Notes that keep landing off the clock's grid, as after a
        change of tempo, have it read again (Reread)."""
        if not self.player_led or self.opening is not None:
            return
        # the clock's line once caught up, not its beat while catching up (a beat run faster read as the player off)
        self.beat(now)
        line = self._b0 + (now - self.t0) * self.bpm / 60.0 + self._catch[1]
        found = self.reread.heard(now, line, velocity, self._habit / max(float(self._habit.max()), self.HABIT_MIN))
        if found is not None:
            self._move(*found, now)
            return
        if now >= self._moving:  # the follower's catch-up would cut a move's short
            self._follow(line, now, velocity)

    def _follow(self, line: float, now: float, velocity: int) -> None:
        """The clock's tempo and phase moved toward a note heard `now`, `line` the clock's caught-up beat then."""
        sure = self._add(line, now, velocity)
        if sure is None:
            return
        at, conf, counts = sure
        slip = self._riff.heard(at, counts, now, line, self.bpm)
        if slip:
            self._slipped(slip, at, now)
            return
        # a phase-locked loop: the clock moves part of the way to the note's subdivision (PHASE_GAIN a beat) and its
        # tempo a little (TEMPO_GAIN a beat), so a player breathing around a tempo is held without chasing each
        # note, and one who settles on a new tempo is followed onto it
        beats = min(max(at - self._last, 0.0), 2.0) if self._last is not None else 1.0
        self._last = at
        err = (at - line) * conf
        here = self.beat(now)
        bpm = self.bpm * (1 + self.TEMPO_GAIN * err * beats)
        bpm = min(max(bpm, self.set_bpm * (1 - self.MAX_DRIFT), MIN_BPM),
                  self.set_bpm * (1 + self.MAX_DRIFT), MAX_BPM)
        behind = line - here + min(self.PHASE_GAIN * beats, 1.0) * err
        self._b0, self.t0, self.bpm = here, now, bpm
        behind = min(max(behind, -self.MAX_STEP), self.MAX_STEP)
        self._catch = (now, behind, max(self.CATCH, abs(behind) / self.MAX_STEP) * 60.0 / bpm)

    def _add(self, beat: float, now: float, velocity: int) -> tuple[float, float, float] | None:
        """(The subdivision a note at `beat` on the clock's line sits on, how surely from 0 to 1, how much it counts
        for its loudness from 0 to 1), None when it says nothing. The subdivision is read with the notes of the last beats together, the clock taken to be a
        little off them all alike (SLOP): one at a time, a bass line's 8ths with the clock 0.1 ahead read as 16ths
        and the clock drifted on with them."""
        if self._raw and now - self._raw[-1][0] <= self.CHORD_S:  # a chord or a strum is one onset
            return None
        w = loudness(velocity)
        # each note where the clock's line now puts it (the clock catching up within the last beats left each note
        # off by a different amount, and no one offset fitted them)
        self._raw = [n for n in self._raw if n[0] >= now - self.CONTEXT * 60.0 / self.bpm] + [(now, w)]
        ago = (now - np.array([n[0] for n in self._raw])) * self.bpm / 60.0  # beats before this note
        ww = np.array([n[1] for n in self._raw])
        # the player a little off the clock (SLOP) and a little faster or slower than it (TEMPO_SLOP) over these beats
        q = beat + self.SLOP[:, None, None] - ago[None, None, :] * self.TEMPO_SLOP[None, :, None]
        habit = self._habit / max(float(self._habit.max()), self.HABIT_MIN)
        fit = grid_fit(q, self.GRID, self.SIGMA, bonus=lambda line: self.HABIT * habit[self._slot(line)])
        cost = self.SLOP_COST * (self.SLOP[:, None] ** 2 + (self.TEMPO_SLOP[None, :] - 1) ** 2)
        score = (fit * ww).sum(-1) - cost * ww.sum()
        s = np.unravel_index(int(np.argmax(score)), score.shape)[0]
        x = beat + self.SLOP[s]
        snaps = [((g + self.HABIT * habit[self._slot(c)]) * np.exp(-0.5 * ((x - c) / self.SIGMA) ** 2), c)
                 for apart, g in self.GRID for c in (round(x / apart) * apart,)]
        sure, at = max(snaps)
        if abs(x - at) > self.FAR:
            return None
        counts = min(w / self.LOUD, 1.0)
        self._habit *= self.HABIT_KEEP
        self._habit[self._slot(at)] += counts
        return at, min(sure / self.SURE, 1.0) * counts, counts

    def _slipped(self, slip: float, at: float, now: float) -> None:
        """The clock slipped `slip` beats off the player's riff (Riff): it catches up with where the riff puts this
        note, tempo kept, and what it heard of the riff since the slip goes back to the riff's places."""
        for x, w in self._riff.recent:
            self._habit[self._slot(x)] = max(self._habit[self._slot(x)] - w, 0.0)
            self._habit[self._slot(x + slip)] += w
        self._riff.moved(slip)
        here = self.beat(now)
        behind = min(max(at + slip - here, -self.MAX_SLIP), self.MAX_SLIP)
        self._b0, self.t0, self._last = here, now, at + slip
        self._catch = (now, behind, max(self.CATCH, abs(behind) / self.MAX_STEP) * 60.0 / self.bpm)
        self.reread = Reread()  # its notes sat on the clock's old line

    @staticmethod
    def _slot(beat):
        """Where in a 4-beat bar a subdivision is, in 12ths of a beat (16ths and triplets both fall on them)."""
        return np.round(np.asarray(beat) * 12).astype(int) % 48

    def _move(self, bpm: float, player: float, now: float) -> None:
        """On to the player's tempo `bpm`, their beat `player` now reached smoothly (over a beat or two: the beat
        never jumps, so no bar is lost or played twice); the follower starts afresh around the tempo read."""
        here = self.beat(now)
        self.bpm = self.set_bpm = min(max(bpm, MIN_BPM), MAX_BPM)
        self._b0, self.t0, self._raw, self._last = here, now, [], None
        self._riff.restart()
        behind = min(max(player - here, -0.9), 0.9)
        self._catch = (now, behind, max(1.0, 2 * abs(behind)) * 60.0 / self.bpm)
        self._moving = now + self._catch[2]


class Riff:
    """Where in the bar the player's notes sat over the last bars (their riff), and their last notes: when the last
    notes sit a 16th off it and the clock itself has just moved that way, it is the clock that slipped, as a drummer
    knows a riff they have heard for bars. Two notes of a syncopated riff rushed by 40-70 ms, or one early note of a
    loose player read as a triplet, moved the clock toward them; the next notes then sat a 16th off on the beats and
    8ths, surer places than the riff's own, and the drums stayed a 16th off the player for good."""

    KEEP = 0.99  # of the riff kept at each note (a bar of 8 notes: 0.92 of the bar before)
    RECENT = 8  # notes since a possible slip (held out of the riff until they are older)
    SHIFTS = (-0.25, 0.25)  # beats: a 16th either way
    MIN_RIFF = 12.0  # notes' weight heard before the riff is trusted (about two bars of a riff)
    PATH = 12  # notes over which the clock's own moves are measured
    DRIFT = 0.04  # beats: a slip is the clock moving off its line the other way at least this much over them
    # the last notes sit on the riff a 16th off at least ON of their weight, as they are at most OFF (0.35 took a
    # player breathing +-2% who went from a syncopated riff to an off-beat one for a slip)
    ON, OFF = 0.7, 0.3

    def __init__(self):
        self.hist = np.zeros(48)  # 12ths of a beat in a 4-beat bar
        self.recent: deque[tuple[float, float]] = deque(maxlen=self.RECENT)  # (subdivision on the clock, weight)
        self.path: deque[tuple[float, float, float]] = deque(maxlen=self.PATH)  # (seconds, the clock's beat, BPM)

    def heard(self, at: float, w: float, now: float, line: float, bpm: float) -> float:
        """A note followed on subdivision `at`, `now`, the clock's caught-up beat `line` then at `bpm`: the beats
        the clock slipped off the riff (0: none)."""
        self.path.append((now, line, bpm))
        if len(self.recent) == self.RECENT:
            x, ow = self.recent[0]
            self.hist *= self.KEEP
            self.hist[InternalClock._slot(x)] += ow
        self.recent.append((at, w))
        if len(self.recent) < self.RECENT or self.hist.sum() < self.MIN_RIFF:
            return 0.0
        riff = self.hist / self.hist.max()
        xs, ws = np.array([r[0] for r in self.recent]), np.array([r[1] for r in self.recent])
        total = ws.sum()
        if (riff[InternalClock._slot(xs)] * ws).sum() > self.OFF * total:
            return 0.0
        for d in self.SHIFTS:
            if (riff[InternalClock._slot(xs + d)] * ws).sum() >= self.ON * total:
                # a slip, not a new riff: the clock itself moved off its line lately, the other way (a player who
                # went from a syncopated riff to an off-beat one, nearly it a 16th later, moved nothing)
                t0, b0, bpm0 = self.path[0]
                drift = line - b0 - (now - t0) * bpm0 / 60.0
                return d if drift * np.sign(d) <= -self.DRIFT else 0.0
        return 0.0

    def moved(self, slip: float) -> None:
        """The clock caught up `slip` beats: the last notes sit where the riff has them."""
        self.recent = deque(((x + slip, w) for x, w in self.recent), maxlen=self.RECENT)

    def restart(self) -> None:
        """The clock moved to a tempo read again or set: the riff stays (bar 1 does), the last notes and the
        clock's path, read on the old line, go (the move's own jump looked like a slip's)."""
        self.recent.clear()
        self.path.clear()


class Reread:
    """The tempo read again mid-song, as a drummer re-finds a band that changed tempo (into a chorus, rushing, a
    wrong tempo typed): the follower hears only notes within ON_BEAT of the clock's beats, so a player 8% off lost
    the drums for good. The player is taken to have been with the clock until one of the recent notes, then on a
    tempo of their own from there (no free phase: the drums' bar 1 stays the player's, and the 8th-note ambiguity
    of a drift near half a beat is settled by where the change began). It moves the clock only when that reads the
    notes clearly better than the clock's own grid does (a fill, syncopation, swing, rubato, wrong notes fit the
    clock as well), twice within two beats. Where in the bar the player's notes have sat (the clock's habit) weighs the
    readings as it does the follower's, so a skank read again keeps its chords on the &s, not the beats."""

    WINDOW = 8.0  # beats of notes looked at
    CHORD_S = 0.04
    GRID, SIGMA = InternalClock.GRID, InternalClock.SIGMA  # the follower's subdivisions and a player's spread
    RATIOS = np.exp(np.linspace(np.log(0.83), np.log(1.2), 41))  # of the clock's tempo (the line fit refines it)
    SLOP = np.linspace(-0.12, 0.12, 5)  # beats: the player a little ahead or behind throughout
    ANCHORS = 12  # notes tried as where the change began
    MIN_AFTER, MIN_SPAN = 4, 2.0  # notes and beats heard on the new tempo before it is believed
    MIN_HEARD = 6.0  # beats of notes heard before any reading (six notes of a syncopated riff fitted 113 BPM)
    GAIN = 0.2  # the new reading must fit this share better than the clock's grid (or a tempo near it)
    MIN_CHANGE = 0.04  # tempos nearer the clock's are the follower's (rubato)
    MAX_MOVE = 0.9  # beats: the clock is moved at most this far (a change heard late: 8 beats at +10% are 0.8 off)
    # a reading half a beat off is taken when the notes sit HALF times more where the riff has had them, and at least
    # HALF_MIN of their weight there (a skank's chords fit the beats as well as the &s, and better as beats)
    HALF, HALF_MIN = 1.5, 0.3

    def __init__(self):
        self.notes: list[tuple[float, float, float]] = []  # (seconds, beat on the clock then, weight)
        self._pending: tuple[float, float] | None = None  # (BPM, seconds) of the last reading
        self._habit: np.ndarray | None = None

    def heard(self, now: float, beat: float, velocity: int, habit=None) -> tuple[float, float] | None:
        """(BPM, the player's beat now) when the clock is to move, else None. habit: where in the bar the player's
        notes have sat (the clock's, 48 12ths of a beat, 1 the likeliest), so a reading that keeps them there wins."""
        self._habit = habit
        w = loudness(velocity)
        if self.notes and now - self.notes[-1][0] <= self.CHORD_S:  # a chord is one onset
            self.notes[-1] = (*self.notes[-1][:2], max(self.notes[-1][2], w))
            return None
        self.notes = [n for n in self.notes if n[1] >= beat - self.WINDOW][-23:] + [(now, beat, w)]
        found = self._read(now)
        if found is None:
            return None
        pending, self._pending = self._pending, (found[0], now)
        # read twice within two beats, to the same tempo: once may be a fill that happens to fit another tempo
        if pending is None or now - pending[1] > 120.0 / found[0] or abs(np.log(found[0] / pending[0])) > 0.03:
            return None
        self.notes, self._pending = [], None
        return found

    def _fit(self, p, w) -> np.ndarray:
        """How well the notes sit on the grid (beats most, then 8ths, 16ths and triplets), the louder ones most."""
        bonus = None if self._habit is None else \
            (lambda line: InternalClock.HABIT * self._habit[InternalClock._slot(line)])
        return (grid_fit(p, self.GRID, self.SIGMA, bonus=bonus) * w).sum(-1) / w.sum()

    def _read(self, now: float) -> tuple[float, float] | None:
        t, b, w = (np.array(c, np.float64) for c in zip(*self.notes))
        if len(t) < self.MIN_AFTER + 1 or b[-1] - b[0] < self.MIN_HEARD:
            return None
        base = float(self._fit(b[None, :] + self.SLOP[:, None], w).max())  # the notes on the clock's own grid
        bpm = (b[-1] - b[0]) / (t[-1] - t[0]) * 60.0 if t[-1] > t[0] else 0.0  # the clock's, over the window
        if bpm <= 0:
            return None
        small = np.abs(np.log(self.RATIOS)) < self.MIN_CHANGE  # rubato: a tempo read this near counts as the clock's
        tempos, reads = bpm * self.RATIOS, []
        last = [j for j in range(len(t) - self.MIN_AFTER) if b[-1] - b[j] >= self.MIN_SPAN]
        # some of the notes as where the change began (all of them took 20-50 ms a note, holding up the drums)
        for j in np.unique(np.linspace(0, last[-1], min(len(last), self.ANCHORS)).round().astype(int)) if last else ():
            after = np.arange(len(t)) >= j  # from note j on, the player's line at each tempo through it
            p = np.where(after, b[j] + (t - t[j])[None, :] * tempos[:, None] / 60.0, b)
            score = self._fit(p[:, None, :] + self.SLOP[None, :, None], w)
            base = max(base, float(score[small].max()))
            score[small] = -1.0
            k, s = np.unravel_index(int(np.argmax(score)), score.shape)
            reads.append((float(score[k, s]), j, p[k, j:] + self.SLOP[s], tempos[k]))
        best = max(reads, key=lambda r: r[0], default=None)
        if best is None or best[0] < base + self.GAIN * best[0]:
            return None
        *_, j, p, read = best
        if self._habit is not None:  # half a beat either way fits a grid alike: the riff's places say which
            wj = w[j:]
            at = {d: float((self._habit[InternalClock._slot(p + d)] * wj).sum()) for d in (0.0, -0.5, 0.5)}
            d = max(at, key=at.get)
            if at[d] >= self.HALF * at[0.0] + self.HALF_MIN * wj.sum():
                p = p + d
        # the grid read gives each note its place (its nearest 16th or triplet); the tempo and the phase are the
        # least-squares line through them (the grid's steps of half a percent left the drums drifting again)
        snap = np.where(np.abs(p * 4 - np.round(p * 4)) / 4 <= np.abs(p * 3 - np.round(p * 3)) / 3,
                        np.round(p * 4) / 4, np.round(p * 3) / 3)
        keep = np.abs(p - snap) <= 0.1
        x, y, ww = snap[keep], t[j:][keep], w[j:][keep]
        if len(x) < self.MIN_AFTER or np.ptp(x) < self.MIN_SPAN:
            return None
        xm, ym = np.average(x, weights=ww), np.average(y, weights=ww)
        period = float(np.sum(ww * (x - xm) * (y - ym)) / np.sum(ww * (x - xm) ** 2))  # seconds a beat
        # a line far off the grid's reading took notes for the wrong 16ths; one near the clock's tempo is rubato
        if period <= 0 or abs(np.log(60.0 / period / read)) > 0.03 \
                or abs(np.log(60.0 / period / bpm)) < self.MIN_CHANGE:
            return None
        player = float(xm + (now - ym) / period)
        if abs(player - b[-1] - (now - t[-1]) * bpm / 60.0) > self.MAX_MOVE:  # no change just begun drifts this far
            return None
        return 60.0 / period, player


class Opening:
    """The player's notes before the drums come in (no count-in): where their bar 1 is and their tempo, as a drummer
    hears them. A pickup (the 'and-a' of 4, a run into 1) made its first note beat 1: every bar line was off and the
    backbeat landed on the player's 1 and 3. A player more than ~15% off --bpm drifted off before the clock locked."""

    CHORD_S = 0.04  # notes this close are one onset (a chord, a strum)
    GRID = ((1.0, 1.0), (0.5, 0.6), (1 / 3, 0.3), (0.25, 0.35))  # (beats apart, weight): beats, 8ths, triplets, 16ths
    SIGMA = 0.035  # beats: a player's spread
    RANGE = (0.68, 1.38)  # the tempos read, around --bpm (wider took the double or half tempo; narrower than 0.68
    # missed a player at 0.7 of it); 2/3 and 3/2 of a tempo stay just outside
    HALF_BAR = 1.2  # notes an even number of beats from beat 1 fit best: half notes at 70 were read as 3 beats at 105
    MIN_ONSETS = 4  # fewer say little of the tempo
    PRIOR = 0.3  # a reading nearer --bpm is taken over an equal one further off (stronger took a riff at 82 as 109)
    MOVE = 0.03  # a reading this far off --bpm moves the tempo (nearer: --bpm, the follower does the rest)
    SHORT = 0.72  # beats: a pickup's notes are at most this far apart (a swung 8th's long half, 2/3, pushed a
    # little: at 0.6 two swung 8ths into 1, the 4 and its 'and', were no pickup and the first of them was beat 1)
    PICKUP_BEATS = 1.6  # a pickup ends within this many beats of the first note
    AGREED = 0.03  # beats: onsets this near --bpm's 16ths (RMS; none twice as far) are played at --bpm
    # (10 ms loose is 0.017 at 100; a riff at 82 sat on 100's 16ths within 0.055, 0.04 RMS)

    # An off-beat funk riff (1, the 'a' of 1, the 'and' of 2...) at 90 sits as well on the beats and triplets of 120
    # (4/3 of it) as on its own 16ths until its repeat: read at 120, the drums came in at 120 off the player's 2 and 4.
    TRIPLET = 0.06  # beats: an onset this far from every 16th of a reading is on its triplets
    STRAIGHT = 0.07  # beats: every onset this near a 16th (RMS half that) of a reading plays it straight (10 ms off
    # a bar on at 115 is 0.06 off)
    ALIASES = (3 / 4, 4 / 3)  # a straight riff's 16ths are the triplets of 4/3 its tempo
    REPEAT_MARGIN = 0.3  # of the notes a bar on: a straight reading gives way to one whose bar they repeat this much more

    def __init__(self, set_bpm: float):
        self.set_bpm = set_bpm
        self.notes: list[tuple[float, int, int]] = []  # (seconds, pitch, velocity)
        self._asked: tuple[int, float, float] | None = None  # (notes, set BPM, a bar's seconds to wait for) last

    def onsets(self) -> list[tuple[float, int, int, int]]:
        """(seconds, lowest pitch, loudest velocity, notes) of each onset, a chord's notes taken together."""
        out: list[tuple[float, int, int, int]] = []
        for t, p, v in sorted(self.notes):
            if out and t - out[-1][0] <= self.CHORD_S:
                out[-1] = (out[-1][0], min(out[-1][1], p), max(out[-1][2], v), out[-1][3] + 1)
            else:
                out.append((t, p, v, 1))
        return out[:12]

    def heard_enough(self) -> bool:
        """Enough heard for the drums to come in: MIN_ONSETS onsets, or fewer all on --bpm's beats from the first.
        A sparse part off --bpm (half notes at 90 with 100 set) had the drums in after its first two notes, at
        --bpm, locked before a tempo could be read. A first bar that reads two ways (_ambiguous_bar) waits for a bar:
        this may go back from True to False as notes come (LivePlayer holds the drums again; none were sent)."""
        ons = self.onsets()
        if len(ons) >= self.MIN_ONSETS:
            bar = self._ambiguous_bar()
            return bar is None or ons[-1][0] - ons[0][0] >= bar
        x = (np.array([o[0] for o in ons]) - ons[0][0]) * self.set_bpm / 60.0 if ons else np.zeros(0)
        return bool(np.all(np.abs(x - np.round(x)) <= 0.12))

    def _ambiguous_bar(self) -> float | None:
        """Seconds a bar lasts at the slower of two readings when the notes so far read as well both ways: the best
        reading off --bpm has notes on its triplets and 3/4 or 4/3 of it has them all on 16ths. The drums wait for
        the riff's repeat, a bar on, which tells them apart. None when not (one read with the notes so far)."""
        key = (len(self.notes), self.set_bpm)
        if self._asked is None or self._asked[:2] != key:
            self._asked = (*key, self._two_ways())
        return self._asked[2]

    def _two_ways(self) -> float | None:
        ons = self.onsets()
        down, bpm = self.read(ons[-1][0])
        times = np.array([o[0] for o in ons if o[0] >= down - 1e-9])  # from beat 1 on (a pickup's run says little)
        alias = self._alias(times, bpm)
        return None if alias is None else 4 * 60.0 / min(bpm, alias) - 0.25 * 60.0 / bpm

    def _alias(self, times, bpm: float, triplets: bool = True) -> float | None:
        """The tempo, 3/4 or 4/3 of `bpm`, at which onsets `times` (beat 1 first) are all on 16ths (triplets: only
        when at `bpm` some are on triplets, not only a swing's, 2/3 of a beat); None when there is none or `bpm` is
        --bpm's."""
        if abs(np.log(bpm / self.set_bpm)) <= np.log(1 + self.MOVE) or len(times) < self.MIN_ONSETS:
            return None

        def off(tempos):  # each onset's distance to the nearest 16th at each tempo, beat 1 on the first
            x = (times[None, :] - times[0]) * np.asarray(tempos)[:, None] / 60.0
            return x, np.abs(x * 4 - np.round(x * 4)) / 4

        x, d = off([bpm])
        in_beat = (x[0] - np.floor(x[0])) * 3
        if triplets and not np.any((d[0] > self.TRIPLET) & (np.abs(in_beat - 1) < 0.3)):
            return None  # straight at the reading, or a swing (its triplets the swung 8th): nothing to doubt
        for ratio in self.ALIASES:
            tempos = bpm * ratio * np.exp(np.linspace(-0.03, 0.03, 61))
            _, d = off(tempos)
            rms = np.sqrt((d ** 2).mean(1))
            fits = (d.max(1) <= self.STRAIGHT) & (rms <= self.STRAIGHT * 0.5)
            if fits.any():
                return float(tempos[fits][np.argmin(rms[fits])])
        return None

    def _repeats(self, times, weights, bpm: float) -> float:
        """How much of what was played a bar (4 beats at `bpm`) after the first note repeats what was a bar before."""
        bar, tol = 4 * 60.0 / bpm, 0.06 * 60.0 / bpm
        later = times >= times[0] + bar - tol
        if not later.any():
            return 0.0
        hit = np.array([np.abs(times - (t - bar)).min() <= tol for t in times[later]])
        return float((weights[later] * hit).sum() / weights[later].sum())

    def read(self, now: float) -> tuple[float, float]:
        """(seconds of the player's beat 1, BPM) from what is heard by `now`."""
        ons = self.onsets()
        times = np.array([o[0] for o in ons])
        # the louder and fuller an onset, the more it says where the beats are (a swing's quiet upbeats read as
        # beats made it straight at 1.5 times the tempo)
        weights = np.array([(o[2] / 127.0) ** 2 * (1 + 0.5 * (o[3] - 1)) for o in ons])
        bpm = self.set_bpm
        down = self._downbeat(ons, 60.0 / bpm, now)
        for j in range(1, min(len(ons) - 2, 5)) if down == 0 else ():
            # a pickup at a tempo well off --bpm (two swung 8ths at 84 are 0.8 of its beat apart): it is one when
            # the notes from its landing on read a tempo at which it is one
            if self._downbeat(ons, 60.0 / self._tempo(times[j:], weights[j:], times[j]), now) == j:
                down = j
                break
        for _ in range(2):  # the tempo from the notes from beat 1 on (a pickup's run says little), then beat 1 again
            if len(ons) - down < self.MIN_ONSETS:
                break
            # a soft note on 1 before louder ones (a bass note under a skank's chords on the 'and's): those set the time
            first = down + 1 if ons[down][2] + 10 <= ons[down + 1][2] and len(ons) - down > self.MIN_ONSETS else down
            bpm = self._tempo(times[first:], weights[first:], times[first])
            if abs(np.log(bpm / self.set_bpm)) <= np.log(1 + self.MOVE):
                bpm = self.set_bpm
            again = self._downbeat(ons, 60.0 / bpm, now)
            if again == down:
                break
            down = again
        # a riff whose 16ths read as triplets of 4/3 its tempo: once it has repeated, its bar says which (at 90 its
        # repeat comes 4 beats of 90 on, 5.3 of 120). A straight reading gives way only to a clearly better repeat
        # (the funk riff at 115 read at 84 for good after its second bar).
        for triplets, margin in ((True, 0.0), (False, self.REPEAT_MARGIN)):
            alias = self._alias(times[down:], bpm, triplets)
            if alias is not None and self._repeats(times[down:], weights[down:], alias) \
                    > self._repeats(times[down:], weights[down:], bpm) + margin:
                bpm = alias
                break
        return float(times[down]), float(bpm)

    def _tempo(self, times, weights, phase: float) -> float:
        """The BPM whose grid from `phase` (a beat) best fits the onsets, the louder ones most; --bpm when every
        onset of a riff sits on its 16ths: an off-beat funk riff at 100 (1, the 'a' of 1, the 'and' of 2...)
        sits as well on the beats and triplets of 133 and was read there, a drummer keeps the tempo agreed."""
        x = (times - phase) * self.set_bpm / 60.0
        off = np.abs(x * 4 - np.round(x * 4)) / 4
        # evenly apart (a strum split in two taken as one): its own tempo's beats (quarters at 80 are five 16ths of
        # 100 apart, half notes at 133 three 8ths)
        t = times[np.concatenate([[True], np.diff(x) > 0.125])]
        apart = (t[-1] - t[0]) / max(len(t) - 1, 1)
        even = np.abs(t - t[0] - apart * np.arange(len(t))).max() <= 0.15 * apart
        if not even and off.max() <= 2 * self.AGREED and np.sqrt(np.mean(off ** 2)) <= self.AGREED:
            return self.set_bpm
        bpms = self.set_bpm * np.exp(np.linspace(np.log(self.RANGE[0]), np.log(self.RANGE[1]), 240))
        x = (times[None, :] - phase) * bpms[:, None] / 60.0  # each onset in beats from the phase
        fit = grid_fit(x, ((2.0, self.HALF_BAR), *self.GRID), self.SIGMA)
        score = (fit * weights).sum(1) / weights.sum() - self.PRIOR * np.log(bpms / self.set_bpm) ** 2
        return float(bpms[int(np.argmax(score))])

    def _downbeat(self, ons, period: float, now: float) -> int:
        """The onset that is beat 1: the first, unless a short group of notes leads into a note that stands out
        (louder, lower, a fuller chord) and has room after it (the next note later than the pickup's pace)."""
        for j in range(1, min(len(ons), 5)):
            gaps = np.diff([o[0] for o in ons[:j + 1]]) / period
            if gaps.max() > self.SHORT or (ons[j][0] - ons[0][0]) / period > self.PICKUP_BEATS:
                break
            pick, land = ons[:j], ons[j]
            if land[1] > min(o[1] for o in pick) + 12:  # a run leads to 1 from near it: a lone bass note on 1 under a
                continue  # skank's louder chords on the 'and's (two octaves up) was read as a pickup into the 'and'
            stands = (land[2] >= max(o[2] for o in pick) + 10) + (land[1] <= min(o[1] for o in pick) - 3) \
                + (land[3] > max(o[3] for o in pick))
            after = (ons[j + 1][0] if j + 1 < len(ons) else now) - land[0]
            room = after >= 1.5 * gaps.max() * period
            # one note before a louder one a 16th later is as often a ghost note on 1 as a pickup: it needs more
            if stands >= 2 or stands and room and (j > 1 or gaps.max() >= 0.3):
                return j
        return 0


def loudness(velocity: int) -> float:
    """How much a note of this velocity counts (the follower's and Reread's alike): a ghost note little."""
    return (max(velocity, 1) / 127.0) ** 2


def grid_fit(x: np.ndarray, grid, sigma: float, bonus=None) -> np.ndarray:
    """How well each position x (in beats) sits on a grid of ((beats apart, weight), ...): the best weight x
    Gaussian of its distance to the nearest line of each (a note on the beat fits beats, 8ths and 16ths);
    bonus(lines): more weight for some lines (where the player's notes have sat)."""
    fit = np.zeros_like(x)
    for apart, w in grid:
        line = np.round(x / apart) * apart
        fit = np.maximum(fit, (w if bonus is None else w + bonus(line)) * np.exp(-0.5 * ((x - line) / sigma) ** 2))
    return fit
