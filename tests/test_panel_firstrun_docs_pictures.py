"""The README's pictures of the panels (docs/panel_shots.py) are what a new user sees first, and every clone carries
them: saved in full colour they grew with each redraw (152 KB, 160 KB and 35 KB). Saved small, a picture must still
be the panel as drawn: the same size, its flat colours exact (the mode badge's), the rest within a shade."""

from pathlib import Path

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_editor_clicks_and_paging import opened  # noqa: E402

from reagroove.reaper_ext.panel.controller import FILES  # noqa: E402
from reagroove.reaper_ext.panel.modes import MODE_COLOURS  # noqa: E402

from test_panel_screenshot import load_shots  # noqa: E402  (docs/panel_shots.py, loaded from its path)

make_panel = panel_helpers.make_panel
ROOT = Path(__file__).resolve().parents[1]


def pixels(path: Path) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    return rows[:, :3 * width].reshape(height, width, 3).astype(int)


def test_a_panel_picture_saved_small_is_the_panel_as_drawn_in_well_under_its_full_colour_size(make_panel, qtbot,
                                                                                               tmp_path):
    from PySide6.QtGui import QColor

    w = opened(make_panel, qtbot)
    w.resize(1320, 820)
    qtbot.waitUntil(lambda: w.size().width() == 1320, timeout=2000)
    panel_helpers.wait_for_settled_layout(qtbot, w)  # (a fixed wait grabbed it mid-layout on a loaded machine)
    picture = w.grab()
    full, small = tmp_path / "full.png", tmp_path / "panel.png"
    assert picture.save(str(full))
    assert load_shots().save_small(picture, small)
    assert not list(tmp_path.glob("*.part"))  # written whole, in place
    assert small.stat().st_size < 0.8 * full.stat().st_size, (small.stat().st_size, full.stat().st_size)
    drawn, saved = pixels(full), pixels(small)
    assert drawn.shape == saved.shape
    assert np.abs(drawn - saved).mean() < 3.0  # within a shade on average (dithered onto 256 colours)
    badge = QColor(MODE_COLOURS[FILES])
    at = np.argwhere((drawn == (badge.red(), badge.green(), badge.blue())).all(axis=2))
    assert len(at) > 100  # the badge was drawn in its colour...
    assert (saved[tuple(at.T)] == (badge.red(), badge.green(), badge.blue())).all()  # ...and kept exactly


def test_a_flat_colour_beside_a_near_shade_in_the_picture_is_kept_exactly():
    # A badge's colour with shades a few steps off it elsewhere (a gradient, an anti-aliased edge) had the median
    # cut's colour for those shades within NEAR of it, so it got no entry of its own and dithered into a speckle of
    # two colours (the docs-picture test above failed so in CI, under load, twice)
    from PIL import Image

    rng = np.random.default_rng(0)
    badge = np.array([214, 92, 40])
    pixels_ = rng.integers(0, 256, (160, 160, 3))
    pixels_[:40] = np.clip(badge + rng.integers(-3, 4, (40, 160, 3)), 0, 255)  # shades around it, none flat
    pixels_[100:120, 20:40] = badge  # the badge: 400 pixels of one colour
    full = Image.fromarray(pixels_.astype(np.uint8), "RGB")
    small = load_shots().to_small(full)
    kept = np.asarray(small.convert("RGB")).astype(int)[100:120, 20:40]  # its edges too, beside noisy neighbours
    assert (kept == badge).all(), np.unique(kept.reshape(-1, 3), axis=0)[:4]


def test_badges_among_shades_of_their_own_colour_keep_every_pixel_exactly(tmp_path):
    # CI's full run drew the panel with 453 flat colours, and 2 of the mode badge's 3,683 pixels came out a shade off:
    # the dither carried its neighbours' error onto them (the palette held the badge's colour exactly)
    from PySide6.QtGui import QImage

    rng = np.random.default_rng(0)
    badge = np.array([59, 111, 181])
    drawn = np.clip(badge + rng.integers(-40, 41, (120, 120, 3)), 0, 255)  # shades all around the badge's colour
    for top, left in rng.integers(0, 114, (30, 2)):
        drawn[top:top + 6, left:left + 6] = badge  # small badges among them
    rgb = np.ascontiguousarray(drawn.astype(np.uint8))
    image = QImage(rgb.data, 120, 120, 3 * 120, QImage.Format.Format_RGB888).copy()
    assert load_shots().save_small(image, tmp_path / "small.png")
    saved = pixels(tmp_path / "small.png")
    at = (drawn == badge).all(axis=2)
    assert (saved[at] == badge).all(axis=1).all(), f"{(saved[at] != badge).any(axis=1).sum()} badge pixels changed"
    assert np.abs(saved - drawn).mean() < 4.0  # the shades within a few steps (noisy, dithered onto 256 colours)
