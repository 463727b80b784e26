"""The docked panel's actions beside live follow, its toolbar button, and the Variations count it shares.

Drumify pressed while live follow runs starts no engine and says in one line what runs; the action's
toolbar button is lit while the panel is open; the Variations count is the one both panels show.
"""

import pytest
from fake_reaper import reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config, installed, open_dock, project  # noqa: F401  (config, installed: its fixtures)

from reagroove.core.constants import EXT_SECTION
from reagroove.reaper_ext.dock import host, toolbar


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


def dock_script(tmp_path, s, named="RSreagroove_dock_test"):
    """An action "ReaGroove: Docked panel" registered with the simulated REAPER (its instance handling as
    install/reaper.py sets it: run again, a new instance starts and closes the panel)."""
    path = tmp_path / "reagroove_dock.py"
    path.write_text("from reagroove.reaper_ext.dock import host\nhost.run_action(launch=lambda args: None)\n")
    return s.reaper.register_script(str(path), 0, named, flags=516)


def lit(s, cmd):
    return s.rpr.RPR_GetToggleCommandStateEx(0, cmd)


def test_the_toolbar_button_is_lit_while_the_panel_is_open(config, tmp_path):
    with reapy_inside(project()) as s:
        fake_imgui.install_reaimgui(s.reaper)
        cmd = dock_script(tmp_path, s)
        assert lit(s, cmd) == -1  # REAPER: not a toggle until a script says so
        s.rpr.RPR_Main_OnCommand(cmd, 0)  # the action, from the toolbar
        s.reaper.run_deferred()
        assert host._open["panel"] is not None and lit(s, cmd) == 1
        assert s.reaper.toolbar_refreshes[-1] == (0, cmd)  # the button redrawn lit
        s.rpr.RPR_Main_OnCommand(cmd, 0)  # again: closes the panel
        assert host._open["panel"] is None and lit(s, cmd) == 0
        s.reaper.run_deferred(3)
        assert lit(s, cmd) == 0 and not s.reaper.deferred  # its loop has ended, the button stays dark
        s.rpr.RPR_Main_OnCommand(cmd, 0)
        s.reaper.run_deferred()
        assert lit(s, cmd) == 1
        fake_imgui.state(s.reaper).close(host.WINDOW_TITLE)  # the window's own close button
        s.reaper.run_deferred(2)
        assert host._open["panel"] is None and lit(s, cmd) == 0
        assert len(s.reaper.toolbar_refreshes) == 4 and not s.reaper.script_errors


def test_without_get_action_context_the_installed_command_id_is_lit(config, tmp_path, monkeypatch):
    """REAPER documents get_action_context for Lua and EEL2 only: the command id install/reaper.py registered
    (reagroove_common.COMMAND_IDS, which the installed action script imports) lights the button then."""
    import sys
    import types

    with reapy_inside(project()) as s:
        fake_imgui.install_reaimgui(s.reaper)
        monkeypatch.delattr(s.rpr, "RPR_get_action_context")
        common = types.ModuleType("reagroove_common")
        common.COMMAND_IDS = {toolbar.ACTION_TARGET: "RSreagroove_dock_installed"}
        monkeypatch.setitem(sys.modules, "reagroove_common", common)
        cmd = dock_script(tmp_path, s, "RSreagroove_dock_installed")
        s.rpr.RPR_Main_OnCommand(cmd, 0)
        s.reaper.run_deferred()
        assert lit(s, cmd) == 1
        s.rpr.RPR_Main_OnCommand(cmd, 0)
        assert lit(s, cmd) == 0 and not s.reaper.script_errors


def test_a_panel_opened_outside_any_action_lights_nothing(config):
    with reapy_inside(project()) as s:
        open_dock(s)
        assert s.reaper.toggle_states == {} and s.reaper.toolbar_refreshes == []
        assert host.run_action() is None
        assert s.reaper.toggle_states == {}


@pytest.mark.parametrize("context", ["get_action_context", "installed command id"])
def test_the_installed_action_lights_its_button(config, installed, monkeypatch, context):
    """install/reaper.py's generated "ReaGroove: Docked panel" script, run from the toolbar of the simulated REAPER."""
    with reapy_inside(project().build(resource_path=str(installed))) as s:
        fake_imgui.install_reaimgui(s.reaper)
        if context != "get_action_context":
            monkeypatch.delattr(s.rpr, "RPR_get_action_context")
        cmd = next(c for c, (_sec, path, _n) in s.reaper.scripts.items() if path.endswith("reagroove_dock.py"))
        s.rpr.RPR_Main_OnCommand(cmd, 0)
        s.reaper.run_deferred()
        assert host._open["panel"] is not None and lit(s, cmd) == 1
        s.rpr.RPR_Main_OnCommand(cmd, 0)  # run again: closed, dark
        s.reaper.run_deferred(2)
        assert host._open["panel"] is None and lit(s, cmd) == 0 and not s.reaper.script_errors
