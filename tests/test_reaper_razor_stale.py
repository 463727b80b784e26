"""A razor area over no item is no selection (razor_edits.mark_items): an area counts only where it covers an item.

A razor area left over the empty Vox track (the vocal comp trimmed away) took over the selected bass: its span was
the clip, so only bars 7-8 of the bass got drums, said as "drums for bars 7-8 (the razor edit)"; with an area over
the bass too, the two spanned bars 1-8. Now an area covering no item is ignored: the bass selected is drummed whole,
and an area over the bass clips it alone. A razor edit on ReaGroove's drum track still marks drum bars to redrum
(test_reaper_razor_edits.py). In-process and through reapy's server; Set pattern reads the same selection.
The simulated REAPER has no razor edits: the tests give it REAPER's P_RAZOREDITS strings. Stand-in model.
"""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, engine, reaper_process  # noqa: F401  (reaper_process: the distant-mode fixture)
from test_reaper_razor_edits import bars, deselect_all, razor  # noqa: F401  (razor: the simulated razor edits)
from test_reaper_trimmed_part import drums, eight_bars

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge, ReaperError

WHOLE = [(0.0, 8.0), (8.0, 16.0), (16.0, 24.0), (24.0, 32.0)]  # the bass's 8 bars, a drum item per 2 bars


def with_vox():
    spec = eight_bars()
    spec.add_track("Vox")  # nothing on it: the vocal comp trimmed away, its razor area left behind
    return spec


def spans(bridge) -> list:
    return [(a, b) for a, b, _ in drums(bridge)]


@pytest.mark.parametrize("selected", [True, False])
def test_an_area_left_over_an_empty_track_is_no_selection(razor, selected):
    """The bass selected (or nothing), an old area over bars 7-8 of the empty Vox track: the bass drummed whole
    (or nothing selected said), not its bars 7-8 only."""
    with reapy_inside(with_vox(), purge=PURGE) as s:
        if not selected:
            deselect_all(s.rpr)
        razor(s, {"Vox": bars(7, 8)})
        info = LocalBridge().call("read_selected_items")
        assert not info["razor"] and info["time_selection_qn"] is None
        if not selected:
            with pytest.raises(ReaperError, match=r"\(nothing selected\)"):
                actions.drumify_selection(LocalBridge(), engine(), Settings())
            return
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans(LocalBridge()) == WHOLE
        assert not [m for m in res["messages"] if "razor edit" in m], res["messages"]


def test_an_area_over_no_item_leaves_the_area_over_the_bass_to_clip_it(razor):
    """Razor areas over the bass's bars 5-8 and the empty Vox track's bars 1-2: bars 5-8, not 1-8."""
    with reapy_inside(with_vox(), purge=PURGE) as s:
        razor(s, {"Bass": bars(5, 8), "Vox": bars(1, 2)})
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans(LocalBridge()) == [(16.0, 24.0), (24.0, 32.0)]
        assert "drums for bars 5-8 (the razor edit)" in res["messages"]


def test_set_pattern_reads_the_bass_area_not_an_area_over_no_item(razor):
    """Set pattern with the bass marked in bars 7-8 and an old area over the empty Vox track's bars 1-2: the
    pattern is the bass's bar 7, not bar 1."""
    with reapy_inside(with_vox(), purge=PURGE) as s:
        deselect_all(s.rpr)
        razor(s, {"Bass": bars(7, 8), "Vox": bars(1, 2)})
        messages: list = []
        pattern = actions.pattern_from_selection(LocalBridge(), "reaper-A", messages)
        assert pattern.source.endswith("bar 7"), pattern.source
        assert "pattern from bars 7-8 (the razor edit)" in messages


RAZOR_IN_REAPER = """
import reaper_python
real = reaper_python.RPR_GetSetMediaTrackInfo_String
names = {str(rpr.RPR_GetTrack(0, t)): rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, t), "", 256)[2]
         for t in range(rpr.RPR_CountTracks(0))}
def get_set(track, parm, buf, is_set):
    if parm == "P_RAZOREDITS" and not is_set:
        text = areas.get(names.get(str(track), ""), "")
        return (bool(text), track, parm, text, is_set)
    return real(track, parm, buf, is_set)
reaper_python.RPR_GetSetMediaTrackInfo_String = get_set
result = None
"""


def drumify_through_server(reaper_process, spec, areas: dict) -> tuple[dict, list]:  # noqa: F811
    """Drumify in a REAPER process (reapy's server on loopback) with these razor edits ({track name: REAPER's
    P_RAZOREDITS string}): its result and the drum items' spans."""
    proc, port = reaper_process(spec)
    proc.exec(RAZOR_IN_REAPER, areas=areas)
    bridge = DistantBridge(port)
    try:
        return actions.drumify_selection(bridge, engine(), Settings()), spans(bridge)
    finally:
        bridge.close()


def test_through_reapys_server_an_area_over_no_item_is_no_selection(reaper_process):  # noqa: F811
    res, written = drumify_through_server(reaper_process, with_vox(), {"Vox": bars(7, 8)})
    assert written == WHOLE and not [m for m in res["messages"] if "razor edit" in m]
