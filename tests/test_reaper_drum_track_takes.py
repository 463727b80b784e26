"""A drum take the producer recorded onto ReaGroove's drum track itself, selected alone to redrum.

Drumify read it as a drum part (the drum-part network) and then wrote nothing, since it never writes over the
producer's own items on the drum track, saying "bars 9-10 keep the drums they had: a drum item there was edited,
locked or played by you (move or delete it to redrum them)": deleting it would delete the very take they asked to
redrum; over Drumify's drums (bars 3-4), it took those out from under the take in an undo point of its own. Now it
is one line saying where the take lies and what to do, nothing changed and no undo point made;
Variations (new tracks) redrums it. Simulated REAPER under the real reapy, stand-in model, in-process."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, engine
from test_reaper_past_band_kept import _track
from test_reaper_trimmed_part import BAR_S, drums, eight_bars

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME


def drum_take(rpr, first_bar: int, bars: int = 2):
    """The producer's kick-snare take on the drum track over bars first_bar.. (played, not ReaGroove's)."""
    item = rpr.RPR_CreateNewMIDIItemInProj(_track(rpr, DRUMS_TRACK_NAME), (first_bar - 1) * BAR_S,
                                           (first_bar - 1 + bars) * BAR_S, False)[0]
    take = rpr.RPR_GetActiveTake(item)
    for k in range(4 * bars):
        rpr.RPR_MIDI_InsertNote(take, False, False, k * 960.0, k * 960 + 240.0, 9, 36 if k % 2 == 0 else 38,
                                70 + 40 * (k % 2 == 0), False)
    rpr.RPR_Undo_OnStateChangeEx2(0, "Record drum take", -1, -1)
    for k in range(rpr.RPR_CountMediaItems(0)):
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetMediaItem(0, k), False)
    rpr.RPR_SetMediaItemSelected(item, True)
    return item


@pytest.mark.parametrize("first_bar", [3, 9])  # over Drumify's drums, and past them
def test_drumify_of_a_take_on_the_drum_track_itself_says_so_in_one_line(first_bar):
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        drum_take(rpr, first_bar)
        before, undo = drums(bridge), list(s.reaper.undo_names)
        with pytest.raises(ReaperError) as err:
            actions.drumify_selection(bridge, engine(), Settings(seed=3))
        said = str(err.value)
        assert "\n" not in said and said.startswith("nothing written")
        assert "on the drum track 'ReaGroove Drums' itself" in said
        assert "move them to a track of their own" in said and "delete" not in said
        assert drums(bridge) == before and s.reaper.undo_names == undo


def test_variations_of_a_take_on_the_drum_track_redrum_it():
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        drum_take(rpr, 9)
        actions.variations_of_selection(bridge, engine(), Settings(), 2)
        var = _track(rpr, "ReaGroove Var 1")
        spans = [(round(rpr.RPR_GetMediaItemInfo_Value(it, "D_POSITION") / BAR_S, 6),
                  round(rpr.RPR_GetMediaItemInfo_Value(it, "D_LENGTH") / BAR_S, 6))
                 for it in (rpr.RPR_GetTrackMediaItem(var, k) for k in range(rpr.RPR_CountTrackMediaItems(var)))]
        assert spans == [(8.0, 2.0)]  # bars 9-10, the take's


def test_the_band_selected_with_a_fill_on_the_drum_track_still_gets_its_drums():
    """The bass selected with a fill of the producer's on the drum track: the bars around the fill are written as
    before (the line above is only for a selection lying wholly on the drum track)."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        drum_take(rpr, 3)
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(_track(rpr, "Bass"), 0), True)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert res["written"] and [m for m in res["messages"] if "keep the drums they had" in m]
