"""The docked panel used in the dockers a producer gives it (200 px, 300 px, a 60 px sliver): what read wrong or
could not be reached there, each fixed here."""

import pytest
from fake_reaper import reapy_inside
from test_dock import config, open_dock, project  # noqa: F401  (config: its fixture)

from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.dock.view import BUTTON_PAD
from reagroove.reaper_ext.panel.store import SharedSettings

TITLE = host.WINDOW_TITLE


def drawn_at(s, gui, width, height=900.0):
    gui.windows[TITLE].size = (float(width), float(height))
    s.reaper.run_deferred()
    return gui.last_frame()


def slider_frame_w(w):
    """A slider's own frame (where ImGui draws its text): its rect less the label drawn beside it."""
    label = w.label.split("##")[0]
    return (w.rect[2] - w.rect[0]) - ((8.0 + 7.0 * len(label)) if label else 0.0)


@pytest.mark.parametrize("width", [140, 200, 300])
def test_the_fills_slider_text_is_cut_at_its_end_not_clipped_to_another_bar(config, width):
    """Fills every 8 bars and at bars 8, 16 (set in the editor): in a 200 px docker the slider's text was wider than
    the slider, and ImGui clipped it at both ends to "very 8 bars, at bars 8, 1": bar 1, not 16. It now reads from
    its start, cut with "…" where it does not fit, the bars whole in its tooltip."""
    with reapy_inside(project()) as s:
        SharedSettings(config / "settings.json").write(Settings(fill_every=4, fill_bars=(8, 16)))
        _, gui = open_dock(s)
        fills = next(w for w in drawn_at(s, gui, width) if w.kind == "slider_int" and w.label.endswith("Fills"))
        whole = "every 8 bars, at bars 8, 16"
        assert 7.0 * len(fills.shown) + BUTTON_PAD <= slider_frame_w(fills), (fills.shown, fills.rect)
        assert fills.shown == whole or (fills.shown.endswith("…") and whole.startswith(fills.shown[:-1])), fills.shown
        assert "bars 8, 16" in fills.tooltip
        if width == 300:  # room for it: whole
            assert fills.shown == whole


@pytest.mark.parametrize("width", [60, 100])
def test_in_a_sliver_of_a_docker_the_pattern_buttons_are_inside_it_and_clear(config, width):
    """Docked in a 60 px sliver beside the mixer, the pattern rows put "A: …", "←item" and "×" on one line: "×" was
    drawn past the docker's edge, so a pattern could not be cleared there. The buttons now go under the name, each
    on the next row where it does not fit, and × clears the pattern."""
    with reapy_inside(project()) as s:
        SharedSettings(config / "settings.json").write(Settings(pattern_a="Funky_Drummer_Break", pattern_b="funk"))
        panel, gui = open_dock(s)
        frame = drawn_at(s, gui, width)
        right = gui.windows[TITLE].pos[0] + width - 8.0  # the docker's edge, less the window's padding
        rows = [w for w in frame if w.kind == "button" and w.label.split("##")[-1] in ("A", "B")]
        assert sorted(w.label for w in rows) == ["×##A", "×##B", "←item##A", "←item##B"]
        assert [(w.label, w.rect[2]) for w in rows if w.rect[2] > right + 0.5] == []
        names = [w for w in frame if w.kind == "text" and (w.tooltip or "").startswith("pattern ")]
        assert [w.tooltip for w in names] == ["pattern A: Funky_Drummer_Break", "pattern B: Funk"]
        assert all(w.rect[2] <= right + 0.5 for w in names)
        gui.click("×##A")
        s.reaper.run_deferred(2)
        assert panel.settings.pattern_a is None and panel.settings.pattern_b == "funk"
