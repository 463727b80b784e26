"""A variation auditioned over a section, then Drumify again (simulated REAPER).

The reviewer ran Variations over bars 9-16, muted the drum track's items there and unmuted Var 1 to hear the chorus
played by it, then Drumify with a new seed for the verse: Drumify muted Var 1 too ("muted 'ReaGroove Var 1', which
played over these bars"), so bars 9-16 played no kit at all. Drumify mutes a variation only over the bars where the
drum track plays once it is written; where its items are muted by the producer, the variation plays on, said in one
line, in the one undo point as before."""

import re

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


def unmuted_items(rpr):
    """(track name, item) of every unmuted item on an unmuted ReaGroove track."""
    for i in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, i)
        name = rpr.RPR_GetTrackName(track, "", 256)[2]
        if name.startswith("ReaGroove") and not rpr.RPR_GetMediaTrackInfo_Value(track, "B_MUTE"):
            yield from ((name, item) for item in items_of(rpr, name)
                        if not rpr.RPR_GetMediaItemInfo_Value(item, "B_MUTE"))


def kits_heard(rpr) -> dict:
    """{bar: [the ReaGroove tracks with a drum note heard in it]}: the track and the item unmuted."""
    out: dict = {bar: [] for bar in range(1, BARS + 1)}
    for name, item in unmuted_items(rpr):
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


def kits_over(rpr) -> dict:
    """{bar: [the ReaGroove tracks with an unmuted item over its middle]}, the track unmuted: what plays there as
    REAPER mutes (whole items), whatever notes the item holds."""
    out: dict = {bar: [] for bar in range(1, BARS + 1)}
    for name, item in unmuted_items(rpr):
        pos = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        lo = rpr.RPR_TimeMap2_timeToQN(0, pos)
        hi = rpr.RPR_TimeMap2_timeToQN(0, pos + rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH"))
        for bar in out:
            if lo < 4 * bar - 2 < hi and name not in out[bar]:
                out[bar].append(name)
    return out


def chorus_var1_over_muted_drum_bars_13_16(s, bridge):
    """Var 1 auditioned over bars 9-16, the drum track's items in bars 13-16 muted for it (bars 9-12 play both
    kits, as the producer left them): returns Var 1's items."""
    for item in audition_var1_over_the_chorus(s, bridge)[2:]:
        s.rpr.RPR_SetMediaItemInfo_Value(item, "B_MUTE", 1)
    return items_of(s.rpr, "ReaGroove Var 1")


def one_kit_where_said(before: dict, after: dict, said: str) -> list:
    """The bars where a kit played before that play two kits or none after Drumify, the bars `said` ('bar 13',
    'bars 11-12') taken out: none where every such bar is said."""
    named = set()
    for lo, hi in re.findall(r"bars? (\d+)(?:-(\d+))?", said):
        named.update(range(int(lo), int(hi or lo) + 1))
    return [bar for bar in before if before[bar] and len(after[bar]) != 1 and bar not in named]


@pytest.mark.parametrize("first_bar,two_kits,no_kit", [(9, [], [13, 14, 15, 16]), (11, [11, 12], [])])
def test_a_variation_glued_into_one_item_over_playing_and_muted_drum_bars_is_decided_whole_and_said(
        first_bar, two_kits, no_kit):
    """Var 1's items glued into one over bars `first_bar`-16, the drum items in bars 13-16 muted: REAPER mutes whole
    items, so one over as many playing drum bars as muted ones (bars 9-16) is muted, bars 13-16 then silent, and one
    mostly over muted ones (bars 11-16) plays on, bars 11-12 two kits: Drumify writes, says those bars in one line
    (it raised an error after writing, saying nothing), one undo point."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        var1 = chorus_var1_over_muted_drum_bars_13_16(s, bridge)
        glued, qn = var1[0], rpr.RPR_TimeMap2_QNToTime
        rpr.RPR_SetMediaItemInfo_Value(glued, "D_POSITION", qn(0, 4 * (first_bar - 1)))
        rpr.RPR_SetMediaItemInfo_Value(glued, "D_LENGTH", qn(0, 64) - qn(0, 4 * (first_bar - 1)))
        for item in var1[1:]:
            rpr.RPR_DeleteTrackMediaItem(track_named(rpr, "ReaGroove Var 1"), item)
        before, points = kits_over(rpr), len(s.reaper.undo_names)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["written"] and len(s.reaper.undo_names) == points + 1
        after = kits_over(rpr)
        assert [bar for bar in range(9, BARS + 1) if len(after[bar]) == 2] == two_kits, after
        assert [bar for bar in range(9, BARS + 1) if not after[bar]] == no_kit, after
        left = [m for m in res["messages"] if "REAPER mutes whole items" in m]
        assert len(left) == 1 and "'ReaGroove Var 1' leaves" in left[0], res["messages"]
        assert not one_kit_where_said(before, after, left[0].split(":")[0])
        assert ("two kits" in left[0]) == bool(two_kits) and ("no kit" in left[0]) == bool(no_kit)


def test_variation_items_over_both_playing_and_muted_drum_bars_each_play_one_kit_or_are_said():
    """Var 1's 2-bar items a bar early (bars 8-9, 10-11, 12-13, 14-15), the drum items in bars 13-16 muted: each item
    is muted or plays on by where most of it lies, and the one bar left without a kit (bar 13: its item half over
    playing drums) is said; none plays two kits (bar 12 had, its item kept whole)."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        for item in chorus_var1_over_muted_drum_bars_13_16(s, bridge):
            at = rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION"))
            rpr.RPR_SetMediaItemInfo_Value(item, "D_POSITION", rpr.RPR_TimeMap2_QNToTime(0, at - 4))
        before = kits_over(rpr)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        after = kits_over(rpr)
        assert all(after[bar] == [DRUMS_TRACK_NAME] for bar in range(1, 13)), after
        assert not after[13] and all(after[bar] == ["ReaGroove Var 1"] for bar in (14, 15)), after
        said = [m for m in res["messages"] if "Var 1" in m]
        assert said[:2] == [
            "muted 'ReaGroove Var 1' in bars 8-12, where the drum track plays, so one kit plays (unmute its items "
            "there to audition it again)",
            "'ReaGroove Var 1' still plays bars 14-15, where the drum track's items are muted"], said
        assert len(said) == 3 and said[2].startswith("'ReaGroove Var 1' leaves no kit in bar 13: "), said
        assert not one_kit_where_said(before, after, said[2].split(":")[0])


def test_a_time_selection_over_part_of_an_auditioned_variation_leaves_it_playing_past_it_where_drums_are_muted():
    """Drumify over bars 9-12 (the time selection), Var 1 heard over bars 9-16 and the drum items in 13-16 muted for
    it: Var 1 is muted over bars 9-12 only, bars 13-16 still play it (the whole track was muted, those bars silent)."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        chorus_var1_over_muted_drum_bars_13_16(s, bridge)
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, rpr.RPR_TimeMap2_QNToTime(0, 32),
                                      rpr.RPR_TimeMap2_QNToTime(0, 48), False)
        before = kits_over(rpr)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        after = kits_over(rpr)
        assert rpr.RPR_GetMediaTrackInfo_Value(track_named(rpr, "ReaGroove Var 1"), "B_MUTE") == 0
        assert all(after[bar] == [DRUMS_TRACK_NAME] for bar in range(1, 13)), after
        assert all(after[bar] == ["ReaGroove Var 1"] for bar in range(13, BARS + 1)), after
        assert not one_kit_where_said(before, after, "")
        assert [m for m in res["messages"] if "Var 1" in m] == [
            "muted 'ReaGroove Var 1' in bars 9-12, where the drum track plays, so one kit plays (unmute its items "
            "there to audition it again)", "'ReaGroove Var 1' still plays bars 13-16, where the drum track's items "
            "are muted"]


def test_drumify_pressed_again_with_nothing_changed_says_the_variation_it_muted_is_its_undo_point():
    """The same settings again over drums already written, Var 1 auditioned over them: nothing rewritten, Var 1
    muted (one kit), and the line says the drums were left as they are rather than 'no undo point'."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        audition_var1_over_the_chorus(s, bridge)
        points = len(s.reaper.undo_names)
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert not res["written"] and res["unchanged"] and len(s.reaper.undo_names) == points + 1
        assert rpr.RPR_GetMediaTrackInfo_Value(track_named(rpr, "ReaGroove Var 1"), "B_MUTE") == 1
        assert actions.kept_note(res) == "; drums already written for these settings, left as they are"


def test_a_variation_item_muted_over_a_muted_drum_bar_mutes_items_not_the_track_so_its_split_part_plays():
    """Var 1's items a bar early (bars 8-9 ... 14-15), only the drum item over bars 15-16 muted: every item of Var 1
    lies mostly (or half) over playing drums, so all are muted, and bar 15 (its last item's second bar) is left with
    no kit. Drumify muted the whole track, so the advice said (split that item at the bar line, unmute the part
    over the muted drums) could not bring bar 15 back; its items are muted instead, and following it does."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge, qn = s.rpr, LocalBridge(), s.rpr.RPR_TimeMap2_QNToTime
        rpr.RPR_SetMediaItemInfo_Value(audition_var1_over_the_chorus(s, bridge)[-1], "B_MUTE", 1)  # bars 15-16
        for item in items_of(rpr, "ReaGroove Var 1"):
            at = rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION"))
            rpr.RPR_SetMediaItemInfo_Value(item, "D_POSITION", qn(0, at - 4))
        assert kits_over(rpr)[15] == ["ReaGroove Var 1"]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        var1 = track_named(rpr, "ReaGroove Var 1")
        assert rpr.RPR_GetMediaTrackInfo_Value(var1, "B_MUTE") == 0
        after = kits_over(rpr)
        assert all(after[bar] == [DRUMS_TRACK_NAME] for bar in range(1, 15)) and not after[15], after
        said = [m for m in res["messages"] if "Var 1" in m]
        assert said[0] == ("muted 'ReaGroove Var 1' in bars 8-14, where the drum track plays, so one kit plays "
                           "(unmute its items there to audition it again)"), said
        assert len(said) == 2 and said[1].startswith("'ReaGroove Var 1' leaves no kit in bar 15: "), said
        assert "unmute the part over the muted drums" in said[1], said
        straddling = items_of(rpr, "ReaGroove Var 1")[-1]  # bars 14-15, muted: split at bar 15 as said
        rpr.RPR_SetMediaItemInfo_Value(straddling, "D_LENGTH", qn(0, 56) - qn(0, 52))
        rpr.RPR_CreateNewMIDIItemInProj(var1, qn(0, 56), qn(0, 60), False)  # the part over bar 15, unmuted
        after = kits_over(rpr)
        assert after[14] == [DRUMS_TRACK_NAME] and after[15] == ["ReaGroove Var 1"], after
