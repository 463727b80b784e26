"""Drum items an older ReaGroove wrote, before items kept a record of where on the grid they were written
(reaper_item_record.AT_KEY) and of the spec they were written from (SPEC_KEY). Drumify again over them: one the
producer nudged 15 ms late was redrummed on the grid without a word, leaving a 15 ms sliver of the old item (no
notes) after the song's last bar; one never moved was rewritten note for note with an undo point that undid
nothing audible. Now such items are taken as lying on the grid they were written on: moved a little off it, the
whole old item gives way to drums on the grid, said once in one line; as written, nothing is rewritten."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE
from test_reaper_project_layouts import riff
from test_reaper_reruns_and_nudges import BPM, drum_items, drummed, grid_drums, items_said, nudge
from test_reaper_variations_again import change, riff_project, variation_tracks

from reagroove.core.settings import Settings
from reagroove.core.takes import MIN_VARIATION_CHANGE
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_item_record import AT_KEY, SPEC_KEY
from reagroove.reaper_ext.reaper_names import DRUMS_ROLE, ROLE_KEY


def as_older_reagroove_wrote(rpr) -> None:
    """The drum items without the records an older ReaGroove did not write (one undo point, as a project saved
    then and opened now has none)."""
    for item in drum_items(rpr):
        for key in (AT_KEY, SPEC_KEY):
            rpr.RPR_GetSetMediaItemInfo_String(item, key, "", True)


def old_lines(res) -> list:
    return [m for m in res["messages"] if "older ReaGroove" in m]


@pytest.mark.parametrize("ms", [15, -10])
def test_an_old_drum_item_moved_off_the_grid_gives_way_whole_to_drums_on_the_grid_said_once(shipped, ms):
    want = grid_drums(shipped, Settings(seed=5))
    with drummed(shipped) as (s, bridge):
        rpr = s.rpr
        as_older_reagroove_wrote(rpr)
        nudge(rpr, drum_items(rpr)[1], ms / 1000)
        undo = s.reaper.undo_names
        res = actions.drumify_selection(bridge, shipped, Settings(seed=5))
        assert items_said(bridge) == want  # no sliver of the old item left past bar 4, nor before bar 3
        assert len(s.reaper.undo_names) == len(undo) + 1
        assert old_lines(res) == [
            f"the drums in bars 3-4 played {abs(ms)} ms {'late' if ms > 0 else 'early'}, on an item an older "
            "ReaGroove wrote with no record of where: your nudge and a tempo change's move cannot be told apart "
            "there, so the new drums are on the grid (nudge it again for a laid-back feel: from now on a nudge is "
            "kept)"]
        assert not [m for m in res["messages"] if m.startswith("kept your nudge")]
        # written now with their records: a nudge from here on is kept, and nothing more is said of old items
        nudge(rpr, drum_items(rpr)[1], ms / 1000)
        res = actions.drumify_selection(bridge, shipped, Settings(seed=6))
        assert not old_lines(res) and [m for m in res["messages"] if m.startswith("kept your nudge")]


def test_old_drum_items_moved_by_a_tempo_change_are_said_in_one_line(shipped):
    """The items of an 8-bar part moved (a 121 BPM tempo change from bar 2 moves the later ones in the bars, each
    further, as the band with them): one line for them all, with how far, their drums on the grid."""
    spec = ProjectSpec(bpm=BPM)
    riff(spec, spec.add_track("Bass"), length_qn=32.0, n=32)
    with drummed(shipped, spec=spec) as (s, bridge):
        rpr = s.rpr
        as_older_reagroove_wrote(rpr)
        rpr.RPR_SetTempoTimeSigMarker(0, -1, rpr.RPR_TimeMap2_QNToTime(0, 4.0), -1, -1, 121, 0, 0, False)
        rpr.RPR_Undo_OnStateChangeEx2(0, "tempo", -1, -1)
        starts = [round(rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(i, "D_POSITION")), 6)
                  for i in drum_items(rpr)]
        assert starts[0] == 0.0 and all(0 < x % 8 < 0.25 for x in starts[1:]) and len(starts) == 4
        res = actions.drumify_selection(bridge, shipped, Settings(seed=5))
        # (the band moved with the tempo change: its last notes now reach into bar 9, drummed there too)
        assert [round(i[0], 6) for i in items_said(bridge)][:4] == [0.0, 8.0, 16.0, 24.0]
        assert old_lines(res) == [
            "the drums in bars 3-8 played 17-83 ms late, on items an older ReaGroove wrote with no record of where: "
            "your nudge and a tempo change's move cannot be told apart there, so the new drums are on the grid "
            "(nudge them again for a laid-back feel: from now on a nudge is kept)"]


def test_old_drum_items_as_written_are_not_rewritten_nor_an_undo_point_made(shipped):
    with drummed(shipped) as (s, bridge):
        rpr = s.rpr
        as_older_reagroove_wrote(rpr)
        before, notes, undo = drum_items(rpr), items_said(bridge), s.reaper.undo_names
        res = actions.drumify_selection(bridge, shipped, Settings())
        assert res["written"] == 0 and drum_items(rpr) == before and items_said(bridge) == notes
        assert s.reaper.undo_names == undo and not old_lines(res)
        assert actions.drumify_selection(bridge, shipped, Settings(seed=5))["written"] == 2  # a new take still writes


def test_variation_tracks_an_older_reagroove_made_are_followed_never_copied(shipped):
    """Variation tracks made before they had a role of their own carry the drum track's role under their numbered
    names. Variations pressed again over them with the same settings had written Var 3-4 above them (the list read
    Var 3, Var 4, Var 1, Var 2) as copies of Var 1-2, note for note; now Var 3-4 follow them, other versions."""
    with reapy_inside(riff_project(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.variations_of_selection(bridge, shipped, Settings(), 2)
        for k in (1, 2):  # as an older ReaGroove made them
            rpr.RPR_GetSetMediaTrackInfo_String(rpr.RPR_GetTrack(0, k), ROLE_KEY, DRUMS_ROLE, True)
        res = actions.variations_of_selection(bridge, shipped, Settings(), 2)
        tracks = variation_tracks(bridge, rpr)
        assert list(tracks) == [f"ReaGroove Var {k}" for k in (1, 2, 3, 4)] and res["first_number"] == 3
        assert all(change(tracks[f"ReaGroove Var {a}"], tracks[f"ReaGroove Var {b}"]) >= MIN_VARIATION_CHANGE
                   for a in (3, 4) for b in (1, 2))
