"""An item (or its take) pulled down to -inf dB plays nothing, as a muted item: a producer silences a part in the
arrangement with the item's volume handle as often as with its mute button.

Before, such an item still counted as a part that plays wherever the drums asked "does a part play here?": a
chorus pulled to -inf between a selected verse and bridge kept bars 9-16 from their drums ("items not selected
play there"); the keys pulled to -inf kept an earlier Drumify's drums playing past the bass trimmed to 6 bars
(bars 7-8, over silence, nothing said); a fill the producer played on the drum track and pulled to -inf kept the
drums from those bars. Now each reads as a muted item does. Simulated REAPER under the real reapy, stand-in model,
in-process (read_selected_items already left a selected item at -inf out: test_reaper_volume_reads.py)."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, engine
from test_reaper_past_band_kept import _removed_lines, _track
from test_reaper_trimmed_part import BAR_S, drums, eight_bars, trim_bass
from test_reaper_unselected_sections import song, spans

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME


def silence(rpr, item, how: str) -> None:
    """The producer's ways of silencing an item: its mute, its volume to -inf, its active take's volume to -inf."""
    if how == "muted":
        rpr.RPR_SetMediaItemInfo_Value(item, "B_MUTE", 1)
    elif how == "item at -inf":
        rpr.RPR_SetMediaItemInfo_Value(item, "D_VOL", 0.0)
    else:
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(item), "D_VOL", 0.0)


WAYS = ["muted", "item at -inf", "take at -inf"]


@pytest.mark.parametrize("how", WAYS)
def test_a_silenced_section_not_selected_is_a_rest_the_drums_play_through(how):
    """Verse and bridge selected, the chorus between them (bars 9-16, not selected) silenced: the drums keep
    time through it as through a rest, and nothing says items play there."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr = s.rpr
        silence(rpr, rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 1), how)
        bridge = LocalBridge()
        result = actions.drumify_selection(bridge, engine(), Settings())
        assert [w for w in spans(bridge) if 32 <= w[0] < 64] == [(32.0, 40.0), (40.0, 48.0), (48.0, 56.0), (56.0, 64.0)]
        assert not any("no drums written" in m for m in result["messages"]), result["messages"]


def test_a_section_not_selected_at_a_low_volume_still_plays():
    """Turned down, not off (-40 dB): the chorus still plays, and keeps its bars as before."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 1), "D_VOL", 0.01)
        bridge = LocalBridge()
        result = actions.drumify_selection(bridge, engine(), Settings())
        assert all(hi <= 32 + 1e-6 or lo >= 64 - 1e-6 for lo, hi in spans(bridge)), spans(bridge)
        assert any(m.startswith("no drums written in bars 9-16") for m in result["messages"])


@pytest.mark.parametrize("how", WAYS)
def test_drums_past_a_part_silenced_at_its_end_go(how):
    """Bass and keys in bars 1-8, the bass trimmed to 6 bars and the keys' item silenced: no part plays bars 7-8,
    and the earlier Drumify's drums there go, said."""
    with reapy_inside(eight_bars(keys_bars=8), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        trim_bass(s, 6)
        silence(rpr, rpr.RPR_GetTrackMediaItem(_track(rpr, "Keys"), 0), how)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert max(b for _, b, _ in drums(bridge)) == 24.0, drums(bridge)
        assert [m for m in _removed_lines(res) if "bars 7-8" in m]


@pytest.mark.parametrize("how", WAYS)
def test_the_producers_fill_silenced_on_the_drum_track_no_longer_holds_its_bars(how):
    """A fill the producer played on the drum track over bars 3-4, then silenced: Drumify writes those bars (a
    fill that plays keeps them, test_reaper_past_band_kept.py)."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        item = rpr.RPR_CreateNewMIDIItemInProj(_track(rpr, DRUMS_TRACK_NAME), 2 * BAR_S, 4 * BAR_S, False)[0]
        rpr.RPR_MIDI_InsertNote(rpr.RPR_GetActiveTake(item), False, False, 0.0, 240.0, 9, 49, 110, False)
        silence(rpr, item, how)
        rpr.RPR_Undo_OnStateChangeEx2(0, "fill", -1, -1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert not res.get("kept_items"), res
        assert [(a, b) for a, b, _ in drums(bridge)][:2] == [(0.0, 8.0), (8.0, 16.0)]


@pytest.mark.parametrize("how", WAYS[:2])
def test_variations_over_drums_silenced_play_their_first_version(how):
    """The drum track's items silenced (drums taken out of bars 1-8 for a listen): Variations' first version plays,
    as nothing of ReaGroove's plays there (before, an item at -inf counted as playing: every version muted)."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        drums_track = _track(rpr, DRUMS_TRACK_NAME)
        for k in range(rpr.RPR_CountTrackMediaItems(drums_track)):
            silence(rpr, rpr.RPR_GetTrackMediaItem(drums_track, k), how)
        res = actions.variations_of_selection(bridge, engine(), Settings(), 2)
        assert res["first_plays"] and not rpr.RPR_GetMediaTrackInfo_Value(_track(rpr, "ReaGroove Var 1"), "B_MUTE")
