"""The full editor as a producer uses it (session 36): auditioning Variations' versions, hand edits on each
version, one preview per settings change. Runs under pytest-qt, offscreen, with test_panel.py's stand-in model.
"""

import os

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

import test_panel  # noqa: E402
from test_panel_edits35 import opened, redrawn  # noqa: E402

from reagroove.reaper_ext.panel import controller as controller_module  # noqa: E402

make_panel = test_panel.make_panel  # its fixture, used here too


def written_versions(w, tmp_path, monkeypatch, edits=None) -> list[np.ndarray]:
    """What Variations writes for the window's file, as (W, 32, 27) per version."""
    out = []
    monkeypatch.setattr(controller_module, "write_loops",
                        lambda path, loops, **kw: out.append(np.stack([lp.to_hvo() for lp in loops])))
    c = w.controller
    c.write_variations(tmp_path / "x.mid", c.variations, c.settings, c.input, edits)
    monkeypatch.undo()
    return out


def counted(w, monkeypatch) -> dict:
    """How often the preview is asked for, and the engine runs, from now on."""
    counts = {"requests": 0, "drumify_grooves": 0, "variations_of": 0}
    real_request = w.preview.request

    def request(*args, **kwargs):
        counts["requests"] += 1
        return real_request(*args, **kwargs)

    monkeypatch.setattr(w.preview, "request", request)
    engine = w.controller.engine
    for name in ("drumify_grooves", "variations_of"):
        real = getattr(engine, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            counts[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(engine, name, spy)
    return counts


# ---------------------------------------------------------------- one preview per settings change


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_settings_change_computes_the_version_shown_once(make_panel, qtbot, tmp_path, monkeypatch, version):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    if version != 1:
        redrawn(w, qtbot, lambda: w.version_spin.setValue(version))
    counts = counted(w, monkeypatch)
    redrawn(w, qtbot, lambda: w.density_slider.slider.setValue(900))
    qtbot.wait(200)  # a second request, if any, is served meanwhile
    assert counts["requests"] == 1, counts
    assert counts["drumify_grooves"] == 1 and counts["variations_of"] == (version > 1), counts
    monkeypatch.undo()
    # what is shown is still the version Variations writes, under the new density
    written = written_versions(w, tmp_path, monkeypatch)
    np.testing.assert_array_equal(w.roll.loop, written[version - 1][w.controller.input.window])


def test_a_new_count_redraws_the_version_shown_once(make_panel, qtbot, tmp_path, monkeypatch):
    w = opened(make_panel, qtbot)
    w.variations_spin.setValue(3)
    redrawn(w, qtbot, lambda: w.version_spin.setValue(2))
    counts = counted(w, monkeypatch)
    redrawn(w, qtbot, lambda: w.variations_spin.setValue(4))  # version 2 is drawn among 4 now
    assert counts["requests"] == 1, counts
    redrawn(w, qtbot, w.undo_edit)  # the count back to 3: one request, not two
    assert counts["requests"] == 2, counts
    monkeypatch.undo()
    written = written_versions(w, tmp_path, monkeypatch)
    assert len(written) == 3
    np.testing.assert_array_equal(w.roll.loop, written[1][w.controller.input.window])
