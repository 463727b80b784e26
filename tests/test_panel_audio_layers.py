"""The full editor opening an audio take hears a new layer coming in as File > Export does (test_audio_layers.py's
take: a bass alone for 8 bars, keys and a strum joining on bar 9). The editor had dropped the take's band levels:
its roll and Variations had no crash on bar 9 where the exported drums have one.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_audio_layers import _read  # noqa: E402
from test_panel_first_hour import drawn  # noqa: E402

from reagroove.core.loop import VOICES  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
CRASH = VOICES.index("crash")


def _show_bar(w, qtbot, bar: int) -> tuple[int, int]:
    """The roll on the window holding `bar`, drawn: (that window, the bar's first step in it)."""
    source = w.controller.input
    window = int(np.flatnonzero(source.bars <= bar)[-1])
    w._pick_window(window + 1)
    drawn(w, qtbot)
    return window, (bar - int(source.bars[window])) * 16


def test_an_audio_takes_preview_crashes_where_a_new_layer_comes_in_as_its_export_does(make_panel, qtbot, tmp_path):
    _read(tmp_path, join_bar=9)  # writes take.wav
    w = make_panel()
    assert w.open_midi(tmp_path / "take.wav")
    window, step = _show_bar(w, qtbot, 9)
    preview = w._base_shown[2]
    assert preview[step, CRASH] > 0, w.last_message  # the crash on the band's entrance, in the roll
    # what File > Export writes on these bars (controller.export_drums drums the whole file so), bit for bit
    export = w.controller.engine.drumify(w.controller.input.content, w.controller.settings)
    assert 9 in export.section_bars
    assert np.array_equal(preview, export.loops[window])
    w.variations_spin.setValue(2)  # Variations' version 2 of the same bars hears the layer too
    w.version_spin.setValue(2)
    drawn(w, qtbot)
    assert w._version_drawn == 2 and w._base_shown[2][step, CRASH] > 0
