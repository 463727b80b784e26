"""The docked panel in a short, wide docker (one under REAPER's arrange view): the pad and the controls side by
side, not the buttons alone above the fold (the simulated ReaImGui in the simulated REAPER)."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui

from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings

TITLE = host.WINDOW_TITLE


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("REAGROOVE_CONFIG", str(folder))
    yield folder
    host._open["panel"] = None  # the module keeps the open panel for the session


def frame_at(config, width, height):
    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys", armed=True)
    with reapy_inside(spec) as s:
        SharedSettings(config / "settings.json").write(Settings(pattern_a="funk", pattern_b="rock", follow=0.5))
        fake_imgui.install_reaimgui(s.reaper)
        panel = host.run_action()
        s.reaper.run_deferred()
        gui = fake_imgui.state(s.reaper)
        gui.windows[TITLE].size = (float(width), float(height))
        s.reaper.run_deferred()
        gui.drag("##pad", 1.0, 1.0)  # the producer drags the pad's point to B, its bottom right corner
        s.reaper.run_deferred()
        assert s.reaper.script_errors == []
        x0, y0 = gui.windows[TITLE].pos
        box = (x0 + fake_imgui.PADDING, y0 + fake_imgui.PADDING, x0 + width - fake_imgui.PADDING,
               y0 + height - fake_imgui.PADDING)
        return gui.last_frame(), box, panel.settings


def overlap(a, b):
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("width, height", [(900, 160), (600, 160), (1400, 220)])
def test_a_short_wide_docker_shows_the_pad_and_the_pattern_controls_beside_the_buttons(config, width, height):
    """Docked under the arrange view (900 x 160 px), the panel showed only its buttons: the pad, Follow and
    A ↔ B were below the fold, reachable only by scrolling a 160 px strip."""
    frame, (left, top, right, bottom), record = frame_at(config, width, height)
    drawn = {w.label: w for w in frame}
    for label in ("Drumify", "Variations", "Live follow", "Full editor…", "##pad", "A ↔ B", "Follow", "←item##A"):
        rect = drawn[label].rect
        assert top <= rect[1] and rect[3] <= bottom + 0.5, f"{label} is below the fold"
    pad = drawn["##pad"].rect
    assert pad[3] - pad[1] >= 60 and pad[2] - pad[0] >= 100  # big enough to drag on
    assert drawn["##pad"].rect[0] > drawn["Drumify"].rect[2]  # beside the buttons, not under them
    assert [w.label for w in frame if w.rect[2] > right + 0.5 or w.rect[0] < left - 0.5] == []
    shown = [w for w in frame if w.kind not in ("table",)]
    assert [(a.label, b.label) for i, a in enumerate(shown) for b in shown[i + 1:] if overlap(a.rect, b.rect)] == []
    assert record.interpolate > 0.9 and record.follow < 0.1  # the pad there works


@pytest.mark.parametrize("width, height", [(300, 720), (400, 300), (500, 160)])
def test_a_tall_or_narrow_docker_keeps_the_sections_stacked(config, width, height):
    frame, (left, top, right, bottom), _ = frame_at(config, width, height)
    drawn = {w.label: w for w in frame}
    assert drawn["##pad"].rect[1] > drawn["Full editor…"].rect[3]  # under the actions, full width
    assert drawn["##pad"].rect[2] - drawn["##pad"].rect[0] == pytest.approx(right - left)
