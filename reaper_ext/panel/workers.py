"""The panel's background threads: the UI thread only draws and never waits on the model, a file or the network.

PreviewWorker  regenerates the previewed loop; requests coalesce (only the latest one matters)
JobThread      runs one job at a time from a queue (exports, file writing)
ReaperLink     a JobThread that owns the bridge to REAPER: actions, a periodic status check with short
               timeouts, and live follow (LiveFollower polled every 30 ms while it is on)
PortsLive      live play on MIDI ports (LivePlayer stepped every millisecond)

Each reports through Hooks (events.py) that run on the UI thread: the
thread posts `hook.emit` there with the `post` function it is given
(UiCalls.call), so a result never touches a widget from the wrong thread.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QThread

from reagroove.core.errors import ReaGrooveError
from reagroove.core.live import LiveSession
from reagroove.core.live_cues import STOP_AFTER
from reagroove.core.midi import tempo_at
from reagroove.core.settings import Settings
from reagroove.core.wording import counted

from ..bridge import ReaperError
from ..selection_bars import bars_said
from .transport import LinkStatus, LiveFigures, bar_and_beat, status_from_info
from .events import Hook
from .note_words import in_reaper_words


def _describe(exc: BaseException) -> str:
    """One line for the status bar; unexpected errors also print their traceback."""
    if isinstance(exc, ReaGrooveError):
        return str(exc)
    traceback.print_exception(exc, file=sys.stderr)
    return f"{type(exc).__name__}: {exc}"


# ---------------------------------------------------------------- preview


class PreviewWorker(QThread):
    """Generates the previewed loop off the UI thread. Only the latest request is served:
    requests arriving while the model runs replace one another, so a dragged slider never queues up work."""

    def __init__(self, generate: Callable[[Settings, np.ndarray], np.ndarray], post: Callable, parent=None):
        super().__init__(parent)
        self.generate = generate
        self.post = post
        self.ready = Hook()  # (request id, groove (32, 3), loop (32, 27), seconds)
        self.failed = Hook()  # (request id, message)
        self._cond = threading.Condition()
        self._latest: tuple | None = None
        self._stopping = False
        self.served = 0  # requests actually generated (the rest were coalesced away)

    def request(self, request_id: int, settings: Settings, groove: np.ndarray, **inputs) -> None:
        """Ask for the loop of a groove; inputs: what the model reads beside it (InputGroove.model_inputs)."""
        with self._cond:
            self._latest = (request_id, settings, groove, inputs)
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self.wait()

    def run(self) -> None:
        while True:
            with self._cond:
                while self._latest is None and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                (request_id, settings, groove, inputs), self._latest = self._latest, None
            t0 = time.perf_counter()
            try:
                loop = self.generate(settings, groove, **inputs)
            except Exception as exc:  # noqa: BLE001 - the panel stays up and says what went wrong
                self.post(self.failed.emit, request_id, _describe(exc))
                continue
            self.served += 1
            self.post(self.ready.emit, request_id, groove, loop, time.perf_counter() - t0)


# ---------------------------------------------------------------- jobs


class JobThread(QThread):
    """Runs submitted jobs one at a time, in order; reports `job_done(name, result)` or `job_failed(name, message)`."""

    _IDLE = object()

    def __init__(self, post: Callable, parent=None):
        super().__init__(parent)
        self.post = post
        self.job_done = Hook()  # (name, result)
        self.job_failed = Hook()  # (name, message)
        self._jobs: queue.Queue = queue.Queue()

    def submit(self, name: str, fn: Callable, *args) -> None:
        self._jobs.put((name, fn, args))

    def stop(self) -> None:
        """After the jobs already submitted (an export is written whole): a QThread destroyed while it
        runs aborts the process, so quitting waits for them (each is bounded: bridge calls time out)."""
        self._jobs.put(None)
        self.wait()

    def next_timeout(self) -> float | None:
        """Seconds until `idle()` is due (None: never)."""
        return None

    def idle(self) -> None:
        """Periodic work between jobs."""

    def finish(self) -> None:
        """Called on the thread as it stops."""

    def run(self) -> None:
        while True:
            timeout = self.next_timeout()
            try:
                item = self._jobs.get(timeout=timeout) if timeout is None or timeout > 0 else self._jobs.get_nowait()
            except queue.Empty:
                item = self._IDLE
            if item is None:
                self.finish()
                return
            if item is self._IDLE:
                self.idle()
                continue
            name, fn, args = item
            try:
                result = fn(*args)
            except Exception as exc:  # noqa: BLE001
                self.on_job_error(exc)
                self.post(self.job_failed.emit, name, self.describe(exc))
            else:
                self.post(self.job_done.emit, name, result)

    def on_job_error(self, exc: BaseException) -> None:
        pass

    def describe(self, exc: BaseException) -> str:
        """A failed job's line for the status bar."""
        return _describe(exc)


# ---------------------------------------------------------------- REAPER


class WatchedBridge:
    """A bridge that keeps REAPER's latest transport reply (from project_info or poll_live_input)."""

    def __init__(self, bridge):
        self.bridge = bridge
        self.last_info: dict | None = None
        self.failed: BaseException | None = None  # what the last failed call raised (reset by the caller)

    def call(self, name: str, *args):
        try:
            result = self.bridge.call(name, *args)
        except BaseException as exc:
            self.failed = exc
            raise
        if name in ("project_info", "poll_live_input") and isinstance(result, dict):
            self.last_info = result
        return result

    def close(self) -> None:
        close = getattr(self.bridge, "close", None)
        if close is not None:
            close()


class ReaperLink(JobThread):
    """Owns the bridge to REAPER: every call into REAPER runs here, one at a time.

    Between jobs it checks REAPER every `check_every` seconds (project_info,
    bounded by the bridge's timeouts) and reports a LinkStatus; a failure only
    marks REAPER as not connected, and the next check reconnects. While live
    follow is on, a LiveFollower is polled every `poll_every` seconds instead.
    Jobs are called with the bridge as their first argument.
    """

    def __init__(self, bridge, post: Callable, *, check_every: float = 1.5, poll_every: float = 0.03, parent=None):
        super().__init__(post, parent)
        self.status = Hook()  # (LinkStatus)
        self.live_loop = Hook()  # (core.live.ScheduledLoop)
        self.bridge = WatchedBridge(bridge)
        self.check_every = check_every
        self.poll_every = poll_every
        self.connected = False  # written on this thread only; the UI learns it from `status`
        self.follower = None
        self.figures: LiveFigures | None = None
        self._next_check = 0.0
        self._last_emit = 0.0

    def submit(self, name: str, fn: Callable, *args) -> None:
        super().submit(name, lambda: fn(self.bridge, *args))

    # ------------------------------------------------------------ live follow (called from the UI thread)

    def start_live(self, engine, settings: Settings) -> None:
        def begin():
            from ..live_follow import LiveFollower

            follower = LiveFollower(self.bridge, engine, settings)
            # the flag first: REAPER turning it off once the follower is seen is not overwritten by this "on"
            self._set_live_flag(True)
            self.follower, self.figures = follower, LiveFigures()
            self._next_check = 0.0
            return "live follow on: play or record in REAPER with a record-armed MIDI track"

        JobThread.submit(self, "live on", begin)

    def stop_live(self) -> None:
        def end():
            written = self._drop_follower()
            self._next_check = 0.0
            self._set_live_flag(False)
            return f"live follow off ({counted(written, 'loop')} written)"

        JobThread.submit(self, "live off", end)

    def _drop_follower(self) -> int:
        """End live follow on this side; returns the loops it wrote."""
        written = self.figures.generated if self.figures else 0
        self.follower, self.figures = None, None
        return written

    def _set_live_flag(self, on: bool) -> None:
        """REAPER's ext-state `live` flag, which the docked panel shows (and the dock's follower obeys)."""
        try:
            self.bridge.call("set_live_flag", on)
        except ReaperError:
            pass  # REAPER gone (the link reports it) or an older ReaGroove inside it: only the dock's badge is off

    def cue_section(self) -> None:
        """The next section cued (the editor's F): live follow's drums fill into it; said as job "fill"."""

        def cue():
            line = None if self.follower is None else self.follower.cue_section()
            if line is None:
                return "fill into the next section: press it while REAPER plays with live follow on"
            # the bar as REAPER's ruler numbers it (its start measure), as Drumify says bars (not counted from 1)
            ruler = dict(self.follower.ruler)
            ruler["time_signatures"] = ruler.get("time_signatures") or [(0.0, 4, 4)]
            return f"next section on {bars_said(ruler, [(line, line + 1.0)])}: the drums fill into it"

        JobThread.submit(self, "fill", cue)

    def update_live_settings(self, settings: Settings) -> None:
        """New settings for live follow: they take effect at the next bar."""

        def apply():
            if self.follower is not None:
                self.follower.settings = settings
                self.follower.session.update_settings(settings)

        JobThread.submit(self, "live settings", apply)

    # ------------------------------------------------------------ the thread's own work

    def next_timeout(self) -> float:
        return max(0.0, self._next_check - time.monotonic())

    def idle(self) -> None:
        self._next_check = time.monotonic() + self._check()

    def _check(self) -> float:
        """Poll live follow or check the connection; returns the seconds until the next check."""
        try:
            if self.follower is not None and self.connected:
                self.bridge.failed = None
                try:
                    made = self.follower.poll()
                except Exception as exc:  # noqa: BLE001 - REAPER's (below), else the engine's: not a lost link
                    if self.bridge.failed is not None:
                        raise
                    return self._follower_failed(exc)
                info = self.bridge.last_info or {}
                if self.follower.last_info_live == "off":  # turned off in REAPER (docked panel or toggle action)
                    written = self._drop_follower()
                    status = status_from_info(info)
                    status.live_stopped_in_reaper = True
                    status.message = f"live follow turned off in REAPER ({counted(written, 'loop')} written)"
                    self.post(self.status.emit, status)
                    return self.check_every
                bpm = tempo_at(info.get("tempos") or [], float(info.get("position_qn", 0.0)))
                for sched in made:
                    self.figures.add(sched, bpm)
                    self.post(self.live_loop.emit, sched)
                now = time.monotonic()
                if made or now - self._last_emit > 0.1:
                    self._last_emit = now
                    self.post(self.status.emit, status_from_info(info, self.figures))
                return self.poll_every
            info = self.bridge.call("project_info")
            self.connected = True
            self.post(self.status.emit, status_from_info(info, self.figures))
            return self.poll_every if self.follower is not None else self.check_every
        except Exception as exc:  # noqa: BLE001 - REAPER gone, stalled, or a malformed reply
            self._lost(exc)
            return self.check_every

    def _follower_failed(self, exc: BaseException) -> float:
        """Live follow failed on this side (the engine: out of memory, a bug): it stops and says why. It was said to
        be REAPER's reply, REAPER marked not connected, then followed again and failed again at each check."""
        written = self._drop_follower()
        self._set_live_flag(False)
        status = status_from_info(self.bridge.last_info or {})
        status.live_stopped_in_reaper = True  # the UI turns its Live follow off, as when REAPER turned it off
        status.message = f"live follow stopped: the engine failed ({_describe(exc)}); {counted(written, 'loop')} written"
        self.post(self.status.emit, status)
        return self.check_every

    def _lost(self, exc: BaseException) -> None:
        self.connected = False
        self.bridge.close()
        if isinstance(exc, ReaGrooveError):
            message = str(exc)
        else:
            message = f"unexpected reply from REAPER ({type(exc).__name__}: {exc})"
        status = LinkStatus(False, message, live=self.follower is not None)
        if self.figures is not None:  # the session's figures stand: "0 made" and "–" while REAPER was away were untrue
            status.generated, status.late = self.figures.generated, self.figures.late
            status.last_ms, status.p99_ms = self.figures.last_ms(), self.figures.p99_ms()
        self.post(self.status.emit, status)

    def describe(self, exc: BaseException) -> str:
        """In REAPER's words, as its console says it (note_words.in_reaper_words): items spanning over 10,000 bars
        read into the editor had been told "drum a range of bars (the CLI's --bars FIRST-LAST)"."""
        return in_reaper_words(_describe(exc))

    def on_job_error(self, exc: BaseException) -> None:
        if isinstance(exc, ReaperError) and self.connected:
            self._next_check = 0.0  # check at once: REAPER may be gone

    def finish(self) -> None:
        if self.follower is not None and self.connected:
            self._set_live_flag(False)  # the panel closes with live follow on
        self.bridge.close()


# ---------------------------------------------------------------- MIDI ports


class PortsLive(QThread):
    """Plays along on MIDI ports: a LiveSession driven by a LivePlayer, stepped every millisecond."""

    def __init__(self, engine, settings: Settings, in_name: str, out_name: str, post: Callable, *,
                 bpm: float = 120.0, clock_in: bool = False, open_port: Callable | None = None, parent=None):
        super().__init__(parent)
        self.post = post
        self.status = Hook()  # (LinkStatus; connected = the ports are open)
        self.live_loop = Hook()  # (ScheduledLoop)
        self.failed = Hook()  # (message)
        self.engine, self.settings = engine, settings
        self.in_name, self.out_name = in_name, out_name
        self.bpm, self.clock_in = bpm, clock_in
        self.open_port = open_port
        self.session: LiveSession | None = None
        self.player = None  # (core.livemidi.LivePlayer) once the ports are open: its cue_section, from the UI thread
        self.opened = False  # both ports opened: a failure after this stopped a session, before it none began
        self._stopping = False

    def update_settings(self, settings: Settings) -> None:
        """New settings take effect at the next bar."""
        self.settings = settings
        if self.session is not None:
            self.session.update_settings(settings)

    def stop(self) -> None:
        self._stopping = True
        self.wait(5000)

    def run(self) -> None:
        from reagroove.core.livemidi import close_live_player, open_live_player

        # as `reagroove live`: the drums end when the player has stopped (REAPER's live follow has its transport)
        self.session = LiveSession(self.engine, self.settings, stop_after=STOP_AFTER)
        try:
            player = open_live_player(self.session, self.in_name, self.out_name, self.bpm, clock_in=self.clock_in,
                                      opener=self.open_port)
        except Exception as exc:  # noqa: BLE001 - PortError, or no MIDI system at all
            self.post(self.failed.emit, _describe(exc))
            return
        self.opened = True
        self.player = player
        clock = player.clock
        shown, last_emit = None, 0.0
        try:
            player.start()
            while not self._stopping:
                player.step()
                current = self.session.current
                if current is not None and current is not shown:
                    shown = current
                    self.post(self.live_loop.emit, current)
                now = time.monotonic()
                if now - last_emit > 0.1:
                    last_emit = now
                    self.post(self.status.emit, self._status(clock, player))
                time.sleep(0.001)
        except Exception as exc:  # noqa: BLE001
            self.post(self.failed.emit, _describe(exc))
        finally:
            close_live_player(player)

    def _status(self, clock, player) -> LinkStatus:
        beat = self.session.now
        bar, in_bar = bar_and_beat(beat, [(0.0, 4, 4)])
        seconds = self.session.stats.seconds[-512:]
        # Said while nothing plays: the clock ran on from the start, "bar 3 · playing" with the drums silent till
        # the player's first note (beat 1), or with no MIDI clock coming at all.
        waiting = ""
        if self.clock_in and not clock.running:
            waiting = f"waiting for MIDI clock (start) on {self.in_name}"
        elif getattr(clock, "player_led", False) and player.stats.input_notes == 0:
            waiting = f"waiting for your first note on {self.in_name} (it is beat 1)"
        elif self.session.ended:
            waiting = f"you stopped: the drums come back in when you play on {self.in_name}"
        return LinkStatus(
            True, f"{self.in_name} → {self.out_name}", tempo=clock.bpm, bar=bar, beat=in_bar,
            playing=bool(clock.running) and not waiting, live=True, generated=self.session.stats.generated,
            late=player.stats.late, last_ms=seconds[-1] * 1000 if seconds else None,
            p99_ms=float(np.percentile(seconds, 99)) * 1000 if seconds else None, waiting=waiting,
        )
