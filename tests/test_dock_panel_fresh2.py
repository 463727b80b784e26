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
        assert any("drumify running" in n for n in notes(gui))
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
