"""The docked panel's message line after × clears pattern A or B: it said how the pattern was set ("Pattern A set
from REAPER selection…") until the next run, beside "A: none"; it now says what × just did."""

from fake_reaper import reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import PURGE, bass_song, engine_runs, open_dock  # noqa: F401  (engine_runs: a fixture)
from test_dock_run_errors import message_line, press


def test_the_cross_replaces_the_set_from_line_with_what_it_did(config, engine_runs):
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        press(s, gui, "←item##A")
        press(s, gui, "←item##B")
        line, _ = message_line(gui)
        assert line.startswith("Pattern B set from"), line
        press(s, gui, "×##A")
        assert panel.settings.pattern_a is None and gui.widget("A: none").kind == "text"
        line, tip = message_line(gui)
        assert line == "Pattern A cleared" and "set from" not in (tip or ""), (line, tip)
        press(s, gui, "×##B")
        assert panel.settings.pattern_b is None
        assert message_line(gui)[0] == "Pattern B cleared"
        assert "cleared" not in s.reaper.console_text()  # not a problem: REAPER's console is for those
        press(s, gui, "Drumify")  # the next run's own line replaces it
        line, _ = message_line(gui)
        assert line.startswith("Drumify: "), line


def test_the_cross_pressed_while_drumify_runs_keeps_the_run_said(config):
    """× while an engine started here still runs: "Pattern A cleared" took the place of "Drumify running…" until
    the run ended, so the panel looked idle mid-run; both are said, and the run's own line replaces them."""
    import test_dock_engine
    from test_dock import project

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.panel.store import SharedSettings

    engines, launch = test_dock_engine.started_engines()
    with reapy_inside(project()) as s:
        SharedSettings(config / "settings.json").write(Settings(pattern_a="rock", pattern_b="funk"))
        panel, gui = test_dock_engine.open_dock(s, launch)
        gui.click("Drumify")
        s.reaper.run_deferred(2)
        gui.click("×##A")
        s.reaper.run_deferred(2)
        assert panel.settings.pattern_a is None
        assert "Pattern A cleared; Drumify running…" in test_dock_engine.messages(gui), test_dock_engine.messages(gui)
        engines[-1].exit(0)  # a run that reports nothing: the line keeps what × did
        s.reaper.run_deferred(2)
        assert "Pattern A cleared" in test_dock_engine.messages(gui)
        assert not any("running" in m for m in test_dock_engine.messages(gui))
