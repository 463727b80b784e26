"""Hand edits on the editor's piano roll: a producer fixes a hit by hand.

A click on an empty cell adds a hit, a click on a hit removes it; the edits stay on top when a setting
changes, are one Undo step each, go with Clear hand edits or another file, and the export writes them.
Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import os

import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402
from test_editor_clicks_and_paging import opened  # noqa: E402

from reagroove.core.loop import N_VOICES, VOICES  # noqa: E402
from reagroove.reaper_ext.panel import controller as controller_module  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
TOM = VOICES.index("high_tom") if "high_tom" in VOICES else 4


def click_cell(w, step: int, voice: int) -> None:
    """A left click in the middle of the roll's cell (step, voice), on its hit where it has one."""
    roll = w.roll
    off = float(roll.loop[step, 2 * N_VOICES + voice])
    pos = roll.cell_pos(step, voice)
    pos.setX(pos.x() + round(off * (roll.cell_pos(step + 1, voice).x() - pos.x())))
    QTest.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def empty_cell(loop, voice: int = TOM) -> int:
    steps = [s for s in range(24) if loop[s, voice] == 0]
    return steps[len(steps) // 2]


def played(loop) -> tuple[int, int]:
    """A hit of the loop: (step, voice), the kick's first where it plays."""
    voice = next(v for v in range(N_VOICES) if loop[:, v].any())
    return int(np.nonzero(loop[:, voice] > 0)[0][0]), voice


def redrawn(w, qtbot, do) -> None:
    """Run `do` (a setting changed, an undo) and wait for the preview it asks for to be drawn."""
    before = w._request_id
    do()
    qtbot.waitUntil(lambda: w._request_id > before and w._shown_request == w._request_id, timeout=5000)


def test_a_click_on_an_empty_cell_adds_a_hit_at_the_voices_median(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    loop = w.roll.loop.copy()
    kick = VOICES.index("kick")
    step = empty_cell(loop, kick)
    vel = loop[loop[:, kick] > 0, N_VOICES + kick]
    expected = float(np.median(vel)) if len(vel) else 100 / 127
    click_cell(w, step, kick)
    assert w.roll.loop[step, kick] == 1.0, w.last_message
    assert w.roll.loop[step, N_VOICES + kick] == pytest.approx(expected, abs=1e-6)
    assert "added" in w.last_message and "1 hand edit" in w.last_message, w.last_message
    others = np.ones(len(loop), bool)
    others[step] = False
    assert np.array_equal(w.roll.loop[others], loop[others])  # nothing else moved


def test_a_click_on_a_hit_removes_it(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    step, voice = played(w.roll.loop)
    count = w.roll.drum_hit_count()
    click_cell(w, step, voice)
    assert w.roll.loop[step, voice] == 0.0, w.last_message
    assert w.roll.drum_hit_count() == count - 1
    assert "removed" in w.last_message, w.last_message
    assert "does not edit" not in w.roll.toolTip() and "click" in w.roll.toolTip().lower()


def test_the_export_writes_the_hand_edits_shown(make_panel, qtbot, tmp_path, monkeypatch):
    w = opened(make_panel, qtbot)
    step, voice = played(w.roll.loop)
    click_cell(w, step, voice)  # one removed
    add = empty_cell(w.roll.loop)
    click_cell(w, add, TOM)  # one added
    assert len(w.controller.edits) == 2
    shown = w.roll.loop.copy()
    written = {}
    real = controller_module.write_loops

    def keep(path, loops, **kw):
        written["loops"] = [lp.to_hvo() for lp in loops]
        return real(path, loops, **kw)

    monkeypatch.setattr(controller_module, "write_loops", keep)
    out = tmp_path / "drums.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: "loops" in written and out.exists() and "wrote" in w.last_message, timeout=10000)
    window = w.controller.input.window
    exported = np.asarray(written["loops"][window], np.float32)
    n = N_VOICES
    assert exported[step, voice] == 0 and exported[add, TOM] == 1
    assert np.array_equal(exported[:, :n] > 0, shown[:, :n] > 0)  # every hit shown, none more
    assert np.allclose(exported[:, n:2 * n], shown[:, n:2 * n], atol=1 / 127)


def test_a_hand_edit_survives_a_density_change(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    add = empty_cell(w.roll.loop)
    click_cell(w, add, TOM)
    before = w.roll.tag
    redrawn(w, qtbot, lambda: w.density_slider.slider.setValue(900))
    assert w.roll.tag != before and w.controller.settings.density == pytest.approx(0.9, abs=0.01)
    assert w.roll.loop[add, TOM] == 1.0
    assert "1 hand edit kept" in w.last_message, w.last_message


def test_undo_brings_a_removed_hit_back_and_clear_drops_the_edits(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    generated = w.roll.loop.copy()
    step, voice = played(generated)
    click_cell(w, step, voice)
    assert w.roll.loop[step, voice] == 0
    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert np.array_equal(w.roll.loop, generated) and len(w.controller.edits) == 0, w.last_message
    assert "undone" in w.last_message and "hand edit" in w.last_message, w.last_message
    add = empty_cell(w.roll.loop)
    click_cell(w, add, TOM)
    click_cell(w, step, voice)
    assert len(w.controller.edits) == 2
    w.clear_edits_action.trigger()
    assert len(w.controller.edits) == 0 and np.array_equal(w.roll.loop, generated)
    assert "cleared 2 hand edits" in w.last_message, w.last_message
    redrawn(w, qtbot, w.undo_edit)  # one step: both back
    assert len(w.controller.edits) == 2 and w.roll.loop[add, TOM] == 1 and w.roll.loop[step, voice] == 0


def test_opening_another_file_clears_the_edits_and_says_so(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    click_cell(w, empty_cell(w.roll.loop), TOM)
    assert w.open_midi(test_panel.ROOT / "core" / "examples" / "shuffle_blues.mid")
    assert len(w.controller.edits) == 0
    assert "1 hand edit of the last file cleared" in w.last_message, w.last_message


def test_grab_the_roll_with_an_edit(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    count = w.roll.drum_hit_count()
    click_cell(w, empty_cell(w.roll.loop), TOM)
    assert w.roll.drum_hit_count() == count + 1  # drawn, not only kept
    assert w.roll.edits_marked() == 1  # and marked as the producer's own
    click_cell(w, *played(w.roll.loop))  # a hit removed: its place stays marked
    assert w.roll.edits_marked() == 2 and w.roll.drum_hit_count() == count
    image = w.roll.grab()
    assert not image.isNull() and image.save(str(os.environ.get("ROLL_PNG", tmp_path / "roll.png")))


def wheel_on_hit(w, step: int, voice: int, angle: int) -> None:
    """The mouse wheel turned by `angle` (120 = one notch, down when negative) over a hit, where it is drawn."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(w.roll.cell_pos(step, voice))
    pos.setX(pos.x() + float(w.roll.loop[step, 2 * N_VOICES + voice]) * (w.roll.cell_pos(step + 1, voice).x()
                                                                          - w.roll.cell_pos(step, voice).x()))
    event = QWheelEvent(pos, QPointF(w.roll.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, angle),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(w.roll.viewport(), event)


def test_the_wheel_on_a_hit_changes_its_velocity(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    step, voice = played(w.roll.loop)
    before = float(w.roll.loop[step, N_VOICES + voice])
    wheel_on_hit(w, step, voice, -120)
    assert w.roll.loop[step, N_VOICES + voice] == pytest.approx(before - 8 / 127, abs=1e-6), w.last_message
    assert w.roll.loop[step, voice] == 1 and len(w.controller.edits) == 1
    assert f"velocity {max(1, round((before - 8 / 127) * 127))}" in w.last_message, w.last_message


def test_drumify_into_reaper_writes_the_hand_edits_shown(make_panel, qtbot, monkeypatch):
    from test_panel import FakeReaper

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.panel.controller import REAPER

    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    w.resize(1200, 800)
    qtbot.waitUntil(lambda: w.mode == REAPER and w.controller.input is not None
                    and w.controller.input.name == "REAPER selection" and w.roll.drum_hit_count() > 0, timeout=5000)
    step, voice = played(w.roll.loop)
    click_cell(w, step, voice)
    shown = w.roll.loop.copy()
    written = {}
    real = actions._item_specs

    def keep(loops, *args, **kw):
        written["loops"] = np.array(loops)
        return real(loops, *args, **kw)

    monkeypatch.setattr(actions, "_item_specs", keep)
    w.drumify()
    qtbot.waitUntil(lambda: bool(fake.written) and "drum items" in w.last_message, timeout=5000)
    loop = written["loops"][w.controller.input.window]
    assert loop[step, voice] == 0
    assert np.array_equal(loop[:, :N_VOICES] > 0, shown[:, :N_VOICES] > 0)
    assert "written with your 1 hand edit on top" in w.last_message  # said with what was written
    w.close()


def test_a_high_resolution_wheel_turns_a_hit_as_far_as_a_notch_does(make_panel, qtbot):
    """A trackpad or a high-resolution wheel sends one notch (120) as 8 events of 15; each counted as a whole
    notch, so one turn took a kick from velocity 67 to 3. They add up now: 8 of 15 move it one notch (8)."""
    w = opened(make_panel, qtbot)
    step, voice = played(w.roll.loop)
    before = float(w.roll.loop[step, N_VOICES + voice])
    for _ in range(8):
        wheel_on_hit(w, step, voice, -15)
    assert w.roll.loop[step, N_VOICES + voice] == pytest.approx(before - 8 / 127, abs=1e-6), w.last_message
