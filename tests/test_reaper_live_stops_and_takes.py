"""Live follow in REAPER as a keyboard player uses it: takes stopped mid-bar, played again over an earlier take,
a click elsewhere on the timeline, a track disarmed mid-take, a muted drum track (simulated REAPER under the
real reapy, rendering tracks 200 ms ahead of the play cursor as REAPER does).

Each bar is written ahead of the play cursor, so when the player stops the bar playing runs on past the stop
and the next one may be written already: nobody heard those drums, and the drum track gets back what it held
there before the take (an earlier take, or nothing)."""

from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project
from test_reaper_runtime import armed_follower

from reagroove.reaper_ext import live_follow
from reagroove.reaper_ext.bridge import LocalBridge

BPM = 120  # 0.5 s a beat


def play(s, follower, seconds, *, pitch=40, velocity=100, every_s=0.25, poll_s=0.03):
    """A note every `every_s` seconds played live while REAPER plays; polled as the follower is, every 30 ms."""
    transport = s.reaper.transport
    t, next_note = 0.0, 0.0
    while t < seconds - 1e-9:
        if t >= next_note:
            s.reaper.input.feed(bytes([0x90, pitch, velocity]), proj_pos=transport.position())
            next_note += every_s
        transport.advance(poll_s)
        t += poll_s
        follower.poll()


def start(s, follower, at_qn=0.0):
    s.rpr.RPR_SetEditCurPos(at_qn * 60 / BPM, False, False)
    s.rpr.RPR_OnPlayButton()
    follower.poll()


def stop(s, follower):
    """Stop where the cursor is: returns that position in QN."""
    at = s.reaper.transport.position() * BPM / 60
    s.rpr.RPR_OnStopButton()
    follower.poll()
    return at


def drum_notes():
    """(onset QN, pitch, velocity) of every note on the drum track."""
    return sorted((round(on, 4), pitch, vel) for it in LocalBridge().call("drum_track_items")["items"]
                  for on, _off, pitch, vel, *_ in it["notes"])


def drum_items():
    return sorted((round(it["start_qn"], 4), round(it["end_qn"], 4), len(it["notes"]))
                  for it in LocalBridge().call("drum_track_items")["items"])


# the stop comes between two polls: what lies within one poll (30 ms, 0.06 QN) after it may have been heard
ONE_POLL_QN = 0.06 * 1.01


def test_a_take_stopped_mid_bar_leaves_no_drums_past_the_stop():
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        s.reaper.transport.render_ahead = 0.2
        follower = armed_follower(s, BPM)
        follower.poll()
        start(s, follower)
        play(s, follower, 15.3)  # to QN 30.6: bar 28-32 half played, and written whole ahead of the cursor
        stopped = stop(s, follower)
        notes = drum_notes()
        assert [n for n in notes if n[0] < 28.0] and [n for n in notes if 28.0 <= n[0] < stopped]  # what was heard
        assert [n for n in notes if n[0] > stopped + ONE_POLL_QN] == []  # nothing past the stop
        items = drum_items()  # bar after bar, each once: none doubled or missing where they were written ahead
        assert [(a, b) for a, b, _ in items] == [(4.0 * k, 4.0 * k + 4.0) for k in range(1, len(items) + 1)]
        assert s.reaper.undo_names == ["ReaGroove: live follow"] and s.reaper.late_notes == []
        s.rpr.RPR_Undo_DoUndo2(0)  # one undo: the whole take, the bars put back after the stop included
        assert drum_items() == []


def test_a_second_take_over_an_earlier_one_keeps_the_earlier_drums_after_its_stop():
    """Play 10 bars, stop, play again from bar 5 and stop in bar 7: the earlier take's drums from the stop on
    are where they were (not the second take's bar written ahead), and Undo takes back the second take alone."""
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        s.reaper.transport.render_ahead = 0.2
        follower = armed_follower(s, BPM)
        follower.poll()
        start(s, follower)
        play(s, follower, 20.0)  # to QN 40
        stop(s, follower)
        first_take, first_items = drum_notes(), drum_items()
        start(s, follower, at_qn=16.0)
        play(s, follower, 5.3, pitch=45, velocity=60, every_s=0.5)  # quarter notes, softer: other drums
        stopped = stop(s, follower)  # QN 26.6, in the bar 24-28 written ahead whole
        assert 24.0 < stopped < 27.0
        now = drum_notes()
        assert [n for n in now if n[0] < 16.0] == [n for n in first_take if n[0] < 16.0]
        assert [n for n in now if 16.0 <= n[0] < stopped] != [n for n in first_take if 16.0 <= n[0] < stopped]
        past = stopped + ONE_POLL_QN
        assert [n for n in now if n[0] >= past] == [n for n in first_take if n[0] >= past]
        assert s.reaper.undo_names == ["ReaGroove: live follow"] * 2
        s.rpr.RPR_Undo_DoUndo2(0)  # exactly the second take: the first one as it was
        assert drum_notes() == first_take and drum_items() == first_items
        assert s.reaper.undo_names == ["ReaGroove: live follow"]


def test_a_click_elsewhere_mid_take_takes_back_the_bars_written_ahead_of_the_old_position():
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        s.reaper.transport.render_ahead = 0.2
        follower = armed_follower(s, BPM)
        follower.poll()
        start(s, follower)
        play(s, follower, 7.3)  # to QN 14.6: the bar 12-16 written whole
        left = s.reaper.transport.position() * BPM / 60
        s.rpr.RPR_SetEditCurPos(40.0 * 60 / BPM, False, True)  # a click at bar 11 while playing: playback goes there
        play(s, follower, 4.0)
        stopped = stop(s, follower)
        notes = drum_notes()
        assert [n for n in notes if left + ONE_POLL_QN < n[0] < 40.0] == []  # never heard: not left there
        assert [n for n in notes if 40.0 <= n[0] < stopped] and [n for n in notes if n[0] < left]
        assert [n for n in notes if n[0] > stopped + ONE_POLL_QN] == []
        assert s.reaper.undo_names == ["ReaGroove: live follow"]


def test_a_track_disarmed_mid_take_is_said_once():
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        follower = armed_follower(s, BPM)
        follower.poll()
        start(s, follower)
        play(s, follower, 4.0)
        bass = s.rpr.RPR_GetTrack(0, 0)
        s.rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 0)
        play(s, follower, 4.0)
        lines = s.reaper.console_text().splitlines()
        assert lines.count(live_follow.DISARMED) == 1  # one line for the problem, not one a poll
        s.rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 1)
        play(s, follower, 2.0)
        s.rpr.RPR_SetMediaTrackInfo_Value(bass, "I_RECARM", 0)  # disarmed again: said again
        play(s, follower, 2.0)
        stop(s, follower)
        lines = s.reaper.console_text().splitlines()
        assert lines.count(live_follow.DISARMED) == 2 and live_follow.NOTHING_ARMED not in lines


def test_a_muted_drum_track_is_said_when_play_starts_and_the_track_is_not_read_while_stopped():
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        follower = armed_follower(s, BPM)
        follower.poll()
        start(s, follower)
        play(s, follower, 4.0)
        stop(s, follower)
        drums = s.rpr.RPR_GetTrack(0, 1)  # made under the armed bass track
        assert s.rpr.RPR_GetTrackName(drums, "", 64)[2] == "ReaGroove Drums"
        s.rpr.RPR_SetMediaTrackInfo_Value(drums, "B_MUTE", 1)
        reads = s.reaper.api_calls["RPR_MIDI_CountEvts"]
        for _ in range(200):  # follow on, REAPER stopped: six seconds of polls read nothing of the drum track
            s.reaper.transport.advance(0.03)
            follower.poll()
        assert s.reaper.api_calls["RPR_MIDI_CountEvts"] == reads
        start(s, follower)
        play(s, follower, 4.0)
        stop(s, follower)
        said = live_follow.DRUMS_MUTED.format(track="ReaGroove Drums")
        # once, at play, in one line (beside the line that the track it made has no instrument yet)
        assert [line for line in s.reaper.console_text().splitlines() if "no instrument" not in line] == [said]
