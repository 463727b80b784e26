"""A copy of the drum track (the producer duplicated "ReaGroove Drums" to layer a second kit): Drumify writes the
top drum track only, and the copy's old drums play on under the new ones. That is said, with the bars and the
way to layer a kit that follows every run; the copy itself is never written nor muted. Duplicated with REAPER's
MIDI pooling on, the items of both tracks are pooled: kept, both tracks alike (simulated REAPER, real reapy)."""

import pytest
from test_reaper import engine
from test_reaper_drum_item_edits import drummed_riff
from test_reaper_pooled_drum_items import heard

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions


def duplicated(s, pooled=False):
    """The drum track (track 2) duplicated: the copy's pointer, as track 3."""
    rpr = s.rpr
    drums = rpr.RPR_GetTrack(0, 1)
    s.reaper.duplicate_track(s.reaper.resolve(int(drums.rsplit("0x", 1)[1], 16), "MediaTrack*"), pooled=pooled)
    return rpr.RPR_GetTrack(0, 2)


def items_heard(rpr, track):
    return [heard(rpr, rpr.RPR_GetTrackMediaItem(track, i)) for i in range(rpr.RPR_CountTrackMediaItems(track))]


@pytest.mark.parametrize("copy_muted", [False, True])
def test_drumify_again_says_a_copy_of_the_drum_track_keeps_its_old_drums(copy_muted):
    """Drumify with a new seed redrummed track 2 and left track 3, the copy, playing the old groove under it,
    two drummers at once, with nothing said. Now the summary names the copy, its bars and the MIDI send; a copy
    the producer muted is not heard, and not said."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        copy = duplicated(s)
        rpr.RPR_SetMediaTrackInfo_Value(copy, "B_MUTE", 1.0 if copy_muted else 0.0)
        old = items_heard(rpr, copy)
        assert old == items_heard(rpr, rpr.RPR_GetTrack(0, 1))
        res = actions.drumify_selection(bridge, engine(), Settings(seed=11))
        assert res["written"] == 2 and items_heard(rpr, rpr.RPR_GetTrack(0, 1)) != old
        assert items_heard(rpr, copy) == old  # the copy is never written
        assert rpr.RPR_GetMediaTrackInfo_Value(copy, "B_MUTE") == (1.0 if copy_muted else 0.0)
        said = [m for m in res["messages"] if "a copy of the drum track" in m]
        if copy_muted:
            assert said == []
            return
        assert len(said) == 1 and said[0].startswith("'ReaGroove Drums' (track 3), a copy of the drum track, keeps "
                                                     "its old drums in bars 1-4 under the new ones"), said
        assert "MIDI send" in said[0]


def test_a_drum_track_duplicated_with_midi_pooling_keeps_both_tracks_alike():
    """Duplicated with "Pool MIDI source data" on, every drum item of track 2 is pooled with its copy on track 3:
    redrumming track 2's items would leave track 3 on the old groove. Both are kept, and the bars said."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        copy = duplicated(s, pooled=True)
        old = items_heard(rpr, copy)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=11))
        assert res["written"] == 0 and res["kept_edited"] == [[0.0, 8.0], [8.0, 16.0]]
        assert items_heard(rpr, rpr.RPR_GetTrack(0, 1)) == old == items_heard(rpr, copy)
        assert not [m for m in res["messages"] if "a copy of the drum track" in m]
        assert [m for m in res["messages"] if m.startswith("the drums in bars 1-4 are pooled")]
