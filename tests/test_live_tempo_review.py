"""`reagroove live`, tempos the riff's second reading (live_riff_alias) took from a player it had read right:
- a four-bar line of straight 8ths, each bar's rhythm its own, played at the --bpm the producer gave (170, 160): it
  repeats over two bars of the half, and the drums dropped to 85 (80) a few bars in;
- a straight two-bar riff of quarter-8th pairs at 150 (--bpm 120), whose first pairs fit a shuffle's long-short
  grid at 100: the drums came in at 100, then went to 75 for good, where they had played 150 throughout;
- 3+3+2 16ths at 100 (--bpm 120), read at 133 till they come round: they repeat over a bar of 200 before one of
  100 has come, and the drums went to 200 for good, where they had gone to 100.
A drummer follows a player at the tempo agreed, and hears a straight riff's repeat over its own bars."""

import pytest
from helpers import live_rig, play_live

# beats of one repeat of a four-bar line of 8ths, a different rhythm in each bar
FOUR_BAR_LINE = ([0, 0.5, 1, 2, 2.5, 3.5, 4, 5, 5.5, 6, 7, 8, 8.5, 9.5, 10.5, 11, 11.5, 12, 13, 14, 14.5, 15.5], 16)
# a straight two-bar riff: quarter-8th pairs, then two quarters
QUARTER_EIGHTHS = ([0, 1, 1.5, 2.5, 3, 4, 4.5, 5.5, 6, 7], 8)
# dotted 8ths and an 8th, twice a bar
THREE_THREE_TWO = ([0, 0.75, 1.5, 2, 2.75, 3.5], 4)


def _played_live(shipped, figure, bpm: float, set_bpm: float, beats: float = 64) -> tuple[list[str], float]:
    """`figure` (its beats, a repeat's length) played at `bpm` for `beats` beats with --bpm `set_bpm`, its beats on
    a low note, the rest higher: (what the player was told, the clock's tempo at the end)."""
    onsets, period = figure
    at = [k * period + b for k in range(int(beats / period)) for b in onsets]
    notes = [(1.0 + b * 60.0 / bpm, 40 if b % 1 == 0 else 43, 100) for b in at]
    player, clock = live_rig(shipped, set_bpm)
    said = []
    player.say = said.append
    play_live(player, clock, notes, notes[-1][0] + 1.0, dt=0.01)
    return said, player.clock.bpm


@pytest.mark.parametrize("bpm", [170.0, 160.0])
def test_a_fast_line_at_the_tempo_set_is_followed_there(shipped, bpm):
    """Played at exactly --bpm: the drums come in there and stay, never at the half."""
    said, end = _played_live(shipped, FOUR_BAR_LINE, bpm, bpm)
    assert any(s.startswith(f"the drums come in at {bpm:.0f} ") for s in said), said
    assert abs(end - bpm) < 2, (end, said)
    assert not any(s.startswith("following you at") for s in said), said


def test_a_straight_riff_of_quarter_eighth_pairs_is_followed_at_its_tempo(shipped):
    """At 150 with --bpm 120 (the default): whatever the first pairs read as, once the riff has come round the drums
    are at 150, and stay there."""
    said, end = _played_live(shipped, QUARTER_EIGHTHS, 150.0, 120.0)
    assert abs(end - 150.0) < 2, (end, said)
    assert not any(s.startswith("following you at 75") for s in said), said


def test_dotted_eighths_are_followed_at_their_tempo_not_its_three_halves(shipped):
    """3+3+2 16ths at 100 with --bpm 120: by the end the drums are at 100."""
    said, end = _played_live(shipped, THREE_THREE_TWO, 100.0, 120.0)
    assert abs(end - 100.0) < 2, (end, said)
