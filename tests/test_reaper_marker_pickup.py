"""Drumify and live follow read a project's markers by one rule (sections.project_marker_sections): each marker the
section of its nearest bar line, none on a pickup bar, and 8 or more, most under 2 bars apart, cues rather than
sections. Live follow had counted a marker on the pickup bar: a song with a 2/4 pickup marked "count-in" there and 7
section markers got fills and crashes at the 7 from Drumify and none live (8 markers: taken as cues).
Simulated REAPER under the real reapy (the stub model: a fill is toms)."""

from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_live_section_markers import CRASH, TOM_PITCHES
from test_reaper_project_layouts import live_take
from test_reaper_runtime import armed_follower

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.live_section_markers import marker_lines

PICKUP = 2.0  # QN of the 2/4 pickup bar; bar 1 (4/4) starts there
SIGS = [[0.0, 2, 4], [PICKUP, 4, 4]]
SECTIONS = [1, 5, 6, 7, 8, 9, 13]  # bars the markers start (an intro, then a build's bars, a chorus, an outro)
MARKERS = [0.0] + [PICKUP + 4.0 * (bar - 1) for bar in SECTIONS]  # and one on the pickup ("count-in")


def bar_of(qn: float) -> int:
    return int((qn - PICKUP) // 4) + 1


def pickup_song(bars=16):
    spec = ProjectSpec(bpm=120, timesig=(2, 4))
    spec.tempo_marker(120, qn=PICKUP, timesig=(4, 4))
    spec.add_midi_item(spec.add_track("Bass"), start_qn=PICKUP, length_qn=bars * 4.0, selected=True, name="bass",
                       notes=[(b * 4 + q, 0.3, 40, 100) for b in range(bars) for q in (0, 1.5, 2, 3.5)])
    for qn in MARKERS:
        spec.add_marker(qn)
    return spec


def sections_heard(notes, upto=None) -> list[int]:
    """Bars (after bar 1) whose 1 has a crash with toms in the bar before it: a fill into a section."""
    toms = {bar_of(n[0]) for n in notes if n[2] in TOM_PITCHES}
    crashes = {bar_of(n[0]) for n in notes if n[2] == CRASH and abs((n[0] - PICKUP) % 4) < 0.1}
    return sorted(b for b in crashes if b > 1 and b - 1 in toms and (upto is None or b <= upto))


def test_live_follow_takes_the_markers_sections_as_drumify_does():
    """The same bars: live follow cues the markers Drumify fills into (it had cued none: 8 markers, the pickup's
    counted, were cues), and the pickup's own marker is none."""
    assert [bar_of(line) for line in marker_lines(MARKERS, SIGS)] == SECTIONS
    with reapy_inside(pickup_song(), purge=PURGE):
        sel = actions.read_selection(LocalBridge())
        assert actions.sections_of(sel) == SECTIONS
        assert not [m for m in sel.messages if "cues" in m]


def test_a_pickup_song_with_markers_gets_its_fills_and_crashes_at_the_same_bars_drumified_and_live():
    with reapy_inside(pickup_song(), purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=1, temperature=0.0))
        drumified = sections_heard([n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]])
    assert drumified == SECTIONS[1:]
    with reapy_inside(pickup_song(), purge=PURGE) as s:
        live_take(s, armed_follower(s, 120), 0.0, 16.0)  # 8 bars: to bar 8's end
        items = [i for i in LocalBridge().call("drum_track_items")["items"] if i["name"] == "ReaGroove live"]
    live = sections_heard([n for i in items for n in i["notes"]], upto=8)
    assert live == [b for b in drumified if b <= 8] == [5, 6, 7, 8]
