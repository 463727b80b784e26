"""The docked panel used as a producer would inside REAPER: what it showed wrong, each fixed here."""

from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.constants import EXT_SECTION
from reagroove.reaper_ext.dock import host


def project():
    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys", armed=True)
    return spec


def open_dock(s, launch=lambda args: None):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=launch)
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def status(gui):
    """The live status lines (drawn with TextColored: a colour value)."""
    return " · ".join(w.label for w in gui.last_frame() if w.kind == "text" and isinstance(w.value, int))


def test_live_status_counts_the_beat_the_band_is_on_not_the_next(config):
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s)
        panel.clock = lambda: 1.0
        gui.set_value("Live follow", True)
        s.reaper.run_deferred()
        s.reaper.transport.play()
        s.reaper.transport.advance(4.9)  # 9.8 beats at 120 BPM: bar 3, 80% through its beat 2
        s.reaper.run_deferred()
        assert "bar 3 · beat 2" in status(gui), status(gui)  # not "beat 3" before beat 3 sounds
