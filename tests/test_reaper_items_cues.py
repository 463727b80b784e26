"""Items that play nothing beside the band (cue items on an arrangement track, empty MIDI placeholders): they
are not a section the producer left out of the selection."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, bass_project, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

RIFF = [(k * 0.5, 0.25, 40 + k % 3, 100) for k in range(32)]  # a 4/4 bass riff, 4 bars at 120 BPM


def band_with_a_break(spec):
    """Bass verse (bars 1-4) and verse 2 (bars 7-10), both selected; the bass rests in bars 5-6."""
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, length_qn=16, selected=True, name="verse", notes=RIFF)
    spec.add_midi_item(bass, start_qn=24, length_qn=16, selected=True, name="verse 2", notes=RIFF)


def drum_spans():
    return [(i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"]]


@pytest.mark.parametrize("cue", ["empty item", "empty MIDI item"])
def test_a_break_marked_with_a_cue_item_on_an_arrangement_track_still_gets_drums(cue):
    """A 'BREAK' cue (an empty item with a note in it, or an empty MIDI item named so) over the bass's
    two-bar rest: the break got no drums and the notes said both 'no drums written in bars 5-6: items not
    selected play there' and 'the drums keep time alone' there. The cue plays nothing: the drums keep time
    through the break as they do with no cue there."""
    spec = ProjectSpec(bpm=120)
    arrangement = spec.add_track("Arrangement")
    if cue == "empty MIDI item":
        spec.add_midi_item(arrangement, start_qn=16, length_qn=8, name="BREAK")
    band_with_a_break(spec)
    with reapy_inside(spec, purge=PURGE) as s:
        r = s.rpr
        if cue == "empty item":
            item = r.RPR_AddMediaItemToTrack(r.RPR_GetTrack(0, 0))
            r.RPR_SetMediaItemInfo_Value(item, "D_POSITION", r.RPR_TimeMap2_QNToTime(0, 16.0))
            r.RPR_SetMediaItemInfo_Value(item, "D_LENGTH", r.RPR_TimeMap2_QNToTime(0, 8.0))
            r.RPR_GetSetMediaItemInfo_String(item, "P_NOTES", "BREAK", True)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert drum_spans() == [(0.0, 8.0), (8.0, 16.0), (16.0, 24.0), (24.0, 32.0), (32.0, 40.0)]
        assert not [m for m in res["messages"] if m.startswith("no drums written")]
        assert [m for m in res["messages"] if "rests in bars 5-6" in m]


def test_a_section_the_producer_left_out_still_keeps_its_drums():
    """What the cue must not change: a keys item playing in the gap, not selected, is a section left out."""
    spec = ProjectSpec(bpm=120)
    keys = spec.add_track("Keys")
    spec.add_midi_item(keys, start_qn=16, length_qn=8, name="keys break", notes=[(0, 4, 60, 80), (4, 4, 62, 80)])
    band_with_a_break(spec)
    with reapy_inside(spec, purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert (16.0, 24.0) not in drum_spans()
        assert "no drums written in bars 5-6: items not selected play there (select them too for drums there)" \
            in res["messages"]


@pytest.mark.parametrize("action", ["drumify", "variations"])
def test_an_empty_midi_item_on_the_drum_track_is_no_drum_part_of_the_producers(action):
    """An empty MIDI item the producer put on the drum track over beats 3-4 of bar 4 (to draw a fill in later):
    Drumify took it for their drums playing there, kept bars 4-5 as they were, and cut ReaGroove's drums out
    from under it ('two drum parts played at once there'), leaving a hole of silence; Variations started every
    version muted for it. It plays nothing: the drums are redrummed there whole, and Var 1 plays."""
    with reapy_inside(bass_project(), purge=PURGE) as s:  # the bass in bars 2-5 (QN 4-20)
        r = s.rpr
        actions.drumify_selection(LocalBridge(), engine(), Settings(seed=1))
        drums = s.reaper.project.tracks[1]
        empty = s.reaper.create_midi_item(drums, r.RPR_TimeMap2_QNToTime(0, 14.0), r.RPR_TimeMap2_QNToTime(0, 16.0))
        r.RPR_Undo_OnStateChangeEx2(0, "insert MIDI item", -1, -1)
        if action == "variations":
            for item in [i for i in drums.items if i is not empty]:  # the producer cleared ReaGroove's drums
                r.RPR_DeleteTrackMediaItem(r.RPR_GetTrack(0, 1), "(MediaItem*)0x%016X" % item.ptr)
            r.RPR_Undo_OnStateChangeEx2(0, "delete items", -1, -1)
            assert drums.items == [empty]
            res = actions.variations_of_selection(LocalBridge(), engine(), Settings(seed=2), 2)
            mutes = {t.name: t.values["B_MUTE"] for t in s.reaper.project.tracks}
            assert res["written"] and mutes["ReaGroove Var 1"] == 0.0 and mutes["ReaGroove Var 2"] == 1.0
            return
        res = actions.drumify_selection(LocalBridge(), engine(), Settings(seed=2))
        assert res["written"] == 2 and not res["kept_edited"] and not res["removed_under"]
        assert not [m for m in res["messages"] if "keep the drums" in m or "removed" in m]
        ours = LocalBridge().call("drum_track_items")["items"]
        assert [(i["start_qn"], i["end_qn"]) for i in ours] == [(4.0, 12.0), (12.0, 20.0)]
        assert any(14.0 <= n[0] < 16.0 for n in ours[1]["notes"])  # drums under the empty item
        assert empty in drums.items and not empty.takes[0].notes
