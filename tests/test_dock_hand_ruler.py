"""The docked panel's live status says the bar as REAPER's ruler numbers it (Project Settings > Project start measure):
a project that starts at bar 0 (a count-in bar) or at bar 5 was said from bar 1, one bar or four off the ruler."""

import pytest
from fake_reaper import reapy_inside
from test_dock import config, open_dock, project, status_line  # noqa: F401  (config: its fixture)


@pytest.mark.parametrize("start_measure", [1, 0, 5])
def test_live_status_says_the_bar_the_ruler_shows(config, start_measure):
    launched = []
    with reapy_inside(project().start_measure(start_measure)) as s:
        panel, gui = open_dock(s, launched)
        gui.set_value("Live follow", True)
        s.reaper.run_deferred()
        s.reaper.transport.play()
        s.reaper.transport.advance(4.5)  # the third measure from the project start, its beat 2, at 120 BPM
        panel.clock = lambda: 100.0
        s.reaper.run_deferred()
        ruler_bar = 3 - 1 + start_measure  # the ruler numbers the project's first measure `start_measure`
        assert status_line(gui).startswith(f"Live follow on · bar {ruler_bar} · beat 2"), status_line(gui)
