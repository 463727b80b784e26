"""The docked panel knows a run went well by the undo point it made: a one-version Variations run is
'ReaGroove: 1 variation' in REAPER's undo history, and the dock must know it as a Variations run too."""

import pytest

from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.reaper_names import DRUMIFY_UNDO_NAME, variations_undo_name


@pytest.mark.parametrize("n", [1, 2, 4, 12])
def test_the_dock_knows_every_variations_runs_undo_point(n):
    assert host.UNDO_NAMES[host.VARIATIONS](variations_undo_name(n))
    assert not host.UNDO_NAMES[host.DRUMIFY](variations_undo_name(n))


def test_the_dock_takes_no_other_undo_point_for_a_variations_run():
    seen = host.UNDO_NAMES[host.VARIATIONS]
    assert variations_undo_name(1) == "ReaGroove: 1 variation"
    assert not any(seen(name) for name in (DRUMIFY_UNDO_NAME, "ReaGroove: variations", "ReaGroove: 1 variations",
                                           "Insert new MIDI item", "ReaGroove: x variations"))
