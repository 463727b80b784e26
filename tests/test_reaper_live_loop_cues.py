"""A section cued in REAPER's loop playback (loop points over bars 5-8, QN 16-32, repeat on): the cursor never reaches
the loop end, it jumps back to the loop start. F pressed in bar 7 had the section on the loop end (bar 9, never
played): bar 8 filled on every pass, no crash ever, the cue pending until stop; a marker on the loop start had its fill
and crash on the first pass only. Now a section at or past the loop end is the loop start's: the loop's last bar fills
into it and the loop start's bar, made ahead of the jump back, crashes (reaper_ext/live_follow.py,
core/live_section_cue.py). Simulated REAPER under the real reapy, the stub model (a fill is toms on every 16th)."""

from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project
from test_reaper_live_loop_playback import play, start_looped
from test_reaper_live_section_markers import by_bar

SECONDS_PER_QN = 60 / 120


def looped(markers=(), cue_at_qn=None):
    """Writes [(pass, item)] of a take looping bars 5-8 from QN 8 for 3 passes (F pressed at `cue_at_qn`), and what
    the F press returned."""
    spec = bass_project(bpm=120)
    for qn in markers:
        spec.add_marker(qn)
    cued = None
    with reapy_inside(spec, purge=PURGE) as s:
        follower = start_looped(s)
        writes = []
        send = follower._send
        follower._send = lambda items: (writes.extend((follower.bridge.passes[0], i) for i in items), send(items))[1]
        total = 16.0 - 8.0 + 3 * 16.0 - 1.0
        if cue_at_qn is not None:
            play(s, follower, (cue_at_qn - 8.0) * SECONDS_PER_QN)
            cued = follower.cue_section()
            total -= cue_at_qn - 8.0
        play(s, follower, total * SECONDS_PER_QN)
        pending = list(follower.session._cue.lines)
        s.rpr.RPR_OnStopButton()
        follower.poll()
    return writes, cued, pending


def bar_written(writes, start_qn):
    """{pass written in: by_bar of the latest item written for the bar starting at `start_qn` in that pass}."""
    out = {}
    for p, item in writes:
        if abs(item["start_qn"] - start_qn) < 1e-6:
            out[p] = by_bar(item["notes"])
    return out


def test_f_in_the_loops_third_bar_fills_its_last_bar_once_and_crashes_on_the_loop_start():
    writes, cued, pending = looped(cue_at_qn=25.0)
    assert cued == 16.0  # said as the loop start's bar (5), not bar 9
    last, first = bar_written(writes, 28.0), bar_written(writes, 16.0)
    filled = [p for p, bars in last.items() if bars.get(8, {}).get("toms")]
    assert filled == [1], last  # the pass it was pressed in, and only that one
    assert min(last[1][8]["toms"]) >= 8  # the bar's second half: drumify's half-bar fill
    # the loop start made ahead of the jump back after the fill crashes; the later passes play on
    crashed = [p for p, bars in first.items() if 0 in bars.get(5, {}).get("crash", [])]
    assert crashed == [1], first
    assert pending == []  # nothing left cued once it crashed


def test_a_marker_on_the_loop_start_is_filled_into_on_every_jump_back():
    writes, _, _ = looped(markers=[16.0])
    last, first = bar_written(writes, 28.0), bar_written(writes, 16.0)
    assert sorted(last) == sorted(first) == [1, 2, 3]
    for p in (1, 2, 3):
        assert min(last[p].get(8, {}).get("toms", [0])) >= 8 and last[p][8]["toms"], (p, last[p])
        assert 0 in first[p].get(5, {}).get("crash", []), (p, first[p])
    # and nowhere else in the loop: bars 6 and 7 play the groove
    for p, item in writes:
        bars = by_bar(item["notes"])
        assert not any(bars.get(b, {}).get("toms") or bars.get(b, {}).get("crash") for b in (6, 7)), (p, bars)


def test_a_marker_on_the_loop_end_stays_out_of_the_loop():
    """A section after the loop (bar 9) is never reached: no fill into it, no crash on the loop start."""
    writes, _, _ = looped(markers=[32.0])
    assert not any(by_bar(item["notes"]).get(8, {}).get("toms") for _, item in writes)
    assert not any(0 in bars.get(5, {}).get("crash", []) for p, bars in bar_written(writes, 16.0).items() if p > 1)
