"""The Qt panel's Swing box (Settings.swing, core/swing_asked.py): a swing picked there is the preview's, saved in the
settings the docked panel shares, and a swing saved elsewhere (`--swing 61 --save-settings`) is shown as it is."""

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_swing_asked import EXAMPLES, off_beats  # noqa: E402

from reagroove.core.settings import Settings  # noqa: E402
from reagroove.reaper_ext.panel.store import SharedSettings  # noqa: E402

make_panel = panel_helpers.make_panel


def test_the_swing_box_swings_the_preview_and_is_saved_and_shown(make_panel, qtbot, tmp_path):
    config = tmp_path / "shared"
    w = make_panel(config_dir=config)
    assert w.swing_combo.currentIndex() == 0 and w.controller.settings.swing is None  # the part's own
    assert w.open_midi(EXAMPLES / "funk_bass.mid")
    docked = SharedSettings(config / "settings.json")  # the docked panel's side (reaper_ext/dock)
    w.swing_combo.setCurrentIndex(w.swing_combo.findData(66.0))
    assert w.controller.settings.swing == 66.0
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id)
    swung = off_beats(w.roll.loop[None])
    assert len(swung) and np.abs(swung - 0.66).max() < 0.05, swung
    qtbot.waitUntil(lambda: docked.poll() is not None, timeout=1000)
    assert Settings.load(docked.path).swing == 66.0
    docked.write(w.controller.settings.replace(swing=61))  # a swing between the box's choices
    qtbot.waitUntil(lambda: w.controller.settings.swing == 61.0, timeout=1000)
    assert w.swing_combo.currentText() == "61%"
    w.swing_combo.setCurrentIndex(0)
    assert w.controller.settings.swing is None


def test_the_swing_note_names_the_panels_setting_not_the_command_line_option():
    from reagroove.core.swing_asked import asked_note
    from reagroove.reaper_ext.panel.note_words import in_panel_words

    said = in_panel_words(asked_note(None, 66, None))
    assert said == "the part plays straight: the drums swing at 66%, as the Swing setting asks"


def test_a_swing_changed_is_said_as_the_box_shows_it():
    from reagroove.reaper_ext.panel.live_notes import changed_text
    from reagroove.reaper_ext.panel.undo_names import step_text

    assert changed_text(Settings(), Settings(swing=66)) == "swing 66%"
    assert step_text(Settings(swing=62), Settings()) == "swing 62% → part's own"
