"""The docked panel toured as a producer uses it between arranging steps (pad, sliders, Drumify / Variations runs
that fail then succeed, dockers narrow and wide, REAPER restarted): what went wrong there, each fixed here."""

from fake_reaper import reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import PURGE, bass_song, engine_runs, open_dock, slow_disk  # noqa: F401  (engine_runs, slow_disk: fixtures)
from test_dock_run_errors import press

from reagroove.reaper_ext.dock import host

TITLE = host.WINDOW_TITLE


def pattern_rows(gui):
    """{slot: (the pattern's text as drawn, its tooltip, the right edge of the row's last button)}."""
    frame = gui.last_frame()
    rows = {}
    for slot in "AB":
        text = next(w for w in frame if w.kind == "text" and w.tooltip and w.tooltip.startswith(f"pattern {slot}:"))
        buttons = [w for w in frame if w.kind == "button" and w.label.endswith(f"##{slot}")]
        rows[slot] = (text.label, text.tooltip, max(b.rect[2] for b in buttons), text.rect[1], buttons[0].rect[1])
    return rows


def test_a_short_pattern_name_is_shown_whole_where_it_fits_beside_its_buttons(config, engine_runs):
    """←item makes the selection pattern A ("reaper-A"): in a 200 px docker (README: labels fit one) the panel showed
    "A: reaper…" with 40 px left empty after "×", and at 160 px "B: none" read "B: …"; the names are whole now,
    the buttons still on their line inside the docker, and a name too long for the row still ends in "…"."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        press(s, gui, "←item##A")
        assert panel.settings.pattern_a == "reaper-A" and panel.settings.pattern_b is None
        for width, whole in ((200.0, "AB"), (160.0, "B")):
            gui.windows[TITLE].size = (width, 700.0)
            s.reaper.run_deferred(2)
            right = gui.windows[TITLE].pos[0] + width - 8.0  # the docker's edge, less the window's padding
            for slot, (label, tip, end, text_y, button_y) in pattern_rows(gui).items():
                assert end <= right + 0.5 and text_y == button_y, (width, slot)  # the buttons beside it, inside
                assert tip.endswith(label.removeprefix(f"{slot}: ")) or label.endswith("…"), label
                if slot in whole:
                    assert label == f"{slot}: {'reaper-A' if slot == 'A' else 'none'}", (width, label)
        gui.windows[TITLE].size = (130.0, 700.0)  # too narrow for "A: reaper-A" and its two buttons: cut, whole in the tip
        s.reaper.run_deferred(2)
        label, tip, end, *_ = pattern_rows(gui)["A"]
        assert label.endswith("…") and tip == "pattern A: reaper-A" and end <= gui.windows[TITLE].pos[0] + 122.5


def test_pattern_a_from_the_selection_is_said_once_not_twice(config, engine_runs):
    """←item said "Pattern A: pattern A set from REAPER select…" in a 330 px docker: the button's name twice, and the
    bar it was taken from cut off. Said once now; other runs keep their button's name in front."""
    from test_dock_run_errors import message_line

    with reapy_inside(bass_song(), purge=PURGE) as s:
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (330.0, 700.0)
        press(s, gui, "←item##A")
        line, tip = message_line(gui)
        assert tip.startswith("Pattern A set from REAPER selection") and "saved as 'reaper-A'" in tip, tip
        assert tip.lower().count("pattern a") == 1 and tip.startswith(line.removesuffix("…")), (line, tip)
        press(s, gui, "Drumify")
        line, tip = message_line(gui)
        assert tip.startswith("Drumify: wrote "), tip


def test_a_move_then_closing_the_panel_then_quitting_reaper_keeps_the_move(config, slow_disk, tmp_path):
    """Density moved, the panel closed with its window's ×, then REAPER quit at once on a slow disk: the open panel's
    last write was waited for at exit, a just-closed one's was not (its daemon thread died with REAPER's Python)."""
    from fake_reaper import imgui as fake_imgui

    from reagroove.core.settings import Settings

    writing = slow_disk
    with reapy_inside(bass_song().build(resource_path=str(tmp_path / "REAPER"))) as s:
        fake_imgui.install_reaimgui(s.reaper)
        assert host.run_action(launch=lambda args: None) is not None
        s.reaper.run_deferred()
        gui = fake_imgui.state(s.reaper)
        gui.set_value("auto", False)
        gui.set_value("Funk", 0.6)
        s.reaper.run_deferred()
        assert writing.wait(2.0)
        gui.close(TITLE)  # the window's close button
        s.reaper.run_deferred()
        assert host._open["panel"] is None
        s.reaper.run_atexit()  # File > Quit
        on_disk = Settings.load(config / "settings.json")
        assert (on_disk.density, on_disk.genre) == (0.5, {"funk": 0.6})


def test_a_slider_label_cut_in_a_very_narrow_docker_is_whole_in_its_tooltip(config):
    """Dragged down to 60 px, the labels above Follow, A ↔ B, Density and Fills were cut ("Dens…") with no tooltip
    saying which slider it is (the genre names had theirs)."""
    from fake_reaper import imgui as fake_imgui

    with reapy_inside(bass_song()) as s:
        fake_imgui.install_reaimgui(s.reaper)
        assert host.run_action(launch=lambda args: None) is not None
        s.reaper.run_deferred()
        gui = fake_imgui.state(s.reaper)
        gui.windows[TITLE].size = (60.0, 700.0)
        s.reaper.run_deferred(2)
        cut = [w for w in gui.last_frame() if w.kind == "text" and w.label.endswith("…")]
        names = {w.tooltip for w in cut}
        assert "Density" in names, [(w.label, w.tooltip) for w in cut]
        assert all(w.tooltip and w.label.removesuffix("…").lower() in w.tooltip.lower() for w in cut), cut


def test_drumify_refused_for_live_follow_is_unsaid_once_live_follow_is_turned_off_elsewhere(config):
    """Drumify pressed while live follow ran: "live follow is on and writes ... turn live follow off" stayed under the
    buttons after live follow was turned off with the toggle action (or the Qt panel), beside "Live follow off"."""
    from test_dock import open_dock as open_plain, project

    from reagroove.core.constants import EXT_SECTION

    with reapy_inside(project()) as s:
        launched = []
        _, gui = open_plain(s, launched)
        gui.set_value("Live follow", True)
        s.reaper.run_deferred()
        gui.click("Drumify")
        s.reaper.run_deferred(2)  # pressed in one frame, said in the next
        assert "live follow is on" in texts(gui)
        s.reaper.run_deferred(3)
        assert "live follow is on" in texts(gui)  # true while it stays on
        s.rpr.RPR_SetExtState(EXT_SECTION, "live", "off", False)  # the toggle action
        s.reaper.run_deferred(2)
        assert "Live follow off" in texts(gui) and "live follow is on" not in texts(gui)
        assert not any(run[:2] == ["reaper", "drumify"] for run in launched)


def texts(gui):
    return " | ".join(w.label for w in gui.last_frame() if w.kind == "text")
