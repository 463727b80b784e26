"""A live take's windows as played (core/live_take.py take_as_played): only the loops made at the session's start read
bars the player had not played yet, and only theirs are taken as played since. Remembered by their groove alone, any
later window of the same groove (a steady one-bar beat on pads: every window's) stood for one, and a fill was copied
into the earlier windows of the take as if played in each: a rock beat with a tom on each beat of bars 4, 8 and 12
lost the kick on the 3's "and" and played quarter-note hats two bars after each fill (bars 6, 10, 14)."""

import numpy as np
from test_drum_part_kit import typed_rock
from test_live_kit import drums, live_and_drumify
from test_live_take import session_at

from reagroove.core.live_take import take_as_played
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings

HIGH, MID, FLOOR = 50, 47, 43
HAT = VOICES.index("closed_hat")
BARS = 14
FILL_BARS = (4, 8, 12)
TOM_FILL = [(0.0, HIGH), (1.0, HIGH), (2.0, MID), (3.0, FLOOR)]  # a tom on each beat, the kick, snare and hats out


def rock_with_fills():
    """The typed rock beat (kick on 1, 3 and the 3's "and", snare on 2 and 4, 8th hats) with TOM_FILL in FILL_BARS."""
    notes = [n for n in typed_rock(BARS) if 1 + int(n[0] // 4) not in FILL_BARS]
    return notes + [(4.0 * (bar - 1) + beat, pitch, 100, 9) for bar in FILL_BARS for beat, pitch in TOM_FILL]


def hats(rows, b):
    return np.flatnonzero(rows[16 * (b - 1):16 * b, HAT] > 0.5).tolist()


def test_a_steady_beat_with_fills_at_bars_4_8_and_12_keeps_its_beat_in_the_bars_after_them(shipped, make_midi):
    live, drumify = live_and_drumify(shipped, make_midi, rock_with_fills(), 120.0, Settings(), bars=BARS)
    for b in range(3, BARS + 1):
        if b in FILL_BARS:
            continue  # (live cannot hear a fill coming: it plays the beat there, drumify the fill played)
        assert drums(live, b) == drums(drumify, b), b  # kick on 1, 3 and the 3's "and", snare on 2 and 4, no tom
        assert hats(live, b) == hats(drumify, b) == list(range(0, 16, 2)), b


def test_only_the_start_loops_steps_unplayed_are_taken_from_the_newest_groove():
    """The start loop (made at beat 3.75, bar 2 not reached) held bar 1 twice; three loops later the take holds two
    later windows with that same groove and a newest with a fill in its second bar: the start window takes the
    newest's bar 2, the later windows keep theirs as played."""
    beat = np.zeros((32, 6), np.float32)
    beat[::2, 0] = 1.0  # 8ths in both bars
    fill = beat.copy()
    fill[16:, 0] = 0.0
    fill[16::4, 0] = 1.0  # quarters in its bar 2
    session = session_at(3.75, 0.0)
    take_as_played(session, beat[None])  # bar 2 not reached
    session._settled = True  # (two bars in)
    for k in (2, 3):
        session.now += 4.0
        take_as_played(session, np.stack([beat] * k))
    session.now += 4.0
    out = take_as_played(session, np.stack([beat, beat, beat, fill]))
    assert (out[0][16:] == fill[16:]).all() and (out[1:3] == beat).all() and (out[3] == fill).all()
