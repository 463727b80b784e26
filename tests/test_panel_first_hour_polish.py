"""A producer's first hour in the full editor and the docked panel (stop 77's walkthrough, U5): small frictions.

- The genre prototypes, as patterns A and B, were named raw ("hiphop", "latin") in the pattern boxes, under the
  pad's corners and in the docked panel, beside the genre box's and the sliders' "Hip-Hop/R&B/Soul" and "Latin".
- Bars typed in Fill bars left the status line as it was (or blank, where it had put a note right): nothing said
  whether Enter had taken them.
- The Live status' "Generation: –" stood beside the roll's "generated in 22 ms", as if nothing had been made.
"""

import panel_helpers  # noqa: F401  (Qt offscreen; the file skipped without PySide6, pyqtgraph or pytest-qt)
import pytest
import test_panel
from helpers import groove_with
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.patterns import Pattern, PatternStore
from reagroove.reaper_ext.panel.undo_names import next_step_text

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs


def genre_engine():
    """The stand-in model with two genre prototypes whose names are not their genre's label, and a saved pattern."""
    store = PatternStore({
        "hiphop": Pattern("hiphop", groove_with(range(0, 32, 8)), source="built in"),
        "latin": Pattern("latin", groove_with([0, 3, 6, 10, 12, 19, 22, 26]), source="built in"),
    })
    store.user["my groove"] = Pattern("my groove", groove_with(range(0, 32, 4)), source="yours")
    return Engine(StubModel(), store)


def opened(make_panel, qtbot, engine=None):
    w = make_panel(engine)
    w.resize(1200, 800)
    assert w.open_midi(test_panel.FUNK_BASS)
    qtbot.waitUntil(lambda: w.roll.drum_hit_count() > 0, timeout=5000)
    return w


def type_into(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key.Key_Backspace)  # the field emptied: "" typed is Fill bars cleared
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


# ---------------------------------------------------------------- one naming of the genres


def test_genre_prototypes_as_patterns_are_named_as_the_genre_box_names_them(make_panel, qtbot):
    w = opened(make_panel, qtbot, genre_engine())
    a, b = w.pattern_combos["A"], w.pattern_combos["B"]
    shown = [a.itemText(i) for i in range(a.count())]
    assert shown == ["none", "Hip-Hop/R&B/Soul", "Latin", "my groove"], shown
    genre_box = [w.genre_combo.itemText(i) for i in range(w.genre_combo.count())]
    assert any(t.startswith("Hip-Hop/R&B/Soul") for t in genre_box)  # the same words as the genre box's
    test_panel.pick(a, shown.index("Hip-Hop/R&B/Soul"))
    test_panel.pick(b, shown.index("Latin"))
    # the settings keep the patterns' own names: the CLI, REAPER's actions and the docked panel read them
    assert (w.controller.settings.pattern_a, w.controller.settings.pattern_b) == ("hiphop", "latin")
    assert a.currentText() == "Hip-Hop/R&B/Soul" and "pattern A: Hip-Hop/R&B/Soul" in a.toolTip()
    labels = {k: text for k, (_, text) in w.pad.corner_labels().items()}
    assert labels["B"] == "B · Latin" and labels["A"].startswith("A · Hip-Hop"), labels
    assert w.pad.names() == "A: Hip-Hop/R&B/Soul · B: Latin"
    # a pattern the producer saved keeps the name they gave it; a box is still found by a pattern's name
    test_panel.pick(b, b.findText("my groove"))
    assert w.controller.settings.pattern_b == "my groove" and b.currentText() == "my groove"
    assert b.findText("latin") == b.findText("Latin") == 2
    assert next_step_text(w.controller) == "pattern B Latin → my groove"  # as the Edit menu's Undo names it
    w.undo_edit()
    assert w.controller.settings.pattern_b == "latin" and b.currentText() == "Latin"
    w.close()


def test_the_docked_panel_names_a_genre_prototype_as_its_slider(tmp_path, monkeypatch):
    import test_dock
    from fake_reaper import reapy_inside

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.dock import host
    from reagroove.reaper_ext.panel.store import SharedSettings

    config = tmp_path / "config"
    monkeypatch.setenv("REAGROOVE_CONFIG", str(config))
    try:
        with reapy_inside(test_dock.project()) as s:
            _, gui = test_dock.open_dock(s)
            SharedSettings(config / "settings.json").write(Settings(pattern_a="hiphop", pattern_b="my groove"))
            s.reaper.run_deferred()
            texts = [wd.label for wd in gui.last_frame() if wd.kind == "text"]
            assert "A: Hip-Hop/R&B/Soul" in texts and "B: my groove" in texts, texts
    finally:
        host._open["panel"] = None


# ---------------------------------------------------------------- Fill bars typed: taken or refused, said


@pytest.mark.parametrize("typed, said", [("4, 8", "fills in bars 4, 8"), ("8", "a fill in bar 8"),
                                         ("", "no bars chosen for fills")])
def test_fill_bars_typed_and_taken_are_said(make_panel, qtbot, typed, said):
    w = opened(make_panel, qtbot)
    if not typed:
        type_into(w.fills.bars, "4")
    type_into(w.fills.bars, typed)
    assert w.controller.settings.fill_bars == tuple(int(b) for b in typed.split(", ") if b)
    assert w.status_line.text() == said, w.status_line.text()
    w.close()


def test_fill_bars_cleared_beside_fills_every_n_bars_say_those_still_play(make_panel, qtbot):
    # "no bars chosen for fills" read as no fills while Fills still ended every 8th bar (C5's review)
    w = opened(make_panel, qtbot)
    w.controller.update(fill_every=4)
    type_into(w.fills.bars, "6")
    assert w.status_line.text() == "a fill in bar 6, and a fill every 8 bars (Fills)", w.status_line.text()
    type_into(w.fills.bars, "")
    assert w.status_line.text() == "no fill bars chosen; a fill every 8 bars (Fills) still plays", w.status_line.text()
    w.close()


def test_fill_bars_typed_again_are_said_again_and_a_refusal_says_why(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    type_into(w.fills.bars, "4, 8")
    w.say("")
    type_into(w.fills.bars, "4 8")  # the same bars: Enter still answers
    assert w.status_line.text() == "fills in bars 4, 8"
    type_into(w.fills.bars, "four")
    assert "not a list of bar numbers" in w.status_line.text() and w.controller.settings.fill_bars == (4, 8)
    w.close()


def test_fill_bars_taken_say_the_hand_edits_kept_on_top(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    QTest.mouseClick(w.roll.viewport(), Qt.MouseButton.LeftButton, pos=w.roll.cell_pos(2, 1))
    assert len(w.controller.edits) == 1
    type_into(w.fills.bars, "4")
    assert w.status_line.text().startswith("a fill in bar 4; 1 hand edit"), w.status_line.text()
    w.close()


# ---------------------------------------------------------------- one place for the generation time


def test_the_live_status_says_the_previews_generation_time_not_a_dash(make_panel, qtbot):
    w = make_panel()
    generation = w.status_labels["generation"]
    assert generation.text() == "–"  # nothing made yet
    assert w.open_midi(test_panel.FUNK_BASS)
    qtbot.waitUntil(lambda: w.generation_label.text().startswith("generated in"), timeout=5000)
    assert generation.text() == f"preview {w.generation_label.text()}", generation.text()
    w._edit(w.controller.update, density=0.8)
    qtbot.waitUntil(lambda: w._shown_request == w._request_id, timeout=5000)
    assert generation.text() == f"preview {w.generation_label.text()}"  # the latest, not the first
    w.close()
