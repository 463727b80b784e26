"""A hand edit on the piano roll while the next bars (or version) are still being drawn: the engine slow (a loaded
CPU, a big part), the roll still shows the drums before under the new bars' heading. A click there had edited the new
bars by the old bars' hits; it is refused now, said, and the same click edits once the drums are drawn.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import threading

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_editor_hand_edits import click_cell  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

from reagroove.core.loop import VOICES  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
KICK = VOICES.index("kick")


def drawn(w) -> bool:
    return w.roll.tag == w._request_id


def held_preview(w) -> threading.Event:
    """The preview's engine held until the event is set, as a slow one is."""
    go_on = threading.Event()
    generate = w.preview.generate
    w.preview.generate = lambda *a, **k: go_on.wait(10) and generate(*a, **k)
    return go_on


def opened(make_panel, qtbot):
    w = make_panel()
    w.resize(1280, 720)
    assert w.open_midi(FUNK_BASS)
    qtbot.waitUntil(lambda: drawn(w), timeout=5000)
    return w


def test_a_click_on_the_last_bars_drums_while_the_next_are_drawn_edits_nothing(make_panel, qtbot):
    """Paged to bars 3-4, clicked on a kick still drawn from bars 1-2: "removed: kick at bar 3, beat 2" was kept as a
    hand edit of bar 3, made on a hit the producer never saw there."""
    w = opened(make_panel, qtbot)
    go_on = held_preview(w)
    step = next(s for s in range(4, 16) if w.roll.loop[s, KICK] > 0)
    try:
        w.window_spin.setValue(2)
        assert w.input_label.text().endswith("bars 3-4 (2 of 4)") and not drawn(w)  # the heading says the new bars
        click_cell(w, step, KICK)
        assert len(w.controller.edits) == 0, w.controller.edits.as_dict()
        assert w.last_message.startswith("not edited") and "bars 3-4" in w.last_message, w.last_message
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: drawn(w), timeout=5000)
    had = w.roll.loop[step, KICK] > 0
    click_cell(w, step, KICK)  # drawn: the click edits the bars shown
    assert len(w.controller.edits) == 1 and (w.roll.loop[step, KICK] > 0) != had, w.last_message


def test_a_click_while_another_version_is_drawn_edits_nothing(make_panel, qtbot):
    """Alt+→ to version 2 and a click at once: the edit went onto version 1 (still drawn), then version 2 was drawn
    without it."""
    w = opened(make_panel, qtbot)
    go_on = held_preview(w)
    try:
        w.version_spin.setValue(2)
        click_cell(w, 6, KICK)
        assert w.controller.all_edits() == {}, w.controller.all_edits()
        assert w.last_message.startswith("not edited") and "version 2" in w.last_message, w.last_message
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: drawn(w), timeout=5000)
    click_cell(w, 6, KICK)
    assert set(w.controller.all_edits()) == {2}, w.last_message
