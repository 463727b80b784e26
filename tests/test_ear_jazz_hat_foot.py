"""Jazz's hat foot on 2 and 4 in every riding bar, beside the ride and the left hand (comping.ride_time).

Over freedoom's d_dm22, d_e2m3 and d_map26 (`--genre jazz`, bars 1-8) the network's draw rode the four beats with a
soft snare on 4 in every bar, and the foot played beat 2 alone, "---- x--- ---- ----": a step's hands were counted
with the foot among them (the ride, the snare and the foot made three), so the foot lost its 4. A jazz drummer's
foot is no hand: it plays 2 and 4 under the ride, written on the pedal hat, and the left hand comps on the "and"s.
"""

import numpy as np

from reagroove.core.comping import at_most, comp, no_backbeat, ride_time
from reagroove.core.drummap import GM_DRUM_MAP, GM_PEDAL_HAT
from reagroove.core.limbs import one_drummer
from reagroove.core.loop import N_VOICES, STEPS, VOICES

KICK, SNARE, CLOSED, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "ride"))
BAR = 16
FOOT = [4, 12]  # 2 and 4


def draw(loops: int = 2) -> np.ndarray:
    """The network's jazz draw over d_dm22's bars 5-8: the ride on the four beats, the kick on 1 and 3, the hat on
    2 alone and a soft snare on 4, in every bar."""
    out = np.zeros((loops, STEPS, 3 * N_VOICES), np.float32)
    for start in range(0, STEPS, BAR):
        for step, voice, level in [(0, KICK, 0.6), (8, KICK, 0.55), (4, CLOSED, 0.45), (12, SNARE, 0.35),
                                   *((b, RIDE, 0.7) for b in (0, 4, 8, 12))]:
            out[:, start + step, [voice, N_VOICES + voice]] = (1.0, level)
    return out


def as_played(loops: np.ndarray) -> np.ndarray:
    """The draw with jazz's rules in the engine's order (idioms.played_by_rule), then kept to one drummer's limbs
    (limbs.one_drummer, the last pass of every drumify)."""
    rows = np.ones(len(loops), bool)
    grooves = np.zeros((len(loops), STEPS, 3), np.float32)
    grooves[:, ::4, 0] = 1.0  # (the part on the beats: the "and"s free to comp on)
    loops = ride_time(no_backbeat(loops, rows), rows)
    loops = at_most(comp(loops, grooves, rows, np.arange(len(loops))), grooves, rows)
    return one_drummer(loops)


def test_the_foot_plays_2_and_4_in_every_bar_beside_the_ride():
    out = as_played(draw())
    for i, loop in enumerate(out):
        for start in range(0, STEPS, BAR):
            bar = loop[start:start + BAR] > 0.5
            where = f"loop {i} bar {start // BAR}: hat {np.flatnonzero(bar[:, CLOSED]).tolist()}"
            assert np.flatnonzero(bar[:, CLOSED]).tolist() == FOOT, where
            assert bar[[0, 4, 8, 12], RIDE].all(), where  # (the ride keeps its four beats)
            # two hands at most beside the foot
            assert ((bar[:, KICK + 1:N_VOICES].sum(1) - bar[:, CLOSED]) <= 2).all(), where


def test_the_foot_is_written_on_the_pedal_hat_and_the_left_hand_still_comps():
    out = as_played(draw())
    hits = out[..., :N_VOICES] > 0.5
    for loop in hits:
        pitches = GM_DRUM_MAP.pitches(loop)
        assert (pitches[loop[:, CLOSED], CLOSED] == GM_PEDAL_HAT).all()
    # the left hand comps on the "and"s over the phrase (a hand in the lap had played nothing at all), quietly
    snares = np.flatnonzero(hits[..., SNARE].reshape(-1) > 0)
    assert len(snares) and all(s % 4 == 2 for s in snares % BAR), snares % BAR
    assert (out[..., N_VOICES + SNARE][hits[..., SNARE]] < 0.4).all()
