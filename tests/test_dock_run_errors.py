"""The docked panel says what a Drumify / Variations run did, or why it did not, in its own message line: it said
only "drumify did not finish (exit code 2): see REAPER's console", and a producer had to open the console to learn
that the selection held no MIDI or that the bass item was turned down to -inf."""

import json
import os
from pathlib import Path

import pytest
from fake_reaper import reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import PURGE, bass_song, engine_runs, open_dock  # noqa: F401  (engine_runs: a fixture)

from reagroove.reaper_ext.dock import host

TITLE = host.WINDOW_TITLE


def message_line(gui):
    """The text drawn right under the actions' buttons (before live follow's status): (label, tooltip) or None."""
    frame = gui.last_frame()
    below = [w for w in frame if w.kind == "text" and w.label != "Live follow off"
             and w.rect[1] >= gui.widget("Drumify").rect[3]]
    return (below[0].label, below[0].tooltip) if below else None


def press(s, gui, label):
    gui.click(label)
    s.reaper.run_deferred(3)


def test_a_selection_without_midi_is_said_in_the_panel_cut_to_a_narrow_docker(config, engine_runs):
    """A bass item with no notes selected: the reason, prefixed with the button, on one line that ends in "…" where
    the docker is narrow, whole in its tooltip; and said no more once a Drumify goes well."""
    spec = bass_song()
    empty = spec.add_track("Keys")
    spec.add_midi_item(empty, start_qn=0, length_qn=16, name="keys", notes=[])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bass_item, keys_item = (rpr.RPR_GetMediaItem(0, i) for i in range(2))
        rpr.RPR_SetMediaItemSelected(bass_item, False)
        rpr.RPR_SetMediaItemSelected(keys_item, True)
        panel, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (240.0, 700.0)
        s.reaper.run_deferred()
        press(s, gui, "Drumify")
        assert engine_runs[-1].code == 2
        reason = s.reaper.console_text().strip().splitlines()[-1].removeprefix("ReaGroove: ")  # the engine's line
        whole = f"Drumify: {reason}"
        assert "no notes" in whole
        line, tip = message_line(gui)
        assert tip == whole and line.endswith("…") and whole.startswith(line[:-1]) and len(line) > 12, line
        right = gui.windows[TITLE].pos[0] + 240.0 - fake_imgui.PADDING
        assert all(w.rect[2] <= right + 0.5 for w in gui.last_frame() if w.kind == "text"), "ran past the docker"
        assert "did not finish" not in line
        gui.windows[TITLE].size = (900.0, 700.0)  # wide: whole
        s.reaper.run_deferred()
        assert message_line(gui) == (whole, whole)
        # the next run that goes well replaces it
        rpr.RPR_SetMediaItemSelected(keys_item, False)
        rpr.RPR_SetMediaItemSelected(bass_item, True)
        press(s, gui, "Drumify")
        assert engine_runs[-1].code == 0
        line, tip = message_line(gui)
        # what it wrote, then its note (the drum track it made has no instrument yet); all it said in the tooltip
        assert "no notes" not in tip and tip.startswith("Drumify: wrote "), tip
        assert line.startswith("Drumify: wrote ") and "; the new drum track has no instrument yet" in line, line
        assert "note: the new drum track" in tip


def test_an_item_turned_down_to_minus_inf_is_said_in_the_panel(config, engine_runs):
    with reapy_inside(bass_song(), purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetMediaItem(0, 0), "D_VOL", 0.0)
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (900.0, 700.0)  # room for the whole line
        press(s, gui, "Drumify")
        assert engine_runs[-1].code == 2
        line, tip = message_line(gui)
        assert line.startswith("Drumify: no selected item is heard (") and "volume" in line, line
        assert "turn up" in tip and "console" not in tip


def test_a_run_that_went_well_says_what_it_did_then_a_note(config, engine_runs):
    """Variations over a time selection: the panel says how many variations it wrote and whether they play, then
    a note; the tooltip all the run said (on which tracks, which bars)."""
    with reapy_inside(bass_song(16), purge=PURGE) as s:
        rpr = s.rpr
        spq = 60.0 / 100
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 16 * spq, 32 * spq, False)  # bars 5-8
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (900.0, 700.0)
        press(s, gui, "Variations")
        assert engine_runs[-1].args[:2] == ["reaper", "variations"] and engine_runs[-1].code == 0
        line, tip = message_line(gui)
        assert line.startswith("Variations: 4 variations, the first plays, the others are muted"), line
        assert "variations on new tracks ReaGroove Var 1" in tip and "bars 5-8" in tip
        report = Path(engine_runs[-1].args[engine_runs[-1].args.index("--report") + 1])
        assert not list(report.parent.glob(f"reagroove-dock-run-{os.getpid()}-*"))  # read, then removed


def test_an_engine_that_left_no_report_still_points_at_the_console(config, engine_runs):
    """A run that died before it could say why (a bad option, a crash): the old line, which says where to look."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        class Died:  # the process, ended with code 1 and no report
            def poll(self):
                return 1

        def launch(args):
            engine_runs.launch(args[:args.index("--report")])  # as an engine that writes none
            return Died()

        _, gui = open_dock(s, launch)
        press(s, gui, "Drumify")
        line, _ = message_line(gui)
        assert line.startswith("drumify did not finish (exit code 1): see REAPER's console"), line


@pytest.mark.parametrize("garbage", ["", "{not json", json.dumps({"ok": True})])
def test_a_damaged_report_is_not_shown(tmp_path, garbage):
    from reagroove.reaper_ext.dock.results import read_report

    path = tmp_path / "r.json"
    path.write_text(garbage)
    assert read_report(str(path), "drumify") is None and not path.exists()
