"""REAPER's live follow (`reagroove reaper live --settings`, what the docked panel's Live follow starts) says in
REAPER's console that a saved hold has no effect live, once when it starts and once when Hold is ticked in a
panel while it follows: it had dropped the hold unsaid."""

import argparse

from stub_model import StubModel
from test_dock import PlayingReaper

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.models.commands_live import HOLD_NO_EFFECT_LIVE
from reagroove.reaper_ext import commands
from reagroove.reaper_ext.panel.store import SharedSettings


class SayingReaper(PlayingReaper):
    def __init__(self, polls, on_poll):
        super().__init__(polls, on_poll)
        self.said: list[str] = []

    def call(self, name, *args):
        if name == "show_message":
            self.said.append(args[0])
        return super().call(name, *args)


def _follow(tmp_path, saved: Settings, later: Settings | None = None) -> list[str]:
    path = tmp_path / "settings.json"
    saved.save(path)
    panel_side = SharedSettings(path)
    reaper = SayingReaper(40, lambda n: n == 20 and later is not None and panel_side.write(later))
    args = argparse.Namespace(memory=0.6, poll=0.0, settings=str(path))
    assert commands._live(args, reaper, Engine(StubModel()), Settings.load(path), None) == 0
    return reaper.said


def test_live_follow_started_with_a_saved_hold_says_it_has_no_effect(tmp_path):
    said = _follow(tmp_path, Settings(hold=True))
    assert said[0].startswith("ReaGroove: live follow on") and HOLD_NO_EFFECT_LIVE in said[0]
    assert sum(HOLD_NO_EFFECT_LIVE in line for line in said) == 1


def test_hold_ticked_while_following_is_said_once_and_nothing_without_it(tmp_path):
    said = _follow(tmp_path, Settings(), later=Settings(hold=True))
    assert HOLD_NO_EFFECT_LIVE not in said[0]
    assert sum(HOLD_NO_EFFECT_LIVE in line for line in said) == 1
    quiet = _follow(tmp_path, Settings(), later=Settings(density=0.9))
    assert not any("hold" in line for line in quiet)
