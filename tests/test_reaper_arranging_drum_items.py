"""Arranging a song in REAPER with ReaGroove: what a producer does between Drumify runs, and what they find."""

from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def song(bars=8):
    """A bass line over `bars` bars of 4/4, selected."""
    spec = ProjectSpec(bpm=100)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=bars * 4, selected=True, name="bass",
                       notes=[(k * 0.5, 0.4, 40, 100 if k % 2 == 0 else 70) for k in range(bars * 8)])
    return spec


def played_item(rpr, track, lo_qn, hi_qn, muted=False, chan=9, pitches=(45,)):
    """A MIDI item the producer played on `track` (a tom fill, 16ths, cycling through `pitches` on MIDI channel
    `chan` + 1), its own undo point."""
    item = rpr.RPR_CreateNewMIDIItemInProj(track, rpr.RPR_TimeMap2_QNToTime(0, lo_qn),
                                           rpr.RPR_TimeMap2_QNToTime(0, hi_qn), False)[0]
    take = rpr.RPR_GetActiveTake(item)
    for k in range(int((hi_qn - lo_qn) * 4)):
        at = rpr.RPR_MIDI_GetPPQPosFromProjQN(take, lo_qn + k * 0.25)
        rpr.RPR_MIDI_InsertNote(take, False, False, at, at + 100, chan, pitches[k % len(pitches)], 100, False)
    rpr.RPR_SetMediaItemInfo_Value(item, "B_MUTE", 1.0 if muted else 0.0)
    rpr.RPR_Undo_OnStateChangeEx2(0, "record fill", -1, -1)
    return item


def heard_spans(rpr, track):
    """(start QN, end QN) of every unmuted item on `track`."""
    out = []
    for i in range(rpr.RPR_CountTrackMediaItems(track)):
        item = rpr.RPR_GetTrackMediaItem(track, i)
        if not rpr.RPR_GetMediaItemInfo_Value(item, "B_MUTE"):
            pos = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
            end = pos + rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")
            out.append((round(rpr.RPR_TimeMap2_timeToQN(0, pos), 6), round(rpr.RPR_TimeMap2_timeToQN(0, end), 6)))
    return sorted(out)


def test_a_fill_played_on_the_drum_track_is_not_doubled_by_the_next_drumify():
    """The producer played their own fill into bar 4 of the drum track (its generated item there split away);
    Drumify over the song again wrote a generated item over the same bar, so two drum parts played at once.
    Their item now stays and nothing is written over it, as for an item they edited; a muted one of theirs,
    which plays nothing, leaves the drums written there."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_DeleteTrackMediaItem(drums, rpr.RPR_GetTrackMediaItem(drums, 1))  # the generated bars 3-4 go
        fill = played_item(rpr, drums, 12.0, 16.0)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert rpr.RPR_ValidatePtr2(0, fill, "MediaItem*")
        spans = heard_spans(rpr, drums)
        assert [sp for sp in spans if sp[0] < 16.0 and sp[1] > 12.0] == [(12.0, 16.0)], spans  # their fill alone
        assert res["kept_edited"] == [[8.0, 16.0]] and res["written"] == 3
        assert s.reaper.undo_names[-1] == "ReaGroove: drumify (seed 2)"

        rpr.RPR_SetMediaItemInfo_Value(fill, "B_MUTE", 1.0)
        rpr.RPR_Undo_OnStateChangeEx2(0, "mute fill", -1, -1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert res["kept_edited"] == [] and rpr.RPR_ValidatePtr2(0, fill, "MediaItem*")
        assert heard_spans(rpr, drums) == [(0.0, 8.0), (8.0, 16.0), (16.0, 24.0), (24.0, 32.0)]


def test_variations_start_muted_over_a_fill_the_producer_played_on_the_drum_track():
    """Only the producer's own fill plays on the drum track over bars 3-4: Variations of those bars left the
    first variation playing beside it, two drum parts at once; they all start muted there now, as over
    generated drums (bars the fill does not reach leave the first one playing)."""
    spec = song(bars=4)
    spec.add_track("ReaGroove Drums")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        drums = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_GetSetMediaTrackInfo_String(drums, "P_EXT:reagroove_role", "drums", True)
        fill = played_item(rpr, drums, 12.0, 16.0)
        res = actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2)
        assert not res["first_plays"]
        rpr.RPR_Undo_DoUndo2(0)
        rpr.RPR_SetMediaItemInfo_Value(fill, "D_POSITION", rpr.RPR_TimeMap2_QNToTime(0, 20.0))  # after the part
        assert actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2)["first_plays"]


def test_a_drum_item_muted_for_a_breakdown_stays_muted_when_the_song_is_drumified_again():
    """The producer muted the generated drums of bars 3-4 for a breakdown; Drumify over the song again (other
    settings) replaced that item with a new one that plays, so the breakdown was gone without a word. A muted
    item is the producer's edit: it stays, and the summary counts it, unless they ask to overwrite edits."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(drums, 1), "B_MUTE", 1.0)
        rpr.RPR_Undo_OnStateChangeEx2(0, "mute item", -1, -1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2, density=0.8))
        assert heard_spans(rpr, drums) == [(0.0, 8.0), (16.0, 24.0), (24.0, 32.0)]
        assert res["kept_edited"] == [[8.0, 16.0]] and res["written"] == 3
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3), overwrite_edited=True)
        assert heard_spans(rpr, drums) == [(0.0, 8.0), (8.0, 16.0), (16.0, 24.0), (24.0, 32.0)]


def test_variations_of_bars_whose_drum_items_are_muted_have_one_playing():
    """Drum items muted for a breakdown play nothing: Variations of those bars started every version muted
    ('ReaGroove drums already play'), so none was heard; the first plays now."""
    with reapy_inside(song(bars=4), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)
        for i in range(rpr.RPR_CountTrackMediaItems(drums)):
            rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(drums, i), "B_MUTE", 1.0)
        rpr.RPR_Undo_OnStateChangeEx2(0, "mute items", -1, -1)
        assert actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2)["first_plays"]


def test_a_second_variations_run_lists_its_tracks_after_the_first_runs():
    """Variations of the verse, then of the verse again: the new Var 3 and Var 4 went in above Var 1 and Var 2,
    the track list reading Var 3, Var 4, Var 1, Var 2; they now follow the earlier ones."""
    with reapy_inside(song(bars=4), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2)
        actions.variations_of_selection(bridge, engine(), Settings(seed=2), 2)
        names = [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]
        assert names == ["Bass"] + [f"ReaGroove Var {k}" for k in (1, 2, 3, 4)]
        rpr.RPR_Undo_DoUndo2(0)
        assert rpr.RPR_CountTracks(0) == 3


def test_the_console_counts_one_item_as_one(monkeypatch, tmp_path):
    """One item edited in a 2-bar part: the console read 'wrote 1 drum items ...; kept 1 items you edited'."""
    from reagroove.core.cli import build_parser
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())

    def run(*argv):  # `reagroove reaper ACTION ...` as REAPER's action runs it
        return commands.run_reaper(build_parser("reaper").parse_args(["reaper", *argv]))
    with reapy_inside(song(bars=4), purge=PURGE) as s:
        rpr = s.rpr
        assert run("drumify") == 0
        drums = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_MIDI_DeleteNote(rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(drums, 0)), 0)
        rpr.RPR_Undo_OnStateChangeEx2(0, "delete note", -1, -1)
        assert run("drumify", "--seed", "2") == 0
        said = s.reaper.console_text().splitlines()
        line = [t for t in said if t.startswith("ReaGroove: wrote")][-1]
        assert line.startswith("ReaGroove: wrote 1 drum item (") and "; kept 1 item you edited" in line, line
        assert said[-1].startswith("  note: bars 1-2 keep the drums they had"), said  # and where, by the ruler


def test_a_drum_item_trimmed_for_a_stop_is_kept_but_one_drumify_shortened_is_not():
    """The producer dragged the end of the bars 3-4 drum item back two beats, a stop before bar 5; Drumify over
    the song again replaced it whole (its notes unchanged, it counted as untouched), so the stop was gone. A
    generated item trimmed is the producer's edit now, as one whose notes changed; one that Drumify itself
    shortened (a later part drumified from its middle), that a tempo change stretched, or that was moved whole
    (a section moved) is not."""
    spec = song()
    spec.add_midi_item(spec.add_track("Keys"), start_qn=12, length_qn=20, name="pad",
                       notes=[(k, 1.0, 60, 80) for k in range(20)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        bass, keys = (rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, t), 0) for t in (0, 1))
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)  # under the bass, over the keys
        # the pad alone from bar 4: Drumify shortens the bars 3-4 item to bar 3
        rpr.RPR_SetMediaItemSelected(bass, False)
        rpr.RPR_SetMediaItemSelected(keys, True)
        actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert heard_spans(rpr, drums)[:2] == [(0.0, 8.0), (8.0, 12.0)]
        rpr.RPR_SetMediaItemSelected(bass, True)
        rpr.RPR_SetMediaItemSelected(keys, False)
        # a faster tempo from bar 7 moves the items after it, in seconds
        rpr.RPR_SetTempoTimeSigMarker(0, -1, rpr.RPR_TimeMap2_QNToTime(0, 24.0), -1, -1, 120, 0, 0, False)
        rpr.RPR_Undo_OnStateChangeEx2(0, "tempo", -1, -1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert res["kept_edited"] == [] and heard_spans(rpr, drums)[:2] == [(0.0, 8.0), (8.0, 16.0)]
        first = rpr.RPR_GetTrackMediaItem(drums, 0)  # moved a bar later, whole: still ReaGroove's as written
        rpr.RPR_SetMediaItemInfo_Value(first, "D_POSITION", rpr.RPR_TimeMap2_QNToTime(0, 4.0))
        rpr.RPR_Undo_OnStateChangeEx2(0, "move item", -1, -1)
        assert actions.drumify_selection(bridge, engine(), Settings(seed=3))["kept_edited"] == []

        item = next(it for it in map(lambda i: rpr.RPR_GetTrackMediaItem(drums, i),
                                     range(rpr.RPR_CountTrackMediaItems(drums)))
                    if abs(rpr.RPR_GetMediaItemInfo_Value(it, "D_POSITION") - rpr.RPR_TimeMap2_QNToTime(0, 8.0)) < 1e-6)
        rpr.RPR_SetMediaItemInfo_Value(item, "D_LENGTH", rpr.RPR_TimeMap2_QNToTime(0, 14.0)
                                       - rpr.RPR_TimeMap2_QNToTime(0, 8.0))
        rpr.RPR_Undo_OnStateChangeEx2(0, "trim item", -1, -1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        assert res["kept_edited"] == [[8.0, 16.0]]
        assert [sp for sp in heard_spans(rpr, drums) if sp[0] < 16.0 and sp[1] > 8.0] == [(8.0, 14.0)]


def drum_notes(bridge):
    return [(i["start_qn"], [tuple(n) for n in i["notes"]]) for i in bridge.call("drum_track_items")["items"]]


def test_a_fill_played_on_channel_1_on_the_drum_track_is_drums_not_bass_when_selected_with_the_bass():
    """Select all (the bass, and the producer's own fill on the drum track, played from a keyboard on channel
    1 into a drum instrument that hears every channel) and Drumify: the fill's kick and snare were read as the
    band, the bass part too (low notes), so the new drums doubled it. What is on the drum track is drums: left
    out of the band's input as any drum part is, and said."""
    with reapy_inside(song(bars=4), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        drums = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_DeleteTrackMediaItem(drums, rpr.RPR_GetTrackMediaItem(drums, 1))
        fill = played_item(rpr, drums, 8.0, 16.0, chan=0, pitches=(36, 38, 38, 38))
        rpr.RPR_DeleteTrackMediaItem(drums, rpr.RPR_GetTrackMediaItem(drums, 0))  # bars 1-2 for this run
        rpr.RPR_SelectAllMediaItems(0, True)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert any("left out of the input" in m for m in res["messages"]), res["messages"]
        with_fill = drum_notes(bridge)
        rpr.RPR_Undo_DoUndo2(0)
        rpr.RPR_SetMediaItemSelected(fill, False)
        actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert drum_notes(bridge) == with_fill  # the same drums as for the bass alone


def test_the_console_and_the_editor_say_kept_items_alike():
    from reagroove.reaper_ext.actions import kept_note

    assert kept_note({"kept_edited": []}) == ""
    assert kept_note({"kept_edited": [1]}) == "; kept 1 item you edited, muted, locked or played yourself"
    assert kept_note({"kept_edited": [1, 2]}) == "; kept 2 items you edited, muted, locked or played yourself"
