"""A simulated REAPER for tests: the real, unmodified reapy on top of a fake
``reaper_python`` backed by an in-memory project.

Inside mode (reapy imported "inside REAPER", in the test process)::

    from fake_reaper import ProjectSpec, reapy_inside

    spec = ProjectSpec(bpm=100, timesig=(4, 4))
    bass = spec.add_track("Bass", armed=True)
    spec.add_midi_item(bass, start_qn=0, length_qn=8, notes=[(0, .5, 36, 100)], selected=True)
    with reapy_inside(spec) as s:          # s.reapy, s.rpr (reaper_python), s.reaper (the model)
        assert s.reapy.Project().n_tracks == 1
        s.rpr.RPR_Undo_BeginBlock2(0) ...
        s.reaper.run_deferred()            # one round of REAPER's defer loop
        s.reaper.start_defer_thread()      # or a background defer loop (~30 ms)

Distant mode (a separate process plays REAPER, with reapy's real server on
127.0.0.1; this process imports reapy "outside" and talks over the socket)::

    from fake_reaper import FakeReaperProcess, distant_reapy

    with FakeReaperProcess(spec) as proc, distant_reapy(proc) as reapy:
        proc.reset_stats()
        assert reapy.Project().n_tracks == 1
        assert proc.round_trips() == 2

reapy decides "inside or outside" when it is imported, per process, so the
helpers remove reapy from ``sys.modules`` before and after each session. Pass
``purge=("reagroove.reaper_ext",)`` to also drop your own modules that did
``import reapy``.

Modules, one job each:

* ``project``: the in-memory REAPER, gathered from ``model_objects`` (units,
  tracks, items, takes, MIDI events), ``model_project`` (tempo map, undo),
  ``model_transport`` (transport, recent MIDI input), ``model_reaper`` (the
  instance, ext state), ``model_midi_buffer`` (packed MIDI buffers, hashes)
  and ``project_spec`` (:class:`ProjectSpec`, :func:`build`);
* ``reaper_python``: the module reapy imports (``_ft``, ``RPR_`` wrappers), from
  ``api_decls`` (C declarations), ``api_common`` and the simulations by job:
  ``api_app``, ``api_extstate_undo``, ``api_transport``, ``api_tempo``,
  ``api_tracks``, ``api_items``, ``api_takes``, ``api_midi``;
* ``imgui`` (+ ``imgui_widgets``, ``imgui_tables``): simulated ReaImGui;
* ``scripts``: how REAPER runs ReaScripts; ``serving``, ``host``: reapy's server
  and the separate REAPER process of distant mode; ``remote_demo``,
  ``start_reagroove_server``: scripts the tests run in it.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import types
import warnings

from .project import (  # noqa: F401
    PPQ, SAMPLE_RATE, CC, Item, Note, Project, ProjectSpec, Reaper, Take, TempoMarker, Track,
    build, pack_events, unpack_buffer,
)

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS_DIR = os.path.dirname(HERE)

_PURGE_PREFIXES = ("reapy", "reaper_python", "sws_python", "fake_reaper.serving")


def _purge(extra=()):
    prefixes = tuple(_PURGE_PREFIXES) + tuple(extra)
    for name in list(sys.modules):
        for p in prefixes:
            if name == p or name.startswith(p + "."):
                del sys.modules[name]
                break


# --------------------------------------------------------------------------
# inside mode
# --------------------------------------------------------------------------


class InsideSession:
    """reapy imported inside the simulated REAPER ``reaper``.

    Attributes: ``reaper`` (the model, :class:`fake_reaper.project.Reaper`),
    ``rpr`` (the simulated ``reaper_python`` module), ``reapy`` (the real reapy),
    ``main`` (the module standing for the script's ``__main__``).
    """

    def __init__(self, reaper, rpr, reapy_module, main, saved_main, added_paths):
        self.reaper = reaper
        self.rpr = rpr
        self.reapy = reapy_module
        self.main = main
        self._saved_main = saved_main
        self._added_paths = added_paths
        self._servers = []
        self.closed = False

    def problems(self):
        """Errors raised inside the simulated API, dangling pointers, failed scripts."""
        r = self.reaper
        out = []
        out += ["API error in %s: %s" % (e[0], e[2] or e[1]) for e in r.errors]
        out += ["pointer %s passed to %s is not a live %s" % (hex(e[2]), e[0], e[1]) for e in r.pointer_errors]
        out += ["script %s failed:\n%s" % e for e in r.script_errors]
        return out


def enter_inside(reaper=None, purge=(), resource_path=None):
    """Load the simulation as ``reaper_python`` and import the real reapy inside it.

    ``reaper`` is a :class:`Reaper`, a :class:`ProjectSpec` (or its dict) or
    None (empty project); ``resource_path`` is REAPER's resource folder for a
    Reaper built here (default: a temporary folder removed on exit). Returns
    an :class:`InsideSession`; undo with :func:`exit_inside`.
    """
    owned = not isinstance(reaper, Reaper)
    if reaper is None:
        reaper = Reaper(resource_path=resource_path)
    elif isinstance(reaper, (ProjectSpec, dict)):
        reaper = build(reaper, resource_path=resource_path)
    _purge(purge)
    added = []
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
        added.append(HERE)
    if TESTS_DIR not in sys.path:
        sys.path.insert(0, TESTS_DIR)
        added.append(TESTS_DIR)
    import reaper_python as rpr

    rpr.fake_install(reaper)
    # REAPER runs Python ReaScripts as __main__ with reaper_python's names in
    # it; reapy looks for __main__.obj to know it is inside REAPER.
    main = types.ModuleType("__main__")
    main.__dict__.update({k: v for k, v in vars(rpr).items() if k.startswith("RPR_")})
    main.obj = object()
    saved_main = sys.modules.get("__main__")
    sys.modules["__main__"] = main
    reaper.script_globals = main.__dict__
    scripts_dir = os.path.join(reaper.resource_path, "Scripts")
    try:
        import reapy
    except BaseException:
        sys.modules["__main__"] = saved_main
        _purge(purge)
        raise
    if scripts_dir in sys.path:
        added.append(scripts_dir)
    if not reapy.is_inside_reaper():
        raise RuntimeError("reapy did not detect the simulated REAPER")
    session = InsideSession(reaper, rpr, reapy, main, saved_main, added)
    session._owned = owned
    return session


def exit_inside(session, purge=()):
    """Stop the defer thread, drop reapy and the simulated module, restore ``__main__``."""
    if session.closed:
        return
    session.closed = True
    try:
        for server in reversed(session._servers):
            server.stop()
        session.reaper.stop_defer_thread()
    finally:
        _purge(purge)
        if session._saved_main is not None:
            sys.modules["__main__"] = session._saved_main
        for p in session._added_paths:
            while p in sys.path:
                sys.path.remove(p)
        session.reaper.script_globals = None
        from . import project
        if project._current is session.reaper:
            project.set_current(None)
        if getattr(session, "_owned", False):
            session.reaper.close()  # removes its temporary resource folder


@contextlib.contextmanager
def reapy_inside(reaper=None, purge=(), check=True, resource_path=None):
    """Context manager around :func:`enter_inside` / :func:`exit_inside`.

    With ``check=True`` the exit raises AssertionError if the simulated API
    recorded problems (exceptions inside API functions, pointers that are not
    live objects, failing scripts or deferred code).
    """
    session = enter_inside(reaper, purge, resource_path)
    failed = False
    try:
        yield session
    except BaseException:
        failed = True
        raise
    finally:
        exit_inside(session, purge)
        if check and not failed:
            problems = session.problems()
            if problems:
                raise AssertionError("simulated REAPER reported problems:\n" + "\n".join(problems))


class LocalServer:
    """reapy's server (on 127.0.0.1) plus REAPER's web interface, served by a
    defer thread in *this* process, for inside-mode sessions. Clients here
    must use reapy's ``Client`` class or raw sockets (reapy itself is inside).
    Attributes: ``port``, ``web_port``, ``counter`` (round trips)."""

    def __init__(self, session, port=0, tick=0.03, server_class=None):
        from . import serving

        self.session = session
        self.counter = serving.RoundTripCounter().install()
        with session.reaper.lock:
            self.handle = serving.start_reapy_server(port, server_class or serving.LoopbackServer)
        self.port = self.handle.port
        self.web = serving.WebInterface(session.reaper, session.rpr).start()
        self.web_port = self.web.port
        session.reaper.start_defer_thread(tick)
        session._servers.append(self)

    def round_trips(self):
        return self.counter.count

    def stop(self):
        if self.handle is None:
            return
        try:
            self.session.reaper.stop_defer_thread()
            with self.session.reaper.lock:
                self.handle.stop()
            self.web.stop()
        finally:
            self.counter.uninstall()
            self.handle = None


def start_local_server(session, port=0, tick=0.03, server_class=None):
    """Serve ``session`` (an InsideSession) over reapy's socket from this process; stopped on exit_inside."""
    return LocalServer(session, port, tick, server_class)


# --------------------------------------------------------------------------
# distant mode
# --------------------------------------------------------------------------


class FakeReaperError(RuntimeError):
    pass


class FakeReaperProcess:
    """A subprocess hosting the simulated REAPER with reapy's server on 127.0.0.1.

    ``spec``: a :class:`ProjectSpec` (or its dict). ``tick``: defer interval in
    seconds (REAPER: ~0.03). ``server``: ``"reapy"`` starts reapy's own server
    (bound to loopback, free port) like ``activate_reapy_server.py``;
    ``"none"`` starts none (run your own with ``server_script=`` or
    :meth:`run_script`). ``lifetime``: the process is killed after that many
    seconds whatever happens, so a hung client cannot hang the test run.

    Attributes once started: ``host`` ("127.0.0.1"), ``web_port`` (the web
    interface reapy's client asks for the server port), ``server_port``,
    ``resource_path``, ``pid``.
    """

    host = "127.0.0.1"

    def __init__(self, spec=None, tick=0.03, server="reapy", server_port=0, server_script=None,
                 resource_path=None, realtime=False, sys_path=(), startup_timeout=30.0, lifetime=300.0,
                 request_timeout=15.0):
        if spec is None:
            spec = ProjectSpec()
        self.spec = spec.to_dict() if isinstance(spec, ProjectSpec) else dict(spec)
        self.tick = tick
        self.server = server
        self.server_port_req = server_port
        self.server_script = server_script
        self._resource_arg = resource_path
        self.resource_path = resource_path
        self.realtime = realtime
        self.sys_path = list(sys_path)
        self.startup_timeout = startup_timeout
        self.lifetime = lifetime
        self.request_timeout = request_timeout
        self.proc = None
        self._ids = itertools.count(1)
        self._responses = {}
        self._cv = threading.Condition()
        self._reader = None
        self._killer = None
        self._tmpdir = None
        self.web_port = self.server_port = self.pid = None
        self.log_path = None
        self._write_lock = threading.Lock()

    # ---------------------------------------------------------------- lifecycle
    def start(self):
        self._tmpdir = tempfile.mkdtemp(prefix="fake_reaper_proc_")
        spec_path = os.path.join(self._tmpdir, "spec.json")
        with open(spec_path, "w", encoding="utf-8") as f:
            json.dump(self.spec, f)
        self.log_path = os.path.join(self._tmpdir, "host.log")
        self._final_log = None
        self.resource_path = self._resource_arg
        if not self.resource_path:
            # owned here (not by the host) so that it goes away even if the host is killed
            self.resource_path = os.path.join(self._tmpdir, "resource")
            os.makedirs(self.resource_path)
        cmd = [sys.executable, "-u", os.path.join(HERE, "host.py"), "--spec", spec_path,
               "--tick", str(self.tick), "--server", self.server, "--server-port", str(self.server_port_req)]
        if self.server_script:
            cmd += ["--server-script", self.server_script]
        if self.resource_path:
            cmd += ["--resource-path", str(self.resource_path)]
        if self.realtime:
            cmd += ["--realtime"]
        for p in [TESTS_DIR] + self.sys_path:
            cmd += ["--sys-path", str(p)]
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([TESTS_DIR] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        env.pop("PYTHONSTARTUP", None)
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                     env=env, cwd=self._tmpdir, text=True, encoding="utf-8", bufsize=1)
        self._reader = threading.Thread(target=self._read, name="fake-reaper-reader", daemon=True)
        self._reader.start()
        self._killer = threading.Timer(self.lifetime, self._kill)
        self._killer.daemon = True
        self._killer.start()
        ready = self._wait_for("ready", self.startup_timeout)
        self.pid = ready["pid"]
        self.web_port = ready["web_port"]
        self.server_port = ready["server_port"]
        self.resource_path = ready["resource_path"]
        return self

    def _read(self):
        for line in self.proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            with self._cv:
                key = "ready" if msg.get("ready") else msg.get("id")
                self._responses[key] = msg
                self._cv.notify_all()
        with self._cv:
            self._responses["eof"] = True
            self._cv.notify_all()

    def _wait_for(self, key, timeout):
        deadline = time.monotonic() + timeout
        with self._cv:
            while key not in self._responses:
                if "eof" in self._responses:
                    raise FakeReaperError("fake REAPER process exited:\n" + self.log_text())
                left = deadline - time.monotonic()
                if left <= 0:
                    raise FakeReaperError("fake REAPER process did not answer within %.1f s:\n%s"
                                          % (timeout, self.log_text()))
                self._cv.wait(min(left, 0.1))
            return self._responses.pop(key)

    def _kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()

    def close(self, timeout=5.0):
        """Shut the process down (atexit code runs, sockets close); kill it if it does not exit."""
        if self.proc is None:
            return
        try:
            if self.proc.poll() is None:
                try:
                    with self._write_lock:
                        self.proc.stdin.write(json.dumps({"id": -1, "cmd": "shutdown"}) + "\n")
                        self.proc.stdin.flush()
                        self.proc.stdin.close()
                except (OSError, ValueError):
                    pass
                try:
                    self.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout)
        finally:
            if self._killer is not None:
                self._killer.cancel()
            if self._reader is not None:
                self._reader.join(timeout)
            for f in (self.proc.stdout, self.proc.stdin):
                try:
                    f.close()
                except (OSError, ValueError):
                    pass
            self._log.close()
            self._final_log = self.log_text()
            self.returncode = self.proc.returncode
            self.proc = None
            if self._tmpdir:
                import shutil
                shutil.rmtree(self._tmpdir, ignore_errors=True)
                self._tmpdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
        return False

    def log_text(self):
        """What the REAPER process printed (stderr, tracebacks of failed deferred code...)."""
        if getattr(self, "_final_log", None) is not None:
            return self._final_log
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except (OSError, TypeError):
            return ""

    # ---------------------------------------------------------------- control
    def request(self, cmd, timeout=None, **kw):
        """Run a control command in the REAPER process (between defer ticks)."""
        if self.proc is None or self.proc.poll() is not None:
            raise FakeReaperError("fake REAPER process is not running")
        cid = next(self._ids)
        kw.update(id=cid, cmd=cmd)
        with self._write_lock:
            self.proc.stdin.write(json.dumps(kw) + "\n")
            self.proc.stdin.flush()
        resp = self._wait_for(cid, timeout or self.request_timeout)
        if not resp.get("ok"):
            raise FakeReaperError("fake REAPER command %r failed:\n%s" % (cmd, resp.get("error")))
        return resp.get("result")

    def exec(self, code, **variables):
        """Run Python ``code`` in the REAPER process; returns the variable ``result``.

        Names available: ``reaper`` (model), ``rpr`` (reaper_python), ``reapy``,
        ``counter`` (round trips), ``server`` (handle), ``fr`` (project module).
        """
        return self.request("exec", code=code, vars=variables)

    def round_trips(self):
        """Requests received by the REAPER side since the last :meth:`reset_stats`."""
        return self.request("stats")["round_trips"]

    def stats(self):
        return self.request("stats")

    def reset_stats(self):
        return self.request("reset_stats")

    def snapshot(self):
        """``reaper.to_dict()`` of the simulated REAPER (project, console, errors...)."""
        return self.request("snapshot")

    def feed_input(self, events):
        """events: [(msg bytes, proj_pos=-1, dev=0, loop_cnt=0), ...] received now."""
        return self.request("feed_input", events=[[list(e[0])] + list(e[1:]) for e in events])

    def schedule_input(self, events):
        """events: [(proj_pos, msg bytes[, dev[, loop]]), ...] received when playback passes proj_pos."""
        return self.request("schedule_input", events=[[e[0], list(e[1])] + list(e[2:]) for e in events])

    def advance(self, seconds):
        """Manual clock: let time pass in the REAPER process (moves the play position)."""
        return self.request("advance", seconds=seconds)

    def stall(self, seconds):
        """Make REAPER's main thread busy for ``seconds`` (answers first, then stalls)."""
        return self.request("stall", seconds=seconds)

    def set_tick(self, interval):
        return self.request("tick", interval=interval)

    def run_script(self, path):
        return self.request("run_script", path=str(path))

    def ext_state(self, section, key):
        """GetExtState in the REAPER process (e.g. the port a server script published)."""
        return self.exec("result = rpr.RPR_GetExtState(section, key)", section=section, key=key)

    def drop_clients(self):
        """Close every client connection on the REAPER side (reapy's server keeps listening)."""
        return self.exec("server.server.drop_clients(); result = True")

    def kill(self):
        """Kill the REAPER process at once (a crash: no atexit, sockets reset)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


_DIST_WARNING = "Can't reach distant API"


@contextlib.contextmanager
def distant_reapy(proc, purge=()):
    """Import the real reapy *outside* REAPER in this process, connected to ``proc``.

    reapy's client asks ``proc``'s web interface for the server port (as with
    a real REAPER) and then talks to reapy's server over 127.0.0.1. On exit the
    client sockets are closed and reapy is removed from ``sys.modules``.
    """
    _purge(purge)
    main = sys.modules.get("__main__")
    if main is not None and hasattr(main, "obj"):
        raise RuntimeError("__main__ has an attribute 'obj': reapy would think it runs inside REAPER")
    with warnings.catch_warnings():
        # At import reapy tries REAPER's default web interface port (2307) and
        # warns that it cannot reach it; the connection is made just below.
        warnings.filterwarnings("ignore", message=_DIST_WARNING)
        import reapy
    try:
        reapy.config.WEB_INTERFACE_PORT = proc.web_port
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a failed connection must not pass silently
            reapy.connect(proc.host)
        if not reapy.dist_api_is_enabled():
            raise FakeReaperError("reapy could not connect to the fake REAPER")
        yield reapy
    finally:
        try:
            from reapy.tools.network import machines
            for client in set(machines.CLIENTS.values()):
                if client is not None:
                    try:
                        client._socket.close()
                    except OSError:
                        pass
        finally:
            _purge(purge)


# --------------------------------------------------------------------------
# pytest fixtures (import them into a test module or a conftest)
# --------------------------------------------------------------------------

try:
    import pytest
except ImportError:  # pragma: no cover
    pytest = None

if pytest is not None:

    @pytest.fixture
    def fake_inside():
        """Factory: ``fake_inside(spec_or_reaper=None, purge=())`` -> InsideSession, closed at teardown."""
        sessions = []

        def make(reaper=None, purge=(), resource_path=None):
            s = enter_inside(reaper, purge, resource_path)
            sessions.append((s, purge))
            return s

        yield make
        for s, purge in reversed(sessions):
            exit_inside(s, purge)
        problems = [p for s, _ in sessions for p in s.problems()]
        if problems:
            pytest.fail("simulated REAPER reported problems:\n" + "\n".join(problems))

    @pytest.fixture
    def fake_reaper_process():
        """Factory: ``fake_reaper_process(spec=None, **kw)`` -> started FakeReaperProcess, closed at teardown."""
        procs = []

        def make(spec=None, **kw):
            p = FakeReaperProcess(spec, **kw).start()
            procs.append(p)
            return p

        yield make
        for p in reversed(procs):
            p.close()
