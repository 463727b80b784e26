"""A band mixed in a bus folder ("Band" > Bass, Keys, Guitar: the glue compressor and the band fader on the
folder): the drums for the bass went after the folder, outside the bus the band is mixed in. A folder holding
another part is a band bus: the drum track goes at its end, inside it. A folder of the bass alone (DI and amp
tracks, the amp sim on the folder) still gets its drums after it (tests/test_reaper_items_folders.py)."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine, reaper_process  # noqa: F401  (reaper_process: the distant-mode fixture)
from test_reaper_items_folders import drumify_through_server, run
from test_reaper_project_layouts import folders, live_take, names_depths_parents, riff

from reagroove.core.settings import Settings
from reagroove.reaper_ext import live_follow
from reagroove.reaper_ext.bridge import LocalBridge

KEYS = [(k * 1.0, 0.9, 60, 90) for k in range(16)]
GUITAR = [(k * 2.0 + 1.0, 0.5, 55, 80) for k in range(8)]


def band(*, bass_folder=False):
    """Band > Bass (or the Bass folder > Bass DI, Bass Amp), Keys, Guitar; then Vox. The bass riff selected on
    its track (the DI); the keys and guitar have parts of their own. (spec, folder depths)."""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Band")
    if bass_folder:
        spec.add_track("Bass")
        riff(spec, spec.add_track("Bass DI"))
        spec.add_track("Bass Amp")
    else:
        riff(spec, spec.add_track("Bass"))
    spec.add_midi_item(spec.add_track("Keys"), start_qn=0, length_qn=16, name="keys", notes=KEYS)
    spec.add_midi_item(spec.add_track("Guitar"), start_qn=0, length_qn=16, name="gtr", notes=GUITAR)
    spec.add_track("Vox")
    return spec, ([1, 1, 0, -1, 0, -1, 0] if bass_folder else [1, 0, 0, -1, 0])


@pytest.mark.parametrize("action", ["drumify", "variations"])
def test_the_bass_in_a_band_bus_gets_its_drums_inside_the_bus(action):
    spec, depths = band()
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, depths)
        before = names_depths_parents(s.rpr)
        run(action)
        new = ["ReaGroove Drums"] if action == "drumify" else ["ReaGroove Var 1", "ReaGroove Var 2"]
        assert names_depths_parents(s.rpr) == [
            ("Band", 1, None), ("Bass", 0, "Band"), ("Keys", 0, "Band"), ("Guitar", 0, "Band"),
            *[(name, -1 if name == new[-1] else 0, "Band") for name in new], ("Vox", 0, None)]
        s.rpr.RPR_Undo_DoUndo2(0)  # one undo point: the folder as the producer had it
        assert names_depths_parents(s.rpr) == before


def test_variations_after_drumify_go_under_the_drum_track_in_the_band_bus():
    spec, depths = band()
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, depths)
        run("drumify")
        run("variations")
        assert names_depths_parents(s.rpr)[3:] == [
            ("Guitar", 0, "Band"), ("ReaGroove Drums", 0, "Band"), ("ReaGroove Var 1", 0, "Band"),
            ("ReaGroove Var 2", -1, "Band"), ("Vox", 0, None)]


def test_a_bass_folder_in_a_band_bus_keeps_the_drums_out_of_the_bass_amp_but_in_the_band():
    """Band > (Bass > Bass DI, Bass Amp), Keys, Guitar; the riff on the DI: the drums at the band's end."""
    spec, depths = band(bass_folder=True)
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, depths)
        run("drumify")
        assert names_depths_parents(s.rpr) == [
            ("Band", 1, None), ("Bass", 1, "Band"), ("Bass DI", 0, "Bass"), ("Bass Amp", -1, "Bass"),
            ("Keys", 0, "Band"), ("Guitar", 0, "Band"), ("ReaGroove Drums", -1, "Band"), ("Vox", 0, None)]


def test_a_bass_folder_last_in_the_band_bus_closes_only_itself_after_the_drums_come_in():
    """Band > Keys, Guitar, (Bass > Bass DI, Bass Amp); the riff on the DI: the amp track closed both folders, and
    the drums go after it, still in the band (the amp closing the bass folder alone now)."""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Band")
    spec.add_midi_item(spec.add_track("Keys"), start_qn=0, length_qn=16, name="keys", notes=KEYS)
    spec.add_midi_item(spec.add_track("Guitar"), start_qn=0, length_qn=16, name="gtr", notes=GUITAR)
    spec.add_track("Bass")
    riff(spec, spec.add_track("Bass DI"))
    spec.add_track("Bass Amp")
    spec.add_track("Vox")
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, [1, 0, 0, 1, 0, -2, 0])
        run("drumify")
        assert names_depths_parents(s.rpr)[3:] == [
            ("Bass", 1, "Band"), ("Bass DI", 0, "Bass"), ("Bass Amp", -1, "Bass"), ("ReaGroove Drums", -1, "Band"),
            ("Vox", 0, None)]


@pytest.mark.parametrize("second", ["Bass Amp", "Synth"])
def test_a_bass_folder_whose_other_track_plays_the_same_bass_is_no_band_bus(second):
    """Bass > Bass DI (the riff), and a second track with items of its own playing the same bass: the amp's
    track named for the bass, or a synth doubling the riff note for note. Not another part: the drums go after
    the bass folder, never through its amp."""
    spec = ProjectSpec(bpm=120)
    spec.add_track("Bass")
    riff(spec, spec.add_track("Bass DI"))
    other = spec.add_track(second)
    if second == "Synth":
        spec.add_midi_item(other, start_qn=0, length_qn=16, name="riff",
                           notes=[(k * 1.0, 0.5, 40, 100) for k in range(16)])
    else:
        spec.add_midi_item(other, start_qn=0, length_qn=16, name="reamp", notes=KEYS)
    spec.add_track("Keys")
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, [1, 0, -1, 0])
        run("drumify")
        assert [name for name, _, _ in names_depths_parents(s.rpr)] == ["Bass", "Bass DI", second,
                                                                         "ReaGroove Drums", "Keys"]
        assert names_depths_parents(s.rpr)[3][2] is None


def test_live_follow_played_on_the_bass_in_a_band_bus_writes_its_drums_inside_the_bus():
    spec, depths = band()
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        folders(rpr, depths)
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), 0), False)
        bass = rpr.RPR_GetTrack(0, 1)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
        rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECINPUT", 4096 + (63 << 5))
        live_take(s, live_follow.LiveFollower(LocalBridge(), engine(), Settings(), memory=0.9), 16.0, 6.0)
        assert names_depths_parents(rpr)[3:] == [("Guitar", 0, "Band"), ("ReaGroove Drums", -1, "Band"),
                                                 ("Vox", 0, None)]


def test_through_reapys_server_the_bass_in_a_band_bus_gets_its_drums_inside_the_bus(reaper_process):  # noqa: F811
    spec, depths = band()
    assert drumify_through_server(reaper_process, spec, depths) == [
        ("Band", 1), ("Bass", 0), ("Keys", 0), ("Guitar", 0), ("ReaGroove Drums", -1), ("Vox", 0)]


@pytest.mark.parametrize("family, parts", [("Guitars", ("Rhythm", "Lead")), ("Keys", ("Piano", "Rhodes"))])
def test_a_folder_of_one_instrument_family_is_not_the_band_bus(family, parts):
    """Guitars > Rhythm (the riff selected), Lead; then Bass: the guitar bus's FX are for guitars, so the drums go
    after that folder, as after a bass folder; inside an outer Band folder they still go at the band's end."""
    for outer in (False, True):
        spec = ProjectSpec(bpm=120)
        if outer:
            spec.add_track("Band")
        spec.add_track(family)
        riff(spec, spec.add_track(parts[0]))
        spec.add_midi_item(spec.add_track(parts[1]), start_qn=0, length_qn=16, name="lead", notes=GUITAR)
        spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=16, name="bass", notes=KEYS)
        with reapy_inside(spec, purge=PURGE) as s:
            folders(s.rpr, [1, 1, 0, -1, -1] if outer else [1, 0, -1, 0])
            run("drumify")
            got = names_depths_parents(s.rpr)
        drums = next(row for row in got if row[0] == "ReaGroove Drums")
        assert drums[2] == ("Band" if outer else None), got
        assert [row[0] for row in got].index("ReaGroove Drums") > [row[0] for row in got].index(parts[1])


@pytest.mark.parametrize("name", ["Backing Band", "Keys & Bass", "Rhythm Section"])
def test_a_band_bus_named_with_an_instrument_word_is_still_the_bands(name):
    """A folder naming the band or two families ("Backing Band", "Keys & Bass") is the band's bus: the drums go
    inside it, as for "Band"."""
    spec, depths = band()
    spec.data["tracks"][0]["name"] = name
    with reapy_inside(spec, purge=PURGE) as s:
        folders(s.rpr, depths)
        run("drumify")
        got = names_depths_parents(s.rpr)
    assert ("ReaGroove Drums", -1, name) in got, got

