"""The drums are heard: the tracks ReaGroove makes in REAPER are empty, and MIDI on a track with no instrument plays
nothing. Variation tracks had no instrument, so a producer who muted the drum track and unmuted Var 2 heard
silence; a first Drumify (or live follow) made a drum track that played nothing, and nothing said why.

Now each new variation track gets a copy of the drum track's FX chain (its kit) in the write's one undo point (taken
back with it), and says so, or says in one line that there was no kit to copy; Drumify and live follow say once
that the drum track they made needs an instrument. Simulated REAPER (its FX chains as REAPER keeps them), in
process and through ReaGroove's server on loopback.
"""

import pytest
from fake_reaper import reapy_inside
from stub_model import StubModel
from test_reaper import PURGE, reaper_process  # noqa: F401  (reaper_process: a fixture)
from test_reaper_distant import CONTENT_TIMEOUT_S
from test_reaper_live_drumify import play_live, project, start_live

from reagroove.core.drummap import drum_map_from_dict
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions, kit_notes, reaper_side
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge

SAMPLER = "VSTi: ReaSamplOmatic5000 (Cockos)"
EQ = "VST: ReaEQ (Cockos)"
NO_KIT = ("the variation tracks have no instrument: put your kit on the drum track and press Variations again (its "
          "kit is copied onto each), or put one on each variation track")


def engine():
    return Engine(StubModel())


def fx_chains(rpr) -> dict:
    """{track name: [FX names]} of every track, in order."""
    out = {}
    for i in range(rpr.RPR_CountTracks(0)):
        tr = rpr.RPR_GetTrack(0, i)
        out[rpr.RPR_GetTrackName(tr, "", 256)[2]] = [rpr.RPR_TrackFX_GetFXName(tr, k, "", 256)[3]
                                                     for k in range(rpr.RPR_TrackFX_GetCount(tr))]
    return out


def drumified_with_kit(s, bridge, *fx):
    """Drumify, then the producer's kit put on the drum track it made."""
    actions.drumify_selection(bridge, engine(), Settings())
    drums = bridge.call("drum_track_items")["track"]
    for name in fx:
        assert s.rpr.RPR_TrackFX_AddByName(drums, name, False, -1) >= 0
    return drums


# ---------------------------------------------------------------- the simulated REAPER's FX chains


def test_fake_reaper_copies_and_moves_fx_between_tracks_as_reaper_does():
    with reapy_inside(project(), purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_InsertTrackAtIndex(1, True)
        bass, other = rpr.RPR_GetTrack(0, 0), rpr.RPR_GetTrack(0, 1)
        rpr.RPR_TrackFX_AddByName(bass, SAMPLER, False, -1)
        rpr.RPR_TrackFX_AddByName(bass, EQ, False, -1)
        before = rpr.RPR_GetProjectStateChangeCount(0)
        rpr.RPR_TrackFX_CopyToTrack(bass, 1, other, 99, False)  # past the chain: appended
        rpr.RPR_TrackFX_CopyToTrack(bass, 0, other, 0, False)
        assert rpr.RPR_GetProjectStateChangeCount(0) > before
        assert fx_chains(rpr)["Bass"] == [SAMPLER, EQ]  # a copy: the source keeps its own
        assert [rpr.RPR_TrackFX_GetFXName(other, k, "", 256)[3] for k in range(2)] == [SAMPLER, EQ]
        assert rpr.RPR_TrackFX_GetInstrument(other) == 0
        rpr.RPR_TrackFX_CopyToTrack(bass, 5, other, 0, False)  # no such FX: nothing changes
        rpr.RPR_TrackFX_CopyToTrack(bass, 0x1000000, other, 0, False)  # the input chain's first: none here
        assert rpr.RPR_TrackFX_GetCount(other) == 2
        rpr.RPR_TrackFX_CopyToTrack(bass, 0, bass, 1, True)  # a move within a chain reorders it
        assert fx_chains(rpr)["Bass"] == [EQ, SAMPLER]
        rpr.RPR_TrackFX_CopyToTrack(bass, 1, other, 0, True)
        assert rpr.RPR_TrackFX_GetCount(bass) == 1 and rpr.RPR_TrackFX_GetCount(other) == 3


# ---------------------------------------------------------------- Variations: the drum track's kit on each


def test_each_variation_track_plays_through_a_copy_of_the_drum_tracks_kit():
    """Mute the drum track, unmute Var 2: Var 2 plays through the same kit, the drum track keeps its own, one undo
    point holds it all, and the summary says what was copied and what each copy costs."""
    with reapy_inside(project(), purge=PURGE) as s:
        bridge = LocalBridge()
        drumified_with_kit(s, bridge, SAMPLER, EQ)
        res = actions.variations_of_selection(bridge, engine(), Settings(), 3)
        chains = fx_chains(s.rpr)
        assert chains["ReaGroove Drums"] == [SAMPLER, EQ]
        for k in (1, 2, 3):
            assert chains[f"ReaGroove Var {k}"] == [SAMPLER, EQ]
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items", "ReaGroove: 3 variations"]
        assert ("each variation track plays a copy of the drum track's kit 'ReaSamplOmatic5000 (Cockos)': 3 more "
                "instances run, muted too unless REAPER's 'Do not process muted tracks' preference is on; delete "
                "the variations you do not use") in res["kit_notes"]
        assert NO_KIT not in res["kit_notes"]
        assert s.rpr.RPR_Undo_DoUndo2(0)
        assert list(fx_chains(s.rpr)) == ["Bass", "ReaGroove Drums"]  # undone: the tracks and their kits go


def test_variations_pressed_again_copy_the_kit_onto_the_new_tracks_only():
    """Var 1-2 kept the kit they got; the producer changed the drum track's kit since: Var 3-4 get the new one."""
    with reapy_inside(project(), purge=PURGE) as s:
        bridge = LocalBridge()
        drums = drumified_with_kit(s, bridge, SAMPLER)
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        s.rpr.RPR_TrackFX_AddByName(drums, EQ, False, -1)
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        chains = fx_chains(s.rpr)
        assert [chains[f"ReaGroove Var {k}"] for k in (1, 2, 3, 4)] == [[SAMPLER]] * 2 + [[SAMPLER, EQ]] * 2


@pytest.mark.parametrize("drum_track", [False, True], ids=["no drum track", "drum track without FX"])
def test_variations_with_no_kit_to_copy_say_so_in_one_line(drum_track):
    with reapy_inside(project(), purge=PURGE) as s:
        bridge = LocalBridge()
        if drum_track:
            actions.drumify_selection(bridge, engine(), Settings())
        res = actions.variations_of_selection(bridge, engine(), Settings(), 2)
        assert all(not fx for fx in fx_chains(s.rpr).values())
        # with no drum track there is none to put a kit on: Drumify first, or a kit on a variation track
        assert res["kit_notes"] == [NO_KIT if drum_track else kit_notes.VARIATIONS_WITHOUT_DRUM_TRACK]


def test_a_kit_reaper_fails_to_copy_takes_the_whole_write_back(monkeypatch):
    """A plugin REAPER fails to load on the third track: nothing is written, no undo point, the drum track's kit
    stays, and the error is one line."""
    with reapy_inside(project(), purge=PURGE) as s:
        bridge = LocalBridge()
        drumified_with_kit(s, bridge, SAMPLER, EQ)
        copy, calls = s.rpr.RPR_TrackFX_CopyToTrack, []

        def fails_on_the_third_track(src, src_fx, dest, dest_fx, is_move):
            calls.append(dest)
            if len(set(calls)) < 3:
                copy(src, src_fx, dest, dest_fx, is_move)

        monkeypatch.setattr(s.rpr, "RPR_TrackFX_CopyToTrack", fails_on_the_third_track)
        with pytest.raises(reaper_side.ReaperSideError) as err:
            actions.variations_of_selection(bridge, engine(), Settings(), 4)
        assert "\n" not in str(err.value) and "could not copy the drum track's FX" in str(err.value)
        assert fx_chains(s.rpr) == {"Bass": [], "ReaGroove Drums": [SAMPLER, EQ]}
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]


# ---------------------------------------------------------------- Drumify and live follow: a new drum track


def test_first_drumify_says_once_that_its_new_drum_track_needs_an_instrument():
    with reapy_inside(project(), purge=PURGE):
        bridge = LocalBridge()
        first = actions.drumify_selection(bridge, engine(), Settings())
        assert first["kit_notes"] == [
            "the new drum track has no instrument yet, so its drums are silent; put your drum plugin on the "
            "'ReaGroove Drums' track: it plays General MIDI drum notes (choose your plugin's General MIDI map; for "
            "another kit's notes, give a drum map once with `reagroove reaper drumify --drum-map FILE`: the track "
            "keeps it)"]
        again = actions.drumify_selection(bridge, engine(), Settings(seed=7))
        assert again["written"] and again["kit_notes"] == []  # once


def test_first_drumify_with_a_drum_map_names_the_map_the_instrument_must_play():
    drum_map = drum_map_from_dict({"name": "My kit", "voices": {"kick": {"output": 24}}}, "test map")
    with reapy_inside(project(), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings(), drum_map=drum_map)
        assert res["kit_notes"] == [
            "the new drum track has no instrument yet, so its drums are silent; put your drum plugin on the "
            "'ReaGroove Drums' track: it plays the notes of your drum map 'My kit'"]


def with_default_kit(monkeypatch, s, kit="instrument"):
    """REAPER's default track (a track template saved as default) brings a kit to every new track: an instrument,
    a hardware MIDI output (a drum module), or a send to the track holding the kit (the first track here)."""
    insert = s.rpr.RPR_InsertTrackAtIndex

    def insert_with_kit(index, want_defaults):
        insert(index, want_defaults)
        track = s.rpr.RPR_GetTrack(0, index)
        if kit == "instrument":
            s.rpr.RPR_TrackFX_AddByName(track, SAMPLER, False, -1)
        elif kit == "midi out":
            s.rpr.RPR_SetMediaTrackInfo_Value(track, "I_MIDIHWOUT", 0)  # device 0, all channels
        else:
            s.rpr.RPR_CreateTrackSend(track, s.rpr.RPR_GetTrack(0, 0))

    monkeypatch.setattr(s.rpr, "RPR_InsertTrackAtIndex", insert_with_kit)


@pytest.mark.parametrize("kit", ["instrument", "midi out", "send"])
def test_a_new_drum_track_that_has_an_instrument_says_nothing_more(monkeypatch, kit):
    with reapy_inside(project(), purge=PURGE) as s:
        with_default_kit(monkeypatch, s, kit)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert res["created"] and res["kit_notes"] == []


def test_live_follow_making_the_drum_track_says_once_in_the_console_that_it_needs_an_instrument():
    with reapy_inside(project(), purge=PURGE) as s:
        bridge, follower = start_live(s)
        play_live(s, follower, 8)
        assert len(bridge.call("drum_track_items")["items"]) >= 3  # several loops written
        line = kit_notes.live_drum_track_line(follower.drum_map)
        assert s.reaper.console_text().count(line) == 1
        assert "'ReaGroove Drums' track" in line and "General MIDI drum notes" in line


def test_live_follow_making_a_drum_track_with_an_instrument_says_nothing_of_it(monkeypatch):
    with reapy_inside(project(), purge=PURGE) as s:
        with_default_kit(monkeypatch, s)
        bridge, follower = start_live(s)
        play_live(s, follower, 4)
        assert bridge.call("drum_track_items")["items"]
        assert "instrument" not in s.reaper.console_text()


def test_the_actions_console_summary_says_the_kit_notes_under_the_parts(tmp_path, monkeypatch):
    """The REAPER commands (the actions, the docked panel's runs) print the kit lines with their notes."""
    pytest.importorskip("torch")
    from reagroove.core.cli import build_parser
    from reagroove.reaper_ext import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    with reapy_inside(project(), purge=PURGE) as s:
        parse = build_parser("reaper").parse_args
        assert commands._run(parse(["reaper", "drumify"]), LocalBridge()) == 0
        assert ("\n  note: the new drum track has no instrument yet, so its drums are silent; put your drum plugin "
                "on the 'ReaGroove Drums' track") in s.reaper.console_text()
        assert commands._run(parse(["reaper", "variations", "--count", "2"]), LocalBridge()) == 0
        assert f"\n  note: {NO_KIT}\n" in s.reaper.console_text() + "\n"


# ---------------------------------------------------------------- through ReaGroove's server on loopback


ADD_KIT = """
tr = next(rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0))
          if rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] == "ReaGroove Drums")
result = [rpr.RPR_TrackFX_AddByName(tr, name, False, -1) for name in names]
"""
FX_CHAINS = """
result = {}
for i in range(rpr.RPR_CountTracks(0)):
    tr = rpr.RPR_GetTrack(0, i)
    result[rpr.RPR_GetTrackName(tr, "", 256)[2]] = [rpr.RPR_TrackFX_GetFXName(tr, k, "", 256)[3]
                                                    for k in range(rpr.RPR_TrackFX_GetCount(tr))]
"""


def test_distant_variations_copy_the_kit_and_a_first_drumify_says_it_needs_one(reaper_process):  # noqa: F811
    proc, port = reaper_process(project())
    bridge = DistantBridge(port, timeout=CONTENT_TIMEOUT_S)
    first = actions.drumify_selection(bridge, engine(), Settings())
    assert [m for m in first["kit_notes"] if "no instrument" in m]
    assert proc.exec(ADD_KIT, names=[SAMPLER]) == [0]
    res = actions.variations_of_selection(bridge, engine(), Settings(), 2)
    assert proc.exec(FX_CHAINS) == {"Bass": [], "ReaGroove Drums": [SAMPLER], "ReaGroove Var 1": [SAMPLER],
                                    "ReaGroove Var 2": [SAMPLER]}
    assert [m for m in res["kit_notes"] if "copy of the drum track's kit 'ReaSamplOmatic5000 (Cockos)'" in m]
    assert proc.exec("result = list(reaper.undo_names)") == ["ReaGroove: drumify selected items",
                                                             "ReaGroove: 2 variations"]
    bridge.close()
