"""Variations after the producer moved the drums: drum items nudged a little off the grid (laid back 30 ms) are a
feel Drumify keeps; Variations wrote every version on the grid, so a variation unmuted in the drums' place played
30 ms ahead of the drums it was auditioned against (bars 1-4 at 0.0 s against the drums' 0.03 s). Now each
variation item lies as far off the grid as the drum item for its bars, its notes with it, and the line says so; a
drum track moved a whole bar (a part moved, not a feel) and bars whose drums were not nudged stay on the grid.
Simulated REAPER under the real reapy, stand-in model: in-process, and through reapy's real server."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, engine, reaper_process  # noqa: F401  (reaper_process: the distant-mode fixture)
from test_reaper_distant import distant, remote_project, track
from test_reaper_past_band_kept import _track
from test_reaper_trimmed_part import BAR_S, band, eight_bars

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME

LATE_S = 0.03


def starts(rpr, name) -> list:
    """Each item's start (s) and its notes' onsets (s) on the track named `name`, in order."""
    t = _track(rpr, name)
    out = []
    for k in range(rpr.RPR_CountTrackMediaItems(t)):
        item = rpr.RPR_GetTrackMediaItem(t, k)
        take = rpr.RPR_GetActiveTake(item)
        ons = [rpr.RPR_TimeMap2_QNToTime(0, rpr.RPR_MIDI_GetProjQNFromPPQPos(
            take, rpr.RPR_MIDI_GetNote(take, i, 0, 0, 0, 0, 0, 0, 0)[6])) for i in range(rpr.RPR_MIDI_CountEvts(
                take, 0, 0, 0)[2])]
        out.append((round(rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION"), 6), ons))
    return sorted(out)


def variations_on_the_grid() -> list:
    """Var 1's items and notes for the same project and settings with the drums left on the grid."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2)
        return starts(s.rpr, "ReaGroove Var 1")


def move_drums(rpr, seconds, which=None) -> None:
    drums = _track(rpr, DRUMS_TRACK_NAME)
    for k in range(rpr.RPR_CountTrackMediaItems(drums)):
        if which is None or k in which:
            item = rpr.RPR_GetTrackMediaItem(drums, k)
            rpr.RPR_SetMediaItemInfo_Value(item, "D_POSITION", rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
                                           + seconds)
    rpr.RPR_Undo_OnStateChangeEx2(0, "Nudge items", -1, -1)


def test_variations_sit_where_the_producer_nudged_the_drums():
    on_grid = variations_on_the_grid()
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        grid = starts(rpr, DRUMS_TRACK_NAME)
        move_drums(rpr, LATE_S, which={0, 1})  # bars 1-4 laid back; bars 5-8 left on the grid
        drums_now = starts(rpr, DRUMS_TRACK_NAME)
        before = band(s)
        res = actions.variations_of_selection(bridge, engine(), Settings(), 2)
        for name in ("ReaGroove Var 1", "ReaGroove Var 2"):
            got = starts(rpr, name)
            assert [a for a, _ in got] == [a for a, _ in drums_now], (got, drums_now)  # item by item
            assert [a for a, _ in got[2:]] == [a for a, _ in grid[2:]]
        # their notes moved with them: every hit of bars 1-4 30 ms late, those of bars 5-8 where they were
        got = starts(rpr, "ReaGroove Var 1")
        late = [on - LATE_S for _, ons in got[:2] for on in ons]
        assert late == pytest.approx([on for _, ons in on_grid[:2] for on in ons], abs=1e-3) and late
        assert got[2:] == on_grid[2:]
        assert "the variations in bars 1-4 play 30 ms late, as your nudged drums there do" in res["messages"]
        assert band(s) == before and s.reaper.undo_names[-1] == "ReaGroove: 2 variations"
        assert s.reaper.undo_names.count("ReaGroove: 2 variations") == 1


def test_variations_of_drums_moved_a_bar_or_on_the_grid_stay_on_the_grid():
    """The drum track moved a whole bar later is a part moved, not a feel: the variations follow the band's bars."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        grid = starts(rpr, DRUMS_TRACK_NAME)
        move_drums(rpr, BAR_S)
        res = actions.variations_of_selection(bridge, engine(), Settings(), 2)
        assert [a for a, _ in starts(rpr, "ReaGroove Var 1")] == [a for a, _ in grid]
        assert not [m for m in res["messages"] if "nudged" in m]


@pytest.mark.parametrize("late_s", [LATE_S, -0.02])
def test_through_reapys_server_variations_keep_the_drums_nudge(reaper_process, late_s):  # noqa: F811
    """The same over 127.0.0.1 (the engine here, REAPER's side in the simulated REAPER process)."""
    proc, bridge = distant(reaper_process, eight_bars())
    actions.drumify_selection(bridge, engine(), Settings())
    proc.exec("drums = next(rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0)) if "
              f"rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), '', 256)[2] == {DRUMS_TRACK_NAME!r})\n"
              "for k in range(rpr.RPR_CountTrackMediaItems(drums)):\n"
              "    item = rpr.RPR_GetTrackMediaItem(drums, k)\n"
              f"    rpr.RPR_SetMediaItemInfo_Value(item, 'D_POSITION', rpr.RPR_GetMediaItemInfo_Value(item, "
              f"'D_POSITION') + {late_s})\n"
              "rpr.RPR_Undo_OnStateChangeEx2(0, 'Nudge items', -1, -1)\nresult = None")
    res = actions.variations_of_selection(bridge, engine(), Settings(), 2)
    project = remote_project(proc)
    drums = [i["pos_s"] for i in track(project, DRUMS_TRACK_NAME)["items"]]
    assert [i["pos_s"] for i in track(project, "ReaGroove Var 1")["items"]] == pytest.approx(drums, abs=1e-6)
    late = "late" if late_s > 0 else "early"
    assert f"the variations in bars 1-8 play {round(abs(late_s) * 1000)} ms {late}, as your nudged drums there do" \
        in res["messages"]


def test_variations_pressed_again_over_nudged_variations_draw_other_versions():
    """Variations pressed twice with other settings than the drum track's (Var 1 is no copy of its drums): the
    second press knows the nudged variation tracks' versions (read where they were written) and draws others."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        move_drums(rpr, LATE_S)
        other = Settings(seed=11)
        actions.variations_of_selection(bridge, engine(), other, 2)
        res = actions.variations_of_selection(bridge, engine(), other, 2)
        onsets = {name: [ons for _, ons in starts(rpr, name)] for name in
                  ("ReaGroove Var 1", "ReaGroove Var 2", "ReaGroove Var 3", "ReaGroove Var 4")}
        assert len({str(v) for v in onsets.values()}) == 4  # no version written twice
        assert [m for m in res["messages"] if "on ReaGroove Var" in m and "already" in m]
