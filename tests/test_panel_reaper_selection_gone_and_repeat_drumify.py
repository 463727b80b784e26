"""The editor connected to REAPER, as a producer reviewer found it: a repeat Drumify that wrote nothing still said
"note: written with your 3 hand edits on top"; with everything deselected in REAPER the roll went on reading
"REAPER selection · bars 1-2" with Drumify selection on, and pressing it said "drumify: select ..." where the
docked panel says "Drumify: ..."."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_editor_hand_edits import click_cell, played  # noqa: E402
from test_panel import FakeReaper  # noqa: E402

from reagroove.reaper_ext.panel.controller import REAPER  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture


class CountingReaper(FakeReaper):
    """A REAPER side whose project_info counts the selected items (project_maps.project_info)."""

    def __init__(self):
        super().__init__()
        self.selected = 1

    def info(self):
        return {**super().info(), "selected_items": self.selected}

    def call(self, name, *args):
        if name == "read_selected_items" and not self.selected:
            return {"items": [], "drum_map": None, **FakeReaper.info(self)}
        return super().call(name, *args)


def reading_the_selection(make_panel, qtbot, fake):
    w = make_panel(bridge=fake, check_every=0.05)
    w.resize(1200, 800)
    qtbot.waitUntil(lambda: w.mode == REAPER and w.controller.input is not None
                    and w.controller.input.name == "REAPER selection" and w.roll.drum_hit_count() > 0, timeout=5000)
    return w


def test_a_drumify_that_wrote_nothing_does_not_say_the_hand_edits_went_on_top(make_panel, qtbot):
    fake = FakeReaper()
    w = reading_the_selection(make_panel, qtbot, fake)
    click_cell(w, *played(w.roll.loop))  # a hand edit: it goes on top of what Drumify writes
    w.drumify()
    qtbot.waitUntil(lambda: "drum items" in w.last_message, timeout=5000)
    assert "written with your 1 hand edit on top" in w.last_message
    fake.drum_track_reply = {"written": 0, "unchanged": True}  # pressed again: the same drums are there
    w.drumify()
    qtbot.waitUntil(lambda: w.last_message.startswith("nothing written"), timeout=5000)
    assert "drums already written for these settings" in w.last_message
    assert "on top" not in w.last_message, w.last_message
    w.close()


def test_everything_deselected_in_reaper_greys_drumify_out_and_says_why(make_panel, qtbot):
    fake = CountingReaper()
    w = reading_the_selection(make_panel, qtbot, fake)
    assert w.drumify_action.isEnabled() and w.variations_action.isEnabled()
    tip = w.drumify_action.toolTip()
    fake.selected = 0  # Ctrl+click away in REAPER: nothing selected
    qtbot.waitUntil(lambda: not w.drumify_action.isEnabled(), timeout=3000)
    assert not w.variations_action.isEnabled()
    assert w.last_message.startswith("select one or more MIDI or audio items in REAPER first"), w.last_message
    assert "select one or more" in w.drumify_action.toolTip()
    fake.selected = 2  # selected again
    qtbot.waitUntil(lambda: w.drumify_action.isEnabled(), timeout=3000)
    assert w.variations_action.isEnabled() and w.drumify_action.toolTip() == tip
    w.close()


def test_a_refused_drumify_is_said_with_its_name_capitalised_as_the_dock_says_it(make_panel, qtbot):
    fake = CountingReaper()
    fake.info = FakeReaper.info.__get__(fake)  # a REAPER side that does not count: Drumify stays on
    fake.selected = 0
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    said, say = [], w.say  # every line said: the link's own selection reads may say "nothing selected" too
    w.say = lambda text, **kw: (said.append(text), say(text, **kw))[1]
    w.drumify()
    qtbot.waitUntil(lambda: any(m.startswith("Drumify: ") for m in said), timeout=5000)
    refused = [m for m in said if m.startswith("Drumify: ")]
    assert refused[0].startswith("Drumify: select one or more MIDI or audio items"), said
    w.close()
