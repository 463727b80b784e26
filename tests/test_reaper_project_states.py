"""What Drumify, Variations and Set pattern read from a REAPER project in strange but real states: looped
MIDI sources with notes past their end, items holding no notes, selections of tracks instead of items."""
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def state(s):
    """Every item's takes, notes and values: what must never change under an action."""
    return [(it.values, it.active, [(tk.name, tk.values, [n.as_tuple() for n in tk.notes]) for tk in it.takes])
            for tr in s.reaper.project.tracks for it in tr.items]


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
        assert state(s)[0] == before[0] and len(s.reaper.undo_names) == 1
