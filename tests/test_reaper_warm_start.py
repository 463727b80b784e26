"""A double click while the warm engine starts (reaper_ext/warm_engine.py, install/reaper_scripts/reagroove_warm.py):
the second click, made before the first click's engine has written its warm file, starts no second engine (two
torch processes, two runs editing the project at once): its process joins the starting one, and both actions
run once each, in the order clicked, each with its own exit status. A start that died is not waited on.

The engines are real processes of the actions' spawn; their runs are stand-ins that record which process ran
what (tests/test_reaper_warm_engine.py runs the real engine against the simulated REAPER).
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from test_reaper import bass_project, reaper_process  # noqa: F401 - the fixture
from test_reaper_warm_engine import WAIT_S, drum_notes, load_common, wait_for

from reagroove.reaper_ext import warm_engine

# The engine stand-in: `reagroove reaper COMMAND ... --port P` as the actions spawn it, served by the warm engine
# code under test, its runs appended to RUNS as [process id, command].
STUB = '''#!{python}
import json, os, sys
sys.path[:0] = [{package_parent!r}]
from reagroove.reaper_ext import warm_engine


def run(argv, said=False):
    with open({runs!r}, "a", encoding="utf-8") as fh:
        fh.write(json.dumps([os.getpid(), argv[1]]) + "\\n")
    return {{"drumify": 0, "variations": 2}}.get(argv[1], 3)


class StandInEngine(warm_engine.WarmEngine):
    def __init__(self, *args, **kw):
        kw["run"] = run
        super().__init__(*args, **kw)


warm_engine.WarmEngine = StandInEngine


class Args:
    reaper_command = sys.argv[2]
    port = int(sys.argv[sys.argv.index("--port") + 1])


sys.exit(warm_engine.serve_from_action(Args()))
'''


def common_for(tmp_path, spawned=None):
    """reagroove_common as the actions load it; REAGROOVE_TEST_WARM_CLIENT names another reagroove_warm.py (the
    one shipped before, to see these tests fail on it)."""
    common = load_common(tmp_path, spawned)
    other = os.environ.get("REAGROOVE_TEST_WARM_CLIENT")
    if other:
        spec = importlib.util.spec_from_file_location(f"reagroove_warm_{id(tmp_path)}", other)
        common.warm = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(common.warm)
        common.WarmRun, common.WarmStart = common.warm.WarmRun, common.warm.WarmStart
    return common


def stub_engine(tmp_path) -> tuple[str, Path]:
    runs = tmp_path / "runs.jsonl"
    path = tmp_path / "reagroove"
    path.write_text(STUB.format(python=sys.executable, runs=str(runs),
                                package_parent=str(Path(warm_engine.__file__).resolve().parents[2])))
    path.chmod(0o755)
    return str(path), runs


def test_a_second_click_while_the_engine_starts_joins_it_and_both_run_once_in_order(tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_WARM_IDLE_S", "60")
    common = common_for(tmp_path)
    engine, runs = stub_engine(tmp_path)
    port = 23480
    started = []
    spawn = common.spawn
    common.spawn = lambda *a, **kw: started.append(spawn(*a, **kw)) or started[-1]
    try:
        first = common.run_engine(["reaper", "drumify"], port, engine)
        second = common.run_engine(["reaper", "variations", "--count", "2"], port, engine)  # the double click
        assert not os.path.exists(common.warm_file(port))  # made before the first engine wrote its warm file
        assert wait_for(first) == 0 and wait_for(second) == 2  # each its own exit status
        ran = [json.loads(line) for line in runs.read_text().splitlines()]
        assert [command for _pid, command in ran] == ["drumify", "variations"]  # each once, in the order clicked
        assert ran[0][0] == ran[1][0] == started[0].pid  # both in the first click's engine
        assert started[1].wait(30) == 2  # the second click's process only passed its request on, and ended
        assert started[0].poll() is None  # the first stays up for the next clicks
        info = json.loads(Path(common.warm_file(port)).read_text())
        assert info["pid"] == started[0].pid
        assert not os.path.exists(common.warm_file(port) + ".starting")  # the next click goes to the warm file
        third = common.run_engine(["reaper", "status"], port, engine)
        assert isinstance(third, common.WarmRun) and wait_for(third) == 3
        assert "runs in the warm engine another click started" in Path(common.LOG_PATH).read_text()
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait(10)


def test_a_double_click_on_drumify_in_reaper_starts_one_engine_and_writes_the_second_clicks_drums_last(
        reaper_process, tmp_path):  # noqa: F811
    """The real engine (torch, the model) and the simulated REAPER: one undo point per click, the drums written
    last are the second click's, and one engine process stays up."""
    proc, port = reaper_process(bass_project())
    common = common_for(tmp_path)
    started = []
    spawn = common.spawn
    common.spawn = lambda *a, **kw: started.append(spawn(*a, **kw)) or started[-1]

    def drumify(seed):
        return common.run_engine(["reaper", "drumify", "--seed", str(seed)], port)

    try:
        first, second = drumify(1), drumify(2)  # the double click, before the engine is up
        assert wait_for(first) == 0 and wait_for(second) == 0 and len(started) == 2
        assert started[1].wait(WAIT_S) == 0 and started[0].poll() is None  # the second only passed its click on
        log = Path(common.LOG_PATH).read_text()
        assert f"reagroove reaper drumify --seed 2 --port {port} (warm engine {started[0].pid})" in log
        assert proc.exec("result = list(reaper.undo_names)") == [f"ReaGroove: drumify (seed {n})" for n in (1, 2)]
        after_both = drum_notes(port)
        assert wait_for(drumify(2)) == 0 and drum_notes(port) == after_both  # the second click's drums, last
        assert wait_for(drumify(1)) == 0 and drum_notes(port) != after_both  # (the first click's differ)
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait(10)


def test_a_click_while_an_engine_starts_spawns_a_joiner_and_a_dead_start_is_replaced(tmp_path):
    spawned = []
    common = common_for(tmp_path, spawned)
    port = 23481
    start = common.warm_file(port) + ".starting"
    common.run_engine(["reaper", "drumify"], port)
    common.run_engine(["reaper", "drumify"], port)  # its engine not up yet: this one joins it
    assert [env["REAGROOVE_WARM_ROLE"] for _args, env in spawned] == ["start", "join"]
    assert all(env["REAGROOVE_WARM_START"] == start for _args, env in spawned)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    Path(start).write_text(json.dumps({"id": "an engine that died before its warm file", "pid": dead.pid}))
    common.run_engine(["reaper", "drumify"], port)  # nothing to wait for: it starts one
    assert spawned[-1][1]["REAGROOVE_WARM_ROLE"] == "start"
    assert json.loads(Path(start).read_text())["id"] == spawned[-1][1]["REAGROOVE_WARM_DONE"]
    assert common.warm.STARTING_S == warm_engine.STARTING_S  # the client and the engine wait the same


def test_a_joiner_whose_engine_died_before_its_warm_file_serves_itself(tmp_path):
    """Its request never went anywhere: it runs here (as a spawned engine always did), once."""
    start = tmp_path / "reagroove-warm-1.json.starting"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    start.write_text(json.dumps({"id": "x", "pid": dead.pid}))
    assert warm_engine.join_starting(str(tmp_path / "reagroove-warm-1.json"), str(start), "reagroove",
                                     ["reaper", "drumify"]) is None


def test_the_client_and_the_engine_read_a_starting_record_alike(tmp_path):
    """REAPER's side cannot import ReaGroove, so each keeps its own reading of the starting record: a click that
    saw an engine starting where the joiner saw none (or the other way) would start a second engine or wait 30 s."""
    common = common_for(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    start = tmp_path / "reagroove-warm-2.json.starting"
    for pid in (os.getpid(), dead.pid, 0, -5, "12", None):
        assert common.warm._process_alive(pid) == warm_engine.process_alive(pid), pid
        start.write_text(json.dumps({"id": "x", "pid": pid}))
        assert common.warm._starting_fresh(str(start)) == warm_engine.starting(str(start)), pid
    start.write_text("not json")  # a record caught half written
    assert common.warm._starting_fresh(str(start)) == warm_engine.starting(str(start))
    old = os.stat(start).st_mtime - 2 * warm_engine.STARTING_S
    start.write_text(json.dumps({"id": "x", "pid": os.getpid()}))
    os.utime(start, (old, old))  # a record left from long ago
    assert not common.warm._starting_fresh(str(start)) and not warm_engine.starting(str(start))
    start.unlink()
    assert not common.warm._starting_fresh(str(start)) and not warm_engine.starting(str(start))
