"""The warm engine (reaper_ext/warm_engine.py): REAPER's second Drumify runs in the engine the first one left up,
without 3-4 s of torch and model loading, exactly as a one-shot run would; a stale or dead one, a wrong token,
a second request at once, live follow and the editor never leave an action hanging or two runs interleaved.

reagroove_common (the installed actions' module) is loaded from its template, its engine the venv's own
`reagroove`; REAPER is the simulated one with ReaGroove's real server (tests/test_reaper.py's fixture).
"""

import importlib.util
import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
from test_reaper import bass_project, reaper_process  # noqa: F401 - the fixture

from reagroove.reaper_ext import warm_engine
from reagroove.reaper_ext.bridge import DistantBridge
from reagroove.reaper_ext.warm_engine import WarmEngine

ROOT = Path(__file__).resolve().parents[1]
REAGROOVE = str(Path(sys.executable).with_name("reagroove"))
WAIT_S = 120.0  # generous: the engine imports torch on a machine whose cores are shared


def load_common(tmp_path, spawned=None):
    """reagroove_common as an action imports it, its log in tmp_path; `spawned` (a list) records spawns instead
    of starting processes, each a (argv, extra_env) pair."""
    spec = importlib.util.spec_from_file_location(f"reagroove_common_{id(tmp_path)}",
                                                  ROOT / "install" / "reaper_scripts" / "reagroove_common.py")
    common = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(common)
    common.SITE_DIRS, common.REAGROOVE = [], REAGROOVE
    common.LOG_PATH = str(tmp_path / "logs" / "reagroove.log")
    common.ensure_server = lambda port=None: False  # the server runs (or is not needed)
    if spawned is not None:
        class Spawned:
            def __init__(self, args):
                self.args = args

            def poll(self):
                return 0

        def spawn(args, engine=None, log_path=None, extra_env=None):
            spawned.append((list(args), dict(extra_env or {})))
            return Spawned(args)

        common.spawn = spawn
    return common


def wait_for(handle):
    deadline = time.monotonic() + WAIT_S
    while handle.poll() is None:
        assert time.monotonic() < deadline, "the engine never finished"
        time.sleep(0.05)
    return handle.poll()


def drum_notes(port):
    bridge = DistantBridge(port, timeout=30)
    try:
        return [item["notes"] for item in bridge.call("drum_track_items")["items"]]
    finally:
        bridge.close()


class EngineInThread:
    """A WarmEngine served in this process (its runs stand-ins), with its warm file where the actions look."""

    def __init__(self, common, port, run=None, **kw):
        self.runs, self.ended = [], []
        kw.setdefault("fingerprint", lambda: "files")  # not the checkout's, which other work may be editing
        self.engine = WarmEngine(common.warm_file(port), port, engine=REAGROOVE, run=run or self._run,
                                 alive=kw.pop("alive", lambda p: True), check_s=0.05, alive_s=0,
                                 end_process=self.ended.append, **kw)  # its process is this one: not ended
        self.code = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not os.path.exists(common.warm_file(port)):
            assert time.monotonic() < deadline
            time.sleep(0.01)

    def _run(self, argv):
        self.runs.append(argv)
        return 0

    def _serve(self):
        try:
            self.code = self.engine.serve()
        except SystemExit:  # a stand-in run that ends the engine as its process would end
            self.code = "ended"

    def stop(self):
        self.engine.idle_s = 0
        self.thread.join(10)
        assert not self.thread.is_alive()


# ---------------------------------------------------------------- the real engine, the simulated REAPER


def test_the_second_drumify_runs_in_the_warm_engine_and_writes_what_a_one_shot_run_writes(reaper_process,  # noqa: F811
                                                                                         tmp_path):
    proc, port = reaper_process(bass_project())
    common = load_common(tmp_path)
    started = []
    spawn = common.spawn
    common.spawn = lambda *a, **kw: started.append(a[0]) or spawn(*a, **kw)
    report = tmp_path / "report.json"

    def drumify(seed):
        return common.run_engine(["reaper", "drumify", "--seed", str(seed), "--report", str(report)], port)

    common.WARM_ENGINE = False  # as before: a process of its own, which ends
    one_shot = drumify(1)
    assert one_shot.wait(WAIT_S) == 0 and json.loads(report.read_text())["ok"]
    written_once = drum_notes(port)
    common.WARM_ENGINE = True
    first = drumify(2)  # spawned, and stays up once it has run
    assert wait_for(first) == 0 and json.loads(report.read_text())["ok"]
    other_seed = drum_notes(port)
    report.unlink()
    try:
        second = drumify(1)
        assert isinstance(second, common.WarmRun) and second.pid == first.pid and len(started) == 2
        assert wait_for(second) == 0 and json.loads(report.read_text())["ok"]  # its own run's report
        assert first.process.poll() is None  # still up for the next click
        assert other_seed != written_once and drum_notes(port) == written_once  # written, as a one-shot run does
        undo = proc.exec("result = list(reaper.undo_names)")
        assert undo == [f"ReaGroove: drumify (seed {n})" for n in (1, 2, 1)]  # one undo point each, as always
        log = Path(common.LOG_PATH).read_text()
        assert f"reagroove reaper drumify --seed 1 --report {report} --port {port} (warm engine {first.pid})" in log
        os.remove(common.warm_file(port))  # as when another engine takes its place: it ends, without a trace
        assert first.process.wait(WAIT_S) == 0
        assert not list(Path(common.LOG_PATH).parent.glob("*.done"))
        assert "reagroove: warm engine" in Path(common.LOG_PATH).read_text().splitlines()[-1]
    finally:
        if first.process.poll() is None:
            first.process.kill()


# ---------------------------------------------------------------- falling back, refusing, ending


def test_a_stale_or_dead_warm_engine_falls_back_to_a_spawn(tmp_path):
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23456
    warm_file = Path(common.warm_file(port))
    warm_file.parent.mkdir(parents=True)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]  # nothing listens there once closed
    for record in [{"protocol": common.WARM_PROTOCOL, "port": dead_port, "token": "t", "engine": REAGROOVE},  # gone
                   "not json"]:
        warm_file.write_text(json.dumps(record) if isinstance(record, dict) else record)
        handle = common.run_engine(["reaper", "drumify"], port)
        assert isinstance(handle, common.WarmStart) and handle.poll() == 0
    assert [args for args, _env in spawned] == [["reaper", "drumify", "--port", str(port)]] * 2
    assert all(env["REAGROOVE_WARM_FILE"] == str(warm_file) for _args, env in spawned)


@pytest.mark.parametrize("stale", [lambda common: {"protocol": common.WARM_PROTOCOL + 1},
                                   lambda common: {"engine": "/another/venv/bin/reagroove"}],
                         ids=["another_version", "another_venv"])
def test_a_warm_engine_of_another_version_or_venv_is_never_sent_a_request(tmp_path, stale):
    """Its warm file names a live engine that would take the request (the token right): the action still spawns
    its own, with its own version's code and its own venv's packages."""
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23464
    warm = EngineInThread(common, port)
    try:
        info = json.loads(Path(common.warm_file(port)).read_text())
        Path(common.warm_file(port)).write_text(json.dumps(dict(info, **stale(common))))
        assert isinstance(common.run_engine(["reaper", "drumify"], port), common.WarmStart)
        assert len(spawned) == 1
        time.sleep(0.2)  # room for a wrongly sent request to run
        assert warm.runs == []
    finally:
        warm.stop()


def test_a_warm_engine_that_dies_during_a_request_ends_it_with_one_line(tmp_path):
    common = load_common(tmp_path, [])
    port = 23457
    listener = socket.create_server(("127.0.0.1", 0))
    Path(common.warm_file(port)).parent.mkdir(parents=True)
    Path(common.warm_file(port)).write_text(json.dumps(
        {"protocol": common.WARM_PROTOCOL, "port": listener.getsockname()[1], "token": "t", "pid": 0,
         "engine": REAGROOVE}))

    def takes_it_then_dies():
        conn, _ = listener.accept()
        reader = conn.makefile("rb")
        reader.readline()
        conn.sendall(b'{"accepted": true}\n')
        assert json.loads(reader.readline()) == {"go": True}
        conn.close()

    threading.Thread(target=takes_it_then_dies, daemon=True).start()
    report = tmp_path / "report.json"
    handle = common.run_engine(["reaper", "variations", "--report", str(report)], port)
    assert wait_for(handle) == 1
    said = json.loads(report.read_text())
    assert not said["ok"] and said["line"].startswith("variations did not finish") and "\n" not in said["line"]
    assert "press it again" in Path(common.LOG_PATH).read_text()
    listener.close()


def test_a_wrong_token_is_refused_and_the_action_spawns_its_own(tmp_path):
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23458
    warm = EngineInThread(common, port)
    try:
        info = json.loads(Path(common.warm_file(port)).read_text())
        assert oct(os.stat(common.warm_file(port)).st_mode & 0o777) == "0o600" or os.name == "nt"
        for token in ("guessed", "é"):  # non-ASCII: refused with an answer all the same
            with socket.create_connection(("127.0.0.1", info["port"]), timeout=5) as sock:
                sock.sendall(json.dumps({"protocol": common.WARM_PROTOCOL, "token": token,
                                         "argv": ["reaper", "drumify"]}).encode() + b"\n")
                assert json.loads(sock.makefile().readline()) == {"refused": "wrong token"}
        Path(common.warm_file(port)).write_text(json.dumps(dict(info, token="stale")))
        assert isinstance(common.run_engine(["reaper", "drumify"], port), common.WarmStart)
        assert warm.runs == [] and len(spawned) == 1
    finally:
        warm.stop()


def test_the_warm_engine_ends_when_idle_when_reaper_is_gone_or_when_its_files_change(tmp_path):
    spawned = []
    common = load_common(tmp_path, spawned)
    idle = EngineInThread(common, 23459, idle_s=0.2)
    idle.thread.join(10)
    assert not idle.thread.is_alive() and idle.engine.ended_because == "idle for 0.2 s"
    assert not os.path.exists(common.warm_file(23459))  # the next action spawns a new one
    gone = EngineInThread(common, 23460, alive=lambda port: False)
    gone.thread.join(10)
    assert gone.engine.ended_because == "REAPER's server is gone"
    files = ["v1"]
    updated = EngineInThread(common, 23461, fingerprint=lambda: files[-1])
    try:
        files.append("v2")  # ReaGroove updated while it was up: the request is not run on the old code
        handle = common.run_engine(["reaper", "drumify"], 23461)
        assert isinstance(handle, common.WarmStart) and updated.runs == [] and len(spawned) == 1
        updated.thread.join(10)
        assert updated.engine.ended_because == "ReaGroove's files changed"
    finally:
        updated.stop()


def test_two_requests_at_once_run_one_after_the_other(tmp_path):
    common = load_common(tmp_path, [])
    port = 23462
    release, order = threading.Event(), []

    def run(argv):
        order.append(("start", argv[1]))
        if argv[1] == "drumify":
            assert release.wait(10)
        order.append(("end", argv[1]))
        return 0 if argv[1] == "drumify" else 2

    warm = EngineInThread(common, port, run=run)
    try:
        first = common.run_engine(["reaper", "drumify"], port)
        second = common.run_engine(["reaper", "variations", "--count", "2"], port)  # while the first runs
        assert isinstance(first, common.WarmRun) and isinstance(second, common.WarmRun)
        time.sleep(0.2)  # room for a wrong engine to start the second meanwhile
        assert first.poll() is None and second.poll() is None and order == [("start", "drumify")]
        release.set()
        assert wait_for(first) == 0 and wait_for(second) == 2  # each its own exit status
        assert order == [("start", "drumify"), ("end", "drumify"), ("start", "variations"), ("end", "variations")]
    finally:
        release.set()
        warm.stop()


def test_a_click_whose_reader_a_busy_machine_runs_late_still_runs_before_the_next_click(tmp_path, monkeypatch):
    """Drumify, then Variations: the first's "go" has been sent before the second click connects, but on a loaded
    laptop the thread reading it may run only after the second's has queued its request. The engine must still
    run the first click first (variations of the pattern drumify is about to replace, an undo order inverted)."""
    common = load_common(tmp_path, [])
    port = 23464
    second_queued, first_conn, gos = threading.Event(), [], []
    read_line = warm_engine.read_line

    def late_first_go(conn, deadline, received=b""):
        got = read_line(conn, deadline, received)
        line = warm_engine.json_line(got[0]) if got else None
        if isinstance(line, dict) and line.get("argv", [])[1:2] == ["drumify"]:
            first_conn.append(conn)
        if line == {"go": True}:
            gos.append(conn)
            if conn in first_conn:  # the first click's reader: descheduled until the second's request is queued
                assert second_queued.wait(10)
        return got

    monkeypatch.setattr(warm_engine, "read_line", late_first_go)
    order = []
    warm = EngineInThread(common, port, run=lambda argv: order.append(argv[1]) or 0)
    put = warm.engine.requests.put

    def put_noting_the_second(item, *args, **kw):
        put(item, *args, **kw)
        if any(isinstance(part, list) and part[1:2] == ["variations"] for part in item):
            second_queued.set()

    warm.engine.requests.put = put_noting_the_second
    try:
        first = common.run_engine(["reaper", "drumify"], port)
        second = common.run_engine(["reaper", "variations", "--count", "2"], port)  # after the first's "go"
        assert isinstance(first, common.WarmRun) and isinstance(second, common.WarmRun)
        assert wait_for(first) == 0 and wait_for(second) == 0
        assert second_queued.is_set() and len(gos) == 2  # the second was queued while the first's reader lagged
        assert order == ["drumify", "variations"]  # in the order clicked, each once
    finally:
        second_queued.set()
        warm.stop()


@pytest.mark.parametrize("command", [["reaper", "live"], ["reaper", "panel"]])
def test_live_follow_and_the_editor_are_never_sent_to_the_warm_engine(tmp_path, command):
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23463
    warm = EngineInThread(common, port)
    try:
        assert isinstance(common.run_engine(["reaper", "status"], port), common.WarmRun)  # it takes short ones
        common.run_engine(command, port)
        assert spawned == [(command + ["--port", str(port)], {})]  # their own process, not a warm one
        deadline = time.monotonic() + 10
        while len(warm.runs) < 1:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert warm.runs == [["reaper", "status", "--port", str(port)]]
        assert warm_engine.WARM_COMMANDS == common.WARM_COMMANDS and warm_engine.PROTOCOL == common.WARM_PROTOCOL
    finally:
        warm.stop()
