"""The editor's status line says what each key did, a narrow editor keeps what matters of its texts, and the
pad's hint stays off the triangle's corners and base at every size (QA round 64).

- The setting keys ([ ] 1-9 0 R Ctrl+arrows) and paging (Ctrl+PgDn/PgUp) left the line as it was ("input:
  funk_bass.mid ..." or an edit made in bar 2 after paging to bars 5-6); with hand edits a change said only "9
  hand edits kept on top".
- At 420 px the roll's heading lost its bars ("funk_bass.mid · bars 1…") beside "generated in 22.2 ms", and a
  dropped hit's line was cut before where the hit went ("... 0.08 of a 16th late to kick at bar 1, beat 2").
- At 1024x640 and 946x700 the pad's hint ran onto the A-B line and the A and B circles.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import QRectF, QSize, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

import test_panel  # noqa: E402
from test_editor_clicks_and_paging import opened  # noqa: E402
from test_editor_hand_edits import TOM, click_cell, empty_cell  # noqa: E402
from test_panel_drag_hits import drag  # noqa: E402
from test_panel_pad_hint import hint_pixels  # noqa: E402

from reagroove.core.genres import GENRE_LABELS, GENRES  # noqa: E402
from reagroove.core.loop import N_VOICES, VOICES  # noqa: E402
from reagroove.reaper_ext.panel.pad import LatentPad  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures
C = Qt.KeyboardModifier.ControlModifier


def key(w, qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> str:
    QTest.keyClick(w, k, modifier)
    # the loop the key asked for drawn, with the engine's notes on it (under load they came after the next key)
    qtbot.waitUntil(lambda: w._shown_request >= w._request_id, timeout=5000)
    qtbot.wait(20)
    return w.status_line.text()


def active(w, qtbot):
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=2000)
    return w


# ---------------------------------------------------------------- 1. what a key did


def test_each_setting_key_says_what_it_did(make_panel, qtbot):
    w = active(opened(make_panel, qtbot), qtbot)
    assert w.status_line.text().startswith("input: funk_bass.mid")
    assert key(w, qtbot, Qt.Key.Key_BracketRight) == "density 0.55"  # from auto (the middle) up one step
    assert key(w, qtbot, Qt.Key.Key_BracketLeft) == "density 0.5"
    assert key(w, qtbot, Qt.Key.Key_3) == f"genre {GENRE_LABELS[GENRES[2]]}"
    assert key(w, qtbot, Qt.Key.Key_0) == "genre any"
    # the engine's notes on the drums shown follow it, as they follow any line ("follow has no effect...")
    assert key(w, qtbot, Qt.Key.Key_Down, C).startswith("follow 0.95")
    assert key(w, qtbot, Qt.Key.Key_Right, C).startswith("A ↔ B 0.05")
    said = key(w, qtbot, Qt.Key.Key_R)
    assert said == f"new seed {w.controller.settings.seed}", said
    w.seed_box.dice.click()  # the dice beside the seed: the same word
    assert w.status_line.text() == f"new seed {w.controller.settings.seed}"
    assert key(w, qtbot, Qt.Key.Key_Up, C).startswith("follow 1")
    assert key(w, qtbot, Qt.Key.Key_Up, C).startswith("follow 1 (the most)")  # at its end: said, not lost


def test_paging_says_the_bars_shown(make_panel, qtbot):
    """After paging to bars 3-4 the line still told of a hit added in bar 1."""
    w = active(opened(make_panel, qtbot), qtbot)
    click_cell(w, empty_cell(w.roll.loop), TOM)
    assert w.status_line.text().startswith("added: high tom at bar 1")
    assert key(w, qtbot, Qt.Key.Key_PageDown, C) == "bars 3-4 (2 of 4)"
    assert w.input_label.text() == "funk_bass.mid · bars 3-4 (2 of 4)"
    assert key(w, qtbot, Qt.Key.Key_PageUp, C) == "bars 1-2 (1 of 4); 1 hand edit on these bars"
    w.window_spin.setValue(4)  # the window box: the same
    assert w.status_line.text() == "bars 7-8 (4 of 4)"
    assert key(w, qtbot, Qt.Key.Key_PageDown, C) == "the last bars of the input are shown"


def test_a_change_with_hand_edits_says_what_changed_and_the_edits_kept(make_panel, qtbot):
    w = active(opened(make_panel, qtbot), qtbot)
    click_cell(w, empty_cell(w.roll.loop), TOM)
    assert len(w.controller.edits) == 1
    w.density_auto.setChecked(False)
    assert w.status_line.text() == "density 0.5; 1 hand edit kept on top"
    w.density_slider.slider.setValue(600)  # a slider: no key, said all the same
    assert w.status_line.text() == "density 0.6; 1 hand edit kept on top"
    assert key(w, qtbot, Qt.Key.Key_BracketRight) == "density 0.65; 1 hand edit kept on top"
    w.genre_combo.setCurrentIndex(GENRES.index("jazz") + 1)
    assert w.status_line.text().startswith(f"genre {GENRE_LABELS['jazz']}; 1 hand edit kept on top")


def test_without_hand_edits_a_slider_leaves_the_line_to_what_it_said(make_panel, qtbot):
    """Only keys and the dice say their change when no hand edit is kept: a drag on a slider would write over the
    line at every move."""
    w = opened(make_panel, qtbot)
    said = w.status_line.text()
    w.density_auto.setChecked(False)
    w.density_slider.slider.setValue(600)
    assert w.status_line.text() == said


# ---------------------------------------------------------------- 2. a narrow editor keeps what matters


def narrow(make_panel, qtbot, width=420):
    w = opened(make_panel, qtbot)
    w.resize(QSize(width, 800))
    qtbot.waitUntil(lambda: w.size() == QSize(width, 800) and w.narrow, timeout=3000)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    return w


def test_the_narrow_roll_heading_keeps_its_bars_and_drops_the_time(make_panel, qtbot):
    w = narrow(make_panel, qtbot)
    heading = w.input_label
    assert heading.text() == "funk_bass.mid · bars 1-2 (1 of 4)"
    assert heading.shown_text() == heading.text()  # whole
    assert heading.fontMetrics().horizontalAdvance(heading.shown_text()) <= heading.contentsRect().width()
    assert not w.generation_label.isVisible()  # the time went first
    assert w.generation_label.text().startswith("generated in")  # still kept, shown once there is room
    w.resize(QSize(1320, 820))
    qtbot.waitUntil(lambda: not w.narrow, timeout=3000)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert w.generation_label.isVisible() and heading.shown_text() == heading.text()


def test_a_long_name_is_cut_in_the_heading_never_its_bars(make_panel, qtbot, tmp_path):
    import shutil

    path = tmp_path / "my_band_final_mix_verse_chorus_bridge_take_12_bass.mid"
    shutil.copy(test_panel.FUNK_BASS, path)
    w = narrow(make_panel, qtbot)
    assert w.open_midi(path)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    heading = w.input_label
    shown = heading.shown_text()
    assert shown != heading.text() and "…" in shown.split(" · ")[0], shown
    assert shown.endswith(" · bars 1-2 (1 of 4)") and shown.startswith("my_band") and shown.split(" · ")[0].endswith(".mid")
    assert heading.fontMetrics().horizontalAdvance(shown) <= heading.contentsRect().width()


def test_a_dropped_hit_reads_naturally_and_says_where_it_went_at_420_px(make_panel, qtbot):
    w = narrow(make_panel, qtbot)
    loop, snare = w.roll.loop.copy(), VOICES.index("snare")
    step = next(int(s) for s in np.nonzero(loop[:, snare] > 0)[0] if loop[s, TOM] == 0 and s < 30)
    velocity = max(1, round(float(loop[step, N_VOICES + snare]) * 127))
    drag(w, step, snare, step, TOM)
    assert w.roll.loop[step, TOM] == 1, w.last_message
    said, there = w.status_line.text(), w.roll.place(step, TOM)
    bar, beat = there.split(" at ")[1].split(", ", 1)
    # where it was, its velocity and timing aside, then where it went (in the same bar: not said again)
    assert said.startswith(f"moved: snare at {bar}, ") and f"(velocity {velocity}" in said, said
    assert f") to high tom at {beat}; " in said and said.endswith("(Ctrl+Z undoes)"), said
    assert said.index("velocity") < said.index(" to high tom")
    shown = w.status_line.shown_text()  # 420 px: the details go, where it went stays
    assert shown != said and f"to high tom at {beat}" in shown, shown
    assert w.status_line.fontMetrics().horizontalAdvance(shown) <= w.status_line.contentsRect().width()
    assert w.status_line.toolTip() == said  # whole a hover away


def test_the_status_line_drops_details_before_its_point():
    from reagroove.reaper_ext.panel.short_lines import shortened

    line = "moved: kick at bar 1, beat 2 (velocity 90, 0.08 of a 16th late) to beat 3; 2 hand edits kept (Ctrl+Z undoes)"
    fits = lambda most: (lambda text: len(text) <= most)  # noqa: E731
    assert shortened(line, fits(200)) == line
    assert shortened(line, fits(100)) == "moved: kick at bar 1, beat 2 (velocity 90, 0.08 of a 16th late) to beat 3; 2 hand edits kept"
    assert shortened(line, fits(80)) == "moved: kick at bar 1, beat 2 (velocity 90, 0.08 of a 16th late) to beat 3; …"
    assert shortened(line, fits(45)) == "moved: kick at bar 1, beat 2 to beat 3; …"
    assert shortened(line, fits(10)) == "moved: kick at bar 1, beat 2 to beat 3"  # the label cuts it with "…"


# ---------------------------------------------------------------- 3. the pad's hint


def markers(pad: LatentPad) -> dict[str, QRectF]:
    """What the hint must never cover: the A, B and G circles (with their rings), their names, the A-B line, the
    readout in the top left corner, and the point."""
    a, b, g = (pad.vertex_pos(k) for k in "ABG")
    point = pad.point_pos()
    boxes = {f"{k} circle": QRectF(p.x() - 11, p.y() - 11, 22, 22) for k, p in (("A", a), ("B", b), ("G", g))}
    boxes.update({f"{k} name": box for k, (box, _) in pad.corner_labels().items()})
    boxes["G name"] = QRectF(g.x() + 14, g.y() - 8, max(pad.width() - g.x() - 16, 0), 16)
    boxes["A-B line"] = QRectF(a.x(), a.y() - 2, b.x() - a.x(), 4)
    boxes["readout"] = QRectF(8, 6, 110, 32)
    boxes["point"] = QRectF(point.x() - 10, point.y() - 10, 20, 20)
    return boxes


def covered(pad: LatentPad, monkeypatch) -> list[str]:
    hint = hint_pixels(pad, monkeypatch)
    return [name for name, box in markers(pad).items() if any(box.contains(x + 0.5, y + 0.5) for x, y in hint)]


@pytest.mark.parametrize("size", [(240, 160), (246, 160), (256, 182), (297, 160), (300, 200), (340, 280), (412, 286),
                                  (700, 300)])
@pytest.mark.parametrize("follow", [0.0, 0.4, 1.0])
def test_the_pad_hint_never_covers_the_corners_names_or_base(qtbot, monkeypatch, size, follow):
    pad = LatentPad()
    qtbot.addWidget(pad)
    pad.resize(*size)
    pad.set_state(0.5, follow, None, None)
    assert covered(pad, monkeypatch) == []
    box = pad.hint_box()
    if box is not None:  # where it is drawn, it lies between G and the A-B line, inside the pad
        assert pad.vertex_pos("G").y() + 9 < box.top() and box.bottom() < pad.vertex_pos("A").y() - 9
        assert QRectF(pad.rect()).contains(box)
    if size[1] >= 200:
        assert box is not None and len(hint_pixels(pad, monkeypatch)) > 300  # room enough: shown


@pytest.mark.parametrize("sizes, advanced", [([QSize(1024, 640)], True),
                                             ([QSize(946, 700)], False),
                                             ([QSize(1400, 900), QSize(640, 480), QSize(944, 700), QSize(946, 700)], False)])
def test_the_pad_hint_in_the_editor_at_1024_and_946_px(make_panel, qtbot, monkeypatch, sizes, advanced):
    """The QA tester's screenshots: the hint's last line on the A-B line, between the A and B circles (946 px after
    a narrow window: the pad squeezed to its least height)."""
    w = make_panel()
    assert w.open_midi(test_panel.FUNK_BASS)
    for size in sizes:
        w.resize(size)
        qtbot.waitUntil(lambda: w.size() == size, timeout=2000)
        panel_helpers.wait_for_settled_layout(qtbot, w)
    if advanced:
        w.toggle_advanced()
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert not w.pad.active and w.pad.isVisible()
    assert covered(w.pad, monkeypatch) == []
    assert len(hint_pixels(w.pad, monkeypatch)) > 300  # and it is there to read
