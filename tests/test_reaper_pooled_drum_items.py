"""Pooled copies of ReaGroove's drum items (REAPER's pooled MIDI: Ctrl+drag pooled, Edit > Copy items pooled):
the items of a pool share one MIDI source, so notes changed in one change in all. ReaGroove never changes a
pool's notes: a pooled drum item is the producer's (the bars they tied together keep one groove), kept and
said, and a live bar written over one never trims it in place (simulated REAPER, real reapy)."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project, engine
from test_reaper_drum_item_edits import drummed_riff
from test_reaper_runtime import armed_follower, play_bars

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, reaper_side
from reagroove.reaper_ext.bridge import LocalBridge

BPM = 120
QN_S = 60.0 / BPM


def model(s, ptr):
    """The simulated REAPER's item behind a reapy pointer string."""
    return s.reaper.resolve(int(ptr.rsplit("0x", 1)[1], 16), "MediaItem*")


def heard(rpr, item):
    """(QN from the item's start, pitch, velocity) of the notes an item plays, and its span in QN."""
    take = rpr.RPR_GetActiveTake(item)
    start_s = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
    lo = rpr.RPR_TimeMap2_timeToQN(0, start_s)
    hi = rpr.RPR_TimeMap2_timeToQN(0, start_s + rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"))
    notes = []
    for i in range(rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]):
        res = rpr.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)
        on = rpr.RPR_MIDI_GetProjQNFromPPQPos(take, res[5])
        if lo - 1e-9 <= on < hi - 1e-9:
            notes.append((round(on - lo, 6), res[8], res[9]))
    return sorted(notes), (round(lo, 6), round(hi, 6))


def pooled_pair(s):
    """Bars 1-2's drum item and a pooled copy of it put on bars 3-4 in place of the item there: (item, copy)."""
    rpr = s.rpr
    drums = rpr.RPR_GetTrack(0, 1)
    first, second = (rpr.RPR_GetTrackMediaItem(drums, i) for i in range(2))
    rpr.RPR_DeleteTrackMediaItem(drums, second)
    s.reaper.pooled_copy(model(s, first), 4.0)
    return first, next(p for p in (rpr.RPR_GetTrackMediaItem(drums, i) for i in range(2)) if p != first)


@pytest.mark.parametrize("overwrite", [False, True])
def test_drumify_again_keeps_bars_pooled_together_alike(overwrite):
    """The producer pooled bars 1-2's drums onto bars 3-4 (the item there deleted): one groove in both places,
    an edit in either heard in both. Drumify again with a new seed replaced bars 1-2 and left the pooled copy
    with the old drums, the pool silently split. Now both keep their drums and the summary names bars 1-4;
    asked to overwrite edits, both are redrummed in new items."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        drums = rpr.RPR_GetTrack(0, 1)
        first, second = (rpr.RPR_GetTrackMediaItem(drums, i) for i in range(2))
        rpr.RPR_DeleteTrackMediaItem(drums, second)
        copy = s.reaper.pooled_copy(model(s, first), 4.0)  # bar 3 at 120 bpm
        copy_ptr = next(p for p in (rpr.RPR_GetTrackMediaItem(drums, i) for i in range(2)) if p != first)
        was = heard(rpr, first)
        assert heard(rpr, copy_ptr)[0] == was[0] and was[0]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=11), overwrite_edited=overwrite)
        if overwrite:  # both pool items deleted whole (never changed in place), new drums in their bars
            assert not rpr.RPR_ValidatePtr2(0, first, "MediaItem*") and not rpr.RPR_ValidatePtr2(0, copy_ptr, "MediaItem*")
            assert res["written"] == 2 and res["kept_edited"] == []
            return
        assert heard(rpr, copy_ptr) == (was[0], (8.0, 16.0))  # the copy plays what it played
        assert rpr.RPR_ValidatePtr2(0, first, "MediaItem*") and heard(rpr, first) == was
        assert res["written"] == 0 and res["kept_edited"] == [[0.0, 8.0], [8.0, 16.0]]
        assert any(m.startswith("bars 1-4 keep the drums they had") for m in res["messages"]), res["messages"]
        said = [m for m in res["messages"] if "pooled" in m]
        assert len(said) == 1 and said[0].startswith("the drums in bars 1-2 are pooled") and "un-pool" in said[0]
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [True, True]
        assert copy.takes[0].notes is model(s, first).takes[0].notes  # still one pool


def test_a_drum_item_un_pooled_as_the_summary_says_is_redrummed_alone():
    """Following the summary's advice (REAPER's un-pool action on bars 1-2's item), Drumify again redrums bars
    1-2; the copy on bars 3-4, the producer's, keeps its drums, and nothing is said of pools."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        first, copy_ptr = pooled_pair(s)
        was = heard(rpr, copy_ptr)
        s.reaper.unpool(model(s, first))
        res = actions.drumify_selection(bridge, engine(), Settings(seed=11))
        assert res["written"] == 1 and res["kept_edited"] == [[8.0, 16.0]]
        assert not rpr.RPR_ValidatePtr2(0, first, "MediaItem*") and heard(rpr, copy_ptr) == was
        assert not [m for m in res["messages"] if "pooled" in m]


def test_a_live_take_over_a_pooled_drum_item_leaves_its_pooled_copy_as_it_was():
    """Bars 2-3's drum item pooled onto bars 7-8 of the drum track, then a live take played over bars 1-3: the
    live bar 2 trimmed the pooled item's front in place (its notes before the cut deleted, its source
    moved), and so bars 7-8, which the take never played, lost a bar of drums and had the rest shifted."""
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        rpr = s.rpr
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        items = LocalBridge().call("drum_track_items")
        drums, first = items["track"], min(items["items"], key=lambda i: i["start_qn"])["item"]
        assert heard(rpr, first)[1] == (4.0, 12.0)
        s.reaper.pooled_copy(model(s, first), 24.0 * QN_S)  # bar 7
        copy_ptr = rpr.RPR_GetTrackMediaItem(drums, rpr.RPR_CountTrackMediaItems(drums) - 1)
        was = heard(rpr, copy_ptr)
        assert was == (heard(rpr, first)[0], (24.0, 32.0)) and was[0]
        follower = armed_follower(s, BPM)
        rpr.RPR_OnPlayButton()  # from bar 1: bar 2's live drums are written ahead, over the pooled item's front
        follower.poll()
        play_bars(s, follower, 3, BPM)
        rpr.RPR_OnStopButton()
        follower.poll()
        assert heard(rpr, copy_ptr) == was


def test_a_live_bar_written_over_a_pooled_item_it_may_replace_deletes_it_whole():
    """REAPER's side asked to write a live bar over a pooled drum item with edits overwritten (no path of live
    follow's today, which keeps edited items): the pooled item is not trimmed in place but deleted, and what of
    it lay after the bar written anew; its pooled copy keeps every note."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        first, copy_ptr = pooled_pair(s)
        was, bar_two = heard(rpr, copy_ptr), [n for n in heard(rpr, first)[0] if n[0] >= 4.0]
        bar = {"start_qn": 0.0, "end_qn": 4.0, "name": "live", "notes": [[0.0, 0.25, 36, 100]], "settings": {}}
        out = reaper_side.write_drum_track({"items": [bar], "overwrite_edited": True, "undo": False})
        assert out["written"] == 1
        assert heard(rpr, copy_ptr) == was
        assert not rpr.RPR_ValidatePtr2(0, first, "MediaItem*")
        rest = [i for i in bridge.call("drum_track_items")["items"] if abs(i["start_qn"] - 4.0) < 1e-6]
        assert [(round(n[0] - 4.0, 6), n[2], n[3]) for n in rest[0]["notes"]] == [(round(q - 4.0, 6), p, v) for q, p, v in bar_two]
