"""REAPER's side counts what a Drumify would read (selected items, else razor-edited ones) in the server's
project_info: the editor's link checks it about once a second and greys Drumify selection out once everything is
deselected (panel/modes.py); it went on showing "REAPER selection · bars 1-2" with Drumify on. And Variations with
no drum track to copy a kit from say what to do then, not "put your kit on the drum track"."""

from fake_reaper import reapy_inside
from test_reaper_kit_instruments import engine, fx_chains
from test_reaper_live_drumify import project
from test_reaper_razor_edits import bars, deselect_all, eight_bars, razor  # noqa: F401  (razor: a fixture)
from test_reaper import PURGE

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, kit_notes
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.panel.transport import status_from_info
from reagroove.reaper_ext.reaper_names import ROLE_KEY


def test_the_servers_project_info_counts_the_items_drumify_would_read(razor):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        assert status_from_info(LocalBridge().call("project_info")).selected == 1
        deselect_all(s.rpr)
        assert status_from_info(LocalBridge().call("project_info")).selected == 0
        razor(s, {"Bass": bars(5, 8)})  # a razor edit over the part, nothing selected: Drumify reads it
        assert status_from_info(LocalBridge().call("project_info")).selected == 1


def test_the_selection_check_reads_each_track_once_with_nothing_selected(razor, monkeypatch):
    """The editor's check about once a second, nothing selected: each track's role was read, then its razor edits,
    each read a 4 MB buffer in reaper_python (100 tracks: ~35-40 ms of REAPER's main thread every check). Now the
    razor edits first and the role only under one; a track with no items is not read at all. The count is as it
    was: a razor edit over ReaGroove's own drum items is not a selection, one over the bass is."""
    with reapy_inside(eight_bars(keys_bars=4), purge=PURGE) as s:
        import reaper_python  # the simulated REAPER's module, importable inside reapy_inside

        rpr = s.rpr
        deselect_all(rpr)
        rpr.RPR_InsertTrackAtIndex(2, False)  # a track with no items (a folder, a bus)
        bass_track = rpr.RPR_GetTrack(0, 0)
        rpr.RPR_GetSetMediaTrackInfo_String(bass_track, ROLE_KEY, "drums", True)  # made ReaGroove's own
        razor(s, {"Bass": bars(1, 8)})
        reads = []
        counted = reaper_python.RPR_GetSetMediaTrackInfo_String

        def get_set(track, parm, buf, is_set):
            reads.append(parm)
            return counted(track, parm, buf, is_set)

        monkeypatch.setattr(reaper_python, "RPR_GetSetMediaTrackInfo_String", get_set)
        assert status_from_info(LocalBridge().call("project_info")).selected == 0  # ReaGroove's: not the band's
        # Bass: its razor edits, then its role (it has one); Keys: its razor edits (none); the empty track: nothing
        assert sorted(reads) == sorted(["P_RAZOREDITS", ROLE_KEY, "P_RAZOREDITS"]), reads
        rpr.RPR_GetSetMediaTrackInfo_String(bass_track, ROLE_KEY, "", True)  # the band's again
        assert status_from_info(LocalBridge().call("project_info")).selected == 1


def test_variations_with_no_drum_track_say_to_drumify_first_or_put_a_kit_on_a_variation():
    with reapy_inside(project(), purge=PURGE) as s:
        res = actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2)
        assert all(not fx for fx in fx_chains(s.rpr).values())
        assert res["kit_notes"] == [kit_notes.VARIATIONS_WITHOUT_DRUM_TRACK]
        said = res["kit_notes"][0]
        assert "Drumify first" in said and "variation track" in said and "on the drum track" not in said
