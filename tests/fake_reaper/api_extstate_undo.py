"""Simulated API: global and project ext state, undo blocks and points."""

from .api_common import _api, _cstr, _proj, _write


# --------------------------------------------------------------------------
# ext state
# --------------------------------------------------------------------------


@_api
def _GetExtState(R, section, key):
    v = R.ext.get(_cstr(section) or "", _cstr(key) or "")
    return "" if v is None else v


@_api
def _SetExtState(R, section, key, value, persist):
    R.ext.set(_cstr(section) or "", _cstr(key) or "", _cstr(value) or "", bool(persist))


@_api
def _HasExtState(R, section, key):
    return R.ext.get(_cstr(section) or "", _cstr(key) or "") is not None


@_api
def _DeleteExtState(R, section, key, persist):
    R.ext.delete(_cstr(section) or "", _cstr(key) or "", bool(persist))


@_api
def _GetProjExtState(R, proj, extname, key, buf, buf_sz):
    # DOC UNCLEAR: the return value is not documented. The simulation returns
    # the length of the value (0 when the key is absent), so "> 0" means found.
    p = _proj(R, proj, "GetProjExtState")
    v = p.proj_ext.get(_cstr(extname) or "", {}).get(_cstr(key) or "") if p else None
    _write(buf, v or "", buf_sz)
    return len((v or "").encode("utf-8"))


@_api
def _SetProjExtState(R, proj, extname, key, value):
    # "If key is NULL or "", all extended data for that extname will be
    # deleted. If val is NULL or "", the data previously associated with that
    # key will be deleted. Returns the size of the state for this extname."
    # DOC UNCLEAR: "size" is taken as the number of keys left for extname.
    p = _proj(R, proj, "SetProjExtState")
    if p is None:
        return 0
    ext, k, v = _cstr(extname) or "", _cstr(key), _cstr(value)
    if not k:
        p.proj_ext.pop(ext, None)
    elif not v:
        p.proj_ext.get(ext, {}).pop(k, None)
    else:
        p.proj_ext.setdefault(ext, {})[k] = v
    p.changed()
    return len(p.proj_ext.get(ext, {}))


@_api
def _EnumProjExtState(R, proj, extname, idx, keybuf, keybuf_sz, valbuf, valbuf_sz):
    p = _proj(R, proj, "EnumProjExtState")
    d = p.proj_ext.get(_cstr(extname) or "", {}) if p else {}
    keys = list(d)
    if not 0 <= idx < len(keys):
        return False
    _write(keybuf, keys[idx], keybuf_sz)
    _write(valbuf, d[keys[idx]], valbuf_sz)
    return True


# --------------------------------------------------------------------------
# undo
# --------------------------------------------------------------------------
# REAPER saves the project state at each undo point; Undo_DoUndo2 goes back to
# the state saved at the point before. Nested Begin/End blocks make one point
# (at the outermost EndBlock). DOC UNCLEAR: whether REAPER makes a point for a
# block in which nothing changed is not documented; the simulation makes none
# (the project's state change count did not move), so code that undoes "its"
# block after a failure would undo the user's previous edit instead.
# Undoing a point makes it the next Redo ("Redo: <name>" in REAPER's Edit
# menu) until a new point is made; no API cancels a block or drops a redo.
# Each point keeps the UNDO_STATE_* flags it was made with (EndBlock's
# extraflags, OnStateChangeEx's whichStates; OnStateChange(2): items only);
# the simulation saves and restores every state whatever the flags.
# Pointers of objects restored by undo keep their values here.


UNDO_STATE_ITEMS = 4  # reaper_plugin.h; Undo_OnStateChange(2) is "limited state change to items"


def _begin_block(R, proj):
    R.undo_depth += 1
    if R.undo_depth == 1:
        R.undo_project = proj or R.project
        R.undo_changes_at_begin = R.undo_project.state_changes


def _end_block(R, proj, desc, flags=-1):
    if R.undo_depth <= 0:
        R.errors.append(("Undo_EndBlock", "EndBlock without BeginBlock", ""))
        return
    R.undo_depth -= 1
    if R.undo_depth == 0:
        project = R.undo_project or proj or R.project
        if project.state_changes != R.undo_changes_at_begin:
            project.add_undo_point(desc, flags)
        R.undo_project = None


@_api
def _Undo_BeginBlock(R):
    _begin_block(R, R.project)


@_api
def _Undo_BeginBlock2(R, proj):
    _begin_block(R, _proj(R, proj, "Undo_BeginBlock2"))


@_api
def _Undo_EndBlock(R, desc, extraflags):
    _end_block(R, R.project, _cstr(desc) or "", extraflags)


@_api
def _Undo_EndBlock2(R, proj, desc, extraflags):
    _end_block(R, _proj(R, proj, "Undo_EndBlock2"), _cstr(desc) or "", extraflags)


@_api
def _Undo_CanUndo2(R, proj):
    # REAPER documents "NULL if not": the stock Python wrapper then fails in
    # str(r.decode()) with AttributeError, and so does this one.
    p = _proj(R, proj, "Undo_CanUndo2")
    return p.can_undo() if p else None


@_api
def _Undo_CanRedo2(R, proj):
    p = _proj(R, proj, "Undo_CanRedo2")
    return p.can_redo() if p else None


@_api
def _Undo_DoUndo2(R, proj):
    p = _proj(R, proj, "Undo_DoUndo2")
    return 1 if p and p.undo() else 0


@_api
def _Undo_DoRedo2(R, proj):
    p = _proj(R, proj, "Undo_DoRedo2")
    return 1 if p and p.redo() else 0


def _on_state_change(R, proj, desc, flags):
    p = proj or R.project
    if R.undo_depth > 0:
        return  # folded into the enclosing block
    p.add_undo_point(desc, flags)


@_api
def _Undo_OnStateChange(R, desc):
    _on_state_change(R, R.project, _cstr(desc) or "", UNDO_STATE_ITEMS)


@_api
def _Undo_OnStateChange2(R, proj, desc):
    _on_state_change(R, _proj(R, proj, "Undo_OnStateChange2"), _cstr(desc) or "", UNDO_STATE_ITEMS)


@_api
def _Undo_OnStateChangeEx(R, desc, which, trackparm):
    _on_state_change(R, R.project, _cstr(desc) or "", which)


@_api
def _Undo_OnStateChangeEx2(R, proj, desc, which, trackparm):
    _on_state_change(R, _proj(R, proj, "Undo_OnStateChangeEx2"), _cstr(desc) or "", which)
