"""REAPER as it really runs (issue 11): start-up, one owner of the server's loop, undo, pointers, tempo,
live input and item order, against the simulated REAPER (tests/fake_reaper), which models each of these.

The start-up tests install ReaGroove with install/reaper.py into a resource
folder and start a simulated REAPER process on it: REAPER runs
Scripts/__startup.lua, which runs the installed start-server action, whose
server the engine then reaches over 127.0.0.1.
"""

import json
import random
import socket
import sys
import time
from pathlib import Path

import pytest
from fake_reaper import FakeReaperProcess, reapy_inside
from test_installer import REAGROOVE_EXE, make_resource, run_installer
from test_reaper import PURGE, bass_project, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow, reaper_live_input, reaper_side
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge, ReaperError

SERVER_SCRIPT = Path(__file__).resolve().parent / "fake_reaper" / "start_reagroove_server.py"


def free_port() -> int:
    """A free port below the ephemeral range, so that no socket the simulated REAPER opens meanwhile
    (its web interface binds port 0) can be given it."""
    for port in random.sample(range(20000, 30000), 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port from 20000 to 30000")


# ---------------------------------------------------------------- start, stay up, stop


@pytest.fixture()
def installed(tmp_path):
    """A resource folder with ReaGroove installed, its engine replaced by a recorder of its arguments."""
    resource = make_resource(tmp_path / "REAPER")
    port = free_port()
    done = run_installer("--resource-path", resource, "--port", port)
    assert done.returncode == 0, done.stderr
    record = tmp_path / "engine-calls.jsonl"
    fake = tmp_path / "bin" / "reagroove"
    fake.parent.mkdir()
    fake.write_text(f"#!{sys.executable}\nimport json, sys\nwith open({str(record)!r}, 'a') as fh:\n"
                    "    fh.write(json.dumps(sys.argv[1:]) + '\\n')\n")
    fake.chmod(0o755)
    folder = resource / "Scripts" / "ReaGroove"
    for path in set(folder.glob("*.py")) - {folder / "reagroove_warm.py"}:  # that one is given it
        text = path.read_text()
        assert f"REAGROOVE = {REAGROOVE_EXE!r}" in text
        path.write_text(text.replace(f"REAGROOVE = {REAGROOVE_EXE!r}", f"REAGROOVE = {str(fake)!r}"))
    manifest = json.loads((folder / "install.json").read_text())
    assert manifest["port"] == port
    return {"resource": resource, "port": port, "record": record, "folder": folder}


def start_reaper(resource, spec=None):
    # started by `with`; a generous start-up time, as on a machine whose cores are busy
    return FakeReaperProcess(spec or bass_project(), server="none", resource_path=str(resource), startup_timeout=120)


def command(proc, script):
    """REAPER's command number of an installed action (what Main_OnCommand takes)."""
    return proc.exec("result = next(c for c, s in reaper.scripts.items() if s[1].endswith(name))", name=script)


def run_action(proc, script):
    proc.exec("reaper.run_command(cmd)\nresult = True", cmd=command(proc, script))


def answers(port) -> bool:
    bridge = DistantBridge(port, timeout=2.0)
    try:
        return bridge.call("project_info")["tempos"][0][1] > 0
    except ReaperError:
        return False
    finally:
        bridge.close()


def test_reaper_starts_the_server_from_startup_lua_and_actions_never_restart_or_stop_it(installed):
    port = installed["port"]
    with start_reaper(installed["resource"]) as proc:
        assert answers(port)  # __startup.lua ran the start-server action at launch
        console = proc.exec("result = reaper.console_text()")
        assert f"ReaGroove: server started on 127.0.0.1:{port}" in console and "Good morning" in console
        owner = proc.exec("result = [o[0] for o, q in reaper.runtime.queues.items() if o and q]")
        assert [Path(p).name for p in owner] == ["reagroove_start_server.py"]  # the loop's one owner
        # Actions, and the start-server action itself, run again and again: no "already running" prompt,
        # no automatic undo point, the server stays up and is never started twice.
        for script in ["reagroove_drumify.py", "reagroove_drumify.py", "reagroove_start_server.py",
                       "reagroove_pattern_a.py", "reagroove_start_server.py"]:
            run_action(proc, script)
            proc.advance(0.1)
            assert answers(port), script
        state = proc.exec("result = {'prompts': reaper.runtime.prompts, 'undo': reaper.undo_names, "
                          "'terminated': reaper.runtime.terminated, 'errors': reaper.script_errors}")
        assert state == {"prompts": [], "undo": [], "terminated": [], "errors": []}
        assert proc.exec("result = reaper.console_text()").count("server started") == 1
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(installed["record"].read_text().splitlines()
                                                   if installed["record"].exists() else []) < 3:
            time.sleep(0.05)
        spawned = sorted(json.loads(line) for line in installed["record"].read_text().splitlines())
        assert spawned == sorted([["reaper", "drumify", "--panel-settings", "--port", str(port)]] * 2
                                 + [["reaper", "set-pattern", "A", "--panel-settings", "--port", str(port)]])


def test_the_docked_panel_action_runs_again_without_a_prompt_or_an_undo_point(installed):
    with start_reaper(installed["resource"]) as proc:
        for _ in range(3):
            run_action(proc, "reagroove_dock.py")
            proc.advance(0.1)
        state = proc.exec("result = {'prompts': reaper.runtime.prompts, 'undo': reaper.undo_names, "
                          "'errors': reaper.script_errors}")
        assert state == {"prompts": [], "undo": [], "errors": []}
        assert answers(installed["port"])


def test_an_owner_that_asks_when_run_again_would_be_stopped_by_the_prompt(installed):
    """What the simulator catches: the loop's owner registered as REAPER's default ("ask"), run again, and
    the producer clicks "terminate": the server is gone. ReaGroove registers it as a new instance."""
    kb = installed["resource"] / "reaper-kb.ini"
    kb.write_text(kb.read_text().replace("SCR 516 0 ", "SCR 4 0 "))
    with start_reaper(installed["resource"]) as proc:
        assert answers(installed["port"])
        run_action(proc, "reagroove_start_server.py")
        assert len(proc.exec("result = reaper.runtime.prompts")) == 1
        assert not answers(installed["port"])


def test_an_exception_in_one_tick_is_logged_and_the_server_goes_on():
    with reapy_inside(bass_project(), purge=PURGE, check=False) as s:
        from reagroove.reaper_ext import server as server_module

        srv = server_module.start(0)
        real_tick, failures = srv.tick, []

        def tick():
            if not failures:
                failures.append(1)
                raise RuntimeError("a bad request slipped through")
            real_tick()

        srv.tick = tick
        s.reaper.start_defer_thread(0.01)
        try:
            time.sleep(0.1)
            bridge = DistantBridge(srv.port, timeout=3.0)
            assert bridge.call("project_info")["play_state"] == 0  # answered after the failed tick
            bridge.close()
        finally:
            s.reaper.stop_defer_thread()
            srv.close()
        assert "server error (RuntimeError: a bad request slipped through); it keeps running" in s.reaper.console_text()
        assert not s.reaper.script_errors


# ---------------------------------------------------------------- undo and edits


def test_a_failed_write_that_changed_nothing_leaves_the_users_last_edit_alone():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        keys = rpr.RPR_GetTrack(0, 2)
        rpr.RPR_Undo_BeginBlock2(0)
        rpr.RPR_SetMediaTrackInfo_Value(keys, "B_MUTE", 1)  # the producer's own edit
        rpr.RPR_Undo_EndBlock2(0, "Mute Keys", -1)
        bad = {"track_name": reaper_side.DRUMS_TRACK_NAME, "items": [{"start_qn": "not a position", "end_qn": 8.0,
                                                                        "notes": []}]}
        with pytest.raises(Exception):
            bridge.call("write_drum_track", bad)  # fails before it changes anything
        assert rpr.RPR_GetMediaTrackInfo_Value(keys, "B_MUTE") == 1.0
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items", "Mute Keys"]


def test_a_failed_write_that_changed_something_is_undone():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        bad = {"track_name": "New drums", "reuse": False, "below_index": 0,
               "items": [{"start_qn": 0.0, "end_qn": 4.0, "notes": [[0.0, 0.1, 36, 100]]},
                         {"start_qn": 4.0, "end_qn": 8.0, "notes": [[4.0, "late", 36, 100]]}]}
        with pytest.raises(Exception):
            bridge.call("write_drum_track", bad)
        assert s.rpr.RPR_CountTracks(0) == 2 and s.reaper.undo_names == []  # the new track and item are gone


def test_a_failed_write_leaves_no_undo_or_redo_entry_and_the_project_as_it_was():
    """A write fails half way, after it shortened, split and replaced earlier drums and set the track's mute and
    drum map: the project is exactly as before, and the producer's undo history shows neither an undo nor a
    "Redo: ReaGroove ..." entry for it (drumify's bars and a live take's alike)."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr, project = s.rpr, s.reaper.project
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())  # drums on bars 2-5: items QN 4-12 and 12-20
        keys = rpr.RPR_GetTrack(0, 2)
        rpr.RPR_Undo_BeginBlock2(0)
        rpr.RPR_SetMediaTrackInfo_Value(keys, "B_MUTE", 1)  # the producer's own edit, the one Undo takes back
        rpr.RPR_Undo_EndBlock2(0, "Mute Keys", -1)
        before, undo = project.to_dict(), list(s.reaper.undo_names)
        for live in (False, True):
            bad = {"track_name": reaper_side.DRUMS_TRACK_NAME, "mute": True, "drum_map": {"name": "kit"},
                   "overwrite_edited": True, "undo": not live,
                   "items": [{"start_qn": 6.0, "end_qn": 10.0, "notes": [[6.0, 6.1, 36, 100]]},  # cuts 4-12 in two
                             {"start_qn": 12.0, "end_qn": 20.0, "notes": [[12.0, 12.1, 38, 100]]},  # replaces 12-20
                             {"start_qn": 20.0, "end_qn": 24.0, "notes": [[20.0, "late", 36, 100]]}]}
            with pytest.raises(TypeError):  # the third item's note
                bridge.call("write_drum_track", bad)
            assert project.to_dict() == before
            assert s.reaper.undo_names == undo and project.can_undo() == "Mute Keys" and project.can_redo() is None
        with pytest.raises(TypeError):  # variations: the second track's item
            bridge.call("write_variation_tracks", {"below_index": 0, "variations": [bad["items"][:1], bad["items"][2:]]})
        assert project.to_dict() == before and s.reaper.undo_names == undo and project.can_redo() is None
        # and the next write works as ever: one undo point that Undo takes back, whole
        bad["items"] = bad["items"][:2]
        bridge.call("write_drum_track", {**bad, "undo": True, "undo_name": "ReaGroove: drumify selected items"})
        assert s.reaper.undo_names == undo + ["ReaGroove: drumify selected items"]
        assert len(bridge.call("drum_track_items")["items"]) == 4  # 4-6, 6-10, 10-12, 12-20
        rpr.RPR_Undo_DoUndo2(0)
        assert project.to_dict() == before


def armed_follower(s, bpm_spec, *, rec_input=4096 + (63 << 5)):
    rpr = s.rpr
    bass = rpr.RPR_GetTrack(0, 0)
    rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
    rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", rec_input)
    return live_follow.LiveFollower(LocalBridge(), engine(), Settings(), memory=0.9)


def play_bars(s, follower, bars, bpm, *, poll_s=0.03, feed=True):
    beat_s = 60.0 / bpm
    t, next_note = 0.0, 0.0
    while t < bars * 4 * beat_s:
        if feed and t >= next_note:  # an 8th-note line played live
            s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=s.reaper.transport.position())
            next_note += beat_s / 2
        s.reaper.transport.advance(poll_s)
        t += poll_s
        follower.poll()


def test_a_live_take_is_one_undo_point_made_when_it_stops():
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        rpr = s.rpr
        follower = armed_follower(s, 120)
        rpr.RPR_OnPlayButton()
        follower.poll()
        play_bars(s, follower, 6, 120)
        assert len(follower.written) >= 5 and s.reaper.undo_names == []  # nothing yet: the take goes on
        rpr.RPR_OnStopButton()
        follower.poll()
        assert s.reaper.undo_names == ["ReaGroove: live follow"]
        assert s.reaper.project.undo_flags == [-1]  # every state: the take made the drum track, not items alone
        assert len(LocalBridge().call("drum_track_items")["items"]) == len(follower.written)
        rpr.RPR_Undo_DoUndo2(0)  # one undo takes the whole take back
        assert LocalBridge().call("drum_track_items")["items"] == []
        # a second take, ended by turning follow off while playing: its own undo point
        rpr.RPR_Undo_DoRedo2(0)
        rpr.RPR_OnPlayButton()
        follower.poll()
        play_bars(s, follower, 3, 120)
        follower.close()
        assert s.reaper.undo_names == ["ReaGroove: live follow"] * 2


def test_live_follow_skips_earlier_input_and_control_only_devices_but_hears_the_virtual_keyboard():
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        rpr, feed = s.rpr, s.reaper.input.feed
        for k in range(300):  # played (and recorded) before follow was turned on
            feed(bytes([0x90, 40, 100]), proj_pos=k * 0.25, dev=1)
        follower = armed_follower(s, 120)
        rpr.RPR_OnPlayButton()
        follower.poll()
        assert not follower.session.groove()[:, 0].any()
        feed(bytes([0x90, 40, 100]), proj_pos=0.0, dev=0x10000 | 3)  # a control surface's pad
        follower.poll()
        assert not follower.session.groove()[:, 0].any()
        feed(bytes([0x90, 40, 100]), proj_pos=0.25, dev=0x10000 | reaper_live_input.VIRTUAL_KEYBOARD)
        follower.poll()
        assert list(follower.session.groove()[:, 0].nonzero()[0]) == [2]  # QN 0.5: the 16th step 2
    # a track armed to the virtual keyboard alone (device 62)
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        follower = armed_follower(s, 120, rec_input=4096 + (reaper_live_input.VIRTUAL_KEYBOARD << 5))
        s.rpr.RPR_OnPlayButton()
        follower.poll()
        s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=0.0, dev=0x10000 | reaper_live_input.VIRTUAL_KEYBOARD)
        s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=0.5, dev=1)  # another keyboard: not armed
        follower.poll()
        assert list(follower.session.groove()[:, 0].nonzero()[0]) == [0]


@pytest.mark.parametrize("bpm", [60, 120, 200])
def test_each_bar_is_written_before_reaper_renders_it(bpm):
    # half a second ahead at every tempo: a bar is made once the bar before it is heard to its last beat
    assert live_follow.lookahead_beats(bpm) == pytest.approx({60: 0.5, 120: 1.0, 200: 5 / 3}[bpm])
    with reapy_inside(bass_project(bpm=bpm), purge=PURGE) as s:
        s.reaper.transport.render_ahead = 0.2  # REAPER renders tracks that are not monitored up to ~200 ms ahead
        follower = armed_follower(s, bpm)
        s.rpr.RPR_OnPlayButton()
        follower.poll()
        play_bars(s, follower, 8, bpm, poll_s=0.05)
        assert len(follower.written) >= 7
        assert s.reaper.late_notes == []
    if bpm == 200:  # the old look-ahead, 0.75 beat (225 ms at 200 BPM): a poll later, first hits are lost
        with reapy_inside(bass_project(bpm=bpm), purge=PURGE) as s:
            s.reaper.transport.render_ahead = 0.2
            follower = armed_follower(s, bpm)
            follower.lookahead_s, follower.min_lookahead_beats = 0.0, 0.75
            s.rpr.RPR_OnPlayButton()
            follower.poll()
            play_bars(s, follower, 8, bpm, poll_s=0.06)
            assert s.reaper.late_notes


# ---------------------------------------------------------------- timing, pointers, item order


def test_the_tempo_at_the_project_start_is_the_maps_not_the_cursors():
    spec = bass_project(bpm=100)
    spec.tempo_marker(140, time=8.0)
    spec.cursor(20.0)
    with reapy_inside(spec, purge=PURGE) as s:
        assert s.rpr.RPR_Master_GetTempo() == 140  # the tempo at the edit cursor
        info = LocalBridge().call("project_info")
        assert info["tempos"][0] == [0.0, 100.0]
        assert info["tempos"][1][1] == 140.0 and info["tempos"][1][0] == pytest.approx(8.0 * 100 / 60)


def test_a_stale_or_foreign_pointer_is_refused_with_one_line():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        item = bridge.call("drum_track_items")["items"][0]["item"]
        assert bridge.call("item_notes_hash", item)
        rpr.RPR_DeleteTrackMediaItem(rpr.RPR_GetMediaItem_Track(item), item)
        with pytest.raises(reaper_side.ReaperSideError, match="not in the current project"):
            bridge.call("item_notes_hash", item)
        other = s.reaper.new_project("other")
        foreign = s.reaper.create_midi_item(s.reaper.create_track(other), 0.0, 2.0)
        with pytest.raises(reaper_side.ReaperSideError, match="not in the current project"):
            bridge.call("item_notes_hash", rpr.rpr_unpackp("MediaItem*", foreign.ptr))
        with pytest.raises(reaper_side.ReaperSideError):
            bridge.call("item_notes_hash", 12345)
        # refused before use: the simulated REAPER saw no dangling pointer (which would crash REAPER)
        assert not s.reaper.pointer_errors


def test_writes_do_not_rely_on_reaper_listing_items_by_position():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        s.reaper.item_order = "unsorted"
        bridge = LocalBridge()

        def bars(first, n, pitch):
            return [{"start_qn": 4.0 * b, "end_qn": 4.0 * b + 4, "name": "bar", "settings": {},
                     "notes": [[4.0 * b, 4.0 * b + 0.1, pitch, 100]]} for b in range(first, first + n)]

        bridge.call("write_drum_track", {"items": bars(0, 12, 36)})
        s.reaper.transport.advance(0)  # (nothing else changes the project meanwhile)
        bridge.call("write_drum_track", {"items": bars(5, 3, 38)})
        s.rpr.RPR_SetMediaTrackInfo_Value(s.rpr.RPR_GetTrack(0, 2), "B_MUTE", 1)  # someone else's change
        bridge.call("write_drum_track", {"items": bars(0, 1, 42)})
        items = sorted(bridge.call("drum_track_items")["items"], key=lambda i: i["start_qn"])
        assert [i["start_qn"] for i in items] == [4.0 * b for b in range(12)]  # each bar once
        assert [i["notes"][0][2] for i in items] == [42] + [36] * 4 + [38] * 3 + [36] * 4


def test_distant_item_hash_of_a_deleted_item_is_one_line():
    with FakeReaperProcess(bass_project(), server="none", server_script=str(SERVER_SCRIPT)) as proc:
        deadline = time.monotonic() + 20
        while not proc.ext_state("reagroove", "server_port"):
            assert time.monotonic() < deadline, proc.log_text()
            time.sleep(0.05)
        bridge = DistantBridge(int(proc.ext_state("reagroove", "server_port")))
        actions.drumify_selection(bridge, engine(), Settings())
        item = bridge.call("drum_track_items")["items"][0]["item"]
        proc.exec("rpr.RPR_DeleteTrackMediaItem(rpr.RPR_GetMediaItem_Track(item), item)\nresult = True", item=item)
        with pytest.raises(ReaperError, match=r"^REAPER: .*not in the current project") as err:
            bridge.call("item_notes_hash", item)
        assert "\n" not in str(err.value)
        assert bridge.call("project_info")  # and REAPER goes on
        assert proc.exec("result = reaper.pointer_errors") == []
        bridge.close()
