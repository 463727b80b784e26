"""The project's tempo and meter maps and where its markers start, read inside REAPER: by an action once
(reaper_read.read_selected_items), by live follow's polls again only when the project changed (reaper_live_input.py).
Exported through reaper_side (the server's one module of callable functions).
"""

from __future__ import annotations

import math

from . import razor_edits
from .reaper_names import PROJ, _r

# The tempo and meter maps as last read: [reaper_python module, project, its state change count, its number of
# tempo markers, maps, the markers' starts (None: not asked for since)]. Live follow polls project_info and the
# section starts 30 times a second inside REAPER's main thread, and a project tempo-mapped to a live recording has a
# marker on every beat: both are read again only when the project has changed since.
_maps: list = [None, None, None, None, None, None]


def _known(r, fresh: bool = False) -> list:
    """_maps, read again where the project changed since (or `fresh`: whatever is known)."""
    key = [r, r.RPR_EnumProjects(-1, "", 0)[0], r.RPR_GetProjectStateChangeCount(PROJ),
           r.RPR_CountTempoTimeSigMarkers(PROJ)]
    if fresh or _maps[:4] != key:
        _maps[:] = key + [_tempo_maps(r), None]
    return _maps


def project_info(fresh: bool = False) -> dict:
    """Tempo and time-signature maps in QN, play state and position; `fresh`: the maps read whatever is known
    (an action reads them once; live follow's polls read them again only when the project changed)."""
    r = _r()
    tempos, sigs = _known(r, fresh)[4]
    play_state = r.RPR_GetPlayState()
    pos_s = r.RPR_GetPlayPosition2() if play_state & 1 else r.RPR_GetCursorPosition()
    return {
        "tempos": [list(t) for t in tempos],
        "time_signatures": [list(t) for t in sigs],
        "play_state": int(play_state),
        "position_qn": r.RPR_TimeMap2_timeToQN(PROJ, pos_s),
    }


def project_info_and_selection(fresh: bool = False) -> dict:
    """project_info with "selected_items": how many items a Drumify would read now (the selected ones, else those
    under razor edits), for the editor's check about once a second (everything deselected, its Drumify selection
    is greyed out: panel/modes.py). The server's project_info; live follow's polls inside REAPER go without."""
    r = _r()
    count = r.RPR_CountSelectedMediaItems(PROJ) or len(razor_edits.covered(r))
    return {**project_info(fresh), "selected_items": int(count)}


def _tempo_maps(r) -> tuple[list, list]:
    """The project's tempo map [(qn, bpm)] and meter map [(qn, num, den)], each from QN 0. A marker with
    "gradual tempo transition" (its linear flag) ramps to the next marker's tempo: the map gets a point on
    every beat of the ramp (`_ramp`), so an accelerando is heard as one (tempo_sections: no new section where
    the ramp arrives; hand_speed: each window at its own tempo), not as a jump at its end."""
    markers, sigs = [], []
    n = r.RPR_CountTempoTimeSigMarkers(PROJ)
    num, den = 4, 4
    for i in range(n):
        res = r.RPR_GetTempoTimeSigMarker(PROJ, i, 0, 0, 0, 0, 0, 0, False)
        time_s, bpm, m_num, m_den, linear = res[3], res[6], res[7], res[8], res[9]
        qn = r.RPR_TimeMap2_timeToQN(PROJ, time_s)
        markers.append((qn, bpm, bool(linear)))
        if m_num > 0 and m_den > 0:  # 0 or -1: this marker leaves the meter as it was
            num, den = m_num, m_den
            sigs.append((qn, num, den))
    tempos = [point for k, m in enumerate(markers) for point in _ramp(m, markers[k + 1] if k + 1 < n else None)]
    if not tempos or tempos[0][0] > 1e-9 or not sigs or sigs[0][0] > 1e-9:
        # The map at time 0 (Master_GetTempo is the tempo at the edit cursor, not at the start).
        res = r.RPR_TimeMap_GetTimeSigAtTime(PROJ, 0.0, 0, 0, 0)  # void: (proj, time, num, den, tempo)
        if not tempos or tempos[0][0] > 1e-9:
            tempos.insert(0, (0.0, float(res[-1])))
        if not sigs or sigs[0][0] > 1e-9:
            sigs.insert(0, (0.0, int(res[-3]) or 4, int(res[-2]) or 4))
    return tempos, sigs


def _ramp(marker: tuple[float, float, bool], after: tuple[float, float, bool] | None) -> list[tuple[float, float]]:
    """A tempo marker's points in the map: itself, and where it ramps (its linear flag) to the next marker, the
    tempo on each beat in between, moved in a straight line over the beats from its tempo to the next one's (what
    the readers need is a tempo that moves a little every beat, as REAPER plays a ramp, not its exact curve)."""
    qn, bpm, linear = marker
    if not linear or after is None or after[0] - qn <= 1.0:
        return [(qn, bpm)]
    beats = range(math.floor(qn) + 1, math.ceil(after[0] - 1e-6))
    return [(qn, bpm)] + [(float(b), bpm + (after[1] - bpm) * (b - qn) / (after[0] - qn)) for b in beats]


def section_starts(kept: bool = False) -> list[float]:
    """Where the project's markers and regions start, in QN: the song's sections; `kept`: as last read while the
    project has not changed since (live follow's polls: a marker added or moved changes it)."""
    r = _r()
    known = _known(r) if kept else None
    if known is not None and known[5] is not None:
        return list(known[5])
    out = []
    for i in range(r.RPR_CountProjectMarkers(PROJ, 0, 0)[0]):
        res = r.RPR_EnumProjectMarkers2(PROJ, i, 0, 0.0, 0.0, "", 0)  # the name is not needed (nor readable)
        if res[0] <= 0:
            break
        out.append(r.RPR_TimeMap2_timeToQN(PROJ, res[4]))
    starts = sorted(set(out))
    if known is not None:
        known[5] = starts
    return list(starts)


def marker_names() -> list[list]:
    """[[qn, name], ...] of the project's markers and regions (a region's start: its section's), in QN, for a chorus a
    producer named (core/named_sections.py), and an unnamed one where a region ends and nothing starts (a "Chorus"
    region with none after it ends there). EnumProjectMarkers2's name is a const char** the Python wrapper cannot
    read back; REAPER 7's GetRegionOrMarker hands an object whose P_NAME GetSetRegionOrMarkerInfo_String returns in
    its buffer argument ([4]), each by the index EnumProjectMarkers2 counts. An older REAPER has neither: no names
    (the markers still start sections: section_starts), nothing said."""
    r = _r()
    if not (hasattr(r, "RPR_GetRegionOrMarker") and hasattr(r, "RPR_GetSetRegionOrMarkerInfo_String")):
        return []
    out, ends = [], []
    for i in range(r.RPR_CountProjectMarkers(PROJ, 0, 0)[0]):
        res = r.RPR_EnumProjectMarkers2(PROJ, i, 0, 0.0, 0.0, "", 0)
        if res[0] <= 0:
            break
        marker = r.RPR_GetRegionOrMarker(PROJ, i, "")
        named = [0] if str(marker).endswith("x0000000000000000") else \
            r.RPR_GetSetRegionOrMarkerInfo_String(PROJ, marker, "P_NAME", "", False)  # (NULL: none at i)
        out.append([r.RPR_TimeMap2_timeToQN(PROJ, res[4]), str(named[4]) if named[0] else ""])
        if res[3] and res[5] > res[4]:  # a region's end, unnamed: its chorus ends there (had ridden to the song's end)
            ends.append(r.RPR_TimeMap2_timeToQN(PROJ, res[5]))
    starts = [qn for qn, _ in out]
    out += [[qn, ""] for qn in sorted(set(ends)) if all(abs(qn - s) > 1e-6 for s in starts)]  # (none where one starts)
    return sorted(out, key=lambda m: m[0])


__all__ = ["marker_names", "project_info", "section_starts"]
