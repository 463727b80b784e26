"""A variation auditioned over a section, then Drumify again (simulated REAPER).

The reviewer ran Variations over bars 9-16, muted the drum track's items there and unmuted Var 1 to hear the chorus
played by it, then Drumify with a new seed for the verse: Drumify muted Var 1 too ("muted 'ReaGroove Var 1', which
played over these bars"), so bars 9-16 played no kit at all. Drumify mutes a variation only over the bars where the
drum track plays once it is written; where its items are muted by the producer, the variation plays on, said in one
line, in the one undo point as before."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME

BARS = 16
STILL = "'ReaGroove Var 1' still plays bars 9-16, where the drum track's items are muted"


def song():
    """A 16-bar bass line, selected: the verse bars 1-8, the chorus bars 9-16."""
    spec = ProjectSpec(bpm=120)
    notes = [(b * 4.0 + q, 0.4, 40 + (b // 8) * 3, 100) for b in range(BARS) for q in (0.0, 1.5, 2.0, 3.0)]
    spec.add_midi_item(spec.add_track("Bass"), start_qn=0, length_qn=4 * BARS, selected=True, name="bass", notes=notes)
    return spec


def track_named(rpr, name):
    return next(t for t in (rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0)))
                if rpr.RPR_GetTrackName(t, "", 256)[2] == name)


def items_of(rpr, name) -> list:
    track = track_named(rpr, name)
    return [rpr.RPR_GetTrackMediaItem(track, k) for k in range(rpr.RPR_CountTrackMediaItems(track))]


def bar_of(rpr, item) -> int:
    return round(rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")) / 4) + 1


def kits_heard(rpr) -> dict:
    """{bar: [the ReaGroove tracks with a drum note heard in it]}: the track and the item unmuted."""
    out: dict = {bar: [] for bar in range(1, BARS + 1)}
    for i in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, i)
        name = rpr.RPR_GetTrackName(track, "", 256)[2]
        if not name.startswith("ReaGroove") or rpr.RPR_GetMediaTrackInfo_Value(track, "B_MUTE"):
            continue
        for item in items_of(rpr, name):
            if rpr.RPR_GetMediaItemInfo_Value(item, "B_MUTE"):
                continue
            take = rpr.RPR_GetActiveTake(item)
            for k in range(rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]):
                ppq = rpr.RPR_MIDI_GetNote(take, k, 0, 0, 0, 0, 0, 0, 0)[5]
                bar = int(rpr.RPR_MIDI_GetProjQNFromPPQPos(take, ppq) // 4) + 1
                if name not in out.setdefault(bar, []):
                    out[bar].append(name)
    return out


def audition_var1_over_the_chorus(s, bridge, whole_song=False):
    """Drumify, then 2 variations over bars 9-16 (the time selection; the whole song with `whole_song`), Var 1
    unmuted: returns the drum track's items in bars 9-16."""
    rpr = s.rpr
    actions.drumify_selection(bridge, engine(), Settings())
    if not whole_song:
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, rpr.RPR_TimeMap2_QNToTime(0, 32),
                                      rpr.RPR_TimeMap2_QNToTime(0, 64), False)
    actions.variations_of_selection(bridge, engine(), Settings(), 2)
    rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0, 0, False)
    rpr.RPR_SetMediaTrackInfo_Value(track_named(rpr, "ReaGroove Var 1"), "B_MUTE", 0)
    return [item for item in items_of(rpr, DRUMS_TRACK_NAME) if bar_of(rpr, item) >= 9]


def test_drumify_again_leaves_the_variation_the_producer_hears_over_muted_drum_items_playing():
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        for item in audition_var1_over_the_chorus(s, bridge):  # the chorus played by Var 1
            rpr.RPR_SetMediaItemInfo_Value(item, "B_MUTE", 1)
        points = len(s.reaper.undo_names)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["written"] == 4 and len(s.reaper.undo_names) == points + 1
        heard = kits_heard(rpr)
        assert all(heard[bar] == [DRUMS_TRACK_NAME] for bar in range(1, 9)), heard
        assert all(heard[bar] == ["ReaGroove Var 1"] for bar in range(9, BARS + 1)), heard  # no bar silent
        assert [m for m in res["messages"] if "Var 1" in m] == [STILL]


@pytest.mark.parametrize("edited", [False, True])
def test_a_variation_heard_where_the_drum_track_plays_is_muted_as_before(edited):
    """Var 1 unmuted over bars 9-16 where the drum track's items play too (two kits; with `edited`, bars 9-10 an
    item the producer edited, kept, that plays): muted, one kit plays."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        chorus = audition_var1_over_the_chorus(s, bridge)
        if edited:
            rpr.RPR_SetMediaItemInfo_Value(chorus[0], "I_CUSTOMCOLOR", 0x10000FF)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert rpr.RPR_GetMediaTrackInfo_Value(track_named(rpr, "ReaGroove Var 1"), "B_MUTE") == 1
        assert all(kits == [DRUMS_TRACK_NAME] for kits in kits_heard(rpr).values())
        assert [m for m in res["messages"] if "Var 1" in m] == [
            "muted 'ReaGroove Var 1', which played over these bars, so one kit plays (unmute it to audition it again)"]
        assert not res.get("variations_still_playing") and res["kept_items"] == int(edited)


def test_a_kept_edited_item_that_plays_mutes_the_variation_there_and_muted_ones_leave_it_playing():
    """Bars 9-10: the producer's edited drum item (coloured: kept), playing; bars 13-16 muted for Var 1: Var 1's
    items over bars 9-12 are muted (the drum track plays there), those over bars 13-16 play on; one undo takes
    back the drums and the mutes together."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        chorus = audition_var1_over_the_chorus(s, bridge)
        rpr.RPR_SetMediaItemInfo_Value(chorus[0], "I_CUSTOMCOLOR", 0x10000FF)  # bars 9-10: kept
        for item in chorus[2:]:
            rpr.RPR_SetMediaItemInfo_Value(item, "B_MUTE", 1)
        rpr.RPR_Undo_OnStateChangeEx2(0, "chorus = Var 1", -1, -1)  # the producer's edits, their own undo point
        before = {bar: list(kits) for bar, kits in kits_heard(rpr).items()}
        points = len(s.reaper.undo_names)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert len(s.reaper.undo_names) == points + 1
        heard = kits_heard(rpr)
        assert all(heard[bar] == [DRUMS_TRACK_NAME] for bar in range(1, 13)), heard
        assert all(heard[bar] == ["ReaGroove Var 1"] for bar in range(13, BARS + 1)), heard
        assert [m for m in res["messages"] if "Var 1" in m] == [
            "muted 'ReaGroove Var 1' in bars 9-12, where the drum track plays, so one kit plays (unmute its items "
            "there to audition it again)",
            "'ReaGroove Var 1' still plays bars 13-16, where the drum track's items are muted"]
        rpr.RPR_Undo_DoUndo2(0)
        assert kits_heard(rpr) == before


def test_a_variation_over_the_whole_song_plays_on_while_the_drum_track_is_muted_whole():
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        audition_var1_over_the_chorus(s, bridge, whole_song=True)
        rpr.RPR_SetMediaTrackInfo_Value(track_named(rpr, DRUMS_TRACK_NAME), "B_MUTE", 1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["written"] and not res["muted_variations"]
        assert all(kits == ["ReaGroove Var 1"] for kits in kits_heard(rpr).values())
        assert [m for m in res["messages"] if "not heard" in m]  # how to hear the new drums instead
