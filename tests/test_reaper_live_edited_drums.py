"""Live follow over drums the producer edited or locked (Drumify's items, a note deleted, an item locked): REAPER's
side rightly writes no live bar over them, but nothing was said, and the producer, playing over those bars, heard
the old drums there with no word why the drums did not follow, and "live follow off (N loops written)" counted
those bars as written. Now the take ends with one console line naming those bars as REAPER's ruler numbers them
(its start measure too) and they are not counted; the bars not edited follow as before, and the take stays one
undo point (simulated REAPER under the real reapy, in-process and through reapy's server on loopback)."""

from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project, engine, reaper_process  # noqa: F401  (the distant-mode fixture)
from test_reaper_distant import distant
from test_reaper_live_drum_map import ARM_BASS_REMOTE, arm_bass, remote_eighths
from test_reaper_project_layouts import live_take

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import LocalBridge


def kept_lines(s) -> list:
    return [line for line in s.reaper.console_text().splitlines() if "live follow left" in line]


def kept_line(bars: str) -> str:
    return (f"ReaGroove: live follow left {bars} as they were: a drum item there was edited, muted, locked or played by "
            "you (move or delete it for live drums there)")


def edit_first_drum_item(rpr) -> None:
    """The producer deletes a note of the drum item over bars 2-3 (QN 4-12)."""
    take = rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), 0))
    rpr.RPR_MIDI_DeleteNote(take, 0)
    rpr.RPR_Undo_OnStateChangeEx2(0, "delete note", -1, -1)


def live_spans(bridge) -> list:
    return [(i["start_qn"], i["end_qn"]) for i in bridge.call("drum_track_items")["items"]
            if i["name"] == "ReaGroove live" and i["notes"]]


def test_bars_left_to_drums_the_producer_edited_are_said_once_as_the_take_ends():
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())  # bars 2-5: items over QN 4-12 and 12-20
        edit_first_drum_item(rpr)
        arm_bass(rpr)
        follower = live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9)
        live_take(s, follower, 4.0, 8.0)  # to QN 20
        # bar 2 had no live loop (nothing played before it); bar 3's was not written over the edit
        assert kept_lines(s) == [kept_line("bar 3")]
        assert live_spans(bridge) and all(lo >= 12.0 - 1e-6 for lo, _hi in live_spans(bridge))  # bars 4-5 follow
        # "live follow off (N loops written)" counts the bars written, not bar 3
        assert [w.boundary for w in follower.written] == sorted({lo for lo, _hi in live_spans(bridge)})
        assert s.reaper.undo_names[-1] == "ReaGroove: live follow"


def test_the_bars_are_said_as_the_ruler_numbers_them_and_only_those_the_take_reached():
    spec = bass_project(bpm=120)
    spec.start_measure(10)  # the ruler counts from bar 10: QN 8-12 is its bar 12
    with reapy_inside(spec, purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        edit_first_drum_item(rpr)
        drums = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(drums, 1), "C_LOCK", 1)  # bars 4-5 locked too
        arm_bass(rpr)
        # stopped in bar 3, a little before bar 4: bar 4, written ahead of the cursor, was never reached
        live_take(s, live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9), 4.0, 3.6)
        assert kept_lines(s) == [kept_line("bar 12")]


def test_nothing_is_said_where_every_bar_followed():
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        arm_bass(s.rpr)
        live_take(s, live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9), 4.0, 8.0)
        assert kept_lines(s) == [] and live_spans(bridge)


def test_through_reapys_server_the_bars_kept_are_said_in_reapers_console(reaper_process):  # noqa: F811
    proc, bridge = distant(reaper_process, bass_project(bpm=120), tick=0.01)
    try:
        actions.drumify_selection(bridge, engine(), Settings())
        proc.exec("take = rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), 0))\n"
                  "rpr.RPR_MIDI_DeleteNote(take, 0)\nrpr.RPR_Undo_OnStateChangeEx2(0, 'delete note', -1, -1)\n"
                  + ARM_BASS_REMOTE + "rpr.RPR_SetEditCurPos(2.0, False, False)\nresult = None")
        follower = live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9)
        follower.poll()
        remote_eighths(proc, follower, 2.0, 16, 32)  # from QN 4 (2 s at 120 BPM) to QN 20
    finally:
        bridge.close()
    console = proc.exec("result = reaper.console_text()")
    assert [line for line in console.splitlines() if "live follow left" in line] == [kept_line("bar 3")]
