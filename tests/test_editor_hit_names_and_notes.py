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
    (None, 10, "bar 3, the 'and' of 3"),                           # 4/4 and 3/4 keep their quarter beats
    (((0.0, 3, 4), (3.0, 3, 4)), 14, "bar 4, the 'and' of 1"),
])
def test_a_hit_in_quarter_time_keeps_beats(qtbot, bars, step, said):
    roll = _roll(qtbot, 3, bars, [step])
    assert roll.hit_at(step + 0.2, KICK + 0.5).startswith(f"kick at {said},")


# ---------------------------------------------------------------- the engine's notes on the preview

from pathlib import Path  # noqa: E402

from helpers import groove_with  # noqa: E402
from stub_model import StubModel  # noqa: E402

from reagroove.core.engine import Engine  # noqa: E402
from reagroove.core.patterns import PatternStore  # noqa: E402
from reagroove.reaper_ext.panel.app import PanelWindow  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
SWINGS = "note: the part swings"


@pytest.fixture
def panel(qtbot, tmp_path):
    w = PanelWindow(Engine(StubModel(), PatternStore()), config_dir=tmp_path / "config",
                    list_ports=lambda: ([], []), standalone=True)
    qtbot.addWidget(w)
    w.show()
    return w


def _previewed(qtbot, w):
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id and w._shown_request == w._request_id, timeout=10000)


def test_the_preview_says_the_engines_notes_after_the_input_line(qtbot, panel):
    """shuffle_blues.mid: `reagroove drumify` prints "note: the part swings ...: the drums swing with it"; the
    editor drew those swung drums and said nothing of it."""
    assert panel.open_midi(EXAMPLES / "shuffle_blues.mid")
    _previewed(qtbot, panel)
    line = panel.status_line.text()
    assert line.startswith("input: shuffle_blues.mid") and SWINGS in line
    assert line.count(SWINGS) == 1


def test_a_fill_bar_the_music_does_not_reach_is_said_and_put_right(qtbot, panel):
    assert panel.open_midi(EXAMPLES / "funk_bass.mid")
    _previewed(qtbot, panel)
    panel.type_fill_bars("4, 99")
    _previewed(qtbot, panel)
    assert "note: fill bar 99 is outside the part (bars 1-8): no fill there" in panel.status_line.text()
    panel.type_fill_bars("4")
    _previewed(qtbot, panel)
    assert "fill bar" not in panel.status_line.text()  # other drums now: the note went with them


def test_the_controller_preview_carries_its_notes(panel):
    c = panel.controller
    s = c.settings.replace(fill_bars=(99,))
    loop = c.generate(s, groove_with(range(0, 32, 4)))
    assert any("fill bar 99" in m for m in loop.notes) and loop.shape == (STEPS, HVO_WIDTH)


def test_a_hit_under_the_pointer_is_said_with_its_velocity(qtbot):
    """A producer reading a hit's velocity had to click it (which removes it) or wheel it (which changes it):
    hovering said nothing. The hit under the pointer is now the roll's tooltip, its velocity in it; off a hit
    the tooltip is the editing hint again."""
    from pyqtgraph import Point
    from PySide6.QtTest import QTest

    roll = _roll(qtbot, 1, None, [4])
    roll.resize(800, 300)
    roll.show()
    qtbot.waitExposed(roll)
    vb = roll.getPlotItem().vb

    def at(x, y):
        return roll.mapFromScene(vb.mapViewToScene(Point(x, y)))

    QTest.mouseMove(roll.viewport(), at(4.3, KICK + 0.5))
    assert roll.toolTip() == "kick at bar 1, beat 2, velocity 102", roll.toolTip()
    QTest.mouseMove(roll.viewport(), at(12.3, KICK + 0.5))
    assert roll.toolTip().startswith("Click an empty cell")
