"""The editor: a clicked hit named in the part's own count (8ths in 6/8, 12/8), and the engine's notes on a
preview said in the status line as the CLI prints them."""

import os

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

from reagroove.core.loop import HVO_WIDTH, STEPS, VOICES  # noqa: E402
from reagroove.reaper_ext.panel.pianoroll import PianoRoll  # noqa: E402

KICK = VOICES.index("kick")


def _roll(qtbot, first_bar, bars, steps):
    roll = PianoRoll()
    qtbot.addWidget(roll)
    roll.set_first_bar(first_bar, bars)
    loop = np.zeros((STEPS, HVO_WIDTH), np.float32)
    loop[steps, KICK] = 1.0
    loop[steps, len(VOICES) + KICK] = 0.8
    roll.show_loop(np.zeros((STEPS, 3), np.float32), loop)
    return roll


@pytest.mark.parametrize("bars, step, said", [
    (((0.0, 6, 8), (3.0, 6, 8)), 8, "bar 3, 8th 5"),            # 6/8: the 5th 8th, not "beat 2 +2/16"
    (((0.0, 6, 8), (3.0, 6, 8)), 9, "bar 3, 8th 5 +1/16"),
    (((0.0, 6, 8), (3.0, 6, 8)), 12, "bar 4, 8th 1"),
    (((0.0, 12, 8),), 14, "bar 3, 8th 8"),                      # 12/8: 8ths 1-12 through the bar
    (((0.0, 12, 8),), 22, "bar 3, 8th 12"),
])
def test_a_hit_in_compound_time_is_named_by_its_8th(qtbot, bars, step, said):
    roll = _roll(qtbot, 3, bars, [step])
    assert roll.hit_at(step + 0.2, KICK + 0.5).startswith(f"kick at {said},")


@pytest.mark.parametrize("bars, step, said", [
    (None, 10, "bar 3, beat 3 +2/16"),                           # 4/4 and 3/4 keep their quarter beats
    (((0.0, 3, 4), (3.0, 3, 4)), 14, "bar 4, beat 1 +2/16"),
])
def test_a_hit_in_quarter_time_keeps_beats(qtbot, bars, step, said):
    roll = _roll(qtbot, 3, bars, [step])
    assert roll.hit_at(step + 0.2, KICK + 0.5).startswith(f"kick at {said},")
