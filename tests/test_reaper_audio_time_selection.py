"""A time selection over audio items is drummed as the whole items' drums in its bars, as one over MIDI items is
(selection_range.py): the whole items read for it had no bass part (audio's is its low bands' onsets), so their low
register was read as MIDI's where the clip's was the audio's, takes_the_whole refused, and the clip was drummed on
its own. A selection starting on the bar a new layer comes in (bars 9-16, the keys and strum joining on 9) then got
no crash there, where bars 5-13 did. test_reaper_audio_layers' band, rendered at 11.025 kHz, 120 BPM."""

import pytest
from fake_reaper import reapy_inside
from stub_model import StubModel
from test_reaper import PURGE
from test_reaper_audio_layers import BEAT, CRASH, _band, _bars_hit, _one_item, _write

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

SECTION_ON_9 = "the band plays louder from bar 9: it starts a new section (a crash on it)"


@pytest.fixture(scope="module")
def joins(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("audio_range") / "joins.wav", _band(9))


def _drums(path, bars=None):
    """(drum notes, messages) of Drumify over the take's item, over a time selection of `bars` (first, last)."""
    with reapy_inside(_one_item(path), purge=PURGE) as s:
        if bars:
            s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (bars[0] - 1) * 4 * BEAT, bars[1] * 4 * BEAT, False)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        notes = sorted(tuple(n) for i in bridge.call("drum_track_items")["items"] for n in i["notes"])
    return notes, res["messages"]


def test_a_time_selection_from_the_bar_a_layer_comes_in_crashes_there(joins):
    notes, said = _drums(joins, (9, 16))
    assert _bars_hit(notes, {CRASH}) == [9], said
    assert said[:2] == ["drums for bars 9-16 (the time selection)", SECTION_ON_9]


@pytest.mark.parametrize("bars", [(9, 16), (5, 13), (3, 10)])
def test_a_time_selection_over_an_audio_item_plays_the_whole_items_drums_in_its_bars(joins, bars):
    whole, _ = _drums(joins)
    notes, said = _drums(joins, bars)
    assert notes == [n for n in whole if (bars[0] - 1) * 4 <= n[0] < bars[1] * 4], said
