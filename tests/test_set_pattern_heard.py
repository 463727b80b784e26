"""Set pattern A/B is heard, or said once how to hear it, and can be cleared.

It had stuck to every later run in every project at Follow 1, where it changes nothing: every Drumify named it
("ReaGroove · A=reaper-A follow 1.00 · seed 0", in each item's name too) and said "pattern A has no effect: follow
is 1", and nothing in the action list cleared it. The action now makes it the panels' pattern A (as the docked
panel's ←item), heard at the Follow it implies; Follow 1 in the panels is said once, when it is set; "ReaGroove:
Clear pattern A" clears it, as × in the docked panel, which shows the same record.
"""

import importlib.util
from pathlib import Path

import pytest
from fake_reaper import reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_reaper import PURGE, bass_project

from reagroove.core.cli import build_parser
from reagroove.core.errors import ReaGrooveError
from reagroove.core.settings import Settings
from reagroove.reaper_ext import commands
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.dock import host

ROOT = Path(__file__).resolve().parents[1]
UNHEARD = "pattern A has no effect"


@pytest.fixture
def run(config, monkeypatch, tmp_path):  # noqa: F811  (test_dock's fixture)
    """`reagroove reaper ARGV` in-process on the stand-in model (its saved patterns kept between runs, as the
    producer's patterns file keeps them): run(*argv) -> exit code."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore
    from reagroove.models import drummer

    saved = tmp_path / "patterns.json"
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: Engine(StubModel(), PatternStore(path=saved)))
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    return lambda *argv: commands.run_reaper(build_parser("reaper").parse_args(["reaper", *argv]))


def action(name):
    """What the installed action `name` (reagroove_common.ACTIONS) asks the engine to run, without "reaper" and
    its --port."""
    spec = importlib.util.spec_from_file_location("reagroove_common_heard",
                                                  ROOT / "install" / "reaper_scripts" / "reagroove_common.py")
    common = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(common)
    asked = []
    common.ensure_server = lambda port=None: False
    common.run_engine = lambda args, port=None, engine=None: asked.append(list(args))
    common.ACTIONS[name](1)
    return asked[0][1:]


def item_names(rpr):
    names = []
    for t in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, t)
        for i in range(rpr.RPR_CountTrackMediaItems(track)):
            take = rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(track, i))
            names.append(rpr.RPR_GetTakeName(take) if take else "")
    return names


def panels_settings(config):  # noqa: F811
    return Settings.load(config / "settings.json")


def test_set_pattern_from_the_action_list_is_heard_at_the_next_drumify(run, config):  # noqa: F811
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert run(*action("pattern_a")) == 0
        said = s.reaper.console_text()
        assert panels_settings(config).pattern_a == "reaper-A"  # the panels' A, as the dock's ←item makes it
        # said once, now: how it is heard and how to clear it
        assert "the panels' pattern A" in said and "at Follow 0.50" in said, said
        assert "'ReaGroove: Clear pattern A'" in said and "× beside A in the docked panel" in said, said
        assert run(*action("drumify")) == 0
        said = s.reaper.console_text().split("wrote", 1)[1]
        assert "A=reaper-A follow 0.50" in said and UNHEARD not in said, said
        assert all("A=reaper-A follow 0.50" in n for n in item_names(s.rpr) if n.startswith("ReaGroove ·"))


def test_a_pattern_set_from_a_shell_is_not_named_nor_said_where_unheard(run):
    """A shell's set-pattern (no panels) still leans the drums toward A once Follow is lowered; at Follow 1 it is
    not named in the items nor said to have no effect on every run."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert run("set-pattern", "A") == 0
        assert run("drumify") == 0
        said = s.reaper.console_text()
        assert UNHEARD not in said and "A=reaper-A" not in said, said
        names = [n for n in item_names(s.rpr) if n.startswith("ReaGroove ·")]
        assert names and not any("A=reaper-A" in n for n in names), names
        assert run("drumify", "--follow", "0.3") == 0
        assert "A=reaper-A follow 0.30" in s.reaper.console_text().rsplit("wrote", 1)[1]


def test_follow_1_in_the_panels_is_said_once_when_the_pattern_is_set(run, config):  # noqa: F811
    Settings(follow=1.0, genre={"rock": 1.0}).save(config / "settings.json")  # Follow dragged to 1 in a panel
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert run(*action("pattern_a")) == 0
        said = s.reaper.console_text()
        assert "Follow is 1 in the panels' settings" in said and "lower Follow" in said, said
        for _ in range(2):
            assert run(*action("drumify")) == 0
        runs = s.reaper.console_text()[len(said):]
        assert runs.count("rock 1.0") == 2 and "A=reaper-A" not in runs and UNHEARD not in runs, runs
        assert not any("A=reaper-A" in n for n in item_names(s.rpr))
        assert run(*action("drumify"), "--follow", "0.4") == 0  # lowered: heard, and named
        assert "A=reaper-A follow 0.40" in s.reaper.console_text().rsplit("wrote", 1)[1]


def test_clear_pattern_actions_clear_what_the_docked_panel_shows(run, config):  # noqa: F811
    """The dock reads the record the actions write: set from the action list it shows "A: reaper-A", cleared
    it shows "A: none", and the next Drumify plays no pattern."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        fake_imgui.install_reaimgui(s.reaper)
        panel = host.run_action(launch=lambda args: None)
        s.reaper.run_deferred()
        gui = fake_imgui.state(s.reaper)

        def shown():
            s.reaper.run_deferred()
            return [w.label for w in gui.last_frame() if w.kind == "text" and w.label.startswith(("A:", "B:"))]

        assert run(*action("pattern_a")) == 0 and run(*action("pattern_b")) == 0
        assert "move A ↔ B toward it to hear it" in s.reaper.console_text()  # B at A ↔ B 0: said how to hear it
        assert shown() == ["A: reaper-A", "B: reaper-B"] and panel.settings.pattern_b == "reaper-B"
        assert run(*action("clear_pattern_a")) == 0
        assert "pattern A cleared from the panels' settings" in s.reaper.console_text()
        assert shown() == ["A: none", "B: reaper-B"]
        assert run(*action("clear_pattern_b")) == 0
        assert shown() == ["A: none", "B: none"] and panel.settings.pattern_a is None
        assert run(*action("drumify")) == 0
        assert "ReaGroove · seed 0" in s.reaper.console_text().rsplit("wrote", 1)[1]
        assert run(*action("clear_pattern_a")) == 0  # again: nothing to clear, said
        assert s.reaper.console_text().rstrip().endswith("pattern A was not set in the panels' settings: nothing "
                                                         "to clear")


def test_the_action_list_has_the_clear_actions():
    from test_installer import load_installer

    installer = load_installer()
    named = {a.description: a.calls for a in installer.ACTIONS}
    assert named["ReaGroove: Clear pattern A"] == "clear_pattern_a"
    assert named["ReaGroove: Clear pattern B"] == "clear_pattern_b"
    assert action("clear_pattern_b") == ["set-pattern", "B", "--clear", "--panel-settings"]


def test_clearing_a_damaged_settings_file_is_one_line_and_leaves_it(run, config):  # noqa: F811
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text("{not json")
    with reapy_inside(bass_project(), purge=PURGE) as s:
        with pytest.raises(ReaGrooveError, match="panels' settings cannot be read .*pattern A is not cleared"):
            run(*action("clear_pattern_a"))
        assert "Traceback" not in s.reaper.console_text()
        assert run(*action("pattern_a")) == 0  # saved, not chosen there: said, the file left as it is
        assert "it is not made the panels' pattern A" in s.reaper.console_text()
    assert (config / "settings.json").read_text() == "{not json"
