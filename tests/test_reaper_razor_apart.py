"""Razor areas apart, or on several tracks: each item clipped by the areas on its own track (razor_edits.mark_items,
selection_bars.selection_clip).

Areas over bass bars 1-2 and 7-8 drummed bars 1-8 (one clip from the first area's start to the last's end), said
as "drums for bars 1-8 (the razor edit)", and wrote over the drums of bars 3-6. Now the bars between two areas
keep their drums, as a section left out of the selection does (the bass still heard there by the model, so bar 7
is no comeback), and the areas are said as the bars drummed: "drums for bars 1-2 and 7-8 (the razor edit)". A
bass marked in bars 1-4 and keys in 5-8: the bass was followed in 5-8 too. In-process and through reapy's server;
Variations reads the same selection. Stand-in model.
"""

from fake_reaper import reapy_inside
from test_reaper import PURGE, engine, reaper_process  # noqa: F401  (reaper_process: the distant-mode fixture)
from test_reaper_razor_edits import bars, deselect_all, razor  # noqa: F401  (razor: the simulated razor edits)
from test_reaper_razor_stale import WHOLE, drumify_through_server, spans
from test_reaper_trimmed_part import drums, eight_bars

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME

APART = bars(1, 2) + " " + bars(7, 8)  # two areas on one track, bars 3-6 between them
SAID = "drums for bars 1-2 and 7-8 (the razor edit)"


def between(items) -> list:
    return [d for d in items if 8.0 <= d[0] < 24.0]


def outside(items) -> list:
    return [d for d in items if not 8.0 <= d[0] < 24.0]


def test_two_areas_on_the_bass_redrum_their_bars_and_leave_the_drums_between_as_they_were(razor):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        deselect_all(s.rpr)
        razor(s, {"Bass": APART})
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        after = drums(bridge)
        assert between(after) == between(before) and outside(after) != outside(before)
        assert SAID in res["messages"], res["messages"]
        # the bass plays on through bars 3-6: no rest heard there, no 'items not selected' said of them
        assert not [m for m in res["messages"] if "no drums written" in m or "music rests" in m], res["messages"]


def test_two_areas_with_no_drums_yet_write_drums_in_those_bars_only(razor):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        deselect_all(s.rpr)
        razor(s, {"Bass": APART})
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans(LocalBridge()) == [(0.0, 8.0), (24.0, 32.0)]


def test_two_areas_on_the_drum_track_redrum_those_bars_of_the_selected_bass(razor):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        before = drums(bridge)
        razor(s, {DRUMS_TRACK_NAME: APART})
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        after = drums(bridge)
        assert between(after) == between(before) and outside(after) != outside(before)
        assert SAID in res["messages"], res["messages"]


def test_each_item_follows_the_areas_on_its_own_track(razor):
    """Bass marked in bars 1-4, keys in bars 5-8: the drums of bars 5-8 follow the keys there, not the bass."""
    with reapy_inside(eight_bars(keys_bars=8), purge=PURGE) as s:
        deselect_all(s.rpr)
        razor(s, {"Bass": bars(1, 4), "Keys": bars(5, 8)})
        notes = actions.read_selection(LocalBridge()).content.notes
        late, keys = notes.start >= 16.0 - 0.125, notes.pitch == 60
        assert late.any() and (keys == late).all()  # the keys' notes in bars 5-8 only, the bass's in 1-4 only
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans(LocalBridge()) == WHOLE
        assert "drums for bars 1-8 (the razor edit)" in res["messages"]  # one run of bars: said as before


def test_variations_of_two_areas_sit_in_their_bars(razor):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        deselect_all(s.rpr)
        razor(s, {"Bass": APART})
        res = actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2)
        rpr = s.rpr

        def qn(item, end=False):
            at = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
            return round(rpr.RPR_TimeMap2_timeToQN(0, at + end * rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")), 6)

        placed = {(qn(item), qn(item, end=True))
                  for t in (rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0)))
                  if rpr.RPR_GetTrackName(t, "", 256)[2].startswith("ReaGroove Var")
                  for item in (rpr.RPR_GetTrackMediaItem(t, k) for k in range(rpr.RPR_CountTrackMediaItems(t)))}
        assert placed == {(0.0, 8.0), (24.0, 32.0)}, placed
        assert SAID in res["messages"]


def test_through_reapys_server_two_areas_drum_their_bars_only(reaper_process):  # noqa: F811
    res, written = drumify_through_server(reaper_process, eight_bars(), {"Bass": APART})
    assert written == [(0.0, 8.0), (24.0, 32.0)] and SAID in res["messages"]
