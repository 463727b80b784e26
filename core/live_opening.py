"""Before the drums come in: where a player's bar 1 is and their tempo, read from their first notes (no count-in).

The clock that follows them once the drums play is live_clock.py's InternalClock, which holds an Opening until then.
"""

from __future__ import annotations

import numpy as np

from .live_accents import (MIN_AFTER, OCTAVE, SKANK_NOTES, accented_downbeat, accents_unsettled, near_the_beats,
                           on_the_beats, skank_chords)
from .live_clock import grid_fit, loudness
from .live_compound_chords import compound, compound_chords_bpm
from .live_off_beat_start import root_on_one, root_pending
from .live_riff_alias import USUAL_BPM, half_is_nearer
from .live_shuffle import swung_pairs_bpm
from .live_slow_chords import even_chords_bpm


# velocity per note (hard and soft places together): a landing standing out by loudness alone is a pickup's, once the
# riff after it is heard, only when its grid puts the accents on the beats this much more than the first note's
# (from 6 notes on, 85-120 BPM, 10 takes 8 ms loose, the tempo 1% off: a pickup on the 'and' of 4 into a riff's 1
# at 3.6-8.0, 95% over 4.0; a syncopated riff's louder 'and' of 1 after its 1 at -1.0-4.9, 95% under 3.8)
PICKUP_LEAD = 3.9


def beats_from_first(onsets, bpm: float) -> np.ndarray:
    """(n,) each onset's time ((seconds, ...) each: Opening.onsets()) in beats of `bpm` from the first onset's."""
    times = np.array([o[0] for o in onsets], np.float64)
    return (times - times[0]) * bpm / 60.0


class Opening:
    """The player's notes before the drums come in (no count-in): where their bar 1 is and their tempo, as a drummer
    hears them. A pickup (the 'and-a' of 4, a run into 1) made its first note beat 1: every bar line was off and the
    backbeat landed on the player's 1 and 3. A player more than ~15% off --bpm drifted off before the clock locked."""

    CHORD_S = 0.04  # notes this close are one onset (a chord, a strum)
    HELD_NOTES = 3  # a chord's notes (a triad) ringing on over the notes after it make it the bar's 1 (_no_landings)
    GRID = ((1.0, 1.0), (0.5, 0.6), (1 / 3, 0.3), (0.25, 0.35))  # (beats apart, weight): beats, 8ths, triplets, 16ths
    SIGMA = 0.035  # beats: a player's spread
    RANGE = (0.68, 1.38)  # the tempos read, around --bpm (wider took the double or half tempo; narrower than 0.68
    # missed a player at 0.7 of it); 2/3 and 3/2 of a tempo stay just outside
    HALF_BAR = 1.2  # notes an even number of beats from beat 1 fit best: half notes at 70 were read as 3 beats at 105
    MIN_ONSETS = 4  # fewer say little of the tempo
    MAX_ONSETS = 12  # the first onsets read (later ones: the clock follows them)
    # Fewer may let the drums in, all on --bpm's beats, over two of its bars (whole notes at --bpm, in by bar 3):
    # keys at 100 comping on 1 and the 'and' of 3 (1.5 s apart: 3 beats of 120) had the drums in at 120 after
    # two chords, and chords on 1, the 'and' of 2 and 4 at 90 sit on 120's half notes for a bar; locked, the
    # follower never came back from 120 (it follows within a fifth of the tempo it locked).
    EARLY_ONSETS = 3
    EARLY_SPAN = 8 - 0.12  # beats of --bpm
    BAR_ON_BEATS = 0.06  # beats: a 3/4 bar's notes this near --bpm's beats are at --bpm (3% off over 2 beats; 10 ms
    # loose is 0.02 at 120), and a bar's worth of them lets the drums in (min_onsets)
    PRIOR = 0.3  # a reading nearer --bpm is taken over an equal one further off (stronger took a riff at 82 as 109)
    MOVE = 0.03  # a reading this far off --bpm moves the tempo (nearer: --bpm, the follower does the rest)
    SHORT = 0.72  # beats: a pickup's notes are at most this far apart (a swung 8th's long half, 2/3, pushed a
    # little: at 0.6 two swung 8ths into 1, the 4 and its 'and', were no pickup and the first of them was beat 1)
    PICKUP_BEATS = 1.6  # a pickup ends within this many beats of the first note
    ROOM = 1.4  # the landing's next note at least this many of the pickup's gaps (their mean) later (1.5 of the
    # longest left 8ths from the 'and' of 3 into a riff's 1 and its 'a', a pickup by the jitter of the player's hands)
    LAZY = (0.015, 0.075)  # beats: how late a lazy 16th's "e" and "a" sit (0.06 is 62% swing)
    AGREED = 0.03  # beats: onsets this near --bpm's 16ths (RMS; none twice as far) are played at --bpm
    # (10 ms loose is 0.017 at 100; a riff at 82 sat on 100's 16ths within 0.055, 0.04 RMS)

    # An off-beat funk riff (1, the 'a' of 1, the 'and' of 2...) at 90 sits as well on the beats and triplets of 120
    # (4/3 of it) as on its own 16ths until its repeat: read at 120, the drums came in at 120 off the player's 2 and 4.
    TRIPLET = 0.06  # beats: an onset this far from every 16th of a reading is on its triplets
    STRAIGHT = 0.07  # beats: every onset this near a 16th (RMS half that) of a reading plays it straight (10 ms off
    # a bar on at 115 is 0.06 off)
    USUAL_BPM = USUAL_BPM  # (live_riff_alias's, which reads a fast riff's half the same way: half_is_nearer)
    OWN_BEAT = 0.2  # beats: a reading's notes this near its beats are on them (a free intro's wander)
    LIGHTER = 0.6  # of the even beats' notes' weight: the odd beats' are this much lighter (a soft note between)
    ALIASES = (3 / 4, 4 / 3)  # a straight riff's 16ths are the triplets of 4/3 its tempo
    REPEAT_MARGIN = 0.3  # of the notes a bar on: a straight reading gives way to one whose bar they repeat this much more

    def __init__(self, set_bpm: float, reggae: bool = False, bar_beats: float = 4.0,
                 meter: tuple[int, int] | None = None):
        self.set_bpm = set_bpm
        self.bar_beats = bar_beats  # the session's bar, in beats (one chord a bar in 3/4 is the bar's length)
        self.meter = meter  # its time signature (None: unknown): 6/8's chords are counted in dotted quarters
        self.reggae = reggae  # asked for reggae: a skank's chords are the 'and's, never beat 1 (skank_chords)
        self.notes: list[tuple[float, int, int]] = []  # (seconds, pitch, velocity)
        self.released: list[tuple[float, int]] = []  # (seconds, pitch) of the note-offs: how long each note rang
        self._asked: tuple[int, float, float] | None = None  # (notes, set BPM, a bar's seconds to wait for) last
        self._accents: tuple[int, float, bool] | None = None  # (notes, set BPM, accents unsettled) last
        self._root: tuple[int, int, float, bool] | None = None  # (notes, note-offs, set BPM, a root awaited) last

    def onsets(self) -> list[tuple[float, int, int, int]]:
        """(seconds, lowest pitch, loudest velocity, notes) of each onset, a chord's notes taken together."""
        out: list[tuple[float, int, int, int]] = []
        for t, p, v in sorted(self.notes):
            if out and t - out[-1][0] <= self.CHORD_S:
                out[-1] = (out[-1][0], min(out[-1][1], p), max(out[-1][2], v), out[-1][3] + 1)
            else:
                out.append((t, p, v, 1))
        return out[:self.MAX_ONSETS]

    def take_back(self, seconds: float) -> None:
        """The note heard at `seconds` was a grace note of the one after it (live_rolls.py): bar 1 and the tempo are
        read from the note it leads into only (at full velocity, a grace note into 1 could be taken as beat 1)."""
        self.notes = [n for n in self.notes if n[0] != seconds]
        self._asked = self._accents = self._root = None  # kept by the count of notes, which the next note makes the
        # same again

    def heard_enough(self) -> bool:
        """Enough heard for the drums to come in: min_onsets() onsets, or EARLY_ONSETS on --bpm's beats over 2 bars.
        A sparse part off --bpm (half notes at 90 with 100 set) had the drums in after its first two notes, at
        --bpm, locked before a tempo could be read. A first bar that reads two ways (_ambiguous_bar) waits for a bar,
        a would-be root on 1 of a bass begun on the 'and's for the note after it (_awaits_root):
        this may go back from True to False as notes come (LivePlayer holds the drums again; none were sent)."""
        ons = self.onsets()
        if len(ons) >= self.min_onsets(ons):
            bar = self._ambiguous_bar()
            # the bar is waited for in time, by every note heard: a dense part's MAX_ONSETS (11 16ths at 128 are
            # 1.29 s) never spanned it, and the drums never came in
            heard = max(n[0] for n in self.notes) - ons[0][0]
            return (bar is None or heard >= bar) and not self._unsettled() and not self._awaits_root()
        if len(ons) < self.EARLY_ONSETS:
            return False
        x = beats_from_first(ons, self.set_bpm)
        return bool(x[-1] >= self.EARLY_SPAN and np.all(np.abs(x - np.round(x)) <= 0.12))

    def min_onsets(self, ons: list[tuple[float, int, int, int]]) -> int:
        """The onsets (`onsets()`'s) that let the drums in: MIN_ONSETS, or in a 3/4 bar (not 6/8's dotted beats) a
        bar's worth of quarters (EARLY_ONSETS at least: a 2/4 bar's two wait for MIN_ONSETS) on --bpm's beats in a bar:
        a waltz's quarters had their 4th note on bar 2's 1, and the drums came in on bar 3 where 4/4's come in on bar
        2. Off --bpm's beats (a player at 105 with 120 set), or one chord a bar, they wait for MIN_ONSETS: fewer read
        no tempo, and the drums came in at --bpm, locked, off the player's bars."""
        beats = int(np.floor(self.bar_beats + 1e-9))
        if beats >= self.MIN_ONSETS or self.meter is not None and self.meter[1] == 8 and self.meter[0] % 3 == 0:
            return self.MIN_ONSETS
        need = max(self.EARLY_ONSETS, beats)
        if len(ons) < need:
            return self.MIN_ONSETS
        x = beats_from_first(ons[:need], self.set_bpm)
        on_beats = np.all(np.abs(x - np.round(x)) <= self.BAR_ON_BEATS)  # (not live_accents.on_the_beats)
        return need if on_beats and x[-1] < self.bar_beats - 1e-9 else self.MIN_ONSETS

    def _ambiguous_bar(self) -> float | None:
        """Seconds a bar lasts at the slower of two readings when the notes so far read as well both ways: the best
        reading off --bpm has notes on its triplets and 3/4 or 4/3 of it has them all on 16ths. The drums wait for
        the riff's repeat, a bar on, which tells them apart. None when not (one read with the notes so far)."""
        key = (len(self.notes), self.set_bpm)
        if self._asked is None or self._asked[:2] != key:
            self._asked = (*key, self._two_ways())
        return self._asked[2]

    def _unsettled(self) -> bool:
        """The accents so far lean to a beat 1 other than the one read without saying so clearly (accents_unsettled):
        a riff started from its 'and' of 4, as loud as its 1, had the drums in half a beat off the player's bars."""
        key = (len(self.notes), self.set_bpm)
        if self._accents is None or self._accents[:2] != key:
            ons = self.onsets()
            down, bpm = self.read(ons[-1][0])
            at = int(np.argmin([abs(o[0] - down) for o in ons]))
            self._accents = (*key, accents_unsettled(ons, 60.0 / bpm, at, max(n[0] for n in self.notes),
                                                     self._no_landings(ons, 60.0 / bpm)))
        return self._accents[2]

    def _awaits_root(self) -> bool:
        """The last note heard would be the root on 1 of a bass begun on the 'and's if the next one goes on on the
        'and's (live_off_beat_start.root_pending): the drums wait for it (a beat at most while the player plays on),
        or they came in on the first note's bars before it moved them."""
        key = (len(self.notes), len(self.released), self.set_bpm)
        if self._root is None or self._root[:3] != key:
            ons = self.onsets()
            down, bpm = self.read(ons[-1][0])
            self._root = (*key, len(ons) < self.MAX_ONSETS and down == ons[0][0]
                          and root_pending(ons, 60.0 / bpm, self.released))
        return self._root[3]

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
        weights = np.array([loudness(o[2]) * (1 + 0.5 * (o[3] - 1)) for o in ons])
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
            bpm = self._tempo_from(ons, times, weights, down)
            again = self._downbeat(ons, 60.0 / bpm, now)
            if again == down:
                break
            down = again
        # a pickup that did not stand out (one note on the 'and' of 4 into the riff's 1, a run as loud as its landing):
        # the accents of what follows say where the beats are, half a beat (or a 16th) off the first note's
        accented = accented_downbeat(ons, 60.0 / bpm, down, self._no_landings(ons, 60.0 / bpm))
        if accented != down and not (down == 0 and self._an_accent(ons, accented, 60.0 / bpm, lone=False)):
            down = accented
            if len(ons) - down >= self.MIN_ONSETS:
                bpm = self._tempo_from(ons, times, weights, down)
        # a riff whose 16ths read as triplets of 4/3 its tempo: once it has repeated, its bar says which (at 90 its
        # repeat comes 4 beats of 90 on, 5.3 of 120). A straight reading gives way only to a clearly better repeat
        # (the funk riff at 115 read at 84 for good after its second bar).
        for triplets, margin in ((True, 0.0), (False, self.REPEAT_MARGIN)):
            alias = self._alias(times[down:], bpm, triplets)
            if alias is not None and self._repeats(times[down:], weights[down:], alias) \
                    > self._repeats(times[down:], weights[down:], bpm) + margin:
                bpm = alias
                break
        # a shuffle's long-short pairs read as a quarter and an 8th at 3/2 its tempo: each pair is a beat (live_shuffle)
        bpm = swung_pairs_bpm(times[down:], bpm, self.set_bpm * self.RANGE[0])
        bpm = float(self._own_beats(times[down:], weights[down:], bpm))
        # slow even chords played freely: half notes near the usual tempos, not their double (live_slow_chords)
        if compound(self.meter):  # (in 6/8, its beats: live_compound_chords)
            bpm = compound_chords_bpm(times[down:], bpm, self.set_bpm, self.meter, agreed=self.MOVE)
        else:
            bpm = even_chords_bpm(times[down:], bpm, self.set_bpm, usual=self.USUAL_BPM, agreed=self.MOVE,
                                  bar_beats=self.bar_beats)
        # begun on the 'and's (a pumping bass): the kick-like root that comes is a 1, the first note half a beat on
        root = root_on_one(ons, 60.0 / bpm, self.bar_beats, self.released) if down == 0 else None
        if root is None and down == 0 and self._skank_first(ons, 60.0 / bpm):
            root = float(times[0]) - 0.5 * 60.0 / bpm  # asked for reggae, begun on its skank: that was the 'and' of 1
        return (float(times[down]) if root is None else root), bpm

    def _own_beats(self, times, weights, bpm: float) -> float:
        """Half of `bpm`, read above --bpm, where the notes at `bpm` are its half notes (all on its beats, its odd
        beats empty or clearly lighter: chords on each beat at 80, a soft note between) and the half is the nearer
        to USUAL_BPM. With --bpm 120 (the default) keys at 80 were read at 160 (80 under the tempos read, RANGE) or
        at 166 over 83 (nearer --bpm), and the drums came in at double time: a drummer plays the beat the player's
        chords are on."""
        half = bpm / 2
        if len(times) < self.MIN_ONSETS or bpm <= self.set_bpm * (1 + self.MOVE) or not half_is_nearer(bpm):
            return bpm  # (half notes at 120 with --bpm 100 set are no quarters at 60)
        x = (times - times[0]) * bpm / 60.0
        beat = np.round(x)
        if np.abs(x - beat).max() > self.OWN_BEAT:
            return bpm  # notes between its beats: the reading's own subdivisions
        odd = beat % 2 == 1
        even_w = weights[~odd].mean()
        return half if not odd.any() or weights[odd].mean() <= self.LIGHTER * even_w else bpm

    def _tempo_from(self, ons, times, weights, down: int) -> float:
        """The BPM read from the onsets from beat 1 (onset `down`) on; --bpm when that is near it."""
        # a soft note on 1 before louder ones (a bass note under a skank's chords on the 'and's): those set the time
        first = down + 1 if ons[down][2] + 10 <= ons[down + 1][2] and len(ons) - down > self.MIN_ONSETS else down
        bpm = self._tempo(times[first:], weights[first:], times[first])
        return self.set_bpm if abs(np.log(bpm / self.set_bpm)) <= np.log(1 + self.MOVE) else bpm

    def _tempo(self, times, weights, phase: float) -> float:
        """The BPM whose grid from `phase` (a beat) best fits the onsets, the louder ones most; --bpm when every
        onset of a riff sits on its 16ths: an off-beat funk riff at 100 (1, the 'a' of 1, the 'and' of 2...)
        sits as well on the beats and triplets of 133 and was read there, a drummer keeps the tempo agreed."""
        x = (times - phase) * self.set_bpm / 60.0
        off = np.abs(x * 4 - np.round(x * 4)) / 4
        # its "e"s and "a"s, both late alike (lazy 16ths, 56-64% swing): swung, still on --bpm's 16ths. Taken for
        # triplets, 62% swing at 95 was read at 71 or 118 and the drums came in bars and a 16th off the player's.
        where = np.round(x * 4) % 4
        late = x - np.round(x * 4) / 4
        swung = (where == 1) | (where == 3)
        if (where[swung] == 1).any() and (where[swung] == 3).any() and late[swung].min() >= self.LAZY[0] \
                and late[swung].max() <= self.LAZY[1] and np.ptp(late[swung]) <= 2 * self.AGREED:
            off[swung] = np.abs(late[swung] - np.median(late[swung]))
        # evenly apart (a strum split in two taken as one): its own tempo's beats (quarters at 80 are five 16ths of
        # 100 apart, half notes at 133 three 8ths)
        t = times[np.concatenate([[True], np.diff(x) > 0.125])]
        apart = (t[-1] - t[0]) / max(len(t) - 1, 1)
        even = np.abs(t - t[0] - apart * np.arange(len(t))).max() <= 0.15 * apart
        if self._even_sixteenths(t):
            return self.set_bpm
        if not even and off.max() <= 2 * self.AGREED and np.sqrt(np.mean(off ** 2)) <= self.AGREED:
            return self.set_bpm
        bpms = self.set_bpm * np.exp(np.linspace(np.log(self.RANGE[0]), np.log(self.RANGE[1]), 240))
        x = (times[None, :] - phase) * bpms[:, None] / 60.0  # each onset in beats from the phase
        fit = grid_fit(x, ((2.0, self.HALF_BAR), *self.GRID), self.SIGMA)
        score = (fit * weights).sum(1) / weights.sum() - self.PRIOR * np.log(bpms / self.set_bpm) ** 2
        return float(bpms[int(np.argmax(score))])

    def _even_sixteenths(self, t) -> bool:
        """Onsets `t` (seconds, none closer than a 32nd) evenly a 16th of --bpm apart (an arp): its 16ths. With --bpm
        128 an arp's 16ths were read as the triplets of 171, and its bar (at 128) waited for. A line fitted through
        them: a chord's onset (its earliest note's) sits early, and taken as the grid's start it moved them all."""
        if len(t) < self.MIN_ONSETS:
            return False
        i = np.arange(len(t))
        slope, start = np.polyfit(i, t, 1)
        off = np.abs(t - start - slope * i).max() * self.set_bpm / 60.0  # beats off the line at most
        return bool(abs(slope * self.set_bpm / 15.0 - 1) <= self.MOVE and off <= 2 * self.AGREED)

    def _no_landings(self, ons, period: float) -> frozenset[int]:
        """The onsets no pickup lands on: asked for reggae, its skank's chords (live_accents.skank_chords); and
        those the first onset's chord still rings over (_under_first_chord)."""
        return (skank_chords(ons, period) if self.reggae else frozenset()) | self._under_first_chord(ons)

    def _skank_first(self, ons, period: float) -> bool:
        """Asked for reggae, the first onset is a skank's chord (skank_chords), let go within half a beat (a skank's
        chop; an organ's chords on the beats ring on, and with no note-offs heard nothing says so), and every chord
        heard is a whole number of beats from it (no chord on the beats between: an organ's on 1 under the skank's):
        the player began on the 'and' of 1. Taken as beat 1, the one drop fell on the player's 'and' of 3 and the
        crash on their 'and' of 1."""
        if not self.reggae or 0 not in skank_chords(ons, period) \
                or len(self._first_chord(ons)) - self._ringing(ons, ons[0][0] + 0.5 * period) < SKANK_NOTES:
            return False
        x = np.array([(o[0] - ons[0][0]) / period for o in ons if o[3] >= SKANK_NOTES])
        return bool(np.all(np.abs(x - np.round(x)) < 0.25))

    def _under_first_chord(self, ons) -> frozenset[int]:
        """The onsets with fewer notes than the first struck while HELD_NOTES or more of the first onset's notes still
        ring: a chord held on is the bar's chord struck on its 1, not a pickup into them. A pad on 1 over a bass on
        the 'and's (EDM: louder, lower, an arp's loud 16th with it) had the bass taken for the landing, and every
        drum played an 8th off the player's beat for the whole session. Only once some note was let go: with none
        (note-ons only: a rig that sends no note-offs) nothing says what rings on, and a shuffle's chord on the 'and'
        of 4, let go before its 1, was no pickup (the drums came in on it, at 150 with --bpm 140)."""
        if len(self._first_chord(ons)) < self.HELD_NOTES or not any(off > ons[0][0] for off, _ in self.released):
            return frozenset()
        return frozenset(j for j, o in enumerate(ons[1:], 1)
                         if o[3] < ons[0][3] and self._ringing(ons, o[0] + self.CHORD_S) >= self.HELD_NOTES)

    def _first_chord(self, ons) -> list[tuple[float, int]]:
        """(seconds, pitch) of the first onset's notes."""
        t0 = ons[0][0] if ons else 0.0
        return [(t, p) for t, p, _ in self.notes if t0 <= t <= t0 + self.CHORD_S]

    def _ringing(self, ons, at: float) -> int:
        """How many of the first onset's notes were not let go by `at` (seconds)."""
        return sum(not any(t < off <= at and q == p for off, q in self.released) for t, p in self._first_chord(ons))

    def _downbeat(self, ons, period: float, now: float) -> int:
        """The onset that is beat 1: the first, unless a short group of notes leads into a note that stands out
        (louder, lower, a fuller chord) and has room after it (the next note later than the pickup's pace), not a
        reggae skank's chord nor under the first onset's chord still ringing (_no_landings)."""
        skank = self._no_landings(ons, period)
        for j in range(1, min(len(ons), 5)):
            gaps = np.diff([o[0] for o in ons[:j + 1]]) / period
            if gaps.max() > self.SHORT or (ons[j][0] - ons[0][0]) / period > self.PICKUP_BEATS:
                break
            pick, land = ons[:j], ons[j]
            # a run leads to 1 from near it: a lone bass note on 1 under a skank's louder chords on the 'and's (two
            # octaves up) was read as a pickup into the 'and'
            if j in skank or land[1] >= min(o[1] for o in pick) + OCTAVE:
                continue
            stands = (land[2] >= max(o[2] for o in pick) + 10) + (land[1] <= min(o[1] for o in pick) - 3) \
                + (land[3] > max(o[3] for o in pick))
            after = (ons[j + 1][0] if j + 1 < len(ons) else now) - land[0]
            room = after >= self.ROOM * gaps.mean() * period  # the pickup's pace (one late note of it is no slower)
            # one note before a louder one a 16th later is as often a ghost note on 1 as a pickup: it needs more
            if stands >= 2 or stands and room and (j > 1 or gaps.max() >= 0.3) \
                    and not self._an_accent(ons, j, period):  # a riff's loud 'and' of 1 is no landing
                return j
        return 0

    @staticmethod
    def _an_accent(ons, j: int, period: float, lone: bool = True) -> bool:
        """The landing `j` of a would-be pickup from the first note stands out by loudness alone and, the riff heard
        on from it (a note more than MIN_AFTER), its grid puts the accents on the beats no more than the first
        note's: a riff's louder 'and' of 1 after its 1 (the 'a' of 2, the 'and' of 3...) read as a pickup put every
        bar line half a beat late. A pickup into the riff's 1 (the 'and' of 4, softer) has its landing's grid
        clearly ahead by then. lone: only a one-note pickup (a run into a louder note, 8ths from the 'and' of 3, is
        one as before)."""
        first, land = ons[0], ons[j]
        if (lone and j > 1) or land[2] < first[2] + 10 or land[1] <= first[1] - 3 or land[3] > first[3] \
                or len(ons) - j <= MIN_AFTER:
            return False
        # over tempos near `period`, by the hard places and by soft ones (each alone, a note a 32nd off the grid
        # read on the edge of a place swung it by 2 for a 0.5% change of tempo)
        lead = np.mean([on_the_beats(ons, period * f, j) - on_the_beats(ons, period * f, 0)
                        + near_the_beats(ons, period * f, j) - near_the_beats(ons, period * f, 0)
                        for f in np.exp(np.linspace(-0.02, 0.02, 21))])
        return bool(lead < PICKUP_LEAD)


__all__ = ["Opening", "beats_from_first"]
