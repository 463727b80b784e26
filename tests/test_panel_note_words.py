"""The engine's notes in the panels' words: a setting is named as its control is ("A ↔ B", the slider's and the pad's
name), and the panel's controls where a note names the command line's options.

Before, the pad moved sideways with one pattern chosen said "note: interpolate has no effect: ..." on the editor's
status line and on the docked panel's message line, though neither panel shows a control called "interpolate"; half
time's note said "unless --density asks for fewer hits".

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import json

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel import FUNK_BASS  # noqa: E402

from reagroove.core.settings import Settings, ignored_settings  # noqa: E402
from reagroove.reaper_ext.dock import results  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def test_the_pad_moved_across_with_one_pattern_is_said_as_the_a_b_control(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w._edit(w.controller.set_pattern, "A", "rock")  # A alone: the pad's sideways move blends toward nothing
    w.pad.moved.emit(0.4, 0.5)  # the pad dragged across and down
    qtbot.waitUntil(lambda: "no effect" in w.status_line.text(), timeout=5000)
    said = w.status_line.text()
    assert "A ↔ B has no effect" in said and "interpolate" not in said, said


def test_an_export_says_its_notes_in_the_panels_words(make_panel, qtbot, tmp_path):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w._edit(w.controller.update, interpolate=0.4)  # no pattern chosen: A ↔ B does nothing
    said = w.controller.export_drums(tmp_path / "drums.mid", w.controller.settings)
    assert "A ↔ B has no effect" in said and "interpolate" not in said, said


def test_the_docked_panels_run_line_names_the_a_b_control(tmp_path):
    note = ignored_settings(Settings(interpolate=0.4))[0]  # the engine's note, as a run reports it
    assert note.startswith("interpolate")
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"ok": True, "line": "wrote 1 drum item", "notes": [note]}), encoding="utf-8")
    line, tip = results.read_report(str(path), "drumify")
    assert line.startswith("Drumify: wrote 1 drum item; A ↔ B has no effect") and "interpolate" not in tip, (line, tip)


def test_every_setting_the_engine_can_say_is_idle_is_named_as_a_control_of_the_panels():
    """Each reason core gives, with every setting it can name changed: none named as the command line does."""
    from reagroove.reaper_ext.panel.note_words import in_panel_words

    on_one = Settings(pattern_a="rock", pattern_b="funk", follow=1.0, interpolate=0.4, fill_length="bar",
                      opening_crash=False, density=0.6, threshold=(0.4,) * 9,
                      voice_groups={"kick": True, "snare": True, "hats": True, "toms": True, "cymbals": False})
    alone = Settings(interpolate=0.4, follow=0.5)
    for settings in (on_one, alone):
        for note in ignored_settings(settings):
            said = in_panel_words(note)
            named = said.partition(" no effect")[0]
            assert "interpolate" not in named and "opening crash" not in named and "--" not in said, said


def test_half_time_s_note_names_the_density_slider_not_the_command_line_option(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    w.toggle_half_time()
    qtbot.waitUntil(lambda: "half-time feel" in w.status_line.text(), timeout=5000)
    said = w.status_line.text()
    assert "--" not in said and "Density" in said, said


def test_an_audio_files_offers_name_a_terminals_command_not_a_bare_option():
    """An audio file's notes offer --start 0 (bar 1 where the music starts the file) and --bpm N (twice the tempo
    read): the panels have no such options, so the editor's status line named options it could not set."""
    from reagroove.reaper_ext.panel.note_words import in_panel_words

    start = in_panel_words("3 onsets before bar 1 (0.957 s) left out; the music starts the file: if bar 1 is there, "
                           "--start 0")
    double = in_panel_words("or 165.1 BPM, twice as fast: --bpm 165.1")
    assert start.endswith("if bar 1 is there, `reagroove drumify --start 0` in a terminal"), start
    assert double == "or 165.1 BPM, twice as fast: `reagroove drumify --bpm 165.1` in a terminal", double
