"""The REAPER actions on projects as producers have them: folders, trimmed and mid-bar items, and the like."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
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
