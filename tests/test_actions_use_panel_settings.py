"""REAPER's action list plays what the panels show: a producer who pressed Funk in the docked panel, then their
Drumify shortcut, got plain drums over the funk the dock had written ("ReaGroove · seed 0"): the actions ran
`reagroove reaper drumify` with no settings. They now give --panel-settings, and the engine reads the panels'
settings.json itself (through the warm engine too: the argv is all it gets); a damaged file is one note, and the
defaults play.

Each action's argv is taken from reagroove_common (the installed actions' module, loaded from its template) and
run as the engine runs it, inside the simulated REAPER on the stand-in model.
"""

import importlib.util
import json
from pathlib import Path

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project, engine

from reagroove.core.cli import build_parser
from reagroove.core.errors import ReaGrooveError
from reagroove.core.settings import DEFAULT_VARIATIONS, MAX_VARIATIONS, Settings
from reagroove.reaper_ext import commands
from reagroove.reaper_ext.bridge import LocalBridge

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def panels(tmp_path, monkeypatch):
    """The panels' config folder (settings.json there is what the docked panel and the editor show), and
    `reagroove reaper ...` run in-process on the stand-in model: panels.run(argv) -> exit code."""
    from reagroove.models import drummer

    folder = tmp_path / "config"
    monkeypatch.setenv("REAGROOVE_CONFIG", str(folder))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())

    class Panels:
        settings = folder / "settings.json"

        @staticmethod
        def run(argv):
            return commands.run_reaper(build_parser("reaper").parse_args(list(argv)))

    return Panels


def action_argv(tmp_path, monkeypatch, name, settings_path=None):
    """What the installed action `name` (reagroove_common.ACTIONS) asks the engine to run, without its --port."""
    spec = importlib.util.spec_from_file_location(f"reagroove_common_{name}",
                                                  ROOT / "install" / "reaper_scripts" / "reagroove_common.py")
    common = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(common)
    asked = []

    class Reaper:  # REAPER's calls the live toggle makes
        def RPR_GetExtState(self, section, key):
            return ""

        def __getattr__(self, name):
            return lambda *args: 0

    monkeypatch.setattr(common, "_rpr", lambda: Reaper())
    monkeypatch.setattr(common, "ensure_server", lambda port=None: False)
    monkeypatch.setattr(common, "run_engine", lambda args, port=None, engine=None: asked.append(list(args)))
    monkeypatch.setattr(common, "spawn", lambda args, engine=None, **kw: asked.append(list(args)))
    monkeypatch.setattr(common, "SETTINGS_PATH", str(settings_path or tmp_path / "none.json"))
    monkeypatch.setattr(common, "MAX_VARIATIONS", MAX_VARIATIONS)  # (the installer fills these in)
    monkeypatch.setattr(common, "DEFAULT_VARIATIONS", DEFAULT_VARIATIONS)
    monkeypatch.setattr(common, "ask_count", lambda default: default)  # the dialog's OK on the count it offers
    common.ACTIONS[name](1)
    argv = asked[-1]
    return argv[:argv.index("--port")] if "--port" in argv else argv


def test_the_drumify_action_plays_the_panels_funk(panels, tmp_path, monkeypatch):
    Settings(genre={"funk": 1.0}, fill_every=2, variations=3).save(panels.settings)  # Funk pressed in the dock
    argv = action_argv(tmp_path, monkeypatch, "drumify")
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(argv) == 0
        said = s.reaper.console_text()
    assert "ReaGroove · funk 1.0 · seed 0" in said, said  # the dock's funk, not plain drums over it


def test_the_variations_action_plays_the_panels_settings_and_count(panels, tmp_path, monkeypatch):
    Settings(genre={"funk": 1.0}, variations=3).save(panels.settings)
    argv = action_argv(tmp_path, monkeypatch, "variations", panels.settings)
    assert argv[:4] == ["reaper", "variations", "--count", "3"]  # the dialog offered the panels' count
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(argv) == 0
        names = [s.rpr.RPR_GetTrackName(s.rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(s.rpr.RPR_CountTracks(0))]
        said = s.reaper.console_text()
    assert "3 variations" in said and sum(n.startswith("ReaGroove Var") for n in names) == 3, (said, names)
    # from a shell, --panel-settings alone plays the panels' count too (the README said so of the settings' count)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(["reaper", "variations", "--panel-settings"]) == 0
        assert "3 variations" in s.reaper.console_text()


def test_live_follow_from_the_action_list_starts_from_the_panels_settings(panels, tmp_path, monkeypatch):
    """The toggle's follower started on the defaults; it now follows the panels' settings (and their changes)."""
    from reagroove.reaper_ext import live_follow

    Settings(genre={"funk": 1.0}).save(panels.settings)
    started = []

    class Follower:  # follows one poll, then finds the toggle off
        def __init__(self, bridge, engine, settings, **kw):
            self.settings, self.written, self.take_written, self.last_info_live = settings, [], [], "on"
            started.append(settings)

        def poll(self):
            self.last_info_live = "off"

        def close(self):
            pass

    monkeypatch.setattr(live_follow, "LiveFollower", Follower)
    argv = action_argv(tmp_path, monkeypatch, "live")
    assert argv[:2] == ["reaper", "live"]
    with reapy_inside(bass_project(), purge=PURGE):
        assert panels.run([*argv, "--poll", "0.01"]) == 0
    assert started and started[0].genre == {"funk": 1.0}


@pytest.mark.parametrize("damage", ["{not json", json.dumps({"format": "reagroove-settings", "version": 99,
                                                              "settings": {}})])
def test_a_damaged_settings_file_is_one_note_and_the_defaults_play(panels, tmp_path, monkeypatch, damage):
    panels.settings.parent.mkdir(parents=True)
    panels.settings.write_text(damage)
    argv = action_argv(tmp_path, monkeypatch, "drumify")
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(argv) == 0
        said = s.reaper.console_text()
    assert "ReaGroove · seed 0" in said and "Traceback" not in said, said
    notes = [line for line in said.splitlines() if "panels' settings cannot be read" in line]
    assert len(notes) == 1 and str(panels.settings) in notes[0] and "default settings play" in notes[0], said
    assert panels.settings.read_text() == damage  # left as it is, for the producer to fix


def test_no_panel_settings_saved_yet_plays_the_defaults_unsaid(panels, tmp_path, monkeypatch):
    argv = action_argv(tmp_path, monkeypatch, "drumify")
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(argv) == 0
        said = s.reaper.console_text()
    assert "ReaGroove · seed 0" in said and "panels' settings" not in said, said
    assert not panels.settings.exists()  # a run only reads them


def test_settings_and_panel_settings_together_are_refused_in_one_line(panels, tmp_path):
    mine = tmp_path / "mine.json"
    Settings(genre={"rock": 1.0}).save(mine)
    Settings(genre={"funk": 1.0}).save(panels.settings)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        with pytest.raises(ReaGrooveError, match="give --settings FILE or --panel-settings, not both"):
            panels.run(["reaper", "drumify", "--settings", str(mine), "--panel-settings"])
        assert "wrote" not in s.reaper.console_text()


def test_a_shell_run_without_the_option_plays_its_own_settings(panels):
    """Only the actions (and a shell run that asks) play the panels' file: a script's `reagroove reaper drumify`
    stays the defaults plus its options, whatever a panel saved."""
    Settings(genre={"funk": 1.0}).save(panels.settings)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(["reaper", "drumify", "--genre", "rock"]) == 0
        assert "ReaGroove · rock 1.0 · seed 0" in s.reaper.console_text()


def test_a_pattern_the_panels_name_but_no_longer_hold_is_one_note_and_the_drums_are_written(panels, tmp_path,
                                                                                            monkeypatch):
    """The panels' pattern A deleted (or their patterns file damaged): every action had failed with "no pattern named
    'gone-groove'"; now the drums play without it, the panels' funk kept, and one note says how to clear it."""
    Settings(genre={"funk": 1.0}, pattern_a="gone-groove", follow=0.5).save(panels.settings)
    argv = action_argv(tmp_path, monkeypatch, "drumify")
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(argv) == 0
        said = s.reaper.console_text()
    assert "funk 1.0" in said and "gone-groove" not in said.splitlines()[0] and "Traceback" not in said, said
    notes = [line for line in said.splitlines() if "'gone-groove' is not among your saved patterns" in line]
    assert len(notes) == 1 and "Clear pattern A" in notes[0], said
