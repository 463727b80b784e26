"""The docked panel's Drumify after hand edits in the full editor, on the shipped model in the simulated REAPER: the
producer fixes a bar by hand in the editor, then presses Drumify in the dock. The dock's engine (a process of its
own) wrote the drums without the edit, the message line saying only "nothing written" or "wrote 4 drum items"; now
the edit is in the drums written and the message line says so."""

from fake_reaper import reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import PURGE, bass_song, engine_runs, open_dock  # noqa: F401
from test_dock_run_errors import message_line, press
from test_reaper_editor_edits import TOM, TOM_PITCH, drum_notes, kept_in_editor, toms_at

from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.edits import HandEdits
from reagroove.reaper_ext.panel.input_groove import input_from_selection


def test_drumify_in_the_dock_keeps_the_hand_edits_made_in_the_editor(config, engine_runs):  # noqa: F811
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        press(s, gui, "Drumify")
        before = drum_notes(LocalBridge())
        source = input_from_selection(LocalBridge())  # the editor reads the selection (Read REAPER selection)
        start, bar = float(source.starts[0]), int(source.bars[0])
        # a tom where the drums play none (the producer's own fill note): the first such 16th of the window
        step = next(k for k in range(4, 32) if not toms_at(before, start + k / 4))
        kept_in_editor({1: lambda src: HandEdits().set(bar, step, TOM, 0.8)})
        press(s, gui, "Drumify")  # the same settings and seed: only the edit differs
        after = drum_notes(LocalBridge())
        assert toms_at(after, start + step / 4) and not toms_at(before, start + step / 4)
        assert [n for n in after if n[2] != TOM_PITCH] == [n for n in before if n[2] != TOM_PITCH]
        line, tooltip = message_line(gui)  # the docker's width cuts the line; its tooltip has it whole
        assert line.startswith("Drumify: wrote 4 drum items, seed 0"), line  # what it did first
        gui.windows[host.WINDOW_TITLE].size = (900.0, 700.0)  # room: then the edit kept
        s.reaper.run_deferred()
        line, _ = message_line(gui)
        assert line.startswith("Drumify: wrote 4 drum items, seed 0; 1 hand edit from the editor kept on top"), line
        assert ("note: 1 hand edit from the editor kept on top (to drop it: Read REAPER selection in the editor, then "
                "Clear hand edits)") in tooltip, tooltip
