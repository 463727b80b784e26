"""Where the export went stays in view (reaper_ext/panel/written.py): the status line's "wrote FILE" was replaced at
once by the next drums' notes (the swing note of a shuffle, the settings moved on meanwhile) and went after 10 s
anyway, so the producer never saw where the file went. The status bar's corner keeps it until the next export."""

import os

import panel_helpers  # noqa: F401  (Qt offscreen; skips the file without PySide6, pyqtgraph or pytest-qt)

from test_panel import FUNK_BASS, pick  # noqa: E402

from PySide6.QtWidgets import QLabel  # noqa: E402

make_panel = panel_helpers.make_panel
SHUFFLE = FUNK_BASS.with_name("shuffle_blues.mid")


def in_view(w) -> list[str]:
    """What the status bar's visible labels draw (a label that cuts its text: what is left of it)."""
    return [getattr(label, "shown_text", label.text)() for label in w.statusBar().findChildren(QLabel)
            if label.isVisible()]


def previewed(w, qtbot) -> tuple:
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id and w._shown_request == w._request_id, timeout=10000)
    return w._preview_notes


def test_the_exported_file_stays_in_view_after_the_next_drums_notes_and_the_lines_10_s(make_panel, qtbot,
                                                                                         tmp_path):
    w = make_panel()
    w.resize(1000, 700)
    assert w.open_midi(SHUFFLE)
    notes = previewed(w, qtbot)
    assert any("the part swings" in note for note in notes)
    out = tmp_path / "shuffle_drums.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: w.status_line.text().startswith("wrote"), timeout=10000)
    assert out.exists() and any("shuffle_drums.mid" in text for text in in_view(w))
    pick(w.pattern_combos["A"], w.pattern_combos["A"].findText("funk"))  # the producer moves on: new notes
    w.follow_slider.changed.emit(0.4)
    qtbot.waitUntil(lambda: previewed(w, qtbot) != notes, timeout=10000)
    assert "shuffle_drums.mid" not in w.status_line.text()  # the line says the new drums' notes
    assert any("shuffle_drums.mid" in text for text in in_view(w))  # the file is still said
    w._status_clear.timeout.emit()  # the line's 10 s are up
    assert any("shuffle_drums.mid" in text for text in in_view(w))
    w.resize(420, 700)  # docked beside REAPER: the name is kept, the folder cut in its middle
    qtbot.waitUntil(lambda: w.width() <= 460, timeout=5000)
    w.say("a message as long as the panel's longest, to take its room from the corner " * 2)
    qtbot.wait(50)
    assert any(text.startswith("wrote") and text.endswith("shuffle_drums.mid") for text in in_view(w))
    assert w.written_line.width() <= w.statusBar().width() // 2 + 1  # the status line keeps the rest
    assert str(out) in w.written_line.toolTip()  # the whole path
    w.grab().save(str(tmp_path / "panel_after_export.png"))
    if os.environ.get("REAGROOVE_SHOT_DIR"):
        w.grab().save(os.path.join(os.environ["REAGROOVE_SHOT_DIR"], "panel_after_export.png"))


def test_variations_say_their_files_and_the_next_export_replaces_them(make_panel, qtbot, tmp_path):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    previewed(w, qtbot)
    assert not any("wrote" in text for text in in_view(w) if text != w.status_line.shown_text())  # nothing yet
    w.variations_spin.setValue(3)
    w.write_variations(tmp_path / "vars.mid")
    qtbot.waitUntil(lambda: "wrote 3 variations" in w.last_message, timeout=10000)
    assert w.written_line.text().startswith("wrote") and w.written_line.text().endswith("vars_v1.mid .. vars_v3.mid")
    w.export_drums(tmp_path / "funk_drums.mid")
    qtbot.waitUntil(lambda: "funk_drums.mid" in w.last_message, timeout=10000)
    assert w.written_line.text().endswith("funk_drums.mid") and "vars" not in w.written_line.text()
