"""Live follow in REAPER's loop playback (repeat on, loop points over 4 bars): the loop's first bar is written
before the play cursor jumps back to it, on every pass, and nothing past the loop end (simulated REAPER under
the real reapy; the simulation renders tracks 200 ms ahead, across the loop end into the loop start)."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project
from test_reaper_runtime import armed_follower

from reagroove.reaper_ext.bridge import LocalBridge

BPM = 120
LOOP = (16.0, 32.0)  # QN: bars 5-8 at 120 BPM, 8 s to 16 s


class LoggedBridge:
    """The follower's bridge, noting each write with the pass the play cursor was in and where it was."""

    def __init__(self, bridge, s, passes):
        self.bridge, self.s, self.passes, self.writes = bridge, s, passes, []

    def call(self, name, *args):
        if name == "write_drum_track":
            pos_qn = self.s.reaper.transport.position() * BPM / 60.0
            self.writes += [(self.passes[0], pos_qn, it["start_qn"], it["end_qn"]) for it in args[0]["items"]]
        return self.bridge.call(name, *args)


def play(s, follower, seconds, poll_s=0.03):
    """An 8th-note line played live while REAPER plays for `seconds`; returns the passes counted."""
    transport = s.reaper.transport
    t, next_note, last = 0.0, 0.0, transport.position()
    while t < seconds:
        if t >= next_note:
            s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=transport.position())
            next_note += 60.0 / BPM / 2
        transport.advance(poll_s)
        t += poll_s
        if transport.position() < last:
            follower.bridge.passes[0] += 1  # the cursor jumped back to the loop start
        last = transport.position()
        follower.poll()


def start_looped(s, *, repeat=True, start_qn=8.0):
    """Loop points over LOOP, repeat on (or off), an armed follower, REAPER playing from `start_qn`."""
    rpr = s.rpr
    s.reaper.transport.render_ahead = 0.2  # REAPER renders tracks that are not monitored up to ~200 ms ahead
    rpr.RPR_GetSet_LoopTimeRange2(0, True, True, LOOP[0] * 60 / BPM, LOOP[1] * 60 / BPM, False)
    rpr.RPR_GetSetRepeatEx(0, 1 if repeat else 0)
    follower = armed_follower(s, BPM)
    follower.bridge = LoggedBridge(follower.bridge, s, [1])
    rpr.RPR_SetEditCurPos(start_qn * 60 / BPM, False, False)
    rpr.RPR_OnPlayButton()
    follower.poll()
    return follower


def looped_take(s, *, repeat=True, seconds=None, start_qn=8.0, poll_s=0.03):
    follower = start_looped(s, repeat=repeat, start_qn=start_qn)
    # from QN 8 into the loop, then 3 passes of it (a little short of the third loop end)
    play(s, follower, seconds if seconds is not None else ((LOOP[0] - start_qn) + 3 * 16.0 - 1.0) * 60 / BPM,
         poll_s)
    s.rpr.RPR_OnStopButton()
    follower.poll()
    return follower, follower.bridge.passes[0]


def drum_items():
    return sorted((i["start_qn"], i["end_qn"], len(i["notes"])) for i in LocalBridge().call("drum_track_items")["items"])


@pytest.mark.parametrize("poll_s", [0.03, 0.05])
def test_every_pass_of_a_loop_has_its_first_bar_written_before_the_cursor_jumps_back(poll_s):
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        follower, passes = looped_take(s, poll_s=poll_s)
        assert passes == 3
        writes = follower.bridge.writes
        for k in (2, 3):  # the loop start's bar written during the pass before, near its end (not after the jump)
            ahead = [pos for p, pos, start, _ in writes if start == LOOP[0] and p == k - 1 and pos > LOOP[1] - 4.0]
            assert ahead, (k, writes)
            # nor again once the cursor is back there
            assert not [w for w in writes if w[0] == k and w[2] == LOOP[0] and w[1] < LOOP[0] + 4.0], (k, writes)
        assert s.reaper.late_notes == []  # no drum hit written where REAPER had already rendered it
        items = drum_items()
        assert (LOOP[0], LOOP[0] + 4.0) in [i[:2] for i in items] and all(n > 0 for *_, n in items)
        assert all(end <= LOOP[1] + 1e-6 for _, end, _ in items), items  # nothing past the loop end
        assert not [w for w in writes if w[3] > LOOP[1] + 1e-6], writes
        assert s.reaper.undo_names == ["ReaGroove: live follow"]  # the whole take: one undo point


def test_a_loop_end_off_the_bar_line_is_not_written_past():
    """Loop points over 3 1/2 bars: the bar the loop end cuts is written up to the loop end only."""
    global LOOP
    saved, LOOP = LOOP, (16.0, 30.0)
    try:
        with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
            follower, passes = looped_take(s, seconds=(8.0 + 14.0 * 2 + 4.0) * 60 / BPM)
            assert passes == 3
            items = drum_items()
            assert all(end <= 30.0 + 1e-6 for _, end, _ in items), items
            assert any(start == 28.0 for start, *_ in items)  # the cut bar keeps its heard half
            assert s.reaper.late_notes == []
    finally:
        LOOP = saved


def test_without_repeat_the_loop_points_change_nothing():
    """Repeat off: REAPER plays through the loop points, and live follow writes bar after bar as before."""
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        follower, passes = looped_take(s, repeat=False)
        assert passes == 1
        starts = [start for start, *_ in drum_items()]
        # every bar from the first one heard (QN 12) to the end of the take, through the loop points
        assert starts == [12.0 + 4.0 * k for k in range(len(starts))] and starts[-1] >= 56.0, starts
        assert s.reaper.late_notes == []


def test_repeat_turned_off_just_before_the_loop_end_plays_on_with_drums_after_it():
    """The loop start was made ahead, then the producer turns repeat off: REAPER plays on past the loop end,
    and live follow goes on there (the bar after the loop end written before the cursor reaches it)."""
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        follower = start_looped(s)
        play(s, follower, (31.5 - 8.0) * 60 / BPM)
        assert follower.wrap is not None  # the loop start was made ahead
        start = len(follower.bridge.writes)
        s.rpr.RPR_GetSetRepeatEx(0, 0)
        play(s, follower, 4.0)
        assert follower.bridge.passes == [1]  # no jump back
        later = [w for w in follower.bridge.writes[start:]]
        starts = sorted({w[2] for w in later})
        assert {32.0, 36.0, 40.0} <= set(starts), later  # bars after the loop end, as without loop points
        assert [pos for _, pos, q, _ in later if q == 36.0][0] < 36.0  # written ahead of the cursor
        assert not [q for q in starts if LOOP[0] + 4.0 <= q < LOOP[1] - 4.0], later  # nothing in the loop's middle
        assert s.reaper.late_notes == []  # the bar playing when repeat went off is not rewritten under the cursor
