"""Every drum part the engine writes is playable by one drummer, after swing and meters move its hits.

The model's loops are playable in its straight 4/4 frame; a swung part plays each beat's "and" and "a"
on one swung 8th, and 6/8 plays them on one triplet 8th, so hits from two steps meet on one."""

import numpy as np
from hypothesis import given, settings as hsettings, strategies as st

from reagroove.core.engine import Engine
from reagroove.core.limbs import CLOSED_HAT, CRASH, HANDS, OPEN_HAT, SNARE, MID_TOM, foot_hat, playable
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

TRIPLET = 2 + 2 / 3
SIX_EIGHT = ((0.0, 6, 8), (3.0, 6, 8))  # a window of two 6/8 bars


class FixedModel:
    """Plays the loops it is given (made playable in its own frame, as the shipped model's are)."""

    latent_size = 4

    def __init__(self, hits, vel):
        self.hits, self.vel = np.asarray(hits, bool), np.asarray(vel, np.float32)

    def encode(self, grooves, loops=None, *, bass=None, drum_part=False):
        return np.zeros((len(grooves), 4), np.float32)

    def generate(self, grooves, z, cond):
        n = len(grooves)
        hits = np.broadcast_to(self.hits, (n, 32, N_VOICES))
        hits = playable(hits, np.broadcast_to(self.vel, hits.shape), None)
        vel = np.where(hits, self.vel, 0.0)
        return np.concatenate([hits, vel, np.zeros_like(vel)], -1).astype(np.float32)


def shuffle(n=2):
    """Grooves of a shuffle: every beat and its swung 8th."""
    g = np.zeros((n, 32, 3), np.float32)
    for b in range(0, 32, 4):
        g[:, b] = (1, 0.8, 0)
        g[:, b + 3] = (1, 0.7, TRIPLET - 3)
    return g


def assert_one_drummer(loops):
    h = loops[..., :N_VOICES] > 0.5
    assert not (h[..., CLOSED_HAT] & h[..., OPEN_HAT]).any(), "open and closed hat on one step"
    # (the hat on the beats under a ride that keeps time is the pedal hat, a foot: limbs.foot_hat)
    assert (h[..., HANDS].sum(-1) - foot_hat(h) <= 2).all(), "more than two hands on one step"


def test_a_swung_part_never_asks_three_hands_of_the_drummer():
    # snare on the "and", a tom and a closed hat on the "a", an open hat on the "and": swung, all on one 8th
    hits = np.zeros((32, N_VOICES), bool)
    hits[2::4, SNARE] = hits[3::4, MID_TOM] = hits[3::4, CLOSED_HAT] = hits[2::4, OPEN_HAT] = True
    vel = np.full((32, N_VOICES), 0.6, np.float32)
    vel[:, SNARE] = 0.9
    res = Engine(FixedModel(hits, vel)).drumify_grooves(shuffle(), Settings())
    assert any("swings" in m for m in res.messages)
    assert_one_drummer(res.loops)
    h = res.loops[..., :N_VOICES] > 0.5
    assert h[:, 3::4, SNARE].all(), "the loudest hand (the snare) stays on the swung 8th"


@hsettings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0.05, 0.6), st.sampled_from(["swing", "6/8", "both"]),
       st.integers(0, 3))
def test_any_loop_stays_playable_when_swung_or_played_in_6_8(seed, p, where, fill_every):
    rng = np.random.default_rng(seed)
    hits, vel = rng.random((32, N_VOICES)) < p, rng.uniform(0.2, 1.0, (32, N_VOICES)).astype(np.float32)
    grooves = shuffle(4)
    if where == "6/8":  # a straight 8th part in 6/8
        grooves = np.zeros((4, 32, 3), np.float32)
        grooves[:, :24:2] = (1, 0.8, 0)
    meters = None if where == "swing" else [SIX_EIGHT] * 4
    res = Engine(FixedModel(hits, vel)).drumify_grooves(grooves, Settings(fill_every=fill_every), meters=meters,
                                                        bars=np.arange(4) * 2 + 1)
    assert_one_drummer(res.loops)
    # the phrase crashes survive: the part's first downbeat opens with one
    assert res.loops[0, 0, CRASH] > 0.5
