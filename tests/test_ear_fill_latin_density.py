"""A latin fill into a section as busy as --density asks, its kicks a latin drummer's (core/fill_feel.py
LATIN_SPARSE_BIG, core/fill_runs.py).

By ear, before: at --density 0.2 freedoom's d_dm01 --genre latin got a thicker section fill (bar 4: the network's,
kept, 10 strokes over two beats, 6 on one timbale) than at the default (8) or 0.9 (7): the section fill's cells
ignored density, and a network fill that filled its length was kept, a rock fill with a kick under most strokes (at
0.9 `Xx-x X-x-` under six hand strokes). GMD's latin drummers' fill kicks: 32 under a hand, 88 alone."""

import numpy as np
import pytest
from test_ear_fill_feel import DRUMS, struck
from test_ear_fill_runs import KICK, groove_loops

from reagroove.core.fill_landings import vary_landings
from reagroove.core.fill_runs import fill_out
from reagroove.core.limbs import HIGH_TOM, LOW_TOM
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.settings import Settings

N = 8
# the network's half-bar fill into the section: a rock run, every 16th down from the timbale, a kick under each
ROCK_RUN = [(t, HIGH_TOM if t < 28 else LOW_TOM) for t in range(24, 32)] + [(t, KICK) for t in range(24, 32)]


def section_fills(density: float, landed: bool = False) -> np.ndarray:
    """N windows' half-bar fills into a section (N, 8, 27) over the rock run, under latin at `density`; landed:
    their landings laid too (fill_landings.vary_landings: a section fill's is its biggest)."""
    fill_at = np.zeros((N, 32), bool)
    fill_at[:, 24:] = True
    settings = Settings(genre={"latin": 1.0}, density=density)
    out = fill_out(groove_loops(N, ROCK_RUN), np.arange(N), fill_at, None, settings, 0, 100.0, np.ones(N, bool))
    if landed:
        out = vary_landings(out, np.arange(N), fill_at, None, settings, 0, 100.0, np.ones(N, bool))
    return out[:, 24:]


@pytest.mark.parametrize("landed", [False, True])
def test_a_latin_section_fill_is_sparser_at_a_low_density_and_no_busier_at_a_high_one(landed):
    counts = {d: [int(struck(f).sum()) for f in section_fills(d, landed)] for d in (0.2, 0.5, 0.9)}
    assert np.mean(counts[0.2]) < np.mean(counts[0.5]), counts
    assert max(counts[0.2]) <= max(counts[0.5]) and max(counts[0.9]) <= max(counts[0.5]), counts
    assert max(counts[0.5]) < 8, counts  # a gap each beat: the network's rock run of 8 16ths not kept


def test_a_latin_section_fill_leaves_no_kick_under_its_hands_off_the_beat():
    for density in (0.2, 0.5, 0.9):
        for fill in section_fills(density):
            hands = np.flatnonzero(struck(fill))
            doubled = [int(t) for t in hands[:-1] if t % STEPS_PER_BEAT and fill[t, KICK] > 0.5]
            assert not doubled, (density, doubled, np.flatnonzero(fill[:, KICK] > 0.5))
            assert (fill[:, DRUMS] > 0.5).any()
