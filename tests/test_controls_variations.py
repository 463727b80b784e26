"""Variations under the other controls: each version is the part drumify writes under the same settings."""

import numpy as np
from helpers import groove_with
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.patterns import Pattern, PatternStore
from reagroove.core.settings import Settings

FOUR = groove_with(range(0, 32, 4))
SIX = groove_with([0, 3, 6, 10, 16, 19, 22, 26], vel=0.5, off=0.1)
GROOVES = np.stack([FOUR, SIX] * 4)  # 8 windows = 16 bars, two grooves taking turns


def test_variations_of_a_held_part_each_hold_one_pattern():
    engine = Engine(StubModel())
    for s in (Settings(hold=True), Settings(hold=True, temperature=0.8, seed=4), Settings(hold=True, fill_every=2)):
        res = engine.drumify_grooves(GROOVES, s)
        versions = engine.variations_of(res, s, 4)
        np.testing.assert_array_equal(versions[0], res.loops)  # version 0 is the held part drumify wrote
        beats = [w for w in range(1, 8) if w % 2 == 0 or not s.fill_every]  # windows with no crash or fill
        for v in versions:
            assert all(np.array_equal(v[beats[0]], v[w]) for w in beats), "a version follows the input, not held"
        hits = versions[..., :9] > 0.5
        assert all(not np.array_equal(hits[i], hits[j]) for i in range(4) for j in range(i)), "two versions alike"


class CoarseModel(StubModel):
    """A network whose pattern moves only with large steps of the latent: a small offset changes nothing
    (as the shipped one does around some patterns)."""

    def generate(self, grooves, z, cond):
        return super().generate(grooves, None if z is None else np.round(z), cond)


def test_variations_of_a_pattern_differ_from_each_other():
    engine = Engine(CoarseModel(), PatternStore({"four": Pattern("four", FOUR)}))
    s = Settings(pattern_a="four", follow=0.0)
    for n in (2, 4, 8):
        hits = engine.drumify_variations(GROOVES, s, n)[..., :9] > 0.5
        alike = [(i, j) for i in range(n) for j in range(i) if np.array_equal(hits[i], hits[j])]
        assert not alike, f"versions {alike} of {n} are the same drums"
    np.testing.assert_array_equal(engine.drumify_variations(GROOVES, s, 4), engine.drumify_variations(GROOVES, s, 4))


def test_version_0_of_a_seeded_part_is_the_take_drumify_draws():
    """With a seed and the temperature left to its default, drumify's take is kept clear of seed 0's drums
    (takes.draw_take: drawn again where too close); version 0 of its variations is that same take."""
    engine = Engine(StubModel(), PatternStore({"four": Pattern("four", FOUR)}))
    for s in (Settings(seed=3), Settings(seed=3, hold=True), Settings(seed=3, fill_every=2),
              Settings(seed=3, pattern_a="four", follow=0.0)):
        res = engine.drumify_grooves(GROOVES, s)
        np.testing.assert_array_equal(engine.variations_of(res, s, 3)[0], res.loops)
