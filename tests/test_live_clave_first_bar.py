"""`reagroove live --genre latin`: the drums' first bar plays the clave, as `drumify --genre latin` does, where the
player's first bar says its side (core/live_clave.py first_bar_side). It played no rim there at all: a son's first
bar, its bass on the 2 side's beats 2 and 3 (or the 3 side's 1, 'and' of 2 and 4) over keys on every beat, says the
side as clearly as two bars do. Keys alike on every beat say nothing: the drums listen a bar more, as before. Through
tests/test_live_genres_latin_clave.py's rig (in-memory ports, the shipped model), compared with drumify."""

import numpy as np
import pytest
from test_live_genres_latin_clave import said, sides_drumified, sides_live, son

from reagroove.core.clave import THREE_TWO, TWO_THREE


def three_two(first_bar, bars):
    """A 3-2 son from `first_bar` (0-based): the 2-3 son's bars from its second on."""
    return [(beat - 4, pitch, vel) for beat, pitch, vel in son(first_bar, bars + 1) if beat >= 4 * (first_bar + 1)]


@pytest.mark.parametrize("side", ["2-3", "3-2"])
@pytest.mark.parametrize("first_bar", [0, 1])  # the player starting on the window's first bar, or its second
def test_the_drums_first_bar_plays_drumifys_clave(shipped, make_midi, side, first_bar):
    notes = son(first_bar, 6) if side == "2-3" else three_two(first_bar, 6)
    heard, offline = sides_live(shipped, notes, first_bar + 6), sides_drumified(shipped, make_midi, notes)
    entry = first_bar + 2  # the drums come in on the player's second bar
    assert heard.get(entry) in ("2", "3"), f"no clave on the drums' first bar: live {said(heard)}"
    played = range(entry, first_bar + 7)
    assert [heard[bar] for bar in played] == [offline[bar] for bar in played], \
        f"live {said(heard)}\ndrumify {said(offline)}"


def test_a_first_bar_on_neither_side_waits_for_the_second():
    """Keys alike on every beat: no side read from one bar (the drums' first bar plays no rim); the son's first bars
    read their side in either place of the window."""
    from reagroove.core.live_clave import first_bar_side

    played, velocity = np.zeros(32, bool), np.zeros(32)
    played[[0, 4, 8, 12]], velocity[[0, 4, 8, 12]] = True, 0.6
    assert first_bar_side(played, velocity, 0) is None
    velocity[[4, 8]] = 0.8  # the bass on beats 2 and 3: the 2 side
    assert first_bar_side(played, velocity, 0) is TWO_THREE
    assert first_bar_side(np.roll(played, 16), np.roll(velocity, 16), 1) is THREE_TWO
