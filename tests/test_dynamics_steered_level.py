"""The drums come out at the part's level whatever steers their pattern: a pattern at any follow, a genre
prototype, interpolate toward one (Conditioning.part_level, dynamics.band_accents)."""

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

LINE = [0, 0.5, 1.5, 1.75, 2, 2.5, 3, 3.5]


def mean_hit(loops):
    hit = loops[..., :N_VOICES] > 0.5
    return float(loops[..., N_VOICES:2 * N_VOICES][hit].mean())


@pytest.mark.parametrize("pattern,follow", [("funk", 0.5), ("funk", 0.0), ("rock", 0.0), ("jazz", 0.0)])
def test_a_pattern_steering_the_drums_keeps_them_at_the_parts_level(shipped, make_midi, pattern, follow):
    # a bass line at 100: 99 alone; steered toward funk 61 (follow 0.5) and 57 (follow 0), rock 74, jazz 84
    path = make_midi([(bar * 4 + b, 40, 100, 0) for bar in range(8) for b in LINE], tempos=((0, 110.0),))
    own = mean_hit(shipped.drumify(read_midi(path), Settings()).loops)
    steered = mean_hit(shipped.drumify(read_midi(path), Settings(pattern_a=pattern, follow=follow)).loops)
    assert steered >= 0.88 * own, (own, steered)


def test_interpolate_toward_a_prototype_does_not_fade(shipped, make_midi):
    # 98, 74, 62, 57 per step toward funk before: a build that faded
    from reagroove.core.patterns import pattern_from_file
    path = make_midi([(bar * 4 + b, 40, 100, 0) for bar in range(2) for b in LINE], tempos=((0, 110.0),))
    a = pattern_from_file(path)
    loops = shipped.interpolate(a, shipped.patterns.get("funk"), 4, Settings())
    levels = [mean_hit(loops[i:i + 1]) for i in range(4)]
    assert min(levels) >= 0.88 * levels[0], levels
