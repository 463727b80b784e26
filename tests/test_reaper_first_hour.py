"""A producer's first hour with ReaGroove's actions in REAPER: what they read when something goes wrong is one
line in REAPER's console, never a silence, and the undo history reads as English.

Each test here failed before its fix.
"""

from __future__ import annotations

import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project, engine

from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


@pytest.fixture
def run_action(monkeypatch, tmp_path):
    """`reagroove reaper ACTION ...` as REAPER's action runs it (its output going to the engine log, not a
    terminal), inside the simulated REAPER on the stand-in model."""
    from reagroove.core.cli import build_parser
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    monkeypatch.setattr(commands, "_in_terminal", lambda: False)
    return lambda *argv: commands.run_reaper(build_parser("reaper").parse_args(["reaper", *argv]))


@pytest.mark.parametrize("argv, said", [(("drumify",), "drumify"), (("variations", "--count", "2"), "variations"),
                                        (("set-pattern", "B"), "set pattern B")])
def test_a_bug_in_the_engine_is_said_in_reapers_console_not_only_in_the_log(run_action, monkeypatch, argv, said):
    # Run from REAPER's action list the engine's output goes to its log file: a bug had ended the action with
    # nothing in REAPER at all, the producer left pressing it again.
    def broken(*args, **kwargs):
        raise KeyError("velocity")

    for name in ("drumify_selection", "variations_of_selection", "pattern_from_selection"):
        monkeypatch.setattr(actions, name, broken)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        with pytest.raises(KeyError):  # the traceback still goes to the engine log (core/cli.py)
            run_action(*argv)
        lines = s.reaper.console_text().strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"ReaGroove: {said} stopped on a bug (KeyError: 'velocity')"), lines
        assert "reagroove.log" in lines[0] and s.reaper.undo_names == []


def test_live_follow_stopped_by_a_bug_turns_its_toggle_off(run_action, monkeypatch):
    # Its toggle stayed lit with nothing following: the next press only turned it off, a second one started it.
    from reagroove.reaper_ext import live_follow

    def broken(self):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(live_follow.LiveFollower, "poll", broken)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        s.rpr.RPR_SetExtState("reagroove", "live", "on", False)  # as the toggle action sets it before starting
        with pytest.raises(ZeroDivisionError):
            run_action("live")
        assert s.rpr.RPR_GetExtState("reagroove", "live") == "off"
        assert "live stopped on a bug (ZeroDivisionError: float division by zero)" in s.reaper.console_text()


def test_one_variation_is_one_undo_point_named_in_the_singular_and_still_a_variations_run(run_action):
    # REAPER's Edit > Undo history read "ReaGroove: 1 variations".
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert run_action("variations", "--count", "1") == 0
        assert run_action("variations", "--count", "3") == 0
        assert s.reaper.undo_names == ["ReaGroove: 1 variation", "ReaGroove: 3 variations"]
    from reagroove.reaper_ext.reaper_names import DRUMIFY_UNDO_NAME, LIVE_UNDO_NAME, is_variations_undo_name

    # what the docked panel needs to tell a Variations run's point from the others' (see the report for host.py)
    assert all(is_variations_undo_name(name) for name in ("ReaGroove: 1 variation", "ReaGroove: 12 variations"))
    assert not any(is_variations_undo_name(name) for name in (DRUMIFY_UNDO_NAME, LIVE_UNDO_NAME,
                                                               "ReaGroove: 2 variation", "ReaGroove: 1 variations"))


def test_open_panel_says_in_reapers_console_why_the_editor_did_not_open(monkeypatch, tmp_path):
    # `reagroove reaper panel`: the editor as REAPER's 'Open panel' action and the docked panel's Full editor… are
    # to open it. As `reagroove panel` their output goes to the engine log: with no display (or Qt's xcb library
    # missing, common on a fresh Linux) a press showed nothing at all in REAPER.
    from reagroove.core.cli import main
    from reagroove.reaper_ext import bridge

    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    ports = []
    monkeypatch.setattr(bridge, "DistantBridge", lambda port, **kw: ports.append(port) or LocalBridge())
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert main(["reaper", "panel", "--port", "2399"]) == 2
        lines = s.reaper.console_text().strip().splitlines()
        assert lines == ["ReaGroove: the panel did not open: the panel needs a display, and none is set (DISPLAY or "
                         "WAYLAND_DISPLAY): open it on the desktop (QT_QPA_PLATFORM=offscreen runs it without one, "
                         "for screenshots)"], lines
        assert ports == [2399] and s.reaper.undo_names == []
    # Pressed twice quickly: the second editor finds the first's lock, and says so where the press was made.
    import subprocess
    import sys

    from reagroove.reaper_ext.panel.lock import lock_path

    from reagroove.reaper_ext.panel import command

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(command, "_open_window", lambda args: pytest.fail("a second editor opened"))
    first = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)  # the reagroove editor"])
    try:
        lock_path().parent.mkdir(parents=True, exist_ok=True)
        lock_path().write_text(f"{first.pid}\n")
        with reapy_inside(bass_project(), purge=PURGE) as s:
            assert main(["reaper", "panel", "--port", "2399"]) == 2
            assert s.reaper.console_text().strip().splitlines() == [
                f"ReaGroove: the panel did not open: the full editor is already open (process {first.pid}): it is the "
                "window titled ReaGroove; close it to open another"]
    finally:
        first.kill()
        first.wait()


def test_an_offline_audio_item_alone_says_how_to_give_reaper_its_file_again(run_action, tmp_path):
    # Selected alone, a take whose file was moved or deleted was said as "...gone.wav: no such file (the audio of
    # the selected item 'gtr take')": what was wrong, not what to do in REAPER.
    from fake_reaper import ProjectSpec

    spec = ProjectSpec(bpm=100)
    spec.add_audio_item(spec.add_track("Guitar"), str(tmp_path / "gtr take 03.wav"), start_qn=0, length_qn=16,
                        selected=True, name="gtr take")
    with reapy_inside(spec, purge=PURGE) as s:
        with pytest.raises(Exception, match="no such file"):
            run_action("drumify")
        lines = s.reaper.console_text().strip().splitlines()
        assert len(lines) == 1 and str(tmp_path / "gtr take 03.wav") in lines[0], lines
        assert "'gtr take', offline in REAPER: give it its file again in the item's properties (F2) > Choose new " \
               "file" in lines[0]
        assert s.reaper.undo_names == [] and s.rpr.RPR_CountTracks(0) == 1
