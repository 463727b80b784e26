"""The editor as a producer uses it: Tab and arrow keys, what opening a part or choosing a preset says, a small
screen, a large desktop font; defects found by driving it offscreen, one test each.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import shutil

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

import test_panel  # noqa: E402
import test_panel_fit  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

from reagroove.core.genres import GENRES  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures
wait_for_settled_layout = panel_helpers.wait_for_settled_layout

LONG_FILE = "my_band_final_mix_verse_chorus_bridge_take_12_really_final_version_2026_bass_and_keys_v3.mid"


def test_a_long_input_file_name_does_not_widen_the_window_past_a_small_screen(make_panel, qtbot, tmp_path):
    """A bounced file's long name in the piano roll's header (and the Live status tempo line) made the
    window at least 1370 px wide: on a laptop screen its right side was off the screen."""
    path = tmp_path / LONG_FILE
    shutil.copy(FUNK_BASS, path)
    w = make_panel()
    assert w.open_midi(path)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert w.minimumSizeHint().width() <= test_panel_fit.SMALL.width()
    w.resize(test_panel_fit.SMALL)
    qtbot.waitUntil(lambda: w.size() == test_panel_fit.SMALL, timeout=2000)
    wait_for_settled_layout(qtbot, w)
    assert test_panel_fit.cut_widgets(w) == []
    assert LONG_FILE in w.input_label.toolTip()  # the whole name is a hover away


def tab_stops(w, qtbot, start) -> list:
    """The widgets Tab stops on, once round the window from `start`."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    start.setFocus()
    stops = [start]
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            return stops
        stops.append(QApplication.focusWidget())
    raise AssertionError("Tab never came back to where it started")


def test_tab_stops_only_on_controls(make_panel, qtbot):
    """Tab stopped on each section's scroll area (five times) and on the piano roll, which show no focus and
    take no keys: a keyboard user pressed Tab and nothing seemed to happen."""
    from reagroove.reaper_ext.panel.controls import SectionScroll
    from reagroove.reaper_ext.panel.pianoroll import PianoRoll

    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    stops = tab_stops(w, qtbot, w.pad)
    assert [type(s).__name__ for s in stops if isinstance(s, (SectionScroll, PianoRoll))] == []
    assert w.seed_box.spin in stops and w.genre_combo in stops and w.fills.bars in stops


def test_tab_to_a_control_below_a_short_section_scrolls_it_into_view(make_panel, qtbot):
    """A short window: the Sound section scrolls to the control Tab reaches (still, with its scroll area
    out of the Tab order)."""
    w = make_panel()
    w.resize(test_panel_fit.SMALL)
    qtbot.waitUntil(lambda: w.size() == test_panel_fit.SMALL, timeout=2000)
    area = w.docks["sound"].widget()
    crash = w.fills.opening_crash
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=2000)
    w.fills.length.setEnabled(True)  # so the next stop after it is the crash box
    w.fills.length.setFocus()
    from PySide6.QtCore import Qt

    below = crash.mapTo(area.viewport(), crash.rect().topLeft()).y() + crash.height() > area.viewport().height()
    assert below  # out of sight before Tab
    qtbot.keyClick(w.fills.length, Qt.Key.Key_Tab)
    assert crash.hasFocus()
    top = crash.mapTo(area.viewport(), crash.rect().topLeft()).y()
    assert 0 <= top and top + crash.height() <= area.viewport().height()


def test_choosing_a_preset_says_it_was_loaded(make_panel):
    """Loading a preset from the Preset box left the line before on the status bar ("preset 'rocky' saved"
    right after choosing 'funky'), as if the choice had not been taken."""
    w = make_panel()
    test_panel.pick(w.genre_combo, 3)
    w.save_preset("funky")
    test_panel.pick(w.genre_combo, 9)
    w.save_preset("rocky")
    test_panel.pick(w.preset_combo, w.preset_combo.findText("funky"))
    assert w.controller.settings == w.controller.presets["funky"]
    assert w.last_message == "preset 'funky' loaded" and w.status_line.text() == w.last_message


def test_a_refusal_goes_once_the_value_is_put_right(make_panel, qtbot):
    """Fill bars "0" is refused on the status line; typing "8" was taken, but the refusal stayed for ten
    seconds, as if 8 had been refused too."""
    w = make_panel()
    w.fills.bars.setText("0")
    w.fills.bars.editingFinished.emit()
    assert "bars count from 1" in w.status_line.text() and w.controller.settings.fill_bars == ()
    w.fills.bars.setText("8")
    w.fills.bars.editingFinished.emit()
    assert w.controller.settings.fill_bars == (8,)
    assert "bars count from 1" not in w.status_line.text()


@pytest.mark.parametrize("settings", [{"fill_every": 2}, {"fill_every": 1, "fill_length": "bar"}])
def test_a_pickup_song_previews_its_fills_where_the_export_writes_them(tmp_path, settings):
    """A 4/4 song whose bar 1 holds only a pickup: the export counts phrases from bar 2 (Engine.drumify), the
    preview counted them from bar 1, so with fills on the roll showed fills and crashes a window off the
    drums Export then wrote."""
    from conftest import build_midi
    from stub_model import StubModel
    from test_panel_preview_export import assert_same, previews

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import PatternStore
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.panel.controller import PanelController
    from reagroove.reaper_ext.panel.store import PanelStore

    pickup = [(3.0, 40, 90, 0), (3.5, 42, 90, 0)]  # the last two 8ths of bar 1, into bar 2
    song = [(4 + bar * 4 + beat, 40 + 3 * (beat % 2), 100, 0) for bar in range(8) for beat in range(4)]
    path = build_midi(tmp_path / "pickup.mid", pickup + song)
    controller = PanelController(Engine(StubModel(), PatternStore()), PanelStore(tmp_path / "config"))
    shown, exported = previews(controller, path, Settings(**settings))
    assert_same(shown, exported, settings)


def test_opening_a_5_4_part_says_its_windows_are_one_bar_each(make_panel, make_midi):
    """Two bars of 5/4 are longer than a loop, so each window plays one bar (the roll says "bar 1"); the
    status line said "8 windows of 2 bars"."""
    notes = [(bar * 5 + beat, 40, 100 if beat == 0 else 70, 0) for bar in range(8) for beat in range(5)]
    w = make_panel()
    assert w.open_midi(make_midi(notes, time_signatures=((0, 5, 4),)))
    assert w.last_message.startswith("input: song.mid (8 windows of 1 bar)")
    assert "bar 1 (1 of 8)" in w.input_label.text()
    assert w.open_midi(FUNK_BASS) and w.last_message.startswith("input: funk_bass.mid (4 windows of 2 bars)")


def test_a_fill_every_loop_reads_as_english(make_panel, qtbot):
    """The Fills box said "every 1 loops"; it now counts bars (a loop is 2 bars)."""
    w = make_panel()
    w.fills.every.setValue(1)
    assert w.controller.settings.fill_every == 1 and w.fills.every.text() == "every 2 bars"
    w.fills.every.setValue(2)
    assert w.fills.every.text() == "every 4 bars"
    w.controller.settings = w.controller.settings.replace(fill_every=1)  # the docked panel's, or a preset's
    w.settings_changed()
    assert w.fills.every.text() == "every 2 bars"


def test_an_arrow_key_on_a_slider_moves_it_a_step_that_shows(make_panel, qtbot):
    """A slider with the keyboard focus moved 0.001 per arrow key: the readout (two decimals) stayed at 0.00
    and the drums did not change, as if the key did nothing; a thousand presses crossed the range."""
    from PySide6.QtCore import Qt

    w = make_panel()
    funk = w.genre_mixer.sliders["funk"]
    qtbot.keyClick(funk.slider, Qt.Key.Key_Right)
    assert funk.value() == 0.01 and w.controller.settings.genre == {"funk": 0.01}
    temperature = w.temperature_slider
    qtbot.keyClick(temperature.slider, Qt.Key.Key_Right)
    assert temperature.readout.text() != "0.00" and w.controller.settings.temperature == temperature.value() > 0


def test_a_one_window_part_says_one_window(make_panel, make_midi):
    """A short riff (one window) opened as "1 windows of 2 bars"."""
    w = make_panel()
    assert w.open_midi(make_midi([(0, 40, 90, 0), (1, 43, 90, 0), (2.5, 40, 90, 0)]))
    assert w.last_message == "input: song.mid (1 window of 2 bars)"


def test_opening_a_drum_part_says_so_once(make_panel, make_midi):
    """A drum part (channel 10) opened with "a drum part (MIDI channel 10): the drum-part model plays it" said
    twice on the one status line, the second time as a note."""
    hats = [(bar * 4 + k * 0.5, 42, 90, 9) for bar in range(4) for k in range(8)]
    kicks = [(bar * 4 + k, 36 if k % 2 == 0 else 38, 100, 9) for bar in range(4) for k in range(4)]
    w = make_panel()
    assert w.open_midi(make_midi(hats + kicks))
    assert w.controller.input.drum_part
    assert w.last_message.count("drum-part model plays it") == 1


def test_the_big_buttons_are_whole_once_reaper_connects(make_panel, qtbot):
    """Connected, Drumify's button says "Drumify selection": the row of big buttons was laid out for
    "Drumify file…" and kept three to a row, so it read "Drumi…ction" at the window's own size."""
    from test_panel import FakeReaper

    w = make_panel(bridge=FakeReaper(), check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == "reaper", timeout=5000)
    wait_for_settled_layout(qtbot, w)
    drumify = w.big_buttons.widgets[0]
    assert drumify.text() == "Drumify selection"
    assert drumify.width() >= drumify.sizeHint().width()
    assert test_panel_fit.cut_widgets(w) == []


@pytest.mark.parametrize("points", [11, 14])
def test_every_lane_is_named_in_a_larger_desktop_font(qtbot, points):
    """With the desktop's font at 11 pt the piano roll's "closed hat" lane had no name (pyqtgraph leaves out a
    label wider than the axis, which was 78 px whatever the font); at 14 pt the toms' had none either."""
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from reagroove.core.loop import VOICES
    from reagroove.reaper_ext.panel.pianoroll import PianoRoll, lane_label

    app = QApplication.instance()
    before = app.font()
    font = app.font()
    font.setPointSize(points)
    app.setFont(font)
    try:
        roll = PianoRoll()
        qtbot.addWidget(roll)
        roll.resize(800, 500)
        roll.show()
        qtbot.waitExposed(roll)
        pixmap = QPixmap(10, 10)
        painter = QPainter(pixmap)
        painter.setFont(font)
        drawn = [text for _rect, _flags, text in roll.getPlotItem().getAxis("left").generateDrawSpecs(painter)[2]]
        painter.end()
    finally:
        app.setFont(before)
    assert sorted(drawn) == sorted([lane_label(v) for v in VOICES] + ["input"])


def test_a_seed_past_2_31_is_shown_as_it_is(make_panel, qtbot):
    """Seeds run to 2**32 - 1 (--seed, settings.json, a preset): the Seed box (a 32-bit spin box) showed
    3000000000 as 2147483647, and one step up from there set a seed the producer never had."""
    from PySide6.QtCore import Qt

    w = make_panel()
    w.controller.settings = w.controller.settings.replace(seed=3_000_000_000)  # the CLI's, through settings.json
    w.settings_changed()
    assert w.seed_box.spin.text() == "3000000000"
    qtbot.keyClick(w.seed_box.spin, Qt.Key.Key_Up)
    assert w.controller.settings.seed == 3_000_000_001
    w.seed_box.spin.setValue(2**32 - 1)
    assert w.controller.settings.seed == 2**32 - 1 and w.seed_box.spin.text() == str(2**32 - 1)
    w.seed_box.spin.selectAll()
    qtbot.keyClicks(w.seed_box.spin, "1.5")  # whole numbers only, as before: no "1." shown
    assert w.seed_box.spin.text() == "15" and w.controller.settings.seed == 15


def test_quick_view_ended_after_a_restart_keeps_a_closed_section_closed(make_panel):
    """Live status closed, quick view on, the editor quit and started again: leaving quick view then opened
    Live status too (the layout quick view was to put back was not saved)."""
    w = make_panel()
    w.docks["live"].close()
    w.set_quick_view(True)
    w.shutdown()
    w = make_panel()
    assert w.quick_view_action.isChecked() and not w.docks["genre"].isVisible()
    w.set_quick_view(False)
    assert w.docks["genre"].isVisible() and w.docks["sound"].isVisible()
    assert not w.docks["live"].isVisible()


@pytest.mark.parametrize("args, named", [(["--port", "99999999"], "--port"), (["--port", "0"], "--port"),
                                         (["--timeout", "0"], "--timeout"), (["--timeout", "-1"], "--timeout")])
def test_a_port_or_timeout_reaper_cannot_use_is_refused_in_one_line(args, named, capsys):
    """`reagroove panel --port 99999999` (or a timeout of 0) opened the editor, which then said "REAPER is not
    answering on 127.0.0.1:99999999: start REAPER ..." for as long as it ran."""
    import argparse

    from reagroove.reaper_ext.panel.command import add_panel_command

    parser = argparse.ArgumentParser(prog="reagroove")
    add_panel_command(parser.add_subparsers(dest="command"))
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["panel", *args])  # before: parsed, and the editor opened on them
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert f"argument {named}:" in err[-1] and "Traceback" not in "\n".join(err)


def test_picking_mix_in_the_genre_box_brings_the_genre_mix_sliders_into_view(make_panel):
    """"Mix (see Genre mix)" chosen in the Genre box snapped back to the genre before, with no word: the mix is
    made with the Genre mix sliders, which now come into view, and the status line says so."""
    w = make_panel()
    test_panel.pick(w.genre_combo, 3)
    w.docks["genre"].hide()
    test_panel.pick(w.genre_combo, w.genre_combo.count() - 1)
    assert w.controller.settings.genre == {GENRES[2]: 1.0}  # unchanged: the mix is the sliders' to make
    assert not w.docks["genre"].isHidden() and "Genre mix sliders" in w.last_message
