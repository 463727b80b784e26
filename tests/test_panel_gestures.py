"""The editor and the docked panel as a producer drives them: what each gesture shows, on the bundled parts.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

from pathlib import Path

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

import test_dock  # noqa: E402
from fake_reaper import imgui as fake_imgui  # noqa: E402
from fake_reaper import reapy_inside  # noqa: E402
from test_panel import FakeReaper, reaper_with_a_muted_pad  # noqa: E402

from reagroove.core.settings import Settings  # noqa: E402
from reagroove.reaper_ext.panel.controller import REAPER, input_from_midi  # noqa: E402
from reagroove.reaper_ext.panel.store import SharedSettings  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures
config = test_dock.config  # the docked panel's config folder
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


# ---------------------------------------------------------------- what opening a part says


def test_opening_a_part_says_its_notes_on_the_one_status_line(make_panel):
    """The waltz opens with a pickup bar and is in 3/4: both notes stay on the status line with the input's name
    (before, they were said and at once replaced by "input: …", so the producer never saw them)."""
    path = EXAMPLES / "piano_waltz.mid"
    notes = input_from_midi(path).messages
    assert len(notes) >= 2  # the pickup and the meter
    w = make_panel(midi=str(path))
    shown = w.status_line.text()
    assert shown.startswith("input: piano_waltz.mid (4 windows of 2 bars)")
    for note in notes:
        assert f"note: {note}" in shown
    assert "\n" not in shown
    w.close()


def test_reading_reaper_s_selection_says_what_it_left_out(make_panel, qtbot):
    fake = reaper_with_a_muted_pad()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.read_reaper_selection()
    qtbot.waitUntil(lambda: w.last_message.startswith("input: REAPER selection"), timeout=3000)
    assert "note: skipped 1 muted item: 'pad'" in w.status_line.text()
    w.close()


# ---------------------------------------------------------------- presets holding the same settings


def test_the_preset_just_saved_is_the_one_shown_and_deleted(make_panel):
    """Saving the settings under a second name showed the first preset's name in the box (the status line
    saying the second was saved), and Delete preset then deleted the first."""
    w = make_panel()
    w.save_preset("verse")
    w.save_preset("chorus")  # the same settings under another name
    assert w.last_message == "preset 'chorus' saved"
    assert w.preset_combo.currentText() == "chorus"
    w.delete_current_preset()
    assert w.controller.preset_names() == ["verse"]
    assert w.preset_combo.currentText() == "verse"  # the settings are still verse's
    w.close()


def test_choosing_a_preset_shows_its_own_name(make_panel):
    w = make_panel()
    for name in ("a", "b", "c"):
        w.save_preset(name)
    for name in ("b", "a", "c"):
        w.preset_combo.setCurrentIndex(w.preset_combo.findText(name))  # the user picks it in the box
        assert w.preset_combo.currentText() == name
    w.follow_slider.slider.setValue(300)  # a change: the settings are no preset's now
    assert w.preset_combo.currentIndex() == -1
    w.close()


# ---------------------------------------------------------------- the docked panel


@pytest.mark.parametrize("every, bars, shown", [(0, (), "off"), (4, (), "every 8 bars"), (1, (), "every 2 bars"),
                                                (0, (8, 16), "at bars 8, 16"),
                                                (4, (8, 16), "every 8 bars, at bars 8, 16")])
def test_the_docked_fills_slider_says_where_the_fills_are(config, monkeypatch, every, bars, shown):
    """Fill bars typed in the full editor: the docked panel's Fills said "off" while Drumify played them."""
    formats = {}
    slider = fake_imgui.SliderInt

    def recorded(ctx, label, v, v_min, v_max, format=None, flags=None):
        formats[label] = format
        return slider(ctx, label, v, v_min, v_max, format, flags)

    monkeypatch.setattr(fake_imgui, "SliderInt", recorded)
    with reapy_inside(test_dock.project()) as s:
        _, gui = test_dock.open_dock(s)
        SharedSettings(config / "settings.json").write(Settings(fill_every=every, fill_bars=bars))
        s.reaper.run_deferred()
        assert formats["Fills"] == shown
        tip = {w.label: w for w in gui.last_frame()}["Fills"].tooltip
        assert ("8, 16" in tip) == bool(bars)


# ---------------------------------------------------------------- typing fill bars


@pytest.mark.parametrize("typed", ["0", "0, 8", "-4 8"])
def test_fill_bars_before_bar_1_are_refused_in_the_words_of_the_field(make_panel, qtbot, typed):
    """Typed "0, 8": the status line said "fill_bars must be bar numbers from 1, e.g. [8, 16, 24], got (0, 8)"."""
    from PySide6.QtCore import Qt

    w = make_panel()
    field = w.fills.bars
    field.setFocus()
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.last_message == f"fill bars '{typed}': bars count from 1, e.g. 8, 16, 24"
    assert w.controller.settings.fill_bars == () and field.text() == ""  # nothing taken, the field shows so
    qtbot.keyClicks(field, "8, 16")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.controller.settings.fill_bars == (8, 16)
    w.close()


# ---------------------------------------------------------------- the dice


@pytest.mark.parametrize("how", ["dice", "R"])
def test_the_dice_changes_the_drums_after_temperature_was_set_to_0(make_panel, qtbot, how):
    """Temperature dragged to 0 (it reads 0.00, as at the start): the dice and R gave a new seed and the same drums,
    every time, as at temperature 0 every seed plays the most likely loop."""
    import numpy as np
    from PySide6.QtCore import Qt

    w = make_panel(midi=str(EXAMPLES / "funk_bass.mid"))
    w.temperature_slider.slider.setValue(500)
    w.temperature_slider.slider.setValue(0)  # the producer's own 0
    assert w.controller.settings.temperature == 0.0 and not w.controller.settings.temperature_auto
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=3000)
    before, seed = w.roll.loop.copy(), w.controller.settings.seed
    if how == "dice":
        w.seed_box.dice.click()
    else:
        qtbot.keyClick(w, Qt.Key.Key_R)
    settings = w.controller.settings
    assert settings.seed != seed and settings.temperature > 0  # a take, as the dice gives from the start
    assert w.temperature_slider.value() == settings.temperature  # and the slider shows it
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=3000)
    assert not np.array_equal(w.roll.loop, before)
    w.close()


# ---------------------------------------------------------------- the bars the roll shows


def test_the_pickup_window_is_named_as_the_one_bar_it_shows(make_panel):
    """The waltz's first window is its pickup bar alone (one beat): the roll's header said "bars 0-1", then "bar 0"."""
    source = input_from_midi(EXAMPLES / "piano_waltz.mid")
    shown = [len(bars) for bars in source.meters]
    assert shown[0] == 1 and set(shown[1:]) == {2}
    w = make_panel(midi=str(EXAMPLES / "piano_waltz.mid"))
    for window, count in enumerate(shown, start=1):
        w.window_spin.setValue(window)
        first = int(source.bars[window - 1])
        # the pickup (numbered 0) is named as the CLI names it
        bars = "pickup" if first < 1 else f"bar {first}" if count == 1 else f"bars {first}-{first + count - 1}"
        assert w.input_label.text() == f"piano_waltz.mid · {bars} ({window} of {len(shown)})"
        ticks = w.roll.getPlotItem().getAxis("bottom")._tickLevels[0]  # the roll's bar numbers
        assert [label for _, label in ticks] == ["pickup" if first + k < 1 else str(first + k) for k in range(count)]
    w.close()


# ---------------------------------------------------------------- after live play on MIDI ports


def test_stopping_live_play_gives_back_the_file_and_a_still_live_status(make_panel, qtbot):
    """After playing live on MIDI ports the file open before was gone (Export: "open a MIDI file first", though
    the next start reopens it), and the Live status still said "bar 4 · beat 2.3 · playing"."""
    import mido
    from helpers import MemoryInput, MemoryOutput

    opened = {}

    def open_port(name, kind):
        opened[kind] = MemoryInput(name) if kind == "input" else MemoryOutput(name)
        return opened[kind]

    w = make_panel(midi=str(EXAMPLES / "funk_bass.mid"), list_ports=lambda: (["Keys"], ["Drums"]),
                   open_port=open_port)
    w.window_spin.setValue(3)
    label, tempo = w.input_label.text(), w.status_labels["tempo"].text()
    w.bpm_spin.setValue(240.0)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "input" in opened, timeout=3000)
    for _ in range(8):
        opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
        qtbot.wait(20)
    qtbot.waitUntil(lambda: w.controller.input.live and "playing" in w.status_labels["position"].text(), timeout=5000)
    w.live_action.trigger()  # L again: stop
    qtbot.wait(300)  # what the ports' thread had posted before it stopped arrives now
    assert not w.controller.input.live and w.controller.input.path == str(EXAMPLES / "funk_bass.mid")
    assert w.input_label.text() == label and w.window_spin.isVisible() and w.window_spin.value() == 3
    assert w.status_labels["position"].text() == "–" and w.status_labels["tempo"].text() == tempo
    assert w.status_labels["loops"].text() == "live follow off"
    assert w.bpm_spin.value() == 240.0  # the tempo chosen for live play stays
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id, timeout=3000)
    assert (w.roll.groove == w.controller.input.groove).all()  # the roll shows the file's window again
    w.close()


def test_a_file_opened_during_live_play_is_the_one_back_after_it(make_panel, qtbot):
    import mido
    from helpers import MemoryInput, MemoryOutput

    opened = {}

    def open_port(name, kind):
        opened[kind] = MemoryInput(name) if kind == "input" else MemoryOutput(name)
        return opened[kind]

    def play_until_live_loop():
        for _ in range(8):
            opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
            qtbot.wait(20)
        qtbot.waitUntil(lambda: w.controller.input.live, timeout=5000)

    w = make_panel(midi=str(EXAMPLES / "funk_bass.mid"), list_ports=lambda: (["Keys"], ["Drums"]),
                   open_port=open_port)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "input" in opened, timeout=3000)
    play_until_live_loop()
    assert w.open_midi(EXAMPLES / "shuffle_blues.mid")  # while playing
    play_until_live_loop()
    w.live_action.trigger()
    qtbot.wait(300)
    assert w.controller.input.path == str(EXAMPLES / "shuffle_blues.mid")
    w.close()


# ---------------------------------------------------------------- the status line


def test_a_long_status_line_ends_in_an_ellipsis_and_is_whole_in_its_tooltip(make_panel, qtbot):
    """The waltz's input line with its notes is wider than the window: it was cut off mid-word at the edge."""
    w = make_panel(midi=str(EXAMPLES / "piano_waltz.mid"))
    w.resize(1000, 700)
    qtbot.wait(50)
    line = w.status_line
    assert line.text() == w.last_message and line.toolTip() == w.last_message
    shown = line.shown_text()
    assert shown.endswith("…") and w.last_message.startswith(shown[:-1])
    assert line.isVisible() and line.fontMetrics().horizontalAdvance(shown) <= line.width()
    w._status_clear.setInterval(50)  # a message goes after a while, as Qt's own do
    w.say("preset 'verse' saved")
    assert line.shown_text() == "preset 'verse' saved"
    qtbot.waitUntil(lambda: line.text() == "" and line.toolTip() == "", timeout=2000)
    assert w.last_message == "preset 'verse' saved"
    w.close()


# ---------------------------------------------------------------- patterns A and B from files


def test_b_from_another_song_s_verse_mid_does_not_replace_a(make_panel, tmp_path):
    """A from song1/verse.mid, B from song2/verse.mid: B was saved over A's "verse", so A and B were one pattern
    (A ↔ B greyed out) and nothing said what had happened."""
    import shutil

    import numpy as np

    for song, part in (("song1", "funk_bass.mid"), ("song2", "shuffle_blues.mid")):
        (tmp_path / song).mkdir()
        shutil.copy(EXAMPLES / part, tmp_path / song / "verse.mid")
    w = make_panel()
    w.pattern_from_midi("A", tmp_path / "song1" / "verse.mid")
    assert w.last_message == "pattern A from verse.mid, bar 1 (saved as 'verse')"
    groove_a = w.controller.pattern("A").groove.copy()
    w.pattern_from_midi("B", tmp_path / "song2" / "verse.mid")
    assert w.last_message == "pattern B from verse.mid, bar 1 (saved as 'verse (2)')"
    s = w.controller.settings
    assert (s.pattern_a, s.pattern_b) == ("verse", "verse (2)")
    assert np.array_equal(w.controller.pattern("A").groove, groove_a)  # A is still song1's
    assert not np.array_equal(w.controller.pattern("B").groove, groove_a)
    assert w.interpolate_slider.isEnabled()  # two patterns to move between
    w.pattern_from_midi("A", tmp_path / "song1" / "verse.mid")  # the same file again: A updated, no third name
    assert w.controller.settings.pattern_a == "verse" and "verse (3)" not in w.controller.pattern_names()
    w.close()


def test_a_file_named_as_a_built_in_pattern_does_not_replace_it(make_panel, tmp_path):
    import shutil

    w = make_panel()
    built_in = w.controller.engine.patterns.get("rock")
    shutil.copy(EXAMPLES / "funk_bass.mid", tmp_path / "rock.mid")
    w.pattern_from_midi("A", tmp_path / "rock.mid")
    assert w.controller.settings.pattern_a == "rock (2)"
    assert w.controller.engine.patterns.get("rock") is built_in
    w.close()


def test_a_file_name_with_edge_spaces_still_makes_a_pattern(make_panel, tmp_path):
    """" take 1 .mid": the panel said "pattern name ' take 1 ' is not usable: give a name…", with no name to give."""
    import shutil

    w = make_panel()
    shutil.copy(EXAMPLES / "funk_bass.mid", tmp_path / " take 1 .mid")
    w.pattern_from_midi("B", tmp_path / " take 1 .mid")
    assert w.controller.settings.pattern_b == "take 1" and "saved as 'take 1'" in w.last_message
    w.close()


# ---------------------------------------------------------------- a pattern saved by the docked panel's ←item


def test_a_pattern_the_docked_panel_took_from_reaper_is_kept_in_the_open_editor(make_panel, qtbot, tmp_path):
    """Docked panel, ←item: the engine saves the REAPER item as reaper-A and the docked panel makes it A. The open
    editor had read the patterns file at its start: it said "pattern reaper-A is not saved here; A/B reset" and
    wrote the reset back, so A was gone from both panels."""
    from helpers import groove_with

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import Pattern, PatternStore
    from stub_model import StubModel

    saved = tmp_path / "patterns.json"
    engine = Engine(StubModel(), PatternStore({"rock": Pattern("rock", groove_with(range(0, 32, 4)))}, saved))
    w = make_panel(engine)
    PatternStore({}, saved).add(Pattern("reaper-A", groove_with([0, 3, 6, 10, 16]), source="REAPER selection"))
    shared = SharedSettings(w.store.shared.path)  # the docked panel's side of the record
    shared.write(Settings(pattern_a="reaper-A", follow=0.5))
    qtbot.waitUntil(lambda: w.controller.settings.pattern_a == "reaper-A", timeout=3000)
    qtbot.wait(200)  # a few more ticks: nothing is written back
    assert w.controller.settings.pattern_a == "reaper-A" and "reset" not in w.last_message
    assert w.pattern_combos["A"].currentText() == "reaper-A"
    w.store.shared.flush()
    assert Settings.load(w.store.shared.path).pattern_a == "reaper-A"
    w.close()


def test_a_pattern_taken_in_the_editor_keeps_those_saved_elsewhere_since(make_panel, tmp_path):
    """The editor wrote its own list of patterns over the file: one saved since by the docked panel's ←item (or
    `reagroove patterns add`) was gone from the file."""
    from helpers import groove_with

    from reagroove.core.engine import Engine
    from reagroove.core.patterns import Pattern, PatternStore, load_patterns
    from stub_model import StubModel

    saved = tmp_path / "patterns.json"
    w = make_panel(Engine(StubModel(), PatternStore({}, saved)))
    PatternStore({}, saved).add(Pattern("reaper-B", groove_with([0, 3, 6, 10, 16]), source="REAPER selection"))
    w.pattern_from_midi("A", EXAMPLES / "funk_bass.mid")
    assert set(load_patterns(saved)) == {"funk_bass", "reaper-B"}
    assert "reaper-B" in [w.pattern_combos["B"].itemText(i) for i in range(w.pattern_combos["B"].count())]
    w.close()


def test_delete_preset_asks_first(make_panel, monkeypatch):
    """Delete preset sits beside Save preset on the toolbar: a click deleted the preset shown at once, for good
    (saving over another preset asks first)."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def answer(reply):
        return lambda *args, **kwargs: asked.append(args[2]) or reply

    w = make_panel()
    w.save_preset("verse")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    w.delete_preset_action.trigger()
    assert asked == ["Delete the preset 'verse'?"] and w.controller.preset_names() == ["verse"]
    assert w.last_message == "preset 'verse' kept" and w.preset_combo.currentText() == "verse"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    w.delete_preset_action.trigger()
    assert w.controller.preset_names() == [] and w.last_message == "preset 'verse' deleted"
    w.delete_preset_action.trigger()  # none shown: nothing to ask, it says what to do
    assert len(asked) == 2 and "no preset is shown" in w.last_message
    w.close()


def test_the_docked_panel_shows_an_engine_it_started_running_until_it_ends(config):
    """Drumify in the docked panel: nothing showed for the seconds the engine takes to start and write, so a
    producer pressed again (and was told it was still running)."""
    import test_dock_engine

    engines, launch = test_dock_engine.started_engines()
    with reapy_inside(test_dock.project()) as s:
        _, gui = test_dock_engine.open_dock(s, launch)
        assert not any("running" in m for m in test_dock_engine.messages(gui))
        for button, said in (("Drumify", "Drumify running…"), ("Variations", "Variations running…"),
                             ("←item##A", "Pattern A running…")):
            gui.click(button)
            s.reaper.run_deferred(2)
            assert said in test_dock_engine.messages(gui)
            engines[-1].exit(0)
            s.reaper.run_deferred(2)
            assert not any("running" in m for m in test_dock_engine.messages(gui))


# ---------------------------------------------------------------- quick view


def test_leaving_quick_view_puts_every_section_back_as_it_was(make_panel, qtbot):
    """F2 twice: Genre mix, Sound and Live status came back shorter, and Sound narrower (its controls scrolled)."""
    from PySide6.QtCore import Qt

    w = make_panel(midi=str(EXAMPLES / "funk_bass.mid"))
    w.resize(1320, 820)
    qtbot.wait(100)
    sizes = lambda: {name: dock.size() for name, dock in w.docks.items()}  # noqa: E731
    before = sizes()
    qtbot.keyClick(w, Qt.Key.Key_F2)
    qtbot.wait(100)
    assert not w.docks["sound"].isVisible() and w.docks["roll"].height() > before["roll"].height()
    qtbot.keyClick(w, Qt.Key.Key_F2)
    qtbot.wait(100)
    assert all(dock.isVisible() for dock in w.docks.values())
    assert sizes() == before
    w.close()


# ---------------------------------------------------------------- the keyboard


def test_tab_goes_from_the_genre_to_the_big_buttons_beside_it(make_panel, qtbot):
    """The Drumify / Variations / Live follow buttons came last in the Tab order, after every port and the
    MIDI clock box of the Live status, far from the quick controls they sit in. (Half time sits on the Genre
    row, beside it: it comes first.)"""
    from PySide6.QtCore import Qt

    w = make_panel(midi=str(EXAMPLES / "funk_bass.mid"))
    w.genre_combo.setFocus()
    assert w.focusWidget() is w.genre_combo
    reached = []
    for _ in range(3):
        qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Tab)
        reached.append(getattr(w.focusWidget(), "defaultAction", lambda: w.focusWidget())())
    assert reached == [w.half_time, w.drumify_action, w.variations_action]
    w.close()


def test_full_editor_pressed_twice_opens_one_editor(config):
    """The editor takes seconds to appear (it loads the model): a second press opened a second editor, both
    writing the same layout, presets and settings."""
    import test_dock_engine

    engines, launch = test_dock_engine.started_engines()
    with reapy_inside(test_dock.project()) as s:
        _, gui = test_dock_engine.open_dock(s, launch)
        gui.click("Full editor…")
        s.reaper.run_deferred()
        gui.click("Full editor…")
        s.reaper.run_deferred(2)
        assert [e.args for e in engines] == [["reaper", "panel"]]
        assert any("full editor is open" in m for m in test_dock_engine.messages(gui))
        engines[0].exit(0)  # closed by the producer
        gui.click("Full editor…")
        s.reaper.run_deferred(2)
        assert len(engines) == 2 and not any("full editor" in m for m in test_dock_engine.messages(gui))


# ---------------------------------------------------------------- the latent pad


def test_the_pad_s_hint_never_hides_its_point(qtbot):
    """No pattern chosen: "Pick pattern A or B to steer…" was drawn over the point, which disappeared under the
    words wherever it was dragged across them."""
    from reagroove.reaper_ext.panel.pad import LatentPad

    pad = LatentPad()
    qtbot.addWidget(pad)
    pad.resize(340, 280)
    assert not pad.active
    for step in range(2, 13):
        pad.set_state(0.5, step / 20, None, None, None, None)
        image = pad.grab().toImage()
        centre = pad.point_pos()
        cx, cy = round(centre.x()), round(centre.y())
        disc = [image.pixelColor(cx + dx, cy + dy) for dx in range(-4, 5) for dy in range(-4, 5) if dx * dx + dy * dy <= 16]
        assert max(min(c.red(), c.green(), c.blue()) for c in disc) < 150, f"follow {step / 20}: text over the point"


def test_after_live_follow_in_reaper_the_selection_read_before_is_the_input_again(make_panel, qtbot):
    fake = FakeReaper()
    fake.playing = True
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.controller.input is not None and w.controller.input.name == "REAPER selection",
                    timeout=3000)
    selection = w.controller.input
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.controller.input.live, timeout=5000)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.link.follower is None, timeout=3000)
    qtbot.wait(200)
    assert w.controller.input is selection and w.input_label.text() == selection.label()
    w.close()


def test_a_long_preset_name_ends_in_an_ellipsis_and_is_whole_in_its_tooltip(make_panel):
    """The Preset box cut "Chorus — big room, heavy kick…" off mid-word, and its tooltip did not name it."""
    name = "Chorus — big room, heavy kick, open hats and ride"
    w = make_panel()
    assert w.preset_combo.shown_text() == w.preset_combo.placeholderText()  # nothing saved: "unsaved (Ctrl+S)"
    w.save_preset(name)
    shown = w.preset_combo.shown_text()
    assert shown.endswith("…") and name.startswith(shown[:-1])
    assert name in w.preset_combo.toolTip()
    index = w.preset_combo.findText(name)
    from PySide6.QtCore import Qt

    assert w.preset_combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == name
    w.follow_slider.slider.setValue(300)  # no preset's settings now
    assert w.preset_combo.shown_text() == w.preset_combo.placeholderText() and name not in w.preset_combo.toolTip()
    w.close()


def test_a_fill_count_past_the_docked_slider_is_shown_in_range(config):
    """Fills every 40 loops set in the full editor (it goes to 64): the docked slider (0-16) drew it past its end,
    and a Ctrl+click typing 24 (loops; 48 bars, as the slider counts) there was cut down to 16."""
    with reapy_inside(test_dock.project()) as s:
        panel, gui = test_dock.open_dock(s)
        SharedSettings(config / "settings.json").write(Settings(fill_every=40))
        s.reaper.run_deferred()
        fills = {w.label: w for w in gui.last_frame()}["Fills"]
        assert fills.range[0] <= fills.value <= fills.range[1]
        gui.set_value("Fills", 48)
        s.reaper.run_deferred()
        assert panel.settings.fill_every == 24
        gui.set_value("Fills", 8)
        s.reaper.run_deferred(2)
        assert panel.settings.fill_every == 4 and {w.label: w for w in gui.last_frame()}["Fills"].range == (0, 32)


def test_a_temperature_of_0_set_by_hand_is_saved_for_the_other_panel(make_panel, tmp_path):
    """Temperature dragged up and back to 0 within one tick: the settings compared equal to the default (whose
    0 turns into a take's temperature when a seed is chosen), so nothing was published to settings.json and the
    docked panel, and the next start, kept the default. The two now differ, and the change is saved."""
    w = make_panel(config_dir=tmp_path / "config")
    w.sync_shared_settings()
    w.store.shared.flush()
    assert w.controller.settings.temperature_auto
    w.temperature_slider.slider.setValue(500)
    w.temperature_slider.slider.setValue(0)
    w.sync_shared_settings()
    w.store.shared.flush()
    saved = Settings.load(tmp_path / "config" / "settings.json")
    assert saved.temperature == 0.0 and not saved.temperature_auto
    assert saved.replace(seed=3).temperature == 0.0  # the producer's 0 stays 0 under a seed


def test_the_editors_export_stops_where_the_music_does(make_panel, tmp_path):
    """A 3-bar part: the CLI wrote 3 bars of drums, the editor's Export 4 (its last loop's second bar past the
    music, where the next section's drums would go)."""
    from conftest import build_midi

    from reagroove.core import read_midi

    build_midi(tmp_path / "three.mid", [(k, 40, 100, 0) for k in range(12)], length=1.0)
    w = make_panel(midi=str(tmp_path / "three.mid"))
    w.controller.export_drums(tmp_path / "drums.mid", w.controller.settings)
    drums = read_midi(tmp_path / "drums.mid").notes
    assert len(drums) and float(drums.start.max()) < 12.0 - 1e-6
