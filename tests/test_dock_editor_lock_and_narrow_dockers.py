"""The docked panel in narrow dockers, its engine hang guard, the editor opened once from any entry point,
and the editor's pickup window named as the CLI names it."""

import os
from pathlib import Path

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.genres import GENRE_LABELS, GENRES
from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings

TITLE = host.WINDOW_TITLE
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def open_dock(s, launch=None):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=launch or (lambda args: None))
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


# ---------------------------------------------------------------- narrow dockers


@pytest.mark.parametrize("width", [140, 160, 180])
def test_in_a_docker_narrower_than_190_px_no_slider_or_label_runs_past_the_edge(config, width):
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        SharedSettings(config / "settings.json").write(Settings(pattern_a="rock", pattern_b="funk", follow=0.5))
        _, gui = open_dock(s)
        gui.windows[TITLE].size = (float(width), 900.0)
        s.reaper.run_deferred()
        frame = gui.last_frame()
        right = gui.windows[TITLE].pos[0] + width - fake_imgui.PADDING
        over = [(w.label, w.rect[2]) for w in frame if w.rect[2] > right + 0.5]
        assert over == []  # "Follow", "A ↔ B", "Hip-Hop/R&B/Soul", "Fills", "Density": all inside
        texts = [w.label for w in frame if w.kind == "text"]
        sliders = [w for w in frame if w.kind in ("slider", "slider_int") and not w.label.startswith("##variations")]
        for name in ["Follow", "A ↔ B", "Density", "Fills"] + [GENRE_LABELS[g] for g in GENRES]:
            # each slider is still named, on it or above it, and wide enough to drag
            slider = next(w for w in sliders if w.label.split("##")[-1] == name or w.label == name)
            assert slider.label == name or name in texts, name
            assert slider.rect[2] - slider.rect[0] >= 60.0, name


# ---------------------------------------------------------------- an engine that never ends


class HungEngine:
    """A started engine process that never exits on its own (Popen's poll and kill)."""

    def __init__(self, args):
        self.args, self.code, self.killed = args, None, False

    def poll(self):
        return self.code

    def kill(self):
        self.killed, self.code = True, -9


def notes(gui):
    return [w.label for w in gui.last_frame() if w.kind == "text" and not isinstance(w.value, int)]


def test_an_engine_that_never_ends_is_said_not_to_answer_and_the_buttons_work_again(config):
    engines = []
    now = [1000.0]

    def launch(args):
        engines.append(HungEngine(args))
        return engines[-1]

    with reapy_inside(ProjectSpec(bpm=120)) as s:
        panel, gui = open_dock(s, launch)
        panel.clock = lambda: now[0]
        gui.click("Drumify")
        s.reaper.run_deferred()
        now[0] += 60.0  # a slow run: still waited for
        s.reaper.run_deferred()
        assert any("Drumify running" in n for n in notes(gui))
        gui.click("Drumify")
        s.reaper.run_deferred()
        assert len(engines) == 1
        now[0] += 61.0  # past any real run
        s.reaper.run_deferred()
        s.reaper.run_deferred()
        said = [n for n in notes(gui) if "did not answer" in n]
        assert len(said) == 1 and "drumify" in said[0] and "\n" not in said[0]
        assert not any("running" in n for n in notes(gui))
        assert engines[0].killed  # stopped: a press now starts no second writer beside it
        assert any("did not answer" in m for m in s.reaper.console)
        gui.click("Drumify")  # the buttons are free again
        s.reaper.run_deferred()
        assert len(engines) == 2


# ---------------------------------------------------------------- the editor's pickup window


def test_the_editor_names_the_waltz_pickup_window_as_the_cli_does():
    """Bar 1 of the waltz holds only a pickup: the CLI prints "pickup", the editor's header said "bar 0"."""
    from reagroove.core.textroll import window_labels
    from reagroove.reaper_ext.panel.controller import input_from_midi

    source = input_from_midi(EXAMPLES / "piano_waltz.mid")
    assert int(source.bars[0]) == 0  # extract_windows marks the pickup window
    cli = window_labels(source.bars)
    source.window = 0
    assert source.label() == f"piano_waltz.mid · {cli[0]} (1 of {len(cli)})" == "piano_waltz.mid · pickup (1 of 4)"
    source.window = 1
    assert source.label().startswith(f"piano_waltz.mid · bars {int(source.bars[1])}-")  # full bars as before


def test_the_editor_roll_names_the_pickup_bar_pickup(request):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pytest.importorskip("PySide6")
    pytest.importorskip("pyqtgraph")
    pytest.importorskip("pytestqt")
    qtbot = request.getfixturevalue("qtbot")  # a QApplication
    from reagroove.reaper_ext.panel.controller import input_from_midi
    from reagroove.reaper_ext.panel.pianoroll import PianoRoll

    source = input_from_midi(EXAMPLES / "piano_waltz.mid")
    roll = PianoRoll()
    qtbot.addWidget(roll)
    roll.set_first_bar(int(source.bars[0]), source.meters[0])
    major, minor = roll.getPlotItem().getAxis("bottom")._tickLevels[:2]
    assert [label for _, label in major] == ["pickup"]
    assert "0" not in [label for _, label in major + minor]
    roll.set_first_bar(int(source.bars[1]), source.meters[1])
    assert [label for _, label in roll.getPlotItem().getAxis("bottom")._tickLevels[0]] == ["1", "2"]


# ---------------------------------------------------------------- one full editor, from any entry point


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("REAGROOVE_DATA", str(folder))
    return folder


@pytest.fixture
def other_editor(data):
    """An editor open in another process (its command line names reagroove, as the real one's does)."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)  # reagroove panel"])
    data.mkdir(parents=True, exist_ok=True)
    (data / "editor.lock").write_text(f"{process.pid}\n")
    yield process
    process.kill()
    process.wait()


def test_an_editor_opened_by_the_open_panel_action_keeps_the_docked_panel_from_opening_a_second(config, other_editor):
    launched = []
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        _, gui = open_dock(s, launched.append)
        gui.click("Full editor…")
        s.reaper.run_deferred()
        s.reaper.run_deferred()
        assert launched == []  # no second editor writing the same drum track
        said = [n for n in notes(gui) if "already open" in n]
        assert len(said) == 1 and str(other_editor.pid) in said[0] and "\n" not in said[0]


def test_a_stale_lock_from_an_editor_that_is_gone_does_not_block_the_next(config, data):
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass  # reagroove panel"])
    gone.wait()
    data.mkdir(parents=True, exist_ok=True)
    (data / "editor.lock").write_text(f"{gone.pid}\n")  # it crashed without giving the lock up
    launched = []
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        _, gui = open_dock(s, launched.append)
        gui.click("Full editor…")
        s.reaper.run_deferred()
        assert launched == [["reaper", "panel"]]


def test_the_open_panel_action_refuses_while_the_docked_panel_s_editor_is_open(other_editor, monkeypatch):
    import importlib.util
    import sys
    import types

    boxes, spawned = [], []
    rpr = types.ModuleType("reaper_python")
    rpr.RPR_ShowMessageBox = lambda msg, title, kind: boxes.append(msg)
    rpr.RPR_ShowConsoleMsg = lambda msg: None
    rpr.RPR_defer = lambda code: None
    monkeypatch.setitem(sys.modules, "reaper_python", rpr)
    path = Path(__file__).resolve().parents[1] / "install" / "reaper_scripts" / "reagroove_common.py"
    spec = importlib.util.spec_from_file_location("reagroove_common_under_test", path)
    common = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(common)
    common.SITE_DIRS = []
    monkeypatch.setattr(common, "run_engine", lambda args, port=None, engine=None: spawned.append(args))
    common.run("panel")
    assert spawned == [] and len(boxes) == 1
    assert "already open" in boxes[0] and str(other_editor.pid) in boxes[0] and "\n" not in boxes[0]
    other_editor.kill()
    other_editor.wait()
    common.run("panel")  # closed since: it opens
    assert spawned == [["reaper", "panel"]]


def test_a_second_editor_started_from_a_terminal_says_so_in_one_line_before_loading_the_model(other_editor, capsys,
                                                                                              monkeypatch):
    pytest.importorskip("PySide6")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # no window may open on a machine without a display
    from reagroove.core import cli

    loaded = []
    monkeypatch.setattr("reagroove.models.drummer.default_engine", lambda *a: loaded.append(a))
    assert cli.main(["panel"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already open" in err[0] and str(other_editor.pid) in err[0]
    assert loaded == []


def test_the_editor_holds_the_lock_while_open_and_gives_it_up_when_closed(data):
    from reagroove.reaper_ext.panel import lock

    held = lock.EditorLock.acquire()
    assert (data / "editor.lock").read_text().split() == [str(os.getpid())]
    assert lock.EditorLock.acquire().path == held.path  # its own (or its launcher's) lock is its own
    held.release()
    assert not (data / "editor.lock").exists()  # closed: the next editor opens
    assert lock.running_editor() is None


def test_in_a_narrow_docker_the_live_status_wraps_inside_it(config):
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        panel, gui = open_dock(s)
        panel.rpr.RPR_SetExtState("reagroove", "live", "on", False)
        gui.windows[TITLE].size = (160.0, 900.0)
        s.reaper.run_deferred()
        right = gui.windows[TITLE].pos[0] + 160.0 - fake_imgui.PADDING
        lines = [w for w in gui.last_frame() if w.kind == "text" and isinstance(w.value, int)]
        assert lines and lines[0].label.startswith("Live follow on")
        assert [w.label for w in lines if w.rect[2] > right + 0.5] == []
