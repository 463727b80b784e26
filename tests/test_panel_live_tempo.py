"""The editor live on MIDI ports (in-memory ports): the producer turns the Tempo box while the drums play."""

import panel_helpers  # noqa: F401  (Qt offscreen; skips the file without PySide6, pyqtgraph or pytest-qt)

import mido  # noqa: E402
from helpers import MemoryInput, MemoryOutput  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs


def _ports_panel(make_panel):
    opened = {}

    def open_port(name, kind):
        opened[kind] = MemoryInput(name) if kind == "input" else MemoryOutput(name)
        return opened[kind]

    return make_panel(list_ports=lambda: (["Keys"], ["Drums"]), open_port=open_port), opened


def test_the_tempo_box_turned_while_playing_on_ports_moves_the_drums_to_it(make_panel, qtbot):
    """Live on the ports at 100, the player at 110: the Tempo box was greyed out ("stop Live follow to change the
    tempo"), so changing the tempo meant stopping and starting again, the groove lost. Turned while playing, the
    clock the drums play by runs at the new tempo (the Live status's tempo says it); ports and clock stay locked."""
    w, opened = _ports_panel(make_panel)
    w.bpm_spin.setValue(100.0)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "input" in opened and "output" in opened and w.ports_live.session is not None, timeout=3000)
    opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
    qtbot.waitUntil(lambda: w.status_labels["tempo"].text().startswith("100.0"), timeout=3000)
    assert w.bpm_spin.isEnabled()
    for widget in (w.in_port, w.out_port, w.clock_in):
        assert not widget.isEnabled()
    w.bpm_spin.setValue(110.0)
    qtbot.waitUntil(lambda: w.status_labels["tempo"].text().startswith("110.0"), timeout=3000)
    assert w.live_on
    w.live_action.trigger()
    assert not w.live_on and w.bpm_spin.value() == 110.0  # the next start plays at the tempo last set
    for widget in (w.in_port, w.out_port, w.clock_in, w.bpm_spin):
        assert widget.isEnabled()
