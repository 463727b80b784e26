"""The Qt panel connected to REAPER says what Drumify and Variations say of the instrument on the tracks they
write (reaper_ext/kit_notes.py): a new drum track with none plays nothing, and a new user pressing play in REAPER
heard silence with the panel saying only what it wrote."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel import FakeReaper  # noqa: E402

from reagroove.reaper_ext.panel.controller import REAPER  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


def test_a_new_drum_track_without_an_instrument_is_said_on_the_status_line(make_panel, qtbot):
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    fake.drum_track_reply = {"instrument": False}
    w.drumify()
    qtbot.waitUntil(lambda: "drum item" in w.last_message, timeout=5000)
    assert "the new drum track has no instrument yet" in w.last_message
    assert "General MIDI" in w.last_message
    first = w.last_message
    fake.drum_track_reply = {"instrument": True}  # the producer put a kit on it: nothing more said
    w.controller.settings = w.controller.settings.replace(seed=5)  # another take, so that the run writes
    w.drumify()
    qtbot.waitUntil(lambda: "drum item" in w.last_message and w.last_message != first, timeout=5000)
    assert "instrument" not in w.last_message


def test_variations_with_no_kit_to_copy_say_so_on_the_status_line(make_panel, qtbot):
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    fake.variations_reply = {"kit": ""}
    w.make_variations()
    qtbot.waitUntil(lambda: "variations on new tracks" in w.last_message, timeout=5000)
    assert "the variation tracks have no instrument" in w.last_message
