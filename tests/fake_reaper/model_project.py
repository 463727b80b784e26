"""One simulated REAPER project: tracks, tempo map and time conversions, selection,
undo history (snapshots), sends; its dict form for inspection."""

from __future__ import annotations

import bisect
import math
import pickle

from .model_objects import Item, Obj, PPQ, Take, Track


class _Seg:
    __slots__ = ("t0", "qn0", "bpm", "num", "den", "anchor_qn", "anchor_meas", "marker")

    def qpm(self):
        return self.num * 4.0 / self.den


class Project(Obj):
    """One REAPER project: tracks, tempo map, undo history, project ext state."""

    ctype = "ReaProject*"

    def __init__(self, reaper, ptr, name="", path=""):
        self.reaper = reaper
        self.ptr = ptr
        self.name = name
        self.path = path
        self.tracks = []
        self.master = None
        self.base_bpm = 120.0
        self.base_num = 4
        self.base_den = 4
        self.markers = []
        self.sections = []  # project markers and regions: {"pos": s, "end": s, "isrgn": bool, "name": str}
        self.proj_ext = {}
        self.cursor = 0.0
        self.dirty = 0
        self.state_changes = 0
        self._segs = None
        # undo: REAPER keeps the whole state after each undo point; undoing
        # restores the state saved at the point before.
        self.undo_names = []
        self.undo_flags = []  # per point, the UNDO_STATE_* flags it was made with (-1: every state)
        self._undo_states = []
        self._redo = []

    # ------------------------------------------------------------------ tempo map
    def invalidate_tempo(self):
        self._segs = None

    def segments(self):
        if self._segs is not None:
            return self._segs
        segs = []
        cur = _Seg()
        cur.t0, cur.qn0, cur.bpm, cur.num, cur.den = 0.0, 0.0, self.base_bpm, self.base_num, self.base_den
        cur.anchor_qn, cur.anchor_meas, cur.marker = 0.0, 0, None
        for m in sorted(self.markers, key=lambda m: m.time):
            if m.time <= 1e-12 and not segs and cur.qn0 == 0.0 and cur.t0 == 0.0 and cur.marker is None:
                # a marker at the project start replaces the base tempo
                cur.bpm = m.bpm
                if m.num > 0:
                    cur.num, cur.den = m.num, m.den
                cur.marker = m
                continue
            qn = cur.qn0 + (m.time - cur.t0) * cur.bpm / 60.0
            new = _Seg()
            new.t0, new.qn0, new.bpm, new.num, new.den = m.time, qn, m.bpm, cur.num, cur.den
            new.anchor_qn, new.anchor_meas, new.marker = cur.anchor_qn, cur.anchor_meas, m
            if m.num > 0:
                # A time signature marker starts a new measure; a partial
                # measure before it still counts as a measure.
                x = (qn - cur.anchor_qn) / cur.qpm()
                k = int(math.ceil(x - 1e-9))
                new.anchor_meas = cur.anchor_meas + max(k, 0)
                new.anchor_qn = qn
                new.num, new.den = m.num, m.den
            segs.append(cur)
            cur = new
        segs.append(cur)
        self._segs = segs
        return segs

    def _seg_at_time(self, t):
        segs = self.segments()
        i = bisect.bisect_right([s.t0 for s in segs], t) - 1
        return segs[max(i, 0)]

    def _seg_at_qn(self, qn):
        segs = self.segments()
        i = bisect.bisect_right([s.qn0 for s in segs], qn) - 1
        return segs[max(i, 0)]

    def time_to_qn(self, t):
        s = self._seg_at_time(t)
        return s.qn0 + (t - s.t0) * s.bpm / 60.0

    def qn_to_time(self, qn):
        s = self._seg_at_qn(qn)
        return s.t0 + (qn - s.qn0) * 60.0 / s.bpm

    def tempo_at_time(self, t):
        return self._seg_at_time(t).bpm

    def timesig_at_qn(self, qn):
        s = self._seg_at_qn(qn)
        return s.num, s.den

    def measure_of_qn(self, qn):
        """(measure index, measure start QN, measure end QN, num, den); measures count from 0."""
        s = self._seg_at_qn(qn)
        qpm = s.qpm()
        k = int(math.floor((qn - s.anchor_qn) / qpm + 1e-9))
        m = s.anchor_meas + k
        start = s.anchor_qn + k * qpm
        end = start + qpm
        nxt = self._next_anchor_qn(s.anchor_qn)
        if nxt is not None and nxt < end - 1e-9:
            end = nxt
        return m, start, end, s.num, s.den

    def _next_anchor_qn(self, anchor_qn):
        for s in self.segments():
            if s.anchor_qn > anchor_qn + 1e-9:
                return s.anchor_qn
        return None

    def measure_start_qn(self, measure):
        """QN of the start of measure index ``measure`` plus its seg (for num/den)."""
        chosen = self.segments()[0]
        for s in self.segments():
            if s.anchor_meas <= measure:
                chosen = s
        qpm = chosen.qpm()
        start = chosen.anchor_qn + (measure - chosen.anchor_meas) * qpm
        seg = self._seg_at_qn(start)
        return start, seg

    def full_beats_at_qn(self, qn):
        """Beats since the project start, each time-signature region counted in its denominator."""
        total = 0.0
        regions = []
        for s in self.segments():
            if not regions or s.anchor_qn != regions[-1][0]:
                regions.append((s.anchor_qn, s.den))
        for i, (aq, den) in enumerate(regions):
            end = regions[i + 1][0] if i + 1 < len(regions) else math.inf
            if qn <= aq:
                break
            total += (min(qn, end) - aq) * den / 4.0
        return total

    def marker_info(self, idx):
        m = sorted(self.markers, key=lambda m: m.time)[idx]
        qn = self.time_to_qn(m.time)
        meas, mstart, _end, num, den = self.measure_of_qn(qn)
        return m, meas, (qn - mstart) * den / 4.0

    # ------------------------------------------------------------------ tracks/items
    def all_items(self):
        out = []
        for tr in self.tracks:
            out.extend(tr.sorted_items())
        return out

    def selected_items(self):
        return [it for it in self.all_items() if it.values["B_UISEL"]]

    def selected_tracks(self, want_master=False):
        out = [tr for tr in self.tracks if tr.values["I_SELECTED"]]
        if want_master and self.master is not None and self.master.values["I_SELECTED"]:
            out.insert(0, self.master)
        return out

    def track_number(self, track):
        if track.is_master:
            return -1
        try:
            return self.tracks.index(track) + 1
        except ValueError:
            return 0

    def length(self):
        end = 0.0
        for it in self.all_items():
            end = max(end, it.values["D_POSITION"] + it.values["D_LENGTH"])
        return end

    def changed(self):
        self.state_changes += 1
        self.dirty = 1

    # ------------------------------------------------------------------ take timing
    def take_source_start_qn(self, take):
        item = take.item
        pos = item.values["D_POSITION"]
        startoffs = take.values.get("D_STARTOFFS", 0.0)
        # D_STARTOFFS is "start offset in source media, in seconds" (REAPER's API doc): source seconds, which
        # the take plays D_PLAYRATE times as fast. Converting it with the tempo at the item start is exact for
        # a constant tempo and an approximation otherwise.
        return self.time_to_qn(pos) - startoffs * self.tempo_at_time(pos) / 60.0 / self.take_rate(take)

    def take_rate(self, take):
        return take.values.get("D_PLAYRATE", 1.0) or 1.0

    def ppq_from_qn(self, take, qn):
        return (qn - self.take_source_start_qn(take)) * PPQ * self.take_rate(take)

    def qn_from_ppq(self, take, ppq):
        return self.take_source_start_qn(take) + ppq / (PPQ * self.take_rate(take))

    # ------------------------------------------------------------------ undo
    def snapshot(self):
        return {
            "name": self.name,
            "tracks": [_copy_track(tr, None) for tr in self.tracks],
            "master": _copy_track(self.master, None) if self.master else None,
            "base": (self.base_bpm, self.base_num, self.base_den),
            "markers": [m.copy() for m in self.markers],
            "proj_ext": {k: dict(v) for k, v in self.proj_ext.items()},
        }

    def _saved_snapshot(self) -> bytes:
        # REAPER keeps its undo history in native memory; pickled bytes here are likewise invisible
        # to Python's cyclic GC, whose walk over hundreds of live snapshots would stall the host.
        return pickle.dumps(self.snapshot(), pickle.HIGHEST_PROTOCOL)

    def restore(self, saved: bytes):
        snap = pickle.loads(saved)
        self.reaper.unregister_project_objects(self)
        self.tracks = [_copy_track(tr, self) for tr in snap["tracks"]]
        self.master = _copy_track(snap["master"], self) if snap["master"] else None
        self.base_bpm, self.base_num, self.base_den = snap["base"]
        self.markers = [m.copy() for m in snap["markers"]]
        self.proj_ext = {k: dict(v) for k, v in snap["proj_ext"].items()}
        self.invalidate_tempo()
        self.reaper.register_project_objects(self)
        self.changed()

    def reset_undo(self):
        self.undo_names = []
        self.undo_flags = []
        self._undo_states = [self._saved_snapshot()]
        self._redo = []

    def add_undo_point(self, name, flags=-1):
        # The simulation saves every state whatever `flags` says; the flags are kept so tests can check that
        # a point was made with the states its change touched (REAPER restores only those).
        if not self._undo_states:
            self.reset_undo()
        self.undo_names.append(name)
        self.undo_flags.append(int(flags))
        self._undo_states.append(self._saved_snapshot())
        self._redo = []

    def can_undo(self):
        return self.undo_names[-1] if self.undo_names else None

    def can_redo(self):
        return self._redo[-1][0] if self._redo else None

    def undo(self):
        if not self.undo_names:
            return False
        name, flags = self.undo_names.pop(), self.undo_flags.pop()
        state = self._undo_states.pop()
        self._redo.append((name, state, flags))
        self.restore(self._undo_states[-1])
        return True

    def redo(self):
        if not self._redo:
            return False
        name, state, flags = self._redo.pop()
        self.undo_names.append(name)
        self.undo_flags.append(flags)
        self._undo_states.append(state)
        self.restore(state)
        return True

    # ------------------------------------------------------------------ inspection
    def to_dict(self):
        """JSON-friendly description of the project for test assertions."""
        out = {
            "name": self.name,
            "bpm": self.base_bpm, "num": self.base_num, "den": self.base_den,
            "markers": [{"time": m.time, "bpm": m.bpm, "num": m.num, "den": m.den}
                        for m in sorted(self.markers, key=lambda m: m.time)],
            "cursor": self.cursor,
            "undo_names": list(self.undo_names),
            "proj_ext": {k: dict(v) for k, v in self.proj_ext.items()},
            "tracks": [],
        }
        for tr in self.tracks:
            tdict = {"name": tr.name, "ptr": tr.ptr, "values": dict(tr.values), "ext": dict(tr.ext),
                     "fx": list(tr.fx), "items": []}
            for it in tr.sorted_items():
                idict = {"ptr": it.ptr, "position": it.position, "length": it.length,
                         "selected": it.selected, "muted": bool(it.values["B_MUTE"]),
                         "notes_text": it.notes_text, "ext": dict(it.ext),
                         "start_qn": self.time_to_qn(it.position),
                         "end_qn": self.time_to_qn(it.position + it.length),
                         "takes": []}
                for tk in it.takes:
                    src_qn = self.take_source_start_qn(tk)
                    idict["takes"].append({
                        "ptr": tk.ptr, "name": tk.name, "is_midi": tk.is_midi, "ext": dict(tk.ext),
                        "source_file": next((s.filename for s in tk.source.chain() if s.filename), "")
                        if tk.source else "",
                        "values": dict(tk.values),
                        "notes": [{"start_ppq": n.start, "end_ppq": n.end, "chan": n.chan,
                                   "pitch": n.pitch, "vel": n.vel, "sel": n.sel, "mute": n.mute,
                                   "start_qn": src_qn + n.start / PPQ,
                                   "end_qn": None if n.end is None else src_qn + n.end / PPQ}
                                  for n in tk.notes],
                        "ccs": [{"ppq": c.pos, "chanmsg": c.chanmsg, "chan": c.chan, "msg2": c.msg2,
                                 "msg3": c.msg3} for c in tk.ccs],
                    })
                tdict["items"].append(idict)
            out["tracks"].append(tdict)
        return out


SEND_DEFAULTS = {"I_SENDMODE": 0.0, "B_MUTE": 0.0, "D_VOL": 1.0, "D_PAN": 0.0, "B_PHASE": 0.0, "B_MONO": 0.0,
                 "I_SRCCHAN": 0.0, "I_DSTCHAN": 0.0, "I_MIDIFLAGS": 0.0, "I_AUTOMODE": -1.0}


def send_info(track, k: int) -> dict:
    """The settings of `track`'s send number `k` (in `track.sends`), REAPER's defaults until set."""
    while len(track.send_values) < len(track.sends):
        track.send_values.append(dict(SEND_DEFAULTS))
    return track.send_values[k]


def keep_sends(track, keep) -> None:
    """Only the sends whose destination `keep` accepts, each with its settings."""
    pairs = [(d, dict(send_info(track, k))) for k, d in enumerate(track.sends) if keep(d)]
    track.sends = [d for d, _v in pairs]
    track.send_values = [v for _d, v in pairs]


def _copy_track(tr, project):
    new = Track(tr.ptr, project, tr.name, tr.is_master)
    new.values = dict(tr.values)
    new.ext = dict(tr.ext)
    new.guid = tr.guid
    new.fx = list(tr.fx)
    new.sends = list(tr.sends)
    new.send_values = [dict(v) for v in getattr(tr, "send_values", [])]
    for it in tr.items:
        nit = Item(it.ptr, new)
        nit.values = dict(it.values)
        nit.active = it.active
        nit.notes_text = it.notes_text
        nit.ext = dict(it.ext)
        nit.guid = it.guid
        for tk in it.takes:
            ntk = Take(tk.ptr, nit, tk.name, tk.is_midi, tk.length_qn)
            ntk.notes = [n.copy() for n in tk.notes]
            ntk.ccs = [c.copy() for c in tk.ccs]
            ntk.texts = [t.copy() for t in tk.texts]
            ntk.sort_disabled = tk.sort_disabled
            ntk.values = dict(tk.values)
            ntk.ext = dict(tk.ext)
            ntk.guid = tk.guid
            ntk.change_count = tk.change_count
            ntk.stretch_markers = [list(m) for m in tk.stretch_markers]
            if tk.source is not None:
                ntk.source = tk.source.copy(ntk)
            nit.takes.append(ntk)
        new.items.append(nit)
    return new
