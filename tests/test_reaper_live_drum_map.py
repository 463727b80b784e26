"""Live follow in REAPER on a drum track that plays the producer's kit: Drumify was given --drum-map (kick on 24,
snare on 26) and keeps it with the track, but REAPER's live follow toggle (and the panels) start follow with no
map, and its bars were General MIDI notes (kick 36, snare 38) on that track: the kit played other sounds or none
where the drummer's kick and snare belonged. Now live follow plays the map the drum track keeps; a map given to
live follow itself is kept with the track, as Drumify's is. In-process and through reapy's server on loopback."""

import numpy as np
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project, engine, reaper_process  # noqa: F401  (the distant-mode fixture)
from test_reaper_distant import distant, remote_project, track
from test_reaper_project_layouts import live_take

from reagroove.core.drummap import drum_map_from_dict
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import LocalBridge

KIT = drum_map_from_dict({"name": "kit", "voices": {"kick": {"output": 24}, "snare": {"output": 26}}}, "kit.json")
GM_KICK_SNARE = {36, 38}


def arm_bass(rpr) -> None:
    bass = rpr.RPR_GetTrack(0, 0)
    rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
    rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))


ARM_BASS_REMOTE = ("bass = rpr.RPR_GetTrack(0, 0)\nrpr.RPR_SetMediaTrackInfo_Value(bass, 'I_RECARM', 1)\n"
                   "rpr.RPR_SetMediaTrackInfo_Value(bass, 'I_RECINPUT', 4096 + (63 << 5))\n")


def remote_eighths(proc, follower, start_s: float, beats: int, polls: int) -> None:
    """Play, through reapy's server, an 8th-note line at 120 BPM from `start_s` for `beats` quarter notes into the
    armed bass, the follower polled every 0.25 s `polls` times; then stop."""
    proc.exec("rpr.RPR_OnPlayButton()\nresult = None")
    proc.schedule_input([(start_s + qn * 0.5, bytes([0x90, 40, 100])) for qn in np.arange(0, beats, 0.5)])
    follower.poll()
    for _ in range(polls):
        proc.advance(0.25)
        follower.poll()
    proc.exec("rpr.RPR_OnStopButton()\nresult = None")
    follower.poll()


def live_pitches(bridge) -> set:
    return {n[2] for i in bridge.call("drum_track_items")["items"] if i["name"] == "ReaGroove live" for n in i["notes"]}


def test_live_follow_plays_the_drum_map_drumify_left_on_the_drum_track():
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(), drum_map=KIT)  # bars 2-5
        arm_bass(s.rpr)
        # as REAPER's toggle starts it: no map given
        live_take(s, live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9), 24.0, 6.0)
        pitches = live_pitches(bridge)
        assert {24, 26} <= pitches and not pitches & GM_KICK_SNARE
        assert s.reaper.undo_names[-1] == "ReaGroove: live follow"


def test_a_map_given_to_live_follow_wins_and_is_kept_for_the_next_drumify():
    other = drum_map_from_dict({"name": "other", "voices": {"kick": {"output": 35}, "snare": {"output": 40}}}, "o.json")
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(), drum_map=KIT)
        arm_bass(s.rpr)
        live_take(s, live_follow.LiveFollower(bridge, engine(), Settings(), drum_map=other, memory=0.9), 24.0, 6.0)
        pitches = live_pitches(bridge)
        assert {35, 40} <= pitches and not pitches & ({24, 26} | GM_KICK_SNARE)
        actions.drumify_selection(bridge, engine(), Settings(seed=5))  # no map given: the one live follow kept
        drumified = {n[2] for i in bridge.call("drum_track_items")["items"] if i["name"] != "ReaGroove live"
                     for n in i["notes"]}
        assert {35, 40} <= drumified and not drumified & ({24, 26} | GM_KICK_SNARE)


def test_with_no_map_anywhere_live_follow_plays_general_midi():
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        bridge = LocalBridge()
        arm_bass(s.rpr)
        live_take(s, live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9), 0.0, 6.0)
        assert 36 in live_pitches(bridge)
        assert "it plays General MIDI drum notes" in s.reaper.console_text()


def test_through_reapys_server_live_follow_plays_the_drum_tracks_map(reaper_process):  # noqa: F811
    proc, bridge = distant(reaper_process, bass_project(bpm=120), tick=0.01)
    try:
        actions.drumify_selection(bridge, engine(), Settings(), drum_map=KIT)
        follower = live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9)
        follower.poll()
        proc.exec(ARM_BASS_REMOTE + "rpr.RPR_SetEditCurPos(12.0, False, False)\nresult = None")
        remote_eighths(proc, follower, 12.0, 12, 24)  # from QN 24 (12 s at 120 BPM) for 3 bars
    finally:
        bridge.close()
    live = [n for it in track(remote_project(proc), "ReaGroove Drums")["items"] if it["name"] == "ReaGroove live"
            for n in it["notes"]]
    pitches = {pitch for _on, _chan, pitch, _vel in live}
    assert {24, 26} <= pitches and not pitches & GM_KICK_SNARE


def test_drumify_over_a_drum_track_whose_stored_map_no_longer_reads_says_so_in_one_line():
    # the project file edited by hand: the drum track's map is not JSON. Drumify had stopped on a JSONDecodeError
    import pytest

    from reagroove.core.errors import ReaGrooveError
    from reagroove.reaper_ext.reaper_names import DRUM_MAP_KEY

    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(), drum_map=KIT)
        drums = next(s.rpr.RPR_GetTrack(0, t) for t in range(s.rpr.RPR_CountTracks(0))
                     if s.rpr.RPR_GetSetMediaTrackInfo_String(s.rpr.RPR_GetTrack(0, t), "P_NAME", "", False)[3]
                     == "ReaGroove Drums")
        s.rpr.RPR_GetSetMediaTrackInfo_String(drums, DRUM_MAP_KEY, '{"voices": {"kick"', True)
        undo_points = len(s.reaper.undo_names)
        with pytest.raises(ReaGrooveError) as err:
            actions.drumify_selection(bridge, engine(), Settings())
        assert "the drum track's map" in str(err.value) and "not valid JSON" in str(err.value)
        assert "\n" not in str(err.value) and len(s.reaper.undo_names) == undo_points  # nothing written
