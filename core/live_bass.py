"""The low register live: the bass line a session hears, as drumify reads it from a file (low_register.bass_notes:
the parts, MIDI channels here, whose median pitch is low, else the notes below C3), for the network's bass input.

Which notes are the bass is known only from the notes heard so far (a part's median moves as it plays), so each
note is kept with its step and the fades since; the bass buffer is laid again from the notes read as bass
whenever a loop is made, by the rules of the session's own buffer (live.py `_lay`, `fade`), and its groove read
as the session reads its buffer (`buffer_groove`)."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .loop import STEPS, STEPS_PER_BEAT
from .low_register import bass_notes
from .midi import Notes

HIT_STRENGTH = 0.25  # a buffered step (the session's, the bass's) counts as a hit while its strength is at least this
FORGOTTEN = 1e-3  # a step fades out of a buffer below this strength (live.py `fade`)
NOTES_KEPT = 512  # notes kept for the bass reading: over 13 bars of 16th bass and 8th keys (older ones have faded out)


def takes_step(strength: float, velocity: float, held: float) -> bool:
    """Whether a note of `velocity` laid on a buffer step of `strength` (1: laid since the last fade) holding
    `held` sets the step's velocity and timing: a faded step takes any note, one laid since the louder note. The
    session's buffer (live.py `_lay`) and the bass buffer (`LowRegister.buffer`) lay by this one rule."""
    return strength < 1.0 or velocity > held


def step_beat(beat: float, origin: float) -> float:
    """The beat a note played at `beat` counts from for the fades: its 16th step's where it is a hair early (a note
    just before a bar line is the next bar's, as drumify reads it, and the line's fade comes before it: funk_bass's
    bar 5 downbeat, played early, had faded out with bar 4, gone from the groove live read of bars 5-6)."""
    return max(float(beat), origin + float(np.floor((beat - origin) * STEPS_PER_BEAT + 0.5)) / STEPS_PER_BEAT)


class LowRegister:
    """The notes of a live session, kept for its bass buffer: the last NOTES_KEPT, a row each (numpy columns, so a loop
    reads them in one go)."""

    def __init__(self):
        size = 2 * NOTES_KEPT  # rows filled up to `count`; the oldest half dropped when full
        self.step, self.pitch, self.channel = (np.zeros(size, np.int64) for _ in range(3))
        self.offset, self.velocity = np.zeros(size), np.zeros(size)  # as laid (compared as live.py `_lay` does)
        self.beat, self.when = np.zeros(size), np.zeros(size)  # when: the log of every fade the buffer had had then
        self.end = np.full(size, np.nan)  # the beat each note was let go (NaN: held still, or its end not told)
        self.ends_told = False  # a note's end was told (release): a MIDI port's note-offs, REAPER's follow's
        self.chosen = np.zeros(0, np.int64)  # the rows the last `buffer` read as bass (for `ringing`)
        self.laid = np.full(STEPS, -np.inf)  # its buffer's beat each step was last struck at
        self.count = 0
        self.faded = 0.0  # the log of the share of strength every fade so far kept
        self.coming: tuple[int, int] | None = None  # (pitch, channel) of the next note laid, told before it (live.py)

    def clear(self) -> None:
        self.count, self.chosen = 0, self.chosen[:0]

    def fade(self, kept: float) -> None:
        self.faded += float(np.log(max(kept, 1e-30)))  # (memory 0 forgets all: finite, so steps still compare)

    def lay(self, step: int, offset: float, velocity: float, beat: float, pitch: int | None, channel: int | None,
            drum: bool) -> None:
        """A note laid on the buffer's `step` (live.py `_lay`); pitch None: not known (never bass)."""
        if pitch is None and self.coming is not None:
            pitch, channel = self.coming
        self.coming = None
        channel = DRUM_CHANNEL if drum and channel is None else (0 if channel is None else int(channel))
        if self.count == len(self.step):
            for column in (self.step, self.pitch, self.channel, self.offset, self.velocity, self.beat, self.when,
                           self.end):
                column[:NOTES_KEPT] = column[-NOTES_KEPT:]
            self.count, self.chosen = NOTES_KEPT, self.chosen[:0]  # (its rows moved)
        k = self.count
        self.step[k], self.offset[k], self.velocity[k], self.beat[k] = step, offset, velocity, beat
        self.pitch[k], self.channel[k], self.when[k] = -1 if pitch is None else int(pitch), channel, self.faded
        self.end[k] = np.nan
        self.count += 1

    def release(self, beat: float, pitch: int, channel: int) -> None:
        """The note of `pitch` on `channel` struck last and still held is let go at `beat` (a note-off)."""
        self.ends_told = True
        lo = max(0, self.count - NOTES_KEPT)
        rows = slice(lo, self.count)
        # struck before the note-off: a legato 808's next note starts as the last one is let go (REAPER's follow
        # tells a poll's note-ons before its note-offs), and had taken that note-off as its own
        held = lo + np.flatnonzero((self.pitch[rows] == int(pitch)) & (self.channel[rows] == int(channel))
                                   & np.isnan(self.end[rows]) & (self.beat[rows] < float(beat) - 1e-9))
        if len(held):
            self.end[held[-1]] = max(float(beat), self.beat[held[-1]])

    def ringing(self, now: float, steps: int = STEPS) -> np.ndarray | None:
        """(32,) bool: the steps of the last `buffer` (its window: `steps` 16ths) its bass notes rang over, struck
        before, the last time the clock passed them (up to `now`): a trap 808's sustain (trap_kicks.py), as
        groove.Windows.bass_sounding tells drumify's. A note still held rings nowhere yet (its tail is in the bars
        ahead); None where no note's end was told (note-ons only: the lengths are not known)."""
        if not self.ends_told:
            return None
        rows = self.chosen[~np.isnan(self.end[self.chosen])] if len(self.chosen) else self.chosen
        # the steps from its onset's to its note-off's (groove.sounding_levels), the onset's own step not ringing
        length = np.clip(np.ceil(self.offset[rows] + (self.end[rows] - self.beat[rows]) * STEPS_PER_BEAT - 0.5),
                         1, steps).astype(np.int64) - 1
        row = np.repeat(np.arange(len(rows)), length)
        after = np.arange(int(length.sum())) - np.repeat(np.cumsum(length) - length, length) + 1
        at = self.beat[rows][row] + after / STEPS_PER_BEAT  # the beat the note rang over the step
        step = (self.step[rows][row] + after) % steps
        recent = at > now - steps / STEPS_PER_BEAT  # the last pass over the step, not one before it
        rang = np.full(len(self.laid), -np.inf)
        np.maximum.at(rang, step[recent], at[recent])
        # a bass note struck there on that pass (within half a step: its timing) or since is an attack, not a tail
        return rang > self.laid + 0.5 / STEPS_PER_BEAT

    def unlay(self) -> None:
        """The note just laid is taken back (a grace note: live.py `unfeed`)."""
        self.count = max(0, self.count - 1)

    def buffer(self, steps: int = STEPS) -> tuple[np.ndarray, ...] | None:
        """(strength, velocity, offset, laid beat) of the bass notes heard, as the session's buffer holds its notes;
        None where no note heard is bass (no bass known)."""
        lo = max(0, self.count - NOTES_KEPT)
        rows = lo + np.flatnonzero((self.pitch[lo:self.count] >= 0) & (self.channel[lo:self.count] != DRUM_CHANNEL))
        if len(rows) == 0:
            self.chosen = rows
            return None
        # bass_notes reads pitch, channel and track; each note's row rides in `end`, unread there
        n = len(rows)
        notes = Notes(self.beat[rows], rows.astype(np.float64), self.pitch[rows].astype(np.int16),
                      np.ones(n, np.int16), self.channel[rows].astype(np.int16), np.zeros(n, np.int16))
        chosen = np.sort(bass_notes(notes).end.astype(np.int64))
        if len(chosen) == 0:
            self.chosen = chosen
            return None
        # a note faded below FORGOTTEN is no hit, and sways no later one (a fade lies between them)
        chosen = chosen[self.when[chosen] >= self.faded + np.log(FORGOTTEN) - 1e-9]
        strength, velocity, offset = (np.zeros(steps, np.float32) for _ in range(3))
        laid, when = np.full(steps, -np.inf), np.full(steps, np.nan)
        for k in chosen.tolist():  # in the order played, as live.py `_lay` lays them
            s, at = int(self.step[k]), self.when[k]
            before = 0.0 if np.isnan(when[s]) else np.exp(at - when[s])  # the step's strength as it is laid
            if takes_step(before, self.velocity[k], velocity[s]):
                velocity[s], offset[s] = self.velocity[k], self.offset[k]
            when[s], laid[s] = at, self.beat[k]
        heard = ~np.isnan(when)
        self.chosen, self.laid = chosen, laid
        strength[heard] = np.exp(self.faded - when[heard])
        strength[strength < FORGOTTEN] = 0.0
        return strength, velocity, offset, laid


def buffer_groove(session, strength: np.ndarray, velocity: np.ndarray, offset: np.ndarray, laid: np.ndarray,
                  at: float | None = None) -> np.ndarray:
    """A session's buffer (its notes', or its bass notes') as a (32, 3) groove. at: the boundary a loop plays from.
    The steps from the one being played (the session's `now`) to the bar line were last played two bar lines ago,
    not two bars: they count as before the last line's fade (a loop made every beat had the beats it plays empty,
    and the drums under a steady line changed every bar; one made a beat ahead, as REAPER's, the bar's last beat)."""
    hit = strength >= HIT_STRENGTH
    if at is not None and session._last_fade < 1.0:
        pos, bar = (at - session.origin) * STEPS_PER_BEAT, session.beats_per_bar * STEPS_PER_BEAT
        steps = session._window_steps()
        now = (min(session.now, at) - session.origin) * STEPS_PER_BEAT
        first = int(np.floor(now - 0.5)) + 1
        ahead = np.arange(first, int(round(np.ceil(pos / bar - 1e-9) * bar)))
        ahead = ahead[ahead < first + steps] % steps
        # in the last window, not before (on the step's grid: a note a hair early is on its step)
        ahead = ahead[np.floor((laid[ahead] - session.origin) * STEPS_PER_BEAT + 0.5) >= first - steps]
        hit[ahead] = strength[ahead] >= HIT_STRENGTH * session._last_fade
    return np.stack([hit, velocity * hit, offset * hit], axis=1).astype(np.float32)


__all__ = ["FORGOTTEN", "HIT_STRENGTH", "LowRegister", "NOTES_KEPT", "buffer_groove", "step_beat", "takes_step"]
