"""Simulated API: tempo map, time signatures, markers and time/QN/measure conversions."""

from . import project as _fr
from .api_common import _BIG, _api, _cstr, _proj, _write


# --------------------------------------------------------------------------
# tempo map
# --------------------------------------------------------------------------
# Constant-tempo segments; the linear-tempo flag is stored but ramps are not
# simulated. A time signature marker starts a new measure (a partial measure
# before it still counts). "Beats" are in units of the time signature
# denominator (an eighth note in 6/8).


@_api
def _Master_GetTempo(R):
    # DOC UNCLEAR: "current project tempo" is taken as the tempo at the play
    # position while playing and at the edit cursor otherwise.
    return R.project.tempo_at_time(R.transport.position())


@_api
def _SetCurrentBPM(R, proj, bpm, want_undo):
    # DOC UNCLEAR: sets the tempo in effect at the edit cursor (the marker
    # before it, or the project tempo when there is none).
    p = _proj(R, proj, "SetCurrentBPM")
    if p is None:
        return
    before = [m for m in p.markers if m.time <= p.cursor + 1e-12]
    if before:
        max(before, key=lambda m: m.time).bpm = float(bpm)
    else:
        p.base_bpm = float(bpm)
    p.invalidate_tempo()
    p.changed()


def _project_timesig(p, bpm_ref, bpi_ref):
    s = p.segments()[0]
    bpm_ref.set(s.bpm)
    bpi_ref.set(float(s.num))


@_api
def _GetProjectTimeSignature(R, bpm, bpi):
    _project_timesig(R.project, bpm, bpi)


@_api
def _GetProjectTimeSignature2(R, proj, bpm, bpi):
    p = _proj(R, proj, "GetProjectTimeSignature2")
    if p:
        _project_timesig(p, bpm, bpi)


@_api
def _CountProjectMarkers(R, proj, num_markers, num_regions):
    p = _proj(R, proj, "CountProjectMarkers")
    if p is None:
        return 0
    regions = sum(1 for m in p.sections if m["isrgn"])
    num_markers.set(len(p.sections) - regions)
    num_regions.set(regions)
    return len(p.sections)


@_api
def _EnumProjectMarkers2(R, proj, idx, isrgn, pos, rgnend, name, index_number):
    # Markers and regions in time order; returns the next index, 0 past the last. nameOut
    # (const char**) is not filled: REAPER's Python wrapper cannot read it back either.
    p = _proj(R, proj, "EnumProjectMarkers2")
    if p is None or not 0 <= idx < len(p.sections):
        return 0
    m = sorted(p.sections, key=lambda m: m["pos"])[idx]
    isrgn.set(1 if m["isrgn"] else 0)
    pos.set(m["pos"])
    rgnend.set(m["end"] if m["isrgn"] else 0.0)
    index_number.set(idx + 1)
    return idx + 1


class _Marker(_fr.Obj):
    """A project marker or region as REAPER 7's ProjectMarker* (GetRegionOrMarker): one of the project's sections."""

    ctype = "ProjectMarker*"
    __slots__ = ("section",)

    def __init__(self, ptr, section):
        self.ptr, self.section = ptr, section


@_api
def _GetRegionOrMarker(R, proj, idx, guid):
    # "Get a region or marker object by index (0..GetNumRegionsOrMarkers-1) or GUID": the index as
    # EnumProjectMarkers2 counts (time order); NULL past the last
    p = _proj(R, proj, "GetRegionOrMarker")
    if p is None:
        return 0
    ordered = sorted(p.sections, key=lambda m: m["pos"])
    guid = _cstr(guid) or ""
    found = [m for m in ordered if guid and m.get("guid") == guid] if guid else \
        (ordered[idx:idx + 1] if 0 <= idx < len(ordered) else [])
    if not found:
        return 0
    m = found[0]
    if m.get("ptr") is None:  # one object per marker, as REAPER's
        m["ptr"] = R.register(_Marker(R.alloc(), m)).ptr
        m.setdefault("guid", R.make_guid())
    return m["ptr"]


@_api
def _GetSetRegionOrMarkerInfo_String(R, proj, marker, parmname, buf, set_new):
    # P_NAME (read or set) and GUID (read only); the buffer is the wrapper's return value [4]
    obj = R.resolve(marker, "ProjectMarker*", "GetSetRegionOrMarkerInfo_String")
    key = _cstr(parmname)
    if obj is None or key not in ("P_NAME", "GUID"):
        return False
    if set_new:
        if key != "P_NAME":
            return False
        obj.section["name"] = _cstr(buf) or ""
        (_proj(R, proj, "GetSetRegionOrMarkerInfo_String") or R.project).changed()
        return True
    _write(buf, obj.section.get("name", "") if key == "P_NAME" else obj.section["guid"], _BIG)
    return True


@_api
def _CountTempoTimeSigMarkers(R, proj):
    p = _proj(R, proj, "CountTempoTimeSigMarkers")
    return len(p.markers) if p else 0


@_api
def _GetTempoTimeSigMarker(R, proj, idx, timepos, measurepos, beatpos, bpm, num, den, linear):
    # DOC UNCLEAR: for a marker that changes only the tempo, timesig_num and
    # timesig_denom are reported as 0 (the marker does not set them).
    p = _proj(R, proj, "GetTempoTimeSigMarker")
    if p is None or not 0 <= idx < len(p.markers):
        return False
    m, meas, beat = p.marker_info(idx)
    timepos.set(m.time)
    measurepos.set(meas)
    beatpos.set(beat)
    bpm.set(m.bpm)
    num.set(m.num)
    den.set(m.den)
    linear.set(1 if m.linear else 0)
    return True


def _marker_time(p, timepos, measurepos, beatpos):
    if timepos >= 0:
        return timepos
    start_qn, seg = p.measure_start_qn(max(0, measurepos))
    return p.qn_to_time(start_qn + max(0.0, beatpos) * 4.0 / seg.den)


@_api
def _SetTempoTimeSigMarker(R, proj, idx, timepos, measurepos, beatpos, bpm, num, den, linear):
    # "Provide either timepos (with measurepos=-1, beatpos=-1), or measurepos
    # and beatpos (with timepos=-1). If timesig_num and timesig_denom are
    # zero, the previous time signature will be used. ptidx=-1 will insert."
    p = _proj(R, proj, "SetTempoTimeSigMarker")
    if p is None or bpm <= 0:
        return False
    t = _marker_time(p, timepos, measurepos, beatpos)
    ordered = sorted(p.markers, key=lambda m: m.time)
    if idx == -1:
        p.markers.append(_fr.TempoMarker(t, bpm, num, den, linear))
    elif 0 <= idx < len(ordered):
        m = ordered[idx]
        m.time, m.bpm, m.num, m.den, m.linear = t, bpm, num, den, bool(linear)
    else:
        return False
    p.markers.sort(key=lambda m: m.time)
    p.invalidate_tempo()
    p.changed()
    return True


@_api
def _AddTempoTimeSigMarker(R, proj, timepos, bpm, num, den, linear):
    return _SetTempoTimeSigMarker(R, proj, -1, timepos, -1, -1.0, bpm, num, den, linear)


@_api
def _DeleteTempoTimeSigMarker(R, proj, idx):
    p = _proj(R, proj, "DeleteTempoTimeSigMarker")
    if p is None or not 0 <= idx < len(p.markers):
        return False
    p.markers.sort(key=lambda m: m.time)
    del p.markers[idx]
    p.invalidate_tempo()
    p.changed()
    return True


@_api
def _FindTempoTimeSigMarker(R, proj, t):
    p = _proj(R, proj, "FindTempoTimeSigMarker")
    if p is None:
        return -1
    found = -1
    for i, m in enumerate(sorted(p.markers, key=lambda m: m.time)):
        if m.time <= t + 1e-12:
            found = i
    return found


@_api
def _TimeMap2_timeToQN(R, proj, t):
    p = _proj(R, proj, "TimeMap2_timeToQN")
    return p.time_to_qn(t) if p else 0.0


@_api
def _TimeMap2_QNToTime(R, proj, qn):
    p = _proj(R, proj, "TimeMap2_QNToTime")
    return p.qn_to_time(qn) if p else 0.0


@_api
def _TimeMap_timeToQN(R, t):
    return R.project.time_to_qn(t)


@_api
def _TimeMap_QNToTime(R, qn):
    return R.project.qn_to_time(qn)


@_api
def _TimeMap_timeToQN_abs(R, proj, t):
    return _TimeMap2_timeToQN(R, proj, t)


@_api
def _TimeMap_QNToTime_abs(R, proj, qn):
    return _TimeMap2_QNToTime(R, proj, qn)


@_api
def _TimeMap2_timeToBeats(R, proj, t, measures, cml, fullbeats, cdenom):
    # "if measures is non-NULL, measures will be set to the measure count,
    # return value will be beats since measure." DOC UNCLEAR: the unit of
    # fullbeats across time signature changes; here each region counts in its
    # own denominator. (The Python wrapper always passes non-NULL pointers.)
    p = _proj(R, proj, "TimeMap2_timeToBeats")
    if p is None:
        return 0.0
    qn = p.time_to_qn(t)
    meas, start, _end, num, den = p.measure_of_qn(qn)
    full = p.full_beats_at_qn(qn)
    cml.set(num)
    cdenom.set(den)
    fullbeats.set(full)
    if measures:
        measures.set(meas)
        return (qn - start) * den / 4.0
    return full


@_api
def _TimeMap2_beatsToTime(R, proj, tpos, measures):
    # "convert a beat position (or optionally a beats+measures if measures is
    # non-NULL) to time."
    p = _proj(R, proj, "TimeMap2_beatsToTime")
    if p is None:
        return 0.0
    if measures:
        start, seg = p.measure_start_qn(measures.get())
        return p.qn_to_time(start + tpos * 4.0 / seg.den)
    # full beats: walk the time signature regions
    remaining, qn = tpos, 0.0
    segs = p.segments()
    anchors = []
    for s in segs:
        if not anchors or s.anchor_qn != anchors[-1][0]:
            anchors.append((s.anchor_qn, s.den))
    for i, (aq, den) in enumerate(anchors):
        end = anchors[i + 1][0] if i + 1 < len(anchors) else None
        beats_here = None if end is None else (end - aq) * den / 4.0
        if beats_here is None or remaining <= beats_here:
            qn = aq + remaining * 4.0 / den
            break
        remaining -= beats_here
    return p.qn_to_time(qn)


@_api
def _TimeMap_GetTimeSigAtTime(R, proj, t, num, den, tempo):
    p = _proj(R, proj, "TimeMap_GetTimeSigAtTime")
    if p is None:
        return
    s = p._seg_at_time(t)
    num.set(s.num)
    den.set(s.den)
    tempo.set(s.bpm)


@_api
def _TimeMap_GetMeasureInfo(R, proj, measure, qn_start, qn_end, num, den, tempo):
    p = _proj(R, proj, "TimeMap_GetMeasureInfo")
    if p is None:
        return 0.0
    start, seg = p.measure_start_qn(measure)
    _m, s2, end, n, d = p.measure_of_qn(start + 1e-9)
    t = p.qn_to_time(start)
    qn_start.set(start)
    qn_end.set(end)
    num.set(n)
    den.set(d)
    tempo.set(p.tempo_at_time(t))
    return t


@_api
def _TimeMap_QNToMeasures(R, proj, qn, qn_start, qn_end):
    # DOC UNCLEAR: "Find which measure the given QN position falls in." The
    # base of the returned measure number is not documented; the simulation
    # returns it 1-based (measure 1 = project start), whereas
    # TimeMap2_timeToBeats and TimeMap_GetMeasureInfo count from 0.
    p = _proj(R, proj, "TimeMap_QNToMeasures")
    if p is None:
        return 0
    meas, start, end, _n, _d = p.measure_of_qn(qn)
    qn_start.set(start)
    qn_end.set(end)
    return meas + 1


@_api
def _TimeMap2_GetDividedBpmAtTime(R, proj, t):
    # "get the effective BPM at the time (seconds) position (i.e. 2x in /8 signatures)"
    p = _proj(R, proj, "TimeMap2_GetDividedBpmAtTime")
    if p is None:
        return 0.0
    s = p._seg_at_time(t)
    return s.bpm * s.den / 4.0


@_api
def _TimeMap_GetDividedBpmAtTime(R, t):
    return _TimeMap2_GetDividedBpmAtTime(R, 0, t)


@_api
def _TimeMap2_GetNextChangeTime(R, proj, t):
    p = _proj(R, proj, "TimeMap2_GetNextChangeTime")
    if p is None:
        return -1.0
    for m in sorted(p.markers, key=lambda m: m.time):
        if m.time > t + 1e-12:
            return m.time
    return -1.0
