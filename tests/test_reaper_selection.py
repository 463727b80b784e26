"""What ReaGroove reads of REAPER's selection: only what is heard (muted items and tracks left out, said in the
console), every pass of a looped item, and a plain line naming the action when nothing usable is selected."""

import numpy as np
import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, bass_project, engine

from reagroove.core.errors import ReaGrooveError
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge, ReaperError


@pytest.fixture
def run_action(monkeypatch, tmp_path):
    """`reagroove reaper ACTION ...` as REAPER's action runs it, inside the simulated REAPER on the stand-in
    model, with a patterns folder of its own: run_action("drumify") -> the exit code."""
    from reagroove.core.cli import build_parser
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    return lambda *argv: commands.run_reaper(build_parser("reaper").parse_args(["reaper", *argv]))


def pad_item(spec, track, *, start_qn=20, muted=False):
    """A selected 4-bar keys item named "pad" on `track`."""
    spec.add_midi_item(track, start_qn=start_qn, length_qn=16, selected=True, muted=muted, name="pad",
                       notes=[(k, 0.5, 60, 90) for k in range(16)])



def test_pattern_from_selection_and_nothing_selected():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        p = actions.pattern_from_selection(bridge, "reaper-A")
        assert np.array_equal(np.flatnonzero(p.groove[:, 0]), np.arange(0, 32, 2))
        s.rpr.RPR_SelectAllMediaItems(0, False)
        with pytest.raises(ReaperError, match="select one or more MIDI or audio items"):
            actions.drumify_selection(bridge, engine(), Settings())
        # an empty item ('Insert empty item': no take), alone and beside the riff
        empty = s.rpr.RPR_AddMediaItemToTrack(s.rpr.RPR_GetTrack(0, 1))
        s.rpr.RPR_SetMediaItemInfo_Value(empty, "D_POSITION", 12.0)
        s.rpr.RPR_SetMediaItemInfo_Value(empty, "D_LENGTH", 2.4)
        s.rpr.RPR_SetMediaItemSelected(empty, True)
        with pytest.raises(ReaperError, match="select one or more MIDI or audio items"):
            actions.drumify_selection(bridge, engine(), Settings())
        s.rpr.RPR_SetMediaItemSelected(s.rpr.RPR_GetMediaItem(0, 0), True)
        assert actions.drumify_selection(bridge, engine(), Settings())["written"] == 2


def test_with_nothing_selected_each_action_says_what_the_selection_was_for():
    with reapy_inside(bass_project(), purge=PURGE) as s:
        s.rpr.RPR_SelectAllMediaItems(0, False)
        asked = {
            "to drumify": lambda b: actions.drumify_selection(b, engine(), Settings()),
            "to make variations of": lambda b: actions.variations_of_selection(b, engine(), Settings(), 2),
            "to set pattern B from": lambda b: actions.pattern_from_selection(b, "reaper-B"),
        }
        for purpose, run in asked.items():
            with pytest.raises(ReaperError) as err:
                run(LocalBridge())
            assert str(err.value) == f"select one or more MIDI or audio items {purpose} (nothing selected)"
        assert s.rpr.RPR_CountTracks(0) == 2 and s.reaper.undo_names == []


def test_muted_items_are_left_out_and_the_console_says_so(run_action):
    """Drums follow what plays: a muted item in the selection drives nothing and the summary names it; with
    every selected item muted, one line says so and nothing is written."""
    spec = bass_project()
    pad_item(spec, len(spec.data["tracks"]) - 1, muted=True)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        assert run_action("drumify") == 0
        assert "\n  note: skipped 1 muted item: 'pad'\n" in s.reaper.console_text()
        items = LocalBridge().call("drum_track_items")["items"]
        assert [(i["start_qn"], i["end_qn"]) for i in items] == [(4.0, 12.0), (12.0, 20.0)]  # the riff's bars only
        undo, console = list(s.reaper.undo_names), s.reaper.console_text()
        rpr.RPR_SetMediaItemInfo_Value(rpr.RPR_GetSelectedMediaItem(0, 0), "B_MUTE", 1)  # the riff muted too
        before = s.reaper.project.to_dict()
        with pytest.raises(ReaperError):
            run_action("drumify")
        assert s.reaper.console_text()[len(console):] == \
            "ReaGroove: every selected item is muted; unmute one or select another\n"
        assert s.reaper.project.to_dict() == before and s.reaper.undo_names == undo


def test_set_pattern_says_which_muted_item_it_left_out(run_action):
    spec = bass_project()
    pad_item(spec, len(spec.data["tracks"]) - 1, start_qn=4, muted=True)
    with reapy_inside(spec, purge=PURGE) as s:
        assert run_action("set-pattern", "A") == 0
        console = s.reaper.console_text()
        assert "ReaGroove: pattern A set from REAPER selection" in console
        assert "\n  note: skipped 1 muted item: 'pad'\n" in console


@pytest.mark.parametrize("silence", ["track muted", "another track soloed", "folder muted"])
def test_items_on_a_track_that_is_not_heard_are_left_out(run_action, silence):
    spec = bass_project()
    keys = len(spec.data["tracks"]) - 1
    if silence == "folder muted":
        spec.add_track("Band")
        keys = spec.add_track("Pads")  # inside the Band folder, which is muted
    pad_item(spec, keys)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        if silence == "folder muted":
            folder = rpr.RPR_GetTrack(0, keys - 1)
            rpr.RPR_SetMediaTrackInfo_Value(folder, "I_FOLDERDEPTH", 1)
            rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, keys), "I_FOLDERDEPTH", -1)
            rpr.RPR_SetMediaTrackInfo_Value(folder, "B_MUTE", 1)
            assert rpr.RPR_GetParentTrack(rpr.RPR_GetTrack(0, keys)) == folder
        elif silence == "track muted":
            rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, keys), "B_MUTE", 1)
        else:
            rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_SOLO", 1)  # the bass track soloed
        assert run_action("drumify") == 0
        assert f"\n  note: skipped 1 item not heard ({silence}): 'pad'\n" in s.reaper.console_text()
        items = LocalBridge().call("drum_track_items")["items"]
        assert [(i["start_qn"], i["end_qn"]) for i in items] == [(4.0, 12.0), (12.0, 20.0)]  # the bass's bars only


def test_a_looped_midi_item_is_heard_on_every_pass():
    """A 2-bar MIDI loop dragged out to 8 bars (REAPER loops the source): every pass is read, so bars 3-8
    get drums that follow it, not a part that stops after 2 bars; with looping off, one pass."""
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass", selected=True)
    spec.add_midi_item(bass, start_qn=0, length_qn=8, selected=True, name="2-bar loop",
                       notes=[(k * 0.5, 0.25, 40 + k % 5, 90) for k in range(16)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        item = rpr.RPR_GetSelectedMediaItem(0, 0)
        rpr.RPR_SetMediaItemInfo_Value(item, "D_LENGTH", rpr.RPR_TimeMap2_QNToTime(0, 32.0))
        notes = LocalBridge().call("read_selected_items")["items"][0]["notes"]
        assert [n[0] for n in notes] == [k * 0.5 for k in range(64)]
        assert [n[2] for n in notes[16:32]] == [n[2] for n in notes[:16]]
        rpr.RPR_SetMediaItemInfo_Value(item, "B_LOOPSRC", 0.0)
        assert len(LocalBridge().call("read_selected_items")["items"][0]["notes"]) == 16


def test_when_no_selected_item_is_heard_the_error_says_why(run_action):
    """The bass soloed and only the pad selected: 'every selected item is muted' sent the producer looking
    for a mute that was not there; the line now says what keeps it from being heard."""
    spec = bass_project()
    keys = len(spec.data["tracks"]) - 1
    pad_item(spec, keys)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        rpr.RPR_SetMediaItemSelected(rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 0), False)
        rpr.RPR_SetMediaTrackInfo_Value(rpr.RPR_GetTrack(0, 0), "I_SOLO", 1)
        with pytest.raises(ReaperError):
            run_action("drumify")
        assert s.reaper.console_text().endswith(
            "ReaGroove: no selected item is heard (another track soloed); unmute, unsolo or route one, or select "
            "another\n")


def test_interpolate_moves_between_the_patterns_set_from_items(run_action, monkeypatch, tmp_path):
    """Patterns A and B set from items are the triangle's ends: `--interpolate 1` moves to B. It was refused
    ("--interpolate needs --pattern-b"), checked before REAPER's patterns were filled in; with no B set it is
    still refused, saying how to set one."""
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore
    from reagroove.models import drummer

    saved = tmp_path / "patterns.json"  # the producer's patterns file, kept between actions as the shipped one is
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: Engine(StubModel(), PatternStore(path=saved)))
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert run_action("set-pattern", "A") == 0
        with pytest.raises(ReaGrooveError, match="needs pattern B: set it from an item"):  # (exit code 2)
            run_action("drumify", "--follow", "0.3", "--interpolate", "1")
        assert "needs pattern B: set it from an item" in s.reaper.console_text()
        assert run_action("set-pattern", "B") == 0
        assert run_action("drumify", "--follow", "0.3", "--interpolate", "1") == 0
        assert "A=reaper-A B=reaper-B @1.00 follow 0.30" in s.reaper.console_text()
