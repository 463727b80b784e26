"""A producer's REAPER sessions with ReaGroove's actions: edits of the drum items that must count as theirs,
live follow over short loops, and odd projects (under the real reapy, in the simulated REAPER)."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_project_layouts import riff, spans

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


@pytest.mark.parametrize("of, parm, value", [("take", "D_PLAYRATE", 2.0), ("take", "D_STARTOFFS", 0.25),
                                             ("take", "D_VOL", 0.5), ("item", "D_VOL", 0.5),
                                             ("item", "D_FADEINLEN", 2.0), ("item", "D_FADEOUTLEN", 0.5),
                                             ("take", "D_PITCH", -3.0), ("take", "D_PAN", -0.5)])
def test_a_drum_item_whose_rate_start_offset_or_volume_the_producer_changed_is_kept(of, parm, value):
    """The producer sped up the first drum item (a double-time intro), slipped its notes (alt-drag the content:
    the take's start offset), turned it down, faded it in or out (an intro that swells in), pitched the kit
    down or panned it: Drumify again deleted it and wrote a new one there, as if untouched."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        item = rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 1), 0)
        if of == "take":
            rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(item), parm, value)
        else:
            rpr.RPR_SetMediaItemInfo_Value(item, parm, value)
        assert [i["edited"] for i in bridge.call("drum_track_items")["items"]] == [True, False]
        res = actions.drumify_selection(bridge, engine(), Settings(seed=5))
        assert res["kept_edited"] == [[0.0, 8.0]] and res["written"] == 1
        assert rpr.RPR_ValidatePtr2(0, item, "MediaItem*")
        assert spans() == [(0.0, 8.0), (8.0, 16.0)]
        assert "kept 1 item you edited" in actions.kept_note(res)


def looping_player(s, bpm, loop_qn, *, lookahead_s=0.5, timesig=None):
    """Loop playback over `loop_qn` (repeat on, REAPER rendering 200 ms ahead), an armed track and a live
    follower, REAPER playing from the loop start. Returns play(passes, every_qn, early_s=0): a note every
    `every_qn` QN of the loop, each pass; a note on the loop start played `early_s` before the loop end."""
    from reagroove.reaper_ext import live_follow

    rpr, transport = s.rpr, s.reaper.transport
    transport.render_ahead = 0.2
    track = rpr.RPR_GetTrack(0, 0)
    rpr.RPR_SetMediaTrackInfo_Value(track, "I_RECARM", 1)
    rpr.RPR_SetMediaTrackInfo_Value(track, "I_RECINPUT", 4096 + (63 << 5))
    beat = 60.0 / bpm
    ls, le = loop_qn[0] * beat, loop_qn[1] * beat
    rpr.RPR_GetSet_LoopTimeRange2(0, True, True, ls, le, False)
    rpr.RPR_GetSetRepeatEx(0, 1)
    follower = live_follow.LiveFollower(LocalBridge(), engine(), Settings(), lookahead_s=lookahead_s)
    rpr.RPR_SetEditCurPos(ls, False, False)
    rpr.RPR_OnPlayButton()
    follower.poll()
    clock = [0.0]  # seconds played since the loop start, across passes

    def play(passes, every_qn, early_s=0.0, tick=0.02):
        length = le - ls
        times = [k * every_qn * beat for k in range(int(round((loop_qn[1] - loop_qn[0]) / every_qn)))]
        start = clock[0]
        notes = sorted((p * length + t - (early_s if t == 0.0 and p else 0.0)) for p in range(passes) for t in times)
        notes = [start + t for t in notes]
        end = start + passes * length
        while clock[0] < end - 1e-9:
            step = min(tick, end - clock[0])
            transport.advance(step)
            clock[0] += step
            while notes and notes[0] <= clock[0] + 1e-9:
                t = notes.pop(0)
                s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=ls + (t % length if (t % length) < length
                                                                           - early_s - 1e-9 else t % length))
            follower.poll()

    return follower, play


def loop_kicks(lo, hi):
    """The kick drum's onsets in the drum items over [lo, hi), in QN rounded to the 16th they are played on."""
    items = LocalBridge().call("drum_track_items")["items"]
    return sorted(round(n[0] * 4) / 4 for i in items for n in i["notes"] if n[2] == 36 and lo <= n[0] < hi)


@pytest.mark.parametrize("bpm, timesig, loop_qn, lookahead_s", [
    (120, (4, 4), (8.0, 12.0), 0.5),  # a 1-bar loop, longer than the look-ahead
    (300, (2, 4), (4.0, 6.0), 0.5),  # a 2/4 bar at 300 BPM: shorter than the look-ahead (2.5 beats)
    (240, (4, 4), (8.0, 12.0), 1.5),  # a 1-bar loop shorter than a 6-beat look-ahead
])
def test_a_one_bar_loop_follows_the_player_when_they_change_what_they_play(bpm, timesig, loop_qn, lookahead_s):
    """Loop playback over one bar: 8th notes for two passes, then quarter notes. The drums went on kicking
    8ths in every pass after: what was played never faded in a 1-bar loop (the jump back forgot the bar line
    at the loop end), so the drums kept a part the player had stopped playing."""
    spec = ProjectSpec(bpm=bpm, timesig=timesig)
    spec.add_track("Bass")
    with reapy_inside(spec, purge=PURGE) as s:
        follower, play = looping_player(s, bpm, loop_qn, lookahead_s=lookahead_s)
        assert follower.session.lookahead > loop_qn[1] - loop_qn[0] or lookahead_s == 0.5
        play(2, 0.5)
        assert loop_kicks(*loop_qn) == [loop_qn[0] + k * 0.5 for k in range(int(2 * (loop_qn[1] - loop_qn[0])))]
        play(5, 1.0)
        assert loop_kicks(*loop_qn) == [loop_qn[0] + k for k in range(int(loop_qn[1] - loop_qn[0]))]
        s.rpr.RPR_OnStopButton()
        follower.poll()
        assert s.reaper.undo_names[-1] == "ReaGroove: live follow"
        assert [(i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"]] == [loop_qn]


@pytest.mark.parametrize("bpm, loop_qn, lookahead_s", [
    (120, (8.0, 12.0), 0.5),  # a 1-bar loop
    (120, (8.0, 20.0), 0.5),  # a 3-bar loop
    (240, (8.0, 12.0), 1.5),  # a 1-bar loop shorter than the look-ahead
])
def test_a_loops_downbeat_played_a_hair_early_is_the_loop_starts_downbeat(bpm, loop_qn, lookahead_s):
    """Loop playback over 1 or 3 bars of 4/4, quarter notes with each pass's downbeat played 20 ms before the
    loop end (as players lean into the one): the drums lost their kick on the loop's first beat. The note was
    moved a whole 2-bar window back with the rest of the pass, onto the second bar's one, which the loop never
    plays."""
    spec = ProjectSpec(bpm=bpm)
    spec.add_track("Bass")
    with reapy_inside(spec, purge=PURGE) as s:
        follower, play = looping_player(s, bpm, loop_qn, lookahead_s=lookahead_s)
        play(8, 1.0, early_s=0.02)
        assert loop_kicks(loop_qn[0], loop_qn[0] + 4.0) == [loop_qn[0] + k for k in range(4)]


def test_live_follow_in_a_loop_starting_mid_bar_leaves_the_drums_outside_the_loop_alone():
    """Drumify's drums on bars 1-4, then loop playback from beat 2 to beat 4 of bar 2 (QN 5-7) with live
    follow: the live bars were written from bar 2's bar line (QN 4), replacing the drums on its first beat
    that the loop never plays; and a take started again inside the loop wrote its first bar whole, past the
    loop end, over beat 4 too."""
    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        actions.drumify_selection(LocalBridge(), engine(), Settings())
        before = [n for i in LocalBridge().call("drum_track_items")["items"] for n in i["notes"]]

        def outside():  # the drum notes heard outside the loop, in bar 2
            return [n for i in LocalBridge().call("drum_track_items")["items"] for n in i["notes"]
                    if 4.0 <= n[0] < 5.0 or 7.0 <= n[0] < 8.0]

        want = [n for n in before if 4.0 <= n[0] < 5.0 or 7.0 <= n[0] < 8.0]
        follower, play = looping_player(s, 120, (5.0, 7.0))
        play(3, 0.5)
        live = [i for i in LocalBridge().call("drum_track_items")["items"] if i["name"] == "ReaGroove live"]
        assert live and all(5.0 <= i["start_qn"] and i["end_qn"] <= 7.0 for i in live)
        assert outside() == want
        s.rpr.RPR_OnStopButton()
        follower.poll()
        s.rpr.RPR_SetEditCurPos(5.5 * 0.5, False, False)  # play again from inside the loop
        s.rpr.RPR_OnPlayButton()
        follower.poll()
        play(1, 0.5)
        assert outside() == want


def test_a_loop_over_a_meter_change_fades_once_for_its_end_not_for_bars_counted_in_another_meter():
    """Loop playback over QN 12-24, 4/4 then 3/4 from QN 18, 8th notes all through: the loop end's fade was
    counted from a bar numbered in 3/4 against the loop start's 4/4 bars, fading five times at each jump back,
    so the 4/4 bar before the change lost its kicks (what was played there was all but forgotten)."""
    spec = ProjectSpec(bpm=120)
    spec.tempo_marker(120, qn=18, timesig=(3, 4))
    spec.add_track("Bass")
    with reapy_inside(spec, purge=PURGE) as s:
        _follower, play = looping_player(s, 120, (12.0, 24.0))
        play(4, 0.5)
        assert loop_kicks(12.0, 18.0) == [12.0 + k * 0.5 for k in range(12)]
