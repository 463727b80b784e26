"""Hand edits and the kit (reaper_ext/panel/hand_room.py): a click on the roll had stacked an open hat on the closed
hat of the same 16th ("added: open hat at bar 1, beat 4 +2/16", both written into REAPER), which no hi-hat plays. Now
the hat asked for takes the place of the other hi-hat sound there, said, and one Ctrl+Z brings it back (a click, a
drag, selected hits moved). A third hand (a tom beside snare and hat) is the producer's choice: added as asked, and the
status line says it takes three hands. Where a hit is is said as a drummer counts ("the 'and' of 4").
Runs under pytest-qt, offscreen, with test_panel.py's fixtures and stand-in model (its loop: snare on 2 and 4, closed
hats on the 8ths, a ride between)."""

import os

import numpy as np
import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_editor_clicks_and_paging import opened  # noqa: E402
from test_editor_hand_edits import redrawn  # noqa: E402

from reagroove.core.loop import HVO_WIDTH, N_VOICES, STEPS, VOICES  # noqa: E402

make_panel = panel_helpers.make_panel  # test_panel's fixture
KICK, SNARE, CLOSED, OPEN, LOW_TOM, RIDE = (VOICES.index(v) for v in (
    "kick", "snare", "closed_hat", "open_hat", "low_tom", "ride"))


def undo(w, qtbot) -> None:
    redrawn(w, qtbot, lambda: QTest.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))


def written(w) -> np.ndarray:
    """The drums Export and Drumify write for the window shown: the generated loop with the hand edits on top."""
    source = w.controller.input
    return w.edits_shown.apply(w._base_shown[2], int(source.bars[source.window]))


def one_hat_a_step(loop) -> bool:
    return not ((loop[:, CLOSED] > 0) & (loop[:, OPEN] > 0)).any()


def test_an_open_hat_added_on_a_closed_hat_takes_its_place_and_one_undo_brings_it_back(make_panel, qtbot, tmp_path):
    w = opened(make_panel, qtbot)
    generated = w.roll.loop.copy()
    step = 14  # bar 1, the 'and' of 4: a closed hat there
    assert generated[step, CLOSED] > 0 and generated[step, OPEN] == 0
    w.toggle_hit(step, OPEN)
    assert w.roll.loop[step, OPEN] > 0 and w.roll.loop[step, CLOSED] == 0, w.last_message
    assert one_hat_a_step(written(w))
    said = w.last_message
    assert said.startswith("added: open hat at bar 1, the 'and' of 4") and "in place of the closed hat there" in said
    others = np.ones(STEPS, bool)
    others[step] = False
    assert np.array_equal(w.roll.loop[others], generated[others])  # nothing else changed
    assert w.grab().save(os.environ.get("HAND_EDIT_PNG", str(tmp_path / "open_hat_added.png")))  # (to look at)
    undo(w, qtbot)
    assert np.array_equal(w.roll.loop, generated) and len(w.edits_shown) == 0, w.last_message


def test_a_closed_hat_added_on_an_open_hat_takes_its_place(make_panel, qtbot):
    w = opened(make_panel, qtbot)
    step = 6
    w.toggle_hit(step, OPEN)
    w.toggle_hit(step, CLOSED)
    assert w.roll.loop[step, CLOSED] > 0 and w.roll.loop[step, OPEN] == 0, w.last_message
    assert "in place of the open hat there" in w.last_message, w.last_message
    assert [v for (_, _, v), _ in w.edits_shown.cells] == [CLOSED]  # (the open hat, added by hand: no edit left)


def test_a_hit_dragged_onto_a_closed_hat_step_as_an_open_hat_takes_its_place(make_panel, qtbot):
    """An open hat dragged from the 'and' of 3 (where it took the closed hat's place) to beat 4: the closed hat there
    goes, said; the snare stays."""
    w = opened(make_panel, qtbot)
    w.toggle_hit(10, OPEN)
    w.drag_hit(10, OPEN, 12, OPEN)
    loop = w.roll.loop
    assert loop[12, OPEN] > 0 and loop[12, CLOSED] == 0 and loop[12, SNARE] > 0 and loop[10, OPEN] == 0, w.last_message
    assert w.last_message.startswith("moved: open hat at bar 1, the 'and' of 3") and \
        "in place of the closed hat there" in w.last_message, w.last_message
    assert one_hat_a_step(written(w))


def test_selected_hits_moved_onto_a_closed_hat_as_an_open_hat_take_its_place(make_panel, qtbot):
    """An open hat on the 'and' of 3 (in place of its closed hat) and the kick there, selected and moved two 16ths
    later: onto beat 4's snare and closed hat, whose closed hat the open hat takes the place of."""
    w = opened(make_panel, qtbot)
    w.toggle_hit(10, OPEN)
    assert w.roll.loop[10, KICK] > 0 and w.roll.loop[12, KICK] == 0
    w.roll_keys.select([(10, OPEN), (10, KICK)])
    w.move_selected_hits(2, 0)
    loop = w.roll.loop
    assert loop[12, OPEN] > 0 and loop[12, KICK] > 0 and loop[12, CLOSED] == 0 and loop[12, SNARE] > 0, w.last_message
    assert w.last_message.startswith("moved 2 hits 2/16 later, in place of 1 hit there"), w.last_message
    assert one_hat_a_step(written(w))


def test_a_third_hand_is_added_as_asked_and_said(make_panel, qtbot):
    """Snare and closed hat on beat 4: a tom added there is the producer's to choose (programmed drums often are), so
    it is added and nothing else taken away; the status line says it takes a third hand. A tom dragged onto such a
    16th is said so too."""
    w = opened(make_panel, qtbot)
    step = 12
    assert w.roll.loop[step, SNARE] > 0 and w.roll.loop[step, CLOSED] > 0 and w.roll.loop[step, RIDE] == 0
    before = w.roll.loop.copy()
    w.toggle_hit(step, LOW_TOM)
    assert w.roll.loop[step, LOW_TOM] > 0 and len(w.edits_shown) == 1, w.last_message
    assert w.last_message.startswith("added: low tom at bar 1, beat 4") and "in place of" not in w.last_message
    assert "; the snare, closed hat and low tom there take three hands: a drummer has two; 1 hand edit kept" \
        in w.last_message, w.last_message
    w.drag_hit(step, LOW_TOM, 28, LOW_TOM)  # onto bar 2's beat 4: snare and closed hat there too
    assert "take three hands" in w.last_message and w.roll.loop[28, CLOSED] == before[28, CLOSED] > 0, w.last_message
    w.toggle_hit(2, LOW_TOM)  # beside the ride and the closed hat
    assert "the closed hat, low tom and ride there take three hands" in w.last_message, w.last_message


def loop_with(hits: dict) -> np.ndarray:
    loop = np.zeros((STEPS, HVO_WIDTH), np.float32)
    for voice, steps in hits.items():
        loop[steps, voice] = 1.0
        loop[steps, N_VOICES + voice] = 0.8
    return loop


def test_the_pedal_hat_is_a_foot_not_a_hand_and_one_hi_hat_sound_a_step():
    """A jazz beat: the ride on every beat and its skips, the hat's foot on 2 and 4, the snare on 4: a tom on beat 4
    is a third hand beside the snare and the ride; on beat 2 (ride and foot) a second. A rock beat's hat keeping time
    is a hand. An open hat takes the place of a closed one on its step (the foot's too: it is the one hi-hat)."""
    from reagroove.reaper_ext.panel.hand_room import room_for

    jazz = loop_with({RIDE: [0, 4, 7, 8, 12, 15, 16, 20, 23, 24, 28, 31], CLOSED: [4, 12, 20, 28], SNARE: [12]})
    assert room_for(jazz, 12, LOW_TOM) == ([], [SNARE, LOW_TOM, RIDE])
    assert room_for(jazz, 4, LOW_TOM) == ([], [])
    assert room_for(jazz, 4, OPEN) == ([CLOSED], [])
    rock = loop_with({CLOSED: list(range(0, 32, 2)), SNARE: [4, 12]})
    assert room_for(rock, 12, LOW_TOM) == ([], [SNARE, CLOSED, LOW_TOM])
    assert room_for(rock, 12, KICK) == ([], [])  # the kick is a foot
    assert room_for(rock, 12, OPEN) == ([CLOSED], [])
    assert room_for(loop_with({OPEN: [6]}), 6, CLOSED) == ([OPEN], [])


@pytest.mark.parametrize("beat, past, said", [(4, 0, "beat 4"), (2, 1, "the 'e' of 2"), (4, 2, "the 'and' of 4"),
                                              (3, 3, "the 'a' of 3"), (3, 2, "the 'and' of 3")])
def test_where_a_hit_is_is_said_as_a_drummer_counts(beat, past, said):
    from reagroove.reaper_ext.panel.pianoroll import counted_beat

    assert counted_beat(beat, past) == said
    assert counted_beat(beat, 2, 6) == f"beat {beat} +2/16"  # a dotted-quarter beat keeps its 16ths
