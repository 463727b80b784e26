"""Simulated API: transport (play state and position, edit cursor, loop, play rate)."""

from .api_common import _api, _proj


# --------------------------------------------------------------------------
# transport
# --------------------------------------------------------------------------
# DOC UNCLEAR: what GetPlayPosition returns while stopped is not documented;
# the simulation returns the edit cursor position. GetPlayPosition2 (the
# position of the audio block being processed) is GetPlayPosition plus
# ``reaper.transport.block_ahead`` while playing.


@_api
def _GetPlayState(R):
    return R.transport.state


@_api
def _GetPlayStateEx(R, proj):
    return R.transport.state


@_api
def _GetPlayPosition(R):
    return R.transport.position()


@_api
def _GetPlayPosition2(R):
    tr = R.transport
    return tr.position() + (tr.block_ahead if tr.state & 1 and not tr.state & 2 else 0.0)


@_api
def _GetPlayPositionEx(R, proj):
    return _GetPlayPosition(R)


@_api
def _GetPlayPosition2Ex(R, proj):
    return _GetPlayPosition2(R)


@_api
def _GetCursorPosition(R):
    return R.project.cursor


@_api
def _GetCursorPositionEx(R, proj):
    p = _proj(R, proj, "GetCursorPositionEx")
    return p.cursor if p else 0.0


def _set_cursor(R, p, t, seekplay):
    p.cursor = max(0.0, float(t))
    if seekplay and R.transport.state & 1:
        R.transport.seek(p.cursor)


@_api
def _SetEditCurPos(R, t, moveview, seekplay):
    _set_cursor(R, R.project, t, seekplay)


@_api
def _SetEditCurPos2(R, proj, t, moveview, seekplay):
    p = _proj(R, proj, "SetEditCurPos2")
    if p:
        _set_cursor(R, p, t, seekplay)


@_api
def _OnPlayButton(R):
    R.transport.play()


@_api
def _OnPlayButtonEx(R, proj):
    R.transport.play()


@_api
def _OnStopButton(R):
    R.transport.stop()


@_api
def _OnStopButtonEx(R, proj):
    R.transport.stop()


@_api
def _OnPauseButton(R):
    R.transport.pause()


@_api
def _OnPauseButtonEx(R, proj):
    R.transport.pause()


@_api
def _CSurf_OnPlay(R):
    R.transport.play()


@_api
def _CSurf_OnStop(R):
    R.transport.stop()


@_api
def _CSurf_OnPause(R):
    R.transport.pause()


@_api
def _CSurf_OnRecord(R):
    # Recording is modelled as a play state only (&4); recorded input is not
    # turned into items.
    R.transport.play(record=True)


@_api
def _GetSetRepeat(R, val):
    # REAPER's doc: -1 == query, 0 = clear, 1 = set, >1 = toggle; returns the new value
    if val >= 0:
        R.transport.set_loop(repeat=(1 - R.transport.repeat) if val > 1 else val)
    return R.transport.repeat


@_api
def _GetSetRepeatEx(R, proj, val):
    return _GetSetRepeat(R, val)


@_api
def _GetSet_LoopTimeRange(R, is_set, is_loop, start, end, allowautoseek):
    _GetSet_LoopTimeRange2(R, 0, is_set, is_loop, start, end, allowautoseek)


@_api
def _GetSet_LoopTimeRange2(R, proj, is_set, is_loop, start, end, allowautoseek):
    # isLoop: the loop points, else the time selection (seconds). DOC UNCLEAR: REAPER links the loop
    # points to the time selection by default (Options > Loop points linked to time selection); the
    # simulation keeps them linked, so setting either sets both. allowautoseek is ignored (no auto-seek).
    if is_set:
        lo, hi = float(start.get(0.0)), float(end.get(0.0))
        R.transport.set_loop(loop_range=(min(lo, hi), max(lo, hi)))
    else:
        lo, hi = R.transport.loop_range
        start.set(lo)
        end.set(hi)


@_api
def _Master_GetPlayRate(R, proj):
    return R.transport.play_rate


@_api
def _Master_GetPlayRateAtTime(R, t, proj):
    return R.transport.play_rate
