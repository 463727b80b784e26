"""The editor and the docked panel as a producer reads them: what their lines say, and what one Undo takes back.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from conftest import build_midi  # noqa: E402

import test_dock  # noqa: E402
import test_dock_engine  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture


# ---------------------------------------------------------------- what opening a part says of its windows


def bars_of(meters):
    """Notes on every beat of bars in the given meters, one after another: [(numerator, denominator, bars)]."""
    notes, at, sigs = [], 0.0, []
    for num, den, bars in meters:
        sigs.append((at, num, den))
        for _ in range(bars):
            notes += [(at + k * 4 / den, 40, 100, 0) for k in range(num)]
            at += num * 4 / den
    return notes, tuple(sigs)


@pytest.mark.parametrize("meters, said", [
    ([(12, 8, 6)], "(6 windows of 1 bar)"),
    ([(2, 4, 6)], "(2 windows of 4 bars)"),
    ([(3, 4, 6)], "(3 windows of 2 bars)"),
    ([(4, 4, 6)], "(3 windows of 2 bars)"),
    # windows that differ: two bars of 3/4 each, then one of 12/8 each ("6 windows of 1 bar" was said)
    ([(3, 4, 4), (12, 8, 4)], "(6 windows)"),
    # a bar of 9/4 is longer than a window: each window holds part of one ("8 windows of 2 bars" was said)
    ([(9, 4, 4)], "(8 windows)"),
])
def test_opening_a_part_says_the_bars_its_windows_hold_in_its_meter(make_panel, tmp_path, meters, said):
    notes, sigs = bars_of(meters)
    path = build_midi(tmp_path / "part.mid", notes, time_signatures=sigs)
    w = make_panel(midi=str(path))
    assert w.last_message.startswith(f"input: part.mid {said}"), w.last_message
    w.close()


# ---------------------------------------------------------------- the Live status after live follow


def test_the_generation_line_does_not_go_on_as_if_live_follow_still_ran(make_panel, qtbot):
    """Live follow turned off, the Live status' Generation line still said "last 12.3 ms · p99 15.0 ms" as if
    loops were still being made, until the next session's first loop."""
    from test_panel import FakeReaper

    from reagroove.reaper_ext.panel.controller import REAPER

    fake = FakeReaper()
    fake.playing = True
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    generation = w.status_labels["generation"]
    w.live_action.trigger()
    qtbot.waitUntil(lambda: generation.text().startswith("last "), timeout=5000)
    figures = generation.text()
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.link.follower is None, timeout=3000)
    qtbot.wait(300)  # the link's statuses after it: live follow off
    assert w.status_labels["loops"].text() == "live follow off"
    assert generation.text() == f"last session: {figures}"
    w.live_action.trigger()  # on again: the new session's own figures, none yet
    qtbot.waitUntil(lambda: not generation.text().startswith("last session"), timeout=5000)
    w.live_action.trigger()
    w.close()


# ---------------------------------------------------------------- the docked panel (ReaImGui, simulated)

config = test_dock.config  # the docked panel's fixture: a config folder of its own, the panel closed after


@pytest.mark.parametrize("command", ["Drumify", "Variations"])
def test_the_docked_panel_s_did_not_finish_goes_once_a_later_run_went_well(config, command):
    """"drumify did not finish (exit code 1): see REAPER's console" stayed under the buttons after the producer
    had put it right and run Drumify from REAPER's actions (the drums written), until a button was pressed."""
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE, engine
    from test_reaper_project_layouts import riff

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge

    spec = ProjectSpec(bpm=120)
    riff(spec, spec.add_track("Bass"))
    now = [1000.0]
    engines, launch = test_dock_engine.started_engines()
    failed = f"{command.lower()} did not finish"
    with reapy_inside(spec, purge=PURGE) as s:
        panel, gui = test_dock_engine.open_dock(s, launch)
        panel.clock = lambda: now[0]
        gui.click(command)
        s.reaper.run_deferred()
        engines[0].exit(1)  # e.g. the item was muted: the engine said why in REAPER's console
        s.reaper.run_deferred(2)
        assert any(failed in m for m in test_dock_engine.messages(gui))
        s.rpr.RPR_Undo_OnStateChangeEx2(0, "producer's edit", -1, -1)  # something else done: still no drums
        now[0] += 2.0
        s.reaper.run_deferred(2)
        assert any(failed in m for m in test_dock_engine.messages(gui))
        if command == "Drumify":  # as REAPER's "ReaGroove: Drumify" action runs it
            actions.drumify_selection(LocalBridge(), engine(), Settings())
        else:
            actions.variations_of_selection(LocalBridge(), engine(), Settings(), 2)
        now[0] += 2.0
        s.reaper.run_deferred(2)
        assert not any(failed in m for m in test_dock_engine.messages(gui))


# ---------------------------------------------------------------- Undo after the keyboard


def test_a_run_of_arrow_keys_on_the_pad_is_one_undo_step(make_panel, qtbot):
    """Five presses of Up on the pad (or the key held) took five Ctrl+Z to put back, where a mouse drag there is
    one; presses after a pause are a step of their own."""
    from PySide6.QtCore import Qt

    w = make_panel()
    w.pad.setFocus()
    start = w.controller.settings
    for _ in range(3):
        qtbot.keyClick(w.pad, Qt.Key.Key_Left)
    qtbot.keyClick(w.pad, Qt.Key.Key_Down)
    moved = w.controller.settings
    assert (moved.interpolate, moved.follow) != (start.interpolate, start.follow)
    qtbot.wait(700)  # a pause: the next presses are another step
    qtbot.keyClick(w.pad, Qt.Key.Key_Down)
    qtbot.keyClick(w.pad, Qt.Key.Key_Down)
    w.undo_action.trigger()
    assert w.controller.settings == moved
    w.undo_action.trigger()
    assert w.controller.settings == start
    w.close()


@pytest.mark.parametrize("keys, setting", [(("Ctrl+Up", "Ctrl+Up", "Ctrl+Down", "Ctrl+Up"), "follow"),
                                           (("Ctrl+Left",) * 4, "interpolate"), (("]",) * 3, "density")])
def test_a_run_of_shortcut_presses_is_one_undo_step(make_panel, keys, setting):
    """Ctrl+Up pressed four times took four Ctrl+Z to put back."""
    from PySide6.QtGui import QAction, QKeySequence

    w = make_panel()
    w.controller.update(follow=0.5, interpolate=0.5)  # room either way
    start = w.controller.settings
    by_key = {a.shortcut().toString(): a for a in w.findChildren(QAction) if not a.shortcut().isEmpty()}
    for key in keys:
        by_key[QKeySequence(key).toString()].trigger()
    assert getattr(w.controller.settings, setting) != getattr(start, setting)
    w.undo_action.trigger()
    assert w.controller.settings == start
    w.close()


def test_a_run_of_arrow_keys_on_a_slider_is_one_undo_step(make_panel, qtbot):
    """The temperature slider with the focus, Right pressed four times took four Ctrl+Z to put back."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    w = make_panel()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    slider = w.temperature_slider.slider
    slider.setFocus()
    assert QApplication.focusWidget() is slider
    start = w.controller.settings
    for _ in range(4):
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert w.controller.settings.temperature != start.temperature
    w.undo_action.trigger()
    assert w.controller.settings == start
    w.close()
