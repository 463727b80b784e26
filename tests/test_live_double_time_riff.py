"""`reagroove live`, the bundled funk bass (a two-bar riff of 16ths at 96) with --bpm 140: 96 and its double 192
are both 1.4 times from 140, and its 16ths read as 192's 8ths, so the drums came in at 188-193 from every start and
stayed there: the backbeat of 192's bar on every 'and' of the player's beats, the riff coming round only every four
bars. A drummer counts the bars the riff repeats in, two of 96: by its second repeat the drums are at 96. A riff at
192 that repeats in a bar or two of 192 (a fast part's 8ths) stays at 192."""

import pytest
from test_live_mid_riff_start import _clock_after, followed_at_96


@pytest.mark.parametrize("sixteenth", [0, 6, 13])
def test_the_funk_riff_read_at_double_time_is_followed_at_its_own_tempo(shipped, sixteenth):
    """With --bpm 140 from its 1, its 'and' of 2 and its 'e' of 4: by the riff's second repeat (four bars of 96
    from the first note) and to the end the drums are at 96, the player's notes of the last two bars within a 32nd
    of the drums' 16ths, and the player told "following you at 96 BPM"."""
    said = followed_at_96(shipped, sixteenth, 140)
    assert any(s.startswith(("following you at 95", "following you at 96", "following you at 97")) for s in said), said


@pytest.mark.parametrize("bars", [1, 2])
def test_a_fast_riff_repeating_in_its_own_bars_stays(bars):
    """A riff at 192 in 8ths (accents moving, a rest here and there), `bars` of 192 long and repeating: its own bars
    repeat it, so the drums stay at 192."""
    beat = 60.0 / 192
    one = [(0, 115), (0.5, 70), (1, 90), (1.5, 80), (2, 110), (3, 95), (3.5, 75)]
    two = [(4, 115), (4.5, 70), (5.5, 85), (6, 110), (6.5, 75), (7, 95)]
    riff = one + two if bars == 2 else one
    notes = [(1.0 + (k * 4 * bars + b) * beat, 40, v) for k in range(12 // bars) for b, v in riff]
    clock = _clock_after(notes, 192.0, 1.0 + 4 * beat + 0.01)
    assert abs(clock.bpm - 192) < 3, clock.bpm
