"""What a live session heard, as its helpers read it (core/live_sections.py): the beat each buffer step was last
played at and the beat of the player's first note, read through a read-only view. live_sections read the session's
private buffer (`_laid`, `_entered`), so a change of the buffer's inside broke the hearing of a new part or a
count-in with no error; a helper writing into the view would change what the drums hear."""

import numpy as np
import pytest
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.patterns import PatternStore


def test_the_session_shows_where_each_step_was_last_played_and_its_first_note_read_only():
    session = LiveSession(Engine(StubModel(), PatternStore({})))
    session.start(0.0)
    assert session.entered is None and np.isneginf(session.laid).all()
    for beat in (1.0, 1.5, 9.0):  # beat 9 is the window's beat 1 again, a loop later
        session.feed(beat, 100)
    laid = session.laid
    assert session.entered == 1.0
    assert laid[round(1.5 * STEPS_PER_BEAT)] == 1.5 and laid[STEPS_PER_BEAT] == 9.0
    with pytest.raises(ValueError):
        laid[0] = 3.0
    session.feed(2.0, 100)  # the view follows what is played next
    assert laid[2 * STEPS_PER_BEAT] == 2.0 and session.entered == 1.0
