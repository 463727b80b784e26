"""The docked panel waits on a warm engine's run as on an engine process of its own: its buttons are held
while the run goes on, its report is shown once it has ended, and a warm engine that dies meanwhile frees
them with one line (reagroove_common.WarmRun, tests/test_reaper_warm_engine.py for the engine itself)."""

import json
import threading
import time

from fake_reaper import ProjectSpec, reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_engine import messages, open_dock
from test_reaper_warm_engine import EngineInThread, load_common

PORT = 23470


def frames_until(s, gui, said):
    """Frames drawn until the panel says `said`."""
    deadline = time.monotonic() + 30
    while not any(said in m for m in messages(gui)):
        assert time.monotonic() < deadline, messages(gui)
        s.reaper.run_deferred()
        time.sleep(0.01)


def launching(common, port: int, launched: list):
    """The dock's launcher as REAPER's actions run the engine (run_engine on `port`), each handle kept in `launched`."""
    def launch(args):
        launched.append(common.run_engine(args, port))
        return launched[-1]
    return launch


def test_the_docked_panel_waits_on_a_warm_run_and_shows_its_report(config, tmp_path):
    common = load_common(tmp_path, [])
    release = threading.Event()
    launched = []

    def run(argv):  # what `reagroove reaper drumify --report FILE` says when it has written the drums
        assert release.wait(10)
        report = argv[argv.index("--report") + 1]
        with open(report, "w", encoding="utf-8") as fh:
            json.dump({"ok": True, "line": f"wrote 2 drum items (run {len(warm.runs) + 1})", "notes": []}, fh)
        warm.runs.append(argv)
        return 0

    warm = EngineInThread(common, PORT, run=run)
    launch = launching(common, PORT, launched)

    try:
        with reapy_inside(ProjectSpec(bpm=120)) as s:
            _, gui = open_dock(s, launch)
            gui.click("Drumify")
            s.reaper.run_deferred()
            gui.click("Drumify")  # pressed again while the warm engine still writes: not sent
            s.reaper.run_deferred()
            assert len(launched) == 1 and isinstance(launched[0], common.WarmRun)
            assert "Drumify running…" in messages(gui)
            release.set()
            frames_until(s, gui, "wrote 2 drum items (run 1)")
            gui.click("Drumify")  # finished: the next press runs in the same engine
            s.reaper.run_deferred()
            frames_until(s, gui, "wrote 2 drum items (run 2)")
            assert len(launched) == 2 and launched[1].pid == launched[0].pid
    finally:
        release.set()
        warm.stop()


def test_a_warm_engine_that_dies_during_the_run_frees_the_panel_with_one_line(config, tmp_path):
    common = load_common(tmp_path, [])
    dying = threading.Event()

    def run(argv):
        dying.wait(10)
        raise SystemExit  # the engine's process ends mid-run: its connection closes unanswered

    warm = EngineInThread(common, PORT + 1, run=run)
    launched = []
    launch = launching(common, PORT + 1, launched)

    try:
        with reapy_inside(ProjectSpec(bpm=120)) as s:
            _, gui = open_dock(s, launch)
            gui.click("Drumify")
            s.reaper.run_deferred()
            dying.set()
            frames_until(s, gui, "did not finish")
            said = [m for m in messages(gui) if "did not finish" in m]
            assert said[0].startswith("Drumify did not finish: ReaGroove's warm en")  # cut to the docker's width
            gui.click("Drumify")  # the buttons are free again: a press starts one
            s.reaper.run_deferred()
            assert len(launched) == 2
    finally:
        dying.set()
