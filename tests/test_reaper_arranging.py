"""Arranging a song in REAPER over several Drumify runs: a time selection across an edited bar, a section drummed with
other settings then the whole song drummed again, a fill bar leading into a kept item or variation, and why each kept
item is kept (helper I's arranging hour)."""

from fake_reaper import reapy_inside
from test_reaper import PURGE, engine
from test_reaper_arranging_drum_items import song

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def drum_items(rpr):
    """(start QN, end QN, take name, muted) of the drum track's items (track 2), by position."""
    track, out = rpr.RPR_GetTrack(0, 1), []
    for i in range(rpr.RPR_CountTrackMediaItems(track)):
        item = rpr.RPR_GetTrackMediaItem(track, i)
        pos = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        end = pos + rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")
        name = rpr.RPR_GetTakeName(rpr.RPR_GetActiveTake(item))
        out.append((round(rpr.RPR_TimeMap2_timeToQN(0, pos), 6), round(rpr.RPR_TimeMap2_timeToQN(0, end), 6), name,
                    bool(rpr.RPR_GetMediaItemInfo_Value(item, "B_MUTE"))))
    return sorted(out)


def item_at(rpr, qn, track=1):
    t = rpr.RPR_GetTrack(0, track)
    for i in range(rpr.RPR_CountTrackMediaItems(t)):
        item = rpr.RPR_GetTrackMediaItem(t, i)
        if abs(rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")) - qn) < 1e-6:
            return item
    raise AssertionError(f"no item at QN {qn}")


def ghost_snare(rpr, item, qn):
    """The producer adds a quiet snare to a drum item (an edit of theirs)."""
    take = rpr.RPR_GetActiveTake(item)
    at = rpr.RPR_MIDI_GetPPQPosFromProjQN(take, qn)
    rpr.RPR_MIDI_InsertNote(take, False, False, at, at + 60, 9, 38, 40, False)
    rpr.RPR_Undo_OnStateChangeEx2(0, "ghost note", -1, -1)


def time_selection(rpr, lo_qn, hi_qn):
    rpr.RPR_GetSet_LoopTimeRange2(0, True, False, rpr.RPR_TimeMap2_QNToTime(0, lo_qn),
                                  rpr.RPR_TimeMap2_QNToTime(0, hi_qn), False)


def test_a_time_selection_over_an_edited_bar_and_an_unedited_one_redrums_the_unedited_one():
    """Bars 6-7 selected after editing the drum item of bars 5-6: the selection's one 2-bar window was kept whole
    ("nothing written", "bars 6-7 keep the drums they had"), bar 7 untouched. Now bar 6 (the edit) is kept and
    said, bar 7 redrummed, bar 8 (the rest of its item) left as it was; pressed again, nothing changes."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        edited = item_at(rpr, 16.0)
        ghost_snare(rpr, edited, 23.75)
        time_selection(rpr, 20.0, 28.0)
        before = drum_items(rpr)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        assert res["written"] == 1 and res["kept_edited"] == [[20.0, 24.0]], res
        items = drum_items(rpr)
        assert (16.0, 24.0, "ReaGroove · seed 1", False) in items  # their edit, as it was
        assert (24.0, 28.0, "ReaGroove · seed 4", False) in items  # bar 7 redrummed
        assert (28.0, 32.0, "ReaGroove · seed 1", False) in items  # bar 8: the rest of its item
        assert "bar 6 keeps the drums it had: a drum item there was edited by you (move or delete it to redrum it)" \
            in res["messages"]
        assert actions.kept_note(res) == "; kept 1 item you edited"
        rpr.RPR_Undo_DoUndo2(0)  # one undo point: bars 7-8 one item again
        assert drum_items(rpr) == before
        rpr.RPR_Undo_DoRedo2(0)
        assert drum_items(rpr) == items
        res = actions.drumify_selection(bridge, engine(), Settings(seed=4))
        assert res["written"] == 0 and drum_items(rpr) == items and res["unchanged"]


def test_a_whole_song_drumify_says_which_bars_drummed_with_other_settings_it_replaced():
    """The last bars drummed as jazz at density 0.3 from a time selection, then the whole song drummed again with
    the song's settings: the jazz bars turned rock with only "wrote N drum items" said. Replacing them is the rule
    (an item as written is ReaGroove's to redraw); the run now says which bars had other settings, which, and that
    Undo brings them back. A whole take replaced (one setting before: a new seed) says nothing of it."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        time_selection(rpr, 24.0, 32.0)
        actions.drumify_selection(bridge, engine(), Settings(genre={"jazz": 1.0}, density=0.3, seed=1))
        assert drum_items(rpr)[-1][2] == "ReaGroove · jazz 1.0 · density 0.30 · seed 1"
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0, 0, False)
        jazz = drum_items(rpr)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=1))
        assert all(name == "ReaGroove · seed 1" for *_span, name, _m in drum_items(rpr))
        assert [m for m in res["messages"] if "other settings" in m] == [
            "bars 7-8 (jazz 1.0 · density 0.30 · seed 1) had drums written with other settings: replaced with these "
            "(Undo, Ctrl+Z, brings them back; lock or edit a drum item to keep it through a Drumify)"]
        rpr.RPR_Undo_DoUndo2(0)
        assert drum_items(rpr) == jazz
        rpr.RPR_Undo_DoRedo2(0)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))  # a new take of the whole song
        assert res["written"] and not [m for m in res["messages"] if "other settings" in m]


def test_a_fill_bar_into_a_kept_item_or_variation_says_no_crash_follows_it():
    """A fill bar typed after keeping bars (an edited drum item; a variation auditioned, the drum track's items
    muted there): the fill plays into drums the run does not write, so the crash that opens the bar after a fill
    is not there. Said, with how to get it."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        ghost_snare(rpr, item_at(rpr, 16.0), 19.75)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=1, fill_bars=(4,)))
        assert ("fill bar 4 leads into bar 5, whose drum item you kept: it keeps its own drums, so no crash follows "
                "the fill there (move or delete that item to redrum it)") in res["messages"], res["messages"]
        assert not [m for m in actions.drumify_selection(bridge, engine(), Settings(seed=1, fill_bars=(6,)))[
            "messages"] if m.startswith("fill bar")]  # a fill bar inside the kept item: no fill written, no line

    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        time_selection(rpr, 16.0, 32.0)
        actions.variations_of_selection(bridge, engine(), Settings(seed=1), 2)
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 0, 0, False)
        for qn in (16.0, 24.0):  # the README's way to keep a variation: its bars' drum items muted, it unmuted
            rpr.RPR_SetMediaItemInfo_Value(item_at(rpr, qn), "B_MUTE", 1.0)
        var2 = rpr.RPR_GetTrack(0, 3)
        assert rpr.RPR_GetTrackName(var2, "", 256)[2] == "ReaGroove Var 2"
        rpr.RPR_SetMediaTrackInfo_Value(var2, "B_MUTE", 0.0)
        for i in range(rpr.RPR_CountTrackMediaItems(var2)):
            rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetTrackMediaItem(var2, i), "B_MUTE", 0.0)
        rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 2), "B_MUTE", 1.0)  # Var 1 muted: one kit plays
        rpr.RPR_Undo_OnStateChangeEx2(0, "keep Var 2", -1, -1)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=1, fill_bars=(4,)))
        assert ("fill bar 4 leads into bar 5, where 'ReaGroove Var 2' plays (the drum track's items are muted there): "
                "it keeps its own drums, so the crash after the fill is not heard (Variations over bars 5-8 again "
                "draws versions that follow it)") in res["messages"], res["messages"]
        assert actions.kept_note(res) == "; kept 2 items you muted"


def test_kept_items_are_said_with_the_reason_that_applies():
    """"kept 1 item you edited, muted, locked or played yourself" whatever the producer did: REAPER's side knows
    which, and the summary and the kept bars' line name it (a locked item: "you locked")."""
    with reapy_inside(song(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1))
        rpr.RPR_SetMediaItemInfo_Value(item_at(rpr, 0.0), "C_LOCK", 1.0)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=2))
        assert actions.kept_note(res) == "; kept 1 item you locked"
        assert ("bars 1-2 keep the drums they had: a drum item there was locked by you (move or delete it to redrum "
                "them)") in res["messages"]
        ghost_snare(rpr, item_at(rpr, 8.0), 9.75)
        res = actions.drumify_selection(bridge, engine(), Settings(seed=3))
        assert actions.kept_note(res) == "; kept 2 items you edited or locked"
    assert actions.kept_note({"kept_edited": [1]}) == "; kept 1 item you edited, muted, locked or played yourself"
