"""The live player's internal clock (a tempo in BPM, following the player as a drummer with no click does).

The clock following incoming MIDI clock is in midi_clock.py, the reading of bar 1 and the tempo before the drums
come in (Opening) in live_opening.py; livemidi.py uses them all.
"""

from __future__ import annotations

import copy
from collections import deque
from typing import TYPE_CHECKING

import numpy as np

from .live_feel import Feel
from .live_pulse import SteadyPulse
from .live_riff_alias import RiffAlias
from .live_riff_tempo import RiffRepeat
from .live_shuffle import read_as_pairs
from .settings import MAX_BPM, MIN_BPM, check_bpm

if TYPE_CHECKING:
    from .live_opening import Opening

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
    # what a note heard can change: kept before each note, so a grace note's following is taken back (take_back)
    FOLLOWED = ("_b0", "t0", "bpm", "set_bpm", "_catch", "_last", "_raw", "_habit", "_riff", "pulse", "repeat",
                "reread", "_moving", "feel", "alias")

    def __init__(self, bpm: float, *, player_led: bool = False):
        self.bpm = self.set_bpm = check_bpm(bpm)
        self.t0: float | None = None
        self.running = True
        self.player_led = player_led
        self._b0 = 0.0  # the beat at t0
        self._down = 0.0  # the beat the opening's bar 1 is on (anchor)
        self._catch = (0.0, 0.0, 1.0)  # (seconds it began, beats to catch up, seconds it takes)
        self._last: float | None = None  # the subdivision of the last note followed
        self._relock: tuple[float, float, float, float] | None = None  # (b0, t0, BPM, catch): lock's reading
        self._habit = np.zeros(48)  # how often the player's notes sat on each 12th of a beat of the bar
        self._raw: list[tuple[float, float]] = []  # (seconds, weight) of the last notes
        self.opening: Opening | None = None  # until the drums come in: the player's first notes place bar 1 and the tempo
        self._moving = 0.0  # seconds a move to a tempo read again takes till
        self.reread = Reread()  # mid-song: a player who changed tempo by more than the follower hears
        self._riff = Riff()  # where the player's riff sits in the bar: a clock that slipped a 16th hears it there
        self.pulse = SteadyPulse()  # even notes clearly off the clock's beats: the player's own tempo
        self.repeat = RiffRepeat()  # a riff repeating over a bar clearly off the clock's: the player's own tempo
        self.feel = Feel()  # how late the player steadily plays between the 8ths (lazy 16ths): no phase error
        self.alias = RiffAlias()  # the opening's tempo read again once its riff comes round (4/3 of it: lock)
        self.alias.stop()
        self.bar = (0.0, 4.0)  # (origin, beats a bar) of the drums' bars (the player sets it from the session)
        self._before: tuple[float, dict] | None = None  # (seconds, what the follower knew) before the last note heard

    def handle(self, msg, now: float) -> str | None:
        return None

    def anchor(self, now: float, beat: float = 0.0) -> None:
        """`beat` (0, or the bar line a player coming back starts on) is now: the player's first note."""
        self.t0, self._b0, self._catch, self._down = now, beat, (now, 0.0, 1.0), beat
        self._raw, self._last, self.reread, self._habit, self._relock = [], None, Reread(), np.zeros(48), None
        self._riff, self._before, self.feel = Riff(), None, Feel()
        self.pulse.clear()
        self.repeat = RiffRepeat()
        self.alias.stop()

    def place(self, now: float) -> bool:
        """Before the drums come in: bar 1 and the tempo as the opening notes tell them (beat 0 on the player's
        beat 1, a pickup before it). True when they moved (what was heard is laid again by the caller)."""
        down, bpm = self.opening.read(now)
        if self.t0 is not None and abs(down - self.t0) < 0.01 and abs(bpm - self.bpm) < 0.25:
            return False
        self.t0, self._b0, self.bpm, self._catch = down, self._down, bpm, (down, 0.0, 1.0)
        self._raw, self._last = [], None
        self._habit, self._riff, self.repeat, self._before = np.zeros(48), Riff(), RiffRepeat(), None
        self.feel = Feel()
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
        # a riff begun mid-bar may read as 4/3 of its tempo till it comes round: heard again then (live_riff_alias);
        # its half only off the producer's --bpm, 3/2 first after a shuffle's pairs read at 2/3 of their reading
        off = abs(np.log(line[2] / opening.set_bpm)) > np.log(1 + opening.MOVE)
        pairs = read_as_pairs([o[0] for o in opening.onsets() if o[0] >= line[1] - 1e-6], line[2])
        self.alias = RiffAlias(line[1], self.bar[1], [(t, loudness(v)) for t, _, v in notes], half=off, pairs=pairs)

    def retempo(self, bpm: float, now: float) -> None:
        """The tempo set is changed while playing (a producer who set 100 hears the player at 110): the beat
        stays where it is now and runs on at `bpm`, so no beat is skipped or played twice; the follower starts
        afresh around the new tempo (the notes on the beat before it were read against the old one)."""
        bpm = check_bpm(bpm)
        if self.t0 is not None:
            self._b0, self.t0 = self.beat(now), now
        self.bpm = self.set_bpm = bpm
        self._catch, self._raw, self._last, self._moving = (now, 0.0, 1.0), [], None, 0.0
        self._before = None  # a grace note taken back after this keeps the new tempo
        self._riff.restart()
        self.pulse.clear()
        self.repeat.clear()
        self.alias.stop()
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
        self._before = None
        if not self.player_led or self.opening is not None:
            return
        # the clock's line once caught up, not its beat while catching up (a beat run faster read as the player off)
        self.beat(now)
        self._before = now, {k: copy.deepcopy(getattr(self, k)) for k in self.FOLLOWED}
        line = self._b0 + (now - self.t0) * self.bpm / 60.0 + self._catch[1]
        # the player's own tempo, by the first to hear it: even onsets, a riff coming round a bar later (a move
        # of up to half a bar, onto the player's bar lines), notes drifting off the clock's grid
        found, most = self.pulse.heard(now, line, self.bpm, loudness(velocity)), 0.9
        alias = self.alias.heard(now, loudness(velocity), self.bpm) if found is None else None
        if alias is not None:  # the player's beat 1 stays on a bar line, the nearest to the clock's (half a bar)
            bpm, zero = alias
            player = self._down + (now - zero) * bpm / 60.0
            player -= round((player - line) / self.bar[1]) * self.bar[1]
            found, most = (bpm, player), self.bar[1] / 2
        if found is None:
            found, most = self.repeat.heard(now, line, self.bpm, loudness(velocity), self.bar,
                                            wait=self.alias.pending), self.bar[1] / 2
        if found is None:
            found, most = self.reread.heard(now, line, velocity, self._places()), 0.9
        if found is not None:
            self._move(*found, now, most=most)
            if most > 0.9:  # read from the riff: where its notes sat on the clock's beats before was no riff's place
                self._habit, self._riff = np.zeros(48), Riff()
            return
        if now >= self._moving:  # the follower's catch-up would cut a move's short
            self._follow(line, now, velocity)

    def take_back(self, seconds: float, now: float) -> None:
        """The note heard at `seconds` was a grace note of the one heard `now` (live_rolls.py): what the follower made
        of it is undone, as if it never came. Slid into every note 50 ms early at 110, a bass line had the drums 50 ms
        ahead of it for good. The beat goes on from where it is (never back: the drums since were sent) and eases onto
        the line the clock had without the grace note."""
        if self._before is None or self._before[0] != seconds:
            return
        here, state = self.beat(now), self._before[1]
        self._before = None
        for k, v in state.items():
            setattr(self, k, v)
        began, beats, takes = self._catch
        line = self.beat(now) + beats * (1.0 - min(max((now - began) / takes, 0.0), 1.0))  # where it was headed
        behind = min(max(line - here, -self.MAX_STEP), self.MAX_STEP)
        self._b0, self.t0 = here, now
        self._catch = (now, behind, max(self.CATCH, abs(behind) / self.MAX_STEP) * 60.0 / self.bpm)

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
        err = -self.feel.heard(at, line - at, conf) * conf  # a lazy 16th's steady lateness is feel, not phase
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
        bonus = riff_bonus(self._places())
        fit = grid_fit(q, self.GRID, self.SIGMA, bonus=bonus)
        cost = self.SLOP_COST * (self.SLOP[:, None] ** 2 + (self.TEMPO_SLOP[None, :] - 1) ** 2)
        score = (fit * ww).sum(-1) - cost * ww.sum()
        s = np.unravel_index(int(np.argmax(score)), score.shape)[0]
        x = beat + self.SLOP[s]
        snaps = [((g + bonus(c)) * np.exp(-0.5 * ((x - c) / self.SIGMA) ** 2), c)
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

    def _places(self) -> np.ndarray:
        """Where in the bar the player's notes have sat (48 12ths of a beat), 1 where most have; a place counts
        fully once HABIT_MIN notes sat there."""
        return self._habit / max(float(self._habit.max()), self.HABIT_MIN)

    @staticmethod
    def _slot(beat):
        """Where in a 4-beat bar a subdivision is, in 12ths of a beat (16ths and triplets both fall on them)."""
        return np.round(np.asarray(beat) * 12).astype(int) % 48

    def _move(self, bpm: float, player: float, now: float, most: float = 0.9) -> None:
        """On to the player's tempo `bpm`, their beat `player` now reached smoothly (over a beat or two, up to `most`
        beats: the beat never jumps, so no bar is lost or played twice); the follower starts afresh around the
        tempo read."""
        here = self.beat(now)
        self.bpm = self.set_bpm = min(max(bpm, MIN_BPM), MAX_BPM)
        self._b0, self.t0, self._raw, self._last = here, now, [], None
        self._riff.restart()
        self.pulse.clear()
        self.repeat.moved_at = now
        self.alias.stop()  # (the opening's tempo is no longer the one the drums play)
        self.reread = Reread()  # its notes sat on the old tempo's line
        behind = min(max(player - here, -most), most)
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

    def heard(self, now: float, beat: float, velocity: int, places=None) -> tuple[float, float] | None:
        """(BPM, the player's beat now) when the clock is to move, else None. places: where in the bar the player's
        notes have sat (the clock's `_places`), so a reading that keeps them there wins."""
        w = loudness(velocity)
        if self.notes and now - self.notes[-1][0] <= self.CHORD_S:  # a chord is one onset
            self.notes[-1] = (*self.notes[-1][:2], max(self.notes[-1][2], w))
            return None
        self.notes = [n for n in self.notes if n[1] >= beat - self.WINDOW][-23:] + [(now, beat, w)]
        found = self._read(now, places)
        if found is None:
            return None
        pending, self._pending = self._pending, (found[0], now)
        # read twice within two beats, to the same tempo: once may be a fill that happens to fit another tempo
        if pending is None or now - pending[1] > 120.0 / found[0] or abs(np.log(found[0] / pending[0])) > 0.03:
            return None
        self.notes, self._pending = [], None
        return found

    def _fit(self, p, w, bonus) -> np.ndarray:
        """How well the notes sit on the grid (beats most, then 8ths, 16ths and triplets, `bonus` more where the
        riff has been: riff_bonus), the louder ones most."""
        return (grid_fit(p, self.GRID, self.SIGMA, bonus=bonus) * w).sum(-1) / w.sum()

    def _read(self, now: float, places) -> tuple[float, float] | None:
        t, b, w = (np.array(c, np.float64) for c in zip(*self.notes))
        if len(t) < self.MIN_AFTER + 1 or b[-1] - b[0] < self.MIN_HEARD:
            return None
        bonus = None if places is None else riff_bonus(places)
        base = float(self._fit(b[None, :] + self.SLOP[:, None], w, bonus).max())  # the notes on the clock's own grid
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
            score = self._fit(p[:, None, :] + self.SLOP[None, :, None], w, bonus)
            base = max(base, float(score[small].max()))
            score[small] = -1.0
            k, s = np.unravel_index(int(np.argmax(score)), score.shape)
            reads.append((float(score[k, s]), j, p[k, j:] + self.SLOP[s], tempos[k]))
        best = max(reads, key=lambda r: r[0], default=None)
        if best is None or best[0] < base + self.GAIN * best[0]:
            return None
        *_, j, p, read = best
        if places is not None:  # half a beat either way fits a grid alike: the riff's places say which
            wj = w[j:]
            at = {d: float((places[InternalClock._slot(p + d)] * wj).sum()) for d in (0.0, -0.5, 0.5)}
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


def loudness(velocity: int) -> float:
    """How much a note of this velocity counts (the follower's and Reread's alike): a ghost note little."""
    return (max(velocity, 1) / 127.0) ** 2


def riff_bonus(places: np.ndarray):
    """grid_fit's bonus for the lines where the player's notes have sat (`InternalClock._places`)."""
    return lambda line: InternalClock.HABIT * places[InternalClock._slot(line)]


def grid_fit(x: np.ndarray, grid, sigma: float, bonus=None) -> np.ndarray:
    """How well each position x (in beats) sits on a grid of ((beats apart, weight), ...): the best weight x
    Gaussian of its distance to the nearest line of each (a note on the beat fits beats, 8ths and 16ths);
    bonus(lines): more weight for some lines (where the player's notes have sat)."""
    fit = np.zeros_like(x)
    for apart, w in grid:
        line = np.round(x / apart) * apart
        fit = np.maximum(fit, (w if bonus is None else w + bonus(line)) * np.exp(-0.5 * ((x - line) / sigma) ** 2))
    return fit
