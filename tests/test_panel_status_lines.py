"""What the editor's status line and labels say as a producer goes through a first session (open, export, change
settings, undo, edit on the roll), found by driving it offscreen at 1280 x 720; one defect each.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel import FUNK_BASS  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture


def drawn(w) -> bool:
    return w.roll.tag == w._request_id


def test_a_note_on_new_drums_is_not_added_to_the_last_exports_line(make_panel, qtbot, tmp_path):
    """Export, then fills every 4 bars: the line read "wrote funk_bass_drums.mid: 4 loops; note: bar 8 ends the song:
    no fill there ...", as if the file written had that note, when it had been written without fills."""
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    qtbot.waitUntil(lambda: drawn(w), timeout=5000)
    out = tmp_path / "drums.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: w.status_line.text().startswith("wrote"), timeout=10000)
    w.fills.every.setValue(2)  # every 4 bars
    qtbot.waitUntil(lambda: drawn(w) and bool(w._preview_notes), timeout=5000)
    notes = w._preview_notes
    said = w.status_line.text()
    assert "wrote" not in said, said  # the export's line is not the new drums'
    from reagroove.reaper_ext.panel.note_words import in_panel_words

    assert all(in_panel_words(n) in said for n in notes), said  # the notes are said (in the panels' words)


def test_undo_names_the_setting_as_its_control_and_the_edit_menu_do(make_panel):
    """The Edit menu offered "Undo A ↔ B 0 → 0.5" and Ctrl+Z then said "undone: interpolate" (and "pattern a",
    "fill every"): names found on no control. The line names what the control is called."""
    from reagroove.reaper_ext.panel.undo_names import next_step_text

    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    changes = {
        "pattern A": lambda: w.pattern_combos["A"].setCurrentIndex(1),
        "A ↔ B": lambda: w.interpolate_slider.slider.setValue(w.interpolate_slider.slider.maximum() // 2),
        "fills": lambda: w.fills.every.setValue(2),
    }
    for name, change in changes.items():
        change()
        assert next_step_text(w.controller).startswith(f"{name} "), next_step_text(w.controller)
        w.undo_edit()
        assert w.last_message == f"undone: {name}", w.last_message


def test_a_key_on_an_empty_cell_names_the_cell_once(make_panel, qtbot):
    """+, Delete and Shift+arrow on an empty cell said "no hit at kick at bar 1, beat 2 to make louder or softer",
    "no hit to remove at kick at bar 1, beat 2": the cell's name ("kick at bar 1, beat 2") put after "hit at"."""
    from PySide6.QtCore import Qt

    from test_panel_hand_keys import SHIFT, cursor_to, empty_and_hit, key, on_roll, opened

    w = opened(make_panel, qtbot)
    on_roll(w, qtbot)
    (step, voice), _hit = empty_and_hit(w.roll.loop)
    cursor_to(w, step, voice)
    place = w.roll.place(step, voice)  # "kick at bar 1, beat 2"
    plain = Qt.KeyboardModifier.NoModifier
    for k, mods in ((Qt.Key.Key_Plus, plain), (Qt.Key.Key_Delete, plain), (Qt.Key.Key_Right, SHIFT)):
        key(w, k, mods)
        said = w.last_message
        assert said.startswith(f"no {place} to "), said
        assert said.count(" at ") == 1, said


def test_the_pads_readout_names_its_values_as_the_sliders_do(make_panel, monkeypatch):
    """The pad's corner read "interpolate 0.49 / follow 0.44" beside the quick controls' "A ↔ B 0.49" and
    "Follow 0.44": one value under two names, "interpolate" on no control a producer can find."""
    from PySide6.QtGui import QPainter

    from reagroove.reaper_ext.panel import pad as pad_module

    drawn_text = []

    class RecordingPainter(QPainter):
        def drawText(self, *args):
            drawn_text.append(str(args[-1]))
            return super().drawText(*args)

    monkeypatch.setattr(pad_module, "QPainter", RecordingPainter)
    w = make_panel()
    w.pattern_combos["A"].setCurrentIndex(1)
    w.pattern_combos["B"].setCurrentIndex(2)
    w.pad.grab()
    readout = next(t for t in drawn_text if "\n" in t and "0." in t)  # the corner's two lines of values
    for slider in (w.interpolate_slider, w.follow_slider):
        name, value = slider.label.text(), slider.readout.text()
        assert any(line.lower() == f"{name} {value}".lower() for line in readout.splitlines()), (readout, name)
    assert "interpolate" not in " ".join(drawn_text)
