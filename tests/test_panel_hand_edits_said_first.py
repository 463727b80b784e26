"""Where the hand edits went, said where a producer reads it: opening another part clears them from the roll (they
stay with their part), and the status line says so first, after what was opened and before the part's own notes.

Said last, after a waltz's three notes (its pickup bar, its meter), a 1280 px editor's status line dropped it for
"; …": the hit added a minute ago was gone from the roll with nothing in sight to say where.

Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model.
"""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from test_panel import FUNK_BASS, ROOT, reaper_with_a_muted_pad  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures

WALTZ = ROOT / "core" / "examples" / "piano_waltz.mid"  # opens with a pickup bar, in 3/4: notes of its own
CLEARED = "1 hand edit of the last file cleared"


def drawn(w, qtbot) -> None:
    """The drums of the part shown are on the roll: a click edits them."""
    qtbot.waitUntil(lambda: w._base_shown is not None and w._base_shown[0] == w.roll.tag
                    and w._shown_request == w._request_id, timeout=5000)


def one_hit_added(w, qtbot) -> None:
    drawn(w, qtbot)
    step = next(s for s in range(32) if w.roll.loop[s, 0] == 0)
    w.toggle_hit(step, 0)
    assert len(w.controller.edits) == 1


def test_opening_a_file_with_notes_of_its_own_still_shows_where_the_hand_edits_went(make_panel, qtbot):
    w = make_panel()
    w.resize(1280, 800)
    assert w.open_midi(FUNK_BASS)
    one_hit_added(w, qtbot)
    assert w.open_midi(WALTZ)
    assert "3/4" in w.status_line.text()  # the waltz's notes are said too
    panel_helpers.wait_for_settled_layout(qtbot, w)
    assert CLEARED in w.status_line.shown_text(), w.status_line.shown_text()
    said = w.status_line.text()
    assert said.index(CLEARED) < said.index("3/4"), said


def test_reading_reaper_s_selection_says_where_the_files_hand_edits_went_before_what_it_left_out(make_panel, qtbot):
    fake = reaper_with_a_muted_pad()
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.controller.input is not None and w.controller.input.name == "REAPER selection")
    assert w.open_midi(FUNK_BASS)
    one_hit_added(w, qtbot)
    w.read_reaper_selection()
    qtbot.waitUntil(lambda: w.last_message.startswith("input: REAPER selection"), timeout=5000)
    said = w.last_message
    assert CLEARED in said and "muted item" in said, said
    assert said.index(CLEARED) < said.index("muted item"), said
    w.close()
