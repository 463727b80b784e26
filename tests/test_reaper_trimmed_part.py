"""Drumify run again after the producer shortened or moved the part: the drums for the bars it plays now were
written, and the earlier run's drums past it played on over silence (bars 7-8 of a bass trimmed from 8 bars to 6:
45 notes of another take after the band's last note), with nothing said. Now they go in the run's undo point,
said with their bars; drums under a part that still plays (not selected, on another track), the producer's edited
or locked items, drums beyond a gap and drums before the first part (an intro) stay. Simulated REAPER, stand-in model, in-process."""

import json

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

BPM = 100
BAR_S = 4 * 60 / BPM
UNDO = "ReaGroove: drumify selected items"


def funk_bass(bars):
    pattern = [(0, 40), (0.75, 40), (1.5, 47), (2.5, 40), (3.0, 42), (3.5, 44)]
    return [(4 * b + t, 0.25, p, 100) for b in range(bars) for t, p in pattern]


def eight_bars(keys_bars=0):
    spec = ProjectSpec(bpm=BPM)
    spec.add_midi_item(spec.add_track("Bass"), funk_bass(8), start_qn=0, length_qn=32, selected=True, name="bass")
    if keys_bars:  # a part not selected, playing on another track
        spec.add_midi_item(spec.add_track("Keys"), [(4 * b, 2.0, 60, 80) for b in range(keys_bars)], start_qn=0,
                           length_qn=4 * keys_bars, name="keys")
    return spec


def drums(bridge) -> list:
    return [(i["start_qn"], i["end_qn"], len(i["notes"])) for i in bridge.call("drum_track_items")["items"]]


def band(s) -> str:
    return json.dumps([t for t in s.reaper.project.to_dict()["tracks"] if "ReaGroove" not in t["name"]], sort_keys=True)


def trim_bass(s, bars):
    rpr = s.rpr
    rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 0), "D_LENGTH", bars * BAR_S)
    rpr.RPR_Undo_OnStateChangeEx2(0, "trim", -1, -1)


@pytest.mark.parametrize("seed", [0, 5])  # the same take (its windows unchanged) and a new one
def test_drums_past_a_shortened_part_go_with_it_in_one_undo_point(seed):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        assert before[-1][:2] == (24.0, 32.0) and before[-1][2]
        trim_bass(s, 6)
        trimmed = band(s)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=seed))
        after = drums(bridge)
        assert after and max(b for _, b, _ in after) <= 24.0 + 1e-6, after  # nothing past the band's bar 6
        assert [m for m in res["messages"] if "earlier drums in bars 7-8" in m and "no part plays" in m]
        assert "no undo point" not in actions.kept_note(res)
        assert band(s) == trimmed  # the producer's items untouched
        assert s.reaper.undo_names == [UNDO, "trim", UNDO if not seed else f"ReaGroove: drumify (seed {seed})"]
        s.rpr.RPR_Undo_DoUndo2(0)  # one undo brings the earlier drums back
        assert drums(bridge) == before


def test_drums_under_a_part_still_playing_stay():
    with reapy_inside(eight_bars(keys_bars=8), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        trim_bass(s, 6)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert drums(bridge)[-1] == before[-1]  # the keys, not selected, still play bars 7-8: their drums stay
        assert not [m for m in res["messages"] if "earlier drums" in m]


def test_an_edited_or_locked_drum_item_past_the_part_stays_and_ends_the_run():
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        drum_track = next(rpr.RPR_GetTrack(0, t) for t in range(rpr.RPR_CountTracks(0))
                          if rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, t), "", 256)[2] == "ReaGroove Drums")
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(drum_track, 2), "C_LOCK", 1)  # bars 5-6: locked
        trim_bass(s, 4)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        after = drums(bridge)
        assert after[2:] == before[2:]  # the locked item, and the drums after it, stay
        assert not [m for m in res["messages"] if "earlier drums" in m]


def test_drums_before_a_part_moved_later_stay():
    """Drums before the first part are kept: trimming or moving the part's start under its drums is how a producer
    makes a drum intro or count-in, so only drums after the last part are an earlier run's leftovers."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        bass = rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 0)
        rpr.RPR_SetMediaItemInfo_Value(bass, "D_POSITION", 2 * BAR_S)  # two bars later: bars 3-10
        rpr.RPR_Undo_OnStateChangeEx2(0, "move", -1, -1)
        res = actions.drumify_selection(bridge, engine(), Settings())
        after = drums(bridge)
        assert after[0] == before[0] == (0.0, 8.0, before[0][2]), after  # bars 1-2's drums, the intro, stay
        assert max(b for _, b, _ in after) == 40.0  # the part's new bars drummed
        assert not [m for m in res["messages"] if "earlier drums" in m]


def test_the_drums_of_a_break_between_two_parts_stay():
    """Bass in bars 1-4 and 7-8, the drums playing through the rest between (bars 5-6): Drumify again on the first
    item alone leaves the break's drums, which lie between parts, not past them."""
    spec = ProjectSpec(bpm=BPM)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, funk_bass(4), start_qn=0, length_qn=16, selected=True, name="verse")
    spec.add_midi_item(bass, funk_bass(2), start_qn=24, length_qn=8, selected=True, name="tag")
    with reapy_inside(spec, purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        assert any(a < 24.0 - 1e-6 and b > 16.0 + 1e-6 for a, b, _ in before), before  # drums in the break
        for k in range(rpr.RPR_CountMediaItems(0)):  # the verse alone
            rpr.RPR_SetMediaItemSelected(rpr.RPR_GetMediaItem(0, k), False)
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 0), True)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert [d for d in drums(bridge) if d[0] >= 16.0 - 1e-6] == [d for d in before if d[0] >= 16.0 - 1e-6]
        assert not [m for m in res["messages"] if "earlier drums" in m]
