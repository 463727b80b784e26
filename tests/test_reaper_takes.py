"""Items with several takes and other odd items, as a producer selects them in REAPER."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError


def riff(spec, track, start_qn=0.0, length_qn=16.0, n=16, name="riff", pitch=40):
    step = length_qn / n
    spec.add_midi_item(track, start_qn=start_qn, length_qn=length_qn, selected=True, name=name,
                       notes=[(k * step, step / 2, pitch, 100) for k in range(n)])


def state(s):
    """Every item's takes, notes and values: what must never change under an action."""
    return [(it.values, it.active, [(tk.name, tk.values, [n.as_tuple() for n in tk.notes]) for tk in it.takes])
            for tr in s.reaper.project.tracks for it in tr.items]


def pitches(sel):
    return sorted({int(p) for p in sel.content.notes.pitch})


# ---------------------------------------------------------------- the active take empty, another holding notes


@pytest.mark.parametrize("empty", ["no source", "no notes"])
def test_an_item_whose_active_take_is_empty_says_which_take_holds_the_notes(empty):
    """A bass item recorded twice, the producer left on an empty take (an empty take added, or a MIDI take
    with nothing played): Drumify said 'only items without MIDI or audio selected' or 'hold no notes'. It names
    the item, says its active take is empty and which take holds notes, and how to switch."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"), name="bass take")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        item = s.reaper.project.tracks[0].items[0]
        if empty == "no source":
            take = rpr.RPR_AddTakeToMediaItem(rpr.RPR_GetSelectedMediaItem(0, 0))
            rpr.RPR_SetActiveTake(take)
        else:
            s.reaper.add_midi_take(item, name="", active=True)
        before = state(s)
        with pytest.raises(ReaperError, match=r"its active take \(take 2\) is empty; take 1 \('bass take'\) "
                                              r"holds notes: switch takes with T"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert state(s) == before and not s.reaper.undo_names
        # beside another item that plays: drums for that one, and the empty take said
        keys = s.reaper.create_midi_item(s.reaper.project.tracks[0], 8.0, 16.0)
        s.reaper.add_midi_take(keys, [(k * 1.0, 0.5, 60, 100) for k in range(16)], name="keys", active=True)
        keys.values["B_UISEL"] = 1.0
        sel = actions.read_selection(LocalBridge())
        assert pitches(sel) == [60]
        assert "left out an item on track 1: its active take (take 2) is empty; take 1 ('bass take') holds " \
               "notes: switch takes with T" in sel.messages


# ---------------------------------------------------------------- play all takes


def test_an_item_playing_all_its_takes_is_read_whole():
    """A doubled bass part recorded as two takes of one item with 'play all takes' on (B_ALLTAKESPLAY): REAPER
    plays both, the drums followed only the active one. Every take that plays is read; with the option off,
    the active take alone."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"), name="bass")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        item = s.reaper.project.tracks[0].items[0]
        s.reaper.add_midi_take(item, [(k * 0.5 + 0.25, 0.25, 52, 90) for k in range(32)], name="octave")
        assert pitches(actions.read_selection(LocalBridge())) == [40]
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetSelectedMediaItem(0, 0), "B_ALLTAKESPLAY", 1)
        sel = actions.read_selection(LocalBridge())
        assert pitches(sel) == [40, 52]
        assert sel.content.notes.pitch.size == 16 + 32
        # a take at -inf among them is not heard
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetTake(rpr.RPR_GetSelectedMediaItem(0, 0), 1), "D_VOL", 0.0)
        assert pitches(actions.read_selection(LocalBridge())) == [40]
        before = state(s)
        assert actions.drumify_selection(LocalBridge(), engine(), Settings())["written"]
        assert state(s)[0] == before[0]


# ---------------------------------------------------------------- a selection holding only a pickup


def drum_spans():
    return [(i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"]]


@pytest.mark.parametrize("meter", ["4/4", "pickup bar"])
def test_a_selection_holding_only_a_pickup_says_so_and_writes_nothing(meter):
    """The pickup item alone selected (beats 3-4 of bar 1, QN 2-4, leading into the verse's item): a full bar
    of drums was written from QN 0, before anything selected plays, cutting the drums already there. The
    README says a pickup is left out and the drums come in on the bar it leads into: that bar is not
    selected, so the producer is told to select it too. (A project opening with a 2/4 pickup bar, its pickup
    item alone: the same.)"""
    spec = ProjectSpec(bpm=120, timesig=(4, 4) if meter == "4/4" else (2, 4))
    if meter != "4/4":
        spec.tempo_marker(120, qn=2, timesig=(4, 4))
    bass = spec.add_track("Bass")
    lo = 2.0 if meter == "4/4" else 0.0
    spec.add_midi_item(bass, start_qn=lo, end_qn=lo + 2, selected=True, name="pickup",
                       notes=[(k * 0.5, 0.25, 40 + k, 100) for k in range(4)])
    spec.add_midi_item(bass, start_qn=lo + 2, end_qn=lo + 18, name="verse",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        before = state(s)
        bar = 2  # the ruler numbers the 2/4 pickup bar 1 too
        with pytest.raises(ReaperError, match=rf"the selection holds only a pickup into bar {bar}: select the "
                                              rf"bars? it leads into too"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert state(s) == before and not s.reaper.undo_names
        # with the verse selected too: the drums come in on the verse's bar, as before
        s.rpr.RPR_SelectAllMediaItems(0, True)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert drum_spans()[0][0] == lo + 2
        assert f"the selection opens with a pickup into bar {bar}: the drums come in there" in res["messages"]


# ---------------------------------------------------------------- an audio take tightened with stretch markers


def test_an_audio_take_tightened_with_stretch_markers_is_read_as_heard(tmp_path):
    """A bass take played at 110 BPM into a 100 BPM song, each note pulled onto its beat with stretch markers:
    REAPER plays the notes on the beats, the drums followed the file as recorded (drifting a beat behind by
    bar 2, and a ninth note the item no longer plays). The markers are followed; the take is untouched."""
    import numpy as np
    import soundfile as sf
    from audio_synth import grid_onsets, render

    lead, n = 0.5, 12
    onsets = grid_onsets(np.arange(n) * 4, 110.0, lead)  # quarters at 110 BPM, from 0.5 s
    path = tmp_path / "rushed.wav"
    sf.write(path, render(onsets, np.ones(n), timbre="pluck", sr=22050, duration_s=onsets[-1] + 0.6, seed=2), 22050)
    spec = ProjectSpec(bpm=100)
    spec.add_audio_item(spec.add_track("Bass"), path, start_qn=8, length_qn=7.5, startoffs=lead, selected=True,
                        name="bass di")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        take = rpr.RPR_GetActiveTake(rpr.RPR_GetSelectedMediaItem(0, 0))
        for k in range(9):  # each note, from the item start: note k heard on beat k (0.6 s at 100 BPM)
            rpr.RPR_SetTakeStretchMarker(take, -1, k * 0.6, float(onsets[k]))
        before = state(s)
        starts = np.sort(actions.read_selection(LocalBridge()).content.notes.start)
        assert len(starts) == 8 and np.abs(starts - np.arange(8, 16)).max() < 0.1, starts
        assert state(s) == before
        assert [m[1] for m in s.reaper.project.tracks[0].items[0].takes[0].stretch_markers] == list(onsets[:9])


def test_play_all_takes_with_the_active_take_turned_down_reads_the_others():
    """'Play all takes', the active take's volume at -inf (the double kept, the first take silenced): the item
    was left out as 'item volume down' and the drums refused. The takes still heard are read."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"), name="bass")
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        item = rpr.RPR_GetSelectedMediaItem(0, 0)
        s.reaper.add_midi_take(s.reaper.project.tracks[0].items[0], [(k * 1.0, 0.5, 52, 90) for k in range(16)],
                               name="octave")
        rpr.RPR_SetMediaItemInfo_Value(item, "B_ALLTAKESPLAY", 1)
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(item), "D_VOL", 0.0)
        sel = actions.read_selection(LocalBridge())
        assert pitches(sel) == [52] and not sel.messages
        # without 'play all takes' the item is silent, as before
        rpr.RPR_SetMediaItemInfo_Value(item, "B_ALLTAKESPLAY", 0)
        with pytest.raises(ReaperError, match="item volume down"):
            actions.read_selection(LocalBridge())


def test_an_active_take_whose_notes_are_all_muted_is_not_called_empty():
    """The active take's notes muted in the MIDI editor, the part on another take: it is not empty (its notes
    are there), it plays none."""
    spec = ProjectSpec(bpm=120)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=16, selected=True, name="guide",
                       notes=[(k * 1.0, 0.5, 40, 100, 0, False, True) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        s.reaper.add_midi_take(s.reaper.project.tracks[0].items[0], [(k * 1.0, 0.5, 43, 100) for k in range(16)],
                               name="keeper")
        with pytest.raises(ReaperError, match=r"'guide' plays nothing: its active take \(take 1\) plays no notes; "
                                              r"take 2 \('keeper'\) holds notes: switch takes with T"):
            actions.read_selection(LocalBridge())


# ---------------------------------------------------------------- items whose source is no audio file


@pytest.mark.parametrize("file, kind", [("strings.rpp", "a subproject"), ("band.mp4", "a video")])
def test_a_subproject_or_video_item_in_the_selection_is_left_out_not_fatal(tmp_path, file, kind):
    """The bass selected with a subproject (the string arrangement) or a video item across the same bars:
    Drumify failed whole ('not a readable audio file'). That item is left out and said; the bass gets its
    drums."""
    path = tmp_path / file
    path.write_text('<REAPER_PROJECT 0.1 "7.0"\n>\n')
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"), name="bass")
    spec.add_audio_item(spec.add_track("Strings"), path, start_qn=0, length_qn=16, selected=True, name="strings")
    with reapy_inside(spec, purge=PURGE) as s:
        before = state(s)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert res["written"]
        assert f"left out 'strings': {kind}, whose sound is not read (render it to a new take to drum to it)" \
            in res["messages"]
        assert state(s)[:2] == before
