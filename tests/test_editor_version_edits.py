"""The full editor as a producer uses it: auditioning Variations' versions, hand edits on each
version, one preview per settings change. Runs under pytest-qt, offscreen, with test_panel.py's stand-in model.
"""

import os

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

import test_panel  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_editor_hand_edits import click_cell, empty_cell, opened, redrawn  # noqa: E402

from reagroove.core.loop import VOICES  # noqa: E402

from reagroove.reaper_ext.panel import controller as controller_module  # noqa: E402

make_panel = test_panel.make_panel  # its fixture, used here too
KICK = VOICES.index("kick")


def written_versions(w, tmp_path, monkeypatch, edits=None) -> list[np.ndarray]:
    """What Variations writes for the window's file, as (W, 32, 27) per version."""
    out = []
    monkeypatch.setattr(controller_module, "write_loops",
                        lambda path, loops, **kw: out.append(np.stack([lp.to_hvo() for lp in loops])))
    c = w.controller
    c.write_variations(tmp_path / "x.mid", c.variations, c.settings, c.input, edits)
    monkeypatch.undo()
    return out


def counted(w, monkeypatch) -> dict:
    """How often the preview is asked for, and the engine runs, from now on."""
    counts = {"requests": 0, "drumify_grooves": 0, "variations_of": 0}
    real_request = w.preview.request

    def request(*args, **kwargs):
        counts["requests"] += 1
        return real_request(*args, **kwargs)

    monkeypatch.setattr(w.preview, "request", request)
    engine = w.controller.engine
    for name in ("drumify_grooves", "variations_of"):
        real = getattr(engine, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            counts[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(engine, name, spy)
    return counts


# ---------------------------------------------------------------- one preview per settings change


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_settings_change_computes_the_version_shown_once(make_panel, qtbot, tmp_path, monkeypatch, version):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    if version != 1:
        redrawn(w, qtbot, lambda: w.version_spin.setValue(version))
    counts = counted(w, monkeypatch)
    redrawn(w, qtbot, lambda: w.density_slider.slider.setValue(900))
    qtbot.wait(200)  # a second request, if any, is served meanwhile
    assert counts["requests"] == 1, counts
    assert counts["drumify_grooves"] == 1 and counts["variations_of"] == (version > 1), counts
    monkeypatch.undo()
    # what is shown is still the version Variations writes, under the new density
    written = written_versions(w, tmp_path, monkeypatch)
    np.testing.assert_array_equal(w.roll.loop, written[version - 1][w.controller.input.window])


def test_a_new_count_redraws_the_version_shown_once(make_panel, qtbot, tmp_path, monkeypatch):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    redrawn(w, qtbot, lambda: w.version_spin.setValue(2))
    counts = counted(w, monkeypatch)
    redrawn(w, qtbot, lambda: w.variations_spin.setValue(4))  # version 2 is drawn among 4 now
    assert counts["requests"] == 1, counts
    redrawn(w, qtbot, w.undo_edit)  # the count back to 3: one request, not two
    assert counts["requests"] == 2, counts
    monkeypatch.undo()
    written = written_versions(w, tmp_path, monkeypatch)
    assert len(written) == 3
    np.testing.assert_array_equal(w.roll.loop, written[1][w.controller.input.window])


# ---------------------------------------------------------------- hand edits on each version


def show(w, qtbot, version: int) -> None:
    if w.version_spin.value() != version:
        redrawn(w, qtbot, lambda: w.version_spin.setValue(version))


def test_a_hand_edit_belongs_to_the_version_it_was_made_on(make_panel, qtbot, tmp_path, monkeypatch):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    window = w.controller.input.window
    show(w, qtbot, 2)
    step = empty_cell(w.roll.loop, KICK)
    click_cell(w, step, KICK)  # an edit on version 2: taken, not refused
    assert w.roll.loop[step, KICK] == 1.0, w.last_message
    assert "on version 2" in w.last_message and "added" in w.last_message, w.last_message
    assert w.roll.edits_marked() == 1
    edited_v2 = w.roll.loop.copy()

    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier))
    assert w.version_spin.value() == 1
    written = written_versions(w, tmp_path, monkeypatch, edits={})
    np.testing.assert_array_equal(w.roll.loop, written[0][window])  # version 1 as the engine makes it
    assert w.roll.edits_marked() == 0
    assert "none of the hand edits" in w.last_message and "1 hand edit on version 2" in w.last_message, w.last_message

    show(w, qtbot, 3)  # not applied to another version either
    np.testing.assert_array_equal(w.roll.loop, written[2][window])
    show(w, qtbot, 2)  # and there again on its own
    np.testing.assert_array_equal(w.roll.loop, edited_v2)
    assert w.roll.edits_marked() == 1 and "with its 1 hand edit" in w.last_message, w.last_message

    redrawn(w, qtbot, lambda: w.density_slider.slider.setValue(900))  # a setting changed: still on top
    assert w.roll.loop[step, KICK] == 1.0 and "1 hand edit kept on version 2" in w.last_message, w.last_message


def test_variations_write_each_versions_own_hand_edits(make_panel, qtbot, tmp_path, monkeypatch):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    window = w.controller.input.window
    click_cell(w, empty_cell(w.roll.loop, KICK), KICK)  # one on version 1
    shown = {1: w.roll.loop.copy()}
    for k in (3,):
        show(w, qtbot, k)
        click_cell(w, empty_cell(w.roll.loop, KICK), KICK)
        shown[k] = w.roll.loop.copy()
    show(w, qtbot, 2)
    shown[2] = w.roll.loop.copy()  # none on version 2
    out = []
    monkeypatch.setattr(controller_module, "write_loops",
                        lambda path, loops, **kw: out.append(np.stack([lp.to_hvo() for lp in loops])))
    w.write_variations(tmp_path / "v.mid")
    qtbot.waitUntil(lambda: len(out) == 3 and "wrote 3 variations" in w.last_message, timeout=10000)
    for k in (1, 2, 3):
        np.testing.assert_array_equal(out[k - 1][window], shown[k], err_msg=f"version {k}")
    assert "hand edits on v1, v3" in w.last_message, w.last_message


def test_undo_takes_back_the_edit_of_its_own_version(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(2)
    plain = w.roll.loop.copy()
    show(w, qtbot, 2)
    generated = w.roll.loop.copy()
    step = empty_cell(generated, KICK)
    click_cell(w, step, KICK)
    show(w, qtbot, 1)
    redrawn(w, qtbot, w.undo_edit)  # the edit on version 2, from version 1: said where it was
    assert "on version 2" in w.last_message and "not the one shown" in w.last_message, w.last_message
    np.testing.assert_array_equal(w.roll.loop, plain)
    assert len(w.controller.all_edits()) == 0
    show(w, qtbot, 2)
    np.testing.assert_array_equal(w.roll.loop, generated)
    redrawn(w, qtbot, lambda: w.undo_edit(redo=True))
    assert w.roll.loop[step, KICK] == 1.0 and w.roll.edits_marked() == 1


def test_export_with_another_version_shown_says_version_1_is_written(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(2)
    show(w, qtbot, 2)
    out = tmp_path / "d.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: out.exists() and "wrote" in w.last_message, timeout=10000)
    assert "version 1 written" in w.last_message and "version 2 is shown" in w.last_message, w.last_message


def test_variations_into_reaper_put_each_versions_hand_edits_on_it(tmp_path):
    """The engine the editor gives REAPER's Variations (selection shown): version k with version k's edits."""
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.panel.controller import PanelController, input_from_midi
    from reagroove.reaper_ext.panel.edits import EditedEngine, HandEdits
    from reagroove.reaper_ext.panel.store import PanelStore

    engine = test_panel.stub_engine()
    c = PanelController(engine, PanelStore(tmp_path / "config"), Settings(variations=3))
    source = input_from_midi(test_panel.FUNK_BASS)
    result, _ = c.drum_part(c.settings, source.groove, **source.model_inputs())
    plain = engine.variations_of(result, c.settings, 3)
    bar, window = int(result.bars[1]), 1
    step = int(np.nonzero(plain[2][window][:, KICK] == 0)[0][0])
    on_v3 = HandEdits().set(bar, step, KICK, 0.5)
    versions = EditedEngine(engine, HandEdits(), {3: on_v3}).variations_of(result, c.settings, 3)
    np.testing.assert_array_equal(versions[:2], plain[:2])  # the others as the engine makes them
    assert versions[2][window][step, KICK] == 1.0
    np.testing.assert_array_equal(versions[2], on_v3.apply_all(plain[2], result.bars))


def test_clear_on_one_version_keeps_and_names_the_others_edits(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(2)
    show(w, qtbot, 2)
    step = empty_cell(w.roll.loop, KICK)
    click_cell(w, step, KICK)
    show(w, qtbot, 1)
    w.clear_edits_action.trigger()  # nothing on version 1: version 2's edit is not cleared out of sight
    assert "no hand edits to clear on version 1" in w.last_message, w.last_message
    assert "1 hand edit on version 2" in w.last_message, w.last_message
    w.say("")
    redrawn(w, qtbot, lambda: w.density_slider.slider.setValue(900))
    assert "hand edit" not in w.last_message, w.last_message  # version 1 has none: nothing to say of them
    show(w, qtbot, 2)
    assert w.roll.loop[step, KICK] == 1.0 and len(w.controller.edits_on(2)) == 1
    w.clear_edits_action.trigger()
    assert "cleared 1 hand edit on version 2" in w.last_message and len(w.controller.all_edits()) == 0


def test_export_says_the_hand_edits_it_wrote(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    click_cell(w, empty_cell(w.roll.loop, KICK), KICK)
    out = tmp_path / "d.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: out.exists() and "wrote" in w.last_message, timeout=10000)
    assert "loops, with your 1 hand edit" in w.last_message, w.last_message
    assert "version 1 written" not in w.last_message  # version 1 is the one shown


def test_a_lower_count_says_the_hand_edits_it_puts_out_of_reach(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    show(w, qtbot, 3)
    step = empty_cell(w.roll.loop, KICK)
    click_cell(w, step, KICK)
    redrawn(w, qtbot, lambda: w.variations_spin.setValue(2))
    assert w.version_spin.value() == 2
    assert "hand edits on version 3 kept" in w.last_message and "Variations makes 2" in w.last_message, w.last_message
    w.variations_spin.setValue(3)
    show(w, qtbot, 3)
    assert w.roll.loop[step, KICK] == 1.0 and w.roll.edits_marked() == 1  # back with the count


def test_drumify_into_reaper_with_another_version_shown_says_what_it_wrote(make_panel, qtbot):
    from test_panel import FakeReaper

    from reagroove.reaper_ext.panel.controller import REAPER

    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    w.resize(1200, 800)
    qtbot.waitUntil(lambda: w.mode == REAPER and w.controller.input is not None
                    and w.roll.drum_hit_count() > 0, timeout=5000)
    w.variations_spin.setValue(3)
    show(w, qtbot, 2)
    click_cell(w, empty_cell(w.roll.loop, KICK), KICK)  # on version 2: version 1 has none
    w.drumify()
    qtbot.waitUntil(lambda: "drum item" in w.last_message, timeout=5000)
    assert "version 1 written (version 2 is shown" in w.last_message, w.last_message  # not "with its hand edits"
    assert "other versions keep theirs" in w.clear_edits_action.toolTip()
    assert "version shown" in w.roll.toolTip(), w.roll.toolTip()
    w.close()
