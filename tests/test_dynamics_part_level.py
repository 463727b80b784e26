"""A loop a pattern steers plays at the part's level (dynamics.band_accents' part_level), the pattern shaping its
accents alone: a genre prototype's groove at GMD's level had put the drums for a bass line at 100 at 58-85."""

import numpy as np

from reagroove.core.dynamics import band_accents, part_levels
from reagroove.core.limbs import CLOSED_HAT, KICK, SNARE
from reagroove.core.loop import N_VOICES


def steered_loops():
    """Two loops as the network plays them steered toward a quiet prototype (its level about 0.45), a blended
    groove under them, and the part's own grooves (a bass line at 100 of 127 in 8ths)."""
    hits = np.zeros((2, 32, N_VOICES), bool)
    hits[:, ::4, KICK] = hits[:, 4::8, SNARE] = hits[:, ::2, CLOSED_HAT] = True
    vel = np.zeros((2, 32, N_VOICES), np.float32)
    vel[..., KICK], vel[..., SNARE], vel[..., CLOSED_HAT] = 0.42, 0.6, 0.4
    vel *= hits
    part = np.zeros((2, 32, 3), np.float32)
    part[:, ::2, 0], part[:, ::2, 1] = 1.0, 100 / 127
    blended = part.copy()
    blended[..., 1] = 0.5 * part[..., 1] + 0.5 * 0.46 * part[..., 0]
    return vel, hits, blended, part


def test_part_levels_are_each_grooves_mean_hit_velocity():
    _, _, _, part = steered_loops()
    part[1, ::4, 1] = 0.5  # half its notes softer
    silent = np.zeros((1, 32, 3), np.float32)
    levels = part_levels(np.concatenate([part, silent]))
    assert np.allclose(levels, [100 / 127, (100 / 127 + 0.5) / 2, 0.0], atol=1e-6)


def test_a_steered_loop_plays_at_the_parts_level_with_the_patterns_accents():
    vel, hits, blended, part = steered_loops()
    own = band_accents(vel, hits, blended)
    steered = band_accents(vel, hits, blended, part_level=part_levels(part))
    for loop in range(2):
        h = hits[loop]
        assert own[loop][h].mean() < 0.55  # the pattern's level, left as it was
        # the part's (a backbeat above the ceiling played at it, as with no pattern)
        assert 100 / 127 - 0.07 < steered[loop][h].mean() <= 100 / 127 + 1e-6
        # a drummer's accents at that level: the backbeat above the kick and the hats, most strokes under the
        # ceiling, the beats louder than the 8ths between them
        assert (steered[loop][h] < 1.0).mean() > 0.8 and np.ptp(steered[loop][h]) > 0.15
        hats = steered[loop, :, CLOSED_HAT]
        assert hats[::8].mean() > hats[2::8].mean()
        snares, hats = steered[loop][hits[loop, :, SNARE], SNARE], steered[loop][hits[loop, :, CLOSED_HAT], CLOSED_HAT]
        assert np.median(snares) > np.median(hats)


def test_a_loop_given_no_part_level_keeps_its_own_and_a_fill_its_climb():
    vel, hits, blended, part = steered_loops()
    level = part_levels(part)
    level[1] = 0.0  # no part heard under it
    out = band_accents(vel, hits, blended, part_level=level)
    assert np.array_equal(out[1], band_accents(vel, hits, blended)[1])
    assert np.array_equal(band_accents(vel, hits, blended, part_level=None), band_accents(vel, hits, blended))
    fills = np.array([True, False])
    filled = band_accents(vel, hits, blended, fills, part_level=part_levels(part))
    assert np.array_equal(filled[0], band_accents(vel, hits, blended, fills)[0])
