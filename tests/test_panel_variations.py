"""The Variations count is one setting (Settings.variations) with one range, the engine's 1-64: set in the docked
panel it shows in the full editor and the other way round, and `reagroove reaper variations` takes it.
Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model."""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from fake_reaper import ProjectSpec, reapy_inside  # noqa: E402
from fake_reaper import imgui as fake_imgui  # noqa: E402

from reagroove.core.constants import EXT_SECTION  # noqa: E402
from reagroove.core.errors import ReaGrooveError  # noqa: E402
from reagroove.core.settings import MAX_VARIATIONS, Settings  # noqa: E402
from reagroove.reaper_ext.dock import host  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("REAGROOVE_CONFIG", str(folder))  # the docked panel's settings.json: the editor's too
    yield folder
    host._open["panel"] = None


def project():
    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys")
    return spec


def test_a_count_set_in_one_panel_shows_in_the_other(make_panel, qtbot, config):
    with reapy_inside(project()) as s:
        fake_imgui.install_reaimgui(s.reaper)
        dock = host.run_action(launch=lambda args: None)
        s.reaper.run_deferred()
        gui = fake_imgui.state(s.reaper)
        editor = make_panel(config_dir=config)
        assert editor.variations_spin.maximum() == MAX_VARIATIONS == gui.widget("##variations").range[1]
        editor.variations_spin.setValue(40)  # beyond the docked panel's old 16
        qtbot.waitUntil(lambda: (s.reaper.run_deferred() or gui.widget("##variations").value == 40), timeout=3000)
        assert dock.settings.variations == 40
        gui.set_value("##variations", 7)
        s.reaper.run_deferred()
        dock.shared.flush()
        qtbot.waitUntil(lambda: editor.variations_spin.value() == 7, timeout=3000)
        assert editor.controller.variations == 7 and Settings.load(config / "settings.json").variations == 7
        gui.set_value("##variations", 500)  # typed with Ctrl+click: clamped to the one range
        s.reaper.run_deferred()
        assert dock.settings.variations == MAX_VARIATIONS
        editor.close()


def test_one_range_everywhere(tmp_path):
    assert Settings(variations=1).variations == 1 and Settings(variations=MAX_VARIATIONS).variations == 64
    for bad in (0, MAX_VARIATIONS + 1, 2.5, True, "4"):
        with pytest.raises(ReaGrooveError, match=f"variations must be a whole number from 1 to {MAX_VARIATIONS}"):
            Settings(variations=bad)
    assert Settings.from_dict({"seed": 3}).variations == 4  # a record saved before it was a setting


def test_a_count_the_docked_panel_kept_in_reapers_ext_state_is_taken_once(config):
    with reapy_inside(project().ext_state(EXT_SECTION, "variations", "9")) as s:
        fake_imgui.install_reaimgui(s.reaper)
        dock = host.run_action(launch=lambda args: None)
        s.reaper.run_deferred()
        assert dock.settings.variations == 9 and fake_imgui.state(s.reaper).widget("##variations").value == 9
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "variations") == ""
        dock.shared.flush()
        assert Settings.load(config / "settings.json").variations == 9


def test_the_variations_action_takes_the_shared_count(tmp_path, monkeypatch):
    from test_reaper import PURGE, bass_project, engine

    from reagroove.core.cli import build_parser
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands
    from reagroove.reaper_ext.bridge import LocalBridge

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    path = tmp_path / "settings.json"
    Settings(variations=3).save(path)
    run = lambda *argv: commands.run_reaper(build_parser("reaper").parse_args(["reaper", "variations", *argv]))  # noqa: E731
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert run("--settings", str(path)) == 0
        assert "ReaGroove: 3 variations on new tracks ReaGroove Var 1-3" in s.reaper.console_text()
        with pytest.raises(ReaGrooveError, match="--count must be a whole number from 1 to 64, got 65"):
            run("--count", "65")
        assert s.rpr.RPR_CountTracks(0) == 2 + 3
        # one is said as one: "1 variations on new tracks ReaGroove Var 4 (the first plays, the others are muted)"
        assert run("--count", "1") == 0
        assert ("ReaGroove: 1 variation on a new track, ReaGroove Var 4 (muted, as ReaGroove drums already play: "
                "unmute it in their place)") in s.reaper.console_text()


def test_the_variations_actions_count_is_saved_with_the_settings(tmp_path, monkeypatch):
    """`reagroove reaper variations --count 6 --save-settings s.json`: the file plays 6 versions again."""
    from test_reaper import PURGE, bass_project, engine

    from reagroove.core.cli import main
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands
    from reagroove.reaper_ext.bridge import LocalBridge

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    path = tmp_path / "mine.json"
    run = lambda *argv: main(["reaper", "variations", *argv])  # noqa: E731 - as REAPER's action runs it (main saves)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert run("--count", "6", "--save-settings", str(path)) == 0
        assert Settings.load(path).variations == 6
        assert run("--settings", str(path)) == 0
        assert "ReaGroove: 6 variations on new tracks ReaGroove Var 7-12" in s.reaper.console_text()
