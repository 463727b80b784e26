"""Live follow started on a section's first bar over drums already there (reaper_ext/live_entry_drums.py): that bar
is too late to write and keeps its drums (Drumify's, their crash on the section's 1), so the take's drums come in a
bar later, playing on, with no crash of their own. d_map12's Verse 2 (play pressed on its marker, bar 25) had
crashed on bars 25 and 26, the second in place of the hat on 1; from bar 1 on bars 1 and 2. Over a silent bar the
drums still come in with their crash (test_live_follow_mid_song.py). Simulated REAPER, the stub model, a 16th-note
line played live at 120 BPM."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_live_section_markers import by_bar
from test_reaper_project_layouts import live_take
from test_reaper_runtime import armed_follower

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.live_entry_drums import drums_play_in_bar


def song(marker_qn):
    """Bars 1-8 of bass at 120 BPM (8ths), a section marker at `marker_qn`, the keys' track to play live on."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass", selected=True)
    spec.add_midi_item(bass, start_qn=0.0, length_qn=32, selected=True, name="riff",
                       notes=[(k * 0.5, 0.25, 40 + k % 5, 90) for k in range(64)])
    spec.add_track("Keys")
    if marker_qn:
        spec.add_marker(marker_qn, "Verse 2")
    return spec


@pytest.mark.parametrize("start_qn", [0.0, 16.0], ids=["bar 1", "section marker at bar 5"])
def test_a_take_started_on_a_sections_first_bar_over_drums_crashes_once(start_qn):
    with reapy_inside(song(16.0), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings())
        live_take(s, armed_follower(s, 120), start_qn, 8.0)
        items = bridge.call("drum_track_items")["items"]
    live = [i for i in items if i["name"] == "ReaGroove live"]
    first = min(i["start_qn"] for i in live)
    assert first == start_qn + 4.0, first  # (the cursor's bar kept the Drumify drums: too late to write)
    entry = by_bar([n for i in live for n in i["notes"] if first <= n[0] < first + 4.0]).get(int(first // 4) + 1, {})
    assert not entry.get("crash"), entry  # (a crash on the 1 of the bar after the one the drums crash on)
    kept = [n for i in items if i["name"] != "ReaGroove live" for n in i["notes"] if start_qn - 0.125 <= n[0] < first]
    assert kept, items  # the section's first bar plays the Drumify drums still
    heard = by_bar([n for i in items for n in i["notes"] if start_qn - 0.125 <= n[0] < start_qn + 16.0])
    assert [b for b, v in sorted(heard.items()) if v.get("crash")] == [int(start_qn // 4) + 1], heard  # its 1 only


def test_the_bar_the_cursor_is_in_is_read_from_the_drums_as_play_starts():
    drums = [{"notes": [[16.0 - 0.008, 16.1, 36, 100, 9]]}]  # bar 5's kick, a hair early
    assert drums_play_in_bar(drums, 16.0, 0.0, 4.0) and drums_play_in_bar(drums, 19.5, 0.0, 4.0)
    assert not drums_play_in_bar(drums, 12.0, 0.0, 4.0) and not drums_play_in_bar([], 16.0, 0.0, 4.0)
    assert drums_play_in_bar([{"notes": [[0.0, 0.1, 36, 90, 9]]}], -2.0, 0.0, 4.0)  # a pre-roll: bar 1
    assert drums_play_in_bar([{"notes": [[9.0, 9.1, 36, 90, 9]]}], 10.0, 8.0, 3.0)  # 3/4 from QN 8
