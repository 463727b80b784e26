"""ReaGroove's actions in REAPER as a producer runs them: template drums, auditioned variations, loop playback
over a live take's first bars, and one undo point per action (simulated REAPER under the real reapy)."""

from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def riff(spec, track, start_qn=0.0, length_qn=16.0, n=16, name="riff", pitch=40):
    step = length_qn / n
    spec.add_midi_item(track, start_qn=start_qn, length_qn=length_qn, selected=True, name=name,
                       notes=[(k * step, step / 2, pitch, 100) for k in range(n)])


def ptr_obj(s, ptr, ctype):
    return s.reaper.resolve(int(ptr.rsplit("0x", 1)[1], 16), ctype)


def track_named(rpr, name):
    return next(rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0))
                if rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] == name)


def drum_template():
    """The drum track of another project, as a track template keeps it: its items' notes, positions and P_EXT."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        drums = track_named(rpr, "ReaGroove Drums")
        out = []
        for k in range(rpr.RPR_CountTrackMediaItems(drums)):
            item = ptr_obj(s, rpr.RPR_GetTrackMediaItem(drums, k), "MediaItem*")
            out.append({"pos": item.values["D_POSITION"], "len": item.values["D_LENGTH"], "ext": dict(item.ext),
                        "notes": [n.as_tuple() for n in item.takes[0].notes], "name": item.takes[0].name})
        track_ext = dict(ptr_obj(s, drums, "MediaTrack*").ext)
        return out, track_ext


def insert_track_template(s, template):
    """REAPER's Insert track template: a new track and items with the template's notes and P_EXT, new GUIDs."""
    rpr = s.rpr
    items, track_ext = template
    n = rpr.RPR_CountTracks(0)
    rpr.RPR_InsertTrackAtIndex(n, True)
    track = rpr.RPR_GetTrack(0, n)
    rpr.RPR_GetSetMediaTrackInfo_String(track, "P_NAME", "ReaGroove Drums", True)
    ptr_obj(s, track, "MediaTrack*").ext.update(track_ext)
    for it in items:
        item = rpr.RPR_CreateNewMIDIItemInProj(track, it["pos"], it["pos"] + it["len"], False)[0]
        obj = ptr_obj(s, item, "MediaItem*")
        take = obj.takes[0]
        take.name = it["name"]
        for on, off, chan, pitch, vel, *_ in it["notes"]:
            rpr.RPR_MIDI_InsertNote(rpr.RPR_GetActiveTake(item), False, False, on, off, chan, pitch, vel, True)
        rpr.RPR_MIDI_Sort(rpr.RPR_GetActiveTake(item))
        obj.ext.update(it["ext"])
    rpr.RPR_Undo_OnStateChangeEx2(0, "Insert track template", -1, -1)
    return track


def test_drums_inserted_from_a_track_template_are_replaced_by_drumify_not_kept_as_edits():
    """The producer keeps ReaGroove drums as a track template and inserts it in a new song, then runs Drumify
    for this song's bass: every template item was taken for their own copy (new GUIDs, the record copied),
    nothing was replaced, and Drumify said it kept 2 items they edited."""
    template = drum_template()
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"), n=8, pitch=43)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        drums = insert_track_template(s, template)
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [False, False]
        old = [rpr.RPR_GetTrackMediaItem(drums, k) for k in range(2)]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=7))
        assert res["kept_edited"] == [] and res["written"] == 2
        assert actions.kept_note(res) == ""
        assert not any(rpr.RPR_ValidatePtr2(0, p, "MediaItem*") for p in old)  # replaced
        assert rpr.RPR_CountTracks(0) == 2  # into the template's drum track, not a second one
        # this project's own copy of its new drums is still the producer's (copy and paste, Ctrl+drag)
        first = ptr_obj(s, rpr.RPR_GetTrackMediaItem(drums, 0), "MediaItem*")
        rpr.RPR_DeleteTrackMediaItem(drums, rpr.RPR_GetTrackMediaItem(drums, 1))
        s.reaper.duplicate_item(first, 4.0)
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [False, True]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=8))
        assert res["kept_edited"] == [[8.0, 16.0]]


def muted(rpr, name):
    return bool(rpr.RPR_GetMediaTrackInfo_Value(track_named(rpr, name), "B_MUTE"))


def test_drumify_after_auditioning_variations_leaves_one_kit_playing_in_one_undo_point():
    """Variations auditioned (Var 1 plays), then Drumify for new drums: Var 1 and the drum track both played,
    two kits at once, and Drumify only warned. Drumify mutes the variation it supersedes, says so, and one
    undo takes back the drums and the mute together; a variation over other bars plays on."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    riff(spec, bass, 0, 16, name="verse")
    spec.add_midi_item(bass, start_qn=32, length_qn=16, name="chorus", notes=[(k * 1.0, 0.5, 43, 100) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        verse, chorus = (rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), k) for k in range(2))
        rpr.RPR_SetMediaItemSelected(chorus, True)
        rpr.RPR_SetMediaItemSelected(verse, False)  # variations of the chorus: they play other bars than the verse
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        rpr.RPR_SetMediaItemSelected(verse, True)
        rpr.RPR_SetMediaItemSelected(chorus, False)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert res["written"] and not muted(rpr, "ReaGroove Var 1") and not res.get("muted_variations")
        # variations of the verse, auditioned, then Drumify of the verse again
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        names = [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]
        rpr.RPR_SetMediaTrackInfo_Value(track_named(rpr, "ReaGroove Var 3"), "B_MUTE", 0)  # auditioned
        rpr.RPR_SetMediaTrackInfo_Value(track_named(rpr, "ReaGroove Drums"), "B_MUTE", 1)
        rpr.RPR_Undo_OnStateChangeEx2(0, "audition Var 3", -1, -1)
        rpr.RPR_SetMediaTrackInfo_Value(track_named(rpr, "ReaGroove Drums"), "B_MUTE", 0)  # Drumify for new drums
        rpr.RPR_Undo_OnStateChangeEx2(0, "unmute drums", -1, -1)
        points = len(s.reaper.undo_names)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        assert res["written"] and len(s.reaper.undo_names) == points + 1
        assert muted(rpr, "ReaGroove Var 3") and not muted(rpr, "ReaGroove Drums")
        heard = [n for n in names if n.startswith("ReaGroove") and not muted(rpr, n)
                 and n in {"ReaGroove Drums", "ReaGroove Var 3", "ReaGroove Var 4"}]
        assert heard == ["ReaGroove Drums"]  # one kit over the verse
        assert not muted(rpr, "ReaGroove Var 1")  # the chorus's variation plays other bars: left playing
        said = [m for m in res["messages"] if "muted 'ReaGroove Var 3'" in m]
        assert said and "one kit" in said[0] and not [m for m in res["messages"] if "two kits" in m], res["messages"]
        rpr.RPR_Undo_DoUndo2(0)
        assert not muted(rpr, "ReaGroove Var 3")  # the audition as it was, with the drums before
        assert s.reaper.undo_names[-1] == "unmute drums"


def test_loop_playback_over_a_live_takes_first_bars_keeps_the_groove_once_the_player_stops():
    """Repeat on over bars 1-2 from the start of a live take; the player plays the first pass, then stops. In a
    song the drums play on the groove they had once nothing is played for a bar; in the loop the jump back to
    the loop start never let that bar pass (the last note lay later in the project than every bar coming round),
    so the drums thinned pass after pass as the buffer faded. Each pass restarts cleanly at the loop start:
    the groove kept, every note inside its item and the loop, none written where REAPER had rendered."""
    import test_reaper_live_loop_playback as L
    from test_reaper import bass_project

    saved, L.LOOP = L.LOOP, (0.0, 8.0)
    try:
        with reapy_inside(bass_project(bpm=L.BPM), purge=PURGE) as s:
            follower = L.start_looped(s, start_qn=0.0)
            transport, seen = s.reaper.transport, []
            t, next_note, last = 0.0, 0.0, 0.0
            while t < 32.0:  # 8 passes of 4 s; 8ths in the first pass only
                if t >= next_note and t < 4.0:
                    s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=transport.position())
                    next_note += 0.25
                transport.advance(0.03)
                t += 0.03
                if transport.position() < last:  # the cursor jumped back: what this pass plays
                    seen.append(L.drum_items())
                last = transport.position()
                follower.poll()
            s.rpr.RPR_OnStopButton()
            follower.poll()
            assert len(seen) >= 7
            groove = seen[1]  # the pass after the player's: the loop's drums as played
            assert all(n > 0 for *_, n in groove)
            assert all(p == groove for p in seen[1:]), seen  # kept, pass after pass
            for item in LocalBridge().call("drum_track_items")["items"]:
                assert all(item["start_qn"] - 1e-6 <= n[0] and n[1] <= item["end_qn"] + 1e-6 for n in item["notes"])
                assert item["end_qn"] <= 8.0 + 1e-6
            assert s.reaper.late_notes == []
            assert s.reaper.undo_names == ["ReaGroove: live follow"]
    finally:
        L.LOOP = saved
