"""A copy of the drum track moved above the original (the producer duplicated "ReaGroove Drums" to layer a second
kit and dragged the copy up): REAPER's duplicate copies the track's role, and the first drum-role track was the one
written, so the next Drumify redrummed the copy and left the original on the old groove. The original stays the
drum track, known by its own GUID kept with it (a copy has another), or in a project written before that mark by
its drum items' records (simulated REAPER, real reapy, in-process and through reapy's server)."""

import pytest
from fake_reaper import ProjectSpec
from test_reaper import engine, reaper_process  # noqa: F401  (reaper_process: the distant-mode fixture)
from test_reaper_drum_item_edits import drummed_riff
from test_reaper_items_folders import move_track
from test_reaper_pooled_drum_track_copies import duplicated, items_heard
from test_reaper_project_layouts import live_take, names_depths_parents, riff

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge
from reagroove.reaper_ext.drum_track_mark import OWN_GUID_KEY


@pytest.mark.parametrize("marked", [True, False])
def test_drumify_again_writes_the_original_drum_track_not_its_copy_moved_above_it(marked):
    """Bass, then the copy (moved to track 2), then the original (track 3). The copy's items are copies of the
    original's: Drumify kept them as the producer's ("bars 1-4 keep the drums they had ... edited") and wrote
    nothing, the original left on the old groove. marked=False: the drums were written by a ReaGroove that kept no
    mark on the track (the copy is told by its items' records)."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        original = rpr.RPR_GetTrack(0, 1)
        if not marked:
            rpr.RPR_GetSetMediaTrackInfo_String(original, OWN_GUID_KEY, "", True)
        copy = duplicated(s)
        move_track(s, 2, 1)
        assert [rpr.RPR_GetTrack(0, 1), rpr.RPR_GetTrack(0, 2)] == [copy, original]
        old = items_heard(rpr, original)
        assert items_heard(rpr, copy) == old
        res = actions.drumify_selection(bridge, engine(), Settings(seed=11))
        assert res["written"] == 2
        assert items_heard(rpr, copy) == old  # the copy is the producer's layer: never written
        new = items_heard(rpr, original)
        assert new != old and len(new) == 2
        said = [m for m in res["messages"] if "a copy of the drum track" in m]
        assert len(said) == 1 and said[0].startswith("'ReaGroove Drums' (track 2), a copy of the drum track"), said
        assert "ReaGroove writes its own drum track only (track 3)" in said[0]
        actions.variations_of_selection(bridge, engine(), Settings(), 1)
        assert [name for name, _, _ in names_depths_parents(rpr)] == [
            "Bass", "ReaGroove Drums", "ReaGroove Drums", "ReaGroove Var 1"]  # under the original
        rpr.RPR_Undo_DoUndo2(0)
        rpr.RPR_Undo_DoUndo2(0)  # the Drumify: the original has its old drums back
        assert items_heard(rpr, original) == old == items_heard(rpr, copy)


def test_live_follow_writes_the_original_drum_track_not_its_copy_moved_above_it():
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        original = rpr.RPR_GetTrack(0, 1)
        copy = duplicated(s)
        move_track(s, 2, 1)
        old = items_heard(rpr, copy)
        bass = rpr.RPR_GetTrack(0, 0)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))
        live_take(s, live_follow.LiveFollower(LocalBridge(), engine(), Settings(), memory=0.9), 16.0, 6.0)
        assert items_heard(rpr, copy) == old
        assert [start for _, (start, _end) in items_heard(rpr, original) if start >= 16.0]  # the take's bars


def test_through_reapys_server_a_copy_moved_above_the_drum_track_is_not_written(reaper_process):  # noqa: F811
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    proc, port = reaper_process(spec)
    bridge = DistantBridge(port)
    notes = ("result = [sorted((it.values['D_POSITION'], n.start, n.pitch, n.vel) for it in "
             "reaper.project.tracks[i].items for tk in it.takes for n in tk.notes) for i in (1, 2)]")
    try:
        assert actions.drumify_selection(bridge, engine(), Settings())["written"] == 2
        proc.exec("tracks = reaper.project.tracks\nreaper.duplicate_track(tracks[1])\n"
                  "tracks.insert(1, tracks.pop(2))\nrpr.RPR_Undo_OnStateChangeEx2(0, 'move track', -1, -1)\n"
                  "result = None")
        copy_before, original_before = proc.exec(notes)
        assert copy_before == original_before
        assert actions.drumify_selection(bridge, engine(), Settings(seed=11))["written"] == 2
    finally:
        bridge.close()
    copy_after, original_after = proc.exec(notes)
    assert copy_after == copy_before and original_after != original_before
