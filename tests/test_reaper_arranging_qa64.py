"""Arranging a song in REAPER (QA round 64): a copy of an edited drum item dragged over generated drums, a drum
item selected with the band, the names in the notes, and the note on a meter said alike for the same bars
(under the real reapy, in the simulated REAPER)."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_arranging_drum_items import heard_spans, played_item, song

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def drum_item_at(rpr, drums, qn):
    for i in range(rpr.RPR_CountTrackMediaItems(drums)):
        item = rpr.RPR_GetTrackMediaItem(drums, i)
        if abs(rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")) - qn) < 1e-6:
            return item
    raise AssertionError(f"no item at QN {qn}")


def edit_notes(rpr, item):
    """The producer adds a crash on the item's downbeat (an edit of its notes)."""
    rpr.RPR_MIDI_InsertNote(rpr.RPR_GetActiveTake(item), False, False, 0, 120, 9, 57, 127, False)


@pytest.mark.parametrize("under", ["as written", "edited", "locked"])
def test_a_copy_dragged_over_generated_drums_replaces_them(under):
    """The producer Ctrl+drags a copy of their edited bars 3-4 onto bars 5-6, over the generated item there, and
    runs Drumify: both were kept, so bars 5-6 played two drum items at once. ReaGroove's own item there, as it
    wrote it, goes in Drumify's undo point, and the notes say so; one the producer edited or locked stays."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)
        bars_3_4, bars_5_6 = drum_item_at(rpr, drums, 8.0), drum_item_at(rpr, drums, 16.0)
        edit_notes(rpr, bars_3_4)
        if under == "edited":
            edit_notes(rpr, bars_5_6)
        elif under == "locked":
            rpr.RPR_SetMediaItemInfo_Value(bars_5_6, "C_LOCK", 1.0)
        original = s.reaper.resolve(int(bars_3_4.rsplit("0x", 1)[1], 16), "MediaItem*")
        copy = s.reaper.duplicate_item(original, rpr.RPR_TimeMap2_QNToTime(0, 16.0))
        rpr.RPR_Undo_OnStateChangeEx2(0, "copy", -1, -1)
        undo_before = list(s.reaper.undo_names)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert s.reaper.undo_names == undo_before + ["ReaGroove: drumify (seed 2)"]
        assert rpr.RPR_ValidatePtr2(0, "(MediaItem*)0x%016X" % copy.ptr, "MediaItem*")
        assert rpr.RPR_ValidatePtr2(0, bars_3_4, "MediaItem*")
        removed = [m for m in res["messages"] if m.startswith("removed ")]
        if under == "as written":
            assert not rpr.RPR_ValidatePtr2(0, bars_5_6, "MediaItem*")
            assert [sp for sp in heard_spans(rpr, drums) if 16.0 <= sp[0] < 24.0] == [(16.0, 24.0)]
            assert removed == ["removed ReaGroove's drums under your drum item in bars 5-6 (two drum "
                               "parts played at once there)"], res["messages"]
            rpr.RPR_Undo_DoUndo2(0)  # one undo brings it back
            assert sum(1 for sp in heard_spans(rpr, drums) if sp == (16.0, 24.0)) == 2
        else:
            assert rpr.RPR_ValidatePtr2(0, bars_5_6, "MediaItem*") and not removed


def test_generated_drums_under_a_fill_played_over_them_go_only_where_the_fill_plays():
    """The producer played a fill over bar 4 on the drum track, on top of the generated bars 3-4: Drumify again
    kept both, two drum parts in bar 4. What of the generated item lies under the fill goes; bar 3 keeps its
    drums."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)
        fill = played_item(rpr, drums, 12.0, 16.0)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert rpr.RPR_ValidatePtr2(0, fill, "MediaItem*")
        spans = heard_spans(rpr, drums)
        assert [sp for sp in spans if sp[0] < 16.0 and sp[1] > 8.0] == [(8.0, 12.0), (12.0, 16.0)], spans
        assert "removed ReaGroove's drums under your drum item in bar 4 (two drum parts played at once there)" \
            in res["messages"]
        assert bridge.call("drum_track_items")["items"][1]["edited"] is False  # shortened by ReaGroove, no edit


@pytest.mark.parametrize("which", [0, 1])
def test_a_drum_item_selected_with_the_band_is_said_to_be_left_out(which):
    """A ReaGroove drum item selected with the bass is left out (the drums follow the band), as the README
    says, but nothing said so."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), which), True)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert "left out 1 drum item of ReaGroove's: the drums follow the band" in res["messages"]


def three_takes(s):
    """The bass item recorded three times: take 2 another riff, take 3 empty and active."""
    item = s.reaper.project.tracks[0].items[0]
    s.reaper.add_midi_take(item, [(k * 0.5, 0.2, 43, 100) for k in range(64)], name="bass take 2")
    s.reaper.add_midi_take(item, [], name="empty take", active=True)


def test_names_in_the_notes_are_quoted_and_every_take_holding_notes_is_named():
    """'left out empty take: its active take (take 3) is empty; take 1 ('bass') holds notes' read the item's
    name as prose and named one of the two takes holding notes; 'skipped 1 muted item: pad' likewise."""
    spec = song()
    spec.add_midi_item(spec.add_track("Keys"), start_qn=0, length_qn=32, selected=True, muted=True, name="pad",
                       notes=[(k * 4.0, 4.0, 60, 80) for k in range(8)])
    spec.add_midi_item(spec.add_track("Guitar"), start_qn=0, length_qn=32, selected=True, name="gtr",
                       notes=[(k * 1.0, 0.5, 52, 80) for k in range(32)])
    with reapy_inside(spec, purge=PURGE) as s:
        three_takes(s)
        sel = actions.read_selection(LocalBridge())
        assert "skipped 1 muted item: 'pad'" in sel.messages, sel.messages
        assert "left out 'empty take': its active take (take 3) is empty; takes 1 ('bass') and 2 ('bass take 2') " \
               "hold notes: switch takes with T" in sel.messages, sel.messages


def waltz_bridge_song():
    """4/4 bars 1-16 (QN 0-64), then 3/4 bars 17-24 (QN 64-88): a bass through it all, selected."""
    spec = ProjectSpec(bpm=110)
    spec.tempo_marker(110, qn=64, timesig=(3, 4))
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, length_qn=64, selected=True, name="verse",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(64)])
    spec.add_midi_item(bass, start_qn=64, length_qn=24, selected=True, name="bridge",
                       notes=[(k * 1.0, 0.5, 43, 100) for k in range(24)])
    return spec


def test_the_same_bars_of_another_meter_get_the_same_note_under_a_time_selection():
    """The whole song said '(a loop is 2 bars of 3/4)' of its 3/4 bridge; a time selection over bars 15-18 said
    '(each loop plays whole bars, as many as fit in two 4/4 bars)' of the same bars. Said alike now."""
    with reapy_inside(waltz_bridge_song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        whole = actions.drumify_selection(bridge, engine(), Settings(seed=1))
        note = [m for m in whole["messages"] if m.startswith("music in")]
        assert note == ["music in 4/4, then 3/4 from bar 17: the drums follow its bars (a loop is 2 bars of 3/4)"]
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, rpr.RPR_TimeMap2_QNToTime(0, 56.0),
                                      rpr.RPR_TimeMap2_QNToTime(0, 70.0), False)
        part = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert part["messages"][0] == "drums for bars 15-18 (the time selection)"
        assert [m for m in part["messages"] if m.startswith("music in")] == note, part["messages"]
