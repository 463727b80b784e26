"""The Qt panel connected to REAPER (a pretend one, and the real reapy server over the wire): it survives
REAPER going away, stalling and coming back, reads only what REAPER plays, takes patterns from the selection
and follows live input. Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import time

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel import FakeReaper, WireReaper, reaper_with_a_muted_pad  # noqa: E402

from reagroove.reaper_ext.bridge import DistantBridge  # noqa: E402
from reagroove.reaper_ext.panel.controller import FILES, REAPER  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def test_panel_survives_reaper_going_away_and_coming_back(make_panel, qtbot):
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    assert "REAPER · connected" in w.mode_badge.text()
    qtbot.waitUntil(lambda: w.controller.input is not None and w.controller.input.name == "REAPER selection")
    qtbot.waitUntil(lambda: w.status_labels["tempo"].text() == "96.0 BPM")
    assert w.status_labels["position"].text().startswith("bar 10")
    fake.down = True
    qtbot.waitUntil(lambda: w.mode == FILES, timeout=3000)
    assert "not connected" in w.mode_badge.text() and "not answering" in w.status_labels["reaper"].text()
    w.drumify()  # standalone now, with no file open: one message, nothing written
    assert "open a MIDI file" in w.last_message and not fake.written
    w.follow_slider.slider.setValue(600)  # the panel keeps working
    fake.down = False
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.drumify()
    qtbot.waitUntil(lambda: bool(fake.written), timeout=3000)
    assert fake.written[0]["items"] and fake.written[0]["items"][0]["settings"]["follow"] == 0.6
    qtbot.waitUntil(lambda: "drum items" in w.last_message)


def test_over_the_wire_reaper_quits_restarts_and_stalls(make_panel, qtbot):
    """The real DistantBridge against a socket server: REAPER quits, comes back on the same port, then stalls."""
    server = WireReaper()
    port = server.port
    w = make_panel(bridge=DistantBridge(port, timeout=0.3), check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    server.close()  # REAPER quits
    qtbot.waitUntil(lambda: w.mode == FILES, timeout=3000)
    server = WireReaper(port)  # and starts again
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    server.close()
    qtbot.waitUntil(lambda: w.mode == FILES, timeout=3000)
    stalled = WireReaper(port, stalled=True)  # REAPER hangs (a modal dialog): replies never come
    qtbot.waitUntil(lambda: "did not answer within 0.3 s" in w.status_labels["reaper"].text(), timeout=3000)
    assert w.mode == FILES
    t0 = time.perf_counter()
    w.follow_slider.slider.setValue(123)  # the UI never waits on the network
    # a call to REAPER on the UI thread would wait out its 0.3 s timeout here: the margin is for a loaded machine
    assert time.perf_counter() - t0 < 0.25 and w.controller.settings.follow == 0.123
    stalled.close()


def test_reaper_failing_during_an_action_is_reported(make_panel, qtbot):
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    fake.down = True
    w.make_variations()  # the UI still thinks REAPER is there: the job fails, the panel says so
    qtbot.waitUntil(lambda: "not answering" in w.last_message or w.mode == FILES, timeout=3000)
    qtbot.waitUntil(lambda: w.mode == FILES, timeout=3000)
    fake.down = False
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.make_variations()
    qtbot.waitUntil(lambda: bool(fake.written) and "variations" in fake.written[-1]["undo_name"], timeout=3000)


def test_variations_over_drums_already_playing_are_said_to_be_all_muted(make_panel, qtbot):
    """REAPER writes every version muted where ReaGroove drums already play: the status line says so, with the
    tracks' names, as the console does (it had said "the first plays" whatever REAPER wrote)."""
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    n = w.controller.variations
    fake.variations_reply = {"first_plays": False, "first_number": 3}
    w.make_variations()
    qtbot.waitUntil(lambda: "variations on new tracks" in w.last_message, timeout=5000)
    assert "all muted" in w.last_message and "the first plays" not in w.last_message
    assert f"ReaGroove Var 3-{n + 2}" in w.last_message
    fake.variations_reply = {}  # nothing plays there: the first version does
    w.make_variations()
    qtbot.waitUntil(lambda: "the first plays" in w.last_message, timeout=5000)


def test_the_editor_reads_only_what_reaper_plays_and_says_what_it_left_out(make_panel, qtbot):
    fake = reaper_with_a_muted_pad()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.controller.input is not None and w.controller.input.name == "REAPER selection")
    assert "skipped 1 muted item: 'pad'" in w.controller.input.messages
    w.close()


def test_patterns_from_the_reaper_selection(make_panel, qtbot):
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.pattern_from_reaper_selection("B")
    qtbot.waitUntil(lambda: w.controller.settings.pattern_b == "reaper-B", timeout=3000)
    assert w.pad.b_name == "reaper-B" and "reaper-B" in w.controller.pattern_names()


def test_live_follow_in_reaper_takes_new_settings_at_the_next_bar(make_panel, qtbot):
    fake = FakeReaper()
    fake.playing = True
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.live_action.trigger()
    assert w.live_on and "live follow on" in w.mode_badge.text()
    qtbot.waitUntil(lambda: any(i["name"] == "ReaGroove live" for s in fake.written for i in s["items"]), timeout=5000)
    qtbot.waitUntil(lambda: w.controller.input.name.startswith("live input"), timeout=3000)
    qtbot.waitUntil(lambda: "made" in w.status_labels["loops"].text(), timeout=3000)
    w.density_slider.slider.setValue(900)
    qtbot.waitUntil(lambda: w.link.follower is not None and w.link.follower.settings.density == 0.9, timeout=3000)
    follower = w.link.follower
    assert follower.session._pending_settings is not None or follower.session.settings.density == 0.9
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.link.follower is None and "live follow off" in w.last_message, timeout=3000)


def test_live_follow_from_the_panel_sets_the_docks_live_flag(make_panel, qtbot):
    # the simulated REAPER (tests/fake_reaper) behind a LocalBridge: the dock reads ext-state reagroove/live
    from fake_reaper import ProjectSpec, reapy_inside

    from reagroove.core.constants import EXT_SECTION
    from reagroove.reaper_ext.bridge import LocalBridge

    spec = ProjectSpec(bpm=100)
    spec.add_track("Bass", selected=True)
    with reapy_inside(spec, purge=("reagroove.reaper_ext.server",)) as s:
        live = lambda: s.rpr.RPR_GetExtState(EXT_SECTION, "live")  # noqa: E731
        assert live() == ""
        w = make_panel(bridge=LocalBridge(), check_every=0.05)
        qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
        w.live_action.trigger()
        qtbot.waitUntil(lambda: live() == "on", timeout=3000)
        w.live_action.trigger()
        qtbot.waitUntil(lambda: live() == "off" and w.link.follower is None, timeout=3000)
        w.live_action.trigger()
        qtbot.waitUntil(lambda: live() == "on", timeout=3000)
        w.close()  # closing the panel with live follow on turns the dock's badge off too
        qtbot.waitUntil(lambda: live() == "off", timeout=3000)


def test_live_follow_turned_off_in_reaper_stops_the_panels_follower(make_panel, qtbot, monkeypatch):
    # the docked panel (or the toggle action) turns REAPER's live flag off: the Qt panel's follower stops too
    from fake_reaper import ProjectSpec, reapy_inside

    from reagroove.core.constants import EXT_SECTION
    from reagroove.reaper_ext import reaper_side
    from reagroove.reaper_ext.bridge import LocalBridge

    set_live_flag = reaper_side.set_live_flag

    def slow_set_live_flag(on):  # a busy REAPER answers late: its "on" must not land after the user's "off"
        time.sleep(0.3)
        return set_live_flag(on)

    monkeypatch.setattr(reaper_side, "set_live_flag", slow_set_live_flag)

    spec = ProjectSpec(bpm=100)
    spec.add_track("Bass", selected=True)
    with reapy_inside(spec, purge=("reagroove.reaper_ext.server",)) as s:
        w = make_panel(bridge=LocalBridge(), check_every=0.05)
        qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
        w.live_action.trigger()
        qtbot.waitUntil(lambda: w.link.follower is not None, timeout=3000)
        s.rpr.RPR_SetExtState(EXT_SECTION, "live", "off", False)  # what the dock's checkbox does
        qtbot.waitUntil(lambda: w.link.follower is None and not w.live_on, timeout=3000)
        assert not w.live_action.isChecked() and "turned off in REAPER" in w.last_message
        w.live_action.trigger()  # and it can be turned on again from the panel
        qtbot.waitUntil(lambda: w.link.follower is not None and w.live_on, timeout=3000)
        w.close()
