"""Building simulated projects from Python: :class:`ProjectSpec` (JSON-friendly) and
:func:`build`, which makes a :class:`Reaper` from one."""

from __future__ import annotations

import os

from .model_objects import CC, Note, PPQ, TempoMarker
from .model_project import send_info
from .model_reaper import Reaper


# --------------------------------------------------------------------------
# Building projects from Python
# --------------------------------------------------------------------------


class ProjectSpec:
    """A JSON-serialisable description of a project to simulate.

    >>> spec = ProjectSpec(bpm=120, timesig=(4, 4))
    >>> bass = spec.add_track("Bass", armed=True)
    >>> spec.add_midi_item(bass, start_qn=0, length_qn=8,
    ...                    notes=[(0, 0.5, 36, 100), (1.5, 0.5, 36, 90)], selected=True)
    >>> reaper = spec.build()

    Notes are ``(start_qn, length_qn, pitch, velocity[, channel])`` in quarter
    notes from the item start (``unit="qn"``) or MIDI ticks from the take start
    (``unit="ppq"``); dicts with those keys work too.
    """

    def __init__(self, bpm=120.0, timesig=(4, 4), name="", realtime=False):
        self.data = {"bpm": float(bpm), "num": int(timesig[0]), "den": int(timesig[1]), "name": name,
                     "markers": [], "tracks": [], "ext_state": [], "proj_ext": [], "cursor": 0.0,
                     "realtime": bool(realtime)}

    def tempo_marker(self, bpm, time=None, qn=None, measure=None, timesig=None, linear=False):
        """Tempo / time signature marker at ``time`` seconds (or QN, or measure index)."""
        num, den = timesig if timesig else (0, 0)
        self.data["markers"].append({"time": time, "qn": qn, "measure": measure, "bpm": float(bpm),
                                     "num": int(num), "den": int(den), "linear": bool(linear)})
        return self

    def add_marker(self, qn, name="", region_end_qn=None):
        """A project marker at ``qn`` (a region up to ``region_end_qn`` when given)."""
        self.data.setdefault("sections", []).append({"qn": float(qn), "end_qn": region_end_qn, "name": name})
        return self

    def add_track(self, name="", armed=False, selected=False, muted=False, rec_input=None, fx=(), main_send=True,
                  lanes=None):
        """A track; `main_send` False: its master/parent send is off (B_MAINSEND), so without a send
        (add_send) nothing of it is heard. `lanes`: fixed item lane mode (REAPER 7), each lane's C_LANEPLAYS
        (0 silent, 1 plays exclusively, 2 plays with others); items choose theirs with `lane`."""
        if rec_input is None:
            rec_input = 4096 | (63 << 5) if armed else 0  # MIDI: all devices, all channels
        self.data["tracks"].append({"name": name, "armed": bool(armed), "selected": bool(selected),
                                    "muted": bool(muted), "rec_input": int(rec_input), "fx": list(fx),
                                    "items": [], "main_send": bool(main_send), "sends": [],
                                    "lanes": None if lanes is None else list(lanes)})
        return len(self.data["tracks"]) - 1

    def add_send(self, track, dest=None, mode=0):
        """A send from track index `track` to track index `dest`, or to a hardware output (dest None);
        `mode` its I_SENDMODE (0 post-fader, 1 pre-FX, 3 post-FX: pre-fader)."""
        self.data["tracks"][track].setdefault("sends", []).append(dest)
        self.data["tracks"][track].setdefault("send_modes", []).append(mode)
        return self

    def add_midi_item(self, track, notes=(), start=None, end=None, start_qn=None, length_qn=None,
                      end_qn=None, selected=False, muted=False, name="", unit="qn", ccs=(), ext=None, lane=0):
        if start is None and start_qn is None:
            start_qn = 0.0
        if length_qn is not None and end_qn is None and end is None:
            end_qn = (start_qn or 0.0) + length_qn
        norm = []
        for n in notes:
            if isinstance(n, dict):
                norm.append([n["start"], n["length"], n["pitch"], n.get("vel", 100), n.get("chan", 0),
                             n.get("sel", False), n.get("mute", False)])
            else:
                n = list(n) + [0, False, False][len(n) - 4:] if len(n) < 7 else list(n)
                norm.append([float(n[0]), float(n[1]), int(n[2]), int(n[3]), int(n[4]), bool(n[5]), bool(n[6])])
        self.data["tracks"][track]["items"].append({
            "start": start, "end": end, "start_qn": start_qn, "end_qn": end_qn, "notes": norm,
            "unit": unit, "selected": bool(selected), "muted": bool(muted), "name": name,
            "ccs": [list(c) for c in ccs], "ext": dict(ext or {}), "lane": int(lane)})
        return len(self.data["tracks"][track]["items"]) - 1

    def add_audio_item(self, track, path, start=None, length=None, start_qn=None, length_qn=None,
                       end_qn=None, startoffs=0.0, playrate=1.0, selected=False, muted=False, name="",
                       section=None, loop=False):
        """An audio item playing ``path`` (the file is not read: REAPER reads it when it plays).

        Position in seconds (``start``) or QN (``start_qn``); length in seconds
        (``length``) or QN (``length_qn`` / ``end_qn``). ``startoffs``: the
        take's D_STARTOFFS (source seconds skipped at the item start);
        ``playrate``: D_PLAYRATE; ``section``: (offset, length, reversed) of
        the file the take plays, as REAPER makes for reversed items; ``loop``:
        B_LOOPSRC.
        """
        if start is None and start_qn is None:
            start_qn = 0.0
        if length_qn is not None and end_qn is None:
            end_qn = (start_qn or 0.0) + length_qn
        if length is None and end_qn is None:
            raise ValueError("an audio item needs length (seconds), length_qn or end_qn")
        self.data["tracks"][track]["items"].append({
            "audio": os.fspath(path), "start": start, "length": length, "start_qn": start_qn, "end_qn": end_qn,
            "startoffs": float(startoffs), "playrate": float(playrate), "selected": bool(selected),
            "muted": bool(muted), "name": name, "section": list(section) if section else None, "loop": bool(loop)})
        return len(self.data["tracks"][track]["items"]) - 1

    def ext_state(self, section, key, value):
        self.data["ext_state"].append([section, key, value])
        return self

    def proj_ext_state(self, section, key, value):
        self.data["proj_ext"].append([section, key, value])
        return self

    def start_measure(self, measure):
        """Project Settings > 'Project start measure': the ruler numbers the project's first measure so
        (REAPER keeps it as projmeasoffs, the start measure less 1; default 1)."""
        self.data["measure_offset"] = int(measure) - 1
        return self

    def cursor(self, seconds):
        self.data["cursor"] = float(seconds)
        return self

    def to_dict(self):
        import copy
        return copy.deepcopy(self.data)

    def build(self, resource_path=None, realtime=None):
        return build(self.data, resource_path=resource_path,
                     realtime=self.data["realtime"] if realtime is None else realtime)


def build(spec, resource_path=None, realtime=False):
    """Make a :class:`Reaper` from a ``ProjectSpec.to_dict()`` dict."""
    if isinstance(spec, ProjectSpec):
        spec = spec.data
    r = Reaper(resource_path=resource_path, realtime=realtime)
    p = r.project
    p.name = spec.get("name", "")
    p.base_bpm, p.base_num, p.base_den = spec.get("bpm", 120.0), spec.get("num", 4), spec.get("den", 4)
    p.measure_offset = int(spec.get("measure_offset", 0))  # projmeasoffs (ProjectSpec.start_measure)
    for m in spec.get("markers", []):
        if m.get("time") is not None:
            t = m["time"]
        elif m.get("qn") is not None:
            t = p.qn_to_time(m["qn"])
        else:
            start_qn, _seg = p.measure_start_qn(int(m["measure"]))
            t = p.qn_to_time(start_qn)
        p.markers.append(TempoMarker(t, m["bpm"], m.get("num", 0), m.get("den", 0), m.get("linear", False)))
        p.invalidate_tempo()
    for m in spec.get("sections", []):
        p.sections.append({"pos": p.qn_to_time(m["qn"]), "isrgn": m["end_qn"] is not None, "name": m["name"],
                           "end": p.qn_to_time(m["end_qn"]) if m["end_qn"] is not None else 0.0})
    for section, key, value in spec.get("ext_state", []):
        r.ext.set(section, key, value, False)
    for section, key, value in spec.get("proj_ext", []):
        p.proj_ext.setdefault(section, {})[key] = value
    for tdesc in spec.get("tracks", []):
        tr = r.create_track(p, name=tdesc.get("name", ""))
        tr.values["I_RECARM"] = 1.0 if tdesc.get("armed") else 0.0
        tr.values["I_SELECTED"] = 1.0 if tdesc.get("selected") else 0.0
        tr.values["B_MUTE"] = 1.0 if tdesc.get("muted") else 0.0
        tr.values["I_RECINPUT"] = float(tdesc.get("rec_input", 0))
        tr.values["B_MAINSEND"] = 1.0 if tdesc.get("main_send", True) else 0.0
        tr.fx = list(tdesc.get("fx", []))
        if tdesc.get("lanes") is not None:
            # fixed item lanes (REAPER 7): each lane's C_LANEPLAYS (0 silent, 1 plays exclusively, 2 plays with others)
            tr.values["I_FREEMODE"] = 2.0
            tr.values["I_NUMFIXEDLANES"] = float(len(tdesc["lanes"]))
            for k, plays in enumerate(tdesc["lanes"]):
                tr.values[f"C_LANEPLAYS:{k}"] = float(plays)
        for idesc in tdesc.get("items", []):
            if idesc.get("audio") is not None:
                start = idesc["start"] if idesc.get("start") is not None else p.qn_to_time(idesc.get("start_qn") or 0.0)
                length = idesc["length"] if idesc.get("length") is not None else p.qn_to_time(idesc["end_qn"]) - start
                it = r.create_audio_item(tr, idesc["audio"], start, length, idesc.get("startoffs", 0.0),
                                         idesc.get("playrate", 1.0), idesc.get("name", ""),
                                         tuple(idesc["section"]) if idesc.get("section") else None,
                                         idesc.get("loop", False))
                it.values["B_UISEL"] = 1.0 if idesc.get("selected") else 0.0
                it.values["B_MUTE"] = 1.0 if idesc.get("muted") else 0.0
                it.values["I_FIXEDLANE"] = float(idesc.get("lane", 0))
                continue
            start = idesc["start"] if idesc.get("start") is not None else p.qn_to_time(idesc.get("start_qn") or 0.0)
            if idesc.get("end") is not None:
                end = idesc["end"]
            elif idesc.get("end_qn") is not None:
                end = p.qn_to_time(idesc["end_qn"])
            else:
                end = start
            if end <= start:  # default length: up to the last note end, at least one measure
                start_q = p.time_to_qn(start)
                last = max([n[0] + n[1] for n in idesc["notes"]] or [0.0])
                if idesc.get("unit") == "ppq":
                    last /= PPQ
                _m, _s, m_end, _n, _d = p.measure_of_qn(start_q + max(last, 1e-6) - 1e-6)
                end = p.qn_to_time(max(m_end, start_q + last))
            it = r.create_midi_item(tr, start, end)
            it.values["B_UISEL"] = 1.0 if idesc.get("selected") else 0.0
            it.values["B_MUTE"] = 1.0 if idesc.get("muted") else 0.0
            it.values["I_FIXEDLANE"] = float(idesc.get("lane", 0))
            it.ext.update(idesc.get("ext", {}))
            tk = it.takes[0]
            tk.name = idesc.get("name", "")
            scale = 1.0 if idesc.get("unit") == "ppq" else PPQ
            for s, ln, pitch, vel, chan, sel, mute in idesc["notes"]:
                tk.notes.append(Note(s * scale, (s + ln) * scale, chan, pitch, vel, sel, mute))
            for c in idesc.get("ccs", []):
                # (pos, cc number, value[, channel]) in the item's unit
                pos, num, val = c[0], c[1], c[2]
                chan = c[3] if len(c) > 3 else 0
                tk.ccs.append(CC(pos * scale, 0xB0, chan, num, val))
            tk.sort()
    for tr, tdesc in zip(p.tracks, spec.get("tracks", [])):
        tr.sends = [None if d is None else p.tracks[int(d)].ptr for d in tdesc.get("sends", [])]
        for k, mode in enumerate(tdesc.get("send_modes", [])):
            send_info(tr, k)["I_SENDMODE"] = float(mode)
    p.cursor = float(spec.get("cursor", 0.0))
    p.dirty = 0
    p.reset_undo()
    return r
