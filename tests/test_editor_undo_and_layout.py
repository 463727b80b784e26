"""The editor as a producer uses it: what Ctrl+Z takes back, how it fits a laptop at a large font, the wheel
over a section or the preset box, exports; defects found by driving it offscreen, one test each.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from fake_reaper import reapy_inside  # noqa: E402
from PySide6.QtCore import QSize, Qt  # noqa: E402

from reagroove.core import read_midi  # noqa: E402

import test_dock  # noqa: E402
import test_panel  # noqa: E402
import test_panel_fit  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures
config = test_dock.config  # the docked panel's: a config folder of its own, the panel closed after

LAPTOP = QSize(1280, 720)


def test_the_pad_column_narrows_to_its_controls_once_reaper_s_buttons_are_hidden(make_panel, qtbot):
    """Standalone, the pad's "REAPER item" buttons are hidden, but the section kept their width as its least:
    the producer could not narrow the pad column (150 px more at 14 pt) and the window stayed that much wider."""
    w = make_panel()
    assert not w.pattern_from_reaper["A"].isVisible()
    dock = w.docks["pad"]
    panel_helpers.wait_for_settled_layout(qtbot, w)
    # its edge dragged as far left as it goes, the piano roll taking the room
    w.resizeDocks([dock, w.docks["roll"]], [1, w.width()], Qt.Orientation.Horizontal)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    needs = max(d.widget().widget().minimumSizeHint().width() for d in (dock, w.docks["quick"]))
    assert dock.width() <= needs + 30  # the column's widest controls, as shown, and a scroll bar


@pytest.mark.parametrize("connected", [False, True])
def test_at_a_14_pt_desktop_font_the_editor_fits_a_1280_px_laptop(make_panel, qtbot, desktop_font, connected):
    """With large fonts (14 pt) the editor needed 1324 px: on a 1280 x 720 laptop its right side was off the
    screen (the pad column kept hidden buttons' width, the genre box its longest name's; connected to REAPER,
    the pad's "REAPER item" buttons)."""
    desktop_font(14)
    if connected:
        w = make_panel(bridge=test_panel.FakeReaper(), check_every=0.05)
        qtbot.waitUntil(lambda: w.mode == "reaper" and w.controller.input is not None, timeout=5000)
        assert w.pattern_from_reaper["A"].isVisible()
    else:
        w = make_panel()
        assert w.open_midi(FUNK_BASS)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert w.minimumSizeHint().width() <= LAPTOP.width()
    w.resize(LAPTOP)
    qtbot.waitUntil(lambda: w.size() == LAPTOP, timeout=2000)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert test_panel_fit.cut_widgets(w) == []
    w.genre_combo.setCurrentIndex(4)  # the longest name: cut with "…" in the box, not clipped mid-letter
    shown = w.genre_combo.shown_text()
    assert shown == w.genre_combo.currentText() or shown.endswith("…")


SHUFFLE = FUNK_BASS.with_name("shuffle_blues.mid")


@pytest.mark.parametrize("what", ["export", "variations"])
def test_an_export_writes_the_file_it_was_asked_for_after_another_is_opened(make_panel, qtbot, tmp_path, what):
    """Export drums (or Variations), then straight on to the next song while it is written: the export, run
    when its turn came, drummed the song opened since, under the first song's name (its tempo, its length)."""
    import threading

    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    busy = threading.Event()
    w.jobs.submit("busy", busy.wait, 10)  # the job thread still on an earlier job (a slow model, a big file)
    out = tmp_path / "funk_drums.mid"
    if what == "export":
        w.export_drums(out)
    else:
        w.controller.variations = 2
        w.write_variations(out)
        out = tmp_path / "funk_drums_v1.mid"
    assert w.open_midi(SHUFFLE)
    said = []  # the line says "wrote …", then the shuffle's own swing note in its place, maybe before a poll
    say = w.say
    w.say = lambda text, **kw: (said.append(text), say(text, **kw))
    busy.set()
    qtbot.waitUntil(lambda: any(m.startswith("wrote") for m in said), timeout=20000)
    drums, funk = read_midi(out), read_midi(FUNK_BASS)
    assert drums.tempos == funk.tempos  # 96 BPM, not the shuffle's 100
    assert drums.notes.start.max() < 32  # funk_bass's 8 bars, not the shuffle's 12


def test_live_follow_turned_on_while_the_docked_panel_s_drumify_runs_starts_no_second_writer(config):
    """Drumify in the docked panel, then Live follow at once (the engine still loading its model): a live
    follower started beside it, both writing the drum track; Drumify refuses while live follow runs, and
    live follow now waits for Drumify the same way."""
    from test_dock_live_status_and_fonts import open_dock, processes, project, status

    from reagroove.core.constants import EXT_SECTION

    started, launch = processes()
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, launch)
        gui.click("Drumify")
        s.reaper.run_deferred()
        assert started[-1].args[:2] == ["reaper", "drumify"]
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        assert [p.args[:2] for p in started] == [["reaper", "drumify"]]
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "live") != "on" and status(gui) == "Live follow off"
        assert "drumify is still running" in panel.message
        started[-1].code = 0  # Drumify has finished: said no more, and live follow starts
        s.reaper.run_deferred()
        assert panel.message == ""
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        assert started[-1].args[:2] == ["reaper", "live"] and "Live follow on" in status(gui)


def wheel(widget, qtbot, notches: int = -3) -> bool:
    """The mouse wheel turned over the middle of `widget` (down: negative); whether it was taken there (Qt
    passes a wheel left untaken on to the parent: a section's scroll area; not an event sent in a test)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    target = widget.childAt(widget.rect().center()) or widget  # the part under the pointer (a spin box's edit)
    pos = QPointF(target.rect().center())
    for _ in range(abs(notches)):
        event = QWheelEvent(pos, QPointF(target.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                            QPoint(0, 120 if notches > 0 else -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(target, event)
    qtbot.wait(20)
    return event.isAccepted()


def test_scrolling_a_short_section_with_the_wheel_changes_no_setting(make_panel, qtbot):
    """On a small screen the Genre mix and Sound sections scroll: the wheel turned over them, the pointer
    on a slider or a box, changed that genre's weight, the temperature, the seed... instead of scrolling."""
    w = make_panel()
    w.resize(test_panel_fit.SMALL)
    qtbot.waitUntil(lambda: w.size() == test_panel_fit.SMALL, timeout=2000)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    before = w.controller.settings
    for control in (w.genre_mixer.sliders["funk"].slider, w.temperature_slider.slider, w.seed_box.spin,
                    w.variations_spin, w.fills.every, w.genre_combo):
        assert control.isVisible()
        wheel(control, qtbot)
        wheel(control, qtbot, notches=2)
    assert w.controller.settings == before
    assert not wheel(w.temperature_slider.slider, qtbot)  # left for the section, which scrolls
    w.temperature_slider.slider.setFocus()  # clicked (or tabbed to) first: the wheel is the slider's
    wheel(w.temperature_slider.slider, qtbot, notches=2)
    assert w.controller.settings.temperature != before.temperature


def test_the_wheel_over_the_preset_box_does_not_load_a_preset(make_panel, qtbot):
    """The wheel over the toolbar's Preset box loaded the next preset at once: every setting replaced, the
    producer's unsaved changes gone with no way back."""
    w = make_panel()
    w.save_preset("calm")
    w.controller.update(temperature=1.5)
    w.save_preset("wild")
    w._edit(w.controller.update, humanize=0.3)  # unsaved: the box shows no preset
    tweaked = w.controller.settings
    wheel(w.preset_combo, qtbot, notches=2)
    wheel(w.preset_combo, qtbot, notches=-2)
    assert w.controller.settings == tweaked


def test_an_export_named_without_mid_is_written_as_a_mid_file(make_panel, qtbot, tmp_path, monkeypatch):
    """Export drums, the name typed without ".mid" (Qt's own save dialog, on Linux, adds none): the file was
    written as "verse_drums", which REAPER's media explorer and a DAW's import list do not show as MIDI.
    Variations already wrote NAME_v1.mid. An existing verse_drums.mid is asked about first."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "verse_drums"), ""))
    (tmp_path / "verse_drums.mid").write_bytes(b"keep me")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    w.ask_export_drums()
    qtbot.wait(200)
    assert (tmp_path / "verse_drums.mid").read_bytes() == b"keep me" and "kept" in w.last_message
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.ask_export_drums()
    qtbot.waitUntil(lambda: w.last_message.startswith("wrote"), timeout=20000)
    assert not (tmp_path / "verse_drums").exists()
    assert len(read_midi(tmp_path / "verse_drums.mid").notes) > 0
    assert "verse_drums.mid" in w.last_message


def press(w, qtbot, key, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    from PySide6.QtWidgets import QApplication

    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or w, key, modifiers)


def test_ctrl_z_takes_back_a_preset_loaded_by_mistake_and_a_change(make_panel, qtbot):
    """Ctrl+Z did nothing: a preset chosen by mistake replaced every setting for good, and a slider moved
    too far had to be found and put back by hand."""
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w.save_preset("calm")
    w.temperature_slider.slider.setValue(w.temperature_slider.slider.value() + 300)
    w.humanize_slider.slider.setValue(400)
    tweaked = w.controller.settings
    assert tweaked.humanize == pytest.approx(0.4) and tweaked != w.controller.presets["calm"]
    w.preset_combo.setCurrentIndex(w.preset_combo.findText("calm"))  # chosen by mistake
    assert w.controller.settings == w.controller.presets["calm"]
    press(w, qtbot, Qt.Key.Key_Z)
    assert w.controller.settings == tweaked and w.preset_combo.currentIndex() == -1
    assert "undone" in w.last_message
    press(w, qtbot, Qt.Key.Key_Z)
    assert w.controller.settings.humanize != pytest.approx(0.4)
    assert w.controller.settings.temperature == tweaked.temperature  # one change back, not two
    assert w.humanize_slider.slider.value() != 400  # the slider shows it
    press(w, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.controller.settings == tweaked  # redone
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)  # and previewed again


def test_ctrl_z_after_a_drag_on_the_pad_puts_the_point_back_where_it_was(make_panel, qtbot):
    """A drag is many small moves: one Ctrl+Z puts back where it started, not one mouse move of it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    w = make_panel()
    w.controller.update(pattern_a="rock", pattern_b="funk")
    w._sync()
    start = w.controller.settings
    pad = w.pad
    a, b, g = (pad.vertex_pos(n).toPoint() for n in "ABG")
    path = [a + (g - a) * k / 10 for k in range(2, 9)] + [b + (g - b) * k / 10 for k in range(3, 7)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, path[0])
    for point in path[1:]:
        QTest.mouseMove(pad, QPoint(point))
        qtbot.wait(10)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, path[-1])
    moved = w.controller.settings
    assert (moved.interpolate, moved.follow) != (start.interpolate, start.follow)
    press(w, qtbot, Qt.Key.Key_Z)
    assert w.controller.settings == start
    assert (pad.interpolate, pad.follow) == (start.interpolate, start.follow)


def test_ctrl_z_after_the_docked_panel_changed_a_setting_takes_back_that_change_alone(make_panel, qtbot):
    """A change made in the docked panel shows in the editor: Ctrl+Z there then put back the editor's own edit
    before it too, undoing two changes at once."""
    from reagroove.reaper_ext.panel.store import SharedSettings

    w = make_panel()
    w._edit(w.controller.update, humanize=0.4)  # the editor's own edit
    w.sync_shared_settings()  # published
    w.store.shared.flush()
    shared = SharedSettings(w.store.shared.path)  # the docked panel's side of the record
    shared.write(w.controller.settings.replace(fill_every=4))
    qtbot.waitUntil(lambda: w.controller.settings.fill_every == 4, timeout=3000)
    press(w, qtbot, Qt.Key.Key_Z)
    assert w.controller.settings.fill_every != 4
    assert w.controller.settings.humanize == pytest.approx(0.4)  # the editor's edit stays


def test_the_drums_of_a_song_opened_before_never_show_under_the_next_one(make_panel, qtbot):
    """Open a song, then at once another (or step to another window) while the first one's loop is still being
    made: that loop was drawn under the second song's name and bars until the second's came."""
    import threading

    engine = test_panel.stub_engine()
    held = threading.Event()
    drumify = engine.drumify_grooves

    def slow_first(grooves, *args, **kwargs):
        held.wait(10)  # the first song's loop still being made
        return drumify(grooves, *args, **kwargs)

    engine.drumify_grooves = slow_first
    w = make_panel(engine)
    shown = []
    show = w.roll.show_loop
    w.roll.show_loop = lambda groove, loop, tag=None: (shown.append(tag), show(groove, loop, tag=tag))
    assert w.open_midi(FUNK_BASS)
    first = w._request_id
    qtbot.wait(30)  # its loop is being made
    assert w.open_midi(FUNK_BASS.with_name("piano_waltz.mid"))
    panel_helpers.wait_for_settled_layout(qtbot, w)
    held.set()
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert first not in shown
    assert w.roll.drum_hit_count() > 0


def test_ctrl_z_right_after_typing_a_seed_or_fill_bars_undoes_that_change(make_panel, qtbot):
    """A seed (or fill bars) typed and entered, the cursor still in the field: Ctrl+Z was taken by the field,
    which had nothing left to undo, and nothing happened."""
    from PySide6.QtWidgets import QApplication

    w = make_panel()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    for field, typed, name in ((w.seed_box.spin, "77", "seed"), (w.fills.bars, "8 16", "fill_bars")):
        before = getattr(w.controller.settings, name)
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert getattr(w.controller.settings, name) != before
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert getattr(w.controller.settings, name) == before and "undone" in w.last_message
    field = w.seed_box.spin  # two entries, one after the other: two steps
    field.setFocus()
    for typed in ("12", "345"):
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.controller.settings.seed == 12
    field = w.fills.bars  # still typing: Ctrl+Z is the field's own
    field.setFocus()
    qtbot.keyClicks(field, "4")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not field.text().endswith("4")
