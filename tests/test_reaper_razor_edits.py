"""Drumify with REAPER's razor edits (REAPER 6.24+'s area selection: P_RAZOREDITS on each track).

A producer drags a razor edit over bars 5-8 of the bass and runs Drumify. Razor edits were not read: with no item
selected, Drumify said "select one or more MIDI or audio items to drumify (nothing selected)"; with the bass item
still selected from before, it wrote drums over all 8 bars. Now razor edits come first, as for REAPER's own cut,
copy and delete: the items under them on the band's tracks are the selection, and they clip the part as a time
selection does (said as "the razor edit"); a razor edit on an automation lane is no part's, and one only on the
drum track clips the selected items. The simulated REAPER has no razor edits: the tests give its
GetSetMediaTrackInfo_String the track strings REAPER keeps ("start end GUID" triples, seconds). Stand-in model."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, engine
from test_reaper_past_band_kept import _track
from test_reaper_trimmed_part import BAR_S, band, drums, eight_bars

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME


@pytest.fixture
def razor(monkeypatch):
    """razor(s, {track name: "start end GUID ..."}): REAPER's razor edits on those tracks."""

    def make(s, areas: dict) -> None:
        import reaper_python  # the simulated REAPER's module, importable inside reapy_inside

        by_track = {str(_track(s.rpr, name)): text for name, text in areas.items()}
        real = reaper_python.RPR_GetSetMediaTrackInfo_String

        def get_set(track, parm, buf, is_set):
            if parm == "P_RAZOREDITS" and not is_set:
                return (bool(by_track.get(str(track))), track, parm, by_track.get(str(track), ""), is_set)
            return real(track, parm, buf, is_set)

        monkeypatch.setattr(reaper_python, "RPR_GetSetMediaTrackInfo_String", get_set)

    return make


def bars(a: int, b: int) -> str:
    """A razor edit over bars a..b (1-based, whole) of the track's items, in REAPER's words."""
    return f'{(a - 1) * BAR_S:.14f} {b * BAR_S:.14f} ""'


def deselect_all(rpr) -> None:
    for k in range(rpr.RPR_CountMediaItems(0)):
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetMediaItem(0, k), False)


def test_a_razor_edit_over_bars_of_the_part_with_nothing_selected_drums_those_bars(razor):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        deselect_all(s.rpr)
        razor(s, {"Bass": bars(5, 8)})
        before = band(s)
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        written = drums(LocalBridge())
        assert written and min(a for a, _, _ in written) == 16.0 and max(b for _, b, _ in written) == 32.0, written
        assert "drums for bars 5-8 (the razor edit)" in res["messages"]
        assert band(s) == before and s.reaper.undo_names == ["ReaGroove: drumify bars 5-8"]


def test_a_razor_edit_clips_the_selected_item_as_a_time_selection_does(razor):
    """The bass item still selected from before, a razor edit made over its bars 5-8: drums there, not in 1-4."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        razor(s, {"Bass": bars(5, 8)})
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert min(a for a, _, _ in drums(LocalBridge())) == 16.0


def test_razor_edits_over_the_band_read_every_part_under_them(razor):
    """A razor edit dragged over bass and keys (bars 3-4): both parts are read, each under its own area."""
    with reapy_inside(eight_bars(keys_bars=8), purge=PURGE) as s:
        deselect_all(s.rpr)
        razor(s, {"Bass": bars(3, 4), "Keys": bars(3, 4)})
        info = LocalBridge().call("read_selected_items")
        assert sorted(i["name"] for i in info["items"]) == ["bass", "keys"] and info["razor"]
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert [(a, b) for a, b, _ in drums(LocalBridge())] == [(8.0, 16.0)]


@pytest.mark.parametrize("areas", [{"Bass": '0.0 9.6 "{6A1B3E1C-0000-4000-8000-000000000001}"'}, {}])
def test_no_razor_edit_over_items_leaves_the_selection_as_it_was(razor, areas):
    """A razor edit on the bass's volume envelope only (or none): nothing selected is said as before; the bass
    selected is drummed whole."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        razor(s, areas)
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert [(a, b) for a, b, _ in drums(LocalBridge())][0] == (0.0, 8.0)
        deselect_all(s.rpr)
        with pytest.raises(ReaperError, match=r"items to drumify \(nothing selected\)"):
            actions.drumify_selection(LocalBridge(), engine(), Settings())


def test_a_razor_edit_comes_before_a_time_selection_left_from_earlier(razor):
    """A time selection over bars 1-2 left from editing, a razor edit just made over bars 5-8: the razor edit's
    bars are drummed (a time selection stays until cleared; a razor edit goes with the next click)."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0.0, 2 * BAR_S, False)
        razor(s, {"Bass": bars(5, 8)})
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert [(a, b) for a, b, _ in drums(LocalBridge())] == [(16.0, 24.0), (24.0, 32.0)]
        assert "drums for bars 5-8 (the razor edit)" in res["messages"]


def test_razor_edits_come_before_items_selected_elsewhere(razor):
    """The bass selected from before, a razor edit just made over the keys' bars 3-4: the keys there are read (as
    REAPER's own edit commands take razor edits before the item selection)."""
    with reapy_inside(eight_bars(keys_bars=8), purge=PURGE) as s:
        razor(s, {"Keys": bars(3, 4)})
        info = LocalBridge().call("read_selected_items")
        assert [i["name"] for i in info["items"]] == ["keys"]
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert [(a, b) for a, b, _ in drums(LocalBridge())] == [(8.0, 16.0)]


def test_a_razor_edit_on_the_drum_track_alone_clips_the_selected_part(razor):
    """Drum bars 5-8 marked with a razor edit, the bass selected: the bass's bars 5-8 are redrummed, the drums of
    bars 1-4 left as they were."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        before = drums(LocalBridge())
        razor(s, {DRUMS_TRACK_NAME: bars(5, 8)})
        res = actions.drumify_selection(LocalBridge(), engine(), Settings(seed=4))
        after = drums(LocalBridge())
        assert [d for d in after if d[0] < 16.0] == [d for d in before if d[0] < 16.0]
        assert [d for d in after if d[0] >= 16.0] != [d for d in before if d[0] >= 16.0]
        assert "drums for bars 5-8 (the razor edit)" in res["messages"]
