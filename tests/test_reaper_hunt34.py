"""A producer's REAPER sessions with ReaGroove's actions: edits of the drum items that must count as theirs,
live follow over short loops, and odd projects (under the real reapy, in the simulated REAPER)."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_fresh import riff, spans

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


@pytest.mark.parametrize("of, parm, value", [("take", "D_PLAYRATE", 2.0), ("take", "D_STARTOFFS", 0.25),
                                             ("take", "D_VOL", 0.5), ("item", "D_VOL", 0.5)])
def test_a_drum_item_whose_rate_start_offset_or_volume_the_producer_changed_is_kept(of, parm, value):
    """The producer sped up the first drum item (a double-time intro), slipped its notes (alt-drag the content:
    the take's start offset) or turned it down: Drumify again deleted it and wrote a new one there, as if
    untouched."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        item = rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), 0)
        if of == "take":
            rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(item), parm, value)
        else:
            rpr.RPR_SetMediaItemInfo_Value(item, parm, value)
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [True, False]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["kept_edited"] == [[0.0, 8.0]] and res["written"] == 1
        assert rpr.RPR_ValidatePtr2(0, item, "MediaItem*")
        assert spans() == [(0.0, 8.0), (8.0, 16.0)]
        assert "kept 1 item you edited" in actions.kept_note(res)
