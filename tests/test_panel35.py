"""The editor as a producer uses it (session 35): what a click on the piano roll says, ...

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import os

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402

from reagroove.core.loop import N_VOICES, VOICES  # noqa: E402

make_panel, no_dialogs = test_panel.make_panel, test_panel.no_dialogs  # its fixtures, used here too


def opened(make_panel, qtbot, path=test_panel.FUNK_BASS):
    w = make_panel()
    w.resize(1200, 800)
    assert w.open_midi(path)
    qtbot.waitUntil(lambda: w.roll.drum_hit_count() > 0, timeout=5000)
    return w


def click_roll(w, x: float, y: float) -> None:
    """A left click on the piano roll at plot point (x steps, y lanes)."""
    roll = w.roll
    at = roll.mapFromScene(roll.getPlotItem().vb.mapViewToScene(QPointF(x, y)))
    QTest.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=at)


# ---------------------------------------------------------------- a click on the piano roll


def test_a_click_on_the_piano_roll_says_it_does_not_edit(make_panel, qtbot):
    """A producer clicking the roll to add a hit (or dragging one) saw nothing happen and no word of why."""
    w = opened(make_panel, qtbot)
    before = w.controller.settings
    click_roll(w, 30.3, 4.5)  # an empty spot among the toms
    assert "does not edit" in w.last_message and "Export" in w.last_message, w.last_message
    assert w.controller.settings == before  # nothing changed behind the producer's back
    assert "does not edit" in w.roll.toolTip()


def test_a_click_on_a_hit_says_which_hit_it_is(make_panel, qtbot):
    """Clicking a hit names it as a drummer reads it: the voice, where in the bar, its MIDI velocity."""
    w = opened(make_panel, qtbot)
    loop = w.roll.loop
    lane, steps = next((v, np.nonzero(loop[:, v] > 0)[0]) for v in range(N_VOICES) if loop[:, v].any())
    step = int(steps[-1])
    x = step + loop[step, 2 * N_VOICES + lane] + 0.3
    click_roll(w, x, lane + 0.3)
    velocity = max(1, min(127, round(float(loop[step, N_VOICES + lane]) * 127)))
    bar, beat = 1 + step // 16, 1 + (step % 16) // 4
    said = w.last_message
    assert said.startswith(f"{VOICES[lane].replace('_', ' ')} at bar {bar}, beat {beat}"), said
    assert f"velocity {velocity}" in said and "does not edit" in said, said
