"""Fades, pitch, pan and copies of a drum item are the producer's edits: Drumify again keeps the item, and records
written by an older ReaGroove still load (under the real reapy, in the simulated REAPER); the fade, pitch and pan
cases themselves sit with the other edits in test_reaper_short_loops_and_item_edits."""

import contextlib
import json

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_project_layouts import riff, spans

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

SPAN_KEY = "P_EXT:reagroove_span"


@contextlib.contextmanager
def drummed_riff():
    """A bass riff drumified once in the simulated REAPER: (session, bridge), the drums on track 2."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        yield s, bridge


def first_drum_item(rpr):
    return rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), 0)


@pytest.mark.parametrize("kept, fade_in, edited", [(6, 0.0, False), (6, 0.01, False), (6, 2.0, True),
                                                   (9, 0.0, False), (9, 0.01, True)])
def test_items_recorded_before_fades_were_kept_still_load(kept, fade_in, edited):
    """An item written by an older ReaGroove (its record has length, rate, offset and volumes only): untouched,
    or with REAPER's own 10 ms automatic fade, it is replaced as before; faded in by the producer, it stays. A
    record that has the fades (but no pan) knows the item had none: any fade is the producer's."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        item = first_drum_item(rpr)
        record = json.loads(rpr.RPR_GetSetMediaItemInfo_String(item, SPAN_KEY, "", False)[3])
        rpr.RPR_GetSetMediaItemInfo_String(item, SPAN_KEY, json.dumps(record[:kept]), True)
        rpr.RPR_SetMediaItemInfo_Value(item, "D_FADEINLEN", fade_in)
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [edited, False]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["kept_edited"] == ([[0.0, 8.0]] if edited else [])
        assert bool(rpr.RPR_ValidatePtr2(0, item, "MediaItem*")) == edited
        assert spans() == [(0.0, 8.0), (8.0, 16.0)]


def test_a_copy_the_producer_made_of_a_drum_item_is_kept():
    """The producer liked the first two bars' drums and copied them over bars 3-4 (Ctrl+drag, deleting the
    item there): Drumify again took the copy for an untouched generated item (it carries the original's
    notes hash and record) and wrote over it."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        drums = rpr.RPR_GetTrack(0, 1)
        first, second = (rpr.RPR_GetTrackMediaItem(drums, i) for i in range(2))
        rpr.RPR_DeleteTrackMediaItem(drums, second)
        original = s.reaper.resolve(int(first.rsplit("0x", 1)[1], 16), "MediaItem*")
        copy = s.reaper.duplicate_item(original, 4.0)  # bar 3 at 120 bpm
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [False, True]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["kept_edited"] == [[8.0, 16.0]] and res["written"] == 1
        assert rpr.RPR_ValidatePtr2(0, "(MediaItem*)0x%016X" % copy.ptr, "MediaItem*")
        assert not rpr.RPR_ValidatePtr2(0, first, "MediaItem*")  # the untouched original is replaced
        assert spans() == [(0.0, 8.0), (8.0, 16.0)]


@pytest.mark.parametrize("mark", ["renamed", "coloured item", "coloured take"])
def test_a_drum_item_the_producer_renamed_or_coloured_is_kept(mark):
    """A take renamed 'KEEP - chorus groove' or an item coloured to mark it: Drumify again replaced it without a
    word (its colour gone, its name back to the settings'). Marked so, it is the producer's, kept as an edited
    item is (and said); an item left as written is replaced."""
    with drummed_riff() as (s, bridge):
        rpr = s.rpr
        item = first_drum_item(rpr)
        take = rpr.RPR_GetActiveTake(item)
        if mark == "renamed":
            rpr.RPR_GetSetMediaItemTakeInfo_String(take, "P_NAME", "KEEP - chorus groove", True)
        elif mark == "coloured item":
            rpr.RPR_SetMediaItemInfo_Value(item, "I_CUSTOMCOLOR", float(0x1FF8800))
        else:
            rpr.RPR_SetMediaItemTakeInfo_Value(take, "I_CUSTOMCOLOR", float(0x1FF8800))
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [True, False]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["kept_edited"] == [[0.0, 8.0]]
        assert rpr.RPR_ValidatePtr2(0, item, "MediaItem*")
        assert any("keep the drums they had" in m for m in res["messages"]), res["messages"]
        assert spans() == [(0.0, 8.0), (8.0, 16.0)]
