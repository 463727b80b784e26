"""What Drumify, Variations and Set pattern read from a REAPER project in strange but real states: looped
MIDI sources with notes past their end, items holding no notes, selections of tracks instead of items."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError


def state(s):
    """Every item's takes, notes and values on the band's tracks (ReaGroove's own left out): what must never
    change under an action."""
    return [(tr.name, [(it.values, it.active, [(tk.name, tk.values, [n.as_tuple() for n in tk.notes],
                                                [(c.pos, c.message()) for c in tk.ccs]) for tk in it.takes])
                       for it in tr.items]) for tr in s.reaper.project.tracks if not tr.name.startswith("ReaGroove")]


def onsets(sel):
    return sorted(round(float(q), 6) for q in sel.content.notes.start)


def drum_spans():
    return [(i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"]]


# ---------------------------------------------------------------- a looped source with notes past its end


def test_notes_past_a_looped_sources_end_are_not_heard_nor_folded_onto_its_start():
    """A 2-bar MIDI loop (its source 8 QN) holding notes past its end (imported from a file whose last notes
    overhang, or drawn past the loop end), dragged out to 4 bars with 'loop source' on: REAPER plays the
    source's 8 QN on each pass and none of the notes past it. They were folded onto the start of every pass,
    doubling beats 1-4 of each loop in the groove."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, end_qn=8, selected=True, name="loop",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(12)])
    with reapy_inside(spec, purge=PURGE) as s:
        item = s.rpr.RPR_GetSelectedMediaItem(0, 0)
        s.rpr.RPR_SetMediaItemInfo_Value(item, "B_LOOPSRC", 1)
        s.rpr.RPR_SetMediaItemInfo_Value(item, "D_LENGTH", 8.0)  # 16 QN at 120 bpm: two passes
        assert onsets(actions.read_selection(LocalBridge())) == [float(k) for k in range(16)]
        before = state(s)
        assert actions.drumify_selection(LocalBridge(), engine(), Settings())["written"]
        assert drum_spans() == [(0.0, 8.0), (8.0, 16.0)]
        assert state(s) == before and len(s.reaper.undo_names) == 1


# ---------------------------------------------------------------- items that play no notes beside the part


def pedal_lane(spec, track, start_qn, end_qn, kind):
    """A MIDI item playing no notes: a sustain pedal lane split off the keys part, pitch bends, a sysex
    patch dump, or an empty MIDI item ('Insert new MIDI item' never played into)."""
    ccs = {"pedal": [(k * 1.0, 0xB0, 0, 64, 127 * (k % 2)) for k in range(int(end_qn - start_qn))],
           "bend": [(k * 0.5, 0xE0, 0, 0, 64 + k % 8) for k in range(8)], "empty": []}.get(kind, [])
    # every note muted (a part silenced note by note), or all of them past the item's end (trimmed away)
    notes = {"muted": [(k * 1.0, 0.5, 60, 90, 0, False, True) for k in range(8)],
             "trimmed": [(end_qn - start_qn + k, 0.5, 60, 90) for k in range(8)]}.get(kind, [])
    spec.add_midi_item(track, start_qn=start_qn, end_qn=end_qn, selected=True, name=f"keys {kind}", ccs=ccs,
                       notes=notes)


@pytest.mark.parametrize("kind", ["pedal", "bend", "empty", "muted", "trimmed"])
def test_an_item_playing_no_notes_beside_the_part_sets_no_bars_of_drums_and_is_said(kind):
    """The bass (bars 1-4) selected with a keys item of bars 5-8 that holds only its sustain pedal (or pitch
    bends, nothing, or notes all muted or trimmed away): Drumify wrote 8 bars of drums, the last 4 over nothing
    played, and said nothing. The drums follow the bass's 4 bars, and the producer reads which item was left
    out and why."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, end_qn=16, selected=True, name="bass",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(16)])
    pedal_lane(spec, spec.add_track("Keys"), 16, 32, kind)
    with reapy_inside(spec, purge=PURGE) as s:
        before = state(s)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert drum_spans() == [(0.0, 8.0), (8.0, 16.0)]
        why = {"pedal": "only controller or pitch-bend events, no notes",
               "bend": "only controller or pitch-bend events, no notes", "empty": "an empty MIDI item",
               "muted": "every note muted", "trimmed": "its notes lie outside the item (trimmed away)"}[kind]
        assert f"left out 'keys {kind}': {why}" in res["messages"]
        assert state(s) == before and len(s.reaper.undo_names) == 1


def test_a_selection_of_items_playing_no_notes_says_what_each_holds():
    """Only the keys' pedal lane selected: 'the selected items hold no notes' named neither the item nor what
    it holds; it says both, and writes nothing."""
    spec = ProjectSpec(bpm=120)
    pedal_lane(spec, spec.add_track("Keys"), 0, 16, "pedal")
    with reapy_inside(spec, purge=PURGE) as s:
        with pytest.raises(ReaperError, match=r"^the selected items hold no notes \('keys pedal': only controller "
                                              r"or pitch-bend events, no notes\)$"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert not s.reaper.undo_names and len(s.reaper.project.tracks) == 1


def test_an_empty_item_beside_the_part_is_said_as_left_out():
    """A text note item ('Insert empty item', a lyric or cue written in it) swept into the selection with the
    bass: it was dropped without a word. The drums follow the bass, and the note says the empty item was left
    out."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, end_qn=16, selected=True, name="bass",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        r = s.rpr
        item = r.RPR_AddMediaItemToTrack(r.RPR_GetTrack(0, 0))
        r.RPR_SetMediaItemInfo_Value(item, "D_POSITION", 8.0)
        r.RPR_SetMediaItemInfo_Value(item, "D_LENGTH", 8.0)
        r.RPR_GetSetMediaItemInfo_String(item, "P_NOTES", "chorus: big", True)
        r.RPR_SetMediaItemSelected(item, True)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert drum_spans() == [(0.0, 8.0), (8.0, 16.0)]
        assert "left out an item on track 1: an empty item (no take)" in res["messages"]
        assert r.RPR_GetSetMediaItemInfo_String(item, "P_NOTES", "", False)[3] == "chorus: big"


# ---------------------------------------------------------------- an item left out beside the part


@pytest.mark.parametrize("path, why", [("film.mp4", "a video, whose sound is not read"),
                                       ("song.RPP", "a subproject, whose sound is not read"),
                                       ("gone.wav", "")])
def test_a_video_or_subproject_under_the_whole_song_sets_no_bars_of_drums(tmp_path, path, why):
    """The bass (bars 1-4) selected with the film's video item (or a subproject, or an audio file gone
    offline) running 8 bars: the video was left out and said, yet the drums ran its 8 bars, 4 of them over
    nothing the drums follow. They follow the bass's bars (still under both tracks, as under any selection)."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0, end_qn=16, selected=True, name="bass",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(16)])
    spec.add_audio_item(spec.add_track("Video"), tmp_path / path, start_qn=0, length_qn=32, selected=True,
                        name="picture")
    with reapy_inside(spec, purge=PURGE) as s:
        before = state(s)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert drum_spans() == [(0.0, 8.0), (8.0, 16.0)]
        assert [m for m in res["messages"] if m.startswith("left out 'picture': " + why)]
        assert [tr.name for tr in s.reaper.project.tracks] == ["Bass", "Video", "ReaGroove Drums"]
        assert state(s) == before and len(s.reaper.undo_names) == 1


# ---------------------------------------------------------------- a track selected instead of its items


@pytest.mark.parametrize("action", ["drumify", "variations", "pattern"])
def test_a_folder_track_selected_instead_of_its_items_says_how_to_select_them(action):
    """The band's folder track selected (its bass inside), no item: '(nothing selected)' left the producer
    looking at a selected folder. The error names the folder and says it selects none of the items in it;
    nothing is written. (Any other track selected, as the one last clicked always is, is not named.)"""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Band", selected=True)
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, end_qn=16, name="bass",
                       notes=[(k * 1.0, 0.5, 40, 100) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        s.rpr.RPR_SetMediaTrackInfo_Value(s.rpr.RPR_GetTrack(0, 0), "I_FOLDERDEPTH", 1)
        before = state(s)
        run = {"drumify": lambda: actions.drumify_selection(LocalBridge(), engine(), Settings()),
               "variations": lambda: actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2),
               "pattern": lambda: actions.pattern_from_selection(LocalBridge(), "reaper-A")}[action]
        with pytest.raises(ReaperError, match=r"^select one or more MIDI or audio items .*\(nothing selected but the "
                                              r"folder track 'Band', which selects none of the items in it: click "
                                              r"them, or drag over them\)$"):
            run()
        assert state(s) == before and not s.reaper.undo_names and len(s.reaper.project.tracks) == 2
