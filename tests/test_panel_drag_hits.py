"""Dragging a hit on the editor's piano roll moves it, as a producer fixing drums by hand expects.

A hit dragged to another step (or another voice's row: a snare dragged onto the tom row) keeps its velocity and
its timing off the grid; one drag is one Ctrl+Z step; an outline shows where it lands while dragging; a drop on
a hit replaces it; a click without moving still removes; a drop outside the bars shown or before a pickup bar is
refused. The export writes the moved hit and the part keeps it for the next session. Offscreen, with
test_panel.py's stand-in model.
"""

import os

import mido
import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402
from test_editor_clicks_and_paging import opened  # noqa: E402
from test_editor_hand_edits import click_cell, redrawn  # noqa: E402
from test_editor_hand_edits_kept import opened_on, part_copy, reopened  # noqa: E402

from reagroove.core.drummap import GM_DRUM_MAP  # noqa: E402
from reagroove.core.loop import N_VOICES, VOICES  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
n = N_VOICES
TOM = VOICES.index("high_tom") if "high_tom" in VOICES else 4
WALTZ = test_panel.ROOT / "core" / "examples" / "piano_waltz.mid"


def hit_point(w, step: int, voice: int, to_step=None, to_voice=None) -> QPoint:
    """The widget point on the hit drawn at (step, voice) (at its timing), moved by whole steps and lanes to
    (to_step, to_voice): where the pointer is when that hit is dragged there."""
    roll = w.roll
    to_step = step if to_step is None else to_step
    to_voice = voice if to_voice is None else to_voice
    width = roll.cell_pos(1, 0).x() - roll.cell_pos(0, 0).x()
    off = float(roll.loop[step, 2 * n + voice])
    at = roll.cell_pos(to_step, to_voice)
    return QPoint(round(at.x() + off * width), at.y())


def press(w, step, voice):
    QTest.mousePress(w.roll.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     hit_point(w, step, voice))


def move(w, step, voice, to_step, to_voice):
    """The pointer moved with the button down, in a few moves, as a hand drags."""
    start, end = hit_point(w, step, voice), hit_point(w, step, voice, to_step, to_voice)
    for k in (1, 2, 3):
        QTest.mouseMove(w.roll.viewport(), start + (end - start) * k / 3)


def drag(w, step, voice, to_step, to_voice):
    press(w, step, voice)
    move(w, step, voice, to_step, to_voice)
    QTest.mouseRelease(w.roll.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       hit_point(w, step, voice, to_step, to_voice))


def a_hit(loop, voices=range(N_VOICES), room=range(1, 30), late_first=True):
    """(step, voice) of a hit with an empty step two to the right on its lane; one played off the grid first."""
    found = [(s, v) for v in voices for s in np.nonzero(loop[:, v] > 0)[0] if s in room and s + 2 < 32
             and loop[s + 2, v] == 0]
    assert found, "the loop has no hit to drag"
    found.sort(key=lambda c: abs(float(loop[c[0], 2 * n + c[1]])) < 0.05 if late_first else 0)
    step, voice = int(found[0][0]), int(found[0][1])
    assert not late_first or abs(loop[step, 2 * n + voice]) >= 0.05  # its timing is seen to be kept
    return step, voice


def test_a_hit_dragged_to_another_step_moves_there_with_its_velocity_and_timing(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    loop = w.roll.loop.copy()
    step, voice = a_hit(loop)
    drag(w, step, voice, step + 2, voice)
    now = w.roll.loop
    assert now[step, voice] == 0 and now[step + 2, voice] == 1, w.last_message
    assert now[step + 2, n + voice] == loop[step, n + voice]  # its velocity
    assert now[step + 2, 2 * n + voice] == pytest.approx(loop[step, 2 * n + voice], abs=1e-6)  # its timing
    others = np.ones(32, bool)
    others[[step, step + 2]] = False
    assert np.array_equal(now[others], loop[others])  # nothing else moved
    assert w.last_message.startswith(f"moved: {VOICES[voice].replace('_', ' ')} at "), w.last_message
    assert "(Ctrl+Z undoes)" in w.last_message and w.roll.edits_marked() == 2


def test_a_snare_dragged_onto_the_tom_row_plays_on_the_tom(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    loop = w.roll.loop.copy()
    snare = VOICES.index("snare")
    step = next(int(s) for s in np.nonzero(loop[:, snare] > 0)[0] if loop[s, TOM] == 0)
    drag(w, step, snare, step, TOM)
    now = w.roll.loop
    assert now[step, snare] == 0 and now[step, TOM] == 1, w.last_message
    assert now[step, n + TOM] == loop[step, n + snare]
    assert now[step, 2 * n + TOM] == pytest.approx(loop[step, 2 * n + snare], abs=1e-6)
    assert f"to {VOICES[TOM].replace('_', ' ')} at" in w.last_message, w.last_message


def test_one_drag_is_one_undo_step(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    generated = w.roll.loop.copy()
    step, voice = a_hit(generated)
    drag(w, step, voice, step + 2, voice)
    moved = w.roll.loop.copy()
    assert moved[step, voice] == 0 and moved[step + 2, voice] == 1, w.last_message
    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert np.array_equal(w.roll.loop, generated) and len(w.controller.edits) == 0, w.last_message
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Z, redo))
    assert np.array_equal(w.roll.loop, moved), w.last_message


def test_dragged_back_to_its_cell_leaves_no_hand_edit(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    generated = w.roll.loop.copy()
    step, voice = a_hit(generated)
    drag(w, step, voice, step + 2, voice)
    drag(w, step + 2, voice, step, voice)
    assert np.array_equal(w.roll.loop, generated) and len(w.controller.edits) == 0, w.last_message


def test_the_roll_shows_where_the_hit_lands_while_dragging(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    step, voice = a_hit(w.roll.loop)
    off = float(w.roll.loop[step, 2 * n + voice])
    press(w, step, voice)
    assert w.roll.drag_shown() is None  # pressed, not moved: nothing shown yet
    move(w, step, voice, step + 2, TOM if voice != TOM else 0)
    to_voice = TOM if voice != TOM else 0
    assert w.roll.drag_shown() == pytest.approx((step + 2 + off, to_voice + 0.1), abs=1e-4)
    assert w.last_message.startswith(f"moving {VOICES[voice].replace('_', ' ')} to "
                                     f"{VOICES[to_voice].replace('_', ' ')} at"), w.last_message
    assert w.roll.loop[step, voice] == 1  # nothing changed before the drop
    image = w.roll.grab()
    assert not image.isNull() and image.save(str(os.environ.get("DRAG_PNG", tmp_path / "drag.png")))
    QTest.mouseRelease(w.roll.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       hit_point(w, step, voice, step + 2, to_voice))
    assert w.roll.drag_shown() is None and w.roll.loop[step + 2, to_voice] == 1


def test_a_hit_dropped_on_a_hit_replaces_it(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    loop = w.roll.loop.copy()
    voice, (step, to) = next((v, np.nonzero(loop[:, v] > 0)[0][:2]) for v in range(n) if (loop[:, v] > 0).sum() >= 2)
    count = w.roll.drum_hit_count()
    drag(w, int(step), voice, int(to), voice)
    now = w.roll.loop
    assert now[step, voice] == 0 and now[to, voice] == 1
    assert now[to, n + voice] == loop[step, n + voice]  # the dragged hit's velocity, not the one replaced
    assert now[to, 2 * n + voice] == pytest.approx(loop[step, 2 * n + voice], abs=1e-6)
    assert w.roll.drum_hit_count() == count - 1
    assert f"in place of the hit there (velocity {max(1, round(float(loop[to, n + voice]) * 127))})" \
        in w.last_message, w.last_message


def test_a_click_without_moving_still_removes_and_a_shaky_click_too(make_panel, qtbot):
    """Guards the click: a press and release on a hit (or a few pixels apart) removes it, as before drags."""
    w = opened(make_panel, qtbot)
    step, voice = a_hit(w.roll.loop)
    at = hit_point(w, step, voice)
    QTest.mousePress(w.roll.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QTest.mouseMove(w.roll.viewport(), at + QPoint(2, 1))
    QTest.mouseRelease(w.roll.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       at + QPoint(2, 1))
    assert w.roll.loop[step, voice] == 0 and w.last_message.startswith("removed:"), w.last_message
    click_cell(w, step, voice)  # and a click on the empty cell adds one back
    assert w.roll.loop[step, voice] == 1 and w.last_message.startswith("added:"), w.last_message


def test_a_drag_off_the_drum_lanes_or_past_the_bars_shown_is_refused(make_panel, qtbot):
    w = opened(make_panel, qtbot, WALTZ)
    w.window_spin.setValue(2)  # two bars of 3/4: 24 steps
    qtbot.waitUntil(lambda: w._shown_request == w._request_id and w.roll.drum_hit_count() > 0, timeout=5000)
    assert w.roll.shown_steps() == 24
    loop = w.roll.loop.copy()
    voice = next(v for v in range(n) if loop[18:24, v].any())
    step = int(np.nonzero(loop[18:24, voice] > 0)[0][-1]) + 18
    drag(w, step, voice, 27, voice)  # past the window's last step: the loop has no steps there
    assert np.array_equal(w.roll.loop, loop) and len(w.controller.edits) == 0
    assert w.last_message.startswith("not moved: drop a hit on a drum lane"), w.last_message
    drag(w, step, voice, step, n + 0.4)  # onto the input's lane
    assert np.array_equal(w.roll.loop, loop) and len(w.controller.edits) == 0
    assert w.last_message.startswith("not moved:"), w.last_message


def test_a_drag_before_the_pickup_bar_is_refused_as_a_click_there_is(make_panel, qtbot):
    w = opened(make_panel, qtbot, WALTZ)
    w.window_spin.setValue(1)  # the pickup bar alone
    qtbot.waitUntil(lambda: w._shown_request == w._request_id, timeout=5000)
    first = w.roll.first_step()
    assert first > 0
    kick = VOICES.index("kick")
    if w.roll.loop[first, kick] == 0:
        click_cell(w, first, kick)  # a kick on the pickup's beat, to drag
    shown, edits = w.roll.loop.copy(), w.controller.edits
    drag(w, first, kick, first - 2, kick)
    assert np.array_equal(w.roll.loop, shown) and w.controller.edits == edits
    assert "before the pickup bar" in w.last_message and w.last_message.startswith("not moved"), w.last_message


def exported_notes(w, qtbot, path) -> set:
    """(beat, pitch, velocity) of the notes of the drum file the editor's Export writes."""
    w.last_message = ""
    w.export_drums(path)
    qtbot.waitUntil(lambda: "wrote" in w.last_message, timeout=10000)
    mf = mido.MidiFile(str(path))
    notes, tick = set(), 0
    for msg in mido.merge_tracks(mf.tracks):
        tick += msg.time
        if msg.type == "note_on" and msg.velocity > 0:
            notes.add((round(tick / mf.ticks_per_beat, 2), msg.note, msg.velocity))
    return notes


def test_the_export_writes_the_moved_hit_on_its_new_step_and_voice(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    loop = w.roll.loop.copy()
    snare = VOICES.index("snare")
    step = next(int(s) for s in np.nonzero(loop[:, snare] > 0)[0] if s + 2 < 32 and loop[s + 2, TOM] == 0)
    before = exported_notes(w, qtbot, tmp_path / "before.mid")
    drag(w, step, snare, step + 2, TOM)
    assert w.roll.loop[step + 2, TOM] == 1, w.last_message
    after = exported_notes(w, qtbot, tmp_path / "after.mid")
    gone, new = before - after, after - before
    assert len(gone) == 1 and len(new) == 1, (gone, new)
    (beat, pitch, vel), (new_beat, new_pitch, new_vel) = gone.pop(), new.pop()
    assert (pitch, new_pitch) == (GM_DRUM_MAP.output[snare], GM_DRUM_MAP.output[TOM])
    assert new_vel == vel and new_beat == pytest.approx(beat + 0.5, abs=0.011)  # two 16ths later, same feel


def test_a_moved_hit_is_kept_with_the_part_with_its_timing(make_panel, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    part = part_copy(tmp_path)
    w = opened_on(make_panel, qtbot, part)
    step, voice = a_hit(w.roll.loop)
    drag(w, step, voice, step + 2, TOM if voice != TOM else 0)
    shown = w.roll.loop.copy()
    w.close()
    w = reopened(make_panel, qtbot)
    assert len(w.controller.edits) == 2 and w.roll.edits_marked() == 2, w.last_message
    assert (w.roll.loop == shown).all()  # velocity and timing as the producer left them
    w.close()


def test_the_wheel_on_a_moved_hit_keeps_its_timing(make_panel, qtbot):
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    w = opened(make_panel, qtbot)
    step, voice = a_hit(w.roll.loop)
    off = float(w.roll.loop[step, 2 * n + voice])
    drag(w, step, voice, step + 2, voice)
    pos = QPointF(hit_point(w, step + 2, voice))
    event = QWheelEvent(pos, QPointF(w.roll.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(w.roll.viewport(), event)
    assert "velocity" in w.last_message and w.roll.loop[step + 2, voice] == 1, w.last_message
    assert w.roll.loop[step + 2, 2 * n + voice] == pytest.approx(off, abs=1e-6)
