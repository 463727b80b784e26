"""The warm engine's handshake and its limits (reaper_ext/warm_engine.py, install/reaper_scripts/reagroove_warm.py):
a click is run once, in the warm engine or in a spawned one, never both; a silent, slow or flooding client holds
no other click and REAPER's UI thread waits at most WARM_ANSWER_S; a hung run refuses new clicks and REAPER
gone ends the engine even during a run; stopping a warm run stops its engine."""

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from test_reaper_warm_engine import REAGROOVE, EngineInThread, load_common, wait_for

from reagroove.reaper_ext import warm_engine


def until(condition, what, s=10.0):
    deadline = time.monotonic() + s
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def send(info, request: dict, *lines: bytes):
    """The engine's first answer to a request line sent by hand (then `lines`), and the socket."""
    sock = socket.create_connection(("127.0.0.1", info["port"]), timeout=5)
    sock.sendall(json.dumps(request).encode() + b"\n")
    reader = sock.makefile("rb")
    answer = json.loads(reader.readline() or b"null")
    for line in lines:
        sock.sendall(line)
    return answer, sock, reader


def test_a_click_the_engine_answered_too_late_runs_once_in_the_engine_the_action_spawned(tmp_path):
    """The warm engine's "accepted" comes after the action gave up (a busy or swapping machine): the action
    spawned its own engine, so the warm one must not run it too (two undo points, twice the variations)."""
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23490
    gave_up, checked, calls = threading.Event(), threading.Event(), []

    def late_fingerprint():  # the request's check returns only once the action has given up on it
        calls.append(1)
        if len(calls) > 1:
            gave_up.wait(10)
            checked.set()
        return "v1"

    warm = EngineInThread(common, port, fingerprint=late_fingerprint)
    try:
        handle = common.run_engine(["reaper", "drumify"], port)
        gave_up.set()
        assert isinstance(handle, common.WarmStart) and len(spawned) == 1
        assert checked.wait(10)
        time.sleep(0.3)  # room for the engine to answer "accepted" and a wrongly queued request to run
        assert warm.runs == []
        assert "the warm engine did not take drumify (no answer in 0.5 s)" in Path(common.LOG_PATH).read_text()
    finally:
        gave_up.set()
        warm.stop()


def test_a_request_is_run_only_once_the_action_says_go(tmp_path):
    common = load_common(tmp_path, [])
    port = 23491
    warm = EngineInThread(common, port)
    try:
        info = json.loads(Path(common.warm_file(port)).read_text())
        request = {"protocol": common.WARM_PROTOCOL, "token": info["token"], "argv": ["reaper", "status"]}
        answer, quiet, _ = send(info, request)  # accepted, then the action gives up: it closes
        assert answer == {"accepted": True}
        quiet.close()
        answer, other, _ = send(info, dict(request, argv=["reaper", "drumify"]), b'{"go": false}\n')
        assert answer == {"accepted": True}
        answer, sock, reader = send(info, dict(request, argv=["reaper", "variations"]), b'{"go": true}\n')
        assert json.loads(reader.readline()) == {"exit": 0}  # run, and after it nothing else
        time.sleep(0.2)
        assert warm.runs == [["reaper", "variations"]]
        sock.close()
        other.close()
    finally:
        warm.stop()


def test_a_client_of_another_protocol_is_refused_by_the_engine(tmp_path):
    """One installed by an older ReaGroove (without "go", for one): refused at once, so its action spawns its
    own engine."""
    common = load_common(tmp_path, [])
    port = 23492
    warm = EngineInThread(common, port)
    try:
        info = json.loads(Path(common.warm_file(port)).read_text())
        older = warm_engine.PROTOCOL - 1
        answer, sock, _ = send(info, {"protocol": older, "token": info["token"], "argv": ["reaper", "drumify"]},
                               b'{"go": true}\n')
        assert answer == {"refused": f"protocol {older}, not {warm_engine.PROTOCOL}"}
        sock.close()
        time.sleep(0.2)
        assert warm.runs == [] and warm_engine.PROTOCOL == common.WARM_PROTOCOL
    finally:
        warm.stop()


def test_silent_and_trickling_connections_hold_no_click(tmp_path):
    """A port probe that sends nothing and a client sending a byte now and then (each under the per-read
    timeout) are read by threads of their own: the click beside them is taken at once."""
    common = load_common(tmp_path, [])
    port = 23493
    warm = EngineInThread(common, port)
    stop = threading.Event()
    info = json.loads(Path(common.warm_file(port)).read_text())
    silent = socket.create_connection(("127.0.0.1", info["port"]))
    slow = socket.create_connection(("127.0.0.1", info["port"]))

    def trickle():
        while not stop.wait(0.2):
            try:
                slow.send(b" ")
            except OSError:
                return

    threading.Thread(target=trickle, daemon=True).start()
    try:
        time.sleep(0.1)
        handle = common.run_engine(["reaper", "status"], port)
        assert isinstance(handle, common.WarmRun) and wait_for(handle) == 0
        assert warm.runs == [["reaper", "status", "--port", str(port)]]
    finally:
        stop.set()
        silent.close()
        slow.close()
        warm.stop()


def test_an_engine_that_never_answers_holds_reapers_ui_thread_under_a_second(tmp_path):
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23494
    listener = socket.create_server(("127.0.0.1", 0))  # takes the connection, never answers
    Path(common.warm_file(port)).parent.mkdir(parents=True)
    Path(common.warm_file(port)).write_text(json.dumps(
        {"protocol": common.WARM_PROTOCOL, "port": listener.getsockname()[1], "token": "t", "pid": 0,
         "engine": REAGROOVE}))
    try:
        started = time.monotonic()
        handle = common.run_engine(["reaper", "drumify"], port)
        blocked = time.monotonic() - started
        assert isinstance(handle, common.WarmStart) and len(spawned) == 1
        assert blocked < 1.0, f"the click held REAPER's UI thread {blocked:.2f} s"
    finally:
        listener.close()


def test_a_run_past_busy_s_refuses_new_clicks_which_spawn_their_own(tmp_path):
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23495
    now, started, release = [0.0], threading.Event(), threading.Event()

    def run(argv):
        if argv[1] == "drumify":
            started.set()
            release.wait(10)  # stands for a run that hangs
        return 0

    warm = EngineInThread(common, port, run=run, clock=lambda: now[0], busy_s=60)
    try:
        hung = common.run_engine(["reaper", "drumify"], port)
        assert started.wait(10)
        now[0] = 30.0
        queued = common.run_engine(["reaper", "status"], port)  # a long run, not yet hung: queued behind it
        now[0] = 61.0
        refused = common.run_engine(["reaper", "set-pattern", "A"], port)
        assert isinstance(hung, common.WarmRun) and isinstance(queued, common.WarmRun)
        assert isinstance(refused, common.WarmStart) and [args[1] for args, _ in spawned] == ["set-pattern"]
        assert "(busy: a run has gone on 61 s)" in Path(common.LOG_PATH).read_text()
        release.set()
        assert wait_for(hung) == 0 and wait_for(queued) == 0
    finally:
        release.set()
        warm.stop()


def test_reaper_gone_during_a_hung_run_ends_the_engine_and_frees_its_clicks(tmp_path):
    """After REAPER quits and starts again, a toolbar click must not be queued behind a run that never
    returns: the engine ends (its process, here a stand-in), its warm file with it, and a click it had queued
    says it did not finish."""
    spawned = []
    common = load_common(tmp_path, spawned)
    port = 23496
    reaper_up, started, release = [True], threading.Event(), threading.Event()

    def run(argv):
        if argv[1] == "drumify":
            started.set()
            release.wait(10)
        return 0

    warm = EngineInThread(common, port, run=run, alive=lambda p: reaper_up[0])
    report = tmp_path / "report.json"
    try:
        hung = common.run_engine(["reaper", "drumify"], port)
        assert started.wait(10)
        queued = common.run_engine(["reaper", "variations", "--report", str(report)], port)
        time.sleep(0.2)  # REAPER up: the watchdog leaves a long run alone
        assert warm.ended == [] and hung.poll() is None and queued.poll() is None
        reaper_up[0] = False
        until(lambda: warm.ended == [1], "the engine stayed up with REAPER gone")
        assert warm.engine.ended_because == "REAPER's server is gone, during a run"
        assert not Path(common.warm_file(port)).exists()
        assert wait_for(queued) == 1 and json.loads(report.read_text())["line"].startswith("variations did not")
        assert isinstance(common.run_engine(["reaper", "status"], port), common.WarmStart)  # the next REAPER's
    finally:
        release.set()
        warm.stop()


def sleeper():
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_killing_a_warm_run_stops_its_engine_and_a_warm_start_its_process(tmp_path):
    """The docked panel's stop for a hung engine (ENGINE_TIMEOUT_S): the engine's process ends, so the next
    click spawns a fresh one; a spawned engine's done file goes with it."""
    common = load_common(tmp_path, [])
    engine = sleeper()
    ours, theirs = socket.socketpair()
    try:
        run = common.WarmRun(ours, engine.pid, ["reaper", "drumify"], b"", common.LOG_PATH)
        assert run.poll() is None
        run.kill()
        assert engine.wait(10) != 0 and run.returncode == -9 and run.poll() == -9
        theirs.settimeout(5)
        assert theirs.recv(10) == b""  # its connection closed
        started = sleeper()
        done = tmp_path / "first.done"
        done.write_text("")  # the first request not finished
        start = common.WarmStart(started, str(done))
        assert start.poll() is None
        start.kill()
        assert started.wait(10) != 0 and not done.exists()
    finally:
        theirs.close()
        for process in (engine, locals().get("started")):
            if process is not None and process.poll() is None:
                process.kill()
