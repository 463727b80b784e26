"""The editor as a producer uses it: defects found by driving it offscreen, one test each.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

import test_panel  # noqa: E402
import test_panel_fit  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel, no_dialogs = test_panel.make_panel, test_panel.no_dialogs  # its fixtures, used here too

LONG_FILE = "my_band_final_mix_verse_chorus_bridge_take_12_really_final_version_2026_bass_and_keys_v3.mid"


def test_a_long_input_file_name_does_not_widen_the_window_past_a_small_screen(make_panel, qtbot, tmp_path):
    """A bounced file's long name in the piano roll's header (and the Live status tempo line) made the
    window at least 1370 px wide: on a laptop screen its right side was off the screen."""
    path = tmp_path / LONG_FILE
    shutil.copy(FUNK_BASS, path)
    w = make_panel()
    assert w.open_midi(path)
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=5000)
    assert w.minimumSizeHint().width() <= test_panel_fit.SMALL.width()
    w.resize(test_panel_fit.SMALL)
    qtbot.waitUntil(lambda: w.size() == test_panel_fit.SMALL, timeout=2000)
    qtbot.wait(50)
    assert test_panel_fit.cut_widgets(w) == []
    assert LONG_FILE in w.input_label.toolTip()  # the whole name is a hover away
