"""A producer's first hour in the editor, standalone (the U5 tour, stop 77): what it found wrong, each pinned down.

A long file opened showed the last file's notes under its name; a file that would not open was said as if it had;
the Advanced table's numbers had no headings; the tooltips and the audio line named the command line's options.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import threading

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtWidgets import QLabel  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
BLUES = FUNK_BASS.with_name("shuffle_blues.mid")


def drawn(w, qtbot) -> None:
    qtbot.waitUntil(lambda: w._shown_request == w._request_id and w._base_shown is not None, timeout=10000)


def test_a_file_still_being_drummed_shows_its_own_notes_not_the_last_files(make_panel, qtbot):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    drawn(w, qtbot)
    funk_groove = w.roll.groove.copy()
    gate, generate = threading.Event(), w.preview.generate

    def slow(*args, **kwargs):  # a long file: its drums take seconds (400 bars: 4 s on a laptop)
        gate.wait(10)
        return generate(*args, **kwargs)

    w.preview.generate = slow
    try:
        assert w.open_midi(BLUES)
        qtbot.wait(700)  # past the moment the roll says it is generating
        blues = w.controller.input
        assert "shuffle_blues.mid" in w.input_label.text()
        # under shuffle_blues' heading: its notes, and no drums yet (funk_bass's were drawn as shuffle_blues')
        assert np.allclose(w.roll.groove, blues.groove) and not np.allclose(w.roll.groove, funk_groove)
        assert w.roll.drum_hit_count() == 0
        assert w.roll.hint.isVisible() and w.roll.hint.textItem.toPlainText().startswith("Drumming bars")
        w.toggle_hit(4, 1)  # a click on the blank drums: refused until they are drawn
        assert len(w.controller.edits) == 0 and "still being drawn" in w.last_message
    finally:
        gate.set()
    drawn(w, qtbot)
    assert w.roll.drum_hit_count() > 0 and not w.roll.hint.isVisible()


def test_a_file_that_cannot_be_opened_is_said_not_opened_and_what_stays_open(make_panel, tmp_path):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    bad = tmp_path / "damaged.mid"
    data = FUNK_BASS.read_bytes()
    bad.write_bytes(data[: len(data) // 2])  # cut short, as a download that stopped
    assert not w.open_midi(bad)
    # said: "/tmp/.../damaged.mid: file is truncated in track 2: ...", read as the file's own note under the roll
    # still showing funk_bass.mid
    assert w.last_message.startswith("could not open damaged.mid: ")
    assert str(tmp_path) not in w.last_message
    assert w.last_message.endswith("; funk_bass.mid stays open")
    assert w.controller.input.name == "funk_bass.mid"


def test_the_per_voice_table_names_its_columns(make_panel, qtbot):
    w = make_panel()
    w.advanced.set_expanded(True)
    w.resize(1320, 900)
    qtbot.wait(200)
    table = w.per_voice
    texts = {label.text(): label for label in table.findChildren(QLabel) if label.isVisible()}
    # nine rows of "0.30" and "32" with nothing saying what they are
    assert "threshold" in texts and "max hits" in texts
    heading, spin = texts["max hits"], table.max_hits[0]
    left = lambda widget: widget.mapTo(table, widget.rect().topLeft()).x()  # noqa: E731
    assert left(heading) < left(spin) + spin.width() and left(spin) < left(heading) + heading.width()  # over it
    readout = table.thresholds[0].readout
    right = lambda widget: left(widget) + widget.width()  # noqa: E731
    assert abs(right(texts["threshold"]) - right(readout)) < 30  # over the readouts
    assert all("_" not in s.toolTip() for s in table.thresholds)  # "closed hat", not "closed_hat"


def test_tooltips_and_lines_name_the_panels_controls_not_the_command_lines_options(make_panel, tmp_path):
    w = make_panel()
    assert w.open_midi(FUNK_BASS)
    # greyed without fills, Fill length said "ask for some (--fill-every or --fill-bars; the panel's Fills or ...)"
    assert not w.fills.length.isEnabled()
    assert "--" not in w.fills.length.toolTip() and "Fills or Fill bars" in w.fills.length.toolTip()
    for widget in (w.fills.opening_crash, w.swing_combo):
        assert "--" not in widget.toolTip() and "CLI" not in widget.toolTip()


def test_an_audio_files_estimate_is_said_without_the_command_lines_options(make_panel, qtbot, tmp_path):
    import soundfile as sf

    import audio_synth

    audio, _ = audio_synth.make_part("bass", 100.0, seconds=10.0)
    take = tmp_path / "bass_take.wav"
    sf.write(take, audio, 22050)
    w = make_panel()
    assert w.open_midi(take)
    assert "estimated tempo" in w.last_message
    assert "--bpm" not in w.last_message and "--start" not in w.last_message
