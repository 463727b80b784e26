"""A reggae fill's lead-in rises into its toms (reggae_bars.short_lead_in): of the two snare strokes kept between
the drop and the first tom, the last is at the drop's level and the one before it audibly softer, as a drummer
leads into a fill (GMD's one reggae fill: a stroke or two at the drop's level or under it).

The fill loop's lead-in had rolled on every 16th from the drop, each as loud as the drop ("XXXXX-", 127s in 6/8):
cut to two strokes, two at the drop's level would still be a flat roll into the tom."""

import numpy as np

from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.reggae_bars import short_lead_in

KICK, SNARE, CLOSED, LOW_TOM = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "low_tom"))
DROP, TOMS_FROM = 8, 14  # a 4/4 bar from step 0: the drop on the 3, the toms from the "and" of 4


def rolled_into_the_toms(roll_levels) -> np.ndarray:
    """A window (32, 27): the hat on the 8ths before the drop, the drop's kick and snare at 0.8 on the 3, the
    fill's snare on every 16th after it at roll_levels, two toms at the bar's end."""
    loop = np.zeros((STEPS, 3 * N_VOICES), np.float32)
    notes = [*((s, CLOSED, 0.5) for s in range(0, DROP, 2)), (DROP, KICK, 0.7), (DROP, SNARE, 0.8),
             *((s, SNARE, v) for s, v in zip(range(DROP + 1, TOMS_FROM), roll_levels)),
             (14, LOW_TOM, 0.9), (15, LOW_TOM, 0.9)]
    for step, voice, level in notes:
        loop[step, [voice, N_VOICES + voice]] = (1.0, level)
    return loop


def lead_in(loop: np.ndarray) -> list[float]:
    return [float(loop[s, N_VOICES + SNARE]) for s in range(DROP + 1, TOMS_FROM) if loop[s, SNARE] > 0.5]


def test_a_roll_as_loud_as_the_drop_leads_in_with_a_softer_stroke_then_the_drops_level():
    for roll in ([0.8] * 5, [0.85, 0.9, 0.95, 1.0, 1.0]):  # as loud as the drop; rising over it
        loop = rolled_into_the_toms(roll)
        short_lead_in(loop, loop[:, :N_VOICES] > 0.5, DROP, TOMS_FROM, 0)
        first, last = lead_in(loop)  # two strokes kept
        assert np.isclose(last, 0.8), (roll, first, last)  # the last at the drop's level
        assert first <= 0.9 * last, (roll, first, last)  # the one before audibly under it (> 12 of 127 softer)


def test_a_lead_in_already_under_the_drop_keeps_its_own_rise():
    loop = rolled_into_the_toms([0.3, 0.3, 0.3, 0.4, 0.6])
    short_lead_in(loop, loop[:, :N_VOICES] > 0.5, DROP, TOMS_FROM, 0)
    np.testing.assert_allclose(lead_in(loop), [0.4, 0.6])  # (nothing to take down: the network's levels)
