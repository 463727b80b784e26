"""What live drums remember over a time signature change: in a song (what was played fades once at every bar
line, in whichever meter is in force) and in REAPER's loop playback over one (the previous pass's bars at the
loop start still count when they come round again)."""

import numpy as np
import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_live import session
from test_reaper import PURGE, engine
from test_reaper_short_loops_and_item_edits import loop_kicks

from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.settings import Settings
from reagroove.reaper_ext.bridge import LocalBridge


def heard_offbeats(loop, lo, hi):
    """The 8th off-beats between beats lo and hi (from the session's origin) in the input a loop was made from."""
    return [k / 2 for k in range(int(2 * lo), int(2 * hi)) if k % 2
            and loop.groove[int(k / 2 * STEPS_PER_BEAT) % len(loop.groove), 0] > 0]


@pytest.mark.parametrize("old, new, at", [(4.0, 3.0, 16.0), (3.0, 4.0, 18.0), (2.0, 3.0, 16.0)])
def test_after_a_meter_change_what_is_no_longer_played_fades_at_each_new_bar_line(old, new, at):
    """8th notes up to a time signature change, quarter notes after it. The live drums went on hearing the
    8ths for several bars of the new meter (nothing faded until the bar count of the old meter was passed
    again in the new one: 4/4 then 3/4 from QN 16 faded first at QN 28). They fade once at every bar line:
    still heard two bars on, gone from the third (memory 0.6)."""
    s = session(memory=0.6, adaptive=False, lookahead=0.75)
    s.set_meter(old, at_beat=0.0)
    s.start(0.0)
    made, changed = [], False
    for beat in np.arange(0.0, at + 4 * new, 0.25):
        if beat % (1.0 if beat >= at else 0.5) == 0:
            s.feed(beat, 100)
        if not changed and beat >= at - s.lookahead:  # the look-ahead meets the marker (as REAPER's follow does)
            made += s.advance(at - s.lookahead)
            s.set_meter(new, at_beat=at)
            changed = True
        made += s.advance(beat)
    loops = {m.boundary: m for m in made}
    after = [at + k * new for k in (1, 2, 3)]
    assert set(after) <= set(loops)
    # the 8ths of the last bars before the change, on the steps the new meter's loops hear them
    offbeats = [heard_offbeats(loops[b], 0, 2 * new) for b in after]
    assert offbeats[0] and offbeats[1]  # one and two bar lines on: still heard (0.6, 0.36)
    assert offbeats[2] == []  # three: gone (0.22), as every third bar line in one meter


def test_bar_lines_are_counted_in_the_meter_each_falls_in():
    s = session()
    s.set_meter((4, 4), at_beat=0.0)
    s.set_meter((3, 4), at_beat=18.0)  # a 4/4 bar cut short by a 3/4 marker
    assert s.bar_lines(12.0, 24.0) == 4  # 16, 18, 21, 24
    assert s.bar_lines(12.0, 12.0) == 0 and s.bar_lines(15.9, 17.9) == 1
    s.set_meter((4, 4), at_beat=0.0)  # back to 4/4 from the start (a jump back): the 3/4 marker is gone
    assert s.bar_lines(12.0, 24.0) == 3


def looper(s, bpm, loop_qn):
    """Loop playback over `loop_qn` with live follow from the loop start (repeat on, REAPER rendering 200 ms
    ahead). Returns play(passes, notes): each pass, a note at each of `notes` (QN in the loop)."""
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
    follower = live_follow.LiveFollower(LocalBridge(), engine(), Settings())
    rpr.RPR_SetEditCurPos(ls, False, False)
    rpr.RPR_OnPlayButton()
    follower.poll()
    clock = [0.0]

    def play(passes, notes, tick=0.02):
        length = le - ls
        times = sorted(clock[0] + p * length + (q - loop_qn[0]) * beat for p in range(passes) for q in notes)
        end = clock[0] + passes * length
        while clock[0] < end - 1e-9:
            step = min(tick, end - clock[0])
            transport.advance(step)
            clock[0] += step
            while times and times[0] <= clock[0] + 1e-9:
                t = times.pop(0)
                s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=ls + (t % length))
            follower.poll()

    return follower, play


def test_a_loop_over_a_meter_change_keeps_the_last_passs_bars_at_its_start():
    """Loop playback over QN 12-24, 4/4 then 3/4 from QN 18: 8ths on the 4/4 bars, quarter notes on the 3/4
    ones. The drums at the loop start lost the 8ths played there in the last pass: the 3/4 bars lie on other
    steps of the 2-bar buffer and played over them, and what was left faded at the 3/4 bar lines. A drummer
    remembers how the loop starts when it comes round again."""
    spec = ProjectSpec(bpm=120)
    spec.tempo_marker(120, qn=18, timesig=(3, 4))
    spec.add_track("Bass")
    with reapy_inside(spec, purge=PURGE) as s:
        follower, play = looper(s, 120, (12.0, 24.0))
        notes = [12.0 + k * 0.5 for k in range(12)] + [18.0 + k for k in range(6)]
        play(4, notes)
        assert loop_kicks(12.0, 18.0) == [12.0 + k * 0.5 for k in range(12)]


def test_a_loop_over_a_meter_change_follows_the_player_who_changes_the_part():
    """The same loop, 8ths all through for two passes, then quarter notes: the 3/4 bars never faded (their bar
    lines counted from the 4/4 bar number), and the drums kept the 8ths the player had stopped playing. They
    play what a loop of quarter notes alone gets."""
    def kicks(parts):
        spec = ProjectSpec(bpm=120)
        spec.tempo_marker(120, qn=18, timesig=(3, 4))
        spec.add_track("Bass")
        with reapy_inside(spec, purge=PURGE) as s:
            _follower, play = looper(s, 120, (12.0, 24.0))
            for passes, every in parts:
                play(passes, list(np.arange(12.0, 24.0, every)))
            return loop_kicks(12.0, 18.0), loop_kicks(18.0, 24.0)

    eighths = kicks([(2, 0.5)])
    assert eighths[0] == list(np.arange(12.0, 18.0, 0.5))
    quarters = kicks([(3, 1.0)])
    assert quarters[0] == list(np.arange(12.0, 18.0, 1.0)) and quarters[1] != eighths[1]
    assert kicks([(2, 0.5), (3, 1.0)]) == quarters


def test_a_bar_line_of_the_old_meter_between_the_look_ahead_and_the_change_still_fades():
    """2/4 then 3/4 from QN 16, with REAPER's look-ahead of 2.5 beats (live follow sets it past a beat at fast
    tempos): the change is met at QN 13.5, before the 2/4 bar line at QN 14, which must still fade what was
    played, once; then once at each 3/4 bar line."""
    s = session(memory=0.5, adaptive=False)
    s.set_meter(2.0, at_beat=0.0)
    s.start(12.0)
    s.lookahead = 2.5
    s.feed(12.0, 100)
    s.advance(13.5)
    s.set_meter(3.0, at_beat=16.0)
    heard = []
    for beat in (13.9, 14.1, 15.9, 16.1, 18.9, 19.1):
        s.advance(beat)
        heard.append(float(s.strength.max()))
    assert heard == [1.0, 0.5, 0.5, 0.25, 0.25, 0.125]


def test_live_follow_over_a_meter_change_lets_go_of_what_the_player_stopped_playing():
    """REAPER playing on through a 3/4 marker at QN 16 with live follow: 8th notes up to it, quarter notes
    after. The 3/4 bars from QN 25 on were still made from the 8ths (nothing faded until QN 28); they now hear
    what quarter notes alone give there."""
    from reagroove.reaper_ext import live_follow

    def heard_from(eighths_until):
        spec = ProjectSpec(bpm=120)
        spec.tempo_marker(120, qn=16, timesig=(3, 4))
        spec.add_track("Bass")
        with reapy_inside(spec, purge=PURGE) as s:
            rpr, transport = s.rpr, s.reaper.transport
            transport.render_ahead = 0.2
            track = rpr.RPR_GetTrack(0, 0)
            rpr.RPR_SetMediaTrackInfo_Value(track, "I_RECARM", 1)
            rpr.RPR_SetMediaTrackInfo_Value(track, "I_RECINPUT", 4096 + (63 << 5))
            follower = live_follow.LiveFollower(LocalBridge(), engine(), Settings())
            rpr.RPR_OnPlayButton()
            follower.poll()
            qn, notes = 0.0, [q / 2 for q in range(2 * 34) if q / 2 < eighths_until or q % 2 == 0]
            while qn < 34.0:
                transport.advance(0.02)
                qn = transport.position() * 2
                while notes and notes[0] <= qn + 1e-9:
                    s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=notes.pop(0) / 2)
                follower.poll()
            # the input each 3/4 bar's drums were made from, from QN 25 on
            return {m.boundary: (m.groove[:, 0] > 0).tolist() for m in follower.written if m.boundary >= 25.0}

    heard = heard_from(eighths_until=16.0)
    assert heard and heard == heard_from(eighths_until=0.0)
