"""The simulated REAPER instance (projects, pointer registry, actions and scripts,
defer loop, console) and its global ext state (reaper-extstate.ini)."""

from __future__ import annotations

import configparser
import hashlib
import os
import shutil
import tempfile
import threading
import time
from collections import Counter

from .model_objects import (
    APP_VERSION, Item, Note, PPQ, Source, Take, Track, _POINTER_BASE, _POINTER_STEP, audio_source_type,
)
from .model_project import Project, keep_sends
from .model_transport import RecentInput, Transport
from .scripts import ScriptRuntime


class ExtState:
    """Global ext state; ``persist=True`` values go to reaper-extstate.ini.

    DOC UNCLEAR: whether section and key names are case-sensitive is not
    documented; the simulation treats them as case-sensitive. REAPER writes
    reaper-extstate.ini when it exits; the simulation writes it at once. It is
    read at startup, so installer-written values are visible.
    """

    def __init__(self, reaper):
        self.reaper = reaper
        self.values = {}
        self.persisted = set()

    def load_ini(self):
        path = os.path.join(self.reaper.resource_path, "reaper-extstate.ini")
        if not os.path.exists(path):
            return
        cp = configparser.ConfigParser(strict=False, delimiters=("=",), interpolation=None)
        cp.optionxform = str
        cp.read(path, encoding="utf-8")
        for section in cp.sections():
            for key, value in cp[section].items():
                self.values[(section, key)] = value
                self.persisted.add((section, key))

    def _write_ini(self):
        path = os.path.join(self.reaper.resource_path, "reaper-extstate.ini")
        cp = configparser.ConfigParser(strict=False, delimiters=("=",), interpolation=None)
        cp.optionxform = str
        if os.path.exists(path):
            cp.read(path, encoding="utf-8")
        for section in list(cp.sections()):
            for key in list(cp[section].keys()):
                if (section, key) not in self.persisted:
                    del cp[section][key]
        for (section, key) in sorted(self.persisted):
            if not cp.has_section(section):
                cp.add_section(section)
            cp[section][key] = self.values[(section, key)]
        with open(path, "w", encoding="utf-8") as f:
            cp.write(f, space_around_delimiters=False)

    def get(self, section, key):
        return self.values.get((section, key))

    def set(self, section, key, value, persist):
        self.values[(section, key)] = value
        if persist:
            self.persisted.add((section, key))
            self._write_ini()

    def delete(self, section, key, persist):
        self.values.pop((section, key), None)
        if persist and (section, key) in self.persisted:
            self.persisted.discard((section, key))
            self._write_ini()


# --------------------------------------------------------------------------
# The REAPER instance
# --------------------------------------------------------------------------


class Reaper:
    """A simulated REAPER: projects, global state, defer queue, console, actions."""

    def __init__(self, resource_path=None, realtime=False, app_version=APP_VERSION):
        self.lock = threading.RLock()
        self._own_resource = resource_path is None
        self.resource_path = resource_path or tempfile.mkdtemp(prefix="fake_reaper_res_")
        os.makedirs(os.path.join(self.resource_path, "Scripts"), exist_ok=True)
        self.app_version = app_version
        self._next_ptr = _POINTER_BASE
        self.objects = {}
        self.projects = []
        self.active = 0
        self.transport = Transport(self, realtime=realtime)
        self.input = RecentInput(self)
        self.ext = ExtState(self)
        self.ext.load_ini()
        self.console = []
        self.message_boxes = []
        self.message_box_answer = 1  # IDOK
        self.commands = []  # (command_id, flag, project ptr)
        self.toggle_states = {}  # (section, command id) -> state set by SetToggleCommandState (else -1)
        self.toolbar_refreshes = []  # (section, command id) of each RefreshToolbar2 call
        self.scripts = {}  # command id -> (section, path, named id without underscore)
        self.named_commands = {}  # "_NAME" -> id
        self._next_script_cmd = 53000
        self.script_errors = []
        self.script_globals = None  # dict deferred code runs in (the script's __main__)
        self.runtime = ScriptRuntime(self)  # scripts, their deferred loops and atexit code
        self.ticks = 0
        self.item_order = "position"  # or "unsorted": see Track.sorted_items
        self.late_notes = []  # (track name, project seconds, pitch) written after REAPER rendered that time
        self.ui_refresh_depth = 0
        self.undo_depth = 0  # open Undo_BeginBlock calls
        self.undo_project = None
        self.undo_changes_at_begin = 0  # the project's state change count at the outermost BeginBlock
        self.ui_updates = Counter()
        self.api_calls = Counter()
        self.errors = []  # exceptions raised inside simulated API functions
        self.pointer_errors = []  # calls with pointers that are not (or no longer) valid
        self._retbufs = {}
        self._defer_thread = None
        self._defer_stop = None
        self.tick_interval = 0.03
        self.new_project()
        self.load_kb_ini()

    # ------------------------------------------------------------------ pointers
    def alloc(self):
        p = self._next_ptr
        self._next_ptr += _POINTER_STEP
        return p

    def register(self, obj):
        self.objects[obj.ptr] = obj
        return obj

    def unregister_tree(self, obj):
        self.objects.pop(obj.ptr, None)
        if isinstance(obj, Track):
            for it in obj.items:
                self.unregister_tree(it)
        elif isinstance(obj, Item):
            for tk in obj.takes:
                self.unregister_tree(tk)
        elif isinstance(obj, Take):
            if obj.source is not None:
                for src in obj.source.chain():
                    self.objects.pop(src.ptr, None)

    def register_tree(self, obj):
        self.register(obj)
        if isinstance(obj, Track):
            for it in obj.items:
                self.register_tree(it)
        elif isinstance(obj, Item):
            for tk in obj.takes:
                self.register_tree(tk)
        elif isinstance(obj, Take):
            if obj.source is not None:
                for src in obj.source.chain():
                    self.register(src)

    def unregister_project_objects(self, project):
        for tr in project.tracks:
            self.unregister_tree(tr)
        if project.master is not None:
            self.unregister_tree(project.master)

    def register_project_objects(self, project):
        for tr in project.tracks:
            self.register_tree(tr)
        if project.master is not None:
            self.register_tree(project.master)

    def resolve(self, ptr, ctype, fn="?"):
        """Object behind pointer value ``ptr`` if it is a live ``ctype``; None otherwise.

        A non-zero pointer that is unknown, deleted or of another type is
        recorded in :attr:`pointer_errors` (in REAPER it would likely crash).
        """
        if not ptr:
            return None
        obj = self.objects.get(ptr)
        if obj is None or (ctype != "void*" and obj.ctype != ctype):
            self.pointer_errors.append((fn, ctype, ptr))
            return None
        return obj

    def is_valid(self, ptr, ctype):
        obj = self.objects.get(ptr)
        return obj is not None and (ctype == "void*" or obj.ctype == ctype)

    # ------------------------------------------------------------------ projects
    @property
    def project(self):
        return self.projects[self.active]

    def new_project(self, name=""):
        p = Project(self, self.alloc(), name=name)
        self.register(p)
        p.master = self.register(Track(self.alloc(), p, "MASTER", is_master=True))
        self.projects.append(p)
        p.reset_undo()
        return p

    def project_for(self, ptr, fn="?"):
        if not ptr:
            return self.project
        return self.resolve(ptr, "ReaProject*", fn)

    def create_track(self, project, index=None, name=""):
        tr = self.register(Track(self.alloc(), project, name))
        tr.guid = self.make_guid()
        if index is None or index < 0 or index > len(project.tracks):
            index = len(project.tracks)
        project.tracks.insert(index, tr)
        project.changed()
        return tr

    def delete_track(self, tr):
        project = tr.project
        if tr in project.tracks:
            project.tracks.remove(tr)
            for other in project.tracks:  # REAPER removes the sends to a deleted track
                keep_sends(other, lambda d: d != tr.ptr)
            self.unregister_tree(tr)
            project.changed()

    def create_item(self, track):
        it = self.register(Item(self.alloc(), track))
        it.guid = self.make_guid()
        track.items.append(it)
        track.project.changed()
        return it

    def create_take(self, item, midi=True, name="", length_qn=0.0):
        tk = self.register(Take(self.alloc(), item, name=name, is_midi=midi, length_qn=length_qn))
        tk.guid = self.make_guid()
        if midi:
            tk.source = self.register(Source(self.alloc(), tk, "MIDI"))
        item.takes.append(tk)
        item.track.project.changed()
        return tk

    def add_midi_take(self, item, notes=(), name="", active=False):
        """A MIDI take added to ``item`` (an Item or its pointer), as recording again over an item or REAPER's
        "Take > Implode items across tracks into takes" makes one: ``notes`` (start_qn, length_qn, pitch,
        vel[, chan]) from the item's start, the source as long as the item. ``active``: it becomes the
        active take. Returns the take."""
        it = item if isinstance(item, Item) else self.resolve(item, "MediaItem*")
        project = it.track.project
        length_qn = project.time_to_qn(it.position + it.length) - project.time_to_qn(it.position)
        tk = self.create_take(it, midi=True, name=name, length_qn=length_qn)
        for n in notes:
            start, ln, pitch, vel = n[:4]
            tk.notes.append(Note(start * PPQ, (start + ln) * PPQ, n[4] if len(n) > 4 else 0, pitch, vel))
        tk.sort()
        if active:
            it.active = len(it.takes) - 1
        return tk

    def create_midi_item(self, track, start, end):
        project = track.project
        it = self.create_item(track)
        it.values["D_POSITION"] = float(start)
        it.values["D_LENGTH"] = max(0.0, float(end) - float(start))
        qn0, qn1 = project.time_to_qn(start), project.time_to_qn(end)
        self.create_take(it, midi=True, length_qn=max(0.0, qn1 - qn0))
        return it

    def duplicate_item(self, it, start):
        """A copy of MIDI item ``it`` at ``start`` (seconds) on its track, as REAPER's copy and paste (or
        Ctrl+drag) makes one: the same values, notes and ext data (P_EXT), its own GUID."""
        new = self.create_item(it.track)
        new.values = dict(it.values)
        new.values["D_POSITION"] = float(start)
        new.notes_text, new.ext = it.notes_text, dict(it.ext)
        for tk in it.takes:
            ntk = self.create_take(new, midi=tk.is_midi, name=tk.name, length_qn=tk.length_qn)
            ntk.notes = [n.copy() for n in tk.notes]
            ntk.ccs = [c.copy() for c in tk.ccs]
            ntk.texts = [t.copy() for t in tk.texts]
            ntk.values, ntk.ext = dict(tk.values), dict(tk.ext)
        new.active = it.active
        it.track.project.changed()
        return new

    def pooled_copy(self, it, start, track=None):
        """A pooled copy of MIDI item ``it`` at ``start`` (seconds), on ``track`` (an object; default its own), as
        REAPER's Ctrl+drag with "pooled MIDI" (Edit > Copy items pooled, or a paste with "Pool MIDI source data"
        on) makes one: its own GUID and item values, but one MIDI source with ``it``: a note deleted, moved or
        added in either is so in both (MIDI_SetItemExtents moves the events of both). Both sources then report
        the type "MIDIPOOL" (GetMediaSourceType; "<SOURCE MIDIPOOL" in the item's state chunk) instead of
        "MIDI"."""
        new = self.duplicate_item(it, start)
        if track is not None and track is not it.track:
            it.track.items.remove(new)
            new.track = track
            track.items.append(new)
        for tk, ntk in zip(it.takes, new.takes):
            if tk.is_midi:
                ntk.notes, ntk.ccs, ntk.texts = tk.notes, tk.ccs, tk.texts
                tk.source.kind = ntk.source.kind = "MIDIPOOL"
        it.track.project.changed()
        return new

    def unpool(self, it):
        """REAPER's "Item: Remove active take from MIDI source data pool (AKA un-pool, un-ghost, make unique)"
        (action 41613) on item ``it``: its active take gets a MIDI source of its own, a copy of the pool's
        events, of type "MIDI" (the pool's other items keep theirs, and stay pooled among themselves)."""
        tk = it.active_take()
        tk.notes, tk.ccs, tk.texts = [n.copy() for n in tk.notes], [c.copy() for c in tk.ccs], [x.copy() for x in tk.texts]
        tk.source.kind = "MIDI"
        it.track.project.changed()

    def duplicate_track(self, tr, pooled=False):
        """A copy of track ``tr`` (one outside folders) right under it, as REAPER's "Track: Duplicate tracks"
        makes one: its name, values, ext data (P_EXT) and FX, and a copy of each of its items (their own GUIDs;
        with ``pooled``, each pooled with its original, as with "Pool MIDI source data" on). Returns it."""
        project = tr.project
        new = self.create_track(project, index=project.tracks.index(tr) + 1, name=tr.name)
        new.values, new.ext, new.fx = dict(tr.values), dict(tr.ext), list(tr.fx)
        new.values["I_SELECTED"] = 0.0
        for it in sorted(tr.items, key=lambda i: i.position):
            if pooled:
                self.pooled_copy(it, it.position, track=new)
                continue
            copy = self.duplicate_item(it, it.position)
            tr.items.remove(copy)
            copy.track = new
            new.items.append(copy)
        project.changed()
        return new

    def create_audio_item(self, track, path, start, length, startoffs=0.0, playrate=1.0, name="",
                          section=None, loop=False):
        """An item playing an audio file: its take's source names ``path`` (not read here).

        ``section``: (offset, length, reversed) makes the take's source a
        SECTION of the file's source, as REAPER does for reversed items.
        """
        it = self.create_item(track)
        it.values["D_POSITION"] = float(start)
        it.values["D_LENGTH"] = max(0.0, float(length))
        it.values["B_LOOPSRC"] = 1.0 if loop else 0.0
        tk = self.create_take(it, midi=False, name=name or os.path.basename(str(path)))
        tk.values["D_STARTOFFS"] = float(startoffs)
        tk.values["D_PLAYRATE"] = float(playrate)
        src = Source(self.alloc(), tk, audio_source_type(path), os.fspath(path))
        if section is not None:
            offset, sec_len, rev = section
            src = Source(self.alloc(), tk, "SECTION", "", src, offset, sec_len, rev)
        tk.source = src
        for s in src.chain():
            self.register(s)
        return it

    def delete_item(self, item):
        track = item.track
        if item in track.items:
            track.items.remove(item)
            self.unregister_tree(item)
            track.project.changed()
            return True
        return False

    def make_guid(self):
        h = hashlib.md5(str(self._next_ptr + len(self.objects)).encode() + os.urandom(4)).hexdigest().upper()
        return "{%s-%s-%s-%s-%s}" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])

    # ------------------------------------------------------------------ actions / scripts
    def load_kb_ini(self):
        path = os.path.join(self.resource_path, "reaper-kb.ini")
        if not os.path.exists(path):
            return
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.strip().split(" ", 4)
                if len(parts) >= 5 and parts[0] == "SCR":
                    flags = int(parts[1]) if parts[1].isdigit() else 4
                    section = int(parts[2]) if parts[2].lstrip("-").isdigit() else 0
                    named = parts[3].lstrip("_")
                    rest = parts[4]
                    # rest: "Custom: name.py" /path/to/script.py
                    if rest.startswith('"'):
                        close = rest.find('"', 1)
                        path_part = rest[close + 1:].strip()
                    else:
                        path_part = rest.split(" ", 1)[-1]
                    path_part = path_part.strip('"')
                    if not os.path.isabs(path_part):  # relative to Scripts/, as REAPER writes it
                        path_part = os.path.join(self.resource_path, "Scripts", path_part)
                    self.register_script(path_part, section, named, flags)

    def register_script(self, path, section=0, named=None, flags=4):
        self.runtime.flags[path] = flags
        for cmd, (sec, p, nm) in self.scripts.items():
            if p == path and sec == section:
                return cmd
        if named is None:
            named = "RS" + hashlib.sha1(("%d:%s" % (section, path)).encode()).hexdigest()
        cmd = self._next_script_cmd
        self._next_script_cmd += 1
        self.scripts[cmd] = (section, path, named)
        self.named_commands["_" + named] = cmd
        return cmd

    def unregister_script(self, path, section=0):
        for cmd, (sec, p, nm) in list(self.scripts.items()):
            if p == path and sec == section:
                del self.scripts[cmd]
                self.named_commands.pop("_" + nm, None)
                return True
        return False

    def write_kb_ini(self):
        path = os.path.join(self.resource_path, "reaper-kb.ini")
        lines = []
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = [ln.rstrip("\n") for ln in f if not ln.startswith("SCR ")]
        for cmd, (sec, p, nm) in sorted(self.scripts.items()):
            lines.append('SCR %d %d %s "Custom: %s" %s' % (self.runtime.flags.get(p, 4), sec, nm, os.path.basename(p), p))
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + ("\n" if lines else ""))

    def run_script(self, path):
        """Run a Python ReaScript like REAPER does (see scripts.py): as ``__main__`` in the script namespace."""
        self.runtime.run_script(path, self.script_globals if self.script_globals is not None else {})

    def run_command(self, command, flag=0, proj=0):
        """Main_OnCommand for a registered script (REAPER's own actions: reaper_python._ACTIONS)."""
        self.commands.append((command, flag, proj))
        if command in self.scripts:
            self.run_script(self.scripts[command][1])

    def run_startup(self):
        """REAPER starts: Scripts/__startup.lua runs (see scripts.py)."""
        with self.lock:
            return self.runtime.run_startup()

    @property
    def deferred(self):
        """Code queued by RPR_defer, every script's."""
        return self.runtime.pending()

    # ------------------------------------------------------------------ defer loop
    def run_deferred(self, ticks=1):
        """Play ``ticks`` rounds of REAPER's defer loop (one round = calls queued before it)."""
        for _ in range(ticks):
            with self.lock:
                self.input.release_due()
                self.runtime.tick()
                self.ticks += 1

    def run_atexit(self):
        with self.lock:
            self.runtime.run_all_exits()

    def start_defer_thread(self, interval=None):
        """Run the defer loop in a background thread every ``interval`` seconds (REAPER: ~30 ms)."""
        if self._defer_thread is not None:
            return
        if interval is not None:
            self.tick_interval = interval
        stop = threading.Event()

        def loop():
            while not stop.is_set():
                t0 = time.monotonic()
                self.run_deferred()
                stop.wait(max(0.0, self.tick_interval - (time.monotonic() - t0)))

        th = threading.Thread(target=loop, name="fake-reaper-defer", daemon=True)
        self._defer_stop = stop
        self._defer_thread = th
        th.start()

    def stop_defer_thread(self, timeout=5.0):
        th, stop = self._defer_thread, self._defer_stop
        if th is None:
            return
        stop.set()
        th.join(timeout)
        self._defer_thread = None
        self._defer_stop = None
        if th.is_alive():
            raise RuntimeError("fake REAPER defer thread did not stop within %.1f s" % timeout)

    def close(self):
        self.stop_defer_thread()
        if self._own_resource:
            shutil.rmtree(self.resource_path, ignore_errors=True)

    # ------------------------------------------------------------------ inspection
    def console_text(self):
        return "".join(self.console)

    @property
    def undo_names(self):
        return list(self.project.undo_names)

    def to_dict(self):
        return {"project": self.project.to_dict(), "console": self.console_text(),
                "commands": list(self.commands), "play_state": self.transport.state,
                "ext_state": {"%s/%s" % k: v for k, v in self.ext.values.items()},
                "errors": list(self.errors), "pointer_errors": list(self.pointer_errors),
                "script_errors": list(self.script_errors), "ui_refresh_depth": self.ui_refresh_depth,
                "api_calls": dict(self.api_calls)}

    @classmethod
    def from_spec(cls, spec, resource_path=None, realtime=False):
        from .project_spec import build  # here: project_spec imports this module

        return build(spec, resource_path=resource_path, realtime=realtime)
