"""The Live status section of the Qt panel connected to REAPER, at the window's own size (1320 x 820, as
docs/panel_reaper.png shows it): every line in sight without a scroll bar. The standalone MIDI ports' rows,
greyed out and doing nothing while REAPER is connected, had pushed it 14 px past its section."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel import FakeReaper  # noqa: E402

from reagroove.reaper_ext.panel.controller import FILES, REAPER  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture


def test_live_status_fits_its_section_while_reaper_is_connected_and_the_ports_come_back_without_it(make_panel, qtbot):
    fake = FakeReaper()
    w = make_panel(bridge=fake, check_every=0.05)
    assert w.size().toTuple() == (1320, 820)  # the panel's first size
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "live follow on" in w.status_labels["mode"].text(), timeout=3000)
    panel_helpers.wait_for_settled_layout(qtbot, w)
    scroll = w.docks["live"].widget()
    assert scroll.verticalScrollBar().maximum() == 0  # nothing below the fold: no scroll bar
    view = scroll.viewport()
    for label in w.status_labels.values():  # each line whole inside the section
        top = label.mapTo(view, label.rect().topLeft()).y()
        assert label.isVisible() and 0 <= top and top + label.height() <= view.height()
    fake.down = True  # REAPER away: standalone live on MIDI ports is what the section offers now
    qtbot.waitUntil(lambda: w.mode == FILES, timeout=3000)
    assert w.ports_box.isVisible() and w.ports_box.isEnabled() and w.in_port.isVisible()
