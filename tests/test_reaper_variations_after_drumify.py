"""Variations pressed after Drumify in REAPER: the first version the settings draw is Drumify's own part, so "Var 1"
had been the drums already on 'ReaGroove Drums', note for note, and the producer had 3 new versions to audition,
not 4. Now each Var differs from the drum track's drums and from each other in at least MIN_VARIATION_CHANGE of
the hits, one undo point, and a line says why Var 1 is not the drums they have. Simulated REAPER, shipped model."""

from fake_reaper import reapy_inside
from test_reaper import PURGE
from test_reaper_variations_again import SameVersions, change, hits, riff_project, variation_tracks

from reagroove.core.settings import Settings
from reagroove.core.takes import MIN_VARIATION_CHANGE
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def drum_track_hits(bridge) -> set:
    return hits([n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]])


def test_variations_after_drumify_are_four_new_versions_none_of_them_the_drums_there(shipped):
    with reapy_inside(riff_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, shipped, Settings())
        drums = drum_track_hits(bridge)
        res = actions.variations_of_selection(bridge, shipped, Settings(), 4)
        tracks = variation_tracks(bridge, s.rpr)
        assert list(tracks) == [f"ReaGroove Var {k}" for k in range(1, 5)]
        for name, played in tracks.items():
            assert change(played, drums) >= MIN_VARIATION_CHANGE, (name, change(played, drums))
        assert len(set(map(frozenset, tracks.values()))) == 4
        assert drum_track_hits(bridge) == drums  # the drums written stay as they were
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items", "ReaGroove: 4 variations"]
        assert actions.variations_line(4, res) == ("4 variations on new tracks ReaGroove Var 1-4 (all muted, as "
                                                   "ReaGroove drums already play: unmute one in their place)")
        assert ("the first version these settings draw for these bars is the drums on the drum track "
                "'ReaGroove Drums' already: these differ from them in at least 15% of the hits") in res["messages"]


def test_variations_without_drumify_still_start_with_drumifys_part(shipped):
    """No drum track: Var 1 is the part Drumify plays for these settings (it plays, the others muted), as before."""
    with reapy_inside(riff_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        res = actions.variations_of_selection(bridge, shipped, Settings(), 3)
        first = variation_tracks(bridge, s.rpr)["ReaGroove Var 1"]
        assert not [m for m in res["messages"] if "already" in m] and res["first_plays"]
    with reapy_inside(riff_project(), purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, shipped, Settings())
        assert drum_track_hits(bridge) == first


def test_variations_pressed_again_after_drumify_copy_neither_the_drums_nor_the_variations(shipped):
    with reapy_inside(riff_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, shipped, Settings())
        drums = drum_track_hits(bridge)
        actions.variations_of_selection(bridge, shipped, Settings(), 3)
        res = actions.variations_of_selection(bridge, shipped, Settings(), 3)
        tracks = variation_tracks(bridge, s.rpr)
        assert res["first_number"] == 4 and len(tracks) == 6
        played = list(tracks.values()) + [drums]
        assert all(change(a, b) >= MIN_VARIATION_CHANGE for k, a in enumerate(played) for b in played[k + 1:])
        assert ("the versions these settings draw first for these bars are on ReaGroove Var 1-3 and the drum track "
                "'ReaGroove Drums' already: these differ from every one there in at least 15% of the hits"
                in res["messages"]), res["messages"]


def test_no_version_apart_from_the_drums_writes_nothing_and_says_so(shipped):
    """A part so plain that every version drawn is the drums there: no copy written, no undo point, one line."""
    with reapy_inside(riff_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, shipped, Settings())
        tracks = s.rpr.RPR_CountTracks(0)
        res = actions.variations_of_selection(bridge, SameVersions(shipped), Settings(), 1)
        assert s.rpr.RPR_CountTracks(0) == tracks
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]
        assert ("no other version differs from the drums on the drum track 'ReaGroove Drums' in at least 15% of the "
                "hits: nothing written, no undo point; change the settings (genre, density, pattern) for others"
                in res["messages"]), res["messages"]
        assert actions.variations_line(1, res) == ("no new variations: those drawn for these bars play the drums on "
                                                   "the drum track 'ReaGroove Drums' already")


def track_names(rpr) -> list:
    return [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]


def test_variations_after_drumify_go_under_the_drum_track_as_drumify_after_variations_puts_them():
    """Drumify then Variations had put the variation tracks between the band and its drums (Bass, Var 1, Var 2,
    ReaGroove Drums); Variations then Drumify puts the drums first. Either way now: Bass, ReaGroove Drums, Var 1,
    Var 2, then the tracks after (Keys); one undo point each."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine

    want = ["Bass", "ReaGroove Drums", "ReaGroove Var 1", "ReaGroove Var 2", "Keys"]
    for first, then in ((actions.drumify_selection, actions.variations_of_selection),
                        (actions.variations_of_selection, actions.drumify_selection)):
        spec = riff_project()
        spec.add_track("Keys")
        with reapy_inside(spec, purge=PURGE) as s:
            bridge, eng = LocalBridge(), Engine(StubModel())
            for action in (first, then):
                action(bridge, eng, Settings(), 2) if action is actions.variations_of_selection else \
                    action(bridge, eng, Settings())
            assert track_names(s.rpr) == want, first.__name__
            assert len(s.reaper.undo_names) == 2
