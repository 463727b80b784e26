"""The full editor's first run with nothing open (no file, no REAPER, no MIDI ports), as a new user meets it: what
they press first must say what to do next. Started beside REAPER while REAPER was away, Drumify and Export said only
"open a MIDI file first" (not that an audio file opens too, nor how REAPER's side is reached: that was in the Live
status section alone, the badge cut to "REAPER not…"), and the greyed Read selection's tooltip did not say why; Live
follow asked for "a MIDI input and output port" where the lists held none; and the Edit menu named Ctrl+P for Paste
bar, a key the roll does not take (it pastes on Ctrl+V).

Offscreen, with test_panel.py's stand-in model and pretend REAPER (FakeReaper, switched off from the start).
"""

import numpy as np

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from test_editor_clicks_and_paging import opened  # noqa: E402
from test_panel import FakeReaper  # noqa: E402
from test_panel_hand_keys import cursor_to, on_roll  # noqa: E402

from reagroove.core.loop import N_VOICES  # noqa: E402
from reagroove.reaper_ext.panel.controller import FILES  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs
START_SERVER = "'ReaGroove: Start server'"  # the REAPER action that lets the editor in (FakeReaper's refusal names it)


def away_from_reaper(make_panel, qtbot):
    """The editor as `reagroove panel` opens it with REAPER not running: no file, no ports, the link retrying."""
    reaper = FakeReaper()
    reaper.down = True
    w = make_panel(bridge=reaper, check_every=0.05)
    qtbot.waitUntil(lambda: "not connected" in w.status_labels["reaper"].text(), timeout=3000)
    return w


def test_beside_an_absent_reaper_the_first_actions_say_to_open_a_file_or_how_to_reach_reaper(
        make_panel, qtbot, no_dialogs):
    w = away_from_reaper(make_panel, qtbot)
    assert w.mode == FILES and w.controller.input is None
    # where a new user looks first: the empty roll's hint, and the greyed Read selection
    hint = w.roll.hint.toPlainText()
    assert "Ctrl+O" in hint and START_SERVER in hint
    assert not w.selection_action.isEnabled()
    assert "not connected" in w.selection_action.toolTip() and START_SERVER in w.selection_action.toolTip()
    for action in (w.drumify_action, w.variations_action, w.export_action):
        w.say("")
        action.trigger()  # no dialog: nothing is open to write drums for
        said = w.last_message
        assert "open a MIDI file or an audio file" in said and "Ctrl+O" in said, (action.text(), said)
        assert START_SERVER in said, (action.text(), said)


def test_live_with_no_ports_at_all_says_none_are_here_and_shows_where_they_are_listed(make_panel, qtbot):
    w = make_panel()  # standalone, list_ports finding none
    assert w.in_port.currentData() is None and w.out_port.currentData() is None
    w.docks["live"].close()  # View > Live status unticked
    w.live_action.trigger()
    said = w.last_message
    assert not w.live_action.isChecked() and not w.live_on
    assert "no MIDI input or output port is here" in said and "↻" in said, said
    assert w.docks["live"].isVisible() and w.ports_box.isVisible()  # the ports' lists and ↻ in sight


def test_live_with_an_input_port_but_no_output_names_the_missing_one(make_panel, qtbot):
    w = make_panel(list_ports=lambda: (["Keys In"], []))
    w.live_action.trigger()
    assert not w.live_on
    assert "no MIDI output port is here" in w.last_message and "input or" not in w.last_message, w.last_message


def test_standalone_with_nothing_open_drumify_says_a_midi_or_audio_file_opens_first(make_panel, qtbot, no_dialogs):
    w = make_panel()
    for action in (w.drumify_action, w.variations_action, w.export_action):
        w.say("")
        action.trigger()
        assert w.last_message.startswith("open a MIDI file or an audio file first (Ctrl+O)"), w.last_message
        assert "REAPER" not in w.last_message  # standalone: REAPER is not the way in


def test_the_edit_menus_copy_and_paste_bar_name_the_keys_that_copy_and_paste_in_the_roll(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    on_roll(w, qtbot)
    edit = w.menuBar().actions()[1].menu()
    named = {}
    for name in ("Copy bar", "Paste bar"):
        text = next(a.text() for a in edit.actions() if a.text().startswith(name))
        named[name] = QKeySequence(text.split("\t", 1)[1].split(" in the roll")[0])
        assert named[name].count() == 1, text
    bar_one = w.roll.loop[:16, :N_VOICES] > 0
    typed = named["Copy bar"][0]
    QTest.keyClick(w.roll, typed.key(), typed.keyboardModifiers())  # the key the menu names, typed on the roll
    assert w.last_message.startswith("copied bar 1"), w.last_message
    cursor_to(w, 16 + 3, w.roll_keys.cell[1])
    typed = named["Paste bar"][0]
    QTest.keyClick(w.roll, typed.key(), typed.keyboardModifiers())
    assert w.last_message.startswith("pasted bar 1 onto bar 2"), w.last_message
    assert np.array_equal(w.roll.loop[16:32, :N_VOICES] > 0, bar_one)
