"""Live follow in short loops (repeat on over 1, 2 or 3 bars, or off the bar lines): REAPER renders the drum
track ~200 ms ahead of the play cursor, across the loop end into the loop start. A pass must play one version
of the drums, whole: never the old notes up to the render point and the new ones after (a flam or a dropped
hit every pass), and no note may be written where REAPER has rendered already (simulated REAPER, real reapy).

The test's own renderer notes what each pass plays: each time the transport moves, the drum track's notes
between the last render point and the new one, as the project holds them then (before the follower writes)."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project
from test_reaper_runtime import armed_follower

from reagroove.reaper_ext.bridge import LocalBridge

BPM = 120
QN_S = 60.0 / BPM
RENDER_AHEAD = 0.2
KICK = 36
THIRTY_SECOND = 0.125  # QN
# The player's riff changes every pass: the 8ths of a bar, then a syncopated line played a little late, then
# quarters (QN within the bar, from each bar line).
RIFFS = [[0.5 * k for k in range(8)], [0.0, 0.8, 1.55, 2.3, 2.8, 3.55], [0.0, 1.0, 2.0, 3.0]]


class Recorder:
    """The follower's bridge: each write noted with the cursor and render point then (QN, raw seconds)."""

    def __init__(self, bridge, s):
        self.bridge, self.s, self.writes = bridge, s, []

    def call(self, name, *args):
        if name == "write_drum_track":
            tr = self.s.reaper.transport
            self.writes.append((tr.position() / QN_S, [(it["start_qn"], it["end_qn"]) for it in args[0]["items"]]))
        return self.bridge.call(name, *args)


def drum_notes():
    """(onset QN, pitch, velocity) of every drum note REAPER plays now (inside its item)."""
    out = []
    for it in LocalBridge().call("drum_track_items")["items"]:
        out += [(round(n[0], 6), n[2], n[3]) for n in it["notes"] if it["start_qn"] - 1e-9 <= n[0] < it["end_qn"] - 1e-9]
    return sorted(out)


class Take:
    """A take in loop playback over `loop` (QN), played from `start_qn`, the riff changing every pass."""

    def __init__(self, s, loop, start_qn=None, sigs=()):
        self.s, self.loop = s, loop
        rpr, tr = s.rpr, s.reaper.transport
        tr.render_ahead = RENDER_AHEAD
        for qn, num, den in sigs:
            rpr.RPR_SetTempoTimeSigMarker(0, -1, -1, -1, qn, 0.0, num, den, False)
        rpr.RPR_GetSet_LoopTimeRange2(0, True, True, loop[0] * QN_S, loop[1] * QN_S, False)
        rpr.RPR_GetSetRepeatEx(0, 1)
        self.follower = armed_follower(s, BPM)
        self.follower.bridge = Recorder(self.follower.bridge, s)
        rpr.RPR_SetEditCurPos((loop[0] if start_qn is None else start_qn) * QN_S, False, False)
        rpr.RPR_OnPlayButton()
        self.raw0 = tr._raw()
        self.rendered = self.raw0  # raw seconds rendered so far
        self.heard = {}  # pass -> [(QN, pitch, velocity)]
        self.snapshots = {}  # pass -> [notes in the loop as the project held them]
        self.follower.poll()

    def pass_of(self, raw):
        """(pass, seconds from raw to project time) of raw (unwrapped) play time: pass 0 up to the first loop end."""
        ls, le = self.loop[0] * QN_S, self.loop[1] * QN_S
        if raw < le:
            return 0, 0.0
        n = int((raw - le) // (le - ls)) + 1
        return n, (le - ls) * n

    def render(self, until):
        notes = drum_notes()
        while self.rendered < until - 1e-12:
            n, shift = self.pass_of(self.rendered)
            stop = min(until, self.loop[1] * QN_S + shift)
            lo, hi = (self.rendered - shift) / QN_S, (stop - shift) / QN_S
            self.heard.setdefault(n, []).extend(x for x in notes if lo - 1e-9 <= x[0] < hi - 1e-9)
            self.rendered = stop

    def play(self, passes, poll_s=0.03, riffs=RIFFS):
        tr = self.s.reaper.transport
        played = set()
        while True:
            raw = tr._raw()
            n, shift = self.pass_of(raw)
            if n >= passes:
                break
            pos = tr.position() / QN_S
            bar = (pos - self.loop[0]) // 4.0
            for q in riffs[n % len(riffs)]:  # the riff of this pass, note by note as the cursor reaches it
                at = self.loop[0] + 4.0 * bar + q
                if at <= pos and (n, at) not in played and at < self.loop[1]:
                    played.add((n, at))
                    self.s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=at * QN_S)
            tr.advance(poll_s)
            self.render(tr._raw() + RENDER_AHEAD)
            n, _ = self.pass_of(tr._raw())
            ls, le = self.loop
            self.snapshots.setdefault(n, []).append([x for x in drum_notes() if ls - 1e-9 <= x[0] < le - 1e-9])
            self.follower.poll()
        self.s.rpr.RPR_OnStopButton()
        self.follower.poll()


def check_whole(take, passes):
    """Every pass from the second on plays drums, one version of them whole, with no flam."""
    heard = {n: sorted(take.heard.get(n, [])) for n in range(1, passes)}
    for n, notes in heard.items():
        assert notes, (n, heard)
        kicks = [q for q, p, _ in notes if p == KICK]
        assert all(b - a >= THIRTY_SECOND - 1e-9 for a, b in zip(kicks, kicks[1:])), (n, kicks)
        # what the pass played is what the project held at one moment of it: no mix of two versions
        assert any(notes == snap for snap in take.snapshots[n]), (n, notes, take.snapshots[n][-1])
    assert len({tuple(v) for v in heard.values()}) > 1, heard  # the drums followed the changing riff
    assert take.s.reaper.late_notes == [], take.s.reaper.late_notes
    assert take.s.reaper.undo_names == ["ReaGroove: live follow"]


@pytest.mark.parametrize("loop", [(0.0, 4.0), (0.0, 8.0)])
def test_a_short_loop_plays_each_pass_whole_while_the_riff_changes(loop):
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        take = Take(s, loop)
        take.play(8)
        check_whole(take, 8)
        # stopped: each bar of the loop is one item again, as in any take
        spans = sorted((i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"])
        assert spans == [(q, q + 4.0) for q in range(int(loop[0]), int(loop[1]), 4)], spans
