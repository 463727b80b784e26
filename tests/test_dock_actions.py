"""The docked panel's actions beside live follow, its toolbar button, and the Variations count it shares.

Drumify pressed while live follow runs starts no engine and says in one line what runs; the action's
toolbar button is lit while the panel is open; the Variations count is the one both panels show.
"""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui

from reagroove.core.constants import EXT_SECTION
from reagroove.reaper_ext.dock import host


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("REAGROOVE_CONFIG", str(folder))
    yield folder
    host._open["panel"] = None  # the module keeps the open panel for the session, as REAPER's interpreter does


def project():
    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys", armed=True)
    return spec


def open_dock(s, launched=None):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=(launched.append if launched is not None else None))
    assert panel is not None
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def test_drumify_while_live_follow_runs_starts_nothing_and_says_what_runs(config):
    with reapy_inside(project()) as s:
        launched = []
        panel, gui = open_dock(s, launched)
        gui.set_value("Live follow", True)
        s.reaper.run_deferred()
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "live") == "on" and launched[-1][:2] == ["reaper", "live"]
        gui.click("Drumify")
        s.reaper.run_deferred()
        assert launched[-1][:2] == ["reaper", "live"]  # no drumify engine started
        assert "live follow is on" in panel.message and "\n" not in panel.message
        assert "turn live follow off" in s.reaper.console_text()
        s.rpr.RPR_SetExtState(EXT_SECTION, "live", "off", False)  # turned off (here, the action or the Qt panel)
        s.reaper.run_deferred()
        gui.click("Drumify")
        s.reaper.run_deferred()
        assert launched[-1][:2] == ["reaper", "drumify"]
