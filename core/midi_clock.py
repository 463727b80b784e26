"""Beats from incoming MIDI clock (a master's 24 pulses a beat, start, stop, continue, song position).

Split from live_clock.py, the internal clock that follows the player; livemidi.py uses both.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from .settings import MAX_BPM, MIN_BPM, check_bpm

CLOCKS_PER_BEAT = 24


class MidiClockFollower:
    """Beats from incoming MIDI clock: 24 pulses a beat, tempo estimated between pulses.

    After start or continue the master's next clock pulse is the position itself (MIDI 1.0: the
    slave starts "at the next clock"): counting that pulse as the first 24th of a beat played
    every drum one pulse early (21 ms at 120 BPM). Until it comes the position holds. A song position
    is likewise where the next pulse plays (while running too: a DAW looping back), and a continue
    with none since the stop plays the pulse after the last one played."""

    STALL_S = 0.5  # no pulse for this long while playing: the master is gone (20 BPM pulses every 0.125 s)
    # The tempo is the slope of the last beat's pulse times (a least-squares line): a pulse's own interval
    # carries the port's and the poll's jitter (a millisecond is 5% of a pulse at 120 BPM), and a
    # steady 90 BPM master read pulse by pulse gave a recording a tempo change every beat (89.8-90.5).
    TEMPO_PULSES = CLOCKS_PER_BEAT

    def __init__(self, initial_bpm: float = 120.0):
        self.bpm = check_bpm(initial_bpm)
        self.pulses = 0
        self.last_pulse: float | None = None
        self._pulse_times: deque[tuple[int, float]] = deque(maxlen=self.TEMPO_PULSES + 1)  # (pulse number, seconds)
        self._pulse_count = 0
        self.running = False
        self.waiting = False  # started, the first pulse (the position itself) not yet come
        self._placed = True  # `pulses` is where the next pulse plays (start, song position), not the last one played

    def handle(self, msg, now: float) -> str | None:
        """Returns 'start', 'stop', 'continue' or 'locate' when the transport changes."""
        if msg.type == "clock":
            # Masters keep the clock going while stopped: the tempo is known at start. After a stall
            # (slower than MIN_BPM) it is read afresh. Pulses taken together (in one poll, held up while
            # a loop was made) came earlier than they are seen: only the last of them is on time.
            if self.last_pulse is not None:
                dt = now - self.last_pulse
                if dt * CLOCKS_PER_BEAT > 60.0 / MIN_BPM:
                    self._pulse_times.clear()
                elif dt * CLOCKS_PER_BEAT * self.bpm < 15.0 and self._pulse_times:  # within a quarter pulse
                    self._pulse_times.pop()
            self._pulse_count += 1
            self._pulse_times.append((self._pulse_count, now))
            bpm = _pulse_tempo(self._pulse_times)
            if bpm is not None and MIN_BPM <= bpm <= MAX_BPM:
                self.bpm = bpm
            if self.running and not self.waiting:
                self.pulses += 1
            if self.running:
                self.waiting = self._placed = False
            self.last_pulse = now
        elif msg.type == "start":
            self.pulses, self.running, self.waiting, self._placed = 0, True, True, True
            return "start"
        elif msg.type == "stop":
            self.running = self.waiting = False
            return "stop"
        elif msg.type == "continue":
            if not self._placed:  # the master goes on from the pulse after the last one it sent
                self.pulses += 1
            self.running, self.waiting, self._placed = True, True, True
            return "continue"
        elif msg.type == "songpos":
            self.pulses = msg.pos * 6  # song position counts 16th notes
            self.waiting = self.running  # the next pulse plays it
            self._placed = True
            return "locate"
        return None

    def stalled(self, now: float) -> bool:
        """Playing, but the clock has stopped coming (a cable pulled, the master quit without a stop)."""
        return self.running and not self.waiting and self.last_pulse is not None and now - self.last_pulse > self.STALL_S

    def beat(self, now: float) -> float:
        base = self.pulses / CLOCKS_PER_BEAT
        if not self.running or self.waiting or self.last_pulse is None:
            return base
        # Between pulses: extrapolate, but never past the next pulse.
        ahead = min((now - self.last_pulse) * self.bpm / 60.0, 1.0 / CLOCKS_PER_BEAT)
        return base + max(ahead, 0.0)


def _pulse_tempo(pulses) -> float | None:
    """BPM from (pulse number, seconds) of MIDI clock pulses (24 a beat): the least-squares line through them,
    None for fewer than 2."""
    if len(pulses) < 2:
        return None
    k, t = np.asarray(pulses, np.float64).T
    x = k - k.mean()
    period = float(np.dot(x, t - t.mean()) / np.dot(x, x))
    return 60.0 / (period * CLOCKS_PER_BEAT) if period > 0 else None
