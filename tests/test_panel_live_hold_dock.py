"""The docked panel's Live follow started with a hold saved in the full editor (the dock has no Hold box): live play
cannot honour it (the drums follow each bar played), and the dock turned live follow on without a word of it."""

from fake_reaper import reapy_inside
from test_dock import config, open_dock, project  # noqa: F401  (config: a fixture)

from reagroove.core.constants import EXT_SECTION
from reagroove.core.settings import Settings
from reagroove.models.commands_live import HOLD_NO_EFFECT_LIVE
from reagroove.reaper_ext.panel.store import SharedSettings


def texts(gui) -> list[str]:
    return [w.label for w in gui.last_frame() if w.kind == "text"]


def said_of_hold(gui) -> list[str]:
    return [t for t in texts(gui) if HOLD_NO_EFFECT_LIVE in t]


def test_live_follow_turned_on_with_a_saved_hold_says_it_has_no_effect(config):
    Settings(hold=True, density=0.3).save(config / "settings.json")
    launched = []
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, launched)
        assert panel.settings.hold and not said_of_hold(gui)  # not live: nothing to say
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "live") == "on" and launched[0][:2] == ["reaper", "live"]
        said = said_of_hold(gui)
        assert len(said) == 1 and said[0].startswith("Hold (saved in the full editor) has no effect live"), texts(gui)
        gui.set_value("Live follow", False)  # off: no longer true, so no longer said
        s.reaper.run_deferred(2)
        assert not said_of_hold(gui)


def test_the_line_goes_when_the_hold_is_cleared_and_is_not_said_without_one(config):
    Settings(hold=True).save(config / "settings.json")
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, [])
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        assert said_of_hold(gui)
        SharedSettings(config / "settings.json").write(Settings())  # unticked in the full editor, live playing on
        s.reaper.run_deferred(2)
        assert not panel.settings.hold
        assert not said_of_hold(gui)
        gui.set_value("Live follow", False)
        s.reaper.run_deferred(2)
        gui.set_value("Live follow", True)  # on again, no hold saved: nothing said of one
        s.reaper.run_deferred(2)
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "live") == "on" and not said_of_hold(gui)
