"""Live follow and Drumify both write the "ReaGroove Drums" track: one at a time, each edit one undo point.

While live follow is on, Drumify changes nothing and says in one line that live follow is running (the
engine checks before generating; REAPER's side refuses the write too, for a follow turned on while the
engine ran). Between follow turned off and its follower ending the take, an edit first makes the take's
bars their own undo point, so no undo point ever holds half of another's changes.
"""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel

from reagroove.core.constants import EXT_SECTION
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow, reaper_side
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError

PURGE = ("reagroove.reaper_ext.server",)


def project():
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass", selected=True)
    notes = [(k * 0.5, 0.25, 40 + k % 5, 90) for k in range(32)]
    spec.add_midi_item(bass, start_qn=16.0, length_qn=16, selected=True, name="riff", notes=notes)
    return spec


def play_live(s, follower, bars):
    """`bars` bars of an 8th-note line played live on the armed bass track, from where the cursor is."""
    for step in range(bars * 8):
        if step % 2 == 0:
            qn = s.rpr.RPR_TimeMap2_timeToQN(0, s.reaper.transport.position())
            s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=qn * 0.5)
        s.reaper.transport.advance(0.25)
        follower.poll()


def start_live(s):
    rpr = s.rpr
    rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_RECARM", 1)
    rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_RECINPUT", 4096 + (63 << 5))
    rpr.RPR_SetExtState(EXT_SECTION, "live", "on", False)  # what the toggle action and both panels set
    bridge = LocalBridge()
    follower = live_follow.LiveFollower(bridge, Engine(StubModel()), Settings())
    follower.poll()
    rpr.RPR_OnPlayButton()
    follower.poll()
    return bridge, follower


def items(bridge):
    return [(i["start_qn"], i["end_qn"], i["name"]) for i in bridge.call("drum_track_items")["items"]]


def test_drumify_while_live_follow_runs_changes_nothing_and_says_why():
    with reapy_inside(project(), purge=PURGE) as s:
        bridge, follower = start_live(s)
        play_live(s, follower, 4)
        before, undo = items(bridge), s.reaper.undo_names
        assert before and undo == []  # the take's bars so far: its undo point comes when it ends
        with pytest.raises(ReaperError) as err:
            actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        line = str(err.value)
        assert "\n" not in line and "live follow" in line and "turn live follow off" in line
        assert items(bridge) == before and s.reaper.undo_names == undo  # nothing written, no undo point
        play_live(s, follower, 2)
        s.rpr.RPR_OnStopButton()
        follower.poll()
        assert s.reaper.undo_names == [reaper_side.LIVE_UNDO_NAME]  # the whole take: one undo point


def test_reapers_side_refuses_a_drumify_write_while_live_follow_is_on():
    """Follow turned on while the engine generated: the write itself is refused, in one line."""
    with reapy_inside(project(), purge=PURGE) as s:
        s.rpr.RPR_SetExtState(EXT_SECTION, "live", "on", False)
        spec = {"track_name": reaper_side.DRUMS_TRACK_NAME, "below_index": 0, "reuse": True, "undo_name": "x",
                "items": [{"start_qn": 0.0, "end_qn": 8.0, "name": "d", "notes": [[0.0, 0.25, 36, 100]]}]}
        with pytest.raises(reaper_side.ReaperSideError, match="live follow") as err:
            LocalBridge().call("write_drum_track", spec)
        assert "\n" not in str(err.value)
        assert s.rpr.RPR_CountTracks(0) == 1 and s.reaper.undo_names == []
        s.rpr.RPR_SetExtState(EXT_SECTION, "live", "off", False)
        assert LocalBridge().call("write_drum_track", spec)["written"] == 1  # follow off: written


def test_drumify_after_follow_is_turned_off_but_before_the_take_ends_is_an_undo_point_of_its_own():
    with reapy_inside(project(), purge=PURGE) as s:
        bridge, follower = start_live(s)
        play_live(s, follower, 4)
        live_items = items(bridge)
        s.rpr.RPR_SetExtState(EXT_SECTION, "live", "off", False)  # off: the follower has not polled since
        res = actions.drumify_selection(LocalBridge(), Engine(StubModel()), Settings())
        assert res["written"] == 2
        follower.poll()  # it sees "off"
        follower.close()  # and ends its take
        assert s.reaper.undo_names == [reaper_side.LIVE_UNDO_NAME, "ReaGroove: drumify selected items"]
        s.rpr.RPR_Undo_DoUndo2(0)  # drumify alone is taken back: the live bars stay
        assert items(bridge) == live_items
        s.rpr.RPR_Undo_DoUndo2(0)  # then the take
        assert items(bridge) == []


def test_variations_during_a_live_take_split_no_undo_point():
    with reapy_inside(project(), purge=PURGE) as s:
        bridge, follower = start_live(s)
        play_live(s, follower, 3)
        actions.variations_of_selection(LocalBridge(), Engine(StubModel()), Settings(), 2)
        play_live(s, follower, 3)
        s.rpr.RPR_OnStopButton()
        follower.poll()
        assert s.reaper.undo_names == [reaper_side.LIVE_UNDO_NAME, "ReaGroove: 2 variations",
                                       reaper_side.LIVE_UNDO_NAME]
        s.rpr.RPR_Undo_DoUndo2(0)
        s.rpr.RPR_Undo_DoUndo2(0)  # the later bars and the variations gone: the first bars stay
        assert items(bridge) and s.rpr.RPR_CountTracks(0) == 2


def test_over_the_wire_the_refusal_is_one_plain_line(tmp_path):
    """Through ReaGroove's server: the engine's check, and REAPER's own refusal without its class's path."""
    import time

    from fake_reaper import FakeReaperProcess
    from test_reaper import SERVER_SCRIPT

    from reagroove.reaper_ext.bridge import DistantBridge

    proc = FakeReaperProcess(project().ext_state(EXT_SECTION, "live", "on"), server="none",
                             server_script=str(SERVER_SCRIPT))
    proc.start()
    try:
        deadline = time.monotonic() + 20
        while not proc.ext_state("reagroove", "server_port"):
            assert time.monotonic() < deadline, proc.log_text()
            time.sleep(0.05)
        bridge = DistantBridge(int(proc.ext_state("reagroove", "server_port")), timeout=10)
        with pytest.raises(ReaperError) as err:
            actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        assert str(err.value).startswith("drumify changed nothing: live follow is on")
        spec = {"track_name": reaper_side.DRUMS_TRACK_NAME, "below_index": 0, "reuse": True, "undo_name": "x",
                "items": [{"start_qn": 0.0, "end_qn": 8.0, "name": "d", "notes": [[0.0, 0.25, 36, 100]]}]}
        with pytest.raises(ReaperError) as err:
            bridge.call("write_drum_track", spec)
        assert str(err.value).startswith("REAPER: drumify changed nothing: live follow is on")
        assert "\n" not in str(err.value)
        bridge.close()
    finally:
        proc.close()
