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

    def __init__(self, s, loop, start_qn=None):
        self.s, self.loop = s, loop
        rpr, tr = s.rpr, s.reaper.transport
        tr.render_ahead = RENDER_AHEAD
        rpr.RPR_GetSet_LoopTimeRange2(0, True, True, loop[0] * QN_S, loop[1] * QN_S, False)
        rpr.RPR_GetSetRepeatEx(0, 1)
        self.follower = armed_follower(s, BPM)
        self.follower.bridge = Recorder(self.follower.bridge, s)
        rpr.RPR_SetEditCurPos((loop[0] if start_qn is None else start_qn) * QN_S, False, False)
        rpr.RPR_OnPlayButton()
        self.raw0 = tr._raw()
        self.rendered = self.raw0  # raw seconds rendered so far
        self.heard = {}  # pass -> [(QN, pitch, velocity)]
        self.base = 0  # passes of loops the producer changed from
        self.snapshots = {}  # pass -> [notes in the loop as the project held them]
        self._read = None  # (project state change count, drum_notes() then)
        self.follower.poll()

    def drum_notes(self):
        """drum_notes(), read again only when the project changed (its state change count, which every edit
        moves): reading every drum item, a 4 MB string buffer per call as REAPER's reaper_python allocates,
        was 85% of these tests' time, and most polls change nothing. One read serves the render and the
        snapshot (no write between them)."""
        count = self.s.reaper.project.state_changes
        if self._read is None or self._read[0] != count:
            self._read = (count, drum_notes())
        return self._read[1]

    def pass_of(self, raw):
        """(pass, seconds from raw to project time) of raw (unwrapped) play time: pass 0 up to the first loop end."""
        ls, le = self.loop[0] * QN_S, self.loop[1] * QN_S
        if raw < le:
            return self.base, 0.0
        n = int((raw - le) // (le - ls)) + 1
        return self.base + n, (le - ls) * n

    def change_loop(self, loop):
        """The producer moves the loop points while REAPER plays (the cursor goes on from where it is)."""
        n, _ = self.pass_of(self.s.reaper.transport._raw())
        self.s.rpr.RPR_GetSet_LoopTimeRange2(0, True, True, loop[0] * QN_S, loop[1] * QN_S, False)
        self.loop, self.base = loop, n + 1  # passes of the new loop counted on from here
        self.rendered = self.s.reaper.transport._raw() + RENDER_AHEAD

    def render(self, until, notes):
        """REAPER renders up to `until` (raw seconds) from `notes`, the drum notes the project holds now."""
        while self.rendered < until - 1e-12:
            n, shift = self.pass_of(self.rendered)
            stop = min(until, self.loop[1] * QN_S + shift)
            lo, hi = (self.rendered - shift) / QN_S, (stop - shift) / QN_S
            self.heard.setdefault(n, []).extend(x for x in notes if lo - 1e-9 <= x[0] < hi - 1e-9)
            self.rendered = stop

    def play(self, passes, poll_s=0.03, riffs=RIFFS, change=None):
        """`change`: (pass, QN, new loop) the producer sets while that pass plays at that QN."""
        tr = self.s.reaper.transport
        played = set()
        while True:
            raw = tr._raw()
            n, shift = self.pass_of(raw)
            if n >= passes:
                break
            pos = tr.position() / QN_S
            if change and n == change[0] and pos >= change[1]:
                self.change_loop(change[2])
                change = None
                continue
            bar = (pos - self.loop[0]) // 4.0
            for q in riffs[n % len(riffs)]:  # the riff of this pass, note by note as the cursor reaches it
                at = self.loop[0] + 4.0 * bar + q
                if at <= pos and (n, at) not in played and at < self.loop[1]:
                    played.add((n, at))
                    self.s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=at * QN_S)
            tr.advance(poll_s)
            now = self.drum_notes()
            self.render(tr._raw() + RENDER_AHEAD, now)
            n, _ = self.pass_of(tr._raw())
            ls, le = self.loop
            self.snapshots.setdefault(n, []).append([x for x in now if ls - 1e-9 <= x[0] < le - 1e-9])
            self.follower.poll()
        self.s.rpr.RPR_OnStopButton()
        self.follower.poll()


def check_whole(take, passes, first=1):
    """Every pass from `first` on plays drums, one version of them whole, with no flam; none was written where
    REAPER had rendered; the take is one undo point, and once stopped every bar is one item."""
    heard = {n: sorted(take.heard.get(n, [])) for n in range(first, passes)}
    for n, notes in heard.items():
        assert notes, (n, heard)
        kicks = [q for q, p, _ in notes if p == KICK]
        assert all(b - a >= THIRTY_SECOND - 1e-9 for a, b in zip(kicks, kicks[1:])), (n, kicks)
        # what the pass played is what the project held at one moment of it: no mix of two versions
        assert any(notes == snap for snap in take.snapshots[n]), (n, notes, take.snapshots[n][-1])
    assert len({tuple(v) for v in heard.values()}) > 1, heard  # the drums followed the changing riff
    assert take.s.reaper.late_notes == [], take.s.reaper.late_notes
    assert take.s.reaper.undo_names == ["ReaGroove: live follow"]
    spans = sorted((i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"])
    assert all(a[1] <= b[0] + 1e-6 for a, b in zip(spans, spans[1:])), spans  # no overlap
    assert all(abs(a[1] - b[0]) > 1e-6 or a[1] % 4.0 < 1e-6 for a, b in zip(spans, spans[1:])), spans  # no bar in two


@pytest.mark.parametrize("loop, start_qn", [
    ((0.0, 4.0), None),  # 1 bar: its next pass is made while it plays
    ((0.0, 8.0), None),
    ((0.0, 12.0), None),  # 3 bars
    ((1.0, 5.0), None),  # off the bar lines
    ((0.0, 4.0), 2.0),  # played from inside the loop
    ((3.0, 5.0), None),  # half a bar over a bar line: its second bar made when the cursor is on that bar line
])
def test_a_short_loop_plays_each_pass_whole_while_the_riff_changes(loop, start_qn):
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        take = Take(s, loop, start_qn=start_qn)
        take.play(8)
        check_whole(take, 8)


@pytest.mark.parametrize("new_loop", [(0.0, 8.0), (4.0, 8.0)])
def test_a_one_bar_loop_widened_or_moved_on_while_it_plays_keeps_the_drums_going(new_loop):
    """Half a bar before the loop end (its next pass made already) the producer widens the loop to two bars, or
    moves it to the next bar: the cursor plays on into bar 2, which had no drums for a whole bar (the follower
    still waited for the jump back to the old loop start)."""
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        take = Take(s, (0.0, 4.0))
        take.play(8, change=(3, 3.5, new_loop))
        assert take.base == 4
        assert [n for n in take.heard[4] if n[0] >= 4.0], take.heard[4]  # bar 2 the first time it plays
        check_whole(take, 8, first=5)


@pytest.mark.parametrize("loop", [(0.0, 7.0), (4.0, 7.0)])
def test_a_loop_over_a_time_signature_marker_plays_each_pass_whole(loop):
    """A 3/4 marker at QN 4: a loop of a 4/4 bar and a 3/4 bar, or of the 3/4 bar alone; no drum bar runs over
    the marker."""
    with reapy_inside(bass_project(bpm=BPM).tempo_marker(BPM, qn=4.0, timesig=(3, 4)), purge=PURGE) as s:
        take = Take(s, loop)
        take.play(8)
        check_whole(take, 8)
        spans = sorted((i["start_qn"], i["end_qn"]) for i in LocalBridge().call("drum_track_items")["items"])
        assert all(b <= 4.0 + 1e-6 or a >= 4.0 - 1e-6 for a, b in spans), spans


def test_play_pressed_again_inside_a_one_bar_loop_writes_nothing_where_reaper_rendered():
    """A second take, played from the middle of the loop: the bar the cursor is in got its drums at once, from
    the cursor on, where REAPER had already rendered the first take's drums (notes not heard, the old ones up to
    REAPER's render point and new ones after). It is written from the render point on only."""
    with reapy_inside(bass_project(bpm=BPM), purge=PURGE) as s:
        take = Take(s, (0.0, 4.0))
        take.play(4)
        assert s.reaper.late_notes == []
        s.rpr.RPR_SetEditCurPos(2.0 * QN_S, False, False)
        s.rpr.RPR_OnPlayButton()
        take.rendered, take.heard, take.snapshots = s.reaper.transport._raw(), {}, {}
        take.follower.poll()
        take.play(4)
        assert s.reaper.late_notes == [], s.reaper.late_notes
        for n in (1, 2, 3):
            assert take.heard[n] and any(sorted(take.heard[n]) == snap for snap in take.snapshots[n]), n
        assert s.reaper.undo_names == ["ReaGroove: live follow"] * 2
