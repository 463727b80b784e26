"""ReaGroove's drum items once the producer has added takes to them (a fill recorded over the drums in REAPER's
default 'new takes' recording mode, or a take pasted in), whichever take they leave active."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, bass_project, engine, note_rows
from test_reaper_project_layouts import live_take

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import LocalBridge

FILL = [(k * 0.25, 0.2, 38, 90 + k) for k in range(8)]  # the producer's snare fill, QN from the item start


def ptr(obj):
    """The pointer REAPER's API takes for a simulated take or item."""
    return "(%s)0x%016X" % (obj.ctype, obj.ptr)


def drum_items(s):
    return s.reaper.project.tracks[1].items


def takes_of(item):
    return [(tk.name, [n.as_tuple() for n in tk.notes]) for tk in item.takes]


@pytest.mark.parametrize("active", ["ReaGroove's take", "the producer's take"])
def test_a_drum_item_holding_a_take_the_producer_recorded_is_kept_whichever_take_plays(active):
    """A fill recorded over the first drum item adds a take to it; switched back to ReaGroove's take (T) to
    compare, the item read as unedited, and the next Drumify deleted it, the producer's recorded take with it,
    without a word. An item holding a take of theirs is theirs: kept and said, as an edited item is."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        eng = engine()
        actions.drumify_selection(LocalBridge(), eng, Settings(seed=1))
        first = drum_items(s)[0]
        theirs = s.reaper.add_midi_take(first, FILL, name="my fill", active=True)
        if active == "ReaGroove's take":
            rpr.RPR_SetActiveTake(ptr(first.takes[0]))
        rpr.RPR_Undo_OnStateChangeEx2(0, "record fill", -1, -1)
        mine = takes_of(first)
        res = actions.drumify_selection(LocalBridge(), eng, Settings(seed=2))
        assert res["kept_edited"] == [[4.0, 12.0]] and res["written"] == 1
        assert any(m.startswith("bars 2-3 keep the drums they had") for m in res["messages"])
        assert first in drum_items(s) and takes_of(first) == mine and theirs in first.takes
        rpr.RPR_Undo_DoUndo2(0)
        assert takes_of(drum_items(s)[0]) == mine


def test_overwrite_edited_still_replaces_an_item_holding_takes_when_asked():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        eng = engine()
        actions.drumify_selection(LocalBridge(), eng, Settings(seed=1))
        first = drum_items(s)[0]
        s.reaper.add_midi_take(first, FILL, name="my fill")  # added, ReaGroove's take still active
        res = actions.drumify_selection(LocalBridge(), eng, Settings(seed=2), overwrite_edited=True)
        assert res["written"] == 2 and first not in drum_items(s)


def test_live_follow_never_writes_over_a_drum_item_holding_the_producers_take():
    """Live follow writes bars over ReaGroove's drums as written; one holding a take the producer recorded is
    theirs, whichever take is active, and keeps its notes."""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Bass")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bass = rpr.RPR_GetTrack(0, 0)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))
        live_take(s, live_follow.LiveFollower(LocalBridge(), engine(), Settings(), memory=0.9), 0.0, 8.0)
        drums = s.reaper.project.tracks[1]
        item = drums.items[0]
        s.reaper.add_midi_take(item, FILL, name="my fill")  # ReaGroove's take stays active
        before = note_rows(rpr, ptr(item))
        assert before
        live_take(s, live_follow.LiveFollower(LocalBridge(), engine(), Settings(seed=5), memory=0.9), 0.0, 8.0)
        assert item in drums.items and note_rows(rpr, ptr(item)) == before and len(item.takes) == 2
