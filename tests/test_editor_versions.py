"""Auditioning Variations' versions in the editor: the roll shows version k of the window as
Variations writes it (versions.py), version 1 is the plain preview; hand edits stay on the version they were made on;
Export drums says the engine's notes. Runs under pytest-qt, offscreen, with test_panel.py's stand-in model.
"""

import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402
from test_editor_hand_edits import click_cell, empty_cell, opened, redrawn  # noqa: E402

from reagroove.core.loop import VOICES  # noqa: E402
from reagroove.reaper_ext.panel import controller as controller_module  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
KICK = VOICES.index("kick")


def written_versions(w, tmp_path, monkeypatch) -> list[np.ndarray]:
    """What Variations writes for the window's file, as (W, 32, 27) per version (write_loops' loops)."""
    out = []
    monkeypatch.setattr(controller_module, "write_loops",
                        lambda path, loops, **kw: out.append(np.stack([lp.to_hvo() for lp in loops])))
    c = w.controller
    c.write_variations(tmp_path / "x.mid", c.variations, c.settings, c.input, c.edits)
    monkeypatch.undo()
    return out


def show(w, qtbot, version: int) -> None:
    if w.version_spin.value() != version:
        redrawn(w, qtbot, lambda: w.version_spin.setValue(version))


def to_window(w, qtbot, window: int) -> None:
    if w.window_spin.value() != window + 1:
        redrawn(w, qtbot, lambda: w.window_spin.setValue(window + 1))


def test_each_version_shown_is_the_version_variations_writes(make_panel, qtbot, tmp_path, monkeypatch):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    plain = w.roll.loop.copy()
    windows = [w.controller.input.window, len(w.controller.input.grooves) - 1]
    written = written_versions(w, tmp_path, monkeypatch)
    assert len(written) == 3
    for window in windows:
        to_window(w, qtbot, window)
        for k in (1, 2, 3):
            show(w, qtbot, k)
            np.testing.assert_array_equal(w.roll.loop, written[k - 1][window], err_msg=f"v{k} w{window}")
    assert not np.array_equal(written[0], written[1])  # the versions differ: showing one is not showing another
    to_window(w, qtbot, windows[0])
    show(w, qtbot, 1)
    np.testing.assert_array_equal(w.roll.loop, plain)  # version 1 is the preview of before


def test_hand_edits_stay_on_their_version_over_switching(make_panel, qtbot, tmp_path, monkeypatch):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(2)
    step = empty_cell(w.roll.loop, KICK)
    click_cell(w, step, KICK)
    assert w.roll.loop[step, KICK] == 1.0 and len(w.controller.edits) == 1
    edited = w.roll.loop.copy()
    written = written_versions(w, tmp_path, monkeypatch)
    np.testing.assert_array_equal(edited, written[0][w.controller.input.window])  # v1 written with them

    w.version_spin.setFocus()
    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier))
    assert w.version_spin.value() == 2
    assert "none of the hand edits are on it" in w.last_message, w.last_message
    assert "version 2 of 2" in w.input_label.text()  # the roll's heading says it, after the status line goes
    np.testing.assert_array_equal(w.roll.loop, written[1][w.controller.input.window])
    assert w.roll.edits_marked() == 0  # version 1's edit is not drawn on version 2
    click_cell(w, empty_cell(w.roll.loop, KICK), KICK)  # an edit of version 2's own
    assert len(w.controller.edits_on(2)) == 1 and len(w.controller.edits) == 1
    assert w.roll.edits_marked() == 1

    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier))
    assert w.version_spin.value() == 1
    np.testing.assert_array_equal(w.roll.loop, edited)  # the edit is still there
    assert "version" not in w.input_label.text()
    assert w.roll.edits_marked() == 1


def test_a_lower_count_brings_the_version_shown_within_it(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(4)
    show(w, qtbot, 4)
    redrawn(w, qtbot, lambda: w.variations_spin.setValue(2))
    assert w.version_spin.value() == 2 and w.version_spin.maximum() == 2
    redrawn(w, qtbot, w.undo_edit)  # the count back to 4: the version box follows, version 2 drawn among 4
    assert w.version_spin.maximum() == 4


def test_export_drums_says_the_engines_notes_once_each(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    w._edit(w.controller.update, fill_bars=(3, 99), fill_every=1)
    c = w.controller
    result = c.engine.drumify(c.input.content, c.settings)
    notes = list(dict.fromkeys(c.input.content.warnings + result.messages))
    assert notes, "the settings give the engine something to say"
    text = c.export_drums(tmp_path / "d.mid", c.settings, c.input)
    assert text.startswith(f"wrote {tmp_path / 'd.mid'}: {len(result.loops)} loops")
    from reagroove.reaper_ext.panel.note_words import in_panel_words

    for note in notes:  # (in the panels' words: "(add it to Fill bars, in the full editor, for one)")
        assert text.count(f"note: {in_panel_words(note)}") == 1, (note, text)


# ---------------------------------------------------------------- the preview's versions, without a window

@pytest.mark.parametrize("model, settings", [("stub", dict()), ("stub", dict(hold=True, seed=3)),
                                             ("stub", dict(fill_every=1)),
                                             ("stub", dict(pattern_a="rock", interpolate=0.0, follow=0.2)),
                                             ("shipped", dict())],
                         ids=["plain", "held take", "fills", "pattern A", "shipped model"])
def test_every_window_of_every_version_is_what_variations_writes(tmp_path, monkeypatch, model, settings):
    """VersionsOf (the preview's generate) on each window of a marked file equals write_variations' files, bit
    for bit (the shipped model's version 1 was written from variations_of's batch: a velocity's last bit off)."""
    from test_panel_preview_export import EXAMPLES, assert_same, with_markers

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.panel.controller import PanelController, input_from_midi
    from reagroove.reaper_ext.panel.store import PanelStore
    from reagroove.reaper_ext.panel.versions import VersionsOf

    path = with_markers(EXAMPLES / "funk_bass.mid", tmp_path / "marked.mid", [5])
    if model == "shipped":
        pytest.importorskip("torch")
        from reagroove.models.drummer import default_engine
        engine = default_engine(patterns_path=None)
    else:
        engine = test_panel.stub_engine()
    c = PanelController(engine, PanelStore(tmp_path / "config"), Settings(variations=3, **settings))
    c.input = source = input_from_midi(path)
    out = []
    monkeypatch.setattr(controller_module, "write_loops",
                        lambda p, loops, **kw: out.append(np.stack([lp.to_hvo() for lp in loops])))
    c.write_variations(tmp_path / "x.mid", 3, c.settings, source)
    generate = VersionsOf(c)
    for k in (1, 2, 3):
        shown = []
        for window in range(len(source.grooves)):
            source.window = window
            shown.append(generate(c.settings, source.groove, version=k, **source.model_inputs()))
        np.testing.assert_array_equal(np.stack(shown), out[k - 1], err_msg=f"version {k}")
    source.window = 0
    assert_same(generate(c.settings, source.groove, version=1, **source.model_inputs())[None],
                c.generate(c.settings, source.groove, **source.model_inputs())[None], "version 1 is the preview")
