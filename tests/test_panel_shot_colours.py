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


def test_a_small_point_far_from_every_other_colour_keeps_its_own_palette_entry():
    """The pad's point (118 pixels) is the smallest of the picture's flat colours the median cut has nothing near:
    when the slots for such colours went by pixel count, bigger badges took them all and the point came out as
    another colour, dithered (the README's picture showed an orange point)."""
    from PIL import Image

    shots = load_shots()
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:600, 0:800]
    # a smooth background of many shades (none of them flat), red-green with no blue, lightly noisy
    picture = np.stack([x * 255 // 800, y * 255 // 600, np.zeros_like(x)], -1) + rng.integers(0, 3, (600, 800, 3))
    for k in range(shots.KEPT_FLAT + 6):  # more flat badges than slots, each bigger than the point, all bluish
        top, left = 20 + 60 * (k // 10), 20 + 70 * (k % 10)
        picture[top:top + 20, left:left + 20] = (40 + 9 * k, 200 - 7 * k, 70)
    picture[500:510, 400:412] = POINT  # 120 pixels
    full = Image.fromarray(picture.clip(0, 255).astype(np.uint8), "RGB")
    small = shots.to_small(full)
    saved = np.asarray(small.convert("RGB")).astype(int)
    assert (saved[500:510, 400:412] == POINT).all(axis=2).mean() > 0.9
