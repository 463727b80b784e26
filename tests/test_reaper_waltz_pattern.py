"""Set pattern A from a waltz selected in REAPER: its bars are brought into the model's 4/4 frame as a pattern
file's are (each bar a loop bar, its 1 on the loop's bar line), not read as 8 quarter notes."""

import numpy as np
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE

from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def waltz_project():
    spec = ProjectSpec(bpm=120, timesig=(3, 4))
    t = spec.add_track("Bass")
    # four bars of 3/4: a low note on each bar's 1 (loud), quieter ones on beats 2 and 3
    notes = [[b * 3.0 + k, 0.5, 40 if k == 0 else 47, 110 if k == 0 else 60] for b in range(4) for k in range(3)]
    spec.add_midi_item(t, notes, start_qn=0.0, length_qn=12.0, selected=True)
    return spec


def test_a_waltz_selection_as_pattern_a_has_each_bars_one_on_a_loop_bar_line():
    with reapy_inside(waltz_project(), purge=PURGE):
        pattern = actions.pattern_from_selection(LocalBridge(), "reaper-A")
    hits = np.flatnonzero(pattern.groove[:, 0] > 0.5)
    loud = np.flatnonzero(pattern.groove[:, 1] > 0.8)
    assert loud.tolist() == [0, 16]  # bar 2's 1 on the loop's second bar line (read as quarters: step 12)
    assert hits.min() == 0
