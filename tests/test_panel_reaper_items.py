"""The editor's REAPER actions say what they left out of the selection, as REAPER's actions do in the console.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel import FakeReaper  # noqa: E402

from reagroove.reaper_ext.panel.controller import REAPER  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures

MUTED_PAD = {"item": 2, "track_index": 1, "start_qn": 0.0, "end_qn": 32.0, "name": "pad", "is_midi": True,
             "role": "", "muted": True, "notes": []}


@pytest.mark.parametrize("slot", ["A", "B"])
def test_a_b_from_a_reaper_item_says_which_muted_item_it_skipped(make_panel, qtbot, slot):
    fake = FakeReaper()
    fake.extra_items = [dict(MUTED_PAD)]
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.pattern_from_reaper_selection(slot)
    qtbot.waitUntil(lambda: getattr(w.controller.settings, f"pattern_{slot.lower()}") == f"reaper-{slot}",
                    timeout=3000)
    qtbot.waitUntil(lambda: f"pattern {slot} from" in w.last_message, timeout=3000)
    assert "note: skipped 1 muted item: 'pad'" in w.last_message  # the words `Set pattern` prints in the console
    assert "\n" not in w.last_message
    w.close()


def test_drumify_from_the_editor_says_which_muted_item_it_skipped(make_panel, qtbot):
    fake = FakeReaper()
    fake.extra_items = [dict(MUTED_PAD)]
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.drumify()
    qtbot.waitUntil(lambda: "drum items" in w.last_message, timeout=3000)
    assert "note: skipped 1 muted item: 'pad'" in w.last_message
    w.close()


def test_drumify_from_the_editor_while_its_live_follow_runs_says_so(make_panel, qtbot):
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.live_action.trigger()
    assert w.live_on
    w.drumify()
    assert "live follow is on" in w.last_message and "turn live follow off" in w.last_message
    assert not any(spec.get("undo_name", "").startswith("ReaGroove: drumify") for spec in fake.written)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.link.follower is None, timeout=3000)
    w.close()
