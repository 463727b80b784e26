"""Variations run twice: the second run's tracks are numbered after the first's (ReaGroove Var 3, 4), and their
items say the same number ("· var 3" on Var 3), so an item dragged elsewhere still tells which version it is."""

from fake_reaper import reapy_inside
from test_reaper import PURGE, bass_project, engine

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def test_a_second_runs_items_carry_their_tracks_numbers():
    with reapy_inside(bass_project(), purge=PURGE):
        bridge = LocalBridge()
        assert actions.variations_of_selection(bridge, engine(), Settings(seed=2), 2)["first_number"] == 1
        assert actions.variations_of_selection(bridge, engine(), Settings(seed=5), 3)["first_number"] == 3
        for number in range(1, 6):
            items = bridge.call("drum_track_items", f"ReaGroove Var {number}")["items"]
            assert items and all(i["name"].endswith(f" · var {number}") for i in items), (number, items[0]["name"])
        assert bridge.call("drum_track_items", "ReaGroove Var 3")["items"][0]["name"] == \
            f"{actions.settings_label(Settings(seed=5))} · var 3"
