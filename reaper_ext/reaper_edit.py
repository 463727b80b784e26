"""How ReaGroove's writes meet REAPER's undo history: one undo point when a write is done, no trace when it fails.

REAPER cannot cancel an undo block: ending one after a half-done write makes
an undo point of it, and taking that back with Undo_DoUndo2 leaves "Redo:
ReaGroove ..." in the producer's history for an edit that never happened.
So a write opens no block. It records how to take back each change it makes,
and then:

- done: one undo point for the whole change (Undo_OnStateChangeEx2 with every
  state, so a new track is in it too), or none when nothing changed;
- failed: its changes are taken back, newest first, and no undo point is
  made: the project and its undo history are as they were.

An item once deleted cannot be brought back as it was, so deletions wait
until everything else is written (`Changes.delete_item`, then `done`).
Plain Python over `reaper_python`, run inside REAPER like reaper_side.
"""

from __future__ import annotations

PROJ = 0  # the current project
UNDO_STATE_ALL = -1  # Undo_OnStateChange2 alone is "limited state change to items" (REAPER's API header)


class Changes:
    """What a write has changed so far, and how to take it back."""

    def __init__(self, r):
        self.r = r
        self._back: list = []  # callables that take back one change each, oldest first
        self._deletions: list = []  # (track, item) to delete once the write is whole

    def _valid(self, ptr, ctype: str) -> bool:
        return bool(self.r.RPR_ValidatePtr2(PROJ, ptr, ctype))

    def new_track(self, track) -> None:
        self._back.append(lambda: self._valid(track, "MediaTrack*") and self.r.RPR_DeleteTrack(track))

    def new_item(self, track, item) -> None:
        self._back.append(lambda: self._valid(item, "MediaItem*") and self.r.RPR_DeleteTrackMediaItem(track, item))

    def set_track_value(self, track, parm: str, value: float) -> None:
        r = self.r
        old = r.RPR_GetMediaTrackInfo_Value(track, parm)
        r.RPR_SetMediaTrackInfo_Value(track, parm, value)
        self._back.append(lambda: self._valid(track, "MediaTrack*") and r.RPR_SetMediaTrackInfo_Value(track, parm, old))

    def set_track_string(self, track, parm: str, value: str) -> None:
        r = self.r
        old = r.RPR_GetSetMediaTrackInfo_String(track, parm, "", False)[3]  # "" for a P_EXT key not set
        r.RPR_GetSetMediaTrackInfo_String(track, parm, value, True)
        self._back.append(lambda: self._valid(track, "MediaTrack*")
                          and r.RPR_GetSetMediaTrackInfo_String(track, parm, old, True))

    def set_item_value(self, item, parm: str, value: float) -> None:
        r = self.r
        old = r.RPR_GetMediaItemInfo_Value(item, parm)
        r.RPR_SetMediaItemInfo_Value(item, parm, value)
        self._back.append(lambda: self._valid(item, "MediaItem*") and r.RPR_SetMediaItemInfo_Value(item, parm, old))

    def delete_item(self, track, item) -> None:
        self._deletions.append((track, item))

    def done(self) -> None:
        """The deletions, last: nothing that could fail comes after them."""
        deletions, self._deletions = self._deletions, []
        for track, item in deletions:
            if self._valid(item, "MediaItem*"):
                self.r.RPR_DeleteTrackMediaItem(track, item)

    def take_back(self) -> None:
        self._deletions = []
        for back in reversed(self._back):
            try:
                back()
            except Exception:  # noqa: BLE001 - the others still go back, and the write's own error is the one raised
                pass
        self._back = []


def edit(r, undo_name: str | None, work):
    """Run `work(r, changes)` as one undo point named `undo_name` (None: no point, as for a live take's bars,
    whose point end_live_take makes); if it fails, what it changed is taken back and no point is made."""
    before = r.RPR_GetProjectStateChangeCount(PROJ)
    changes = Changes(r)
    r.RPR_PreventUIRefresh(1)
    try:
        result = work(r, changes)
        changes.done()
    except BaseException:
        changes.take_back()
        raise
    finally:
        r.RPR_PreventUIRefresh(-1)
        r.RPR_UpdateArrange()
    if undo_name and r.RPR_GetProjectStateChangeCount(PROJ) != before:
        r.RPR_Undo_OnStateChangeEx2(PROJ, str(undo_name), UNDO_STATE_ALL, -1)
    return result
