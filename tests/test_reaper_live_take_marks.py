"""The drums a live take puts back where it stops keep the mark of what wrote them (P_EXT reagroove_by).

A live take over Drumify's drums, stopped at the end of bar 4: live follow had written bar 5 ahead of the cursor,
and put Drumify's bar 5 back, marked as live follow's. The producer then trimmed the bass to 4 bars and ran
Drumify again: bars 5-8 of the old drums (92 notes) played on past the band's end, with nothing said, because a
"live" bar broke the run of Drumify's own drums that drums_around.drums_past_band takes out. Now the bar put back
is Drumify's again, and the take's own bars stay live's (a jam is never Drumify's to take). Simulated REAPER
under the real reapy, stand-in model, in-process."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, engine
from test_reaper_runtime import armed_follower
from test_reaper_trimmed_part import BPM, drums, eight_bars, trim_bass

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.live_take_end import drums_before_take, items_after_stop
from reagroove.reaper_ext.reaper_item_record import written_by
from reagroove.reaper_ext.reaper_names import DRUMS_TRACK_NAME


def marks(rpr) -> list:
    """(start QN, end QN, what wrote it) of each item on the drum track."""
    track = next(t for t in (rpr.RPR_GetTrack(0, i) for i in range(rpr.RPR_CountTracks(0)))
                 if rpr.RPR_GetTrackName(t, "", 256)[2] == DRUMS_TRACK_NAME)
    out = []
    for k in range(rpr.RPR_CountTrackMediaItems(track)):
        item = rpr.RPR_GetTrackMediaItem(track, k)
        pos = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
        end = pos + rpr.RPR_GetMediaItemInfo_Value(item, "D_LENGTH")
        out.append((round(rpr.RPR_TimeMap2_timeToQN(0, pos), 3), round(rpr.RPR_TimeMap2_timeToQN(0, end), 3),
                    written_by(rpr, item)))
    return sorted(out)


def live_take_to(s, follower, stop_qn: float) -> None:
    """Play from bar 1 with live follow, an 8th-ish note every 0.3 s, and stop once the cursor passes stop_qn."""
    rpr, transport = s.rpr, s.reaper.transport
    rpr.RPR_SetEditCurPos(0.0, False, False)
    rpr.RPR_OnPlayButton()
    follower.poll()
    t, next_note = 0.0, 0.0
    while transport.position() * BPM / 60 < stop_qn:
        if t >= next_note:
            s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=transport.position())
            next_note += 0.3
        transport.advance(0.03)
        t += 0.03
        follower.poll()
    rpr.RPR_OnStopButton()
    follower.poll()


def test_drumifys_bars_put_back_after_a_take_go_with_a_shortened_part():
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        old = drums(bridge)
        assert old[-1][:2] == (24.0, 32.0)
        s.reaper.transport.render_ahead = 0.2
        follower = armed_follower(s, BPM)
        follower.poll()
        live_take_to(s, follower, 15.85)  # the end of bar 4: bar 5 is written ahead, then put back
        after_take = marks(rpr)
        put_back = [m for m in after_take if m[0] == 16.0]
        assert put_back == [(16.0, 20.0, "drumify")], after_take  # Drumify's bar 5, as it was
        assert (12.0, 16.0, "live") in after_take  # what the take played stays live's
        # the part shortened to bars 1-4, Drumify again: the old bars 5-8 go with it, said, in one undo point
        trim_bass(s, 4)
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert max(b for _, b, _ in drums(bridge)) == 16.0, drums(bridge)
        assert [m for m in res["messages"] if "earlier drums in bars 5-8" in m]
        rpr.RPR_Undo_DoUndo2(0)
        assert [m for m in marks(rpr) if m[0] >= 16.0] == [m for m in after_take if m[0] >= 16.0]


def test_a_takes_own_bars_stay_when_the_part_is_shortened_under_them():
    """The take stopped in bar 5 (its bar 5 heard, live's): Drumify of the bass trimmed to 4 bars leaves the jam's
    bar 5 and everything after it (the run of Drumify's own drums past the band starts at the jam's bar)."""
    with reapy_inside(eight_bars(), purge=PURGE) as s:
        bridge, rpr = LocalBridge(), s.rpr
        actions.drumify_selection(bridge, engine(), Settings())
        s.reaper.transport.render_ahead = 0.2
        follower = armed_follower(s, BPM)
        follower.poll()
        live_take_to(s, follower, 17.5)
        heard = [m for m in marks(rpr) if m[0] == 16.0]
        assert heard and heard[0][2] == "live"
        after_take = [m for m in marks(rpr) if m[0] >= 16.0]
        trim_bass(s, 4)
        res = actions.drumify_selection(bridge, engine(), Settings())
        assert [m for m in marks(rpr) if m[0] >= 16.0] == after_take
        assert not [m for m in res["messages"] if "earlier drums" in m]


@pytest.mark.parametrize("by", ["drumify", "live", ""])
def test_pieces_put_back_carry_the_old_items_mark(by):
    """items_after_stop on its own: the bar the stop is in (silent after the stop: one item) and the blanks are
    live's; an old item's notes put back carry what wrote it ('' where an older server did not say, which REAPER's
    side writes as live's)."""
    take = {4.0: {"start_qn": 4.0, "end_qn": 8.0, "name": "ReaGroove live", "settings": {},
                  "notes": [[4.0, 4.2, 36, 100], [6.0, 6.2, 38, 100]]},
            8.0: {"start_qn": 8.0, "end_qn": 12.0, "name": "ReaGroove live", "settings": {},
                  "notes": [[8.0, 8.2, 36, 100]]}}
    before = drums_before_take([{"start_qn": 8.0, "end_qn": 10.0, "name": "Drumify", "settings": {}, "by": by,
                                 "notes": [[8.0, 8.2, 42, 90]]}])
    pieces = items_after_stop(take, before, 7.0)
    assert [(p["start_qn"], p["end_qn"], p["by"]) for p in pieces] == [
        (4.0, 8.0, "live"), (8.0, 10.0, by), (10.0, 12.0, "live")]
    assert pieces[1]["notes"] == [[8.0, 8.2, 42, 90]] and not pieces[2]["notes"]  # the old hi-hat, not the take's kick
