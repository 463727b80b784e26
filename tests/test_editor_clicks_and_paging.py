"""The editor as a producer uses it: what a click on a hit of the piano roll says, fill bars past the part's end,
paging through a long part (drummed once; Ctrl+Page keys), a pattern read again, one variation said as one.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402
from conftest import build_midi  # noqa: E402

from reagroove.core.loop import N_VOICES, VOICES  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def opened(make_panel, qtbot, path=test_panel.FUNK_BASS):
    w = make_panel()
    w.resize(1200, 800)
    assert w.open_midi(path)
    qtbot.waitUntil(lambda: w.roll.drum_hit_count() > 0, timeout=5000)
    return w


def click_roll(w, x: float, y: float) -> None:
    """A left click on the piano roll at plot point (x steps, y lanes)."""
    roll = w.roll
    at = roll.mapFromScene(roll.getPlotItem().vb.mapViewToScene(QPointF(x, y)))
    QTest.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=at)


# ---------------------------------------------------------------- a click on the piano roll


def test_a_click_on_a_hit_says_which_hit_it_is(make_panel, qtbot):
    """Clicking a hit (which removes it: a hand edit) names it as a drummer reads it: the voice, where in the
    bar, its MIDI velocity."""
    w = opened(make_panel, qtbot)
    loop = w.roll.loop
    lane, steps = next((v, np.nonzero(loop[:, v] > 0)[0]) for v in range(N_VOICES) if loop[:, v].any())
    step = int(steps[-1])
    x = step + loop[step, 2 * N_VOICES + lane] + 0.3
    click_roll(w, x, lane + 0.3)
    velocity = max(1, min(127, round(float(loop[step, N_VOICES + lane]) * 127)))
    bar, beat = 1 + step // 16, 1 + (step % 16) // 4
    said = w.last_message
    where = f"beat {beat}" if step % 4 == 0 else f"the '{['e', 'and', 'a'][step % 4 - 1]}' of {beat}"  # as counted
    assert said.startswith(f"removed: {VOICES[lane].replace('_', ' ')} at bar {bar}, {where}"), said
    assert f"velocity {velocity}" in said, said


# ---------------------------------------------------------------- fill bars past the part's end


def type_into(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_fill_bars_past_the_parts_end_are_said(make_panel, qtbot, tmp_path):
    """Fill bars typed past the part's last bar were taken without a word: the producer waited for a fill at
    bar 12 of an 8-bar part (or at bar 9 of eight bars of 3/4) that no export has."""
    w = opened(make_panel, qtbot)  # funk_bass.mid: 8 bars of 4/4
    type_into(w.fills.bars, "8, 12")
    assert w.controller.settings.fill_bars == (8, 12)  # taken: the part may be changed for a longer one
    assert "fill bar 12 past the part's last bar (8)" in w.last_message, w.last_message
    type_into(w.fills.bars, "4 8")  # within the part: the line no longer says any bar is past it
    assert w.controller.settings.fill_bars == (4, 8)
    assert "past" not in w.last_message, w.last_message

    notes = [(b * 3 + k, 40, 100, 0) for b in range(8) for k in range(3)]
    waltz = build_midi(tmp_path / "waltz.mid", notes, time_signatures=((0, 3, 4),))
    type_into(w.fills.bars, "8, 9")
    assert w.open_midi(waltz)  # fill bars kept from the last song: said on opening this one
    assert w.last_message.startswith("input: waltz.mid") and "fill bar 9 past the part's last bar (8)" in w.last_message, \
        w.last_message


def test_a_refused_fill_bar_is_still_said_as_refused(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    type_into(w.fills.bars, "30")
    type_into(w.fills.bars, "0")
    assert "bars count from 1" in w.last_message, w.last_message
    assert w.controller.settings.fill_bars == (30,)


# ---------------------------------------------------------------- paging through a long part


def counting(engine):
    """The engine, its drumify_grooves calls counted (each drums a whole part)."""
    engine.calls = 0
    drum = engine.drumify_grooves

    def counted(*args, **kwargs):
        engine.calls += 1
        return drum(*args, **kwargs)

    engine.drumify_grooves = counted
    return engine


def test_paging_through_a_long_part_drums_it_once(make_panel, qtbot, tmp_path):
    """Each window picked drummed the whole part again (a second or more a window on 200 bars with the shipped
    model), though the settings and the part were those the last window was drummed under."""
    notes = [(b * 4 + k * 0.5, 40 + (k + b) % 7, 90, 0) for b in range(40) for k in range(8)]
    part = build_midi(tmp_path / "long.mid", notes)
    engine = counting(test_panel.stub_engine())
    w = make_panel(engine=engine)
    assert w.open_midi(part)
    source = w.controller.input
    qtbot.waitUntil(lambda: w._shown_request == w._request_id, timeout=5000)
    first = engine.calls
    fresh = counting(test_panel.stub_engine())  # the export's drums, to compare each window's preview with
    panel_only = ("part", "window", "inside", "whole_items", "section_names", "time_signatures")
    exported = fresh.drumify_grooves(source.grooves, w.controller.settings, **{
        k: v for k, v in source.model_inputs().items() if k not in panel_only}).loops
    for window in (2, 7, 20, 1):
        w.window_spin.setValue(window)
        qtbot.waitUntil(lambda: w._shown_request == w._request_id, timeout=5000)
        np.testing.assert_array_equal(w.roll.loop[:, :N_VOICES] > 0, exported[window - 1][:, :N_VOICES] > 0)
    assert engine.calls == first  # every window read from the one drumming

    w.nudge("density", 0.05)  # new settings: the part is drummed again
    qtbot.waitUntil(lambda: w._shown_request == w._request_id, timeout=5000)
    assert engine.calls == first + 1


def test_a_pattern_read_again_is_drummed_again(make_panel, qtbot, tmp_path):
    """The same settings, but pattern A read again from its changed file: the part is drummed anew."""
    w = opened(make_panel, qtbot)
    beat = tmp_path / "beat.mid"
    build_midi(beat, [(k * 0.5, 42, 90, 9) for k in range(16)])
    w.pattern_from_midi("A", beat)
    w._edit(w.controller.update, follow=0.0)
    qtbot.waitUntil(lambda: w._shown_request == w._request_id, timeout=5000)
    before = w.roll.loop.copy()
    build_midi(beat, [(k * 1.0, 36, 120, 9) for k in range(8)])  # the file changed: kicks on the beats
    w.pattern_from_midi("A", beat)  # same name, same settings
    assert w.controller.settings.pattern_a == "beat"
    qtbot.waitUntil(lambda: w._shown_request == w._request_id, timeout=5000)
    assert not np.array_equal(w.roll.loop, before)


# ---------------------------------------------------------------- one variation


def test_one_variation_is_said_as_one(make_panel, qtbot, tmp_path):
    """"wrote 1 variations: part_v1.mid .. part_v1.mid" was said of the one file written."""
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(1)
    w.write_variations(tmp_path / "part.mid")
    qtbot.waitUntil(lambda: w.last_message.startswith("wrote"), timeout=10000)
    assert w.last_message == "wrote 1 variation: part_v1.mid", w.last_message
    assert (tmp_path / "part_v1.mid").is_file() and not (tmp_path / "part_v2.mid").exists()


# ---------------------------------------------------------------- the keyboard on a long part


def test_ctrl_page_keys_page_through_the_parts_bars(make_panel, qtbot, tmp_path):
    """Keyboard only, the window box was the one way to other bars (a Tab stop among forty); Ctrl+PgDn/PgUp
    page the piano roll through the part wherever the focus is, a slider's page keys stay its own."""
    notes = [(b * 4 + k * 0.5, 40 + (k + b) % 7, 90, 0) for b in range(200) for k in range(8)]
    w = make_panel()
    assert w.open_midi(build_midi(tmp_path / "long.mid", notes))
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)  # window shortcuts go to the active window
    slider = w.temperature_slider.slider  # a slider: its own page keys (PgUp/PgDn) are not these
    slider.setFocus()
    for _ in range(3):
        QTest.keyClick(slider, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.controller.input.window == 3 and w.window_spin.value() == 4
    assert "bars 7-8 (4 of 100)" in w.input_label.text(), w.input_label.text()
    QTest.keyClick(slider, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert w.window_spin.value() == 3
    w.window_spin.setValue(100)
    QTest.keyClick(slider, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.window_spin.value() == 100 and "last bars" in w.last_message, w.last_message
    slider.setValue(slider.maximum() // 2)
    value = slider.value()
    QTest.keyClick(slider, Qt.Key.Key_PageDown)  # no Ctrl: the slider's own page step
    assert slider.value() != value and w.window_spin.value() == 100
