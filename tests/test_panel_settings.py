"""The Qt panel's small things (issue 12) and the settings it shares with the docked panel.

It opens a file on its first window with real content, shows and plays along
at the file's tempo, greys out what has no effect with a tooltip saying why,
and publishes / takes the shared settings.json within one tick. Runs under
pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from conftest import build_midi  # noqa: E402
from helpers import MemoryInput, MemoryOutput  # noqa: E402
from test_panel import pick  # noqa: E402

from reagroove.core import read_midi  # noqa: E402
from reagroove.core.groove import extract_windows  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402
from reagroove.reaper_ext.panel.controller import first_window_with_content  # noqa: E402
from reagroove.reaper_ext.panel.store import SharedSettings  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def pickup_file(path, bpm=130.0):
    """Two lone notes in bar 1, nothing in bars 3-4, then a busy bass line from bar 5 on, at `bpm`."""
    notes = [(0.0, 40, 90, 0), (3.0, 43, 90, 0)]
    notes += [(16.0 + 0.5 * k, 40 + k % 5, 80 + k % 40, 0) for k in range(32)]
    return build_midi(path, notes, tempos=((0, bpm),))


def test_opens_on_the_first_window_with_real_content(make_panel, qtbot, tmp_path):
    w = make_panel()
    path = pickup_file(tmp_path / "pickup.mid")
    assert w.open_midi(path)
    grooves = extract_windows(read_midi(path)).grooves
    assert [int(g[:, 0].sum()) for g in grooves[:3]] == [2, 0, 16]  # a lone pickup, a rest, the part
    assert w.controller.input.window == 2 and w.window_spin.value() == 3
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id)
    assert np.array_equal(w.roll.groove, grooves[2]) and "bars 5-6" in w.input_label.text()
    assert first_window_with_content(np.zeros((3, 32, 3))) == 0  # nothing anywhere: the first


def test_live_tempo_is_the_files(make_panel, qtbot, tmp_path):
    opened = {}

    def open_port(name, kind):
        opened[kind] = MemoryInput(name) if kind == "input" else MemoryOutput(name)
        return opened[kind]

    w = make_panel(list_ports=lambda: (["Keys"], ["Drums"]), open_port=open_port)
    assert w.open_midi(pickup_file(tmp_path / "at130.mid", bpm=130.0))
    assert w.status_labels["tempo"].text().startswith("130.0 BPM")  # not the default 120
    assert w.bpm_spin.value() == 130.0
    w.live_action.trigger()  # live on MIDI ports plays along at the file's tempo
    qtbot.waitUntil(lambda: "input" in opened, timeout=3000)
    qtbot.waitUntil(lambda: w.status_labels["tempo"].text() == "130.0 BPM", timeout=3000)
    w.live_action.trigger()


def test_what_has_no_effect_is_greyed_out_with_the_reason(make_panel):
    w = make_panel()
    assert w.controller.settings.pattern_a is None
    for slider in (w.follow_slider, w.interpolate_slider):
        assert not slider.isEnabled() and "pattern" in slider.toolTip()
    assert not w.density_slider.isEnabled() and "auto" in w.density_slider.toolTip()
    w.density_auto.setChecked(False)
    assert w.density_slider.isEnabled() and w.density_slider.toolTip() == "fewer to more hits ([ and ])"
    pick(w.pattern_combos["A"], w.pattern_combos["A"].findText("rock"))
    assert w.follow_slider.isEnabled() and "follow" in w.follow_slider.toolTip()
    assert not w.interpolate_slider.isEnabled()  # A ↔ B needs B as well
    pick(w.pattern_combos["B"], w.pattern_combos["B"].findText("funk"))
    assert w.interpolate_slider.isEnabled()
    assert all(not b.isEnabled() and "not connected" in b.toolTip() for b in w.pattern_from_reaper.values())


def test_settings_are_shared_with_the_docked_panel(make_panel, qtbot, tmp_path):
    config = tmp_path / "shared"
    w = make_panel(config_dir=config)
    docked = SharedSettings(config / "settings.json")  # the docked panel's side (reaper_ext/dock)
    w.genre_mixer.sliders["latin"].slider.setValue(700)
    qtbot.waitUntil(lambda: docked.poll() is not None, timeout=1000)
    assert Settings.load(docked.path).genre == {"latin": 0.7}
    docked.write(w.controller.settings.replace(density=0.25, fill_every=4))
    qtbot.waitUntil(lambda: w.controller.settings.density == 0.25, timeout=1000)
    assert w.density_slider.value() == 0.25 and w.controller.settings.fill_every == 4
    assert docked.poll() is None  # taking theirs did not write it back
    w.close()
    assert make_panel(config_dir=config).controller.settings.density == 0.25  # and it is what the next run opens


def test_a_settings_file_that_could_not_be_written_is_no_problem_once_it_is(tmp_path, monkeypatch):
    """The docked panel shows `problem` every frame: once a later write lands, the warning must go."""
    shared = SharedSettings(tmp_path / "settings.json", background=True)
    real_save = Settings.save

    def full_disk(self, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Settings, "save", full_disk)
    shared.write(Settings(density=0.3))
    shared.flush()
    assert "cannot write" in shared.problem
    monkeypatch.setattr(Settings, "save", real_save)  # space freed
    shared.write(Settings(density=0.4))
    shared.flush()
    assert shared.problem == "" and shared.read() == Settings(density=0.4)
