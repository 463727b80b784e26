"""The README's picture of the editor (docs/panel_shots.py, docs/panel.png) keeps the colours a reader looks for.
Saved in 256 colours, the pad's red point (about 120 pixels of one colour) had no palette entry of its own: it came
out as speckled orange, the colour of the B corner, in the picture of a point between A and B."""

import importlib.util
from pathlib import Path

import numpy as np

import panel_helpers  # noqa: F401  (first: Qt offscreen, and this file skipped without Qt)

from test_panel_firstrun_docs_pictures import pixels  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
POINT = (250, 90, 110)  # the pad's point (panel/pad.py)


def load_shots():
    spec = importlib.util.spec_from_file_location("panel_shots", ROOT / "docs" / "panel_shots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pad_point_keeps_its_red_in_the_editors_picture(qapp, shipped, tmp_path, monkeypatch, capsys):
    """The picture as the README has it: the shipped model's patterns, the point between A and B."""
    shots = load_shots()
    small = shots.save_small

    def keeping_the_full_picture(picture, path):
        assert picture.save(str(tmp_path / "full.png"))
        return small(picture, path)

    monkeypatch.setattr(shots, "save_small", keeping_the_full_picture)
    shots.qt_panel(tmp_path, shipped, "shipped model")
    drawn, saved = pixels(tmp_path / "full.png"), pixels(tmp_path / "panel.png")
    point = (drawn == POINT).all(axis=2)
    assert point.sum() > 50  # the point was drawn (a disc of about 120 pixels)...
    kept = (saved[point] == POINT).all(axis=1).mean()
    assert kept > 0.9, f"{kept:.0%} of the point's pixels kept its red; the rest {saved[point][:3].tolist()}"
    assert np.abs(drawn - saved).mean() < 3.0  # and the picture as a whole within a shade
