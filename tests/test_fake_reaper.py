"""The simulated REAPER works under the real, unmodified reapy, inside and distant."""

from __future__ import annotations

import configparser
import ctypes
import re
import struct
import time
import urllib.error
import urllib.request

import pytest

from fake_reaper import (
    PPQ, FakeReaperProcess, ProjectSpec, distant_reapy, reapy_inside, remote_demo, start_local_server,
    unpack_buffer,
)
from fake_reaper import fake_inside, fake_reaper_process  # noqa: F401  (pytest fixtures)

POINTER = re.compile(r"^\((MediaTrack|MediaItem|MediaItem_Take|ReaProject)\*\)0x[0-9A-F]{16}$")

CT_GET_ALL = ctypes.CFUNCTYPE(ctypes.c_byte, ctypes.c_uint64, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int))
CT_SET_ALL = ctypes.CFUNCTYPE(ctypes.c_byte, ctypes.c_uint64, ctypes.c_char_p, ctypes.c_int)
# int MIDI_GetRecentInputEvent(int idx, char* buf, int* buf_sz, int* ts, int* devIdx, double* projPos, int* projLoopCnt)
CT_RECENT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                             ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int),
                             ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_int))


def song():
    """Two tracks, a tempo change (120 -> 90 bpm and 4/4 -> 3/4 at bar 3), two bass items."""
    spec = ProjectSpec(bpm=120, timesig=(4, 4))
    spec.tempo_marker(90, measure=2, timesig=(3, 4))
    bass = spec.add_track("Bass", armed=True, selected=True)
    spec.add_track("Keys")
    spec.add_midi_item(bass, start_qn=0, length_qn=8, selected=True, name="bass A",
                       notes=[(0, 0.5, 36, 100), (1, 0.5, 38, 90), (1, 0.25, 42, 70, 9)])
    spec.add_midi_item(bass, start_qn=11, length_qn=3, notes=[(0, 1, 40, 80)])
    return spec


def test_rpr_functions_follow_reapers_calling_conventions():
    with reapy_inside(song()) as s:
        rpr = s.rpr
        tr = rpr.RPR_GetTrack(0, 0)
        assert POINTER.match(tr)
        assert rpr.RPR_GetTrack(0, 5) == "(MediaTrack*)0x0000000000000000"  # NULL
        # output arguments: (retval, *all arguments) with the outputs filled in
        assert rpr.RPR_GetTrackName(tr, "", 64) == (1, tr, "Bass", 64)
        assert rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, 1), "", 64)[2] == "Keys"
        assert rpr.RPR_GetSetMediaTrackInfo_String(tr, "P_EXT:reagroove", "drums", True)[0] == 1
        assert rpr.RPR_GetSetMediaTrackInfo_String(tr, "P_EXT:reagroove", "", False)[3] == "drums"
        assert rpr.RPR_GetSetMediaTrackInfo_String(tr, "P_EXT:missing", "", False)[0] == 0
        # no output arguments: the plain return value; bools come back as 0/1
        assert rpr.RPR_GetMediaTrackInfo_Value(tr, "I_RECARM") == 1.0
        assert rpr.RPR_GetMediaTrackInfo_Value(tr, "IP_TRACKNUMBER") == 1.0
        assert rpr.RPR_SetMediaTrackInfo_Value(tr, "B_MUTE", 1) == 1
        assert rpr.RPR_SetMediaTrackInfo_Value(tr, "IP_TRACKNUMBER", 3) == 0  # read-only
        assert rpr.RPR_CountSelectedTracks(0) == 1 and rpr.RPR_GetSelectedTrack(0, 0) == tr
        item = rpr.RPR_GetSelectedMediaItem(0, 0)
        assert rpr.RPR_GetMediaItemTrack(item) == tr and rpr.RPR_IsMediaItemSelected(item) == 1
        take = rpr.RPR_GetActiveTake(item)
        assert rpr.RPR_GetMediaItemTake_Item(take) == item and rpr.RPR_TakeIsMIDI(take) == 1
        assert rpr.RPR_GetTakeName(take) == "bass A"
        assert rpr.RPR_MIDI_CountEvts(take, 0, 0, 0) == (3, take, 3, 0, 0)
        # MIDI_GetNote: ticks at 960 per quarter note
        assert rpr.RPR_MIDI_GetNote(take, 1, 0, 0, 0, 0, 0, 0, 0) == (1, take, 1, 0, 0, 960.0, 1440.0, 0, 38, 90)
        new = rpr.RPR_CreateNewMIDIItemInProj(tr, 1.0, 2.0, 0)
        assert POINTER.match(new[0]) and new[1:] == (tr, 1.0, 2.0, 0)
        assert rpr.RPR_CountTrackMediaItems(tr) == 3
        assert rpr.RPR_GetTrackMediaItem(tr, 1) == new[0]  # items ordered by position
        assert rpr.RPR_DeleteTrackMediaItem(tr, new[0]) == 1
        assert rpr.RPR_ValidatePtr2(0, new[0], "MediaItem*") == 0
        assert rpr.RPR_ValidatePtr2(0, item, "MediaItem*") == 1
        assert rpr.RPR_GetAppVersion() == "7.27/linux-x86_64"
        assert rpr.RPR_GetResourcePath() == s.reaper.resource_path
        assert rpr.RPR_EnumProjects(-1, "", 512)[0] == s.reapy.Project().id
        assert rpr.RPR_GetSetMediaItemInfo_String(item, "P_NOTES", "groove", True)[0] == 1
        assert rpr.RPR_GetSetMediaItemInfo_String(item, "P_NOTES", "", False)[3] == "groove"
        # a ctypes-level function table like REAPER's: name -> C function address
        assert isinstance(rpr._ft["GetTrack"], int) and rpr.rpr_getfp("GetTrack") == rpr._ft["GetTrack"]
        with pytest.raises(TypeError):
            rpr.RPR_GetTrack(0)  # wrong number of arguments, as with REAPER's wrappers


def test_reapy_runs_inside_on_the_simulation():
    with reapy_inside(song()) as s:
        reapy = s.reapy
        assert reapy.is_inside_reaper()
        project = reapy.Project()
        assert project.n_tracks == 2 and [t.name for t in project.tracks] == ["Bass", "Keys"]
        assert project.bpm == 120.0 and project.time_signature == (120.0, 4.0)
        bass = project.tracks[0]
        assert bass.is_selected and bass.n_items == 2
        item = project.selected_items[0]
        assert item.position == 0.0 and item.length == pytest.approx(4.0)  # 8 QN at 120 bpm
        take = item.active_take
        assert take.is_midi and take.name == "bass A" and take.n_notes == 3
        infos = [n.infos for n in take.notes]
        assert [(i["pitch"], i["velocity"], i["channel"]) for i in infos] == [(36, 100, 0), (38, 90, 0), (42, 70, 9)]
        assert infos[1]["start"] == pytest.approx(0.5) and infos[1]["end"] == pytest.approx(0.75)
        # the second item lies after the tempo change: 11 QN = 8 QN at 120 + 3 QN at 90 bpm
        late = bass.items[1]
        assert late.position == pytest.approx(4.0 + 2.0)
        assert late.active_take.notes[0].infos["end"] == pytest.approx(6.0 + 60 / 90)
        take.add_note(1.0, 1.25, 45, velocity=64, unit="seconds")
        assert take.n_notes == 4 and take.notes[3].infos["pitch"] == 45  # sorted by start
        new = project.add_track(name="ReaGroove Drums")
        assert project.n_tracks == 3 and new.name == "ReaGroove Drums"
        reapy.print("hello from reapy")
        assert s.reaper.console_text() == "hello from reapy\n"


def test_tempo_map_functions_agree():
    with reapy_inside(song()) as s:
        rpr = s.rpr
        assert rpr.RPR_CountTempoTimeSigMarkers(0) == 1
        # (retval, proj, idx, timepos, measurepos, beatpos, bpm, num, den, linear)
        assert rpr.RPR_GetTempoTimeSigMarker(0, 0, 0, 0, 0, 0, 0, 0, 0) == (1, 0, 0, 4.0, 2, 0.0, 90.0, 3, 4, 0)
        for t in (0.0, 1.3, 3.99, 4.0, 5.1, 9.75):
            qn = rpr.RPR_TimeMap2_timeToQN(0, t)
            assert rpr.RPR_TimeMap2_QNToTime(0, qn) == pytest.approx(t)
            assert rpr.RPR_TimeMap_timeToQN(t) == pytest.approx(qn)
            assert rpr.RPR_TimeMap_QNToTime(qn) == pytest.approx(t)
        assert rpr.RPR_TimeMap2_timeToQN(0, 5.0) == pytest.approx(8 + 1.5)
        # TimeMap2_timeToBeats -> (beats in measure, proj, t, measure, num, full beats, den)
        assert rpr.RPR_TimeMap2_timeToBeats(0, 3.0, 0, 0, 0, 0) == (2.0, 0, 3.0, 1, 4, 6.0, 4)
        beats = rpr.RPR_TimeMap2_timeToBeats(0, 6.0, 0, 0, 0, 0)
        assert beats[0] == pytest.approx(0.0) and beats[3:5] == (3, 3)  # bar 4 (index 3) in 3/4
        assert rpr.RPR_TimeMap2_beatsToTime(0, 1.0, 3)[0] == pytest.approx(6.0 + 60 / 90)
        assert rpr.RPR_TimeMap_GetTimeSigAtTime(0, 5.0, 0, 0, 0) == (0, 5.0, 3, 4, 90.0)
        assert rpr.RPR_TimeMap_GetMeasureInfo(0, 3, 0, 0, 0, 0, 0)[:5] == (6.0, 0, 3, 11.0, 14.0)
        rpr.RPR_SetEditCurPos(5.0, False, False)
        assert rpr.RPR_Master_GetTempo() == 90.0
        take = rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 1))
        assert rpr.RPR_MIDI_GetPPQPosFromProjQN(take, 12.5) == pytest.approx(1.5 * PPQ)
        assert rpr.RPR_MIDI_GetProjQNFromPPQPos(take, 480) == pytest.approx(11.5)
        t = rpr.RPR_MIDI_GetProjTimeFromPPQPos(take, 480)
        assert t == pytest.approx(4.0 + 3.5 * 60 / 90)
        assert rpr.RPR_MIDI_GetPPQPosFromProjTime(take, t) == pytest.approx(480)
        assert s.reapy.Project().time_to_beats(5.0) == pytest.approx(9.5)
        # a new marker given by measure/beat moves everything after it
        assert rpr.RPR_SetTempoTimeSigMarker(0, -1, -1, 4, 0, 60.0, 0, 0, 0) == 1
        assert rpr.RPR_CountTempoTimeSigMarkers(0) == 2
        assert rpr.RPR_GetTempoTimeSigMarker(0, 1, 0, 0, 0, 0, 0, 0, 0)[3:9] == (8.0, 4, 0.0, 60.0, 0, 0)
        assert rpr.RPR_TimeMap2_QNToTime(0, 15.0) == pytest.approx(8.0 + 1.0)


def _take_ptr(rpr, take):
    return rpr.rpr_packp("MediaItem_Take*", take)


def _get_all_evts(rpr, take):
    get = CT_GET_ALL(rpr.rpr_getfp("MIDI_GetAllEvts"))
    buf, size = ctypes.create_string_buffer(1 << 20), ctypes.c_int(1 << 20)
    assert get(_take_ptr(rpr, take), buf, ctypes.byref(size)) == 1
    return buf.raw[: size.value]


def test_packed_event_buffer_round_trips_at_the_ctypes_level():
    with reapy_inside(song()) as s:
        rpr = s.rpr
        take = rpr.RPR_GetActiveTake(rpr.RPR_GetSelectedMediaItem(0, 0))
        data = _get_all_evts(rpr, take)
        # { int32 offset, uint8 flag, int32 msglen, msg } with tick offsets from the previous event
        assert struct.unpack_from("<iBi", data, 0) == (0, 0, 3) and data[9:12] == bytes((0x90, 36, 100))
        events = unpack_buffer(data)
        assert [e[0] for e in events] == [0, 480, 960, 960, 1200, 1440, 8 * PPQ]
        assert events[-1][2] == bytes((0xB0, 0x7B, 0))  # REAPER's end-of-source all-notes-off
        set_all = CT_SET_ALL(rpr.rpr_getfp("MIDI_SetAllEvts"))
        assert set_all(_take_ptr(rpr, take), data, len(data)) == 1
        assert _get_all_evts(rpr, take) == data
        # transpose every note up a fifth through the buffer, selected flag on the first note
        out = bytearray()
        last = 0
        for pos, flags, msg in events:
            if msg[0] & 0xE0 == 0x80:
                msg = bytes((msg[0], msg[1] + 7, msg[2]))
            if pos == 0:
                flags |= 1
            out += struct.pack("<iBi", pos - last, flags, len(msg)) + msg
            last = pos
        assert set_all(_take_ptr(rpr, take), bytes(out), len(out)) == 1
        assert rpr.RPR_MIDI_GetNote(take, 0, 0, 0, 0, 0, 0, 0, 0)[3:] == (1, 0, 0.0, 480.0, 0, 43, 100)
        assert [rpr.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)[8] for i in range(3)] == [43, 45, 49]
        assert set_all(_take_ptr(rpr, take), b"\x00\x00", 2) == 0  # malformed: refused, take unchanged
        assert rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2] == 3
        s.reaper.errors.clear()
        # REAPER's stock wrappers cannot carry this binary buffer: decoding stops at the first NUL
        # byte (or fails on bytes >= 0x80), so production code must call these at the ctypes level.
        assert rpr.RPR_MIDI_GetAllEvts(take, "", 1 << 20)[2] == ""


def test_midi_hash_changes_when_notes_change():
    with reapy_inside(song()) as s:
        rpr = s.rpr
        take = rpr.RPR_GetActiveTake(rpr.RPR_GetSelectedMediaItem(0, 0))
        h1 = rpr.RPR_MIDI_GetHash(take, True, "", 64)
        assert h1[0] == 1 and re.fullmatch(r"[0-9a-f]{32}", h1[3])
        assert rpr.RPR_MIDI_GetHash(take, True, "", 64)[3] == h1[3]
        assert s.reapy.Take(take).midi_hash(notes_only=True) == h1[3]
        rpr.RPR_MIDI_SetNote(take, 0, 0, 0, 0.0, 480.0, 0, 36, 101, 0)
        assert rpr.RPR_MIDI_GetHash(take, True, "", 64)[3] != h1[3]


def test_undo_points_keep_the_states_they_were_made_with_and_an_undone_point_is_the_next_redo():
    with reapy_inside(song()) as s:
        rpr, project = s.rpr, s.reaper.project
        tr = rpr.RPR_GetTrack(0, 0)
        rpr.RPR_SetMediaTrackInfo_Value(tr, "B_MUTE", 1)
        rpr.RPR_Undo_OnStateChange2(0, "items only")  # REAPER: "limited state change to items"
        rpr.RPR_SetMediaTrackInfo_Value(tr, "B_MUTE", 0)
        rpr.RPR_Undo_OnStateChangeEx2(0, "everything", -1, -1)
        rpr.RPR_Undo_BeginBlock2(0)
        rpr.RPR_SetMediaTrackInfo_Value(tr, "B_MUTE", 1)
        rpr.RPR_Undo_EndBlock2(0, "track config", 1)
        assert s.reaper.undo_names == ["items only", "everything", "track config"]
        assert project.undo_flags == [4, -1, 1]
        assert rpr.RPR_Undo_DoUndo2(0) == 1 and rpr.RPR_Undo_CanRedo2(0) == "track config"
        assert rpr.RPR_Undo_DoRedo2(0) == 1 and project.undo_flags == [4, -1, 1]
        rpr.RPR_Undo_DoUndo2(0)
        rpr.RPR_SetMediaTrackInfo_Value(tr, "B_MUTE", 1)
        rpr.RPR_Undo_OnStateChange2(0, "new edit")  # a new point: the redo is gone
        assert project.can_redo() is None and s.reaper.undo_names == ["items only", "everything", "new edit"]


def test_undo_blocks_make_one_point_each_and_undo_restores():
    with reapy_inside(song()) as s:
        rpr, reaper = s.rpr, s.reaper
        tr = rpr.RPR_GetTrack(0, 0)
        before = reaper.project.to_dict()
        rpr.RPR_PreventUIRefresh(1)
        rpr.RPR_Undo_BeginBlock2(0)
        rpr.RPR_Undo_BeginBlock()  # nested: still one point
        rpr.RPR_InsertTrackAtIndex(2, True)
        drums = rpr.RPR_GetTrack(0, 2)
        rpr.RPR_GetSetMediaTrackInfo_String(drums, "P_NAME", "ReaGroove Drums", True)
        item = rpr.RPR_CreateNewMIDIItemInProj(drums, 0.0, 4.0, 0)[0]
        take = rpr.RPR_GetActiveTake(item)
        for i in range(16):
            rpr.RPR_MIDI_InsertNote(take, False, False, i * 240.0, i * 240.0 + 120, 9, 42, 90, True)
        rpr.RPR_MIDI_Sort(take)
        rpr.RPR_Undo_EndBlock("inner", -1)
        rpr.RPR_Undo_EndBlock2(0, "ReaGroove: drumify", -1)
        rpr.RPR_PreventUIRefresh(-1)
        assert reaper.undo_names == ["ReaGroove: drumify"] and reaper.ui_refresh_depth == 0
        assert rpr.RPR_Undo_CanUndo2(0) == "ReaGroove: drumify"
        with reapy_undo(s.reapy, "second"):
            rpr.RPR_SetMediaTrackInfo_Value(tr, "B_MUTE", 1)
        assert reaper.undo_names == ["ReaGroove: drumify", "second"]
        assert rpr.RPR_Undo_DoUndo2(0) == 1
        assert rpr.RPR_GetMediaTrackInfo_Value(tr, "B_MUTE") == 0.0 and rpr.RPR_CountTracks(0) == 3
        assert rpr.RPR_Undo_DoUndo2(0) == 1
        assert reaper.project.to_dict()["tracks"] == before["tracks"]
        assert rpr.RPR_ValidatePtr2(0, item, "MediaItem*") == 0
        assert rpr.RPR_Undo_DoUndo2(0) == 0
        with pytest.raises(AttributeError):  # REAPER returns NULL: the stock wrapper fails, reapy relies on it
            rpr.RPR_Undo_CanUndo2(0)
        assert rpr.RPR_Undo_DoRedo2(0) == 1 and rpr.RPR_CountTracks(0) == 3


def reapy_undo(reapy, name):
    return reapy.undo_block(name)


def test_recent_input_fails_in_the_stock_wrapper_but_not_at_the_ctypes_level():
    with reapy_inside(song()) as s:
        rpr, reaper = s.rpr, s.reaper
        reaper.input.feed(bytes((0x90, 60, 100)), proj_pos=1.25, dev=2)
        reaper.input.feed(bytes((0x80, 60, 0)), proj_pos=1.5, dev=2)
        with pytest.raises(UnicodeDecodeError):  # REAPER's wrapper decodes the note bytes as UTF-8
            rpr.RPR_MIDI_GetRecentInputEvent(0, "", 64, 0, 0, 0, 0)
        recent = CT_RECENT(rpr.rpr_getfp("MIDI_GetRecentInputEvent"))

        def read(idx):
            buf, size = ctypes.create_string_buffer(64), ctypes.c_int(64)
            ts, dev, pos, loop = ctypes.c_int(), ctypes.c_int(), ctypes.c_double(), ctypes.c_int()
            seq = recent(idx, buf, ctypes.byref(size), ctypes.byref(ts), ctypes.byref(dev), ctypes.byref(pos),
                         ctypes.byref(loop))
            return seq, buf.raw[: size.value], dev.value, pos.value

        assert read(0) == (2, bytes((0x80, 60, 0)), 2, 1.5)  # most recent first; latches the list
        assert read(1) == (1, bytes((0x90, 60, 100)), 2, 1.25)
        assert read(2)[0] == 0
        # scripted input at project positions arrives while the transport plays past them
        reaper.input.schedule([(2.0, bytes((0x99, 36, 110))), (2.5, bytes((0x99, 38, 90)))])
        rpr.RPR_SetEditCurPos(1.8, False, False)
        rpr.RPR_OnPlayButton()
        assert rpr.RPR_GetPlayState() == 1
        reaper.transport.advance(0.3)
        assert rpr.RPR_GetPlayPosition() == pytest.approx(2.1)
        seq, msg, _dev, pos = read(0)
        assert (seq, msg, pos) == (3, bytes((0x99, 36, 110)), 2.0)
        reaper.transport.advance(0.5)
        assert read(0)[1:] == (bytes((0x99, 38, 90)), 0, 2.5) and read(1)[0] == 3
        rpr.RPR_OnStopButton()
        assert rpr.RPR_GetPlayState() == 0


def test_defer_atexit_and_ext_state(tmp_path):
    with reapy_inside(song(), resource_path=str(tmp_path)) as s:
        rpr, reaper, reapy = s.rpr, s.reaper, s.reapy
        with pytest.raises(TypeError):
            rpr.RPR_defer(print)  # REAPER's Python defer takes a string of code
        rpr.RPR_defer("RPR_ShowConsoleMsg('tick')")
        assert reaper.console_text() == ""
        reaper.run_deferred()
        assert reaper.console_text() == "tick"
        calls = []

        def loop(n):
            calls.append(n)
            if n < 3:
                reapy.defer(loop, n + 1)

        reapy.at_exit(calls.append, "exit")
        loop(0)
        reaper.start_defer_thread(0.005)
        deadline = time.monotonic() + 5
        while "exit" not in calls and time.monotonic() < deadline:
            time.sleep(0.01)
        reaper.stop_defer_thread()
        assert calls == [0, 1, 2, 3, "exit"]
        reapy.set_ext_state("reagroove", "port", "4711", persist=True)
        assert rpr.RPR_GetExtState("reagroove", "port") == "4711" and rpr.RPR_HasExtState("reagroove", "port") == 1
        ini = configparser.ConfigParser()
        ini.read(tmp_path / "reaper-extstate.ini")
        assert ini["reagroove"]["port"] == "4711"
        rpr.RPR_DeleteExtState("reagroove", "port", True)
        assert rpr.RPR_GetExtState("reagroove", "port") == "" and rpr.RPR_HasExtState("reagroove", "port") == 0
        assert rpr.RPR_SetProjExtState(0, "reagroove", "settings", "{}") == 1
        assert rpr.RPR_GetProjExtState(0, "reagroove", "settings", "", 256)[4] == "{}"


def test_actions_and_reascripts(tmp_path):
    script = tmp_path / "hello.py"
    script.write_text("RPR_ShowConsoleMsg('script ran')\n")
    with reapy_inside(song(), resource_path=str(tmp_path)) as s:
        rpr = s.rpr
        cmd = rpr.RPR_AddRemoveReaScript(True, 0, str(script), True)
        assert cmd > 0 and rpr.RPR_AddRemoveReaScript(True, 0, str(tmp_path / "missing.py"), True) == 0
        named = rpr.RPR_ReverseNamedCommandLookup(cmd)
        assert named.startswith("RS") and rpr.RPR_NamedCommandLookup("_" + named) == cmd
        assert "SCR 4 0 %s" % named in (tmp_path / "reaper-kb.ini").read_text()
        rpr.RPR_Main_OnCommand(cmd, 0)
        rpr.RPR_Main_OnCommand(40289, 0)  # Item: unselect all items
        assert s.reaper.console_text() == "script ran"
        assert [c[0] for c in s.reaper.commands] == [cmd, 40289] and rpr.RPR_CountSelectedMediaItems(0) == 0


def test_stale_pointers_are_reported():
    with reapy_inside(song(), check=False) as s:
        rpr = s.rpr
        tr = rpr.RPR_GetTrack(0, 0)
        item = rpr.RPR_GetTrackMediaItem(tr, 0)
        rpr.RPR_DeleteTrackMediaItem(tr, item)
        # reapy replaces rpr_packp with a version that does not validate pointers, as in REAPER
        assert rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION") == 0.0
        assert s.problems() and "GetMediaItemInfo_Value" in s.problems()[0]


def test_fixture_factory_gives_a_clean_session(fake_inside):  # noqa: F811
    s = fake_inside(song())
    assert s.reapy.Project().n_tracks == 2 and s.rpr.RPR_CountMediaItems(0) == 2


def test_distant_reapy_goes_through_the_real_server_socket(fake_reaper_process):  # noqa: F811
    proc = fake_reaper_process(song(), tick=0.01)
    with distant_reapy(proc) as reapy:
        assert not reapy.is_inside_reaper() and reapy.dist_api_is_enabled()
        proc.reset_stats()
        assert reapy.Project().n_tracks == 2
        stats = proc.stats()
        assert stats["round_trips"] == 2 and stats["log"] == ["reapy.reascript_api:EnumProjects",
                                                               "reapy.reascript_api:CountTracks"]
        proc.reset_stats()
        with reapy.inside_reaper():  # HOLD ... RELEASE: no defer waits, but still one request per call
            notes = [n.infos["pitch"] for n in reapy.Project().tracks[0].items[0].active_take.notes]
        assert notes == [36, 38, 42]
        stats = proc.stats()
        assert stats["log"][0] == "HOLD" and stats["log"][-1] == "RELEASE" and stats["round_trips"] > 5
        # one request naming a function importable inside REAPER runs all the work there
        from reapy.tools.network import machines
        proc.reset_stats()
        got = machines.get_selected_client().request(remote_demo.selected_notes, {"args": [], "kwargs": {}})
        assert got == [[0.0, [[0.0, 480.0, 0, 36, 100], [960.0, 1440.0, 0, 38, 90], [960.0, 1200.0, 9, 42, 70]]]]
        assert proc.round_trips() == 1 <= 5
        reapy.Project().add_track(name="from outside")
        assert [t["name"] for t in proc.snapshot()["project"]["tracks"]] == ["from outside", "Bass", "Keys"]
        # the server listens on loopback only
        assert proc.exec("result = list(server.server._socket.getsockname())") == ["127.0.0.1", proc.server_port]


def test_stalled_reaper_does_not_answer_the_web_interface():
    with FakeReaperProcess(song(), tick=0.01) as proc:
        url = "http://127.0.0.1:%d/_/GET/EXTSTATE/reapy/server_port" % proc.web_port
        assert urllib.request.urlopen(url, timeout=2).read().decode() == "EXTSTATE\treapy\tserver_port\t%d\n" % (
            proc.server_port)
        proc.stall(0.8)
        t0 = time.monotonic()
        with pytest.raises((urllib.error.URLError, TimeoutError, OSError)):
            urllib.request.urlopen(url, timeout=0.3).read()
        assert time.monotonic() - t0 < 0.7
    assert proc.returncode == 0


def test_a_dead_reaper_fails_the_distant_call_instead_of_hanging():
    with FakeReaperProcess(song(), tick=0.01) as proc, distant_reapy(proc) as reapy:
        assert reapy.Project().n_tracks == 2
        proc.kill()
        with pytest.raises((ConnectionError, OSError)):
            reapy.Project().n_tracks


def test_in_process_server_for_inside_sessions():
    with reapy_inside(song()) as s:
        from reapy.tools.network.client import Client

        srv = start_local_server(s, tick=0.005)
        client = Client(srv.port, "127.0.0.1")
        try:
            notes = client.request(remote_demo.selected_notes, {"args": [], "kwargs": {}})
        finally:
            client._socket.close()
        assert [n[3] for n in notes[0][1]] == [36, 38, 42] and srv.round_trips() == 1
        assert s.rpr.RPR_GetExtState("reapy", "server_port") == str(srv.port)


# ---------------------------------------------------------------- REAPER as it runs (fake_reaper/scripts.py)

LOOP_SCRIPT = """\
import reapy
def tick():
    RPR_ShowConsoleMsg("tick ")
    reapy.defer(tick)
reapy.at_exit(RPR_ShowConsoleMsg, "ended ")
tick()
"""


@pytest.mark.parametrize("flags, answer, instances, prompted", [
    (4, "terminate", 0, True), (4, "new", 2, True), (4, "abort", 1, True), (260, None, 0, False), (516, None, 2, False),
])
def test_a_running_script_run_again_is_terminated_or_doubled_as_reaper_does(tmp_path, flags, answer, instances,
                                                                           prompted):
    script = tmp_path / "loop.py"
    script.write_text(LOOP_SCRIPT)
    with reapy_inside(song(), resource_path=str(tmp_path)) as s:
        reaper = s.reaper
        cmd = reaper.register_script(str(script), flags=flags)
        reaper.runtime.rerun_answer = answer
        s.rpr.RPR_Main_OnCommand(cmd, 0)
        reaper.run_deferred(2)
        assert len(reaper.runtime.running(str(script))) == 1
        s.rpr.RPR_Main_OnCommand(cmd, 0)  # the producer runs it again
        reaper.run_deferred(2)
        assert len(reaper.runtime.running(str(script))) == instances
        assert reaper.runtime.prompts == ([str(script)] if prompted else [])
        assert ("ended" in reaper.console_text()) == (instances == 0)  # a terminated script's atexit runs
        assert reaper.undo_names == []  # scripts that defer get no automatic undo point


def test_a_script_that_does_not_defer_gets_an_undo_point_unless_it_made_its_own(tmp_path):
    plain, own, deferring = tmp_path / "plain.py", tmp_path / "own.py", tmp_path / "deferring.py"
    plain.write_text("RPR_ShowConsoleMsg('changed nothing')\n")
    own.write_text("RPR_Undo_BeginBlock2(0)\nRPR_InsertTrackAtIndex(0, True)\nRPR_Undo_EndBlock2(0, 'My edit', -1)\n")
    deferring.write_text("RPR_ShowConsoleMsg('no point for me')\nRPR_defer('pass')\n")
    with reapy_inside(song(), resource_path=str(tmp_path)) as s:
        for script in (plain, own, deferring):
            s.reaper.run_script(str(script))
        s.reaper.run_deferred()
        assert s.reaper.undo_names == ["ReaScript: Run", "My edit"]
        assert s.reaper.deferred == []


def test_an_undo_block_that_changed_nothing_makes_no_point():
    with reapy_inside(song()) as s:
        rpr = s.rpr
        rpr.RPR_Undo_BeginBlock2(0)
        rpr.RPR_Undo_EndBlock2(0, "Nothing", -1)
        assert s.reaper.undo_names == []
        count = rpr.RPR_GetProjectStateChangeCount(0)
        rpr.RPR_Undo_BeginBlock2(0)
        rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 1), "B_MUTE", 1)
        rpr.RPR_Undo_EndBlock2(0, "Mute", -1)
        assert s.reaper.undo_names == ["Mute"] and rpr.RPR_GetProjectStateChangeCount(0) > count


def test_notes_written_where_reaper_has_rendered_are_lost():
    with reapy_inside(song()) as s:
        rpr, reaper = s.rpr, s.reaper
        reaper.transport.render_ahead = 0.2
        keys = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_OnPlayButton()
        reaper.transport.advance(1.0)
        item = rpr.RPR_CreateNewMIDIItemInProj(keys, 1.0, 2.0, False)[0]
        take = rpr.RPR_GetActiveTake(item)

        def note_at(seconds):
            ppq = rpr.RPR_MIDI_GetPPQPosFromProjTime(take, seconds)
            rpr.RPR_MIDI_InsertNote(take, False, False, ppq, ppq + 100, 9, 36, 100, False)

        for t in (1.1, 1.25, 1.5):  # the cursor is at 1.0 s: REAPER has rendered up to 1.2 s
            note_at(t)
        assert [round(t, 6) for _name, t, _p in reaper.late_notes] == [1.1]
        rpr.RPR_OnStopButton()
        note_at(1.05)  # stopped: nothing is rendered ahead
        assert len(reaper.late_notes) == 1


def test_item_order_unrelated_to_position_on_request():
    with reapy_inside(song()) as s:
        rpr, reaper = s.rpr, s.reaper
        keys = rpr.RPR_GetTrack(0, 1)
        for k in range(8):
            rpr.RPR_CreateNewMIDIItemInProj(keys, float(k), k + 0.5, False)

        def positions():
            return [rpr.RPR_GetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(keys, i), "D_POSITION") for i in range(8)]

        assert positions() == sorted(positions())
        reaper.item_order = "unsorted"
        assert sorted(positions()) == [float(k) for k in range(8)] and positions() != sorted(positions())


def test_startup_lua_runs_its_actions_at_start(tmp_path):
    script = tmp_path / "Scripts" / "hello.py"
    script.parent.mkdir()
    script.write_text("RPR_ShowConsoleMsg('hello from a script\\n')\n")
    (tmp_path / "reaper-kb.ini").write_text('SCR 4 0 RS0123abcd "Custom: hello.py" hello.py\n')
    (tmp_path / "Scripts" / "__startup.lua").write_text(
        '-- started by REAPER\nreaper.ShowConsoleMsg("Lua says hi\\n")\n'
        'reaper.Main_OnCommand(reaper.NamedCommandLookup("_RS0123abcd"), 0)\nlocal x = 1\n')
    with reapy_inside(song(), resource_path=str(tmp_path)) as s:
        assert s.reaper.run_startup()
        assert s.reaper.console_text() == "Lua says hi\nhello from a script\n"
        assert s.reaper.runtime.startup_skipped == ["local x = 1"]  # Lua the simulation does not run, recorded
