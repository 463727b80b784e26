"""The docked panel used by hand through a session in the simulated REAPER: Drumify, Variations, REAPER's undo and
project tabs. What a run said stayed under the buttons after REAPER had undone it, and over another project's tab."""

from fake_reaper import reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import PURGE, bass_song, drum_items, engine_runs, open_dock, texts  # noqa: F401
from test_dock_run_errors import press

UNDO = 40029  # REAPER's Edit: Undo


def said_lines(gui, command):
    return [t for t in texts(gui) if t.startswith(f"{command}:")]


def later(s, panel, now, seconds):
    """`seconds` pass (the panel looks at REAPER's undo once a second), a few frames drawn."""
    now[0] += seconds
    s.reaper.run_deferred(2)


def test_what_a_run_said_goes_once_reaper_undoes_it(config, engine_runs):
    """Variations said "Variations: 4 variations on new tracks ReaGroove Var 1-4 …" and still said it after Ctrl+Z in
    REAPER had removed those tracks; the same for Drumify once its drum items were undone. A line that is still true
    (an unrelated edit undone) stays."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        now = [100.0]
        panel.clock = lambda: now[0]
        press(s, gui, "Drumify")
        assert said_lines(gui, "Drumify") and drum_items(s.rpr) > 0
        press(s, gui, "Variations")
        assert said_lines(gui, "Variations"), texts(gui)
        later(s, panel, now, 5.0)
        assert said_lines(gui, "Variations"), "a true line went by itself"
        variation_tracks = s.rpr.RPR_CountTracks(0)
        s.rpr.RPR_Main_OnCommand(UNDO, 0)  # the variations are gone
        assert s.rpr.RPR_CountTracks(0) < variation_tracks
        later(s, panel, now, 1.5)
        assert not said_lines(gui, "Variations"), texts(gui)
        press(s, gui, "Drumify")  # drums again, then a track added and that undone: the drums are still there
        assert said_lines(gui, "Drumify")
        s.rpr.RPR_InsertTrackAtIndex(0, True)
        s.rpr.RPR_Undo_OnStateChange("Insert track")
        s.rpr.RPR_Main_OnCommand(UNDO, 0)
        later(s, panel, now, 1.5)
        assert said_lines(gui, "Drumify"), texts(gui)
        s.rpr.RPR_Main_OnCommand(UNDO, 0)  # the drums undone
        later(s, panel, now, 1.5)
        assert not said_lines(gui, "Drumify"), texts(gui)


def test_what_a_run_said_in_one_project_tab_is_not_shown_over_another(config, engine_runs):
    """Drumify in one project tab, then another tab shown (REAPER's project tabs): "Drumify: wrote 4 drum items" stayed
    over that tab, which has no drums; and a refusal there ("select one or more … items") stayed once back in the
    first tab, where items are selected."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        now = [100.0]
        panel.clock = lambda: now[0]
        press(s, gui, "Drumify")
        assert said_lines(gui, "Drumify")
        s.reaper.new_project("second song")
        s.reaper.active = 1  # its tab shown
        later(s, panel, now, 1.5)
        assert not said_lines(gui, "Drumify"), texts(gui)
        press(s, gui, "Drumify")  # nothing selected in this tab
        refusal = said_lines(gui, "Drumify")
        assert refusal and drum_items(s.rpr) == 0
        later(s, panel, now, 1.5)
        assert said_lines(gui, "Drumify") == refusal, "the refusal went while still true"
        s.reaper.active = 0
        later(s, panel, now, 1.5)
        assert not said_lines(gui, "Drumify"), texts(gui)
