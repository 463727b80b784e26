"""A drum part that keeps time on quarters on a hat (a quarter open hat, as freedoom e1m1's drums ride it) is
re-drummed at that rate: the network's hats and ride go off the beat there (drum_parts.keep_its_rate). It had
doubled it: e1m1's quarter open hat came back on every 8th."""

import numpy as np

from reagroove.core.loop import HVO_WIDTH, STEPS, STEPS_PER_BEAT
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, RIDE = 0, 1, 2, 3, 8
HANDS = [CLOSED_HAT, OPEN_HAT, RIDE]
BAR = 4 * STEPS_PER_BEAT


def beat(bars: int, hat: int, every: float):
    """A played rock beat: the hat (pitch) every `every` beats, louder on the beat; kick on 1, the "and" of 2 and 3;
    snare on 2 and 4."""
    notes = []
    for bar in range(bars):
        b = 4.0 * bar
        notes += [(b + k * every, hat, 96 if (k * every) % 1 == 0 else 70, 9) for k in range(int(4 / every))]
        notes += [(b, 36, 104, 9), (b + 1.5, 36, 88, 9), (b + 2, 36, 100, 9), (b + 1, 38, 110, 9), (b + 3, 38, 106, 9)]
    return notes


def off_beat_hands(loops):
    """Per bar, the 16th steps off the beat where a hat or the ride plays."""
    hands = (np.asarray(loops)[..., HANDS] > 0.5).any(-1).reshape(-1, BAR)
    return [set(np.flatnonzero(h).tolist()) - set(range(0, BAR, STEPS_PER_BEAT)) for h in hands]


def test_a_quarter_open_hat_is_kept_on_the_quarters(shipped, make_midi):
    result = shipped.drumify(read_midi(make_midi(beat(8, 46, 1.0))), Settings())
    hands = np.asarray(result.loops)[..., HANDS] > 0.5
    off = off_beat_hands(result.loops)
    assert off == [set()] * len(off), off  # no 8ths (or 16ths) on a hat or the ride over the part's quarters
    # and time still kept on every beat, its kick and backbeat as played
    assert hands.any(-1).reshape(-1, BAR)[:, ::STEPS_PER_BEAT].all()
    kicks = (np.asarray(result.loops)[..., KICK] > 0.5).reshape(-1, BAR)
    assert all(set(np.flatnonzero(k).tolist()) == {0, 6, 8} for k in kicks)
    # seeds and versions too: each keeps the rate
    for loops in shipped.variations_of(result, Settings(), 3):
        assert off_beat_hands(loops) == [set()] * len(off)


def test_a_part_on_8th_hats_keeps_its_8ths(shipped, make_midi):
    result = shipped.drumify(read_midi(make_midi(beat(8, 42, 0.5))), Settings())
    off = off_beat_hands(result.loops)
    assert all(len(o) >= 3 for o in off), off  # (the rule leaves a part that plays between the beats alone)


def test_the_rate_is_a_bars_own():
    """A bar of quarters beside a bar of 8ths in one loop: only the quarters' bar loses the off-beat strokes, and
    a fill laid there keeps its cymbals."""
    from reagroove.core.drum_parts import keep_its_rate

    take = np.zeros((1, STEPS, HVO_WIDTH), np.float32)
    take[0, 0:BAR:STEPS_PER_BEAT, OPEN_HAT] = 1.0  # bar 1: quarters on the open hat
    take[0, BAR::2, CLOSED_HAT] = 1.0  # bar 2: 8ths on the closed hat
    loops = np.zeros_like(take)
    loops[0, ::2, OPEN_HAT] = 1.0  # the network: 8ths all through
    loops[0, ::2, 9 + OPEN_HAT] = 0.8
    free = np.ones((1, STEPS), bool)
    free[0, 12:16] = False  # a fill on bar 1's beat 4
    keep_its_rate(loops, take, free)
    played = set(np.flatnonzero(loops[0, :, OPEN_HAT] > 0.5).tolist())
    assert played == {0, 4, 8, 12, 14} | set(range(BAR, STEPS, 2))
    assert (loops[0, :, 9 + OPEN_HAT][loops[0, :, OPEN_HAT] < 0.5] == 0).all()
