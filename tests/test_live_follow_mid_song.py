"""Live follow entered mid-song (reaper_ext/live_follow.py, core/live_entry.py): a drummer joining a song mid-phrase
just plays; a crash belongs where a phrase or a section starts. Follow started at bar 3 over a song's drums came in
on bar 4 with a crash (`CR X...` on its 1), mid-phrase. Now the take's entry crashes only on a phrase's first bar
(--fill-every, counted from the song's bar 1) or a section's (a marker); from the song's first bar, or a section's,
and after the player stopped and came back, the drums come in with their crash as before.
Simulated REAPER under the real reapy (the stub model: a fill is toms), a 16th-note line played live at 120 BPM;
and the session itself, as `reagroove live` drives it."""

import pytest
from fake_reaper import reapy_inside
from stub_model import StubModel
from test_reaper import PURGE, bass_project, engine
from test_reaper_live_section_markers import by_bar, filled_into
from test_reaper_project_layouts import live_take
from test_reaper_runtime import armed_follower

from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.live_entry import JoinedSession, starts_the_song
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings
from reagroove.reaper_ext import live_follow
from reagroove.reaper_ext.bridge import LocalBridge

CRASH = VOICES.index("crash")


def follow(from_qn, seconds=12.0, settings=None, markers=()):
    """A live take from `from_qn`: ({bar: {"crash": [16ths], "toms": [16ths]}} of the live bars, the bars written)."""
    spec = bass_project(bpm=120)
    for qn in markers:
        spec.add_marker(qn)
    with reapy_inside(spec, purge=PURGE) as s:
        follower = armed_follower(s, 120)
        if settings is not None:
            follower = live_follow.LiveFollower(LocalBridge(), engine(), settings, memory=0.9)
        live_take(s, follower, from_qn, seconds)
        items = [i for i in LocalBridge().call("drum_track_items")["items"] if i["name"] == "ReaGroove live"]
    return by_bar([n for i in items for n in i["notes"]]), sorted(int(i["start_qn"] // 4) + 1 for i in items)


def crashed(bars) -> list[int]:
    return sorted(b for b, v in bars.items() if v.get("crash"))


def test_follow_entered_at_bar_3_comes_in_on_bar_4_without_a_crash():
    bars, written = follow(8.0)
    assert written[0] == 4, written  # (bar 3 was made before a note was heard: the song's drums there stay)
    assert crashed(bars) == [], bars


def test_follow_from_the_songs_first_bar_still_comes_in_with_a_crash():
    bars, written = follow(0.0, seconds=8.0)
    assert crashed(bars) == [written[0]] and bars[written[0]]["crash"] == [0], (bars, written)


def test_entered_mid_song_the_phrases_crash_where_the_songs_count_puts_them():
    """--fill-every 2 (4-bar phrases from bar 1): entered at bar 3, the drums come in on bar 4 with no crash, fill
    its end and crash on bar 5, the phrase's 1 (and on 9, the next's); entered at bar 4, they come in on bar 5 with
    that crash."""
    settings = Settings(fill_every=2)
    bars, written = follow(8.0, settings=settings)
    assert written[0] == 4 and crashed(bars) == [5, 9] and filled_into(bars, 5), bars
    bars, written = follow(12.0, seconds=10.0, settings=settings)
    assert written[0] == 5 and crashed(bars) == [5, 9] and bars[5]["crash"] == [0], bars


def test_entered_mid_song_before_a_marker_crashes_on_the_section_only():
    bars, written = follow(8.0, markers=[16.0])
    assert written[0] == 4 and crashed(bars) == [5] and filled_into(bars, 5), bars


def test_a_take_started_on_a_marker_comes_in_with_its_crash():
    """Play pressed on a section's marker is as from the song's start: the section's drums come in with a crash."""
    bars, written = follow(16.0, seconds=8.0, markers=[16.0])
    assert written[0] == 6 and crashed(bars) == [6], bars


def test_a_second_take_further_on_comes_in_without_a_crash_too():
    """Take 1 from bar 3 (in on bar 4), take 2 from bar 7 (in on bar 8): neither crashes."""
    spec = bass_project(bpm=120)
    with reapy_inside(spec, purge=PURGE) as s:
        follower = armed_follower(s, 120)
        live_take(s, follower, 8.0, 6.0)
        follower.session.clear()  # (nothing remembered from the first take: the drums come in again)
        live_take(s, follower, 24.0, 6.0)
        items = [i for i in LocalBridge().call("drum_track_items")["items"] if i["name"] == "ReaGroove live"]
    assert {12.0, 28.0} <= {i["start_qn"] for i in items}, items  # (bars 4 and 8: where each came in)
    assert crashed(by_bar([n for i in items for n in i["notes"]])) == [], items


def crashes(session, start_bar, bars, played_bars):
    """Beats where `session` crashes over `bars` bars of 4/4 from bar `start_bar` (the take started there), an 8th-note
    line played in `played_bars` (1-based song bars), advanced 16th by 16th."""
    session.start((start_bar - 1) * 4.0)
    out = []
    for k in range((start_bar - 1) * 16, (start_bar - 1 + bars) * 16):
        beat = k / 4
        if 1 + int(beat // 4) in played_bars and k % 2 == 0:
            session.feed(beat, 100)
        session.advance(beat)
        sched = session.loop_at(beat)
        if sched.loop[int(round((beat - sched.window_start) * 4)) % 32, CRASH]:
            out.append(beat)
    return out


def test_a_session_joined_mid_song_crashes_again_when_the_player_comes_back_after_stopping():
    """Joined at bar 3: no crash coming in on bar 4; the player stops after bar 6 (the drums end, --stop-after 2)
    and comes back in bar 12: the drums come back on bar 13 with a crash, as a drummer after a break."""
    session = JoinedSession(Engine(StubModel()), Settings(), stop_after=2)
    session.join(from_start=False)
    got = crashes(session, 3, 14, [*range(3, 7), *range(12, 17)])
    assert [b for b in got if b < 32.0] == [], got  # (32: the drums' end, a kick and a crash on bar 9's 1)
    assert [b for b in got if b >= 44.0][:1] == [48.0], got


@pytest.mark.parametrize("settings", [Settings(), Settings(fill_every=2)], ids=["plain", "fill every 2"])
def test_a_session_joined_from_the_start_crashes_as_a_live_session_does(settings):
    """`reagroove live` (a LiveSession) and a take from bar 1: the same crashes (the drums coming in on bar 2)."""
    joined = JoinedSession(Engine(StubModel()), settings)
    joined.join(from_start=True)
    plain = crashes(LiveSession(Engine(StubModel()), settings), 1, 10, range(1, 11))
    assert crashes(joined, 1, 10, range(1, 11)) == plain and plain[0] == 4.0, plain


def test_where_a_take_starts_the_song():
    assert starts_the_song(0.0, 0.0, 4.0) and starts_the_song(3.5, 0.0, 4.0) and starts_the_song(-2.0, 0.0, 4.0)
    assert not starts_the_song(4.0, 0.0, 4.0) and not starts_the_song(8.0, 0.0, 4.0)
    assert starts_the_song(17.0, 0.0, 4.0, [16.0]) and not starts_the_song(20.0, 0.0, 4.0, [16.0])
    assert starts_the_song(9.0, 8.0, 3.0)  # the first bar of a meter marker's part
    assert sum(starts_the_song(q / 4, 0.0, 4.0) for q in range(64)) == 16  # the 16ths of bar 1
