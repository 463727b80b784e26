"""The REAPER actions on projects as producers have them: folders, trimmed and mid-bar items, and the like."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import LocalBridge


def riff(spec, track, start_qn=0.0, length_qn=16.0, n=16):
    """A selected bass riff: one note per `length_qn / n` QN from `start_qn`."""
    step = length_qn / n
    spec.add_midi_item(track, start_qn=start_qn, length_qn=length_qn, selected=True, name="riff",
                       notes=[(k * step, step / 2, 40, 100) for k in range(n)])


def names_depths_parents(rpr):
    out = []
    for i in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, i)
        parent = rpr.RPR_GetParentTrack(track)
        out.append((rpr.RPR_GetTrackName(track, "", 256)[2], int(rpr.RPR_GetMediaTrackInfo_Value(track, "I_FOLDERDEPTH")),
                    rpr.RPR_GetTrackName(parent, "", 256)[2] if int(parent.rsplit("0x", 1)[1], 16) else None))
    return out


def folders(rpr, depths):
    """The tracks' I_FOLDERDEPTH, as the producer's one undo point 'folders'."""
    for i, depth in enumerate(depths):
        rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, i), "I_FOLDERDEPTH", depth)
    rpr.RPR_Undo_OnStateChangeEx2(0, "folders", -1, -1)


@pytest.mark.parametrize("action", ["drumify", "variations"])
def test_drums_for_an_item_on_a_folder_track_go_after_its_folder_not_into_its_bus(action):
    """A bass folder (its DI and amp tracks inside, the item on the folder track): the new tracks went right
    under the folder track, into the folder, so the drums played through the bass bus (its amp, its fader)."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_track("Bass DI")
    spec.add_track("Bass Amp")
    spec.add_track("Keys")
    riff(spec, bass)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        folders(rpr, [1, 0, -1, 0])
        if action == "drumify":
            actions.drumify_selection(LocalBridge(), engine(), Settings())
            new = ["ReaGroove Drums"]
        else:
            actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2)
            new = ["ReaGroove Var 1", "ReaGroove Var 2"]
        assert names_depths_parents(rpr) == [("Bass", 1, None), ("Bass DI", 0, "Bass"), ("Bass Amp", -1, "Bass")] + [
            (name, 0, None) for name in new] + [("Keys", 0, None)]
        assert len(s.reaper.undo_names) == 2
        rpr.RPR_Undo_DoUndo2(0)
        assert names_depths_parents(rpr) == [("Bass", 1, None), ("Bass DI", 0, "Bass"), ("Bass Amp", -1, "Bass"),
                                             ("Keys", 0, None)]


def test_a_nested_folder_track_item_puts_the_drums_after_its_folder():
    """Band > Bass folder > DI: the drums for the Bass folder's item go after the DI; closing both folders
    there, the drum track lands after the band, at the level the tracks after it are at."""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Band")
    bass = spec.add_track("Bass")
    spec.add_track("Bass DI")
    spec.add_track("Keys")
    riff(spec, bass)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        folders(rpr, [1, 1, -2, 0])
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        got = names_depths_parents(rpr)
        assert got[3] == ("ReaGroove Drums", 0, None) and got[2] == ("Bass DI", -2, "Bass")


def spans():
    return [(i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"]]


def test_a_project_that_opens_with_a_pickup_bar_gets_drums_from_the_selections_first_bar():
    """A song with an anacrusis: a 2/4 bar, then 4/4 from QN 2. A riff on bars 2-5 (QN 2-18) got drums from
    QN 6 only ('4 notes outside bars 2-4 left out'): the selection's bars were counted from the pickup bar,
    the engine's from the first whole bar."""
    spec = ProjectSpec(bpm=120, timesig=(2, 4))
    spec.tempo_marker(120, qn=2, timesig=(4, 4))
    riff(spec, spec.add_track("Bass"), start_qn=2)
    with reapy_inside(spec, purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans() == [(2.0, 10.0), (10.0, 18.0)]
        assert not [m for m in res["messages"] if "left out" in m or "ends in bar" in m]
        kicks = sorted(n[0] for i in LocalBridge().call("drum_track_items")["items"] for n in i["notes"] if n[2] == 36)
        assert kicks[0] == pytest.approx(2.0125)  # the riff's first note, 0.05 of a step late (the stand-in model)


def part_with(start_qn, end_qn, onsets):
    """A project with one selected bass item from start_qn to end_qn (QN) holding notes at `onsets` (project QN)."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=start_qn, end_qn=end_qn, selected=True, name="riff",
                       notes=[(q - start_qn, 0.25, 40, 100) for q in onsets])
    return spec


@pytest.mark.parametrize("case, start, end, onsets, want", [
    # an item edge a little before the bar line (a recorded take, a nudged item): the bar before got a whole
    # loop bar of drums with the opening crash, and every 2-bar loop and phrase after started a bar early
    ("edge just early", 3.9, 20.0, [4.0 + k for k in range(16)], [(4.0, 12.0), (12.0, 20.0)]),
    # a pickup note on beat 4 before bar 2: the drums come in on bar 2, not with a bar of their own before it
    ("pickup on beat 4", 3.0, 20.0, [3.0] + [4.0 + k for k in range(16)], [(4.0, 12.0), (12.0, 20.0)]),
    # a take recorded from mid-bar, the playing from bar 3: the drums start with the playing
    ("lead-in silence", 2.5, 24.0, [8.0 + k for k in range(16)], [(8.0, 16.0), (16.0, 24.0)]),
    # the edge a hair past the last bar line, nothing played there: no sliver of drums with a downbeat hit
    ("end just late", 4.0, 20.05, [4.0 + k for k in range(16)], [(4.0, 12.0), (12.0, 20.0)]),
    # the part comes in on beat 2 of its first bar: the drums take that bar from its downbeat, as before
    ("late entry", 1.0, 16.0, [1.0 + k for k in range(15)], [(0.0, 8.0), (8.0, 16.0)]),
    # an item on the bar line that opens with rests: its bar is the part's (as before)
    ("rests first", 4.0, 20.0, [6.5 + k for k in range(13)], [(4.0, 12.0), (12.0, 20.0)]),
])
def test_the_drums_come_in_on_the_bar_the_part_starts_in(case, start, end, onsets, want):
    with reapy_inside(part_with(start, end, onsets), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans() == want
        assert not [m for m in res["messages"] if "left out" in m]
        if case == "pickup on beat 4":
            assert "the selection opens with a pickup into bar 2: the drums come in there" in res["messages"]


def test_a_selection_from_the_projects_pickup_bar_says_the_drums_come_in_on_bar_2_as_the_ruler_numbers_it():
    spec = ProjectSpec(bpm=120, timesig=(2, 4))
    spec.tempo_marker(120, qn=2, timesig=(4, 4))
    riff(spec, spec.add_track("Bass"), start_qn=0, length_qn=18, n=18)
    with reapy_inside(spec, purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans() == [(2.0, 10.0), (10.0, 18.0)]
        assert res["messages"] == ["the selection opens with a pickup into bar 2: the drums come in there"]


def test_variations_of_a_chorus_play_when_the_drum_track_plays_only_in_the_verse():
    """Drums for the verse (bars 1-4), then variations of the chorus (bars 9-12): all of them came in muted,
    'as ReaGroove drums already play', so the chorus had no drums at all. Where drums already play over the
    chorus (variations of it again), all the new ones start muted, as before."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    riff(spec, bass, start_qn=0)  # the verse
    spec.add_midi_item(bass, start_qn=32, length_qn=16, name="chorus", notes=[(k, 0.5, 45, 100) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        rpr.RPR_SelectAllMediaItems(0, False)
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 1), True)
        res = actions.variations_of_selection(bridge, engine(), Settings(), 2)
        assert res["first_plays"]
        mutes = {rpr.RPR_GetTrackName(t, "", 256)[2]: rpr.RPR_GetMediaTrackInfo_Value(t, "B_MUTE")
                 for t in (rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0)))}
        assert mutes == {"Bass": 0.0, "ReaGroove Var 1": 0.0, "ReaGroove Var 2": 1.0, "ReaGroove Drums": 0.0}
        res = actions.variations_of_selection(bridge, engine(), Settings(), 2)  # Var 1 plays the chorus now
        assert not res["first_plays"]


@pytest.mark.parametrize("start_qn", [0.0, 3.0])
def test_bars_longer_than_two_loops_beats_still_get_drums(start_qn):
    """A 9/4 project (bars of 9 quarter notes, longer than a loop's 8 beats), a riff into its third bar by half a beat: the
    selection's bars are found wherever it starts and ends (the grid's last bar line is the third's)."""
    spec = ProjectSpec(bpm=120, timesig=(9, 4))
    spec.add_midi_item(spec.add_track("Bass"), start_qn=start_qn, end_qn=18.5, selected=True, name="riff",
                       notes=[(k, 0.25, 40, 100) for k in range(int(19 - start_qn))])
    with reapy_inside(spec, purge=PURGE):
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        got = spans()
        assert got[0][0] == 0.0 and got[-1][1] == 18.5


@pytest.mark.parametrize("silence", ["drum track muted", "another track soloed"])
def test_drumify_onto_a_drum_track_that_is_not_heard_says_so(silence):
    """Auditioning a variation, the producer muted the drum track (or soloed the bass): Drumify wrote new drums
    there and said only 'wrote 2 drum items', and nothing new was heard."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert not [m for m in res["messages"] if "not heard" in m]
        if silence == "drum track muted":
            rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 1), "B_MUTE", 1)
        else:
            rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_SOLO", 1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert res["written"] == 2
        assert "the 'ReaGroove Drums' track is not heard (muted, its fader down, or another track soloed): unmute " \
               "it, raise its fader or unsolo the other to hear these drums" in res["messages"]


def live_take(s, follower, from_qn, seconds):
    """Play from `from_qn` for `seconds` (120 BPM), a 16th-note line played in, then stop."""
    rpr = s.rpr
    rpr.RPR_SetEditCurPos(rpr.RPR_TimeMap2_QNToTime(0, from_qn), False, False)
    rpr.RPR_OnPlayButton()
    follower.poll()
    t, next_note = 0.0, 0.0
    while t < seconds:
        if t >= next_note:
            s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=s.reaper.transport.position())
            next_note += 0.125
        s.reaper.transport.advance(0.03)
        t += 0.03
        follower.poll()
    rpr.RPR_OnStopButton()
    follower.poll()


def test_live_follow_started_after_a_meter_change_writes_on_the_projects_bar_lines():
    """A song with a 2/4 pickup bar (4/4 from QN 2, bar lines 2, 6, 10, ...): live follow started from QN 3
    wrote its bars at 8, 12, 16, two beats off every bar line, counting 4/4 bars from the project start."""
    from test_reaper_runtime import armed_follower

    spec = ProjectSpec(bpm=120, timesig=(2, 4))
    spec.tempo_marker(120, qn=2, timesig=(4, 4))
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        live_take(s, armed_follower(s, 120), 3.0, 8.0)
        starts = [i["start_qn"] for i in LocalBridge().call("drum_track_items")["items"]]
        assert starts and all((q - 2.0) % 4.0 == pytest.approx(0.0) for q in starts), starts


def test_a_second_live_take_before_a_meter_change_counts_bars_in_its_own_meter():
    """4/4, then 3/4 from QN 18 (a 2/4 bar cut before it): a take through the change, then one from QN 4.
    The second take's bars were counted from QN 18 in 4/4 (2, 6, 10), off the project's bar lines (4, 8)."""
    from test_reaper_runtime import armed_follower

    spec = ProjectSpec(bpm=120)
    spec.tempo_marker(120, qn=18, timesig=(3, 4))
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        follower = armed_follower(s, 120)
        live_take(s, follower, 12.0, 6.0)  # QN 12 to 24: through the change at 18
        first = {i["start_qn"] for i in LocalBridge().call("drum_track_items")["items"]}
        assert {18.0, 21.0} <= first
        live_take(s, follower, 4.0, 3.0)  # QN 4 to 10, all 4/4
        second = sorted({i["start_qn"] for i in LocalBridge().call("drum_track_items")["items"]} - first)
        assert second and all(q % 4.0 == pytest.approx(0.0) for q in second), second


def play_with_jump(s, follower, from_qn, jump_at_qn, to_qn, seconds):
    """Play from `from_qn` (120 BPM) with a 16th-note line played in; at `jump_at_qn` the transport jumps to
    `to_qn` (loop playback, or a click on the timeline while playing); stop after `seconds`."""
    rpr, transport = s.rpr, s.reaper.transport
    rpr.RPR_SetEditCurPos(from_qn / 2, False, False)
    rpr.RPR_OnPlayButton()
    follower.poll()
    t, next_note, jumped = 0.0, 0.0, False
    while t < seconds:
        if not jumped and transport.position() >= jump_at_qn / 2:
            transport.seek(to_qn / 2)
            jumped = True
        if t >= next_note:
            s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=transport.position())
            next_note += 0.125
        transport.advance(0.03)
        t += 0.03
        follower.poll()
    rpr.RPR_OnStopButton()
    follower.poll()
    return sorted((i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"])


def test_live_follow_looping_back_over_a_meter_change_keeps_each_bars_meter():
    """Loop playback over QN 12-24, 4/4 then 3/4 from QN 18: back at QN 12 after the 3/4 bars, live follow
    wrote 3/4 bars (12-15, 15-18) over the 4/4 ones."""
    from test_reaper_runtime import armed_follower

    spec = ProjectSpec(bpm=120)
    spec.tempo_marker(120, qn=18, timesig=(3, 4))
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        got = play_with_jump(s, armed_follower(s, 120), 12.0, 24.0, 12.0, 12.0)
        assert [span for span in got if span[0] < 18.0] == [(12.0, 16.0), (16.0, 18.0)]
        assert all((lo - 18.0) % 3.0 == pytest.approx(0.0) for lo, _ in got if lo >= 18.0)


def test_live_follow_seeking_ahead_while_playing_writes_nothing_in_the_bars_jumped_over():
    """A click on the timeline at QN 40 while playing at QN 8: live follow wrote a loop into every bar it
    jumped over (12-40), replacing the drums there, though nobody played over them."""
    from test_reaper_runtime import armed_follower

    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        got = play_with_jump(s, armed_follower(s, 120), 0.0, 8.0, 40.0, 8.0)
        assert got and not [span for span in got if 12.0 <= span[0] < 40.0], got
        assert got[-1][1] >= 48.0  # and it goes on from there


def test_a_trimmed_midi_take_at_another_rate_is_read_as_reaper_plays_it():
    """D_STARTOFFS is 'start offset in source media, in seconds' (REAPER's API doc): at playrate 2 an item
    trimmed by 1 s of its source (2 QN of it at 120 BPM) starts on the source's 3rd quarter note, heard at
    the item's start and every half quarter note after. The simulated REAPER took the offset as project
    seconds (its 5th quarter note)."""
    spec = ProjectSpec(bpm=120)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=4, length_qn=8, selected=True, name="riff",
                       notes=[(k, 0.25, 40 + k, 100) for k in range(8)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        item = rpr.RPR_GetSelectedMediaItem(0, 0)
        take = rpr.RPR_GetActiveTake(item)
        rpr.RPR_SetMediaItemTakeInfo_Value(take, "D_PLAYRATE", 2.0)
        rpr.RPR_SetMediaItemTakeInfo_Value(take, "D_STARTOFFS", 1.0)
        rpr.RPR_SetMediaItemInfo_Value(item, "B_LOOPSRC", 0.0)
        notes = LocalBridge().call("read_selected_items")["items"][0]["notes"]
        assert [(n[0], n[2]) for n in notes] == [(4.0 + k / 2, 42 + k) for k in range(6)]


def test_live_polls_read_a_dense_tempo_map_again_only_when_the_project_changed():
    """A project tempo-mapped to a live recording (a marker on every beat): each live-follow poll, 30 a
    second inside REAPER's main thread, read every marker again (two API calls each), though the map had not
    changed. It is read again when the project changes (a marker added)."""
    spec = ProjectSpec(bpm=120)
    for k in range(1, 400):
        spec.tempo_marker(118 + k % 5, qn=float(k))
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr, calls = s.rpr, s.reaper.api_calls
        bridge = LocalBridge()
        first = bridge.call("poll_live_input", None)
        before = calls["GetTempoTimeSigMarker"]
        for _ in range(5):
            assert bridge.call("poll_live_input", first["last_seq"])["tempos"] == first["tempos"]
        assert calls["GetTempoTimeSigMarker"] == before
        rpr.RPR_SetTempoTimeSigMarker(0, -1, rpr.RPR_TimeMap2_QNToTime(0, 400.5), -1, -1, 90.0, 0, 0, False)
        tempos = bridge.call("poll_live_input", first["last_seq"])["tempos"]
        assert len(tempos) == len(first["tempos"]) + 1 and tempos[-1][1] == 90.0


def test_a_midi_track_playing_a_hardware_synth_through_its_midi_output_is_heard():
    """A keys track driving an outboard synth through its MIDI hardware output, its master send off (the
    synth's audio comes back on another track): ReaGroove called the item muted and left it out ('every
    selected item is muted' when it was the only one). An audio item there is still not heard."""
    spec = ProjectSpec(bpm=120)
    keys = spec.add_track("Synth keys", main_send=False)
    riff(spec, keys)
    spec.add_audio_item(keys, "synth_bounce.wav", start_qn=16, length_qn=8, name="bounce")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_MIDIHWOUT", 0)  # device 0, all channels
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert res["written"] == 2 and not [m for m in res["messages"] if "muted" in m]
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 1), True)
        entries = LocalBridge().call("read_selected_items")["items"]
        assert [(e["name"], e["is_midi"], e["muted"]) for e in entries] == [
            ("riff", True, ""), ("bounce", False, "track routed nowhere")]


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_drum_item_the_producer_locked_is_left_alone(overwrite):
    """The producer locked the verse's first drum item (Item properties: Lock) to keep it: Drumify again, even
    with --overwrite-edited, deleted it and wrote a new one there."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        drums = rpr.RPR_GetTrack(0, 1)
        locked = rpr.RPR_GetTrackMediaItem(drums, 0)
        rpr.RPR_SetMediaItemInfo_Value(locked, "C_LOCK", 1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5), overwrite_edited=overwrite)
        assert res["written"] == 1 and res["kept_edited"] == [[0.0, 8.0]]
        assert rpr.RPR_ValidatePtr2(0, locked, "MediaItem*") and spans() == [(0.0, 8.0), (8.0, 16.0)]


def test_variations_written_while_another_track_is_soloed_say_they_are_not_heard():
    """The bass soloed, Variations: the first variation 'plays', yet nothing of it is heard."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        s.rpr.RPR_SetMediaTrackInfo_Value(s.rpr.RPR_GetTrack(0, 0), "I_SOLO", 1)
        res = actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2)
        assert res["first_plays"]
        assert "the variation tracks are not heard (another track is soloed): unsolo it, or solo one of them" \
            in res["messages"]


def test_items_on_a_folder_track_and_inside_its_folder_put_the_drums_after_the_folder():
    """Items selected on the bass folder track and on its DI track inside it: the drum track went under the DI,
    still inside the bass folder (through its bus)."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    di = spec.add_track("Bass DI")
    spec.add_track("Bass Amp")
    spec.add_track("Keys")
    riff(spec, bass)
    riff(spec, di, start_qn=16)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        folders(rpr, [1, 0, -1, 0])
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert [name for name, _depth, _parent in names_depths_parents(rpr)] == [
            "Bass", "Bass DI", "Bass Amp", "ReaGroove Drums", "Keys"]


def test_live_follow_puts_a_new_drum_track_under_the_armed_track():
    """Keys, Bass (armed, played), Pad: live follow made its drum track under the first track (between Keys
    and Bass), wherever the part being played was; it now goes right under the armed track."""
    spec = ProjectSpec(bpm=120)
    for name in ("Keys", "Bass", "Pad"):
        spec.add_track(name)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bass = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))
        live_take(s, live_follow.LiveFollower(LocalBridge(), engine(), Settings(), memory=0.9), 0.0, 8.0)
        assert [name for name, _, _ in names_depths_parents(rpr)] == ["Keys", "Bass", "ReaGroove Drums", "Pad"]


@pytest.mark.parametrize("case, start, end, onsets", [
    ("pickup on beat 4", 3.0, 20.0, [3.0] + [4.0 + k for k in range(16)]),
    ("lead-in silence", 2.5, 24.0, [8.0 + k for k in range(16)]),
])
def test_the_editor_reads_a_selection_on_the_bars_drumify_writes(case, start, end, onsets):
    """The editor's 'read REAPER's selection' laid its windows from the bar before a pickup (or a silent
    lead-in), so its piano roll showed loops a bar or two off the drums Drumify then wrote."""
    from reagroove.reaper_ext.panel.controller import input_from_selection

    with reapy_inside(part_with(start, end, onsets), purge=PURGE):
        read = input_from_selection(LocalBridge())
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert [float(q) for q in read.starts] == [lo for lo, _ in spans()]


def test_a_verse_and_a_chorus_item_two_bars_apart_get_a_fill_and_a_crash_where_the_chorus_comes_in():
    """Two selected items with two empty bars between them (the band stops): the drums keep time through the
    gap, fill into the chorus and crash on its first beat, and the console says why."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    riff(spec, bass, 0.0, 32.0, 32)  # bars 1-8
    riff(spec, bass, 40.0, 32.0, 32)  # bars 11-18
    with reapy_inside(spec, purge=PURGE) as s:
        msg = actions.drumify_selection(LocalBridge(), engine(), Settings())
        crashes = sorted(round(on * 4) / 4 for i in LocalBridge().call("drum_track_items")["items"]
                         for on, _off, pitch, *_ in i["notes"] if pitch == 49)  # on the 16th it is played on
        assert crashes == [0.0, 40.0]
        assert spans()[0][0] == 0.0 and spans()[-1][1] == 72.0
        assert "the music rests in bars 9-10, where the drums keep time alone, and comes back in bar 11" in str(msg) + s.reaper.console_text()


def test_lyric_markers_on_every_bar_are_cues_not_sections():
    """A project with a marker on every bar (lyric lines) gave a fill and a crash every bar; they are cues."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    riff(spec, bass, 0.0, 64.0, 64)  # bars 1-16
    for bar in range(16):
        spec.add_marker(bar * 4.0, f"line {bar + 1}")
    with reapy_inside(spec, purge=PURGE) as s:
        msg = actions.drumify_selection(LocalBridge(), engine(), Settings())
        crashes = sorted(round(on * 4) / 4 for i in LocalBridge().call("drum_track_items")["items"]
                         for on, _off, pitch, *_ in i["notes"] if pitch == 49)
        assert crashes == [0.0]
        assert "16 markers and regions in the project, most of them less than 2 bars apart" in str(msg) + \
            s.reaper.console_text()


@pytest.mark.parametrize("linear", [True, False])
def test_an_accelerando_drawn_as_a_tempo_ramp_is_no_new_section(linear):
    """An accelerando drawn in REAPER as a marker with 'gradual tempo transition' (90 BPM at bar 1 ramping to
    the 140 BPM marker at bar 5): ReaGroove read the marker without its linear flag, heard a jump at bar 5 and
    put a fill and a crash there ('the tempo changes ... it starts a new section'). The map now moves on every
    beat of the ramp; the same two markers as a step still make a section at bar 5."""
    spec = ProjectSpec(bpm=90)
    spec.tempo_marker(90, qn=0, linear=linear)
    spec.tempo_marker(140, qn=16)
    riff(spec, spec.add_track("Bass"), length_qn=32, n=32)
    with reapy_inside(spec, purge=PURGE):
        tempos = LocalBridge().call("project_info", True)["tempos"]
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
    jumps = [m for m in res["messages"] if "tempo changes" in m]
    if linear:
        assert [q for q, _ in tempos] == [float(q) for q in range(16)] + [16.0]
        assert tempos[8][1] == pytest.approx(115.0) and tempos[-1][1] == 140.0
        assert not jumps, res["messages"]
    else:
        assert tempos == [[0.0, 90.0], [16.0, 140.0]]
        assert len(jumps) == 1 and "bar 5" in jumps[0], res["messages"]
