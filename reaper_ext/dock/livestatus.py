"""The docked panel's live status, read from REAPER each frame: transport, live input heard, drum loops written.

Runs on REAPER's UI thread (host.py's frame): the costly looks (a ctypes scan of REAPER's input history,
counting the drum track's items) are made a few times a second, not every frame.
"""

from __future__ import annotations

from reagroove.core.constants import EXT_SECTION

from ..reaper_names import DRUMS_TRACK_NAME
from ..reaper_read import find_track, is_drum_track, measure_offset
from .view import LiveStatus

LIVE_KEY = "live"  # ext-state key shared with the "Live follow on/off" action and the follower process
INPUT_POLL_S = 0.1  # how often live input is looked at (a ctypes scan of REAPER's input history)
ITEMS_POLL_S = 1.0  # how often the drum track's items are counted while live follow is on


def drum_track_name(rpr) -> str:
    track = find_track(rpr, DRUMS_TRACK_NAME)  # by its role, whatever the producer renamed it to
    return rpr.RPR_GetTrackName(track, "", 256)[2] if track else DRUMS_TRACK_NAME


def drum_items(rpr) -> int:
    for i in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, i)
        if is_drum_track(rpr, track) or rpr.RPR_GetSetMediaTrackInfo_String(track, "P_NAME", "", False)[3] == DRUMS_TRACK_NAME:
            return int(rpr.RPR_CountTrackMediaItems(track))
    return 0


class StatusReader:
    """Fills a LiveStatus from REAPER: `read(status, now)` once a frame."""

    def __init__(self, rpr):
        self.rpr = rpr
        self._input_seq: int | None = None
        self._input_at: float | None = None
        self._next_input_poll = 0.0
        self._next_items_poll = 0.0
        self._items_at_live_start: dict = {}  # project -> its drum items when live follow was turned on

    def read(self, s: LiveStatus, now: float) -> None:
        r = self.rpr
        live = r.RPR_GetExtState(EXT_SECTION, LIVE_KEY) == "on"
        if live and not s.live:
            self._input_seq, self._input_at, self._items_at_live_start = None, None, {}
            self._next_input_poll = self._next_items_poll = 0.0
        s.live = live
        s.playing = bool(int(r.RPR_GetPlayState()) & 1)
        position = r.RPR_GetPlayPosition() if s.playing else r.RPR_GetCursorPosition()
        beats = r.RPR_TimeMap2_timeToBeats(0, position, 0, 0, 0, 0)  # (beat in bar, proj, time, bar - 1, ...)
        # numbered as REAPER's ruler does (Project start measure): a project starting at bar 0 (a count-in bar)
        # was said one bar ahead of its ruler, "bar 1" where the ruler showed 0
        s.bar, s.beat = int(beats[3]) + 1 + measure_offset(r), float(beats[0]) + 1.0
        if not live:
            return
        if now >= self._next_input_poll:
            self._next_input_poll = now + INPUT_POLL_S
            from ..reaper_live_input import poll_live_input  # ctypes over REAPER's input history

            reply = poll_live_input(self._input_seq)  # None first: what came before live follow is history
            if reply["events"]:
                self._input_at = now
            s.armed = bool(reply.get("armed", True))
            self._input_seq = reply["last_seq"]
        s.input_seen_s = None if self._input_at is None else now - self._input_at
        if now >= self._next_items_poll:
            self._next_items_poll = now + ITEMS_POLL_S
            count = drum_items(r)
            # counted in the project tab shown, each against its own count (another tab's drums are not loops
            # written since live follow was turned on)
            start = self._items_at_live_start.setdefault(r.RPR_EnumProjects(-1, "", 0)[0], count)
            s.loops_written = max(count - start, 0)
