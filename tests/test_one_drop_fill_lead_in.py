"""A reggae fill bar keeps the fill's lead-in after the drop, in every meter (one_drop.drop_bar).

Reggae over a 5/4 part with `--fill-every 4bars`: the fill bar's snare had played "---- ---- x--- --xx --xx", the
drop and then 5 16ths of the hat alone before the fill's first tom on the "and" of 4; before the one drop was laid
by one rule (8d16356) it had played "---- ---- x-xx x-xx --xx", the fill's strokes after the drop leading into its
toms (7/4 alike: "x--- --x-" against "x-xx --x-"). A reggae drummer plays the drop in a fill bar, no snare before
it, and fills from after it: the strokes between the drop and the toms are the fill's. 4/4 fill bars kept them
already (reggae_bars.drop_fill clears the snare before the drop alone); a waltz's, a 6/8's and a 4/4 beat loop's bar
with toms after the drop now play by the same rule."""

import numpy as np
import pytest
from test_ear_reggae_fills import bars_of, five_four  # noqa: F401 (five_four: a fixture)

from reagroove.core.genres import GENRES
from reagroove.core.half_time_genres import genre_half_time
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.one_drop import one_drop_loops
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, LOW_TOM = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "low_tom"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
REGGAE = np.eye(len(GENRES))[GENRES.index("reggae")]
# meter: (the window's bars as meters lays them, a bar's steps, its drop, its 2nd beat, the fill's lead-in snares
# after the drop, the fill's toms)
METERS = {"four_four": (None, 16, 8, 4, [10, 11], [12, 14]),
          "waltz": (((0.0, 3, 4), (3.0, 3, 4)), 12, 8, 4, [9], [10]),
          "six_eight": (((0.0, 6, 8), (3.0, 6, 8)), 12, 6, 3, [8, 9], [10]),
          "five_four": (((0.0, 5, 4),), 20, 8, 4, [10, 11, 12], [14, 16, 18]),
          "seven_four": (((0.0, 7, 4),), 28, 12, 4, [14, 15], [18, 20, 22])}


def fill_window(meter: str) -> np.ndarray:
    """A window of a rock draw over the meter's bars (hats on the 8ths, the kick on the 1, the snare on the 2nd beat
    and the drop), its last bar ending in a fill: snare strokes after the drop leading into its toms."""
    _, bar, drop, second, lead_in, toms = METERS[meter]
    loops = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    starts = list(range(0, STEPS - bar + 1, bar))
    for start in starts:
        for step in range(start, start + bar, 2):
            loops[0, step, [CLOSED, N_VOICES + CLOSED]] = (1.0, 0.6)
        loops[0, start, [KICK, N_VOICES + KICK]] = (1.0, 0.9)
        for step in (second, drop):
            loops[0, start + step, [SNARE, N_VOICES + SNARE]] = (1.0, 0.9)
    last = starts[-1]
    loops[0, [last + s for s in lead_in], SNARE] = 1.0
    loops[0, [last + s for s in lead_in], N_VOICES + SNARE] = 0.7
    loops[0, [last + s for s in toms], LOW_TOM] = 1.0
    loops[0, [last + s for s in toms], N_VOICES + LOW_TOM] = 0.9
    return loops


def reggae_rules(loops: np.ndarray, bars, mix: np.ndarray) -> np.ndarray:
    """One window's loops (1, 32, 27) through the rule that plays its bars (`bars` None: 4/4's, the loop frame's) for
    the genre mix (9,)."""
    if bars is None:
        return one_drop_loops(loops, mix[None], np.ones(1, bool))
    return genre_half_time(loops, [bars], mix, False, np.zeros((1, STEPS, 3), np.float32))


def dropped(meter: str) -> np.ndarray:
    return reggae_rules(fill_window(meter), METERS[meter][0], REGGAE)


@pytest.mark.parametrize("meter", list(METERS))
def test_a_fill_bar_drops_and_keeps_its_lead_in_to_the_toms(meter):
    _, bar, drop, _, lead_in, toms = METERS[meter]
    loops = dropped(meter)
    starts = list(range(0, STEPS - bar + 1, bar))
    for start in starts:
        snares = np.flatnonzero(loops[0, start:start + bar, SNARE] > 0.5).tolist()
        # a beat bar: the drop alone; the fill's bar: nothing before the drop (no backbeat), the drop, the fill's
        # strokes after it
        assert snares == ([drop] + lead_in if start == starts[-1] else [drop]), (meter, start, snares)
    assert (loops[0, starts[-1] + np.array(toms), LOW_TOM] > 0.5).all()


def test_reggae_in_5_4_with_fills_leads_into_the_toms(shipped, five_four):
    """Through the engine over a 5/4 part, with a fill every 4 bars: a fill bar whose toms start after a beat past
    the drop plays snare strokes between the drop and its first tom (the drop alone had left a beat of hat), and
    none before the drop."""
    result = shipped.drumify(five_four, Settings(genre={"reggae": 1.0}, fill_every=2))
    seen = 0
    for loops, w, lo, hi, drop in bars_of(result):
        bar = loops[w, lo:hi]
        toms = np.flatnonzero((bar[:, TOMS] > 0.5).any(1))
        if not len(toms) or toms[0] <= drop - lo + 4:
            continue
        seen += 1
        snares = np.flatnonzero(bar[:, SNARE] > 0.5)
        assert not [s for s in snares if s < drop - lo], snares
        assert [s for s in snares if drop - lo < s < toms[0]], (snares, toms)
    assert seen
