"""A cut inside a 2-bar drum item keeps the hits played a hair early on its bar line with the later bar
(reaper_ext/item_cuts.py). Humanize puts a downbeat up to half a 16th early (d_map12's bar 36 kick and hat at QN
139.992): a time selection over bars 34-35 cut the old item 35-36 at bar 36 by onsets, the early hits went with the
part cut away, and bar 36 lost its kick and hat on 1. At the selection's start the old item kept its early downbeat
just before the new item's own: a flam. Live follow's bars cut the old items the same way.
Simulated REAPER, items written through REAPER's side as Drumify and live follow write them."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project

from reagroove.reaper_ext import reaper_side
from reagroove.reaper_ext.bridge import LocalBridge

KICK, SNARE, HAT, RIDE = 36, 38, 42, 51
EARLY = 0.008  # QN before the bar line, as humanize played it


def _hits(*at):
    return [[q, q + 0.1, p, 100] for q, p in at]


# bars 1-2 and 3-4 as Drumify wrote them; bar 2's and bar 4's downbeats a hair early (in the bar before's item span)
OLD = [{"start_qn": 0.0, "end_qn": 8.0, "name": "ReaGroove · seed 0",
        "notes": _hits((0.0, KICK), (0.0, HAT), (2.0, SNARE), (4.0 - EARLY, KICK), (4.0 - EARLY, HAT), (6.0, SNARE),
                       (7.75, KICK))},
       {"start_qn": 8.0, "end_qn": 16.0, "name": "ReaGroove · seed 0",
        "notes": _hits((8.0, KICK), (8.0, HAT), (10.0, SNARE), (12.0 - EARLY, KICK), (12.0 - EARLY, HAT),
                       (14.0, SNARE), (15.75, KICK))}]
# the new drums for bars 2-3 (a time selection): a ride groove, its own kick on each 1
NEW = {"start_qn": 4.0, "end_qn": 12.0, "name": "ReaGroove · seed 13",
       "notes": _hits((4.0, KICK), (4.0, RIDE), (6.0, SNARE), (8.0, KICK), (8.0, RIDE), (10.0, SNARE))}


def _write(bridge, items, undo=True, **kw):
    return bridge.call("write_drum_track", {"track_name": reaper_side.DRUMS_TRACK_NAME, "items": items,
                                            "undo": undo, "undo_name": "ReaGroove: drumify", **kw})


def heard(bridge, lo, hi) -> list:
    """(QN rounded to a 16th, pitch) of every hit REAPER plays from lo to hi (a hit half a 16th early on a 16th
    counted on it), how a drummer reads the bars."""
    notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
    return sorted((round(n[0] * 4) / 4, n[2]) for n in notes if lo - 0.125 <= n[0] < hi - 0.125)


def on_the_one(bridge, bar_qn) -> list:
    """The pitches played on a bar's 1 (within half a 16th of it), each as often as it sounds."""
    notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
    return sorted(n[2] for n in notes if abs(n[0] - bar_qn) < 0.125)


def test_a_time_selection_ending_inside_an_item_leaves_the_next_bar_as_it_was():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        _write(bridge, OLD)
        bar4 = heard(bridge, 12.0, 16.0)
        assert (12.0, KICK) in bar4 and (12.0, HAT) in bar4
        _write(bridge, [NEW])
        assert heard(bridge, 12.0, 16.0) == bar4  # (bar 4 had lost its kick and hat on 1)
        assert on_the_one(bridge, 12.0) == [KICK, HAT]
        assert s.reaper.undo_names == ["ReaGroove: drumify"] * 2


def test_a_time_selection_starting_inside_an_item_plays_one_downbeat_not_a_flam():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        _write(bridge, OLD)
        bar1 = heard(bridge, 0.0, 4.0)
        _write(bridge, [NEW])
        assert on_the_one(bridge, 4.0) == [KICK, RIDE]  # the new bar's own (the old kick and hat had flammed it)
        assert heard(bridge, 0.0, 4.0) == bar1  # the bar before keeps its last 16th, the "a" of 4
        assert heard(bridge, 4.0, 12.0) == sorted((round(n[0] * 4) / 4, n[2]) for n in NEW["notes"])
        rpr = s.rpr
        rpr.RPR_Undo_DoUndo2(0)  # one undo point gives the old drums back
        assert on_the_one(bridge, 4.0) == [KICK, HAT] and on_the_one(bridge, 12.0) == [KICK, HAT]


def test_live_bars_over_a_2_bar_item_keep_the_early_downbeat_of_the_bar_after_them():
    """A live take's bar 3 over Drumify's item 3-4: bar 4, kept in the old item trimmed at its front, plays its 1;
    a live bar 2 over item 1-2 leaves bar 1 without bar 2's early downbeat (the live bar plays its own)."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        _write(bridge, OLD)
        bar4 = heard(bridge, 12.0, 16.0)
        live = {"name": "ReaGroove live"}
        _write(bridge, [{**live, "start_qn": 8.0, "end_qn": 12.0, "notes": _hits((8.0, KICK), (10.0, SNARE))}],
               undo=False)
        assert heard(bridge, 12.0, 16.0) == bar4 and on_the_one(bridge, 12.0) == [KICK, HAT]
        _write(bridge, [{**live, "start_qn": 4.0, "end_qn": 8.0, "notes": _hits((4.0, KICK), (6.0, SNARE))}],
               undo=False)
        assert on_the_one(bridge, 4.0) == [KICK]
        assert bridge.call("end_live_take") is True
        s.rpr.RPR_Undo_DoUndo2(0)  # the take's one undo point gives the old drums back
        assert on_the_one(bridge, 4.0) == [KICK, HAT] and on_the_one(bridge, 12.0) == [KICK, HAT]


@pytest.mark.parametrize("live", [False, True], ids=["drumify", "live bar"])
def test_a_write_failing_after_the_cuts_leaves_the_project_as_it_was(live):
    """The early hits moved or taken out of the old items come back when the write fails half way."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        bridge, project = LocalBridge(), s.reaper.project
        _write(bridge, OLD)
        before, undo = project.to_dict(), list(s.reaper.undo_names)
        items = [{"start_qn": 8.0 if live else 4.0, "end_qn": 12.0, "notes": _hits((8.0, KICK))},
                 {"start_qn": 20.0, "end_qn": 24.0, "notes": [[20.0, "late", KICK, 100]]}]
        with pytest.raises(TypeError):  # the second item's note
            _write(bridge, items, undo=not live)
        assert project.to_dict() == before and s.reaper.undo_names == undo
