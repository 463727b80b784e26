"""The REAPER extension against a simulated REAPER under the real reapy: inside mode and distant mode."""

import json
import socket
import time
import types
from pathlib import Path

import pytest
from fake_reaper import FakeReaperProcess, ProjectSpec, reapy_inside
from stub_model import StubModel

from reagroove.core.drummap import drum_map_from_dict
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge, ReaperError
from reagroove.reaper_ext.dock.host import DockedPanel

PURGE = ("reagroove.reaper_ext.server",)
SERVER_SCRIPT = Path(__file__).resolve().parent / "fake_reaper" / "start_reagroove_server.py"


def bass_project(*, bpm=100, tempo_change=None, n_notes=32, start_qn=4.0, timesig=(4, 4)):
    spec = ProjectSpec(bpm=bpm, timesig=timesig)
    if tempo_change:
        spec.tempo_marker(tempo_change[1], qn=tempo_change[0])
    bass = spec.add_track("Bass", selected=True)
    step = 16.0 / n_notes
    notes = [(k * step, step / 2, 40 + k % 5, 70 + k % 50) for k in range(n_notes)]  # QN from the item start
    spec.add_midi_item(bass, start_qn=start_qn, length_qn=16, selected=True, name="riff", notes=notes)
    spec.add_track("Keys")
    return spec


def engine():
    return Engine(StubModel())


def note_rows(rpr, item):
    take = rpr.RPR_GetActiveTake(item)
    n = rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]
    return [rpr.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)[5:10] for i in range(n)]


def test_drumify_selection_inside(tmp_path):
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        src = rpr.RPR_GetSelectedMediaItem(0, 0)
        before = note_rows(rpr, src)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(genre={"funk": 1}, seed=4))
        assert bridge.round_trips == 2
        assert res["created"] and res["written"] == 2
        # the drum track sits right under the bass, named, tagged
        drums = rpr.RPR_GetTrack(0, 1)
        assert rpr.RPR_GetTrackName(drums, "", 256)[2] == "ReaGroove Drums"
        assert rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, 2), "", 256)[2] == "Keys"
        items = bridge.call("drum_track_items")["items"]
        # aligned to the bar grid over the whole selection (bars 2-5 of 4/4)
        assert [(i["start_qn"], i["end_qn"]) for i in items] == [(4.0, 12.0), (12.0, 20.0)]
        assert all("funk 1.0" in i["name"] and "seed 4" in i["name"] for i in items)
        assert all(n[4] == 9 for i in items for n in i["notes"])  # channel 10
        kicks = sorted(n[0] for i in items for n in i["notes"] if n[2] == 36)
        # the stand-in model's kicks follow the groove, 0.05 of a step (0.0125 QN) late
        assert kicks[:4] == pytest.approx([4.0125, 4.5125, 5.0125, 5.5125], abs=1e-4)
        # the source is untouched; the whole action is one undo point that undo removes
        assert note_rows(rpr, src) == before
        assert s.reaper.undo_names == ["ReaGroove: drumify (Funk, seed 4)"]
        rpr.RPR_Undo_DoUndo2(0)
        assert rpr.RPR_CountTracks(0) == 2 and note_rows(rpr, rpr.RPR_GetSelectedMediaItem(0, 0)) == before


def test_tempo_changes_and_meter_are_respected():
    spec = bass_project(bpm=120, tempo_change=(8.0, 60), timesig=(4, 4))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        drums = rpr.RPR_GetTrack(0, 1)
        spans = []
        for i in range(rpr.RPR_CountTrackMediaItems(drums)):
            item = rpr.RPR_GetTrackMediaItem(drums, i)
            spans.append((rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION"), rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")))
        # QN 4 at 120 BPM = 2 s; QN 8 = 4 s, then 60 BPM: QN 12 = 8 s, QN 20 = 16 s
        assert spans == [(pytest.approx(2.0), pytest.approx(6.0)), (pytest.approx(8.0), pytest.approx(8.0))]


def test_edited_items_are_kept_unless_asked():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        eng = engine()
        actions.drumify_selection(bridge, eng, Settings())
        drums = rpr.RPR_GetTrack(0, 1)
        edited = rpr.RPR_GetTrackMediaItem(drums, 0)
        take = rpr.RPR_GetActiveTake(edited)
        rpr.RPR_MIDI_SetNote(take, 0, False, False, -1, -1, -1, 50, 127, False)  # the producer moves a note
        mine = note_rows(rpr, edited)
        res = actions.drumify_selection(bridge, eng, Settings(seed=9))
        assert res["written"] == 1 and res["kept_edited"] == [[4.0, 12.0]]
        # which bars kept their old drums, by the ruler (the edited item's bars), and why: as the producer did it
        assert [m for m in res["messages"] if "keep" in m] == [
            "bars 2-3 keep the drums they had: a drum item there was edited by you (move or delete it to redrum them)"]
        kept = [rpr.RPR_GetTrackMediaItem(drums, i) for i in range(rpr.RPR_CountTrackMediaItems(drums))]
        assert len(kept) == 2 and mine in [note_rows(rpr, i) for i in kept]
        res = actions.drumify_selection(bridge, eng, Settings(seed=9), overwrite_edited=True)
        assert res["written"] == 2 and rpr.RPR_CountTrackMediaItems(drums) == 2
        assert mine not in [note_rows(rpr, rpr.RPR_GetTrackMediaItem(drums, i)) for i in range(2)]


def test_variations_on_new_tracks_first_plays():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.variations_of_selection(bridge, engine(), Settings(seed=1), 3)
        assert bridge.round_trips == 2
        names = [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]
        assert names == ["Bass", "ReaGroove Var 1", "ReaGroove Var 2", "ReaGroove Var 3", "Keys"]
        mutes = [rpr.RPR_GetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, i), "B_MUTE") for i in (1, 2, 3)]
        assert mutes == [0.0, 1.0, 1.0]
        contents = {json.dumps(note_rows(rpr, rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, i), 0))) for i in (1, 2, 3)}
        assert len(contents) == 3
        item_names = [rpr.RPR_GetTakeName(rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, i), 0)))
                      for i in (1, 2, 3)]
        assert [n.rsplit(" · ", 1)[1] for n in item_names] == ["var 1", "var 2", "var 3"]  # told apart when arranging
        assert s.reaper.undo_names == ["ReaGroove: 3 variations"]
        # a second run: new names, and all muted, since Var 1 already plays (never two kits at once)
        res = actions.variations_of_selection(bridge, engine(), Settings(seed=2), 2)
        assert res["first_number"] == 4 and not res["first_plays"]
        tracks = [rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0))]
        playing = [rpr.RPR_GetTrackName(t, "", 256)[2] for t in tracks
                   if rpr.RPR_GetMediaTrackInfo_Value(t, "B_MUTE") == 0.0 and "ReaGroove" in rpr.RPR_GetTrackName(t, "", 256)[2]]
        names = [rpr.RPR_GetTrackName(t, "", 256)[2] for t in tracks]
        assert playing == ["ReaGroove Var 1"] and "ReaGroove Var 4" in names and "ReaGroove Var 5" in names


def test_user_drum_map_is_used_and_remembered_by_the_track():
    kit = drum_map_from_dict({"voices": {"kick": {"output": 24}, "snare": {"output": 26}}}, "kit.json")
    with reapy_inside(bass_project(), purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(), drum_map=kit)
        actions.drumify_selection(bridge, engine(), Settings(seed=5))  # no map given: the track's
        pitches = {n[2] for i in bridge.call("drum_track_items")["items"] for n in i["notes"]}
        assert 24 in pitches and 26 in pitches and not pitches & {36, 38}


def test_a_renamed_drum_track_is_still_the_one_drumify_writes_to():
    """The producer renames ReaGroove's drum track: the next drumify replaces the drums there, under their name,
    instead of adding a second drum track (variation tracks are never taken for it)."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.variations_of_selection(bridge, engine(), Settings(), 1)  # "ReaGroove Var 1" under the bass
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)
        assert rpr.RPR_GetTrackName(drums, "", 256)[2] == "ReaGroove Drums"
        rpr.RPR_GetSetMediaTrackInfo_String(drums, "P_NAME", "Kit (Sitala)", True)
        # the docked panel's live status counts the loops on it, by the same role
        assert DockedPanel._drum_items(types.SimpleNamespace(rpr=rpr)) == 2
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert not res["created"] and res["written"] == 2
        names = [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]
        assert names == ["Bass", "Kit (Sitala)", "ReaGroove Var 1", "Keys"]
        items = bridge.call("drum_track_items")["items"]
        assert rpr.RPR_CountTrackMediaItems(drums) == 2 and all("seed 2" in i["name"] for i in items)


def test_live_follow_writes_loops_ahead_of_the_play_cursor():
    spec = bass_project(bpm=120)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr, reaper = s.rpr, s.reaper
        rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_RECARM", 1)
        rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_RECINPUT", 4096 + (63 << 5))
        bridge = LocalBridge()
        follower = live_follow.LiveFollower(bridge, engine(), Settings())
        rpr.RPR_OnPlayButton()
        follower.poll()
        written_ahead = []
        for step in range(16 * 8):  # 16 bars at 120 BPM, 8 polls a bar
            qn = step / 2.0
            if step % 2 == 0:  # an 8th-note bass line played live
                reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=qn * 0.5)
            reaper.transport.advance(0.25)
            made = follower.poll()
            for sched in made:
                written_ahead.append(sched.boundary - sched.generated_at)
        rpr.RPR_OnStopButton()
        follower.poll()
        assert len(written_ahead) >= 14 and min(written_ahead) > 0  # every loop before its bar
        items = bridge.call("drum_track_items")["items"]
        assert len(items) == len(written_ahead)
        assert sorted(i["start_qn"] for i in items) == sorted({i["start_qn"] for i in items})  # one per bar
        kicks = [n for i in items for n in i["notes"] if n[2] == 36]
        assert kicks  # the played 8ths came through as kicks
        assert not follower.session.running  # transport stopped: the items stay, nothing more is written
        # playing again from bar 5: that bar gets its loop at once, from what the buffer remembers
        n_written = len(follower.written)
        rpr.RPR_SetEditCurPos(8.0, False, False)  # 8 s = QN 16 at 120 BPM
        rpr.RPR_OnPlayButton()
        follower.poll()
        assert [w.boundary for w in follower.written[n_written:]] == [16.0]
        items = bridge.call("drum_track_items")["items"]
        assert sorted(i["start_qn"] for i in items) == sorted({i["start_qn"] for i in items})  # still one per bar


def test_live_follow_with_nothing_armed_says_so_and_writes_no_empty_items():
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        rpr, reaper = s.rpr, s.reaper
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())  # drums already there (bars 2-5)
        before = bridge.call("drum_track_items")["items"]
        follower = live_follow.LiveFollower(bridge, engine(), Settings())
        follower.poll()
        rpr.RPR_SetEditCurPos(2.0, False, False)  # bar 2
        rpr.RPR_OnPlayButton()
        for _ in range(6 * 8):  # 6 bars, nothing armed, nothing heard
            reaper.transport.advance(0.25)
            follower.poll()
        rpr.RPR_OnStopButton()
        follower.poll()
        assert live_follow.NOTHING_ARMED in reaper.console_text()
        assert follower.written == [] and bridge.call("drum_track_items")["items"] == before  # nothing erased


# ---------------------------------------------------------------- distant mode


@pytest.fixture
def reaper_process():
    procs = []

    def make(spec, **kw):
        proc = FakeReaperProcess(spec, server="none", server_script=str(SERVER_SCRIPT), **kw)
        proc.start()
        procs.append(proc)
        deadline = time.monotonic() + 20
        while not proc.ext_state("reagroove", "server_port"):
            assert time.monotonic() < deadline, proc.log_text()
            time.sleep(0.05)
        return proc, int(proc.ext_state("reagroove", "server_port"))

    yield make
    for p in procs:
        p.close()


def test_distant_drumify_of_a_1000_note_item_in_few_round_trips(reaper_process):
    proc, port = reaper_process(bass_project(n_notes=1000))
    bridge = DistantBridge(port)
    res = actions.drumify_selection(bridge, engine(), Settings())
    assert res["written"] == 2
    assert bridge.round_trips <= 5  # counted REAPER-side too in test_reaper_distant.py
    items = bridge.call("drum_track_items")["items"]
    assert len(items) == 2 and all(i["notes"] for i in items)
    bridge.close()


def test_server_listens_on_loopback_only_and_refuses_other_callables(reaper_process, tmp_path):
    proc, port = reaper_process(bass_project())
    marker = tmp_path / "pwned"
    for module, name, args in [("os", "system", [f"touch {marker}"]), ("reapy", "Project", []),
                               ("reagroove.reaper_ext.reaper_side", "_r", [])]:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.settimeout(5)
        _read_frame(s)
        body = json.dumps({"function": {"__callable__": True, "module_name": module, "name": name},
                           "input": {"args": args, "kwargs": {}}}).encode()
        s.sendall(len(body).to_bytes(8, "little") + body)
        reply = json.loads(_read_frame(s))
        s.close()
        assert reply["type"] == "error" and "not a ReaGroove function" in reply["traceback"]
    assert not marker.exists()
    # bound to 127.0.0.1, not to every interface
    other = _non_loopback_address()
    if other:
        with pytest.raises(OSError):
            socket.create_connection((other, port), timeout=1)


def _read_frame(s):
    head = b""
    while len(head) < 8:
        head += s.recv(8 - len(head))
    n, data = int.from_bytes(head, "little"), b""
    while len(data) < n:
        data += s.recv(n - len(data))
    return data


def _non_loopback_address():
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outgoing interface
            addr = u.getsockname()[0]
        return None if addr.startswith("127.") else addr
    except OSError:
        return None


def test_no_reaper_and_stalled_reaper_fail_fast_with_one_line(reaper_process):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        unused = free.getsockname()[1]
    t0 = time.monotonic()
    with pytest.raises(ReaperError, match="REAPER is not answering"):
        DistantBridge(unused).call("project_info")
    assert time.monotonic() - t0 < 4
    proc, port = reaper_process(bass_project())
    bridge = DistantBridge(port, timeout=1.0)
    bridge.call("project_info")
    proc.stall(3.0)
    t0 = time.monotonic()
    with pytest.raises(ReaperError, match="did not answer within 1 s") as err:
        bridge.call("project_info")
    assert time.monotonic() - t0 < 2.5 and "\n" not in str(err.value)


@pytest.mark.parametrize("command", ["drumify", "variations", "set-pattern A"])
def test_reaper_actions_with_no_reaper_say_so_before_loading_the_network(command, monkeypatch, capsys):
    """`reagroove reaper drumify` with REAPER closed loaded torch and the network first (4 s on a laptop)
    before saying REAPER was not there; it says so before loading anything."""
    from reagroove.core.cli import main
    from reagroove.models import drummer

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        unused = free.getsockname()[1]
    loaded = []
    monkeypatch.setattr(drummer, "default_engine", lambda *a, **k: loaded.append(a) or Engine(StubModel()))
    assert main(["reaper", *command.split(), "--port", str(unused)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "REAPER is not answering" in err[0] and not loaded


def test_a_write_reported_as_failed_never_happens_later(reaper_process):
    """REAPER stalls (a modal dialog) just as drumify sends its write: the engine gives up after its timeout
    and says so; when REAPER comes back it must not write the drums the producer was told failed."""
    proc, port = reaper_process(bass_project())

    class StallBeforeWrite(DistantBridge):
        def call(self, name, *args):
            if name == "write_drum_track":
                proc.stall(3.0)
            return super().call(name, *args)

    with pytest.raises(ReaperError, match="did not answer within 1 s"):
        actions.drumify_selection(StallBeforeWrite(port, timeout=1.0), engine(), Settings())
    time.sleep(3.0)
    after = DistantBridge(port)
    assert after.call("drum_track_items")["track"] is None
    assert proc.exec("result = list(reaper.undo_names)") == []
    actions.drumify_selection(after, engine(), Settings())  # and the server still serves
    assert len(after.call("drum_track_items")["items"]) == 2


def test_dropped_connection_leaves_no_half_written_item(reaper_process):
    proc, port = reaper_process(bass_project())
    bridge = DistantBridge(port, timeout=2.0)
    sel = actions.read_selection(bridge)
    assert sel.content.notes.start.size == 32
    # REAPER closes every client socket (ReaGroove's server keeps listening)
    proc.exec("import gc\nfrom reagroove.reaper_ext.server import ReaGrooveServer\n"
              "for srv in [o for o in gc.get_objects() if isinstance(o, ReaGrooveServer)]:\n"
              "    for address in list(srv.connections):\n        srv.disconnect(address)\nresult = True")
    with pytest.raises(ReaperError):
        actions.drumify_selection(bridge, engine(), Settings())
    # a fresh connection sees either nothing written or whole items, never a partial one
    fresh = DistantBridge(port)
    items = fresh.call("drum_track_items")["items"]
    assert all(len(i["notes"]) > 0 for i in items)
    res = actions.drumify_selection(fresh, engine(), Settings())
    assert res["written"] == 2


def test_project_markers_and_regions_start_sections():
    """A marker at bar 5 and a region from bar 9: the bar before each ends in a fill, each opens with
    a crash; in variations too. Nothing else crashes but the opening."""
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass", selected=True)
    spec.add_midi_item(bass, start_qn=0, length_qn=48, selected=True, name="riff",  # 12 bars
                       notes=[(k * 0.5, 0.25, 40 + k % 5, 80) for k in range(96)])
    spec.add_marker(16.0, "verse").add_marker(31.95, "chorus", region_end_qn=48.0)
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        info = bridge.call("read_selected_items")
        assert info["sections"] == pytest.approx([16.0, 31.95])
        actions.drumify_selection(bridge, engine(), Settings())
        notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
        assert sorted(round(n[0]) for n in notes if n[2] == 49) == [0, 16, 32]
        toms = sorted(n[0] for n in notes if n[2] == 43)  # the stand-in model's fill is a tom roll
        assert toms and all(14 <= t < 16 or 30 <= t < 32 for t in toms)
        actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2)


def test_the_drumify_action_tells_the_console_what_the_producer_should_know(tmp_path, monkeypatch):
    """The REAPER command prints its notes (here: the meter the drums follow) under 'wrote N drum items'."""
    pytest.importorskip("torch")
    from reagroove.core.cli import build_parser
    from reagroove.reaper_ext import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    with reapy_inside(bass_project(timesig=(3, 4)), purge=PURGE) as s:
        args = build_parser("reaper").parse_args(["reaper", "drumify"])
        assert commands._run(args, LocalBridge()) == 0
        console = s.reaper.console_text()
        assert "ReaGroove: wrote 3 drum items" in console  # 16 beats of 3/4: bars of 2-bar windows
        assert "\n  note: music in 3/4: the drums follow its bars" in console


def test_drumifying_part_of_earlier_drums_replaces_only_that_part():
    """Drums for bars 1-8, then for an item over bars 4-5 only: bars 3 and 6 keep their drums (the 2-bar
    items the new one overlaps are cut at its edges, not deleted whole), in one undo point."""
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass", selected=True)
    spec.add_midi_item(bass, start_qn=0, length_qn=32, selected=True, name="verse",
                       notes=[(k * 0.5, 0.25, 40, 90) for k in range(64)])
    keys = spec.add_track("Keys")
    spec.add_midi_item(keys, start_qn=12, length_qn=8, name="stab", notes=[(q, 0.25, 60, 90) for q in (0, 1.5, 3, 4)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        before = {n[0]: n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]}
        rpr.RPR_SelectAllMediaItems(0, False)
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 2), 0), True)
        actions.drumify_selection(bridge, engine(), Settings(seed=3))
        items = bridge.call("drum_track_items")["items"]
        spans = sorted((i["start_qn"], i["end_qn"]) for i in items)
        assert spans == [(0.0, 8.0), (8.0, 12.0), (12.0, 20.0), (20.0, 24.0), (24.0, 32.0)]
        after = {n[0]: n for i in items for n in i["notes"]}
        outside = [q for q in before if not 12.0 <= q < 20.0]
        assert outside and all(after[q] == before[q] for q in outside)  # bars 3 and 6 sound as before
        assert all(not 12.0 <= q < 20.0 or q in after for q in after)
        assert s.reaper.undo_names[-1] == "ReaGroove: drumify (seed 3)" and len(s.reaper.undo_names) == 2
        rpr.RPR_Undo_DoUndo2(0)
        assert sorted((i["start_qn"], i["end_qn"]) for i in bridge.call("drum_track_items")["items"]) == \
            [(0.0, 8.0), (8.0, 16.0), (16.0, 24.0), (24.0, 32.0)]


def test_drums_end_where_the_selection_ends():
    """A 3-bar part gets 3 bars of drums: the last 2-bar loop is cut at the item's end, for drumify and
    for variations."""
    with reapy_inside(bass_project(n_notes=24), purge=PURGE) as s:
        rpr = s.rpr
        item = rpr.RPR_GetSelectedMediaItem(0, 0)
        rpr.RPR_SetMediaItemInfo_Value(item, "D_LENGTH", 12 * 60 / 100)  # QN 4-16: bars 2-4
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        items = bridge.call("drum_track_items")["items"]
        assert [(i["start_qn"], i["end_qn"]) for i in items] == [(4.0, 12.0), (12.0, 16.0)]
        assert max(n[0] for i in items for n in i["notes"]) < 16.0
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        var = bridge.call("drum_track_items", "ReaGroove Var 1")["items"]
        assert [(i["start_qn"], i["end_qn"]) for i in var] == [(4.0, 12.0), (12.0, 16.0)]


def _live_follow_playing(reaper_process):
    """REAPER playing a bass track armed for live input, with `reagroove reaper live` following it in a thread:
    (proc, the thread, its outcome {"rc": ...} once it ends, a deadline a minute ahead)."""
    import threading

    from reagroove.core.cli import build_parser
    from reagroove.reaper_ext import commands

    proc, port = reaper_process(bass_project(bpm=120), tick=0.01)
    proc.exec('bass = rpr.RPR_GetTrack(0, 0)\nrpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)\n'
              'rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))\n'
              'rpr.RPR_SetExtState("reagroove", "live", "on", False)\nresult = True')
    proc.schedule_input([(q * 0.25, bytes([0x90, 40, 100])) for q in range(80)])
    args = build_parser("reaper").parse_args(["reaper", "live", "--port", str(port), "--timeout", "1"])
    outcome = {}
    follow = threading.Thread(target=lambda: outcome.update(rc=commands.run_reaper(args)), daemon=True)
    follow.start()
    deadline = time.monotonic() + 60
    while "live follow on" not in proc.exec("result = reaper.console_text()"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    proc.exec("rpr.RPR_OnPlayButton()\nresult = True")
    return proc, follow, outcome, deadline


def test_live_follow_outlasts_a_stalled_reaper_and_ends_with_its_undo_point(reaper_process, tmp_path, monkeypatch):
    """A dialog opened while playing stalls REAPER past the engine's timeout: live follow waits and goes on,
    and when it is turned off the take is one undo point and the toggle is off."""
    pytest.importorskip("torch")
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    proc, follow, outcome, deadline = _live_follow_playing(reaper_process)
    for _ in range(12):
        proc.advance(0.25)
        time.sleep(0.1)
    proc.stall(2.5)  # longer than the engine's 1 s timeout
    for _ in range(12):
        proc.advance(0.25)
        time.sleep(0.1)
    proc.exec('rpr.RPR_OnStopButton()\nrpr.RPR_SetExtState("reagroove", "live", "off", False)\nresult = True')
    follow.join(30)
    assert outcome.get("rc") == 0
    state = proc.exec("result = {'undo': list(reaper.undo_names), 'console': reaper.console_text(), "
                      "'items': rpr.RPR_CountTrackMediaItems(rpr.RPR_GetTrack(0, 1))}")
    assert state["undo"] == ["ReaGroove: live follow"] and state["items"] >= 3
    assert "live follow off" in state["console"]


def test_live_follow_given_up_on_a_stalled_reaper_still_makes_its_take_one_undo_point(reaper_process, tmp_path,
                                                                                        monkeypatch):
    """REAPER stalls longer than live follow waits: follow stops, and once REAPER answers the bars it wrote are
    one undo point (not folded into whatever the producer does next)."""
    pytest.importorskip("torch")
    from reagroove.reaper_ext import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    monkeypatch.setattr(commands, "LIVE_STALL_WAIT_S", 0.5)
    proc, follow, outcome, deadline = _live_follow_playing(reaper_process)
    while proc.exec("result = rpr.RPR_CountTracks(0) > 2 and rpr.RPR_CountTrackMediaItems(rpr.RPR_GetTrack(0, 1))") < 2:
        assert time.monotonic() < deadline
        proc.advance(0.25)
        time.sleep(0.1)
    proc.stall(4.0)  # past the engine's 1 s timeout and live follow's patience
    follow.join(60)
    assert not follow.is_alive()
    state = proc.exec("result = {'undo': list(reaper.undo_names), 'console': reaper.console_text(), "
                      "'live': rpr.RPR_GetExtState('reagroove', 'live')}")
    assert state["undo"] == ["ReaGroove: live follow"]
    assert "live follow stopped: REAPER stopped answering" in state["console"] and state["live"] == "off"


def test_setting_pattern_a_in_reaper_does_not_change_later_drumify_until_follow_is_lowered(tmp_path, monkeypatch):
    pytest.importorskip("torch")
    from reagroove.core.cli import build_parser
    from reagroove.reaper_ext import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    parse = build_parser("reaper").parse_args
    with reapy_inside(bass_project(), purge=PURGE):
        bridge = LocalBridge()

        def drums(*extra):
            assert commands._run(parse(["reaper", "drumify", "--overwrite-edited", *extra]), bridge) == 0
            return [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]

        before = drums()
        assert commands._run(parse(["reaper", "set-pattern", "A"]), LocalBridge()) == 0
        assert drums() == before  # the pattern waits on the pad
        assert drums("--follow", "0") != before  # and is there when follow asks for it


def test_variations_say_what_drumify_says_of_the_part():
    """Version 1 of Variations is Drumify's part, and the producer auditioning versions is told what Drumify
    tells (a tempo change starting a section, hats thinned at a fast tempo): its report had none of it."""
    said = {}
    for action in ("drumify", "variations"):
        with reapy_inside(bass_project(bpm=160, tempo_change=(12.0, 200), n_notes=64), purge=PURGE):
            bridge = LocalBridge()
            res = (actions.drumify_selection(bridge, engine(), Settings()) if action == "drumify" else
                   actions.variations_of_selection(bridge, engine(), Settings(), 2))
            said[action] = res["messages"]
    assert any("tempo change" in m for m in said["drumify"]), said["drumify"]
    assert [m for m in said["drumify"] if "keep" not in m] == said["variations"]
