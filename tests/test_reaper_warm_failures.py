"""The warm engine when things go wrong (reaper_ext/warm_engine.py, warm_wire.py, reagroove_warm.py): an engine that
died as it started (a broken Python or install) is said in one line, its own error, and the next click starts
afresh rather than waiting 30 s on it; a click queued behind a stuck run is told so, once, and never runs later.

The engines are real processes of the actions' spawn (tests/test_reaper_warm_start.py's stand-in), or a WarmEngine
in this process (tests/test_reaper_warm_engine.py's harness). REAGROOVE_TEST_WARM_CLIENT names another
reagroove_warm.py to run them against (the one shipped before).
"""

import json
import os
import sys
import threading
from pathlib import Path

import pytest
from test_reaper import bass_project, reaper_process  # noqa: F401 - the fixture
from test_reaper_warm_engine import EngineInThread, load_common, wait_for
from test_reaper_warm_start import STUB, common_for, stub_engine

from reagroove.reaper_ext import warm_engine

# What a broken install writes as it dies: a traceback, its last line the error.
DIES = '''if os.path.exists({flag!r}):
    sys.stderr.write("Traceback (most recent call last):\\n  File \\"reagroove\\", line 1, in <module>\\n"
                     "ImportError: libtorch_cpu.so: cannot open shared object file: No such file or directory\\n")
    sys.exit(1)
'''
ERROR = "ImportError: libtorch_cpu.so: cannot open shared object file: No such file or directory"


def breakable_engine(tmp_path):
    """The stand-in engine of test_reaper_warm_start, dying at once (before any of ReaGroove runs) while the
    flag file is there."""
    flag, runs, path = tmp_path / "broken", tmp_path / "runs.jsonl", tmp_path / "reagroove"
    text = STUB.format(python=sys.executable, runs=str(runs),
                       package_parent=str(Path(warm_engine.__file__).resolve().parents[2]))
    head, _, tail = text.partition("from reagroove.reaper_ext import warm_engine\n")
    path.write_text(head + DIES.format(flag=str(flag)) + "from reagroove.reaper_ext import warm_engine\n" + tail)
    path.chmod(0o755)
    return str(path), runs, flag


@pytest.mark.skipif(not hasattr(os, "waitid"), reason="waits for the engine's end without reaping it (POSIX)")
def test_an_engine_that_died_as_it_started_is_said_in_one_line_and_the_next_click_starts_afresh(tmp_path,
                                                                                               monkeypatch):
    monkeypatch.setenv("REAGROOVE_WARM_IDLE_S", "60")
    common = common_for(tmp_path)
    engine, runs, broken = breakable_engine(tmp_path)
    port = 23510
    started, roles = recording_spawns(common)
    report = tmp_path / "report.json"
    broken.write_text("")
    try:
        first = common.run_engine(["reaper", "drumify", "--report", str(report)], port, engine)
        os.waitid(os.P_PID, started[0].pid, os.WEXITED | os.WNOWAIT)  # dead, not reaped: as REAPER holds it
        assert os.path.exists(common.warm_file(port) + ".starting")  # its record, left behind
        broken.unlink()  # (mended, or a one-off)
        second = common.run_engine(["reaper", "variations", "--count", "2"], port, engine)
        assert roles == ["start", "start"]  # not a joiner waiting 30 s on the dead start
        assert wait_for(second) == 2
        assert [json.loads(line) for line in runs.read_text().splitlines()] == [[started[1].pid, "variations"]]
        assert wait_for(first) == 1  # the docked panel's handle of the dead start: its line says why
        line = json.loads(report.read_text())["line"]
        assert line.startswith("drumify did not finish") and ERROR in line and "\n" not in line
        assert line in Path(common.LOG_PATH).read_text()
    finally:
        end_all(started)


def end_all(started: list) -> None:
    """Engines a test started, ended where still running."""
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def recording_spawns(common) -> tuple[list, list]:
    """(engines started, their roles): common.spawn made to record every engine a click starts."""
    started, roles = [], []
    spawn = common.spawn

    def recording_spawn(*args, **kw):
        roles.append(kw["extra_env"]["REAGROOVE_WARM_ROLE"])
        started.append(spawn(*args, **kw))
        return started[-1]

    common.spawn = recording_spawn
    return started, roles


def test_a_start_that_died_writing_no_error_names_the_log(tmp_path):
    """Nothing written (killed at once): the line says the exit status and where the log is."""
    common = common_for(tmp_path, [])
    log = Path(common.LOG_PATH)
    log.parent.mkdir(parents=True)
    log.write_text("[2026-01-01 00:00:00] an earlier run\nValueError: an earlier run's error\n")

    class Killed:
        pid = 4

        def poll(self):
            return -9

    report = tmp_path / "report.json"
    handle = common.WarmStart(Killed(), str(tmp_path / "x.done"), ["reaper", "drumify", "--report", str(report)],
                              str(log), log.stat().st_size)
    assert handle.poll() == -9
    line = json.loads(report.read_text())["line"]
    assert line == (f"drumify did not finish: ReaGroove's engine ended as it started (exit code -9; see the engine "
                    f"log {log}); press it again")


# The real engine (its own run_cli, the CLI, the simulated REAPER) with a torch that cannot be imported.
BROKEN_TORCH = '''#!{python}
import sys
sys.path[:0] = [{fake!r}, {package_parent!r}]
from reagroove.reaper_ext import warm_engine


class Args:
    reaper_command = sys.argv[2]
    port = int(sys.argv[sys.argv.index("--port") + 1])


sys.exit(warm_engine.serve_from_action(Args()))
'''


def test_an_engine_whose_torch_cannot_be_imported_says_so_and_the_next_click_starts_a_new_one(
        reaper_process, tmp_path):  # noqa: F811
    """It said the error, then stayed up 10 minutes, failing every later click the same way (a failed import is
    tried again in the same broken process): now it ends, so the next click (torch mended) starts a new one."""
    _proc, port = reaper_process(bass_project())
    common = common_for(tmp_path)
    fake = tmp_path / "fake"
    (fake / "torch").mkdir(parents=True)
    (fake / "torch" / "__init__.py").write_text(f"raise ImportError({ERROR.partition(': ')[2]!r})\n")
    engine = tmp_path / "reagroove"
    engine.write_text(BROKEN_TORCH.format(python=sys.executable, fake=str(fake),
                                          package_parent=str(Path(warm_engine.__file__).resolve().parents[2])))
    engine.chmod(0o755)
    started, roles = recording_spawns(common)
    report = tmp_path / "report.json"
    try:
        first = common.run_engine(["reaper", "drumify", "--report", str(report)], port, str(engine))
        assert wait_for(first) == 1
        line = json.loads(report.read_text())["line"]
        assert ERROR in line and "\n" not in line  # (commands.run_reaper's line for a bug)
        assert not os.path.exists(common.warm_file(port))  # not left up, broken, for the next clicks
        assert started[0].wait(30) != 0
        second = common.run_engine(["reaper", "status"], port, str(engine))
        assert isinstance(second, common.WarmStart) and roles == ["start", "start"]
        wait_for(second)
    finally:
        end_all(started)


def stuck_engine(common, port):
    """A WarmEngine whose drumify hangs until released (a stuck action); every run recorded as it begins."""
    release, began = threading.Event(), []

    def run(argv):
        began.append(argv[1])
        if argv[1] == "drumify":
            assert release.wait(30)
        return {"drumify": 0, "variations": 2}.get(argv[1], 3)

    return EngineInThread(common, port, run=run), release, began


def join(info, argv):
    """warm_engine.send_to (a joiner's request) in a thread: its result, once it returns."""
    result = []
    thread = threading.Thread(target=lambda: result.append(warm_engine.send_to(info, argv)), daemon=True)
    thread.start()
    return thread, result


def test_a_joiner_queued_behind_a_stuck_run_is_told_in_one_line_and_its_click_never_runs(tmp_path, monkeypatch):
    common = load_common(tmp_path, [])
    port = 23511
    monkeypatch.setattr(sys.modules[warm_engine.send_to.__module__], "JOIN_QUEUED_S", 0.5, raising=False)
    warm, release, began = stuck_engine(common, port)
    try:
        stuck = common.run_engine(["reaper", "drumify"], port)
        assert isinstance(stuck, common.WarmRun)
        info = json.loads(Path(common.warm_file(port)).read_text())
        report = tmp_path / "report.json"
        thread, result = join(info, ["reaper", "variations", "--report", str(report)])
        thread.join(20)
        assert not thread.is_alive(), "the joiner still waits on the stuck run"
        assert result == [1]
        line = json.loads(report.read_text())["line"]
        assert line.startswith("variations did not run") and "busy" in line and "\n" not in line
        release.set()  # the stuck run ends: the withdrawn click must not run after it
        assert wait_for(stuck) == 0
        status = common.run_engine(["reaper", "status"], port)
        assert wait_for(status) == 3
        assert began == ["drumify", "status"]
    finally:
        release.set()
        warm.stop()


def test_a_joiner_whose_own_run_takes_long_still_gets_its_exit_status(tmp_path, monkeypatch):
    """Its run began within JOIN_QUEUED_S: however long it then takes, it is not withdrawn."""
    common = load_common(tmp_path, [])
    port = 23512
    monkeypatch.setattr(sys.modules[warm_engine.send_to.__module__], "JOIN_QUEUED_S", 1.0, raising=False)
    warm, release, began = stuck_engine(common, port)
    try:
        info = json.loads(Path(common.warm_file(port)).read_text())
        thread, result = join(info, ["reaper", "drumify"])
        while began != ["drumify"]:
            assert thread.is_alive()
            thread.join(0.05)
        thread.join(2.0)  # past JOIN_QUEUED_S, its run going on
        assert thread.is_alive()
        release.set()
        thread.join(20)
        assert result == [0] and began == ["drumify"]
    finally:
        release.set()
        warm.stop()


@pytest.mark.parametrize("setting, idle", [("nan", "600"), ("-1", "600"), ("45", "45")])
def test_the_idle_time_set_in_reapers_environment_is_a_number_of_seconds_from_0_up(tmp_path, monkeypatch, setting,
                                                                                     idle):
    """REAGROOVE_WARM_IDLE_S reaches the engine from REAPER's environment: "nan" had kept it (and its ~250 MB of
    torch and model) up until REAPER quit, a negative number ended it at once; both are said, and 600 s kept."""
    monkeypatch.setenv("REAGROOVE_WARM_IDLE_S", setting)
    common = common_for(tmp_path)
    engine, _runs = stub_engine(tmp_path)
    started = []
    spawn = common.spawn
    common.spawn = lambda *a, **kw: started.append(spawn(*a, **kw)) or started[-1]
    try:
        assert wait_for(common.run_engine(["reaper", "status"], 23513, engine)) == 3
        log = Path(common.LOG_PATH).read_text()
        assert f"stays up for the next actions, up to {idle} s idle" in log
        assert (f"REAGROOVE_WARM_IDLE_S='{setting}' is not a number of seconds from 0 up: 600 s" in log) == \
            (idle != setting)
    finally:
        end_all(started)


def test_on_windows_a_start_whose_process_ended_is_not_waited_on(tmp_path, monkeypatch):
    """Windows (untested there: its kernel32 stood in for): os.kill would end the process, so it asks for the exit
    code; an ended one (REAPER still holding its handle) or none by that id is gone, a running one or one it may not
    ask about is not. The client and the engine read it alike."""
    import ctypes

    processes = {10: 259, 11: 0, 12: 1}  # pid: exit code (259: STILL_ACTIVE)
    denied = {13}
    last_error = []

    class Function:
        def __init__(self, call):
            self.call, self.restype, self.argtypes = call, None, None

        def __call__(self, *args):
            return self.call(*args)

    def open_process(access, inherit, pid):
        if pid in processes:
            return 1000 + pid
        last_error[:] = [5 if pid in denied else 87]  # access denied; no such process
        return None

    def exit_code(handle, code):
        code._obj.value = processes[handle - 1000]
        return 1

    class Kernel32:
        OpenProcess, GetExitCodeProcess = Function(open_process), Function(exit_code)
        CloseHandle = Function(lambda handle: 1)

    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error=False: Kernel32(), raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: last_error[0], raising=False)
    common = common_for(tmp_path)
    monkeypatch.setattr(os, "name", "nt")
    alive = {pid: (common.warm._process_alive(pid), warm_engine.process_alive(pid)) for pid in (10, 11, 12, 13, 14)}
    monkeypatch.undo()
    assert alive == {10: (True, True), 11: (False, False), 12: (False, False), 13: (True, True), 14: (False, False)}
