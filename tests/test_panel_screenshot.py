"""docs/panel_shots.py draws the README's "connected screenshot" (docs/panel_reaper.png): the Qt panel connected
to the simulated REAPER, its selection read, live follow on and making loops from a bass played live."""

import importlib.util
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

from stub_model import StubModel  # noqa: E402

from reagroove.core.engine import Engine  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def load_shots():
    spec = importlib.util.spec_from_file_location("panel_shots", ROOT / "docs" / "panel_shots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_connected_screenshot_shows_the_panel_following_reaper_live(qapp, tmp_path, capsys):
    from PySide6.QtGui import QColor, QImage

    from reagroove.reaper_ext.panel.controller import REAPER
    from reagroove.reaper_ext.panel.modes import MODE_COLOURS

    shots = load_shots()
    shots.reaper_panel(tmp_path, Engine(StubModel()), "stand-in model")
    said = capsys.readouterr().out
    # the status lines it reports are the panel's at the moment of the picture: connected, playing, loops made
    assert "REAPER · connected · live follow on" in said and "connected · playing" in said
    assert "3 made" in said
    image = QImage(str(tmp_path / "panel_reaper.png"))
    assert not image.isNull() and (image.width(), image.height()) == (1320, 820)  # the whole window
    badge = image.pixelColor(8, 35)  # the mode badge's left end: REAPER's green, not standalone's blue
    assert badge == QColor(MODE_COLOURS[REAPER])
