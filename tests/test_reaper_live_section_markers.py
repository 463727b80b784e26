"""Live follow in REAPER fills into the project's sections (reaper_ext/live_section_markers.py): a marker or region
start ahead of the play cursor gets a fill in the bar before it and a crash on its 1, as Drumify gives each marker.
Live follow had played straight through them: the drums at a chorus marker were the verse's groove, no fill, no crash.
Simulated REAPER under the real reapy (the stub model: a fill is toms on every 16th), in-process and through reapy's
server on loopback; a 120 BPM song in 4/4, an 8th-note line played live."""

import numpy as np
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project, reaper_process  # noqa: F401  (the distant-mode fixture)
from test_reaper_distant import distant, remote_project, track
from test_reaper_live_loop_playback import play, start_looped
from test_reaper_project_layouts import live_take
from test_reaper_runtime import armed_follower

from reagroove.core.drummap import GM_DRUM_MAP, TOMS
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.live_section_markers import marker_lines

TOM_PITCHES = {GM_DRUM_MAP.output[v] for v in TOMS}
CRASH = GM_DRUM_MAP.output[7]


def by_bar(notes) -> dict[int, dict[str, list[int]]]:
    """{bar (from 1): {"toms": [16ths], "crash": [16ths]}} of drum notes [on_qn, off_qn, pitch, velocity, ...]."""
    bars: dict[int, dict[str, list[int]]] = {}
    for on, _off, pitch, *_ in notes:
        bar, step = int(on // 4) + 1, int(round(on % 4 * 4)) % 16
        what = "toms" if pitch in TOM_PITCHES else "crash" if pitch == CRASH else None
        if what:
            bars.setdefault(bar, {}).setdefault(what, []).append(step)
    return bars


def take(markers, from_qn=0.0, seconds=14.0):
    """A take played from `from_qn` with markers at `markers` (QN): the drums' toms and crashes by bar, and the bars
    written."""
    spec = bass_project(bpm=120)
    for qn in markers:
        spec.add_marker(qn)
    with reapy_inside(spec, purge=PURGE) as s:
        live_take(s, armed_follower(s, 120), from_qn, seconds)
        items = [i for i in LocalBridge().call("drum_track_items")["items"] if i["name"] == "ReaGroove live"]
    return by_bar([n for i in items for n in i["notes"]]), sorted(int(i["start_qn"] // 4) + 1 for i in items)


def filled_into(bars, bar) -> bool:
    """A fill over the second half of the bar before `bar` (and not before it), a crash on `bar`'s 1."""
    toms = bars.get(bar - 1, {}).get("toms", [])
    return bool(toms) and min(toms) >= 8 and 0 in bars.get(bar, {}).get("crash", [])


def test_a_marker_ahead_gets_a_fill_in_the_bar_before_and_a_crash_on_its_1():
    bars, written = take([15.8])  # a hair before bar 5's line (QN 16), as markers are placed: bar 5's
    assert filled_into(bars, 5), bars
    others = {b: v for b, v in bars.items() if b not in (4, 5)}
    assert not any(v.get("toms") for v in others.values()), bars  # no fill elsewhere
    assert [b for b, v in others.items() if v.get("crash")] == [written[0]], bars  # only where the drums came in


def test_two_markers_a_bar_apart_each_get_their_fill_and_crash():
    bars, _ = take([16.0, 20.0])
    assert filled_into(bars, 5) and filled_into(bars, 6), bars


def test_a_region_start_is_a_section_too():
    spec = bass_project(bpm=120)
    spec.add_marker(16.0, region_end_qn=24.0)
    with reapy_inside(spec, purge=PURGE) as s:
        live_take(s, armed_follower(s, 120), 0.0, 14.0)
        items = [i for i in LocalBridge().call("drum_track_items")["items"] if i["name"] == "ReaGroove live"]
    bars = by_bar([n for i in items for n in i["notes"]])
    assert filled_into(bars, 5), bars
    assert not bars.get(6, {}).get("crash") and not bars.get(7, {}).get("crash"), bars  # (not its end)


def test_a_marker_where_the_take_starts_gets_no_fill():
    """Play pressed on the marker: its bar before is never heard, so no fill comes anywhere; the drums come in on
    the next bar line with their own crash, as without the marker."""
    bars, written = take([16.0], from_qn=16.0)
    assert not any(v.get("toms") for v in bars.values()), bars
    assert [b for b, v in bars.items() if v.get("crash")] == [written[0]] and written[0] == 6, (bars, written)


def test_markers_on_every_bar_are_cues_not_sections():
    """As Drumify's (sections.marker_sections): 8 markers or more, most under 2 bars apart, are lyric lines or hits."""
    sigs = [[0.0, 4, 4]]
    assert marker_lines([4.0 * k for k in range(2, 10)], sigs) == []
    assert marker_lines([15.7, 32.3], sigs) == [16.0, 32.0]  # each the section of its nearest bar line
    assert marker_lines([7.0], [[0.0, 4, 4], [6.0, 3, 4]]) == [6.0]  # in the meter there (3/4 from QN 6)


def test_in_loop_playback_every_pass_fills_into_the_marker_inside_the_loop():
    """Loop points over bars 5-8 (QN 16-32), repeat on, a marker at bar 7 (QN 24): each pass of the loop has the
    fill in bar 6 and the crash on bar 7, the loop start's bar (made ahead of the jump back) none."""
    spec = bass_project(bpm=120)
    spec.add_marker(24.0)
    with reapy_inside(spec, purge=PURGE) as s:
        follower = start_looped(s)
        writes = []
        send = follower._send
        follower._send = lambda items: (writes.extend((follower.bridge.passes[0], i) for i in items), send(items))[1]
        play(s, follower, (16.0 - 8.0 + 3 * 16.0 - 1.0) * 60 / 120)
        passes = follower.bridge.passes[0]
        s.rpr.RPR_OnStopButton()
        follower.poll()
    assert passes == 3
    for k in (1, 2, 3):
        # the latest version of each bar written while pass k played it (the loop start's: in the pass before)
        latest = {}
        for p, item in writes:
            if p == k and item["start_qn"] >= 20.0 - 1e-6 or p == k - 1 and item["start_qn"] < 20.0 - 1e-6 and k > 1:
                latest[float(item["start_qn"])] = item
        bars = by_bar([n for i in latest.values() for n in i["notes"]])
        assert filled_into(bars, 7), (k, bars)
        assert not bars.get(5, {}).get("toms") and not bars.get(8, {}).get("toms"), (k, bars)
    assert s.reaper.late_notes == []


def test_through_reapys_server_live_follow_fills_into_a_marker(reaper_process):  # noqa: F811
    from reagroove.reaper_ext import live_follow
    from reagroove.core.settings import Settings
    from test_reaper import engine

    spec = bass_project(bpm=120)
    spec.add_marker(36.0)  # bar 10
    proc, bridge = distant(reaper_process, spec, tick=0.01)
    try:
        follower = live_follow.LiveFollower(bridge, engine(), Settings(), memory=0.9)
        follower.poll()
        proc.exec("bass = rpr.RPR_GetTrack(0, 0)\nrpr.RPR_SetMediaTrackInfo_Value(bass, 'I_RECARM', 1)\n"
                  "rpr.RPR_SetMediaTrackInfo_Value(bass, 'I_RECINPUT', 4096 + (63 << 5))\n"
                  "rpr.RPR_SetEditCurPos(12.0, False, False)\nrpr.RPR_OnPlayButton()\nresult = None")
        # an 8th-note line from QN 24 (12 s at 120 BPM) for 5 bars
        proc.schedule_input([(12.0 + qn * 0.5, bytes([0x90, 40, 100])) for qn in np.arange(0, 20, 0.5)])
        follower.poll()
        for _ in range(40):
            proc.advance(0.25)
            follower.poll()
        proc.exec("rpr.RPR_OnStopButton()\nresult = None")
        follower.poll()
    finally:
        bridge.close()
    live = [[on, None, pitch, vel] for it in track(remote_project(proc), "ReaGroove Drums")["items"]
            if it["name"] == "ReaGroove live" for on, _chan, pitch, vel in it["notes"]]
    bars = by_bar(live)
    assert filled_into(bars, 10), bars
