"""The docked panel (reaper_ext/dock) inside the simulated REAPER, drawn with the simulated ReaImGui.

What is drawn, what a gesture changes (the settings record both panels share,
settings.json), what the buttons start, the live status, and the docker
kept across REAPER restarts; without ReaImGui, one line saying how to get it.
"""

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui

from reagroove.core.constants import EXT_SECTION
from reagroove.core.genres import GENRE_LABELS, GENRES
from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings

TITLE = host.WINDOW_TITLE


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


def status_line(gui):
    """The live status, as the panel's first text lines say it."""
    texts = [w for w in gui.last_frame() if w.kind == "text"]
    return " · ".join(w.label for w in texts if isinstance(w.value, int))  # drawn with TextColored


def open_dock(s, launched=None):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=(launched.append if launched is not None else None))
    assert panel is not None
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def test_without_reaimgui_the_action_says_how_to_install_it(config):
    with reapy_inside(project()) as s:
        assert host.run_action() is None
        said = [m for m in s.reaper.console if "ReaImGui" in m]
        assert len(said) == 1 and said[0].count("\n") == 1  # one line
        assert "ReaPack" in said[0] and "ReaImGui: ReaScript binding for Dear ImGui" in said[0]
        assert "Open panel" in said[0]  # the Qt panel still works, and says so
        assert s.reaper.message_boxes and not s.reaper.deferred  # nothing keeps running


def test_the_panel_draws_what_a_producer_reaches_for(config):
    with reapy_inside(project()) as s:
        _, gui = open_dock(s)
        drawn = {w.label: w for w in gui.last_frame()}
        for label in ("##pad", "Follow", "A ↔ B", "Density", "auto", "Fills", "Drumify", "Variations",
                      "##variations", "Live follow", "Full editor…", "←item##A", "←item##B"):
            assert label in drawn, label
        for genre in GENRES:
            assert drawn[GENRE_LABELS[genre]].kind == "slider"
        assert any(w.label == "Live follow off" for w in gui.last_frame() if w.kind == "text")
        shapes = [d[0] for d in gui.last_draw()]
        assert "triangle_filled" in shapes and "circle_filled" in shapes  # the pad and its point
        # what has no effect is greyed out, the tooltip saying why (Settings.inactive, as the Qt panel)
        assert drawn["Follow"].disabled and "pattern" in drawn["Follow"].tooltip
        assert drawn["A ↔ B"].disabled and "pattern" in drawn["A ↔ B"].tooltip
        assert drawn["Density"].disabled and "auto" in drawn["Density"].tooltip
        assert not drawn["Fills"].disabled and not drawn["Drumify"].disabled


def test_a_control_moved_changes_the_shared_settings(config):
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s)
        record = SharedSettings(config / "settings.json")  # the Qt panel's side of the record

        def frame():
            s.reaper.run_deferred()
            panel.shared.flush()  # the panel writes on its own thread; wait for the disk

        gui.set_value("auto", False)
        frame()
        gui.set_value("Density", 0.8)
        gui.set_value(GENRE_LABELS["funk"], 0.6)
        gui.set_value("Fills", 8)  # bars: every 4 loops
        frame()
        assert panel.settings == Settings(density=0.8, genre={"funk": 0.6}, fill_every=4)  # applied in the frame
        assert record.poll() == panel.settings
        gui.set_value("Density", 1.7)  # typed with Ctrl+click: out of range, clamped
        frame()
        assert record.poll().density == 1.0
        gui.set_value("Follow", 0.3)  # greyed out (no pattern): the gesture does nothing
        frame()
        assert record.poll() is None and "Follow" in gui.ignored


def test_a_change_in_the_other_panel_shows_in_the_next_frame(config):
    with reapy_inside(project()) as s:
        _, gui = open_dock(s)
        record = SharedSettings(config / "settings.json")
        record.write(Settings(density=0.3, pattern_a="rock", pattern_b="funk", follow=0.4, interpolate=0.25))
        s.reaper.run_deferred()
        drawn = {w.label: w for w in gui.last_frame()}
        assert drawn["Density"].value == 0.3 and not drawn["Density"].disabled
        assert drawn["Follow"].value == 0.4 and not drawn["Follow"].disabled
        assert drawn["A ↔ B"].value == 0.25 and not drawn["A ↔ B"].disabled
        assert drawn["A: Rock"].kind == "text" and drawn["B: Funk"].kind == "text"


def test_the_pad_sets_follow_and_a_to_b(config):
    with reapy_inside(project()) as s:
        SharedSettings(config / "settings.json").write(Settings(pattern_a="rock", pattern_b="funk", follow=0.5))
        panel, gui = open_dock(s)
        gui.drag("##pad", 1.0, 1.0)  # the bottom right corner: pattern B
        s.reaper.run_deferred()
        assert (panel.settings.interpolate, panel.settings.follow) == (1.0, 0.0)
        gui.drag("##pad", 0.5, 0.0)  # the top: your groove G
        s.reaper.run_deferred()
        assert panel.settings.follow == 1.0 and panel.settings.interpolate == 1.0  # at G A-B keeps its value
        gui.drag("##pad", 0.25, 0.5)  # halfway up, on the A-G edge
        s.reaper.run_deferred()
        assert panel.settings.follow == pytest.approx(0.5, abs=0.01)
        assert panel.settings.interpolate == pytest.approx(0.0, abs=0.01)
        panel.shared.flush()
        assert SharedSettings(config / "settings.json").read() == panel.settings


def test_buttons_start_the_engine_with_the_shared_settings(config):
    launched = []
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, launched)
        path = str(config / "settings.json")
        gui.click("Drumify")
        s.reaper.run_deferred()
        gui.set_value("##variations", 6)
        s.reaper.run_deferred()
        gui.click("Variations")
        s.reaper.run_deferred()
        gui.click("←item##A")
        s.reaper.run_deferred()
        gui.click("Full editor…")
        s.reaper.run_deferred()
        panel.shared.flush()
        assert [a[:a.index("--report")] if "--report" in a else a for a in launched] == [["reaper", "drumify", "--settings", path],
                            ["reaper", "variations", "--count", "6", "--settings", path],
                            ["reaper", "set-pattern", "A"], ["reaper", "panel"]]
        assert Settings.load(path).pattern_a == "reaper-A"  # the selection's pattern is A in both panels


def test_live_follow_and_its_status(config):
    launched = []
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, launched)
        rpr, reaper = s.rpr, s.reaper
        gui.set_value("Live follow", True)
        reaper.run_deferred()
        assert rpr.RPR_GetExtState(EXT_SECTION, "live") == "on"
        assert launched == [["reaper", "live", "--settings", str(config / "settings.json")]]
        reaper.transport.play()
        reaper.transport.advance(4.5)  # bar 3, beat 2 at 120 BPM
        panel.clock = lambda: 100.0
        reaper.run_deferred()
        line = status_line(gui)
        assert line.startswith("Live follow on · bar 3 · beat 2") and "no input yet" in line
        reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=4.5)  # a note on the armed track's input
        panel.clock = lambda: 100.5
        reaper.run_deferred()
        panel.clock = lambda: 101.0
        reaper.run_deferred()
        line = status_line(gui)
        assert "input 0.5 s ago" in line and "0 loops written" in line
        track = rpr.RPR_GetTrack(0, 0)
        rpr.RPR_InsertTrackAtIndex(1, True)
        drums = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_GetSetMediaTrackInfo_String(drums, "P_NAME", host.DRUMS_TRACK_NAME, True)
        for bar in range(2):
            rpr.RPR_CreateNewMIDIItemInProj(drums, 2.0 * bar, 2.0 * bar + 2.0, False)
        panel.clock = lambda: 103.0
        reaper.run_deferred()
        line = status_line(gui)
        assert "2 loops written" in line and track
        gui.set_value("Live follow", False)  # off: the follower stops at its next poll
        reaper.run_deferred()
        assert rpr.RPR_GetExtState(EXT_SECTION, "live") == "off" and len(launched) == 1


def test_the_docker_is_kept_across_restarts(config, tmp_path):
    resource = str(tmp_path / "REAPER")
    with reapy_inside(project().build(resource_path=resource)) as s:
        _, gui = open_dock(s)
        assert gui.windows[TITLE].dock_id == 0  # first time: floating
        gui.dock(TITLE, -3)  # the producer drags it into REAPER's docker 3
        s.reaper.run_deferred(2)
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(os.path.join(resource, "reaper-extstate.ini"))
    assert ini[EXT_SECTION][host.DOCK_KEY] == "-3"  # persisted by REAPER
    host._open["panel"] = None
    with reapy_inside(project().build(resource_path=resource)) as s:  # REAPER restarted
        _, gui = open_dock(s)
        assert gui.windows[TITLE].dock_id == -3 and gui.windows[TITLE].size == fake_imgui.DOCKER_SIZE
        gui.dock(TITLE, 0)  # dragged out: floating again
        s.reaper.run_deferred(2)
    host._open["panel"] = None
    with reapy_inside(project().build(resource_path=resource)) as s:
        _, gui = open_dock(s)
        assert gui.windows[TITLE].dock_id == 0


def test_the_action_toggles_the_panel_and_closing_ends_its_loop(config):
    with reapy_inside(project()) as s:
        open_dock(s)
        s.reaper.run_deferred(3)
        assert s.reaper.deferred  # a frame per defer cycle
        assert host.run_action() is None  # run again: closes it
        s.reaper.run_deferred(2)
        assert not s.reaper.deferred and host._open["panel"] is None
        _, gui = open_dock(s)
        gui.close(TITLE)  # the window's close button
        s.reaper.run_deferred(2)
        assert not s.reaper.deferred and host._open["panel"] is None


def test_the_dock_imports_neither_qt_nor_torch():
    import subprocess
    import sys

    code = ("import sys; import reagroove.reaper_ext.dock; "
            "assert not any(m.split('.')[0] in ('torch', 'PySide6', 'pyqtgraph') for m in sys.modules), 'heavy'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_drumify_reads_what_the_panel_shows(config):
    seen = []

    def launch(args):  # the engine process reads --settings when it starts
        seen.append(Settings.load(args[args.index("--settings") + 1]).fill_every)

    with reapy_inside(project()) as s:
        fake_imgui.install_reaimgui(s.reaper)
        host.run_action(launch=launch)
        s.reaper.run_deferred()
        gui = fake_imgui.state(s.reaper)
        gui.set_value("Fills", 6)  # moved and Drumify clicked in the same frame
        gui.click("Drumify")
        s.reaper.run_deferred()
        assert seen == [3]


@pytest.fixture
def installed(tmp_path):
    """A REAPER resource folder with ReaGroove installed by install/reaper.py. Running its scripts puts the
    installed folder on sys.path and imports its module, as REAPER's Python keeps them: both go afterwards."""
    resource = tmp_path / "REAPER"
    (resource / "Scripts").mkdir(parents=True)
    (resource / "reaper.ini").write_text("[REAPER]\n")
    installer = Path(__file__).resolve().parents[1] / "install" / "reaper.py"
    subprocess.run([sys.executable, str(installer), "--resource-path", str(resource)], check=True,
                   capture_output=True, timeout=60)
    scripts = resource / "Scripts" / "ReaGroove"
    yield resource
    sys.modules.pop("reagroove_common", None)
    while str(scripts) in sys.path:
        sys.path.remove(str(scripts))


def test_the_installed_action_opens_the_panel(config, installed):
    """install/reaper.py's generated "ReaGroove: Docked panel" script, run by the simulated REAPER."""
    with reapy_inside(project().build(resource_path=str(installed))) as s:
        fake_imgui.install_reaimgui(s.reaper)
        s.reaper.run_script(str(installed / "Scripts" / "ReaGroove" / "reagroove_dock.py"))
        s.reaper.run_deferred()
        assert host._open["panel"] is not None
        assert "Drumify" in [w.label for w in fake_imgui.state(s.reaper).last_frame()]


class PlayingReaper:
    """A bridge to a REAPER that plays on, an eighth note of input per poll, until `polls` polls."""

    def __init__(self, polls, on_poll):
        self.polls, self.on_poll = polls, on_poll
        self.n, self.position, self.written = 0, 0.0, []

    def call(self, name, *args):
        if name == "poll_live_input":
            self.n += 1
            self.position += 0.5
            self.on_poll(self.n)
            return {"events": [[self.position - 0.25, 40, 100]], "last_seq": self.n, "armed": True,
                    "live": "off" if self.n >= self.polls else "on", "play_state": 1, "position_qn": self.position,
                    "tempos": [[0.0, 120.0]], "time_signatures": [[0.0, 4, 4]]}
        if name == "write_drum_track":
            self.written.append(args[0])
            return {"track": 7, "track_index": 1, "created": True, "written": len(args[0]["items"]), "kept_edited": []}
        if name in ("show_message", "end_live_take"):
            return None
        raise AssertionError(f"unexpected call {name}")

    def close(self):
        pass


def test_live_follow_from_the_panel_takes_later_changes_at_the_next_bar(tmp_path):
    """`reagroove reaper live --settings settings.json` (what the panel's Live follow starts) follows the record."""
    import argparse

    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.reaper_ext import commands

    path = tmp_path / "settings.json"
    Settings().save(path)
    panel_side = SharedSettings(path)
    reaper = PlayingReaper(80, lambda n: n == 40 and panel_side.write(Settings(density=0.9)))
    args = argparse.Namespace(memory=0.6, poll=0.0, settings=str(path))
    assert commands._live(args, reaper, Engine(StubModel()), Settings.load(path), None) == 0
    densities = [item["settings"]["density"] for spec in reaper.written for item in spec["items"]]
    assert densities[0] is None and densities[-1] == 0.9  # the bars after the change play it
    assert densities == sorted(densities, key=lambda d: d is not None)  # and no bar goes back


def test_the_panel_says_when_every_voice_group_is_muted(config):
    with reapy_inside(project()) as s:
        _, gui = open_dock(s)
        texts = lambda: [w.label for w in gui.last_frame() if w.kind == "text"]  # noqa: E731
        why = Settings(voice_groups={g: False for g in Settings().voice_groups}).inactive()["voice_groups"]
        assert not any(why in t for t in texts())
        SharedSettings(config / "settings.json").write(Settings(voice_groups={g: False for g in Settings().voice_groups}))
        s.reaper.run_deferred()
        assert any(t.startswith(why) and "Full editor" in t for t in texts())  # muted in the editor: said here


def frame_at(s, gui, width, height):
    """One frame drawn with the window at width x height (the producer resized the docker)."""
    gui.windows[TITLE].size = (float(width), float(height))
    s.reaper.run_deferred()
    return gui.last_frame()


@pytest.mark.parametrize("width", [200, 300, 330])
def test_in_a_narrow_docker_the_actions_are_above_the_fold_and_every_label_fits(config, width):
    with reapy_inside(project()) as s:
        SharedSettings(config / "settings.json").write(Settings(pattern_a="Funky_Drummer_Break_Clyde_Stubblefield_1970",
                                                                pattern_b="funk", follow=0.5))
        _, gui = open_dock(s)
        frame = frame_at(s, gui, width, 620)
        x0, y0 = gui.windows[TITLE].pos
        right, bottom = x0 + width - fake_imgui.PADDING, y0 + 620 - fake_imgui.PADDING
        drawn = {w.label: w for w in frame}
        for label in ("Drumify", "Variations", "##variations", "Live follow", "Full editor…"):
            assert drawn[label].rect[3] <= bottom, f"{label} is below the fold"
        over = [(w.label, w.rect[2]) for w in frame if w.rect[2] > right + 0.5]
        assert over == []  # "Hip-Hop/R&B/Soul", a long pattern name, the buttons beside it: all inside
        name = next(w for w in frame if w.kind == "text" and w.label.startswith("A: "))
        assert name.label.endswith("…") and "Funky_Drummer_Break_Clyde_Stubblefield_1970" in name.tooltip
        assert drawn[GENRE_LABELS["hiphop"]].kind == "slider"


def test_every_control_of_the_panel_says_what_it_does(config):
    with reapy_inside(project()) as s:
        for settings in (Settings(), Settings(pattern_a="rock", pattern_b="funk", follow=0.5, density=0.4)):
            SharedSettings(config / "settings.json").write(settings)
            _, gui = open_dock(s) if host._open["panel"] is None else (None, fake_imgui.state(s.reaper))
            s.reaper.run_deferred()
            controls = [w for w in gui.last_frame() if w.kind in ("slider", "slider_int", "checkbox", "button",
                                                                  "invisible_button")]
            assert len(controls) > 15
            silent = [w.label for w in controls if not (w.tooltip or "").strip() or "\n" in w.tooltip]
            assert silent == []


def test_the_variations_count_is_kept_after_generating_closing_and_restarting(config, tmp_path):
    resource, launched = str(tmp_path / "REAPER"), []
    count = lambda gui: gui.widget("##variations").value  # noqa: E731
    with reapy_inside(project().build(resource_path=resource)) as s:
        _, gui = open_dock(s, launched)
        gui.set_value("##variations", 7)
        s.reaper.run_deferred()
        gui.click("Variations")
        s.reaper.run_deferred(2)
        assert launched[-1][:4] == ["reaper", "variations", "--count", "7"] and count(gui) == 7  # after generating
        assert host.run_action() is None  # the action again: closed
        s.reaper.run_deferred()
        open_dock(s, launched)  # and opened
        assert count(gui) == 7
    host._open["panel"] = None
    with reapy_inside(project().build(resource_path=resource)) as s:  # REAPER restarted
        _, gui = open_dock(s, launched)
        assert count(gui) == 7
        gui.click("Variations")
        s.reaper.run_deferred()
        assert launched[-1][:4] == ["reaper", "variations", "--count", "7"]
