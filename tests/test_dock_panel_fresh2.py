"""The docked panel in narrow dockers, its engine hang guard, the editor opened once from any entry point,
and the editor's pickup window named as the CLI names it."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.genres import GENRE_LABELS, GENRES
from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings

TITLE = host.WINDOW_TITLE


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
