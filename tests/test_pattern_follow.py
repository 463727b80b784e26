"""A named pattern at --follow 0 plays that pattern (models/pattern_hits.py): its kick, snare and hats in the part's
bars, as `reagroove patterns show` prints it. The network alone, given the rock prototype's own latent point and
groove, played the kick on 1 and the "and"s of 2, 3 and 4 (nothing on 3) under the funk bass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.groove import extract_windows
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
BEAT = [VOICES.index(v) for v in ("kick", "snare", "closed_hat", "open_hat")]  # what a producer names a beat by
N = len(VOICES)


def _hits(loops: np.ndarray) -> np.ndarray:
    return loops[..., :N][..., BEAT] > 0


@pytest.fixture(scope="module")
def funk_bass():
    return read_midi(FUNK_BASS)


@pytest.mark.parametrize("name", ["rock", "funk"])
def test_follow_0_plays_the_pattern_in_every_window(shipped, funk_bass, name):
    pattern = _hits(shipped.patterns.get(name).loop)
    played = _hits(shipped.drumify(funk_bass, Settings(pattern_a=name, follow=0.0)).loops)
    for w, window in enumerate(played):
        wrong = np.argwhere(window != pattern)
        assert not len(wrong), f"window {w}: (step, voice) {wrong.tolist()} are not the {name} pattern's"


def test_between_follow_0_and_1_the_drums_move_from_the_pattern_to_the_part(shipped, funk_bass):
    pattern = _hits(shipped.patterns.get("rock").loop)
    own = _hits(shipped.drumify(funk_bass, Settings()).loops)
    at = {f: _hits(shipped.drumify(funk_bass, Settings(pattern_a="rock", follow=f)).loops) for f in (0.0, 0.5, 1.0)}
    np.testing.assert_array_equal(at[1.0], own)  # follow 1: the part's own drums
    only_pattern, only_part = pattern & ~own, own & ~pattern
    half = at[0.5]
    # half way: some of the hits only the pattern has, some of those only the part's drums have
    assert (half & only_pattern).any() and (half & only_part).any()
    assert (at[0.0] & only_pattern).sum() > (half & only_pattern).sum()


def test_versions_of_a_pattern_at_follow_0_still_differ(shipped, funk_bass):
    # the pattern is the take at temperature 0; a version drawn further out plays its own variety on it
    versions = _hits(shipped.variations_of(shipped.drumify(funk_bass, Settings(pattern_a="rock", follow=0.0)),
                                           Settings(pattern_a="rock", follow=0.0), 3))
    assert not np.array_equal(versions[1], versions[2])
    assert not np.array_equal(versions[0], versions[1])


def test_interpolate_starts_on_pattern_a_and_ends_on_pattern_b(shipped):
    a, b = shipped.patterns.get("rock"), shipped.patterns.get("funk")
    path = _hits(shipped.interpolate(a, b, 5, Settings()))
    np.testing.assert_array_equal(path[0], _hits(a.loop))
    np.testing.assert_array_equal(path[-1], _hits(b.loop))
    # and the middle is the network's blend, neither end
    assert not np.array_equal(path[2], path[0]) and not np.array_equal(path[2], path[-1])


@pytest.mark.parametrize("interpolate, follow, name", [(0.1, 0.1, "rock"), (0.9, 0.1, "funk")])
def test_the_pad_near_a_pattern_plays_that_pattern(shipped, funk_bass, interpolate, follow, name):
    # the panel's pad: a point off the triangle's edges, most of it one drum pattern's, plays that pattern's beat
    # (not only its very corner: the drums jumped there from the network's blend to the pattern)
    grooves = extract_windows(funk_bass).grooves[:2]
    settings = Settings(pattern_a="rock", pattern_b="funk", interpolate=interpolate, follow=follow)
    played = _hits(shipped.generate(grooves, settings))
    np.testing.assert_array_equal(played, np.broadcast_to(_hits(shipped.patterns.get(name).loop), played.shape))


def test_density_and_a_threshold_still_act_on_a_pattern_played_at_follow_0(shipped, funk_bass):
    """The pattern's hits had been pulled to one score over every threshold: at follow 0 density 0.03 and 0.06 and
    thresholds 0.01 and 0.99 all played the same 121 hits."""
    def count(**kw):
        return int((shipped.drumify(funk_bass, Settings(pattern_a="rock", follow=0.0, **kw)).loops[..., :N] > 0.5).sum())

    plain = count()
    assert count(density=0.03) < 0.6 * plain and count(density=0.03) <= count(density=0.06) < plain
    assert count(threshold=0.99) < 0.2 * plain < plain < count(threshold=0.01)
    # thinned, it keeps the pattern's own hits first (the network's most likely of them), not others
    rock = _hits(shipped.patterns.get("rock").loop)
    sparse = _hits(shipped.drumify(funk_bass, Settings(pattern_a="rock", follow=0.0, density=0.06)).loops)
    assert (sparse & ~rock[None]).sum() <= 0.1 * sparse.sum()


@pytest.mark.parametrize("name", ["rock", "funk", "hiphop"])
def test_a_pattern_at_follow_0_keeps_its_own_accents(shipped, funk_bass, name):
    """Its hits came back at levels the accents made of its groove: rock's hats on 2 and 4 at 1-8 of 127 (the
    pattern's 42-60), funk's backbeat at 46-81 (103-116), softer than the ghost note after it."""
    pattern = shipped.patterns.get(name).loop
    loops = shipped.drumify(funk_bass, Settings(pattern_a=name, follow=0.0)).loops
    ours, theirs = loops[1], pattern  # (bars 3-4: no crash, no fill)
    both = (ours[..., :N] > 0.5) & (theirs[..., :N] > 0.5)
    mine, own = ours[..., N:2 * N][both], theirs[..., N:2 * N][both]
    assert (mine[own * 127 > 30] * 127 >= 20).all(), sorted((mine * 127).round())  # (its ghosts: 6-17 of 127)
    assert np.corrcoef(mine, own)[0, 1] > 0.8, (mine.round(2), own.round(2))


@pytest.mark.parametrize("name", ["jazz", "latin", "afro", "pop", "reggae"])
def test_a_pattern_at_follow_0_is_played_hit_for_hit(shipped, funk_bass, name):
    """A drummer's own pattern is playable as it is: jazz's comp on 4 beside its ride and hat foot had been cut as a
    third hand (and a backbeat added to its other comp), latin's soft ride 'and's over its hat foot cut as a
    second time-keeper."""
    pattern = shipped.patterns.get(name).loop
    loops = shipped.drumify(funk_bass, Settings(pattern_a=name, follow=0.0)).loops
    ours, theirs = loops[1][..., :N] > 0.5, pattern[..., :N] > 0.5  # (bars 3-4: no crash, no fill)
    assert np.array_equal(ours, theirs), [(VOICES[v], sorted(np.flatnonzero(ours[:, v] ^ theirs[:, v])))
                                          for v in range(N) if (ours[:, v] ^ theirs[:, v]).any()]
