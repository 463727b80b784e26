"""The editor at a song's end, in a swung part, and Ctrl+Z over windows: defects a QA pass found, one test each.

- A part of an odd number of bars: its last window's second bar is past the song's end. It was drawn with drums and
  took clicks ("added: high tom at bar 10"), and Export wrote nothing there: the edit was lost without a word.
- A swung part: a hit added under the swung hat played straight, a third of a 16th after the hat.
- Ctrl+Z took back an edit made in another window, out of sight, saying only "hand edit".

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402
from conftest import build_midi  # noqa: E402
from test_editor_clicks_and_paging import opened  # noqa: E402
from test_editor_hand_edits import TOM, click_cell, empty_cell, redrawn  # noqa: E402

from reagroove.core import read_midi  # noqa: E402
from reagroove.core.drummap import GM_DRUM_MAP  # noqa: E402
from reagroove.core.loop import N_VOICES, VOICES  # noqa: E402
from reagroove.reaper_ext.panel.edits import HandEdits, toggle  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures
N = N_VOICES
KICK, SNARE, HAT = VOICES.index("kick"), VOICES.index("snare"), VOICES.index("closed_hat")
SHUFFLE = test_panel.ROOT / "core" / "examples" / "shuffle_blues.mid"


def drawn(w, qtbot) -> None:
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id and w._shown_request == w._request_id, timeout=5000)


# ---------------------------------------------------------------- past the song's end


def nine_bars(tmp_path):
    notes = [(b * 4 + k, 40 + k, 100, 0) for b in range(9) for k in range(4)]
    return build_midi(tmp_path / "nine.mid", notes)


def test_the_bar_past_the_songs_end_is_empty_and_refuses_edits(make_panel, qtbot, tmp_path):
    """Nine bars: the last window is bar 9 and, past the end, no bar 10 with drums that Export never writes."""
    w = make_panel()
    w.resize(1200, 800)
    assert w.open_midi(nine_bars(tmp_path))
    w.window_spin.setValue(w.window_spin.maximum())
    drawn(w, qtbot)
    assert "bar 9 (5 of 5)" in w.input_label.text(), w.input_label.text()
    assert w.roll.heard_steps() == 16 and w.roll.shown_steps() == 32  # bar 10 greyed, not gone
    assert not w.roll.loop[16:, :N].any()  # what is shown is what the export writes: nothing after bar 9
    assert w.roll.drum_hit_count() == int((w.roll.loop[:16, :N] > 0).sum()) > 0
    click_cell(w, 24, TOM)  # bar 10, beat 3
    assert len(w.controller.edits) == 0, w.last_message
    assert "past the song's end" in w.last_message and "bar 9" in w.last_message, w.last_message
    # a hit dragged there stays where it was
    step = int(np.nonzero(w.roll.loop[:16, HAT] > 0)[0][-1])
    vp, start, end = w.roll.viewport(), w.roll.cell_pos(step, HAT), w.roll.cell_pos(step + 8, HAT)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in (1, 2, 3):
        QTest.mouseMove(vp, start + (end - start) * k / 3)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert len(w.controller.edits) == 0 and w.roll.loop[step, HAT] > 0, w.last_message
    assert "not moved" in w.last_message and "past the song's end" in w.last_message, w.last_message
    click_cell(w, 6, TOM)  # within the song: taken, and written
    assert len(w.controller.edits) == 1 and "added" in w.last_message, w.last_message
    out = tmp_path / "drums.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: out.exists() and "wrote" in w.last_message, timeout=10000)
    notes = read_midi(out).notes
    assert any(p == GM_DRUM_MAP.output[TOM] and abs(s - (32 + 1.5)) < 0.2 for s, p in zip(notes.start, notes.pitch))
    assert float(notes.start.max()) < 36  # nothing from bar 10 on


# ---------------------------------------------------------------- a hit added in a swung part


def test_a_hit_added_under_a_swung_hat_is_played_with_it(make_panel, qtbot, tmp_path):
    """A snare clicked in under the hat on a swung "and" (the stand-in plays the kick there already)."""
    w = opened(make_panel, qtbot, SHUFFLE)
    loop = w.roll.loop
    step = next(s for s in range(3, 32, 4) if loop[s, HAT] > 0 and loop[s, SNARE] == 0)
    swung = float(loop[step, 2 * N + HAT])
    assert swung < -0.2  # the hat plays the swung "and", early on the beat's last 16th
    roll = w.roll
    at = roll.cell_pos(step, SNARE)  # under the hat as it is drawn
    at.setX(at.x() + round(swung * (roll.cell_pos(step + 1, SNARE).x() - at.x())))
    QTest.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert roll.loop[step, SNARE] == 1 and "added" in w.last_message, w.last_message
    assert float(roll.loop[step, 2 * N + SNARE]) == pytest.approx(swung, abs=1e-6)
    out = tmp_path / "drums.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: out.exists() and "wrote" in w.last_message, timeout=10000)
    notes = read_midi(out).notes
    start = float(w.controller.input.starts[w.controller.input.window])
    beat = start + (step + swung) / 4

    def at_beat(voice):
        pitch = GM_DRUM_MAP.output[voice]
        return [float(s) for s, p in zip(notes.start, notes.pitch) if p == pitch and abs(s - beat) < 0.02]

    assert at_beat(SNARE) and at_beat(HAT), (beat, at_beat(SNARE), at_beat(HAT))
    assert at_beat(SNARE)[0] == pytest.approx(at_beat(HAT)[0], abs=1e-3)  # together, as heard


def test_a_hit_added_alone_on_its_step_takes_the_loops_swing_there():
    """No other hit on the step: it plays where the loop plays that place of the beat (its swung 8ths), and on
    the grid in a straight loop (its small humanized offsets are no swing)."""
    loop = np.zeros((32, 3 * N), np.float32)
    for s in (3, 7, 15, 19):
        loop[s, HAT], loop[s, N + HAT], loop[s, 2 * N + HAT] = 1, 0.6, -0.33
    edits, done = toggle(HandEdits(), loop, loop, 1, 11, KICK)
    assert done == "added" and edits.offset_at(1, 11, KICK) == pytest.approx(-0.33, abs=1e-6)
    straight = np.zeros_like(loop)
    for s, off in ((2, 0.03), (6, -0.02), (10, 0.04)):
        straight[s, HAT], straight[s, N + HAT], straight[s, 2 * N + HAT] = 1, 0.6, off
    edits, _ = toggle(HandEdits(), straight, straight, 1, 14, KICK)
    assert not edits.offset_at(1, 14, KICK)
    generated = loop.copy()  # a generated hit removed, then clicked back: its own timing, no edit
    generated[11, KICK], generated[11, N + KICK], generated[11, 2 * N + KICK] = 1, 0.6, 0.1
    removed, _ = toggle(HandEdits(), generated, generated, 1, 11, KICK)
    shown = removed.apply(generated, 1)
    back, _ = toggle(removed, generated, shown, 1, 11, KICK)
    assert back.apply(generated, 1)[11, 2 * N + KICK] == pytest.approx(0.1)


# ---------------------------------------------------------------- undo over windows


def test_undo_of_a_hand_edit_in_another_window_shows_that_window_and_names_the_bar(make_panel, qtbot):
    w = opened(make_panel, qtbot)  # funk_bass.mid: 4 windows of 2 bars, the first shown
    assert w.window_spin.value() == 1
    step = empty_cell(w.roll.loop)
    click_cell(w, step, TOM)
    place = w.roll.place(step, TOM)  # "high tom at bar 1, beat 3"
    assert len(w.controller.edits) == 1 and place.endswith(f"beat {step % 16 // 4 + 1}") and "bar 1," in place
    w.window_spin.setValue(3)
    drawn(w, qtbot)
    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert len(w.controller.edits) == 0
    assert w.window_spin.value() == 1 and "bars 1-2" in w.input_label.text(), w.input_label.text()
    assert f"undone: hand edit: added {place}" in w.last_message, w.last_message
    assert w.roll.loop[step, TOM] == 0
    w.window_spin.setValue(4)
    drawn(w, qtbot)
    redrawn(w, qtbot, lambda: w.undo_edit(redo=True))
    assert len(w.controller.edits) == 1 and w.window_spin.value() == 1
    assert f"redone: hand edit: added {place}" in w.last_message, w.last_message
    assert w.roll.loop[step, TOM] == 1  # in sight
    # in the window shown: it stays
    redrawn(w, qtbot, w.undo_edit)
    assert w.window_spin.value() == 1 and f"undone: hand edit: added {place}" in w.last_message
