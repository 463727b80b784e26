"""Simulated API: takes and their sources (info values, audio sources, stretch markers)."""

from .api_common import _api, _changed, _cstr, _item, _take, _write
from .api_tracks import _string_param


# --------------------------------------------------------------------------
# takes
# --------------------------------------------------------------------------


@_api
def _GetActiveTake(R, item):
    it = _item(R, item, "GetActiveTake")
    tk = it.active_take() if it else None
    return tk.ptr if tk else 0


@_api
def _GetMediaItemTake(R, item, idx):
    it = _item(R, item, "GetMediaItemTake")
    if it is None:
        return 0
    if idx == -1:  # -1: the active take (as GetTake)
        tk = it.active_take()
        return tk.ptr if tk else 0
    return it.takes[idx].ptr if 0 <= idx < len(it.takes) else 0


@_api
def _GetTake(R, item, idx):
    return _GetMediaItemTake(R, item, idx)


@_api
def _CountTakes(R, item):
    it = _item(R, item, "CountTakes")
    return len(it.takes) if it else 0


@_api
def _GetMediaItemNumTakes(R, item):
    return _CountTakes(R, item)


@_api
def _AddTakeToMediaItem(R, item):
    # A new take has no source: TakeIsMIDI is false until one is set.
    it = _item(R, item, "AddTakeToMediaItem")
    if it is None:
        return 0
    return R.create_take(it, midi=False).ptr


@_api
def _SetActiveTake(R, take):
    tk = _take(R, take, "SetActiveTake")
    if tk is not None:
        tk.item.active = tk.item.takes.index(tk)


@_api
def _TakeIsMIDI(R, take):
    tk = _take(R, take, "TakeIsMIDI")
    return bool(tk and tk.is_midi)


@_api
def _GetTakeName(R, take):
    tk = _take(R, take, "GetTakeName")
    return tk.name if tk else None


@_api
def _GetSetMediaItemTakeInfo_String(R, take, parm, buf, is_set):
    tk = _take(R, take, "GetSetMediaItemTakeInfo_String")
    if tk is None:
        return False
    return _string_param(R, tk, _cstr(parm), buf, is_set, {"P_NAME": "name"})


_TAKE_RO = {"IP_TAKENUMBER", "P_TRACK", "P_ITEM", "P_SOURCE"}


@_api
def _GetMediaItemTakeInfo_Value(R, take, parm):
    tk = _take(R, take, "GetMediaItemTakeInfo_Value")
    if tk is None:
        return 0.0
    name = _cstr(parm) or ""
    if name == "IP_TAKENUMBER":
        return float(tk.item.takes.index(tk))
    if name == "P_TRACK":
        return float(tk.item.track.ptr)
    if name == "P_ITEM":
        return float(tk.item.ptr)
    if name == "P_SOURCE":
        return float(tk.source.ptr if tk.source else 0)
    return float(tk.values.get(name, 0.0))


@_api
def _SetMediaItemTakeInfo_Value(R, take, parm, value):
    tk = _take(R, take, "SetMediaItemTakeInfo_Value")
    name = _cstr(parm) or ""
    if tk is None or name in _TAKE_RO or name not in tk.values:
        return False
    tk.values[name] = value
    _changed(tk)
    return True


@_api
def _GetMediaItemTake_Item(R, take):
    tk = _take(R, take, "GetMediaItemTake_Item")
    return tk.item.ptr if tk else 0


@_api
def _GetMediaItemTake_Track(R, take):
    tk = _take(R, take, "GetMediaItemTake_Track")
    return tk.item.track.ptr if tk else 0


@_api
def _GetMediaItemTake_Source(R, take):
    tk = _take(R, take, "GetMediaItemTake_Source")
    return tk.source.ptr if tk and tk.source else 0


@_api
def _GetMediaSourceType(R, source, buf, buf_sz):
    src = R.resolve(source, "PCM_source*", "GetMediaSourceType")
    _write(buf, src.kind if src else "", buf_sz)


@_api
def _GetMediaSourceFileName(R, source, buf, buf_sz):
    # "Copies the media source filename to filenamebuf. Note that in-project
    # MIDI media sources have no associated filename. See GetMediaSourceParent."
    # DOC UNCLEAR: what a SECTION source (a reversed item, a source section)
    # reports; the simulation gives "" as REAPER is reported to, so callers
    # must walk up with GetMediaSourceParent. A void function: the wrapper
    # returns (source, filename, size).
    src = R.resolve(source, "PCM_source*", "GetMediaSourceFileName")
    _write(buf, src.filename if src else "", buf_sz)


@_api
def _GetMediaSourceParent(R, src):
    # "Returns the parent source, or NULL if src is the root source. This can
    # be used to retrieve the parent properties of sections or reversed sources."
    s = R.resolve(src, "PCM_source*", "GetMediaSourceParent")
    return s.parent.ptr if s is not None and s.parent is not None else 0


@_api
def _PCM_Source_GetSectionInfo(R, src, offs, length, rev):
    # "If a section/reverse block, retrieves offset/len/reverse. return true if success"
    # DOC UNCLEAR: what a plain (non-section) source gives; here false, with
    # offset 0, the source's whole length and not reversed.
    s = R.resolve(src, "PCM_source*", "PCM_Source_GetSectionInfo")
    if s is None:
        return False
    if s.kind != "SECTION":
        offs.set(0.0)
        length.set(_source_seconds(s))
        rev.set(0)
        return False
    offs.set(s.section_offset)
    length.set(s.section_length or max(0.0, _source_seconds(s.parent) - s.section_offset))
    rev.set(1 if s.reversed else 0)
    return True


def _source_seconds(src):
    """Length in seconds of an audio source: its file's, read from the header (0 if unreadable)."""
    if src is None:
        return 0.0
    if src.kind == "SECTION":
        return src.section_length or max(0.0, _source_seconds(src.parent) - src.section_offset)
    try:
        import soundfile
        return float(soundfile.info(src.filename).duration)
    except Exception:
        try:
            import wave
            with wave.open(src.filename) as w:
                return w.getnframes() / float(w.getframerate())
        except Exception:
            return 0.0  # DOC UNCLEAR: the length REAPER reports for an offline (missing) file


@_api
def _GetMediaSourceLength(R, source, is_qn):
    # MIDI sources report their length in QN (lengthIsQN set), audio sources in seconds.
    src = R.resolve(source, "PCM_source*", "GetMediaSourceLength")
    if src is None:
        return 0.0
    if src.kind != "MIDI":
        is_qn.set(0)
        return _source_seconds(src)
    is_qn.set(1)
    return src.take.length_qn


@_api
def _CountTakeEnvelopes(R, take):
    return 0


@_api
def _GetTakeNumStretchMarkers(R, take):
    tk = _take(R, take, "GetTakeNumStretchMarkers")
    return len(tk.stretch_markers) if tk else 0


@_api
def _GetTakeStretchMarker(R, take, idx, pos, srcpos):
    # "posOut will be set to position in item, srcposOutOptional will be set to source media position.
    # Returns index", -1 if not valid. (The lookup by position for idx -1 is not modelled.)
    tk = _take(R, take, "GetTakeStretchMarker")
    if tk is None or not 0 <= idx < len(tk.stretch_markers):
        return -1
    pos.set(tk.stretch_markers[idx][0])
    srcpos.set(tk.stretch_markers[idx][1])
    return idx


@_api
def _SetTakeStretchMarker(R, take, idx, pos, srcpos):
    # idx -1 adds a marker; without srcpos it is the source position now playing at pos (no markers: the
    # take's start offset + pos; between markers: interpolated, slope 1 beyond them). Returns its index.
    tk = _take(R, take, "SetTakeStretchMarker")
    if tk is None:
        return -1
    src = float(srcpos.get()) if srcpos else None
    marks = tk.stretch_markers
    if src is None:
        pts = marks or [[0.0, tk.values.get("D_STARTOFFS", 0.0)]]
        k = max([j for j, m in enumerate(pts) if m[0] <= pos] or [0])
        if k + 1 < len(pts) and pts[k][0] <= pos:
            (p0, s0), (p1, s1) = pts[k], pts[k + 1]
            src = s0 + (pos - p0) * (s1 - s0) / (p1 - p0) if p1 > p0 else s0
        else:
            src = pts[k][1] + (pos - pts[k][0])
    if 0 <= idx < len(marks):
        marks[idx] = [float(pos), float(src)]
    elif idx == -1:
        marks.append([float(pos), float(src)])
    else:
        return -1
    marks.sort(key=lambda m: m[0])
    _changed(tk)
    return next(j for j, m in enumerate(marks) if m[0] == float(pos))


@_api
def _TakeFX_GetCount(R, take):
    return 0
