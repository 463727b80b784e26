"""A track routed nowhere is not heard: its master/parent send off (B_MAINSEND) and no send or hardware output
instead, or inside a folder routed nowhere. Its items are left out as muted ones are, and the console names
them; a track whose master send is off but that sends elsewhere is heard. Also the simulated REAPER's sends."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project
from test_reaper_selection import pad_item, run_action  # noqa: F401 - run_action is a fixture

from reagroove.reaper_ext.bridge import LocalBridge

BASS_BARS = [(4.0, 12.0), (12.0, 20.0)]


def drum_spans():
    return [(i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"]]


@pytest.mark.parametrize("routing", ["no master send, no sends", "folder: no master send, no sends"])
def test_items_on_a_track_routed_nowhere_are_left_out(run_action, routing):  # noqa: F811
    spec = bass_project()
    if routing.startswith("folder"):
        band = spec.add_track("Band", main_send=False)
        keys = spec.add_track("Pads")  # inside Band, whose sound goes nowhere
    else:
        keys = spec.add_track("Pads", main_send=False)
    pad_item(spec, keys)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        if routing.startswith("folder"):
            rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, band), "I_FOLDERDEPTH", 1)
            rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, keys), "I_FOLDERDEPTH", -1)
        assert run_action("drumify") == 0
        where = "folder" if routing.startswith("folder") else "track"
        assert f"\n  note: skipped 1 item not heard ({where} routed nowhere): 'pad'\n" in s.reaper.console_text()
        assert drum_spans() == BASS_BARS  # the bass's bars only


@pytest.mark.parametrize("route", ["a send to another track", "a hardware output", "master send on"])
def test_a_track_heard_through_a_send_or_output_is_followed(run_action, route):  # noqa: F811
    spec = bass_project()
    keys = spec.add_track("Pads", main_send=route == "master send on")
    bus = spec.add_track("Bus")
    if route == "a send to another track":
        spec.add_send(keys, bus)
    elif route == "a hardware output":
        spec.add_send(keys, None)
    pad_item(spec, keys)
    with reapy_inside(spec, purge=PURGE) as s:
        assert run_action("drumify") == 0
        assert "skipped" not in s.reaper.console_text()
        assert drum_spans()[-1][1] == 36.0  # the pad's bars too (it ends at QN 36)


def test_the_simulated_reaper_keeps_sends_receives_and_hardware_outputs():
    spec = bass_project()
    spec.add_send(0, 1)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bass, keys = rpr.RPR_GetTrack(0, 0), rpr.RPR_GetTrack(0, 1)
        assert rpr.RPR_GetMediaTrackInfo_Value(bass, "B_MAINSEND") == 1.0  # on by default, as in REAPER
        assert [rpr.RPR_GetTrackNumSends(bass, c) for c in (-1, 0, 1)] == [0, 1, 0]
        assert [rpr.RPR_GetTrackNumSends(keys, c) for c in (-1, 0, 1)] == [1, 0, 0]  # the bass's send, received
        assert rpr.RPR_CreateTrackSend(keys, "(MediaTrack*)0x0000000000000000") == 0  # a hardware output
        assert rpr.RPR_CreateTrackSend(keys, bass) == 0
        assert [rpr.RPR_GetTrackNumSends(keys, c) for c in (-1, 0, 1)] == [1, 1, 1]
        assert rpr.RPR_RemoveTrackSend(keys, 1, 0) and not rpr.RPR_RemoveTrackSend(keys, 1, 0)
        assert rpr.RPR_RemoveTrackSend(keys, -1, 0)  # a receive removed is the other track's send gone
        assert rpr.RPR_GetTrackNumSends(bass, 0) == 0 and rpr.RPR_GetTrackNumSends(keys, 0) == 1
        rpr.RPR_SetMediaTrackInfo_Value(bass, "B_MAINSEND", 0)
        assert rpr.RPR_GetMediaTrackInfo_Value(bass, "B_MAINSEND") == 0.0
        rpr.RPR_DeleteTrack(bass)  # the sends to a deleted track go with it
        assert rpr.RPR_GetTrackNumSends(keys, 0) == 0


def test_comp_lanes_that_do_not_play_are_left_out(run_action):  # noqa: F811
    """REAPER 7's fixed item lanes: a producer comps takes of the keys on lanes and hears one; selecting the
    whole track's items (the takes not chosen too) drums what is heard, and the console names the rest."""
    spec = bass_project()
    keys = spec.add_track("Pads", lanes=[1, 0])  # lane 1: a take not chosen
    pad_item(spec, keys)
    spec.add_midi_item(keys, start_qn=36, length_qn=16, selected=True, name="unused take", lane=1,
                       notes=[(k, 0.5, 60, 90) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        assert run_action("drumify") == 0
        assert "\n  note: skipped 1 item not heard (on a lane that does not play): 'unused take'\n" in \
            s.reaper.console_text()
        assert drum_spans()[-1][1] == 36.0  # the heard take's bars; the unused one's (to QN 52) are not drummed
        # both lanes playing (C_LANEPLAYS 2): both are heard
        for lane in (0, 1):
            s.rpr.RPR_SetMediaTrackInfo_Value(s.rpr.RPR_GetTrack(0, keys), f"C_LANEPLAYS:{lane}", 2)
        assert run_action("drumify") == 0
        assert drum_spans()[-1][1] == 52.0
