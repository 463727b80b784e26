"""The editor as a producer tours it standalone on the bundled parts (funk_bass, shuffle_blues, piano_waltz):
what the tour found wrong, each pinned down.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

from reagroove.core import read_midi  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
WALTZ = FUNK_BASS.with_name("piano_waltz.mid")  # opens with a one-beat pickup, then 3/4
SNARE = 1


def click_cell(w, step: int, voice: int) -> None:
    QTest.mouseClick(w.roll.viewport(), Qt.MouseButton.LeftButton, pos=w.roll.cell_pos(step, voice))


def drawn(w, qtbot) -> None:
    qtbot.waitUntil(lambda: w._shown_request == w._request_id and w._base_shown is not None, timeout=5000)


@pytest.fixture
def on_the_pickup(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(WALTZ)
    w.window_spin.setValue(1)  # the window of the pickup bar: its one beat at the window's end
    drawn(w, qtbot)
    return w


def pickup_step(w) -> int:
    """The step the pickup bar starts on in its window (its first beat, 4 steps a beat)."""
    start = int(round(w.controller.input.bars_shown[0][0] * 4))
    assert start > 0
    return start


def test_a_click_before_the_pickup_bar_adds_no_hit_the_export_would_drop(on_the_pickup, qtbot, tmp_path):
    w = on_the_pickup
    # before the pickup is before the song: a hit added there was drawn and counted ("3 hand edits"), and the
    # export, "with your 3 hand edits", wrote one of them
    click_cell(w, 2, SNARE)
    assert len(w.controller.edits) == 0 and w.roll.edits_marked() == 0
    assert "pickup" in w.last_message and "\n" not in w.last_message
    pickup = pickup_step(w)
    click_cell(w, pickup, SNARE)  # on the pickup's beat: an edit as anywhere in the song
    assert len(w.controller.edits) == 1 and w.roll.edits_marked() == 1
    w.export_drums(tmp_path / "waltz_drums.mid")
    qtbot.waitUntil(lambda: w.last_message.startswith("wrote"), timeout=20000)
    assert "with your 1 hand edit" in w.last_message
    notes = read_midi(tmp_path / "waltz_drums.mid").notes
    assert ((notes.start < 1.0) & (notes.pitch == 38)).any()  # the snare added on the pickup is written


def test_the_roll_draws_no_drums_before_the_pickup_bar(on_the_pickup):
    w = on_the_pickup
    loop = np.zeros_like(w.roll.loop)
    loop[:, SNARE] = 1.0
    loop[:, 9 + SNARE] = 0.8
    w.roll.show_loop(None, loop)
    assert not w.roll.loop[: pickup_step(w), SNARE].any()  # drawn there, it read as drums before the song
    assert w.roll.loop[pickup_step(w):w.roll.shown_steps(), SNARE].all()


def test_edits_put_back_on_a_part_opened_again_are_not_said_to_be_from_the_last_session(make_panel, qtbot,
                                                                                          tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    w = make_panel()
    assert w.open_midi(WALTZ)
    drawn(w, qtbot)
    click_cell(w, 5, SNARE)
    assert len(w.controller.edits) == 1
    assert w.open_midi(FUNK_BASS)  # another part, minutes later back to the waltz
    assert w.open_midi(WALTZ)
    assert len(w.controller.edits) == 1
    assert "restored 1 hand edit" in w.last_message and "last session" not in w.last_message, w.last_message
    w.close()
    again = make_panel(config_dir=w.store.folder)  # the next day: from the last session it is
    assert len(again.controller.edits) == 1 and "from your last session" in again.last_message, again.last_message


def wheel_on(w, step: int, voice: int, notches: int) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(w.roll.cell_pos(step, voice))
    pos.setX(pos.x() + float(w.roll.loop[step, 18 + voice]) * (w.roll.cell_pos(step + 1, voice).x() - pos.x()))
    for _ in range(abs(notches)):  # a turn of the wheel: one event a notch
        event = QWheelEvent(pos, QPointF(w.roll.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, 120 if notches > 0 else -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(w.roll.viewport(), event)


def test_one_turn_of_the_wheel_on_a_hit_is_one_undo_step(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    drawn(w, qtbot)
    voice = next(v for v in range(9) if w.roll.loop[:, v].any())
    step = int(np.nonzero(w.roll.loop[:, voice] > 0)[0][0])
    before = float(w.roll.loop[step, 9 + voice])
    wheel_on(w, step, voice, -4)  # softer by four notches
    assert w.roll.loop[step, 9 + voice] == pytest.approx(before - 4 * 8 / 127, abs=1e-6)
    w.undo_edit()  # took back one notch of four: a producer pressed Ctrl+Z four times to get the hit back
    assert len(w.controller.edits) == 0, w.last_message
    assert "undone: hand edit" in w.last_message
    w.undo_edit(redo=True)
    assert len(w.controller.edits) == 1
    assert w.controller.edits.cells[0][1] == pytest.approx(before - 4 * 8 / 127, abs=1e-6)
    qtbot.wait(int(0.6 * 1000))  # a pause: the next turn is another step
    wheel_on(w, step, voice, +1)
    w.undo_edit()
    assert w.controller.edits.cells[0][1] == pytest.approx(before - 4 * 8 / 127, abs=1e-6)


def test_lowering_the_count_below_the_version_shown_says_which_version_is_shown_now(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    drawn(w, qtbot)
    w.variations_spin.setValue(3)
    w.version_spin.setValue(3)
    assert w.last_message.startswith("version 3 of 3 shown")
    w.variations_spin.setValue(2)  # the roll goes to version 2; the line went on saying "version 3 of 3 shown"
    assert w.version_shown == 2
    assert w.last_message.startswith("version 2 of 2 shown"), w.last_message


def test_the_wheel_on_a_hit_played_off_the_grid_changes_its_velocity_not_its_timing(make_panel, qtbot, tmp_path):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    drawn(w, qtbot)
    off_grid = np.argwhere((w.roll.loop[:, :9] > 0) & (np.abs(w.roll.loop[:, 18:27]) >= 0.05))
    assert len(off_grid), "the stand-in model plays some hits off the grid"
    step, voice = map(int, off_grid[0])
    offset, velocity = float(w.roll.loop[step, 18 + voice]), float(w.roll.loop[step, 9 + voice])
    w.export_drums(tmp_path / "before.mid")
    qtbot.waitUntil(lambda: w.last_message.startswith("wrote"), timeout=20000)
    wheel_on(w, step, voice, -2)  # softer: it was also moved onto the grid, its feel gone
    assert w.roll.loop[step, 9 + voice] == pytest.approx(velocity - 2 * 8 / 127, abs=1e-6)
    assert w.roll.loop[step, 18 + voice] == pytest.approx(offset, abs=1e-6)
    assert "late" in w.last_message or "early" in w.last_message, w.last_message  # said as it plays
    w.say("")
    w.export_drums(tmp_path / "after.mid")
    qtbot.waitUntil(lambda: w.last_message.startswith("wrote"), timeout=20000)
    before, after = read_midi(tmp_path / "before.mid").notes, read_midi(tmp_path / "after.mid").notes
    assert len(before.start) == len(after.start)
    assert np.allclose(np.sort(before.start), np.sort(after.start))  # the same timing, one hit softer
    assert (before.velocity != after.velocity).sum() == 1


def test_a_hit_wheeled_back_to_its_velocity_or_past_the_loudest_is_no_hand_edit(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    drawn(w, qtbot)
    voice = next(v for v in range(9) if w.roll.loop[:, v].any())
    step = int(np.nonzero(w.roll.loop[:, voice] > 0)[0][0])
    wheel_on(w, step, voice, -1)
    assert len(w.controller.edits) == 1
    wheel_on(w, step, voice, +1)  # back as the engine made it: "1 hand edit kept" on a hit nobody changed
    assert len(w.controller.edits) == 0 and w.roll.edits_marked() == 0, w.last_message
    assert "0 hand edits kept" in w.last_message
    w.undo_edit()
    assert w.last_message == "nothing to undo"  # the turn, there and back, changed nothing to take back
    loud = np.argwhere((w.roll.loop[:, :9] > 0) & (w.roll.loop[:, 9:18] >= 1.0))
    if len(loud):  # at velocity 127 the wheel up changes nothing: no edit either
        s, v = map(int, loud[0])
        wheel_on(w, s, v, +1)
        assert len(w.controller.edits) == 0
