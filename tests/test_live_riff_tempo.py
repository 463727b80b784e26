"""Live play on MIDI ports, a player whose syncopated riff is at a tempo clearly off the drums' (`--bpm 120` and a
bass player at 100 coming in over the idle pattern, back after the drums ended, or a band dropping from 120 to
100). Uneven onsets gave the even-pulse reader nothing, and the follower read the riff's 16ths on the clock's grid
as triplets: the drums locked at 125-133 BPM and the backbeat wandered through the player's bars. A drummer hears
the riff come round a bar later: the drums move to the player's tempo within two or three bars of it, their bar
lines on the player's downbeats."""

import numpy as np
import pytest
from test_live_starts import _play as play_parts

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.live_clock import InternalClock

KICK, SNARE = GM_DRUM_MAP.output[:2]
RIFFS = {  # (beat, velocity) of one bar
    "syncopated": [(0, 100), (0.5, 110), (1.25, 90), (1.75, 110), (2.5, 105), (3.25, 85), (3.75, 110)],
    "funk": [(0, 110), (0.75, 80), (1.5, 90), (2, 105), (2.5, 70), (3.25, 85), (3.5, 95)],
    "pushed": [(0, 110), (0.75, 90), (1.5, 100), (2.5, 90), (3.5, 100)],
}


@pytest.mark.parametrize("riff", list(RIFFS))
@pytest.mark.parametrize("clock_bpm, player_bpm", [(120, 100), (100, 120), (100, 85)])
def test_the_clock_finds_the_tempo_and_bar_of_a_syncopated_riff_far_off_its_own(riff, clock_bpm, player_bpm):
    """The clock running at `clock_bpm` (an idle pattern playing) when the player comes in, at a moment of their
    own, with their riff at `player_bpm`, each note ~8 ms loose: from their bar 4 on, every beat of theirs is a beat
    of the clock's within a 32nd, their downbeats its bar lines, and the clock at their tempo."""
    rng = np.random.default_rng(1)
    start, beat = 1.3, 60.0 / player_bpm
    notes = sorted((start + (bar * 4 + b) * beat + rng.normal(0, 0.008), v) for bar in range(8) for b, v in RIFFS[riff])
    clock = InternalClock(clock_bpm, player_led=True)
    clock.anchor(0.0)  # the clock's beat 0 at the program's start, not at the player's first note
    beats = [(start + k * beat, k) for k in range(32)]
    off = []
    for t, kind, x in sorted([(t, 1, v) for t, v in notes] + [(t, 0, k) for t, k in beats]):
        if kind:
            clock.heard(clock.beat(t), t, x)
        elif x >= 12:
            off.append((x, clock.beat(t) - x))
    # the clock's beat minus the player's: the same whole number of bars at every beat
    bar_off = round(off[0][1] / 4) * 4
    bad = [(k, round(d - bar_off, 2)) for k, d in off if abs(d - bar_off) > 0.125]
    assert not bad, f"(player's beat, clock's beat off their bar lines): {bad}"
    assert abs(clock.bpm - player_bpm) < 1.5, f"the clock at {clock.bpm:.1f} BPM, the player at {player_bpm}"


def test_a_shuffle_and_an_even_line_are_no_riff_to_read_a_tempo_from():
    """A line repeating every beat (a shuffle, 8ths) repeats over 3 or 5 beats as well as over its bar: the clock
    keeps the player's tempo (it was read as 80 and 160 BPM)."""
    for pattern in ([0, 2 / 3, 1, 5 / 3, 2, 8 / 3, 3, 11 / 3], [k / 2 for k in range(8)]):
        rng = np.random.default_rng(1)
        clock = InternalClock(120, player_led=True)
        clock.anchor(0.0)
        for t in sorted(max(0.0, (bar * 4 + b) * 0.5 + rng.normal(0, 0.01)) for bar in range(16) for b in pattern):
            clock.heard(clock.beat(t), t)
        assert clock.set_bpm == 120.0 and abs(clock.bpm - 120) < 1


def _bars(first, bars):
    return [(first + bar * 4 + b, 40, v) for bar in range(bars) for b, v in RIFFS["syncopated"]]


@pytest.mark.parametrize("how", ["idle pattern", "back after the drums ended", "the band drops to 100"])
def test_the_drums_follow_a_syncopated_riff_at_100_with_their_backbeat_on_its_2_and_4(shipped, how):
    """`reagroove live --bpm 120`, a bass riff at 100 off the beat (the 'and' of 1, the 'a' of 2 ...): the drums
    stayed near 133 BPM, their snare wandering through the player's bars. From the player's fifth bar at 100 on
    (two bars heard, a bar caught up), the snare is on their 2 and 4 and the kick on their 1, the drums at 100,
    and the player told so."""
    if how == "idle pattern":
        parts, kw, first = [(100.0, 0.0, _bars(0.0, 10))], {"idle_pattern": "rock"}, 0.0
    elif how == "back after the drums ended":
        parts, kw, first = [(120.0, 0.0, _bars(0.0, 6)), (100.0, 48.0, _bars(48.0, 10))], {"stop_after": 4}, 48.0
    else:
        parts, kw, first = [(120.0, 0.0, _bars(0.0, 6)), (100.0, 24.0, _bars(24.0, 10))], {}, 24.0
    player, said, at = play_parts(shipped, 120.0, parts, first + 40, **kw)  # `reagroove live --bpm 120`
    assert abs(player.clock.bpm - 100) < 1.5, f"the drums ended at {player.clock.bpm:.1f} BPM"
    for bar in range(int(first) // 4 + 4, int(first) // 4 + 10):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1}"
        assert any(abs(b - bar * 4) < 0.125 for b in at[KICK]), f"bar {bar + 1}: no kick on the player's 1"
    assert any(s.startswith(("following you at 99", "following you at 100", "following you at 101")) for s in said), said
