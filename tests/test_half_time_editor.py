"""The editor's Half time toggle (Settings.feel, `--feel half`): the full editor had no control for it, so a producer
could not hear or see half time there, nor set it for Drumify. Now the Quick controls' "Half time" (and H) turns it
on: the piano roll shows the kick on 1 and the snare on 3 of each bar of a 4/4 part, as Export writes it; it is
saved with the settings (the docked panel and REAPER's Drumify read it), Ctrl+Z takes it back, and while playing
live the status line names the bar it is heard from.

Runs under pytest-qt, offscreen, on the shipped model where the drums matter.
"""

import mido
import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402

from reagroove.core import read_midi  # noqa: E402
from reagroove.core.drummap import GM_DRUM_MAP  # noqa: E402
from reagroove.core.loop import N_VOICES, VOICES  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

from test_editor_status_and_layout import active, key  # noqa: E402
from test_panel import FUNK_BASS  # noqa: E402
from test_panel_live_feedback import live_on_ports  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures
KICK, SNARE = VOICES.index("kick"), VOICES.index("snare")
C = Qt.KeyboardModifier.ControlModifier


def shown(w, qtbot) -> np.ndarray:
    """The loop the roll shows once the latest request is drawn (32, 27)."""
    qtbot.waitUntil(lambda: w._shown_request >= w._request_id and w.roll.loop is not None, timeout=10000)
    qtbot.wait(20)
    return w.roll.loop


def backbeats(loop) -> list[int]:
    return [int(s) for s in np.flatnonzero(loop[:, SNARE] > 0)]


def in_half_time(loop) -> bool:
    """Each of the two bars: the kick on its 1, the snare on its 3 and not on 2 or 4."""
    return all(loop[16 * k, KICK] > 0 and loop[16 * k + 8, SNARE] > 0
               and not loop[16 * k + 4, SNARE] > 0 and not loop[16 * k + 12, SNARE] > 0 for k in (0, 1))


def opened(make_panel, qtbot, engine=None):
    w = make_panel(engine)
    w.resize(1200, 800)
    assert w.open_midi(FUNK_BASS)
    shown(w, qtbot)
    return w


def test_half_time_puts_the_rolls_backbeat_on_three_and_export_writes_the_same(make_panel, qtbot, shipped, tmp_path):
    w = opened(make_panel, qtbot, shipped)
    normal = shown(w, qtbot)
    assert {4, 12, 20, 28} <= set(backbeats(normal)) and not in_half_time(normal)  # the network's 2 and 4
    w.half_time.click()
    assert w.controller.settings.feel == "half"
    loop = shown(w, qtbot)
    assert in_half_time(loop), backbeats(loop)
    assert "half-time feel" in w.status_line.text()  # the engine's note on the drums shown
    out = tmp_path / "funk_half.mid"
    w.export_drums(out)
    qtbot.waitUntil(lambda: w.last_message.startswith("wrote"), timeout=20000)
    notes = read_midi(out).notes
    written = sorted((int(p), round(float(t), 3)) for p, t in zip(notes.pitch, notes.start) if t < 8.0)
    drawn = sorted((GM_DRUM_MAP.output[v], round((s + float(loop[s, 2 * N_VOICES + v])) / 4.0, 3))
                   for s in range(32) for v in range(N_VOICES) if loop[s, v] > 0)
    assert [p for p, _ in written] == [p for p, _ in drawn]  # the roll's hits, voice for voice ...
    assert np.allclose([t for _, t in written], [t for _, t in drawn], atol=0.01)  # ... where the roll has them
    bars = int(np.ceil(notes.start.max() / 4))
    snare = {round(float(t + 0.2) % 4 - 0.2, 2) for p, t in zip(notes.pitch, notes.start) if p == GM_DRUM_MAP.output[SNARE]}
    kicks = {round(t / 4) for p, t in zip(notes.pitch, notes.start)  # a kick pushed a hair early is still the 1
             if p == GM_DRUM_MAP.output[KICK] and abs(t / 4 - round(t / 4)) < 0.025}
    assert kicks == set(range(bars))  # the kick on every bar's 1 ...
    assert min(abs(b - 2.0) for b in snare) < 0.1  # ... the backbeat on 3
    assert not any(abs(b - 1.0) < 0.1 or abs(b - 3.0) < 0.1 for b in snare)  # none on 2 or 4 in the whole file


def test_half_time_is_saved_with_the_settings_and_restored(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    w.half_time.click()
    w.close()
    assert Settings.load(w.store.shared.path).feel == "half"  # the record the docked panel and Drumify read
    again = make_panel(config_dir=w.store.folder)
    assert again.half_time.isChecked() and again.controller.settings.feel == "half"
    again.half_time.click()
    again.close()
    assert Settings.load(again.store.shared.path).feel == "normal"
    assert not make_panel(config_dir=w.store.folder).half_time.isChecked()


def test_h_toggles_half_time_says_it_and_ctrl_z_takes_it_back(make_panel, qtbot, shipped):
    w = active(opened(make_panel, qtbot, shipped), qtbot)
    said = key(w, qtbot, Qt.Key.Key_H)
    assert said.startswith("half time on"), said
    assert w.half_time.isChecked() and in_half_time(shown(w, qtbot))
    said = key(w, qtbot, Qt.Key.Key_Z, C)
    assert said.startswith("undone: half time"), said
    assert not w.half_time.isChecked() and w.controller.settings.feel == "normal"
    assert backbeats(shown(w, qtbot))[:2] == [4, 12]  # the roll's backbeat back on 2 and 4
    said = key(w, qtbot, Qt.Key.Key_Z, C | Qt.KeyboardModifier.ShiftModifier)
    assert said.startswith("redone: half time") and w.half_time.isChecked()
    assert key(w, qtbot, Qt.Key.Key_H).startswith("half time off") and not w.half_time.isChecked()
    assert "H half time" in w.shortcut_help.text() and "(H)" in w.half_time.toolTip()


def test_half_time_turned_on_while_playing_live_says_the_bar_it_is_heard_from(make_panel, qtbot):
    """Live play plays half time from the next bar line (core/live.py), said as the other live changes are."""
    w, opened_ports = live_on_ports(make_panel, qtbot, bpm=240.0)
    opened_ports["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
    qtbot.waitUntil(lambda: w.status_labels["position"].text().endswith("· playing"), timeout=3000)
    w.half_time.click()
    said = w.status_line.text()
    assert said.startswith("live: half time on from bar "), said
    w.live_action.trigger()


def test_half_time_set_in_the_docked_panel_shows_in_the_open_editor(make_panel, qtbot, shipped):
    from reagroove.reaper_ext.panel.store import SharedSettings

    w = opened(make_panel, qtbot, shipped)
    SharedSettings(w.store.shared.path).write(Settings(feel="half"))  # the docked panel's toggle, in REAPER
    qtbot.waitUntil(lambda: w.half_time.isChecked(), timeout=3000)
    assert in_half_time(shown(w, qtbot))  # the roll is what REAPER's Drumify now writes
