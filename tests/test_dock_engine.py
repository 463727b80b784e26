"""The docked panel and the engine processes its buttons start: one at a time, and a failure said once.

The engine is a separate process (reagroove_common.run_engine returns its Popen); here a stand-in
whose `poll()` says whether it still runs, as Popen.poll does.
"""

from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings


class Engine:
    """A started engine process: running until `exit(code)`."""

    def __init__(self, args):
        self.args, self.code = args, None

    def poll(self):
        return self.code

    def exit(self, code=0):
        self.code = code


def open_dock(s, launch):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=launch)
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def started_engines():
    engines = []

    def launch(args):
        engines.append(Engine(args))
        return engines[-1]

    return engines, launch


def messages(gui):
    return [w.label for w in gui.last_frame() if w.kind == "text" and not isinstance(w.value, int)]


def test_drumify_pressed_twice_starts_one_engine_until_it_has_finished(config):
    engines, launch = started_engines()
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        _, gui = open_dock(s, launch)
        gui.click("Drumify")
        s.reaper.run_deferred()
        gui.click("Drumify")  # pressed again while the first still writes the drum track
        s.reaper.run_deferred()
        gui.click("Variations")
        s.reaper.run_deferred()
        assert len(engines) == 1
        said = [m for m in messages(gui) if "still running" in m]
        assert said and said[-1].startswith("drumify")
        assert any("still running" in line for line in s.reaper.console)
        engines[0].exit(0)
        s.reaper.run_deferred(2)
        assert not any("still running" in m for m in messages(gui))  # no longer true: not said
        gui.click("Drumify")  # finished: a new one starts
        s.reaper.run_deferred()
        assert len(engines) == 2


def test_an_engine_that_fails_is_said_in_the_panel_and_the_next_press_works(config):
    engines, launch = started_engines()
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        _, gui = open_dock(s, launch)
        gui.click("Drumify")
        s.reaper.run_deferred()
        engines[0].exit(1)  # e.g. nothing selected: the engine says why in REAPER's console and exits 1
        s.reaper.run_deferred(2)
        assert any("drumify" in m and "console" in m for m in messages(gui))
        gui.click("Drumify")
        s.reaper.run_deferred()
        assert len(engines) == 2


def test_pattern_from_an_item_is_taken_only_once_the_engine_saved_it(config):
    engines, launch = started_engines()
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        panel, gui = open_dock(s, launch)
        gui.click("←item##A")  # nothing selected: the engine fails
        s.reaper.run_deferred()
        engines[0].exit(1)
        s.reaper.run_deferred()
        assert panel.settings.pattern_a is None  # A is not a pattern that was never saved
        gui.click("←item##B")
        s.reaper.run_deferred()
        assert panel.settings.pattern_b is None  # not yet: the engine is still reading the item
        engines[1].exit(0)
        s.reaper.run_deferred()
        panel.shared.flush()
        assert SharedSettings(config / "settings.json").read().pattern_b == "reaper-B"


def test_an_engine_that_cannot_start_is_one_line_in_the_panel_and_the_console(config):
    def launch(args):
        raise host.DockError("ReaGroove's engine is missing: /venv/bin/reagroove. Run install/reaper.py again")

    with reapy_inside(ProjectSpec(bpm=120)) as s:
        _, gui = open_dock(s, launch)
        gui.click("Drumify")
        s.reaper.run_deferred(2)  # the press acts after its frame is drawn: said in the next
        said = [line for line in s.reaper.console if "engine is missing" in line]
        assert len(said) == 1 and said[0].count("\n") == 1
        assert [m for m in messages(gui) if "engine is missing" in m]


def test_live_status_says_when_no_track_is_armed_any_more(config):
    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys", armed=True)
    with reapy_inside(spec) as s:
        panel, gui = open_dock(s, lambda args: None)
        panel.clock = lambda: 1.0
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        status = lambda: " · ".join(w.label for w in gui.last_frame() if w.kind == "text")  # noqa: E731
        assert "no input yet" in status()
        s.rpr.RPR_SetMediaTrackInfo_Value(s.rpr.RPR_GetTrack(0, 0), "I_RECARM", 0.0)  # the producer disarms Keys
        panel.clock = lambda: 10.0  # the next input poll
        s.reaper.run_deferred()
        assert "no record-armed track" in status()
        s.rpr.RPR_SetMediaTrackInfo_Value(s.rpr.RPR_GetTrack(0, 0), "I_RECARM", 1.0)
        panel.clock = lambda: 20.0
        s.reaper.run_deferred()
        assert "no record-armed track" not in status()


def test_in_a_short_docker_a_failed_start_is_said_where_it_can_be_read(config):
    def launch(args):
        raise host.DockError("ReaGroove's engine is missing: /venv/bin/reagroove. Run install/reaper.py again")

    with reapy_inside(ProjectSpec(bpm=120)) as s:
        _, gui = open_dock(s, launch)
        gui.windows[host.WINDOW_TITLE].size = (300.0, 160.0)  # a docker along REAPER's bottom edge
        gui.click("Drumify")
        s.reaper.run_deferred(2)
        line = next(w for w in gui.last_frame() if w.kind == "text" and "engine is missing" in w.label)
        bottom = gui.windows[host.WINDOW_TITLE].pos[1] + 160.0 - fake_imgui.PADDING
        assert line.rect[3] <= bottom  # not below the fold, under the genre sliders
