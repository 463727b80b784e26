"""Variations under the other controls: each version is the part drumify writes under the same settings."""

import numpy as np
import pytest
from helpers import groove_with
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.midi import read_midi
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


@pytest.mark.parametrize("bpm", [120.0, 175.0])
@pytest.mark.parametrize("song_end", [True, False])
@pytest.mark.parametrize("density", [None, 1.0])
def test_the_first_version_of_a_selection_is_what_drumify_writes_for_it(make_midi, bpm, song_end, density):
    """REAPER's Variations reads the selection's windows and writes version 1 on the playing track: it must
    be the part Drumify writes for the same selection, at a tempo fast enough to thin the hands, with the
    band stopping dead in bar 3, and a last bar of one chord (the song's end, or a selection mid-song)."""
    riff = [(b * 0.25, 40, 90 if b % 4 == 0 else 70, 0) for b in range(8 * 16)]  # bars 1-8 in 16ths
    notes = [n for n in riff if not 8 <= n[0] < 12 and n[0] < 28]  # bar 3: the band stops dead after its downbeat
    notes += [(8.0, 40, 100, 0), (28.0, 40, 100, 0)]  # the stop's hit, and bar 8: one chord on its downbeat
    wins = extract_windows(read_midi(make_midi(notes, tempos=((0, bpm),), length=0.2)))
    engine = Engine(StubModel())
    settings = Settings(density=density)
    part = engine.drumify_windows(wins, settings, song_end=song_end)
    assert part.stops, "the band's stop in bar 3 is heard"
    versions = engine.variations_of(wins, settings, 3, song_end=song_end)
    np.testing.assert_array_equal(versions[0], part.loops)
