"""A dense part (an arp of straight 16ths over a pad) played live with --bpm at its tempo gets its drums on bar 2, as
it does without --bpm: with --bpm 128 an EDM arp's 16ths were read as triplets of 171, the opening waited for a bar
that its first 12 onsets (1.29 s) could never span, and the drums never came in ("you stopped before the drums came
in"). On the shipped model, through the rig `reagroove live` assembles (in-memory ports, a scripted clock)."""

import numpy as np
import pytest
from helpers import live_rig, play_live

ONE = 1.0  # seconds: the player's first note
BARS = 8
PUMP = (45, 70, 90, 105)  # a side-chained arp's velocities, loudest on the 'a'


def arp_and_pad(bpm: float, seed: int | None = None) -> list[tuple[float, int, int]]:
    """(seconds, pitch, velocity): 16ths of a chord's notes, its octave on each 'a', a pad chord on each bar's 1;
    seed: played by hand (8 ms spread, velocities +-6)."""
    beat = 60.0 / bpm
    chords = ((57, 60, 64), (53, 57, 60), (48, 52, 55), (55, 59, 62))
    notes = []
    for bar in range(BARS):
        chord = chords[(bar // 2) % 4]
        pattern = (*chord, chord[0] + 12)
        notes += [(ONE + (4 * bar + s / 4) * beat, pattern[s % 4], PUMP[s % 4]) for s in range(16)]
        notes += [(ONE + 4 * bar * beat, p - 12, 60) for p in chord]
    if seed is None:
        return notes
    rng = np.random.default_rng(seed)
    return [(t + rng.normal(0, 0.008), p, int(np.clip(v + rng.integers(-6, 7), 1, 127))) for t, p, v in notes]


# (these takes had no drums at all, as about 1 take in 5 by other hands)
@pytest.mark.parametrize("bpm, seed", [(128.0, 9), (128.0, 38), (110.0, 9), (110.0, 16), (110.0, 23)])
def test_a_dense_sixteenths_part_with_bpm_set_gets_its_drums_on_bar_two_at_that_tempo(shipped, bpm, seed):
    beat = 60.0 / bpm
    player, clock = live_rig(shipped, bpm)
    said = []
    player.say = said.append
    sent = play_live(player, clock, arp_and_pad(bpm, seed), ONE + 4 * BARS * beat)
    hits = np.array([t for t, msg in sent if msg.type == "note_on" and msg.velocity])
    assert len(hits), f"no drums: {said}"
    # in on the bar line after the first bar (a drummer hears a bar of it), on the player's 1
    assert abs(hits.min() - (ONE + 4 * beat)) <= 0.03, (hits.min() - ONE) / beat
    # at --bpm: every drum note on the player's 16ths to the end, none drifting off them (a hand's 8 ms spread)
    x = (hits - ONE) / beat * 4
    assert np.abs(x - np.round(x)).max() * beat / 4 <= 0.035, np.abs(x - np.round(x)).max()
    assert (hits - ONE).max() >= 4 * (BARS - 1) * beat  # still playing in the last bar
    assert not any("read from your playing" in line for line in said), said
