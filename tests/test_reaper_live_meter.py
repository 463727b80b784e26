"""Live follow in REAPER in other meters than 4/4: every bar written whole, 6/8 in its own pulse, and a
time signature marker met while playing (simulated REAPER under the real reapy)."""

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project
from test_reaper_runtime import armed_follower, play_bars

from reagroove.reaper_ext.bridge import LocalBridge


def written_items():
    return sorted(LocalBridge().call("drum_track_items")["items"], key=lambda it: it["start_qn"])


def follow(spec, bars, bpm=120):
    with reapy_inside(spec, purge=PURGE) as s:
        follower = armed_follower(s, bpm)
        s.rpr.RPR_OnPlayButton()
        follower.poll()
        play_bars(s, follower, bars, bpm)
        s.rpr.RPR_OnStopButton()
        follower.poll()
        return follower, written_items()


def test_every_3_4_bar_is_written_to_its_last_beat():
    """In 3/4 the bar from beat 6 runs past the 8-beat loop; its beats 8-9 are the loop's first steps
    again (as a MIDI port plays it), not left silent."""
    follower, items = follow(bass_project(bpm=120, timesig=(3, 4)), bars=6)
    assert follower.session.time_signature == (3, 4)
    # the bars played (stopped at QN 24: the bar written ahead there keeps only what was heard)
    full = [it for it in items if it["end_qn"] - it["start_qn"] == pytest.approx(3.0) and it["end_qn"] <= 24.0 + 1e-6]
    assert len(full) >= 6
    for it in full[1:]:  # the first bar may start before anything was heard
        last_beat = [on for on, *_ in it["notes"] if on >= it["end_qn"] - 1.0 - 1e-6]
        assert last_beat, f"nothing on the last beat of the bar at {it['start_qn']}"


def test_a_6_8_project_is_followed_in_two_dotted_quarters():
    follower, items = follow(bass_project(bpm=120, timesig=(6, 8)), bars=4)
    assert follower.session.time_signature == (6, 8) and follower.session.beats_per_bar == 3.0
    assert items and all(it["end_qn"] - it["start_qn"] == pytest.approx(3.0) for it in items)


def test_a_time_signature_marker_met_while_playing_starts_bars_in_the_new_meter_there():
    spec = bass_project(bpm=120).tempo_marker(120, qn=16.0, timesig=(3, 4))
    follower, items = follow(spec, bars=8)
    assert follower.session.time_signature == (3, 4)
    starts = [it["start_qn"] for it in items]
    assert 16.0 in starts  # the new meter's first bar starts on the marker
    before = [it for it in items if it["start_qn"] < 16.0]
    after = [it for it in items if it["start_qn"] >= 16.0]
    assert before and all(it["end_qn"] <= 16.0 + 1e-6 for it in before)  # no 4/4 bar runs over the marker
    assert all(it["end_qn"] - it["start_qn"] == pytest.approx(3.0) for it in after)
    assert [it["start_qn"] for it in after][:3] == [16.0, 19.0, 22.0]
