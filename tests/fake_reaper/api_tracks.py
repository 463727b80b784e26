"""Simulated API: tracks (info values, selection, folders, sends, FX, their items)."""

from . import project as _fr
from .api_common import _BIG, _api, _changed, _cstr, _proj, _track, _write


# --------------------------------------------------------------------------
# tracks
# --------------------------------------------------------------------------


@_api
def _CountTracks(R, proj):
    p = _proj(R, proj, "CountTracks")
    return len(p.tracks) if p else 0


@_api
def _GetTrack(R, proj, idx):
    p = _proj(R, proj, "GetTrack")
    if p and 0 <= idx < len(p.tracks):
        return p.tracks[idx].ptr
    return 0


@_api
def _GetMasterTrack(R, proj):
    p = _proj(R, proj, "GetMasterTrack")
    return p.master.ptr if p and p.master else 0


@_api
def _InsertTrackAtIndex(R, idx, want_defaults):
    R.create_track(R.project, index=idx)


@_api
def _DeleteTrack(R, tr):
    t = _track(R, tr, "DeleteTrack")
    if t is not None and not t.is_master:
        R.delete_track(t)


@_api
def _GetTrackName(R, tr, buf, buf_sz):
    # REAPER returns "MASTER" for the master track and "Track N" for an unnamed track.
    t = _track(R, tr, "GetTrackName")
    if t is None:
        return False
    if t.is_master:
        name = "MASTER"
    else:
        name = t.name or "Track %d" % t.project.track_number(t)
    _write(buf, name, buf_sz)
    return True


def _ext_key(parm):
    if parm.startswith("P_EXT:"):
        return parm[6:]
    return None


def _string_param(R, obj, parm, buf, is_set, fields):
    """GetSet*Info_String for tracks, items and takes. ``fields`` maps parm -> attribute."""
    parm = parm or ""
    key = _ext_key(parm)
    if key is not None:
        if not key:
            return False
        if is_set:
            value = _cstr(buf) or ""
            if value:
                obj.ext[key] = value
            else:
                obj.ext.pop(key, None)  # DOC UNCLEAR: setting "" is taken as deleting the key
            _changed(obj)
            return True
        if key not in obj.ext:
            _write(buf, "", _BIG)
            return False
        _write(buf, obj.ext[key], _BIG)
        return True
    if parm == "GUID":
        if is_set:
            return False
        _write(buf, obj.guid or "", _BIG)
        return True
    if parm in fields:
        attr = fields[parm]
        if is_set:
            setattr(obj, attr, _cstr(buf) or "")
            _changed(obj)
        else:
            _write(buf, getattr(obj, attr), _BIG)
        return True
    return False


@_api
def _GetSetMediaTrackInfo_String(R, tr, parm, buf, is_set):
    t = _track(R, tr, "GetSetMediaTrackInfo_String")
    if t is None:
        return False
    return _string_param(R, t, _cstr(parm), buf, is_set, {"P_NAME": "name"})


_TRACK_RO = {"IP_TRACKNUMBER", "P_PARTRACK", "P_PROJECT"}


@_api
def _GetMediaTrackInfo_Value(R, tr, parm):
    t = _track(R, tr, "GetMediaTrackInfo_Value")
    if t is None:
        return 0.0
    name = _cstr(parm) or ""
    if name == "IP_TRACKNUMBER":
        return float(t.project.track_number(t))
    if name == "P_PROJECT":
        return float(t.project.ptr)
    if name == "P_PARTRACK":
        return 0.0
    return float(t.values.get(name, 0.0))


@_api
def _SetMediaTrackInfo_Value(R, tr, parm, value):
    t = _track(R, tr, "SetMediaTrackInfo_Value")
    name = _cstr(parm) or ""
    if t is None or name in _TRACK_RO or name not in t.values:
        return False
    if name.startswith(("I_", "B_")):
        value = float(int(value))
    t.values[name] = value
    _changed(t)
    return True


@_api
def _CountSelectedTracks(R, proj):
    p = _proj(R, proj, "CountSelectedTracks")
    return len(p.selected_tracks()) if p else 0


@_api
def _CountSelectedTracks2(R, proj, want_master):
    p = _proj(R, proj, "CountSelectedTracks2")
    return len(p.selected_tracks(bool(want_master))) if p else 0


@_api
def _GetSelectedTrack(R, proj, idx):
    p = _proj(R, proj, "GetSelectedTrack")
    sel = p.selected_tracks() if p else []
    return sel[idx].ptr if 0 <= idx < len(sel) else 0


@_api
def _GetSelectedTrack2(R, proj, idx, want_master):
    p = _proj(R, proj, "GetSelectedTrack2")
    sel = p.selected_tracks(bool(want_master)) if p else []
    return sel[idx].ptr if 0 <= idx < len(sel) else 0


@_api
def _SetTrackSelected(R, tr, selected):
    t = _track(R, tr, "SetTrackSelected")
    if t is not None:
        t.values["I_SELECTED"] = 1.0 if selected else 0.0


@_api
def _IsTrackSelected(R, tr):
    t = _track(R, tr, "IsTrackSelected")
    return bool(t and t.values["I_SELECTED"])


@_api
def _SetOnlyTrackSelected(R, tr):
    t = _track(R, tr, "SetOnlyTrackSelected")
    if t is None:
        return
    for other in t.project.tracks + [t.project.master]:
        other.values["I_SELECTED"] = 1.0 if other is t else 0.0


@_api
def _ClearAllRecArmed(R):
    for t in R.project.tracks:
        t.values["I_RECARM"] = 0.0


@_api
def _GetTrackColor(R, tr):
    t = _track(R, tr, "GetTrackColor")
    return int(t.values["I_CUSTOMCOLOR"]) if t else 0


@_api
def _SetTrackColor(R, tr, color):
    t = _track(R, tr, "SetTrackColor")
    if t:
        t.values["I_CUSTOMCOLOR"] = float(color | 0x1000000)


def _depths(tracks) -> list[int]:
    """Each track's folder depth (0 at the top), from I_FOLDERDEPTH: 1 opens a folder, -n closes n levels."""
    out, depth = [], 0
    for t in tracks:
        out.append(depth)
        depth = max(depth + int(t.values.get("I_FOLDERDEPTH", 0)), 0)
    return out


@_api
def _GetTrackDepth(R, tr):
    t = _track(R, tr, "GetTrackDepth")
    return _depths(t.project.tracks)[t.project.tracks.index(t)] if t else 0


@_api
def _GetParentTrack(R, tr):
    t = _track(R, tr, "GetParentTrack")
    if not t:
        return 0
    tracks = t.project.tracks
    depths, i = _depths(tracks), tracks.index(t)
    for j in range(i - 1, -1, -1):  # the nearest track above one level up is the folder holding it
        if depths[j] < depths[i]:
            return tracks[j].ptr
    return 0


def _routes(t, category):
    """A track's routes of one category: <0 receives (the tracks sending to it), 0 sends to tracks, >0 hardware
    outputs, each as [source, destination pointer or None]."""
    if category < 0:
        return [[o, t.ptr] for o in t.project.tracks for d in o.sends if d == t.ptr]
    return [[t, d] for d in t.sends if (d is None) == (category > 0)]


@_api
def _GetTrackNumSends(R, tr, category):
    t = _track(R, tr, "GetTrackNumSends")
    return len(_routes(t, category)) if t else 0


@_api
def _CreateTrackSend(R, tr, dest):
    """A send to `dest`, or a hardware output when `dest` is NULL; returns its index in its category, -1 on failure."""
    t = _track(R, tr, "CreateTrackSend")
    d = _track(R, dest, "CreateTrackSend") if dest else None
    if t is None or (dest and d is None) or d is t:
        return -1
    t.sends.append(None if d is None else d.ptr)
    _changed(t)
    return len(_routes(t, 1 if d is None else 0)) - 1


@_api
def _RemoveTrackSend(R, tr, category, idx):
    t = _track(R, tr, "RemoveTrackSend")
    routes = _routes(t, category) if t else []
    if not 0 <= idx < len(routes):
        return False
    src, dest = routes[idx]
    _fr.send_info(src, 0)  # every send's settings exist now, so they go with it
    del src.send_values[src.sends.index(dest)]
    src.sends.remove(dest)
    _changed(src)
    return True


def _send_values(R, tr, category, idx, fn):
    """The settings dict of a track's route (see _routes), or None."""
    t = _track(R, tr, fn)
    routes = _routes(t, category) if t else []
    if not 0 <= idx < len(routes):
        return None
    src, dest = routes[idx]
    k = [j for j, d in enumerate(src.sends) if d == dest][[r[1] for r in routes[:idx] if r[0] is src].count(dest)]
    return src, _fr.send_info(src, k)


@_api
def _GetTrackSendInfo_Value(R, tr, category, idx, parm):
    found = _send_values(R, tr, category, idx, "GetTrackSendInfo_Value")
    if found is None:
        return 0.0
    src, values = found
    name = _cstr(parm) or ""
    if name == "P_SRCTRACK":
        return float(src.ptr)
    return float(values.get(name, 0.0))


@_api
def _SetTrackSendInfo_Value(R, tr, category, idx, parm, value):
    found = _send_values(R, tr, category, idx, "SetTrackSendInfo_Value")
    name = _cstr(parm) or ""
    if found is None or name not in found[1]:
        return False
    src, values = found
    values[name] = float(int(value)) if name.startswith(("I_", "B_")) else float(value)
    _changed(src)
    return True


@_api
def _CountTrackEnvelopes(R, tr):
    return 0


@_api
def _AnyTrackSolo(R, proj):
    p = _proj(R, proj, "AnyTrackSolo")
    return any(t.values["I_SOLO"] for t in p.tracks) if p else False


@_api
def _TrackFX_AddByName(R, tr, fxname, rec_fx, instantiate):
    # "Specify a negative value for instantiate to always create a new effect,
    # 0 to only query the first instance of an effect, or a positive value to
    # add an instance if one is not found."
    t = _track(R, tr, "TrackFX_AddByName")
    name = _cstr(fxname) or ""
    if t is None:
        return -1
    found = next((i for i, n in enumerate(t.fx) if name.lower() in n.lower()), -1)
    if instantiate == 0 or (instantiate > 0 and found >= 0):
        return found
    t.fx.append(name)
    _changed(t)
    return len(t.fx) - 1


@_api
def _TrackFX_GetCount(R, tr):
    t = _track(R, tr, "TrackFX_GetCount")
    return len(t.fx) if t else 0


@_api
def _TrackFX_GetFXName(R, tr, fx, buf, buf_sz):
    t = _track(R, tr, "TrackFX_GetFXName")
    if t is None or not 0 <= fx < len(t.fx):
        return False
    _write(buf, t.fx[fx], buf_sz)
    return True


@_api
def _TrackFX_GetInstrument(R, tr):
    t = _track(R, tr, "TrackFX_GetInstrument")
    if t is None:
        return -1
    return next((i for i, n in enumerate(t.fx) if "vsti" in n.lower() or "instrument" in n.lower()), -1)


# FX indices with this flag name the track's input (record) FX chain, which this simulation does not hold
_INPUT_FX = 0x1000000


@_api
def _TrackFX_CopyToTrack(R, src, src_fx, dest, dest_fx, is_move):
    # REAPER: "Copies (or moves) FX from src_track to dest_track. Can be used with src_track=dest_track to
    # reorder". A source index past the chain changes nothing; a destination past it appends; the copy is a new
    # instance (a sampler copied loads its samples again), the source keeps its own unless is_move.
    s, d = _track(R, src, "TrackFX_CopyToTrack"), _track(R, dest, "TrackFX_CopyToTrack")
    if s is None or d is None or (src_fx & _INPUT_FX) or (dest_fx & _INPUT_FX) or not 0 <= src_fx < len(s.fx):
        return
    name = s.fx[src_fx]
    if is_move:
        del s.fx[src_fx]
    d.fx.insert(max(0, min(dest_fx, len(d.fx))), name)
    _changed(d)
    if is_move and s is not d:
        _changed(s)


@_api
def _CountTrackMediaItems(R, tr):
    t = _track(R, tr, "CountTrackMediaItems")
    return len(t.items) if t else 0


@_api
def _GetTrackMediaItem(R, tr, idx):
    t = _track(R, tr, "GetTrackMediaItem")
    if t is None:
        return 0
    items = t.sorted_items()
    return items[idx].ptr if 0 <= idx < len(items) else 0
