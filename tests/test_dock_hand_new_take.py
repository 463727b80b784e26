"""The docked panel's Dice (the full editor's dice, then Drumify): Drumify pressed again with nothing changed wrote nothing and
said "a new seed draws a new take", and the dock had no seed to change; a producer arranging beside REAPER had to
open the full editor for another take."""

import random

from fake_reaper import reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_engine import open_dock as open_plain, started_engines
from test_dock_patterns_and_sliders import PURGE, bass_song, engine_runs, open_dock, said  # noqa: F401
from test_dock_run_errors import message_line, press

from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock.view import new_take


def drumify_undo_points(s):
    return [name for name in s.reaper.project.undo_names if "drumify" in name]


def test_the_dice_draws_other_drums_where_drumify_again_writes_nothing(config, engine_runs):
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        press(s, gui, "Drumify")
        first = said(s)
        press(s, gui, "Drumify")  # nothing changed: nothing written
        assert "nothing written" in message_line(gui)[1] and len(drumify_undo_points(s)) == 1
        press(s, gui, "Dice")
        seed = panel.settings.seed
        assert seed != 0 and engine_runs[-1].args[:2] == ["reaper", "drumify"] and engine_runs[-1].code == 0
        assert f"seed {seed}" in said(s) and said(s) != first, said(s)  # the take the panel shows, written
        assert len(drumify_undo_points(s)) == 2  # drums written again: one undo point
        line, whole = message_line(gui)
        assert whole.startswith("Drumify: wrote") and f"seed {seed}" in whole, whole
        assert Settings.load(config / "settings.json").seed == seed  # the full editor shows the same seed
        press(s, gui, "Dice")
        assert panel.settings.seed not in (0, seed)  # each press another take


def test_the_dice_refused_while_an_engine_runs_keeps_the_seed(config):
    engines, launch = started_engines()
    with reapy_inside(bass_song()) as s:
        panel, gui = open_plain(s, launch)
        gui.click("Drumify")
        s.reaper.run_deferred()
        gui.click("Dice")  # while the first still writes the drum track
        s.reaper.run_deferred(2)
        assert len(engines) == 1 and panel.settings.seed == 0
        assert any("still running" in w.label for w in gui.last_frame() if w.kind == "text")


def test_a_new_take_from_a_temperature_of_0_is_a_take():
    """At a temperature set to 0 every seed plays the most likely loop: the dice sets it back to its default."""
    rng = random.Random(7)
    for settings in (Settings(), Settings(seed=5, temperature=0.0), Settings(seed=5, temperature=0.4)):
        taken = new_take(settings, rng)
        assert taken.seed not in (0, settings.seed)
        assert taken.temperature > 0 and taken.temperature_auto == (settings.temperature in (None, 0.0))


def test_the_dice_whose_drumify_cannot_start_keeps_the_seed(config):
    """An engine that cannot start (REAPER's actions not installed, no python): no take was drawn, so the seed the
    panels show stays (it had changed all the same, the panels then showing a seed no drums were written with)."""
    from reagroove.reaper_ext.dock.host import DockError

    def launch(args):
        raise DockError("cannot start ReaGroove's engine: reagroove not found")

    with reapy_inside(bass_song()) as s:
        panel, gui = open_plain(s, launch)
        gui.click("Dice")
        s.reaper.run_deferred(2)
        panel.shared.flush()
        assert panel.settings.seed == 0 and Settings.load(config / "settings.json").seed in (None, 0)
        assert any("cannot start" in w.label for w in gui.last_frame() if w.kind == "text")
