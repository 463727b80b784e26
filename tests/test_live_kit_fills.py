"""A drummer's own fill on the pads (a live drum part on channel 10, core/live_kit.py) is not played back a window
later: the drums play the beat there, as drumify does. A fill whose strokes fall on the beat's (the floor tom for
the snare on 4, toms on the hats' 8ths) has the beat's groove; remembered by its groove alone it stood for every
window of that groove, and a floor tom fill at the end of bar 4 came back at the end of bar 6, a whole-bar tom fill
in bar 4 (snare 8ths into the toms) in bar 6 (no kick on 1, no backbeat)."""

import pytest
from test_drum_part_kit import typed_rock
from test_live_kit import BARS, drums, live_and_drumify

from reagroove.core.settings import Settings

FLOOR, MID, HIGH, SNARE = 43, 47, 50, 38


def rock_with_fill(fill, start: float, end: float):
    """The typed rock beat over BARS bars, its strokes from `start` to `end` (beats) replaced by `fill`."""
    return [n for n in typed_rock(BARS) if not start <= n[0] < end] + [(b, p, 100, 9) for b, p in fill]


def toms(rows, b):
    """Per 16th of bar b (1-based), whether a tom plays."""
    return (rows[16 * (b - 1):16 * b, 4:7] > 0.5).any(1)


FILLS = {
    # the floor tom on 4 and its "and" for the snare and the hats: the beat's strokes
    "floor tom on 4": ([(15.0, FLOOR), (15.5, FLOOR)], 15.0, 16.0),
    # the whole bar in 8ths: snare on 1, then down the toms, the hats and kick left out
    "bar of 8ths": ([(12.0 + k / 2, p) for k, p in enumerate((SNARE, SNARE, HIGH, HIGH, MID, MID, FLOOR, FLOOR))],
                    12.0, 16.0),
    # snare 8ths on 3 and 4, the kick on 3 left out
    "snare 8ths": ([(14.0 + k / 2, SNARE) for k in range(4)], 14.0, 16.0),
}


@pytest.mark.parametrize("name", list(FILLS))
def test_a_fill_on_the_beats_strokes_is_not_played_back_a_window_later(shipped, make_midi, name):
    fill, start, end = FILLS[name]
    live, drumify = live_and_drumify(shipped, make_midi, rock_with_fill(fill, start, end), 120.0, Settings())
    assert drums(drumify, 4) != drums(drumify, 5)  # (the fill drumify keeps where it was played)
    for b in range(5, BARS + 1):  # after it, every bar the beat: kick on 1, 3 and the 3's "and", snare on 2 and 4
        assert not toms(live, b).any(), (name, b)
        assert drums(live, b) == drums(drumify, b), (name, b)


def test_a_groove_kept_on_the_floor_tom_is_followed_once_the_take_holds_it(shipped, make_midi):
    """Not a fill: from bar 3 the player keeps the time on the floor tom (its 8ths for the hats'). Once the take
    holds it (live's last four loops), the drums keep the floor tom too, as they follow any change of the kit."""
    notes = [(b, FLOOR if p == 42 and b >= 8 else p, v, c) for b, p, v, c in typed_rock(12)]
    live = live_and_drumify(shipped, make_midi, notes, 120.0, Settings(), bars=12)[0]
    assert toms(live, 12)[::2].all() and toms(live, 11)[::2].all()


def two_bar_groove(bars: int):
    """A rock beat's A bar, then a B bar with the backbeat and ghost 8ths between (snare 8ths on 2 and 3, no kick
    under them), the kick on its 1 and 4's "and"; the hats' 8ths throughout."""
    notes = []
    for bar in range(bars):
        b = 4.0 * bar
        notes += [(b + k / 2, 42, 100 if k % 2 == 0 else 70, 9) for k in range(8)]
        if bar % 2 == 0:
            notes += [(b, 36, 100, 9), (b + 2, 36, 100, 9), (b + 2.5, 36, 100, 9), (b + 1, SNARE, 100, 9),
                      (b + 3, SNARE, 100, 9)]
        else:
            notes += [(b, 36, 100, 9), (b + 3.5, 36, 100, 9), (b + 1, SNARE, 100, 9), (b + 1.5, SNARE, 40, 9),
                      (b + 2, SNARE, 45, 9), (b + 2.5, SNARE, 40, 9), (b + 3, SNARE, 100, 9)]
    return notes


def test_a_two_bar_grooves_b_bar_is_the_groove_not_a_fill(shipped, make_midi):
    """The B bar's snare 8ths without the kick look like a fill, but every B bar plays them: from bar 3 live plays
    drumify's B bar (its ghost 8ths, the kick on 1 and 4's "and"). The session's first loop holds bar 1 over bar 2
    (the B bar not played yet); taken as the B bar played otherwise, it had stood for bars 4 and 6."""
    live, drumify = live_and_drumify(shipped, make_midi, two_bar_groove(BARS), 100.0, Settings())
    for b in range(3, BARS + 1):
        assert drums(live, b) == drums(drumify, b), b
