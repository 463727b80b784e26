"""Every error of ReaGroove's REAPER side, in one place (as reapy keeps its own in reapy.errors).

The engine process reads `ReaperError` (and `ReaperStalled`) from the bridge; `ReaperSideError` is raised
inside REAPER for a request it cannot carry out and travels back by its name (bridge.DistantBridge.call);
`RefusedRequest` is the server's refusal of a request outside ReaGroove's functions; `DockError` is a line the
docked panel shows the producer.
"""

from __future__ import annotations

from reagroove.core.errors import ReaGrooveError


class ReaperError(ReaGrooveError):
    """REAPER is not there, stalled, or refused a request."""


class ReaperStalled(ReaperError):
    """REAPER did not answer in time (a modal dialog, a render): it may answer again later."""


class ReaperSideError(ValueError):
    """A request REAPER cannot carry out (a stale pointer...): one line, sent back to the engine."""


class RefusedRequest(Exception):
    """A request to the server for something other than ReaGroove's own functions (reaper_side.EXPORTED)."""


class DockError(ReaGrooveError):
    """Something the producer should read (one line); `holds`: while it stays true (None: until the next command),
    else the line goes (a refusal for "still stopping" read as if it still was, seconds after it had stopped)."""

    def __init__(self, text: str, holds=None):
        super().__init__(text)
        self.holds = holds


__all__ = ["DockError", "ReaperError", "ReaperSideError", "ReaperStalled", "RefusedRequest"]
