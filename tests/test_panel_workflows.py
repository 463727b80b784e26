"""The Qt panel's workflows as a producer meets them: presets on a full or read-only config folder, names
that clash or run long, the layout reset, reopening after the input file went away, variations over
files already there.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

from reagroove.core.errors import OutputFileError  # noqa: E402
from reagroove.reaper_ext.panel import store as store_module  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


@pytest.fixture
def full_disk(monkeypatch):
    """Every write into the config folder fails as on a full disk (root ignores a read-only folder)."""

    def refuse(path, text):
        raise OutputFileError(path, "cannot write here: no space left on device")

    monkeypatch.setattr(store_module, "atomic_write_text", refuse)


# ---------------------------------------------------------------- presets


def test_a_preset_that_cannot_be_written_is_not_listed_as_saved(make_panel, full_disk):
    w = make_panel()
    w.save_preset("Groove night")
    assert "Groove night" not in w.controller.presets  # it would be gone at the next start
    assert w.preset_combo.findText("Groove night") == -1
    assert "not saved" in w.last_message and "no space left" in w.last_message
    assert "\n" not in w.last_message


def test_deleting_a_preset_on_a_full_disk_says_so_and_keeps_it(make_panel, monkeypatch):
    w = make_panel()
    w.save_preset("Keep me")

    def refuse(path, text):
        raise OutputFileError(path, "cannot write here: no space left on device")

    monkeypatch.setattr(store_module, "atomic_write_text", refuse)
    w.delete_current_preset()  # used to raise out of the menu action, saying nothing
    assert "Keep me" in w.controller.presets and w.preset_combo.currentText() == "Keep me"
    assert "not deleted" in w.last_message


def test_delete_with_no_preset_shown_says_what_to_do(make_panel):
    w = make_panel()
    w.save_preset("One")
    w.nudge("density", 0.1)  # the settings match no preset now: the box shows none
    w.say("")
    w.delete_current_preset()
    assert w.controller.presets.keys() == {"One"}
    assert "choose" in w.last_message


def test_a_very_long_preset_name_is_refused(make_panel):
    w = make_panel()
    w.save_preset("x" * 300)
    assert w.controller.presets == {}
    assert "at most" in w.last_message and len(w.last_message) < 120


def test_saving_over_another_preset_asks_first(make_panel, monkeypatch):
    w = make_panel()
    w.save_preset("Verse")
    verse = w.controller.presets["Verse"]
    w.nudge("follow", -0.3)
    w.save_preset("Chorus")
    w.nudge("follow", -0.3)
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Verse", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    w.ask_save_preset()
    assert asked and w.controller.presets["Verse"] == verse  # kept: the user said no
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.ask_save_preset()
    assert w.controller.presets["Verse"] == w.controller.settings
    assert "replaced" in w.last_message


def test_updating_the_preset_shown_does_not_ask(make_panel, monkeypatch):
    w = make_panel()
    w.save_preset("Verse")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Verse", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked about the preset shown"))
    w.ask_save_preset()
    assert w.controller.presets["Verse"] == w.controller.settings


def test_layout_that_cannot_be_saved_says_so_once_per_line(make_panel, full_disk):
    w = make_panel()
    w.save_state()
    assert w.last_message.startswith("layout and options not saved")
    assert w.last_message.count(str(w.store.folder)) == 1  # the folder was named twice


# ---------------------------------------------------------------- layout and reopening


def test_reset_layout_turns_quick_view_off(make_panel):
    w = make_panel()
    w.quick_view_action.trigger()
    assert not w.docks["genre"].isVisible()
    w.reset_layout_action.trigger()
    assert w.docks["genre"].isVisible()
    assert not w.quick_view_action.isChecked()  # it stayed checked with every dock showing
    w.close()
    assert make_panel(config_dir=w.store.folder).docks["genre"].isVisible()


def test_reopening_after_the_input_file_went_away_says_so(make_panel, tmp_path):
    song = tmp_path / "song.mid"
    song.write_bytes(FUNK_BASS.read_bytes())
    w = make_panel()
    assert w.open_midi(song)
    w.close()
    song.unlink()
    again = make_panel(config_dir=w.store.folder)
    assert again.controller.input is None
    assert "song.mid is no longer there" in again.last_message and "Ctrl+O" in again.last_message


# ---------------------------------------------------------------- variations over files already there


def test_variations_ask_before_replacing_the_files_they_write(make_panel, qtbot, tmp_path, monkeypatch):
    w = make_panel()
    w.open_midi(FUNK_BASS)
    w.controller.variations = 2
    out = tmp_path / "my takes"
    out.mkdir()
    (out / "beat_v2.mid").write_bytes(b"keep me")
    options = {}

    def save_dialog(*args, **kwargs):
        options.update(kwargs)
        return str(out / "beat.mid"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    w.make_variations()
    # NAME.mid is never written: the dialog must not ask about it (it asked about the wrong file)
    assert options.get("options") == QFileDialog.Option.DontConfirmOverwrite
    assert (out / "beat_v2.mid").read_bytes() == b"keep me" and not (out / "beat_v1.mid").exists()
    assert "kept" in w.last_message
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.make_variations()
    qtbot.waitUntil(lambda: w.last_message.startswith("wrote"), timeout=20000)
    assert (out / "beat_v2.mid").read_bytes() != b"keep me" and (out / "beat_v1.mid").exists()


def test_reopening_shows_the_bars_left_last_time(make_panel):
    w = make_panel()
    w.open_midi(FUNK_BASS)
    first = w.controller.input.window
    w.window_spin.setValue(first + 3)  # the user steps on to later bars
    w.close()
    again = make_panel(config_dir=w.store.folder)
    assert again.controller.input.window == first + 2
    assert again.window_spin.value() == first + 3
    other = make_panel(config_dir=w.store.folder, midi=FUNK_BASS.with_name("shuffle_blues.mid"))
    assert other.controller.input.window == 0  # another file opens on its own first window


def test_quitting_waits_for_an_export_still_being_written(qtbot):
    """A job (an export) longer than the old 5 s grace is finished, not cut off with its thread destroyed."""
    import threading

    from reagroove.reaper_ext.panel.workers import JobThread

    jobs = JobThread(lambda fn, *a: fn(*a))
    release, done = threading.Event(), []
    jobs.submit("export", lambda: (release.wait(30), done.append(True)))
    jobs.start()
    threading.Timer(5.5, release.set).start()  # the export is still writing when the panel quits
    jobs.stop()
    assert done == [True] and jobs.isFinished()


def test_the_file_dialogs_offer_every_file_the_readers_read():
    from reagroove.core.file_kinds import AUDIO_SUFFIXES, MIDI_SUFFIXES
    from reagroove.reaper_ext.panel.app import INPUT_FILTER
    from reagroove.reaper_ext.panel.modes import MIDI_FILTER

    assert all(f"*{s}" in INPUT_FILTER for s in MIDI_SUFFIXES + AUDIO_SUFFIXES)  # .kar (karaoke MIDI) too
    assert all(f"*{s}" in MIDI_FILTER for s in MIDI_SUFFIXES)
