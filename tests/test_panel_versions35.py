"""Auditioning Variations' versions in the editor (session 35): the roll shows version k of the window as
Variations writes it (versions.py), version 1 is the plain preview with the hand edits, the others take none;
Export drums says the engine's notes. Runs under pytest-qt, offscreen, with test_panel.py's stand-in model.
"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

import test_panel  # noqa: E402
from test_panel_edits35 import opened  # noqa: E402


make_panel = test_panel.make_panel  # its fixture, used here too


def test_export_drums_says_the_engines_notes_once_each(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    w._edit(w.controller.update, fill_bars=(3, 99), fill_every=1)
    c = w.controller
    result = c.engine.drumify(c.input.content, c.settings)
    notes = list(dict.fromkeys(c.input.content.warnings + result.messages))
    assert notes, "the settings give the engine something to say"
    text = c.export_drums(tmp_path / "d.mid", c.settings, c.input)
    assert text.startswith(f"wrote {tmp_path / 'd.mid'}: {len(result.loops)} loops")
    for note in notes:
        assert text.count(f"note: {note}") == 1, (note, text)
