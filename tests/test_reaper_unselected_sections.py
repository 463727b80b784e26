"""Arranging a song in REAPER: a section the producer leaves out of the selection keeps its drums."""

from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def bass(spec, track, start_qn, bars, selected):
    notes = [(4 * b + q, 0.25, 40, 100) for b in range(bars) for q in (0.0, 0.75, 1.5, 2.0, 2.5, 3.5)]
    return spec.add_midi_item(track, start_qn=start_qn, length_qn=4 * bars, selected=selected, notes=notes)


def song(chorus=True, pad=False):
    """Verse bars 1-8 and bridge bars 17-24 selected; the chorus (bars 9-16) on the same track not selected."""
    spec = ProjectSpec(bpm=100)
    track = spec.add_track("Bass")
    bass(spec, track, 0, 8, True)
    if chorus:
        bass(spec, track, 32, 8, False)
    bass(spec, track, 64, 8, True)
    if pad:  # a pad held under the whole song, not selected
        spec.add_midi_item(spec.add_track("Pad"), start_qn=0, length_qn=96, selected=False,
                           notes=[(4.0 * b, 4.0, 60, 70) for b in range(24)])
    return spec


def spans(bridge):
    return sorted((i["start_qn"], i["end_qn"]) for i in bridge.call("drum_track_items")["items"])


def test_a_section_left_out_of_the_selection_keeps_its_drums():
    """Verse and bridge selected, the chorus between them playing but not selected (its drums made earlier in
    another style): Drumify wrote over the chorus too, a plain beat that ignored its bass. Now nothing is
    written where only unselected items play, and the producer is told which bars; Variations alike."""
    with reapy_inside(song(), purge=PURGE) as s:
        bridge = LocalBridge()
        result = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        written = spans(bridge)
        assert written and all(hi <= 32 + 1e-6 or lo >= 64 - 1e-6 for lo, hi in written), written
        assert written[0][0] == 0 and written[-1][1] == 96
        assert any(m.startswith("no drums written in bars 9-16: items not selected play there") for m in
                   result["messages"]), result["messages"]
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]
        actions.variations_of_selection(bridge, Engine(StubModel()), Settings(), 2)
        # the variation tracks' items lie outside the chorus too
        rpr = s.rpr
        for t in (rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0))):
            if rpr.RPR_GetTrackName(t, "", 256)[2].startswith("ReaGroove Var"):
                for k in range(rpr.RPR_CountTrackMediaItems(t)):
                    item = rpr.RPR_GetTrackMediaItem(t, k)
                    pos = rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION"))
                    assert not 32 - 1e-6 <= pos < 64 - 1e-6, pos


def test_a_rest_between_the_selected_items_is_still_drummed_under_a_pad_held_through_it():
    """The bass resting for bars 9-16 (no chorus item) under a pad held through the whole song: the rest is the
    selected part's own, and the drums keep time through it as before."""
    with reapy_inside(song(chorus=False, pad=True), purge=PURGE):
        bridge = LocalBridge()
        result = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        written = spans(bridge)
        assert any(lo < 44 < hi for lo, hi in written), written
        assert not any("no drums written" in m for m in result["messages"])
