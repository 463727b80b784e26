"""Every REAPER action in distant mode: the engine in this process, ReaGroove's server (reapy's real
protocol) inside a simulated REAPER process, over 127.0.0.1.

test_reaper.py runs the same actions in inside mode. Here the project is
inspected from inside the REAPER process (`remote_project`, through the fake
process's control channel, which does not count as a round trip), so what is
asserted is what the producer would see in REAPER.
"""

import json
import socket
import time

import numpy as np
import pytest
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE, bass_project, engine, reaper_process  # noqa: F401  (reaper_process: a fixture)

from reagroove.core.drummap import drum_map_from_dict
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge, ReaperError

# Runs inside the REAPER process: every track with its items and notes, and the undo history.
REMOTE_PROJECT = r"""
def _qn(t):
    return round(rpr.RPR_TimeMap2_timeToQN(0, t), 6)

tracks = []
for i in range(rpr.RPR_CountTracks(0)):
    tr = rpr.RPR_GetTrack(0, i)
    items = []
    for j in range(rpr.RPR_CountTrackMediaItems(tr)):
        it = rpr.RPR_GetTrackMediaItem(tr, j)
        take = rpr.RPR_GetActiveTake(it)
        pos = rpr.RPR_GetMediaItemInfo_Value(it, "D_POSITION")
        length = rpr.RPR_GetMediaItemInfo_Value(it, "D_LENGTH")
        notes = []
        for k in range(rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]):
            _ret, _take, _k, _sel, muted, on, off, chan, pitch, vel = rpr.RPR_MIDI_GetNote(take, k, 0, 0, 0, 0, 0, 0, 0)
            notes.append([round(rpr.RPR_MIDI_GetProjQNFromPPQPos(take, on), 6), int(chan), int(pitch), int(vel)])
        items.append({"start_qn": _qn(pos), "end_qn": _qn(pos + length), "pos_s": pos, "len_s": length,
                      "name": rpr.RPR_GetTakeName(take), "notes": notes})
    tracks.append({"name": rpr.RPR_GetTrackName(tr, "", 256)[2], "mute": rpr.RPR_GetMediaTrackInfo_Value(tr, "B_MUTE"),
                   "items": items})
state = rpr.RPR_GetPlayState()
result = {"tracks": tracks, "undo": list(reaper.undo_names), "play_state": state,
          "play_qn": rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetPlayPosition2() if state & 1 else rpr.RPR_GetCursorPosition())}
"""


def remote_project(proc):
    return proc.exec(REMOTE_PROJECT)


def track(project, name):
    found = [t for t in project["tracks"] if t["name"] == name]
    assert len(found) == 1, [t["name"] for t in project["tracks"]]
    return found[0]


def undo_last(proc):
    return proc.exec("result = rpr.RPR_Undo_DoUndo2(0)")


# Counts, inside REAPER, the requests ReaGroove's server receives (the fake's own round-trip counter
# watches reapy's Socket.recv, which ReaGroove's server bypasses). Disconnects are not requests.
COUNT_REQUESTS = """
import gc
from reagroove.reaper_ext.server import ReaGrooveServer
srv = next(o for o in gc.get_objects() if isinstance(o, ReaGrooveServer))
if not hasattr(srv, "reagroove_log"):
    srv.reagroove_log = []
    plain = srv._get_request
    def counted(connection, address):
        req = plain(connection, address)
        if req is not None and req["function"] != srv.disconnect:
            srv.reagroove_log.append(getattr(req["function"], "__name__", "?"))
        return req
    srv._get_request = counted
if reset:
    del srv.reagroove_log[:]
result = list(srv.reagroove_log)
"""


def requests_received(proc, reset=False):
    """The ReaGroove functions REAPER was asked to run, in order."""
    return proc.exec(COUNT_REQUESTS, reset=reset)


# The simulated REAPER runs the API in Python, far slower than REAPER's C: writing 8 x 32 items took
# over the engine's 5 s reply limit on a loaded 2-core machine. These tests are about what is written;
# the limit's own behaviour has tests of its own (a stalled REAPER, below, and test_reaper.py).
CONTENT_TIMEOUT_S = 60.0


def distant(reaper_process, spec, **kw):
    proc, port = reaper_process(spec, **kw)
    bridge = DistantBridge(port, timeout=CONTENT_TIMEOUT_S)
    requests_received(proc, reset=True)
    return proc, bridge


# ---------------------------------------------------------------- variations


def chords_project(n_notes=1000, **kw):
    """bass_project's layout, the selected item holding n_notes notes as 8th-note chords (bars 2-5),
    played a little ahead of the beat (so the drums come early too, also on an item's first step)."""
    spec = bass_project(n_notes=1, **kw)
    item = spec.data["tracks"][0]["items"][0]
    item["notes"] = [[max(0.0, (k % 32) * 0.5 - 0.02), 0.25, 30 + k // 32, 60 + k % 60, 0, False, False]
                     for k in range(n_notes)]
    return spec


def test_distant_variations_of_a_1000_note_item_first_plays_rest_muted(reaper_process):
    # a tempo change inside the selection: items must still sit on the bar grid
    spec = chords_project(1000, bpm=120, tempo_change=(8.0, 60))
    proc, bridge = distant(reaper_process, spec)
    before = remote_project(proc)
    stub = StubModel()
    # a temperature given: version 1 is one draw too (a seed alone is drawn clear of seed 0's drums first)
    res = actions.variations_of_selection(bridge, Engine(stub), Settings(seed=1, temperature=0.3), 3)
    # Drumify's part in one model call (version 1, with what Drumify says of it), the versions in one more; the
    # jump to 60 BPM starts a section (core/sections.py tempo_sections), whose fill each may draw again once
    # (core/fills.py): never a call per window
    assert res["written"] == 6 and stub.calls <= 2 * (1 + 3)
    # one read, one write, for 1,000 notes
    assert bridge.round_trips == 2 and requests_received(proc) == ["read_selected_items", "write_variation_tracks"]
    after = remote_project(proc)
    assert [t["name"] for t in after["tracks"]] == ["Bass", "ReaGroove Var 1", "ReaGroove Var 2", "ReaGroove Var 3", "Keys"]
    assert [t["mute"] for t in after["tracks"][1:4]] == [0.0, 1.0, 1.0]
    for t in after["tracks"][1:4]:
        # bars 2-5: QN 4-12 and 12-20; at 120 then 60 BPM from QN 8: 2-8 s and 8-16 s
        assert [(i["start_qn"], i["end_qn"]) for i in t["items"]] == [(4.0, 12.0), (12.0, 20.0)]
        assert [(i["pos_s"], i["len_s"]) for i in t["items"]] == [(pytest.approx(2.0), pytest.approx(6.0)),
                                                                 (pytest.approx(8.0), pytest.approx(8.0))]
        assert all(i["notes"] and all(n[1] == 9 for n in i["notes"]) for i in t["items"])
        assert all(i["start_qn"] <= n[0] < i["end_qn"] for i in t["items"] for n in i["notes"])
    contents = {json.dumps([i["notes"] for i in t["items"]]) for t in after["tracks"][1:4]}
    assert len(contents) == 3  # three different versions to audition
    assert track(after, "Bass") == track(before, "Bass")  # the source is untouched
    assert after["undo"] == before["undo"] + ["ReaGroove: 3 variations (temperature 0.30)"]
    # the same action inside REAPER writes exactly the same notes: the wire changes nothing
    with reapy_inside(spec, purge=PURGE) as s:
        actions.variations_of_selection(LocalBridge(), engine(), Settings(seed=1), 3)
        inside = s.rpr.RPR_GetTrack(0, 2)
        take = s.rpr.RPR_GetActiveTake(s.rpr.RPR_GetTrackMediaItem(inside, 1))
        n = s.rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]
        pitches = [s.rpr.RPR_MIDI_GetNote(take, k, 0, 0, 0, 0, 0, 0, 0)[8] for k in range(n)]
    assert pitches == [note[2] for note in after["tracks"][2]["items"][1]["notes"]]
    # one undo point: undoing it leaves the project as it was
    assert undo_last(proc)
    assert remote_project(proc)["tracks"] == before["tracks"]
    bridge.close()


# ---------------------------------------------------------------- patterns A and B


def two_part_project():
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass")
    keys = spec.add_track("Keys")
    spec.add_midi_item(bass, start_qn=4, length_qn=16, selected=True, name="riff",
                       notes=[(k * 0.5, 0.25, 40, 100) for k in range(32)])  # 8ths: every other 16th step
    spec.add_midi_item(keys, start_qn=4, length_qn=16, name="chords",
                       notes=[(k * 1.0 + 0.75, 0.25, 60, 90) for k in range(16)])  # the "a" of every beat
    return spec


SELECT_ONLY = """
rpr.RPR_SelectAllMediaItems(0, False)
for t, i in picks:
    rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, t), i), True)
result = rpr.RPR_CountSelectedMediaItems(0)
"""


def test_distant_patterns_a_and_b_from_selected_items(reaper_process):
    proc, bridge = distant(reaper_process, two_part_project())
    before = remote_project(proc)
    a = actions.pattern_from_selection(bridge, "reaper-A")
    assert bridge.round_trips == 1 and requests_received(proc) == ["read_selected_items"]
    assert proc.exec(SELECT_ONLY, picks=[[1, 0]]) == 1
    b = actions.pattern_from_selection(bridge, "reaper-B")
    assert bridge.round_trips == 2
    assert (a.name, b.name) == ("reaper-A", "reaper-B")
    assert np.array_equal(np.flatnonzero(a.groove[:, 0]), np.arange(0, 32, 2))
    assert np.array_equal(np.flatnonzero(b.groove[:, 0]), np.arange(3, 32, 4))
    assert a.source == b.source == "REAPER selection, bar 2"
    # the same patterns as inside REAPER
    with reapy_inside(two_part_project(), purge=PURGE):
        inside_a = actions.pattern_from_selection(LocalBridge(), "reaper-A")
    assert np.array_equal(inside_a.groove, a.groove)
    # setting a pattern changes nothing in the project
    after = remote_project(proc)
    assert after["tracks"] == before["tracks"] and after["undo"] == before["undo"]


def test_distant_nothing_or_only_drums_selected_is_one_clear_line(reaper_process):
    proc, bridge = distant(reaper_process, bass_project())
    actions.drumify_selection(bridge, engine(), Settings())
    assert proc.exec(SELECT_ONLY, picks=[[1, 0]]) == 1  # one of ReaGroove's own drum items
    with pytest.raises(ReaperError, match="only ReaGroove's own drum items selected"):
        actions.pattern_from_selection(bridge, "reaper-A")
    assert proc.exec(SELECT_ONLY, picks=[]) == 0
    with pytest.raises(ReaperError, match=r"select one or more MIDI or audio items to drumify \(nothing selected\)") as err:
        actions.drumify_selection(bridge, engine(), Settings())
    assert "\n" not in str(err.value)
    assert remote_project(proc)["undo"] == ["ReaGroove: drumify selected items"]  # the failures wrote nothing


# ---------------------------------------------------------------- the producer's edits


EDIT_FIRST_DRUM_NOTE = """
take = rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), 0))
result = rpr.RPR_MIDI_SetNote(take, 0, False, False, -1, -1, -1, 50, 127, False)
"""


def test_distant_edited_items_are_kept_unless_asked(reaper_process):
    proc, bridge = distant(reaper_process, bass_project())
    eng = engine()
    actions.drumify_selection(bridge, eng, Settings(seed=1))
    assert proc.exec(EDIT_FIRST_DRUM_NOTE)  # the producer changes a note in REAPER
    mine = track(remote_project(proc), "ReaGroove Drums")["items"][0]
    assert mine["start_qn"] == 4.0 and [50, 127] in [n[2:] for n in mine["notes"]]
    bridge.round_trips = 0
    requests_received(proc, reset=True)
    res = actions.drumify_selection(bridge, eng, Settings(seed=9))
    assert bridge.round_trips == 2 and requests_received(proc) == ["read_selected_items", "write_drum_track"]
    assert res["written"] == 1 and res["kept_edited"] == [[4.0, 12.0]]
    items = track(remote_project(proc), "ReaGroove Drums")["items"]
    assert len(items) == 2 and mine in items
    other = [i for i in items if i != mine]
    assert [(i["start_qn"], i["end_qn"]) for i in other] == [(12.0, 20.0)] and "seed 9" in other[0]["name"]
    res = actions.drumify_selection(bridge, eng, Settings(seed=9), overwrite_edited=True)
    assert res["written"] == 2 and res["kept_edited"] == []
    after = remote_project(proc)
    items = track(after, "ReaGroove Drums")["items"]
    assert len(items) == 2 and mine not in items and all("seed 9" in i["name"] for i in items)
    assert after["undo"] == [f"ReaGroove: drumify (seed {n})" for n in (1, 9, 9)]  # one undo point per action
    # undoing the overwrite brings the producer's edit back
    assert undo_last(proc)
    assert mine in track(remote_project(proc), "ReaGroove Drums")["items"]


# ---------------------------------------------------------------- drum maps


def test_distant_user_drum_map_is_used_and_remembered_by_the_track(reaper_process):
    kit = drum_map_from_dict({"voices": {"kick": {"output": 24}, "snare": {"output": 26}}}, "kit.json")
    proc, bridge = distant(reaper_process, bass_project())
    eng = engine()
    actions.drumify_selection(bridge, eng, Settings())
    gm = track(remote_project(proc), "ReaGroove Drums")["items"]
    actions.drumify_selection(bridge, eng, Settings(), drum_map=kit)
    mapped = track(remote_project(proc), "ReaGroove Drums")["items"]
    # the same hits, on the kit's pads: kick 36 -> 24, snare 38 -> 26, the rest on GM
    moved = {36: 24, 38: 26}
    assert [[n[0], n[1], moved.get(n[2], n[2]), n[3]] for i in gm for n in i["notes"]] == \
        [n for i in mapped for n in i["notes"]]
    actions.drumify_selection(bridge, eng, Settings(seed=5))  # no map given: the track's own
    again = {n[2] for i in track(remote_project(proc), "ReaGroove Drums")["items"] for n in i["notes"]}
    assert {24, 26} <= again and not again & {36, 38}
    actions.variations_of_selection(bridge, eng, Settings(), 2)  # variations use the drum track's map too
    project = remote_project(proc)
    var = {n[2] for name in ("ReaGroove Var 1", "ReaGroove Var 2") for i in track(project, name)["items"] for n in i["notes"]}
    assert {24, 26} <= var and not var & {36, 38}


# ---------------------------------------------------------------- big items


def test_distant_writing_and_reading_an_item_of_1000_notes_is_one_round_trip_each(reaper_process):
    proc, bridge = distant(reaper_process, bass_project())
    notes = [[4.0 + k * 0.032, 4.0 + k * 0.032 + 0.016, 36 + k % 12, 1 + k % 127] for k in range(1000)]
    spec = {"track_name": "ReaGroove Drums", "below_index": 0, "reuse": True, "undo_name": "ReaGroove: big",
            "items": [{"start_qn": 4.0, "end_qn": 36.0, "name": "big", "notes": notes, "settings": {}}]}
    assert bridge.call("write_drum_track", spec)["written"] == 1
    assert bridge.round_trips == 1 and requests_received(proc) == ["write_drum_track"]
    items = bridge.call("drum_track_items")["items"]
    assert bridge.round_trips == 2 and requests_received(proc) == ["write_drum_track", "drum_track_items"]
    assert len(items) == 1 and len(items[0]["notes"]) == 1000
    got = sorted((round(n[0], 4), n[2], n[3]) for n in items[0]["notes"])
    assert got == sorted((round(n[0], 4), n[2], n[3]) for n in notes)
    assert len(track(remote_project(proc), "ReaGroove Drums")["items"][0]["notes"]) == 1000


# ---------------------------------------------------------------- live follow


ARM_BASS_AND_PLAY = """
bass = rpr.RPR_GetTrack(0, 0)
rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))
rpr.RPR_OnPlayButton()
result = rpr.RPR_GetPlayState()
"""


def test_distant_live_follow_writes_every_loop_before_its_bar(reaper_process):
    bars, per_poll_qn = 12, 0.5
    proc, bridge = distant(reaper_process, bass_project(bpm=120), tick=0.01)
    before = remote_project(proc)
    # memory 0.9: the 2-bar overdub buffer still holds what was played two bars ago when its loop is made
    follower = live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9)
    assert proc.exec(ARM_BASS_AND_PLAY) & 1
    # an 8th-note bass line played live, pushed 0.03 QN ahead of the beat; each note
    # reaches REAPER as the play position passes it (120 BPM: 0.5 s a beat)
    played = [max(0.0, qn - 0.03) for qn in np.arange(0, bars * 4, 0.5)]
    proc.schedule_input([(qn * 0.5, bytes([0x90, 40, 100])) for qn in played])
    follower.poll()
    late, writes = [], 0
    for _ in range(int(bars * 4 / per_poll_qn)):
        proc.advance(per_poll_qn * 0.5)  # 120 BPM: 0.5 s a beat
        requests_received(proc, reset=True)
        made = follower.poll()
        # one round trip reads the input and the play position; one more writes a loop that became due
        assert requests_received(proc) == ["poll_live_input"] + (["write_drum_track"] if made else [])
        writes += bool(made)
        now = remote_project(proc)
        pos = now["play_qn"]
        starts = {i["start_qn"] for i in track(now, "ReaGroove Drums")["items"]} if made or writes else set()
        # every bar line the cursor reaches before the next poll already has its loop in REAPER
        for bar_line in np.arange(4.0, bars * 4 + 1e-9, 4.0):
            if pos < bar_line <= pos + per_poll_qn + 1e-9 and bar_line not in starts:
                late.append(bar_line)
    assert not late, f"no loop in REAPER yet when the cursor reached QN {late}"
    proc.exec("rpr.RPR_OnStopButton()")
    assert follower.poll() == []
    assert not follower.session.running
    proc.advance(2.0)
    assert follower.poll() == []  # stopped: nothing more is written
    after = remote_project(proc)
    items = track(after, "ReaGroove Drums")["items"]
    assert len(items) == writes == len(follower.written) >= bars - 1
    assert all(i["end_qn"] - i["start_qn"] == 4.0 and i["start_qn"] % 4.0 == 0 for i in items)  # one item a bar
    assert len({i["start_qn"] for i in items}) == len(items)
    assert all(i["start_qn"] <= n[0] < i["end_qn"] and n[1] == 9 for i in items for n in i["notes"])
    # from bar 4 on (the buffer holds both bars, the first note was played on time), the kicks follow every
    # played 8th, early like the bass: the one on the bar line starts on the item's start rather than
    # before it (REAPER would not play it), and the next bar's early first kick is the next item's
    for i in items:
        if 12.0 <= i["start_qn"] and i["end_qn"] <= bars * 4:  # (the bar after the stop keeps only its one)
            kicks = sorted(n[0] for n in i["notes"] if n[2] == 36)
            assert len(kicks) == 8 and kicks[0] == i["start_qn"], (i["start_qn"], kicks)
            assert kicks[1:] == pytest.approx([i["start_qn"] + 0.5 * k - 0.0175 for k in range(1, 8)], abs=2e-3)
    # what was played reached the engine at its project positions: the loops follow 8ths, on even 16th steps
    heard = [np.flatnonzero(sched.groove[:, 0]) for sched in follower.written]
    assert all(len(h) and not (h % 2).any() for h in heard)
    assert set(np.concatenate(heard)) == set(range(0, 32, 2))
    assert after["undo"] == ["ReaGroove: live follow"]  # one undo point for the take, made when it stopped
    assert track(after, "Bass")["items"] == track(before, "Bass")["items"]  # the played part is untouched


def test_distant_writing_a_loop_costs_the_same_after_hundreds_of_bars(reaper_process):
    """A long live take: the next loop's write does not read every item already on the drum track."""
    proc, bridge = distant(reaper_process, bass_project(bpm=120))

    def bars(first, n, pitch=36):
        return [{"start_qn": 4.0 * b, "end_qn": 4.0 * b + 4, "name": "ReaGroove live", "settings": {},
                 "notes": [[4.0 * b + k, 4.0 * b + k + 0.1, pitch, 100] for k in range(4)]} for b in range(first, first + n)]

    def api_calls_of_next_write(n_before):
        track = f"Take {n_before}"
        bridge.call("write_drum_track", {"track_name": track, "items": bars(0, n_before)})
        proc.reset_stats()
        res = bridge.call("write_drum_track", {"track_name": track, "items": bars(n_before - 1, 2, pitch=38)})
        assert res["written"] == 2  # the last bar replaced, one more bar after it
        calls = sum(proc.stats()["api_calls"].values())
        items = bridge.call("drum_track_items", track)["items"]
        assert [i["start_qn"] for i in items] == [4.0 * b for b in range(n_before + 1)]
        assert {n[2] for i in items[-2:] for n in i["notes"]} == {38} and {n[2] for n in items[-3]["notes"]} == {36}
        return calls

    short, long = api_calls_of_next_write(4), api_calls_of_next_write(300)
    assert long <= short + 60, (short, long)


def test_distant_8_variations_of_a_64_bar_selection(reaper_process):
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass", selected=True)
    spec.add_midi_item(bass, start_qn=0, length_qn=256, selected=True, name="bass",
                       notes=[(k * 0.5, 0.4, 40 + k % 7, 60 + k % 60) for k in range(512)])
    proc, bridge = distant(reaper_process, spec)
    res = actions.variations_of_selection(bridge, engine(), Settings(seed=2), 8)
    assert res["written"] == 8 * 32 and bridge.round_trips == 2
    project = remote_project(proc)
    assert [t["name"] for t in project["tracks"]] == ["Bass"] + [f"ReaGroove Var {i}" for i in range(1, 9)]
    assert all(len(t["items"]) == 32 for t in project["tracks"][1:])


def test_an_action_that_gives_up_on_a_stalled_reaper_says_so_in_one_line(reaper_process, monkeypatch, capsys):
    """REAPER stalls (a modal dialog) as drumify writes: once REAPER answers again its console holds one line
    saying what happened and what to do (no server error, no BrokenPipe), the engine's log the same, and
    nothing was written."""
    from reagroove.core.cli import main
    from reagroove.models import drummer
    from reagroove.reaper_ext import bridge as bridge_module

    proc, port = reaper_process(bass_project())
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    call = bridge_module.DistantBridge.call

    def stall_before_the_write(self, name, *args):
        if name == "write_drum_track":
            proc.stall(3.0)
        return call(self, name, *args)

    monkeypatch.setattr(bridge_module.DistantBridge, "call", stall_before_the_write)
    assert main(["reaper", "drumify", "--port", str(port), "--timeout", "1"]) == 2
    line = (f"drumify gave up and changed nothing: REAPER did not answer within 1 s (a dialog open, a render, or "
            f"another program on port {port}: see --port). Close the dialog or let the render finish, then run "
            "drumify again")
    assert capsys.readouterr().err == f"reagroove: error: {line}\n"
    assert proc.exec("result = reaper.console_text()") == f"ReaGroove: {line}\n"
    assert remote_project(proc)["undo"] == [] and DistantBridge(port).call("drum_track_items")["track"] is None


def test_a_client_gone_while_reaper_was_stalled_is_no_server_error(reaper_process):
    """An engine that stopped waiting (or was stopped) while REAPER stalled leaves a connection REAPER accepts
    later: it is dropped without a word in the console, and the server goes on answering."""
    proc, port = reaper_process(bass_project())
    proc.stall(1.5)
    for _ in range(3):
        socket.create_connection(("127.0.0.1", port), timeout=1.0).close()
    time.sleep(2.0)
    assert DistantBridge(port).call("project_info")["play_state"] == 0
    assert proc.exec("result = reaper.console_text()") == ""
