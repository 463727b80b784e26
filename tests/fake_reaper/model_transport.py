"""The simulated transport (play state, position, loop, rendering ahead) and the
recent MIDI input history (MIDI_GetRecentInputEvent)."""

from __future__ import annotations

import bisect
import time

from .model_objects import SAMPLE_RATE


# --------------------------------------------------------------------------
# Transport, live input
# --------------------------------------------------------------------------


class Transport:
    """Play state and positions. The clock is manual by default (tests call
    :meth:`advance`); ``realtime=True`` follows ``time.monotonic``."""

    def __init__(self, reaper, realtime=False):
        self.reaper = reaper
        self.realtime = realtime
        self._manual_now = 0.0
        self.state = 0  # &1 playing, &2 paused, &4 recording
        self._start_pos = 0.0
        self._start_clock = 0.0
        self._paused_pos = 0.0
        self.play_rate = 1.0
        self.block_ahead = 0.0  # GetPlayPosition2 - GetPlayPosition while playing
        self.repeat = 0
        self.loop_range = (0.0, 0.0)  # loop points in seconds (start == end: none)
        # REAPER renders tracks that are not monitored ahead of the play cursor (up to ~200 ms; the
        # exact amount depends on the audio settings). A note written where the cursor plus this has
        # already passed is not heard in this pass: see Reaper.late_notes.
        self.render_ahead = 0.0
        self._play_from = 0.0

    def now(self):
        return time.monotonic() if self.realtime else self._manual_now

    def advance(self, seconds):
        """Manual clock: let ``seconds`` of wall time pass (moves the play position)."""
        if self.realtime:
            raise RuntimeError("transport runs on real time")
        self._manual_now += float(seconds)
        self.reaper.input.release_due()

    def _looping(self):
        """(start, end) of the loop playback repeats, or None. REAPER loops when repeat is on and the play
        started before the loop end (started after it, it plays on)."""
        lo, hi = self.loop_range
        if self.repeat and hi - lo > 1e-9 and self._start_pos < hi - 1e-9:
            return lo, hi
        return None

    def _raw(self):
        return self._start_pos + (self.now() - self._start_clock) * self.play_rate

    def position(self):
        if self.state & 1 and not self.state & 2:
            raw, loop = self._raw(), self._looping()
            if loop and raw >= loop[1]:  # at the loop end the play cursor jumps back to the loop start
                return loop[0] + (raw - loop[1]) % (loop[1] - loop[0])
            return raw
        if self.state & 2:
            return self._paused_pos
        return self.reaper.project.cursor

    def play(self, record=False):
        if self.state & 2:
            self._start_pos = self._paused_pos
        elif not self.state & 1:
            self._start_pos = self.reaper.project.cursor
        self._start_clock = self.now()
        self._play_from = self._start_pos
        self.state = 1 | (4 if record or self.state & 4 else 0)

    def rendered_until(self, monitored=False):
        """While playing: the project time up to which REAPER has rendered a track (None when stopped)."""
        if not self.state & 1 or self.state & 2:
            return None
        return self.position() + (0.0 if monitored else self.render_ahead)

    def set_loop(self, repeat=None, loop_range=None):
        """Repeat on/off and the loop points (seconds); while playing the cursor goes on from where it is."""
        if self.state & 1 and not self.state & 2:
            self._start_pos, self._start_clock = self.position(), self.now()
        if repeat is not None:
            self.repeat = int(repeat)
        if loop_range is not None:
            self.loop_range = (float(loop_range[0]), float(loop_range[1]))

    def already_rendered(self, t, monitored=False):
        """Whether project time `t` has been rendered in this pass (a note written there now is not heard).

        In loop playback REAPER renders across the loop end into the loop start before the cursor jumps;
        a note written in the loop behind the cursor is heard in the next pass, so only the part being
        rendered now (cursor to render point, wrapped) counts, and before the loop what was played."""
        until = self.rendered_until(monitored)
        if until is None:
            return False
        loop = self._looping()
        if not loop:
            return self._play_from - 1e-9 <= t < until - 1e-9
        lo, hi = loop
        if t < lo:  # played before the loop, never again in this take
            return self._play_from - 1e-9 <= t < (until if self._raw() < lo else lo) - 1e-9
        if t >= hi:
            return False  # past the loop end: not played while looping
        pos = self.position()
        return pos - 1e-9 <= t < min(until, hi) - 1e-9 or (until > hi and t < lo + (until - hi) - 1e-9)

    def pause(self):
        # DOC UNCLEAR: whether &1 stays set while paused; the simulation
        # reports 2 (paused), plus 4 while recording.
        if self.state & 2:
            self.play()
        elif self.state & 1:
            self._paused_pos = self.position()
            self.state = 2 | (self.state & 4)
        else:
            self._paused_pos = self.reaper.project.cursor
            self.state = 2

    def stop(self):
        self.state = 0

    def seek(self, pos):
        self._start_pos = pos
        self._start_clock = self.now()
        self._paused_pos = pos
        self._play_from = pos


class RecentInput:
    """Global history of live MIDI input as ``MIDI_GetRecentInputEvent`` shows it.

    Tests :meth:`feed` events directly or :meth:`schedule` them at project
    positions: scheduled events become visible once the transport plays past
    their position (call ``reaper.transport.advance``).
    """

    def __init__(self, reaper, capacity=1024):
        self.reaper = reaper
        self.capacity = capacity
        self.history = []  # dicts, oldest first
        self.pending = []  # (proj_pos, seq_hint, event dict), sorted by position
        self.latched = []
        self._seq = 0
        self._hint = 0

    def feed(self, msg, proj_pos=-1.0, dev=0, loop_cnt=0, ts=None):
        """Add one received message now. ``proj_pos`` in seconds, -1 when not playing."""
        self._seq += 1
        ev = {"seq": self._seq, "msg": bytes(msg), "dev": int(dev), "proj_pos": float(proj_pos),
              "loop": int(loop_cnt), "clock": self.reaper.transport.now(), "ts": ts}
        self.history.append(ev)
        if len(self.history) > self.capacity:
            del self.history[: len(self.history) - self.capacity]
        return ev["seq"]

    def schedule(self, events):
        """``events``: iterable of (proj_pos_seconds, msg_bytes[, dev[, loop_cnt]])."""
        for e in events:
            pos, msg = float(e[0]), bytes(e[1])
            dev = int(e[2]) if len(e) > 2 else 0
            loop = int(e[3]) if len(e) > 3 else 0
            self._hint += 1
            bisect.insort(self.pending, (pos, self._hint, {"msg": msg, "dev": dev, "loop": loop}))
        self.release_due()

    def release_due(self):
        tr = self.reaper.transport
        if not self.pending or not (tr.state & 1) or tr.state & 2:
            return
        now_pos = tr.position()
        while self.pending and self.pending[0][0] <= now_pos + 1e-12:
            pos, _h, e = self.pending.pop(0)
            # the event arrived when the play position was at ``pos``
            clock = tr.now() - (now_pos - pos) / (tr.play_rate or 1.0)
            self._seq += 1
            self.history.append({"seq": self._seq, "msg": e["msg"], "dev": e["dev"],
                                 "proj_pos": pos, "loop": e["loop"], "clock": clock, "ts": None})
        if len(self.history) > self.capacity:
            del self.history[: len(self.history) - self.capacity]

    def get(self, idx):
        """Event for index ``idx`` (0 = most recent, latches the list), or None."""
        if idx == 0:
            self.release_due()
            self.latched = list(reversed(self.history))
        if 0 <= idx < len(self.latched):
            ev = self.latched[idx]
            ts = ev["ts"]
            if ts is None:
                ts = -int(round((self.reaper.transport.now() - ev["clock"]) * SAMPLE_RATE))
            return ev, ts
        return None
