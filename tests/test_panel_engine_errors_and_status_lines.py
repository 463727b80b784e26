"""The editor and the docked panel as a producer uses them: engine errors mid-preview or in live follow, the docked
panel's passing status lines, the toolbar and pad at a laptop's size; defects found by driving them offscreen,
one test each.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from fake_reaper import reapy_inside  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

import test_dock  # noqa: E402
import test_dock_engine  # noqa: E402
import test_dock_editor_lock_and_narrow_dockers  # noqa: E402
import test_panel  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def test_a_pattern_taken_from_a_file_is_undone_by_ctrl_z(make_panel):
    """Pattern A from a file (File... button) replaced the one chosen, and Ctrl+Z did not bring it back: it undid
    the edit before it instead (or nothing)."""
    w = make_panel()
    w._edit(w.controller.update, follow=0.3)
    w.pattern_from_midi("A", FUNK_BASS)
    assert w.controller.settings.pattern_a is not None
    w.undo_action.trigger()
    assert w.controller.settings.pattern_a is None  # the file's pattern undone
    assert w.controller.settings.follow == 0.3  # and that alone
    assert w.pattern_combos["A"].currentIndex() == 0
    w.redo_action.trigger()
    assert w.controller.settings.pattern_a == w.pattern_combos["A"].currentText() != "none"


def toolbar_overflow(window) -> list[str]:
    """The toolbar's actions the producer cannot see (behind Qt's "»" overflow button)."""
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "main_toolbar")
    return [a.text() or type(bar.widgetForAction(a)).__name__ for a in bar.actions()
            if a.isVisible() and not bar.widgetForAction(a).isVisible()]


@pytest.mark.parametrize("connected", [False, True])
def test_every_toolbar_button_shows_on_a_laptop_at_a_14_pt_font(make_panel, qtbot, desktop_font, connected):
    """At a 14 pt desktop font on a 1280 px screen, Quick view (connected: Save and Delete preset too) went behind
    the toolbar's "»" menu."""
    from PySide6.QtCore import QSize

    from reagroove.reaper_ext.panel.controller import REAPER

    desktop_font(14)
    if connected:  # Read REAPER selection shown: the widest toolbar
        w = make_panel(bridge=test_panel.FakeReaper(), check_every=0.05)
        qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    else:
        w = make_panel()
    w.resize(QSize(1280, 720))
    qtbot.waitUntil(lambda: w.width() == 1280, timeout=2000)
    qtbot.wait(50)
    assert toolbar_overflow(w) == []
    # the menus still say them in full
    assert w.open_action.text() == "Open MIDI/audio…" and w.delete_preset_action.text() == "Delete preset"


def test_a_and_b_rhythm_strips_stay_apart_on_a_narrow_pad(qtbot):
    """On a pad narrower than about 250 px the A and B rhythm strips met and read as one 64-step strip."""
    import numpy as np

    from reagroove.reaper_ext.panel.pad import BACKGROUND, LatentPad

    every_step = np.ones((32, 2))  # a hit on each step, at full velocity: each strip solid from end to end
    for width in (240, 250, 400):
        pad = LatentPad()
        qtbot.addWidget(pad)
        pad.resize(width, 200)
        pad.set_state(0.5, 0.0, "a", "b", every_step, every_step)
        image = pad.grab().toImage()
        y = int(pad.vertex_pos("A").y()) + 32 + 5  # through both strips
        a_x, b_x = int(pad.vertex_pos("A").x()), int(pad.vertex_pos("B").x())
        drawn = [image.pixelColor(x, y) != BACKGROUND for x in range(a_x, b_x + 1)]
        assert drawn[0] and drawn[-1]  # both strips are there
        gap = max(len(run) for run in "".join(".#"[d] for d in drawn).split("#"))
        assert gap >= 12, f"{width} px: the strips are {gap} px apart"
        if width >= 400:  # room enough: as wide as ever
            assert pad.strip_boxes()["A"].width() == 112


def failing_on(window, broken):
    """The preview's engine raises while `broken(settings)` (a model that fails on some settings)."""
    generate = window.preview.generate

    def generate_or_fail(settings, groove, **inputs):
        if broken(settings):
            raise RuntimeError("CUDA out of memory")
        return generate(settings, groove, **inputs)

    window.preview.generate = generate_or_fail


def test_an_engine_error_mid_preview_leaves_no_stale_loop_or_status(make_panel, qtbot):
    """The engine failed on a change: the piano roll kept the loop of the settings before, "generated in 1.0 ms"
    above it, as if it were this one's; put right, the loop came back but "could not generate" stayed on the
    status line for 10 s, saying the shown loop had failed."""
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert w.roll.drum_hit_count() > 0
    failing_on(w, lambda s: s.temperature >= 0.9)
    w._edit(w.controller.update, temperature=0.95)
    qtbot.waitUntil(lambda: "could not generate" in w.status_line.text(), timeout=5000)
    assert "CUDA out of memory" in w.status_line.text()
    assert w.roll.drum_hit_count() == 0  # no drums drawn: none were made for these settings
    assert "generated in" not in w.generation_label.text()
    w._edit(w.controller.update, temperature=0.5)  # put right
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert w.roll.drum_hit_count() > 0
    assert "generated in" in w.generation_label.text()
    assert "could not generate" not in w.status_line.text()


def test_an_engine_error_on_a_new_song_does_not_draw_the_last_song_s_drums(make_panel, qtbot, make_midi):
    """Another song opened, and the engine failed on it: the last song's drums stayed drawn under the new
    song's name and bars."""
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert w.roll.drum_hit_count() > 0
    failing_on(w, lambda s: True)
    other = make_midi([(b * 0.5, 40, 100, 0) for b in range(32)], name="other.mid")
    assert w.open_midi(other)
    qtbot.waitUntil(lambda: "could not generate" in w.status_line.text(), timeout=5000)
    assert "other.mid" in w.input_label.text()
    assert w.roll.drum_hit_count() == 0
    assert w.roll.input_hit_count() > 0  # the new song's own groove, what the drums were to follow


# ---------------------------------------------------------------- the docked panel (ReaImGui, simulated)

config = test_dock.config  # the docked panel's fixture: a config folder of its own, the panel closed after
data, other_editor = test_dock_editor_lock_and_narrow_dockers.data, test_dock_editor_lock_and_narrow_dockers.other_editor  # an editor open elsewhere


def test_the_docked_panel_s_still_stopping_and_editor_open_lines_go_once_no_longer_true(config):
    """"live follow turned off a moment ago is still stopping" (and "the full editor is open") stayed under the
    buttons after the follower had stopped (the editor was closed), telling the producer to wait for nothing
    until some other button was pressed."""
    engines, launch = test_dock_engine.started_engines()
    with reapy_inside(test_dock.project()) as s:
        _, gui = test_dock_engine.open_dock(s, launch)
        for on in (True, False, True):  # the follower still loads its model: it has not looked at the flag
            gui.set_value("Live follow", on)
            s.reaper.run_deferred()
        s.reaper.run_deferred()
        assert any("still stopping" in m for m in test_dock_engine.messages(gui))
        engines[0].exit(0)  # it saw the flag off and ended
        s.reaper.run_deferred(2)
        assert not any("still stopping" in m for m in test_dock_engine.messages(gui))

        gui.click("Full editor…")
        s.reaper.run_deferred()
        gui.click("Full editor…")
        s.reaper.run_deferred(2)
        assert any("full editor is open" in m for m in test_dock_engine.messages(gui))
        engines[-1].exit(0)  # the producer closed it
        s.reaper.run_deferred(2)
        assert not any("full editor is open" in m for m in test_dock_engine.messages(gui))


def test_a_docked_panel_line_that_is_not_a_passing_state_stays(config):
    """A refusal that holds until the producer acts (Drumify while live follow runs) is not cleared by a frame."""
    engines, launch = test_dock_engine.started_engines()
    with reapy_inside(test_dock.project()) as s:
        _, gui = test_dock_engine.open_dock(s, launch)
        gui.set_value("Live follow", True)
        s.reaper.run_deferred()
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert any("live follow is on" in m for m in test_dock_engine.messages(gui))


def test_a_slow_engine_s_loop_on_its_way_is_said_not_the_last_one_s_time(make_panel, qtbot):
    """The engine slow (a loaded CPU) or hung: the piano roll showed the loop of the settings before under
    "generated in 1.0 ms" for as long as it took, as if it were this one's."""
    import threading

    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert "generated in" in w.generation_label.text()
    go_on = threading.Event()
    generate = w.preview.generate
    w.preview.generate = lambda *a, **k: go_on.wait(10) and generate(*a, **k)
    try:
        w._edit(w.controller.update, temperature=0.7)
        qtbot.waitUntil(lambda: w.generation_label.text() == "generating…", timeout=3000)
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert "generated in" in w.generation_label.text()


def test_the_variations_count_is_an_undo_step_of_its_own(make_panel):
    """The count changed after another edit was no Undo step: Ctrl+Z undid that other edit and put the count back
    with it, two changes at once."""
    w = make_panel()
    w._edit(w.controller.update, temperature=0.7)
    w.variations_spin.setValue(w.variations_spin.value() + 3)
    count = w.variations_spin.value()
    w.undo_action.trigger()
    assert w.controller.settings.temperature == 0.7  # the edit before it stays
    assert w.controller.variations == count - 3 == w.variations_spin.value()
    w.undo_action.trigger()
    assert w.controller.settings.temperature == 0.0
    w.redo_action.trigger()
    w.redo_action.trigger()
    assert (w.controller.settings.temperature, w.controller.variations) == (0.7, count)


def test_a_letter_typed_in_a_list_box_picks_its_entry_not_a_window_key(make_panel, qtbot):
    """Keyboard only: "r" typed in pattern A's box (to jump to "rock") rolled a new seed instead (R), and "l" in the
    Preset box turned live follow on; a list box with the focus takes letters to pick its entry."""
    from PySide6.QtCore import Qt

    w = make_panel()
    combo = w.pattern_combos["A"]
    combo.setFocus()
    qtbot.waitUntil(lambda: combo.hasFocus(), timeout=2000)
    seed = w.controller.settings.seed
    qtbot.keyClick(combo, Qt.Key.Key_R, delay=0)
    assert w.controller.settings.seed == seed  # no new seed
    assert w.controller.settings.pattern_a == "rock" and combo.currentText() == "Rock"
    qtbot.keyClick(combo, Qt.Key.Key_L)
    assert not w.live_action.isChecked()
    qtbot.keyClick(combo, Qt.Key.Key_3)  # digits stay the genre keys wherever the focus is
    assert list(w.controller.settings.genre) == ["funk"]


def test_an_engine_error_in_live_follow_stops_it_and_is_not_said_to_be_reaper_s(make_panel, qtbot):
    """The engine failed while live follow ran in REAPER: the editor said REAPER was "not connected (retrying) ·
    unexpected reply from REAPER (RuntimeError: ...)", dropped to standalone and back every second, live follow
    still 'on' and failing again at each try."""
    from reagroove.reaper_ext.panel.controller import REAPER

    fake = test_panel.FakeReaper()
    fake.playing = True
    engine = test_panel.stub_engine()
    w = make_panel(engine, bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER and w.controller.input is not None, timeout=3000)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "made" in w.status_labels["loops"].text(), timeout=5000)

    def out_of_memory(*a, **k):
        raise RuntimeError("CUDA out of memory")

    engine.model.generate = out_of_memory
    qtbot.waitUntil(lambda: not w.live_action.isChecked(), timeout=5000)
    assert "CUDA out of memory" in w.status_line.text() and "live follow stopped" in w.status_line.text()
    qtbot.wait(300)  # a few of the link's checks
    assert w.mode == REAPER and w.connected
    assert w.status_labels["reaper"].text().startswith("connected")
    assert "unexpected reply" not in w.status_line.text()


@pytest.mark.parametrize("hidden_by", ["quick view", "closed"])
def test_f3_shows_the_advanced_section_where_its_sound_section_was_hidden(make_panel, qtbot, hidden_by):
    """In quick view (or with the Sound section closed) F3 opened or shut the Advanced part out of sight: nothing
    seemed to happen, and the next F3 shut it again."""
    w = make_panel()
    w.advanced.set_expanded(False)
    if hidden_by == "quick view":
        w.quick_view_action.trigger()
    else:
        w.docks["sound"].close()
    qtbot.waitUntil(lambda: not w.docks["sound"].isVisible(), timeout=2000)
    w.advanced_action.trigger()
    qtbot.waitUntil(lambda: w.docks["sound"].isVisible(), timeout=2000)
    assert w.advanced.is_expanded() and w.advanced.isVisible()
    assert not w.quick_view_action.isChecked()  # its check does not say sections are hidden that are not
    w.advanced_action.trigger()  # shown: F3 hides it again, as ever
    assert not w.advanced.is_expanded()


def test_a_long_export_says_it_is_running_until_it_ends(make_panel, qtbot, monkeypatch, tmp_path):
    """An export longer than the status line's 10 s (a whole song on a slow machine): "export…" went after 10 s
    and nothing said it was still being written until it was."""
    import threading

    from reagroove.reaper_ext.panel import app

    monkeypatch.setattr(app, "STATUS_SHOWN_MS", 100)  # the status line's 10 s, shorter
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    go_on = threading.Event()
    export = w.controller.export_drums
    monkeypatch.setattr(w.controller, "export_drums", lambda *a: go_on.wait(10) and export(*a))
    try:
        w.export_drums(tmp_path / "drums.mid")
        assert w.status_line.text() == "export…"
        qtbot.wait(400)
        assert w.status_line.text() == "export…"  # still being written
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: w.status_line.text() != "export…", timeout=5000)
    assert "drums.mid" in w.status_line.text()
    qtbot.waitUntil(lambda: w.status_line.text() == "", timeout=2000)  # its end goes as any message does


def test_a_wider_window_widens_the_piano_roll_not_the_pad_column(make_panel, qtbot):
    """Maximised on a 1920 x 1080 screen the pad's column took all the new width until it was half the window (a
    flat 950 px triangle) and the piano roll stayed as narrow as at 1320 px; the column keeps its width, and one the
    producer set by dragging its edge is kept too."""
    from PySide6.QtCore import QSize

    w = make_panel()
    pad, roll = w.docks["pad"], w.docks["roll"]
    qtbot.wait(50)
    column, roll_before = pad.width(), roll.width()
    w.resize(QSize(1920, 1080))
    qtbot.waitUntil(lambda: w.width() == 1920, timeout=2000)
    qtbot.wait(50)
    assert abs(pad.width() - column) <= 1
    assert roll.width() >= roll_before + 1920 - 1320 - 2  # the new width is the piano roll's
    w.resizeDocks([pad, roll], [500, 1420], Qt.Orientation.Horizontal)  # the producer drags the column wider
    qtbot.wait(50)
    dragged = pad.width()
    w.resize(QSize(1600, 900))
    qtbot.waitUntil(lambda: w.width() == 1600, timeout=2000)
    qtbot.wait(50)
    assert abs(pad.width() - dragged) <= 1


def test_the_docked_panel_s_editor_already_open_line_goes_once_that_editor_is_closed(config, other_editor):
    """"the full editor is already open (process N)" (one opened from a terminal or the Open panel action) stayed
    under the buttons after the producer had closed that editor, until another button was pressed."""
    now = [1000.0]
    with reapy_inside(test_dock.project()) as s:
        panel, gui = test_dock_engine.open_dock(s, lambda args: None)
        panel.clock = lambda: now[0]
        gui.click("Full editor…")
        s.reaper.run_deferred(2)
        assert any("already open" in m for m in test_dock_engine.messages(gui))
        now[0] += 2.0
        s.reaper.run_deferred(2)
        assert any("already open" in m for m in test_dock_engine.messages(gui))  # still open: still said
        other_editor.kill()
        other_editor.wait()
        now[0] += 2.0
        s.reaper.run_deferred(2)
        assert not any("already open" in m for m in test_dock_engine.messages(gui))


@pytest.mark.parametrize("opened_by", ["F3", "its header"])
def test_the_advanced_part_opened_scrolls_into_view_in_a_short_sound_section(make_panel, qtbot, opened_by):
    """At 1400 x 900 the per-voice table opened below the fold of the Sound section: the header's arrow at its
    bottom edge was the only change in sight (here at 1400 x 700: its header 227 px down a 257 px view). Opened
    by F3 or by its header, the section now scrolls to it."""
    w = make_panel()
    w.show()
    w.resize(1400, 700)
    w.advanced.set_expanded(False)
    scroll = w.docks["sound"].widget()
    scroll.verticalScrollBar().setValue(0)
    qtbot.wait(50)
    w.advanced_action.trigger() if opened_by == "F3" else w.advanced.header.click()
    qtbot.wait(200)  # laid out at its new height, and scrolled
    top = w.advanced.mapTo(scroll.widget(), w.advanced.rect().topLeft()).y()
    shown, room = scroll.verticalScrollBar().value(), scroll.viewport().height()
    # the part opened in view: all of it where the section has room, else from its header down
    assert w.advanced.is_expanded() and top - shown >= 0 and top - shown + min(w.advanced.height(), room) <= room
