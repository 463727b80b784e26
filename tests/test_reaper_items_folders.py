"""Where the drum track goes for a band selected inside folders, as producers lay out their tracks."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine, reaper_process  # noqa: F401  (reaper_process: the distant-mode fixture)
from test_reaper_project_layouts import folders, live_take, names_depths_parents, riff

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, live_follow
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge


def run(action):
    if action == "drumify":
        actions.drumify_selection(LocalBridge(), engine(), Settings())
    else:
        actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2)


NEW = {"drumify": ["ReaGroove Drums"], "variations": ["ReaGroove Var 1", "ReaGroove Var 2"]}


@pytest.mark.parametrize("action", ["drumify", "variations"])
def test_a_bass_di_inside_the_bass_folder_gets_its_drums_after_the_folder_not_through_the_bass_amp(action):
    """Bass folder (the amp sim and bus compressor on it) > Bass DI, Bass Amp; the item on the DI: the drum
    track went right under the DI, inside the folder, so the drums played through the bass amp. They go after
    the folder, as they do for an item on the folder track itself or on its last track."""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Bass bus")
    di = spec.add_track("Bass DI")
    spec.add_track("Bass Amp")
    spec.add_track("Keys")
    riff(spec, di)
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, [1, 0, -1, 0])
        run(action)
        got = names_depths_parents(s.rpr)
        assert [name for name, _, _ in got] == ["Bass bus", "Bass DI", "Bass Amp", *NEW[action], "Keys"]
        assert all(parent is None for name, _, parent in got if name.startswith("ReaGroove"))
        assert got[2] == ("Bass Amp", -1, "Bass bus")  # the producer's folder as it was
        s.rpr.RPR_Undo_DoUndo2(0)
        assert [name for name, _, _ in names_depths_parents(s.rpr)] == ["Bass bus", "Bass DI", "Bass Amp", "Keys"]


@pytest.mark.parametrize("selected", [("Bass",), ("Keys",), ("Bass", "Keys")])
def test_a_band_folder_gets_its_drums_in_one_place_whichever_of_its_tracks_is_selected(selected):
    """Band folder > Bass, Keys (overlapping items of different lengths): with the keys (the folder's last
    track) selected the drums went after the folder, with the bass alone between Bass and Keys inside it, a
    second drum layout for the same band. They go after the folder every time, one drum track."""
    spec = ProjectSpec(bpm=120)
    tracks = {name: spec.add_track(name) for name in ("Band", "Bass", "Keys", "Vox")}
    if "Bass" in selected:
        riff(spec, tracks["Bass"], length_qn=32, n=64)
    if "Keys" in selected:
        spec.add_midi_item(tracks["Keys"], start_qn=8, length_qn=16, selected=True, name="keys",
                           notes=[(k * 1.0, 0.9, 60, 90) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, [1, 0, -1, 0])
        run("drumify")
        assert names_depths_parents(s.rpr) == [("Band", 1, None), ("Bass", 0, "Band"), ("Keys", -1, "Band"),
                                               ("ReaGroove Drums", 0, None), ("Vox", 0, None)]
        run("variations")  # under the drum track, with it
        assert [name for name, _, _ in names_depths_parents(s.rpr)] == [
            "Band", "Bass", "Keys", "ReaGroove Drums", "ReaGroove Var 1", "ReaGroove Var 2", "Vox"]


def test_a_di_in_a_bass_folder_inside_a_band_folder_gets_drums_after_the_bass_folder_in_the_band():
    """Band > (Bass folder > DI, Amp), Keys; the item on the DI: the drums go after the bass folder, still in
    the band (as for an item on the bass folder track), not through the bass amp."""
    spec = ProjectSpec(bpm=120)
    for name in ("Band", "Bass bus", "Bass DI", "Bass Amp", "Keys"):
        spec.add_track(name)
    riff(spec, 2)
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, [1, 1, 0, -1, -1])
        run("drumify")
        assert names_depths_parents(s.rpr)[3:] == [("Bass Amp", -1, "Bass bus"), ("ReaGroove Drums", 0, "Band"),
                                                   ("Keys", -1, "Band")]


def test_live_follow_played_on_a_di_inside_the_bass_folder_writes_its_drums_after_the_folder():
    spec = ProjectSpec(bpm=120)
    for name in ("Bass bus", "Bass DI", "Bass Amp", "Pad"):
        spec.add_track(name)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        folders(rpr, [1, 0, -1, 0])
        di = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_SetMediaTrackInfo_Value(di, "I_RECARM", 1)
        rpr.RPR_SetMediaTrackInfo_Value(di, "I_RECINPUT", 4096 + (63 << 5))
        live_take(s, live_follow.LiveFollower(LocalBridge(), engine(), Settings(), memory=0.9), 0.0, 8.0)
        got = names_depths_parents(rpr)
        assert [name for name, _, _ in got] == ["Bass bus", "Bass DI", "Bass Amp", "ReaGroove Drums", "Pad"]
        assert got[3][2] is None


def test_through_reapys_server_a_band_folders_bass_gets_its_drums_after_the_folder(reaper_process):  # noqa: F811
    """The same placement with the engine outside REAPER, through reapy's server on loopback."""
    spec = ProjectSpec(bpm=120)
    for name in ("Band", "Bass", "Keys", "Vox"):
        spec.add_track(name)
    riff(spec, 1)
    assert drumify_through_server(reaper_process, spec, [1, 0, -1, 0]) == [
        ("Band", 1), ("Bass", 0), ("Keys", -1), ("ReaGroove Drums", 0), ("Vox", 0)]


def drumify_through_server(reaper_process, spec, depths) -> list[tuple]:
    """Drumify of the selection in a REAPER process (reapy's server on loopback) whose tracks have these folder
    depths: (name, depth) of each track after it."""
    proc, port = reaper_process(spec)
    proc.exec("for i, d in enumerate(depths): rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, i), "
              "'I_FOLDERDEPTH', d)\nresult = None", depths=depths)
    bridge = DistantBridge(port)
    try:
        assert actions.drumify_selection(bridge, engine(), Settings())["written"]
    finally:
        bridge.close()
    got = proc.exec("result = [(t.name, t.values['I_FOLDERDEPTH']) for t in reaper.project.tracks]")
    return [tuple(t) for t in got]


def move_track(s, src, dst):
    """The producer drags track `src` to index `dst` (one undo point)."""
    tracks = s.reaper.project.tracks
    tracks.insert(dst, tracks.pop(src))
    s.rpr.RPR_Undo_OnStateChangeEx2(0, "move track", -1, -1)


def test_variations_go_under_the_drum_track_the_producer_moved_to_the_top():
    """Drums first in the track list, as many producers keep them: Variations put its tracks under the bass,
    half a project away from the drum track they are versions of. The README has them under the drum track."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        run("drumify")
        move_track(s, 1, 0)
        run("variations")
        assert [name for name, _, _ in names_depths_parents(s.rpr)] == [
            "ReaGroove Drums", "ReaGroove Var 1", "ReaGroove Var 2", "Bass", "Keys"]
        run("variations")  # numbered on, after the first run's
        assert [name for name, _, _ in names_depths_parents(s.rpr)][:5] == [
            "ReaGroove Drums", "ReaGroove Var 1", "ReaGroove Var 2", "ReaGroove Var 3", "ReaGroove Var 4"]


def test_variations_of_drums_in_a_drum_bus_folder_go_in_the_bus_with_them():
    """The drum track moved into the producer's drum bus folder (its last track): the variations went under
    the bass, outside the bus. They go under the drum track, inside the bus, the last of them closing it; one
    undo point takes them back and leaves the folder as it was."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    spec.add_track("Keys")
    spec.add_track("Drum bus")
    with reapy_inside(spec, purge=PURGE) as s:
        run("drumify")
        move_track(s, 1, 3)
        folders(s.rpr, [0, 0, 1, -1])
        before = names_depths_parents(s.rpr)
        run("variations")
        assert names_depths_parents(s.rpr) == [
            ("Bass", 0, None), ("Keys", 0, None), ("Drum bus", 1, None), ("ReaGroove Drums", 0, "Drum bus"),
            ("ReaGroove Var 1", 0, "Drum bus"), ("ReaGroove Var 2", -1, "Drum bus")]
        run("variations")
        assert names_depths_parents(s.rpr)[-3:] == [
            ("ReaGroove Var 2", 0, "Drum bus"), ("ReaGroove Var 3", 0, "Drum bus"), ("ReaGroove Var 4", -1, "Drum bus")]
        s.rpr.RPR_Undo_DoUndo2(0)
        s.rpr.RPR_Undo_DoUndo2(0)
        assert names_depths_parents(s.rpr) == before


@pytest.mark.parametrize("selected", ["Bass bus", "Bass DI"])
def test_the_bass_folder_track_and_its_di_inside_a_band_folder_get_their_drums_in_one_place(selected):
    """Band > (Bass bus > DI, Amp), Keys: an item on the bass folder track or on its DI, the drums go after the
    bass folder, inside the band, both times."""
    spec = ProjectSpec(bpm=120)
    names = ("Band", "Bass bus", "Bass DI", "Bass Amp", "Keys")
    for name in names:
        spec.add_track(name)
    riff(spec, names.index(selected))
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, [1, 1, 0, -1, -1])
        run("drumify")
        assert names_depths_parents(s.rpr)[4] == ("ReaGroove Drums", 0, "Band")
