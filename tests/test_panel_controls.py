"""The Qt panel's fills, its hints for settings that silence or steer nothing, and what standalone hides.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402
from test_panel import pick, settings_delta  # noqa: E402

from reagroove.core.settings import Settings  # noqa: E402
from reagroove.reaper_ext.panel.controller import blend_to_pad  # noqa: E402
from reagroove.reaper_ext.panel.note_words import in_panel_words  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def type_into(line_edit, text):
    """Type into a line edit as a user does: select what is there, type, Enter."""
    line_edit.setFocus()
    line_edit.selectAll()
    QTest.keyClicks(line_edit, text)
    QTest.keyClick(line_edit, Qt.Key.Key_Return)


def test_the_editor_sets_fills_as_the_dock_and_the_cli_do(make_panel):
    w = make_panel()
    fills = w.fills
    assert fills.every.text() == "off" and not fills.length.isEnabled()  # no fills: their length acts on nothing
    # core's reason in the panel's words: its controls named, not --fill-every or --fill-bars
    assert fills.length.toolTip() == in_panel_words(Settings().inactive()["fill_length"])
    before = w.controller.settings
    fills.every.setValue(4)
    assert settings_delta(before, w.controller.settings) == {"fill_every"} and w.controller.settings.fill_every == 4
    assert fills.length.isEnabled() and "how much" in fills.length.toolTip()
    before = w.controller.settings
    pick(fills.length, fills.length.findData("bar"))
    assert settings_delta(before, w.controller.settings) == {"fill_length"} and w.controller.settings.fill_length == "bar"
    before = w.controller.settings
    type_into(fills.bars, "16 8, 24")
    assert settings_delta(before, w.controller.settings) == {"fill_bars"}
    assert w.controller.settings.fill_bars == (8, 16, 24) and fills.bars.text() == "8, 16, 24"
    type_into(fills.bars, "8, x")  # not bar numbers: one line says so, nothing changes
    assert w.controller.settings.fill_bars == (8, 16, 24) and fills.bars.text() == "8, 16, 24"
    assert "bar numbers" in w.last_message
    type_into(fills.bars, "0")  # bars count from 1, said in the field's words
    assert w.controller.settings.fill_bars == (8, 16, 24) and "fill bars '0': bars count from 1" in w.last_message
    # a change made in the docked panel (or a preset) shows in the editor's controls
    w.controller.settings = Settings(fill_every=2, fill_length="beat")
    w.settings_changed()
    assert fills.every.value() == 2 and fills.length.currentData() == "beat" and fills.bars.text() == ""


def test_the_editor_turns_the_opening_crash_off_as_the_cli_does(make_panel):
    w = make_panel()
    box = w.fills.opening_crash
    assert box.isChecked() and box.isEnabled()
    before = w.controller.settings
    box.setChecked(False)
    assert settings_delta(before, w.controller.settings) == {"opening_crash"} and not w.controller.settings.opening_crash
    w.voice_toggles.buttons["cymbals"].setChecked(False)  # no cymbals: no crash can play, so the box says why
    assert not box.isEnabled() and box.toolTip() == w.controller.settings.inactive()["opening_crash"]
    w.controller.settings = Settings()  # a preset or the docked panel: the box follows
    w.settings_changed()
    assert box.isChecked() and box.isEnabled()


def test_muting_every_voice_group_says_the_drums_are_silent(make_panel):
    w = make_panel()
    assert not w.voice_hint.isVisible()
    groups = list(w.voice_toggles.buttons)
    for group in groups:
        w.voice_toggles.buttons[group].click()
    why = w.controller.settings.inactive()["voice_groups"]
    assert w.voice_hint.isVisible() and w.voice_hint.text() == why  # core's words, as every other hint
    assert all(b.isEnabled() for b in w.voice_toggles.buttons.values())  # still there to unmute
    w.voice_toggles.buttons["kick"].click()
    assert not w.voice_hint.isVisible() and w.controller.settings.voice_groups["kick"]


def test_with_pattern_b_alone_the_pad_shows_what_the_drums_play(make_panel, qtbot):
    engine = test_panel.stub_engine()
    w = make_panel(engine)
    assert w.open_midi(test_panel.FUNK_BASS)
    pick(w.pattern_combos["B"], w.pattern_combos["B"].findText("funk"))  # B only, no A
    s = w.controller.settings
    assert (s.pattern_a, s.pattern_b, s.follow) == (None, "funk", 0.5)
    # the engine plays B at both ends (Engine.target): the same drums as with A = B = funk
    groove = w.controller.input.groove
    both = s.replace(pattern_a="funk")
    assert (engine.generate(groove[None], s) == engine.generate(groove[None], both)).all()
    assert (engine.generate(groove[None], s) != engine.generate(groove[None], s.replace(pattern_b=None))).any()
    # and the pad says so: it steers (not "pick a pattern"), both corners are funk, the point is where follow is
    funk = engine.patterns.get("funk").groove
    assert w.pad.active and "pad" not in w.controller.settings.inactive()
    assert w.pad.corner_labels()["A"][1] == "A · same as B" and w.pad.corner_labels()["B"][1] == "B · Funk"
    assert all(g is not None and (g == funk).all() for g in w.pad.corner_grooves())
    assert w.pad.point_pos() == w.pad.to_pixels(*blend_to_pad(s.interpolate, s.follow))
    assert "drag" in w.pad.toolTip() and "B: Funk" in w.pad.toolTip()


def test_standalone_hides_what_only_works_inside_reaper(make_panel, qtbot):
    hint = lambda w: w.roll.hint.textItem.toPlainText() if w.roll.hint.isVisible() else ""  # noqa: E731
    w = make_panel()  # standalone: no REAPER link at all
    assert "Ctrl+O" in hint(w) and "Ctrl+I" not in hint(w) and "REAPER" not in hint(w)
    assert not w.window_spin.isVisible()  # no input: no window to choose
    assert not w.selection_action.isVisible() and not any(b.isVisible() for b in w.pattern_from_reaper.values())
    assert w.open_midi(test_panel.FUNK_BASS)  # a file's windows are chosen standalone too
    assert w.window_spin.isVisible() and w.window_spin.maximum() == len(w.controller.input.grooves) > 1
    fake = test_panel.FakeReaper()
    fake.down = True
    away = make_panel(bridge=fake, check_every=0.05)  # REAPER may come: its parts are there, greyed out
    assert "Ctrl+I" not in hint(away) and not away.window_spin.isVisible()
    assert away.selection_action.isVisible() and not away.selection_action.isEnabled()
    assert all(b.isVisible() and not b.isEnabled() for b in away.pattern_from_reaper.values())
    fake.down = False  # REAPER answers: its selection is read as the input
    qtbot.waitUntil(lambda: away.controller.input is not None, timeout=3000)
    assert away.selection_action.isEnabled() and all(b.isEnabled() for b in away.pattern_from_reaper.values())
