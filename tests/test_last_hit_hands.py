"""The drums' hit where the band stops dead (fills.end_on_hit, a song's last chord too): a kick and a crash, the
hat hand on the crash. A fill's snare and tom struck on that step stayed beside the crash: kick, snare, tom and crash
together, three hands (9 of 690 drumify runs over the freedoom and openmsx songs, e.g. d_e3m1's last bar)."""

import numpy as np

from reagroove.core.fills import end_on_hit
from reagroove.core.limbs import MAX_HANDS
from reagroove.core.loop import N_VOICES, STEPS, VOICES

KICK, SNARE, HIGH_TOM, LOW_TOM, CRASH, CLOSED = (VOICES.index(v) for v in
                                                ("kick", "snare", "high_tom", "low_tom", "crash", "closed_hat"))


def loop_with(step: int, voices: dict) -> np.ndarray:
    loops = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    for v, vel in voices.items():
        loops[0, step, [v, N_VOICES + v]] = (1.0, vel)
    return loops


def hands_at(loops, step) -> list:
    return [VOICES[v] for v in range(N_VOICES) if v != KICK and loops[0, step, v] > 0.5]


def test_the_last_hit_is_kick_crash_and_at_most_one_drum():
    loops = loop_with(28, {SNARE: 0.7, HIGH_TOM: 0.9, LOW_TOM: 0.6, CLOSED: 0.5})
    end_on_hit(loops, 0, 28, {})
    hands = hands_at(loops, 28)
    assert len(hands) <= MAX_HANDS and loops[0, 28, KICK] > 0.5, hands
    assert set(hands) == {"crash", "high_tom"}, hands  # the loudest drum kept


def test_a_snare_alone_with_the_crash_stays():
    loops = loop_with(0, {SNARE: 0.8})
    end_on_hit(loops, 0, 0, {})
    assert set(hands_at(loops, 0)) == {"snare", "crash"}


def test_with_the_cymbals_muted_the_fills_drums_stay():
    # no crash is added: nothing takes a hand, so the two drums played stay as drawn
    loops = loop_with(12, {SNARE: 0.7, HIGH_TOM: 0.9})
    end_on_hit(loops, 0, 12, {"cymbals": False})
    assert set(hands_at(loops, 12)) == {"snare", "high_tom"}
