"""The Qt panel's controls: each control changes the setting it names and only that, the controls show the
settings, the keyboard shortcuts, and the latent pad (its mapping, its corners, patterns A and B).

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_panel import FUNK_BASS, pick, settings_delta  # noqa: E402

from reagroove.reaper_ext.panel.controller import blend_to_pad, pad_to_blend  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures

# ---------------------------------------------------------------- every control sets its own field

CONTROLS = {
    "follow slider": (lambda w: w.follow_slider.slider.setValue(250), "follow"),
    "A↔B slider": (lambda w: w.interpolate_slider.slider.setValue(700), "interpolate"),
    "density slider": (lambda w: w.density_slider.slider.setValue(800), "density"),
    "density auto": (lambda w: w.density_auto.setChecked(False), "density"),
    "genre combo": (lambda w: pick(w.genre_combo, 3), "genre"),
    "genre slider": (lambda w: w.genre_mixer.sliders["jazz"].slider.setValue(600), "genre"),
    "voice toggle": (lambda w: w.voice_toggles.buttons["toms"].click(), "voice_groups"),
    "temperature": (lambda w: w.temperature_slider.slider.setValue(200), "temperature"),
    "humanize": (lambda w: w.humanize_slider.slider.setValue(300), "humanize"),
    "seed": (lambda w: w.seed_box.spin.setValue(42), "seed"),
    "dice": (lambda w: w.seed_box.dice.click(), "seed"),
    "custom thresholds": (lambda w: w.per_voice.custom.setChecked(True), "threshold"),
    "hit limits": (lambda w: w.per_voice.limit.setChecked(True), "max_hits"),
    "hold": (lambda w: w.hold_check.setChecked(True), "hold"),
    "pattern A": (lambda w: pick(w.pattern_combos["A"], 1), "pattern_a"),
    "pattern B": (lambda w: pick(w.pattern_combos["B"], 2), "pattern_b"),
}


@pytest.mark.parametrize("control", list(CONTROLS))
def test_each_control_changes_the_setting_it_names(make_panel, control):
    w = make_panel()
    move, field = CONTROLS[control]
    before = w.controller.settings
    move(w)
    assert settings_delta(before, w.controller.settings) == {field}


def test_per_voice_controls_change_one_voice(make_panel):
    w = make_panel()
    w.per_voice.custom.setChecked(True)
    w.per_voice.limit.setChecked(True)
    before = w.controller.settings
    w.per_voice.thresholds[1].slider.setValue(900)  # snare
    assert settings_delta(before, w.controller.settings) == {"threshold"}
    changed = [i for i, (x, y) in enumerate(zip(before.threshold, w.controller.settings.threshold)) if x != y]
    assert changed == [1] and w.controller.settings.threshold[1] == 0.9
    before = w.controller.settings
    w.per_voice.max_hits[0].setValue(5)  # kick
    assert settings_delta(before, w.controller.settings) == {"max_hits"}
    assert w.controller.settings.max_hits == (5,) + (32,) * 8


def test_variations_count_is_a_setting_both_panels_share(make_panel):
    w = make_panel()
    before = w.controller.settings
    w.variations_spin.setValue(9)
    assert w.controller.variations == 9 and settings_delta(before, w.controller.settings) == {"variations"}


def test_controls_show_the_settings(make_panel):
    w = make_panel()
    w.genre_mixer.sliders["funk"].slider.setValue(1000)
    assert w.genre_combo.currentText().startswith("Funk")
    w.genre_mixer.sliders["jazz"].slider.setValue(1000)
    assert w.genre_combo.currentText().startswith("Mix")
    assert w.genre_mixer.sliders["funk"].readout.text() == "50%"
    w.follow_slider.slider.setValue(400)
    assert w.pad.follow == 0.4


def test_keyboard_shortcuts(make_panel, qtbot):
    w = make_panel()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow())
    QTest.keyClick(w, Qt.Key.Key_BracketRight)
    assert w.controller.settings.density == 0.55  # from auto (the middle) up one step
    QTest.keyClick(w, Qt.Key.Key_3)
    assert w.controller.settings.genre == {"funk": 1.0}
    QTest.keyClick(w, Qt.Key.Key_0)
    assert w.controller.settings.genre == {}
    QTest.keyClick(w, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert w.controller.settings.follow == 0.95
    QTest.keyClick(w, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert w.controller.settings.interpolate == 0.05
    seed = w.controller.settings.seed
    QTest.keyClick(w, Qt.Key.Key_R)
    assert w.controller.settings.seed != seed
    # typing digits into the seed box types digits: the genre shortcuts stay out of its way
    w.seed_box.spin.setFocus()
    w.seed_box.spin.selectAll()
    QTest.keyClicks(w.seed_box.spin, "77")
    assert w.controller.settings.seed == 77 and w.controller.settings.genre == {}


# ---------------------------------------------------------------- the latent pad


def test_pad_mapping_round_trips_and_clamps():
    for t in np.linspace(0, 1, 11):
        for f in np.linspace(0, 0.95, 11):
            assert pad_to_blend(*blend_to_pad(t, f)) == pytest.approx((t, f), abs=1e-3)
    assert pad_to_blend(-1.0, 0.0) == (0.0, 0.0)  # left of A
    assert pad_to_blend(2.0, -1.0) == (1.0, 0.0)  # right of and below B
    assert pad_to_blend(0.0, 2.0, 0.3) == (0.3, 1.0)  # at G interpolate keeps its value


def test_pad_corners_give_the_extremes(make_panel, qtbot):
    w = make_panel()
    pad = w.pad

    def click(point):
        QTest.mouseClick(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point.toPoint())
        return w.controller.settings.interpolate, w.controller.settings.follow

    assert click(pad.vertex_pos("B")) == pytest.approx((1.0, 0.0), abs=0.01)
    assert click(pad.vertex_pos("A")) == pytest.approx((0.0, 0.0), abs=0.01)
    assert click(pad.vertex_pos("G"))[1] == pytest.approx(1.0, abs=0.01)
    assert click(QPoint(pad.width() - 1, pad.height() - 1).toPointF()) == (1.0, 0.0)  # outside: B's corner
    assert click(QPoint(1, pad.height() - 1).toPointF()) == (0.0, 0.0)
    assert click(QPoint(1, 1).toPointF())[1] == 1.0  # (QTest reads (0, 0) as "the centre")
    # dragging moves the point; the sliders follow the pad
    mid = pad.to_pixels(0.5, 0.5)
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pad.vertex_pos("A").toPoint())
    QTest.mouseMove(pad, mid.toPoint())
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, mid.toPoint())
    s = w.controller.settings
    assert s.follow == pytest.approx(0.5, abs=0.02) and s.interpolate == pytest.approx(0.5, abs=0.02)
    assert w.follow_slider.value() == pytest.approx(s.follow, abs=0.001)
    # arrow keys nudge it
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key.Key_Up)
    assert w.controller.settings.follow == pytest.approx(s.follow + 0.05, abs=1e-6)


def test_pad_shows_patterns_a_and_b(make_panel):
    w = make_panel()
    assert not w.pad.active
    pick(w.pattern_combos["A"], w.pattern_combos["A"].findText("rock"))
    pick(w.pattern_combos["B"], w.pattern_combos["B"].findText("funk"))
    assert w.pad.active and (w.pad.a_name, w.pad.b_name) == ("rock", "funk")
    assert np.array_equal(w.pad.a_groove, w.controller.engine.patterns.get("rock").groove)
    w.pattern_from_midi("A", FUNK_BASS)  # a MIDI file as pattern A
    assert w.controller.settings.pattern_a == "funk_bass" and w.pad.a_name == "funk_bass"
    assert w.pattern_combos["A"].currentText() == "funk_bass"
