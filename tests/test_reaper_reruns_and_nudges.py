"""Drumify pressed again in REAPER: with nothing changed it writes nothing and makes no undo point (the same
settings and seed draw the same drums), and a drum item the producer nudged a few ms off the grid (drums laid
back) keeps its nudge through a redrum; a tempo change that moves an item is no nudge. Simulated REAPER under
the real reapy, the shipped model: in-process (LocalBridge), as REAPER's action runs it, and distant."""

import contextlib

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, bass_project, reaper_process  # noqa: F401  (reaper_process: a fixture)
from test_reaper_distant import CONTENT_TIMEOUT_S, remote_project, track
from test_reaper_project_layouts import riff

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge

BPM = 120  # a 16th is 125 ms; 15 ms is 0.03 QN


@contextlib.contextmanager
def drummed(shipped, settings=None, spec=None):
    """A bass riff over 4 bars drumified once: (session, bridge), the drums on track 2 in two 2-bar items."""
    if spec is None:
        spec = ProjectSpec(bpm=BPM)
        riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        bridge = LocalBridge()
        actions.drumify_selection(bridge, shipped, settings or Settings())
        yield s, bridge


def drum_items(rpr):
    drums = rpr.RPR_GetTrack(0, 1)
    return [rpr.RPR_GetTrackMediaItem(drums, k) for k in range(rpr.RPR_CountTrackMediaItems(drums))]


def items_said(bridge):
    """[(start QN, end QN, [(on QN, pitch, velocity)])] of the drum track's items, to a micro-beat."""
    return [(round(i["start_qn"], 6), round(i["end_qn"], 6), [(round(n[0], 6), n[2], n[3]) for n in i["notes"]])
            for i in bridge.call("drum_track_items")["items"]]


def nudge(rpr, item, seconds):
    rpr.RPR_SetMediaItemInfo_Value(item, "D_POSITION", rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION") + seconds)
    rpr.RPR_Undo_OnStateChangeEx2(0, "Nudge items", -1, -1)


def test_drumify_again_with_nothing_changed_writes_nothing_and_makes_no_undo_point(shipped):
    """The producer pressed Drumify a second time on the same bass, same settings: every drum item was rewritten
    (the same notes) and an undo point made for it, so one Ctrl+Z more undid nothing they could hear. Now
    nothing is written, no point made, and the line says why; a new seed, other settings or a band edited since
    still write new drums."""
    with drummed(shipped) as (s, bridge):
        rpr = s.rpr
        before, notes, undo = drum_items(rpr), items_said(bridge), s.reaper.undo_names
        res = actions.drumify_selection(bridge, shipped, Settings())
        assert res["written"] == 0 and drum_items(rpr) == before and items_said(bridge) == notes
        assert s.reaper.undo_names == undo
        assert actions.kept_note(res) == ("; drums already written for these settings: nothing changed, no undo "
                                          "point (a new seed draws a new take)")
        res = actions.drumify_selection(bridge, shipped, Settings(seed=5))  # a new take
        assert res["written"] == 2 and items_said(bridge) != notes and len(s.reaper.undo_names) == len(undo) + 1
        assert actions.kept_note(res) == ""
        took = items_said(bridge)
        res = actions.drumify_selection(bridge, shipped, Settings(seed=5, density=0.9))  # other settings
        assert res["written"] == 2 and items_said(bridge) != took
        actions.drumify_selection(bridge, shipped, Settings(seed=5))
        assert actions.drumify_selection(bridge, shipped, Settings(seed=5))["written"] == 0
        bass = rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 0))
        rpr.RPR_MIDI_DeleteNote(bass, 9)  # the band edited since: new drums, every window, as before
        rpr.RPR_Undo_OnStateChangeEx2(0, "delete note", -1, -1)
        undo = s.reaper.undo_names
        assert actions.drumify_selection(bridge, shipped, Settings(seed=5))["written"] == 2
        assert len(s.reaper.undo_names) == len(undo) + 1


def test_drumify_again_leaves_an_edited_item_and_writes_nothing_else(shipped):
    """An item the producer edited is kept (and said) on every run; with everything else already as written,
    the second run changes nothing either."""
    with drummed(shipped) as (s, bridge):
        rpr = s.rpr
        take = rpr.RPR_GetActiveTake(drum_items(rpr)[0])
        rpr.RPR_MIDI_DeleteNote(take, 0)
        rpr.RPR_Undo_OnStateChangeEx2(0, "delete note", -1, -1)
        first = actions.drumify_selection(bridge, shipped, Settings(seed=3))
        assert first["written"] == 1 and first["kept_edited"] == [[0.0, 8.0]]
        undo, notes = s.reaper.undo_names, items_said(bridge)
        res = actions.drumify_selection(bridge, shipped, Settings(seed=3))
        assert res["written"] == 0 and res["kept_edited"] == [[0.0, 8.0]]
        assert s.reaper.undo_names == undo and items_said(bridge) == notes
        line = actions.kept_note(res)
        assert line.startswith("; kept 1 item you edited") and "drums already written for these settings" in line


def test_pressing_drumify_again_in_reaper_says_it_in_one_line(shipped, monkeypatch):
    """`reagroove reaper drumify` as REAPER's action runs it, twice: the console's second line says the drums
    are already written, and REAPER's undo history has one point, the first run's."""
    from reagroove.core.cli import build_parser
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands

    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: shipped)
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    spec = ProjectSpec(bpm=BPM)
    riff(spec, spec.add_track("Bass"))
    with reapy_inside(spec, purge=PURGE) as s:
        for _ in range(2):
            assert commands.run_reaper(build_parser("reaper").parse_args(["reaper", "drumify"])) == 0
        said = [t for t in s.reaper.console_text().splitlines() if t.startswith("ReaGroove: ")]
        assert said[0].startswith("ReaGroove: wrote 2 drum items (") and "already" not in said[0]
        assert said[1].startswith("ReaGroove: nothing written (") and (
            "; drums already written for these settings: nothing changed, no undo point" in said[1]), said
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]


def test_distant_drumify_again_with_nothing_changed_makes_no_undo_point(reaper_process, shipped):  # noqa: F811
    """The same over ReaGroove's server in a REAPER process (the spec crosses the wire as JSON): no second
    undo point, the items as they were; a new seed writes."""
    proc, port = reaper_process(bass_project())
    bridge = DistantBridge(port, timeout=CONTENT_TIMEOUT_S)
    actions.drumify_selection(bridge, shipped, Settings(seed=2))
    first = remote_project(proc)
    assert actions.drumify_selection(bridge, shipped, Settings(seed=2))["written"] == 0
    again = remote_project(proc)
    assert again["undo"] == ["ReaGroove: drumify (seed 2)"]
    assert track(again, "ReaGroove Drums") == track(first, "ReaGroove Drums")
    assert actions.drumify_selection(bridge, shipped, Settings(seed=4))["written"] == 2
    assert remote_project(proc)["undo"] == ["ReaGroove: drumify (seed 2)", "ReaGroove: drumify (seed 4)"]


def grid_drums(shipped, settings):
    """The drums `settings` write for the riff on the grid (a project of its own)."""
    with drummed(shipped, settings) as (_s, bridge):
        return items_said(bridge)


def shifted(item, by):
    lo, hi, notes = item
    return (round(lo + by, 6), round(hi + by, 6), [(round(on + by, 6), p, v) for on, p, v in notes])


@pytest.mark.parametrize("ms", [15, -10])
def test_a_drum_item_nudged_a_few_ms_keeps_its_nudge_when_redrummed(shipped, ms):
    """The producer laid the bars 3-4 drums back 15 ms (or pushed them 10 ms ahead), moving the item; Drumify
    with a new seed put the new drums back on the grid without a word, the feel gone. The new drums for those
    bars play as far off the grid, said with the bars and how far; the bars 1-2 drums stay on it, and the bars
    they overlap keep the drums they had there. Pressed again, nothing changes."""
    by = ms / 1000 * BPM / 60
    want = grid_drums(shipped, Settings(seed=5))
    with drummed(shipped) as (s, bridge):
        rpr = s.rpr
        nudge(rpr, drum_items(rpr)[1], ms / 1000)
        res = actions.drumify_selection(bridge, shipped, Settings(seed=5))
        assert res["written"] == 2
        assert items_said(bridge) == [want[0], shifted(want[1], by)]
        said = [m for m in res["messages"] if "nudge" in m]
        assert said == [f"kept your nudge of the drums in bars 3-4: the new drums there play {abs(ms)} ms "
                        f"{'late' if ms > 0 else 'early'}, where you moved the item (move it back onto the grid "
                        "for drums on the beat)"]
        undo = s.reaper.undo_names
        res = actions.drumify_selection(bridge, shipped, Settings(seed=5))
        assert res["written"] == 0 and s.reaper.undo_names == undo
        assert items_said(bridge) == [want[0], shifted(want[1], by)]
        res = actions.drumify_selection(bridge, shipped, Settings(seed=6))  # the nudge stays with every new take
        assert [round(i[0], 6) for i in items_said(bridge)] == [0.0, round(8.0 + by, 6)]
        nudge(rpr, drum_items(rpr)[1], -ms / 1000)  # moved back onto the grid: drums on the beat
        actions.drumify_selection(bridge, shipped, Settings(seed=5))
        assert items_said(bridge) == want


def test_a_tempo_change_that_moves_a_drum_item_is_no_nudge(shipped):
    """A tempo change from bar 2 (121 BPM) moves the bars 3-4 item 0.03 QN in the bars (it keeps its time, as
    the band does), under a 16th as a nudge is; the producer nudged the bars 1-2 item 15 ms. Drumify again: the
    nudged bars keep their nudge, the bars the tempo change moved get drums on the grid, and only the nudge is
    said."""
    with drummed(shipped) as (s, bridge):
        rpr = s.rpr
        nudge(rpr, drum_items(rpr)[0], 0.015)
        rpr.RPR_SetTempoTimeSigMarker(0, -1, rpr.RPR_TimeMap2_QNToTime(0, 4.0), -1, -1, 121, 0, 0, False)
        rpr.RPR_Undo_OnStateChangeEx2(0, "tempo", -1, -1)
        moved = round(rpr.RPR_TimeMap2_timeToQN(0, rpr.RPR_GetMediaItemInfo_Value(drum_items(rpr)[1], "D_POSITION")), 6)
        assert 8.0 < moved < 8.25
        res = actions.drumify_selection(bridge, shipped, Settings(seed=5))
        assert [round(i[0], 6) for i in items_said(bridge) if i[0] < 16.0] == [0.03, 8.0]
        assert [m for m in res["messages"] if "nudge" in m] == [
            "kept your nudge of the drums in bars 1-2: the new drums there play 15 ms late, where you moved the item "
            "(move it back onto the grid for drums on the beat)"]


def test_the_whole_song_moved_a_few_ms_keeps_its_drums_with_the_band(shipped):
    """Every item moved 20 ms later (the song lined up with a recorded take): the band plays 20 ms late, and the
    new drums play with it, not on the grid 20 ms ahead of it."""
    with drummed(shipped) as (s, bridge):
        rpr = s.rpr
        for k in range(rpr.RPR_CountTracks(0)):
            t = rpr.RPR_GetTrack(0, k)
            for item in [rpr.RPR_GetTrackMediaItem(t, i) for i in range(rpr.RPR_CountTrackMediaItems(t))]:
                nudge(rpr, item, 0.02)
        actions.drumify_selection(bridge, shipped, Settings(seed=5))
        assert [round(i[0], 6) for i in items_said(bridge)] == [0.04, 8.04]
