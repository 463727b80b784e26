"""One hat figure through a section (core/section_time.py): where the network plays 16th hats in one window of a
section that plays 8ths (the band breaking off in a fill's bar, the bass moving a 16th), the drums keep the
section's 8ths, in the bar before a fill too (freedoom's d_map30 bar 15 had played 16ths into the fill into bar
17, bars 13-14 and 17 8ths over the same band)."""

import numpy as np
import pytest
from helpers import groove_with
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

KICK, SNARE, HAT, TOM, RIDE = 0, 1, 2, 4, 8
PLAIN = groove_with(range(0, 32, 2))  # the band on the 8ths
NUDGED = groove_with([*range(0, 32, 2), 1])  # one 16th more (the same music): this network's 16th hats


class SixteenthsWhereNudged(StubModel):
    """The stand-in network with its hats on every 16th where the groove plays step 1 (else on the 8ths), and no
    ride: a network that changes its hat figure with a small change in the band."""

    def generate(self, grooves, z, cond):
        out = super().generate(grooves, z, cond)
        for i, g in enumerate(np.asarray(grooves)):
            out[i, :, RIDE::9] = 0.0
            if g[1, 0] > 0.5 and (cond.fill is None or cond.fill[i] < 0.5):
                out[i, :, HAT] = 1.0
                out[i, :, HAT + 9] = 0.6
        return out


def hat_rows(loops, w):
    """The hats of window w's two bars as '-X' strings of 16 steps."""
    return ["".join("X" if v > 0.5 else "-" for v in loops[w, b * 16:(b + 1) * 16, HAT]) for b in range(2)]


EIGHTHS = "X-X-X-X-X-X-X-X-"


def test_the_bar_before_a_fill_keeps_the_sections_8ths():
    grooves = np.stack([PLAIN, PLAIN, PLAIN, NUDGED])  # bars 1-8, a phrase: the fill in bar 8
    res = Engine(SixteenthsWhereNudged()).drumify_grooves(grooves, Settings(fill_every=4))
    assert res.loops[3, 24:, TOM].any()  # the fill over bar 8's second half
    for w in range(3):
        assert hat_rows(res.loops, w) == [EIGHTHS, EIGHTHS]
    # bar 7 and bar 8 up to the fill: the section's 8ths, not 16ths into the fill
    assert hat_rows(res.loops, 3)[0] == EIGHTHS
    assert hat_rows(res.loops, 3)[1][:8] == EIGHTHS[:8]


def test_one_window_of_16ths_in_a_section_of_8ths_plays_8ths():
    grooves = np.stack([PLAIN, NUDGED, PLAIN, PLAIN, PLAIN, PLAIN])
    res = Engine(SixteenthsWhereNudged()).drumify_grooves(grooves, Settings())
    assert [hat_rows(res.loops, w) for w in range(6)] == [[EIGHTHS, EIGHTHS]] * 6
    # the kick and snare play as the network played them
    plain = Engine(SixteenthsWhereNudged()).drumify_grooves(np.stack([PLAIN] * 6), Settings())
    np.testing.assert_array_equal(res.loops[1, :, SNARE], plain.loops[1, :, SNARE])
    assert res.loops[1, 1, KICK] > 0.5  # (the nudged 16th's kick)


def loop_with_hats(steps, level=0.7):
    loop = np.zeros((32, 27), np.float32)
    loop[list(steps), HAT] = 1.0
    loop[list(steps), HAT + 9] = level
    return loop


def test_a_section_of_16ths_keeps_them_and_an_even_split_is_left_alone():
    from reagroove.core.section_time import held_figure

    sixteen, eight = loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2), 0.5)
    loops = np.stack([sixteen, eight, sixteen])
    held = held_figure(loops.copy(), np.zeros(3, np.int64))
    assert (held[:, :, HAT] > 0.5).all()  # the 8ths window takes its 16ths from its neighbours
    np.testing.assert_array_equal(held[1, ::2], eight[::2])  # its own 8ths (and their levels) stay
    # two sections: each on its own; one 8ths window beside one 16ths window: no figure to hold
    split = np.stack([sixteen, eight])
    np.testing.assert_array_equal(held_figure(split.copy(), np.zeros(2, np.int64)), split)
    np.testing.assert_array_equal(held_figure(loops.copy(), np.array([0, 1, 0])), loops)


@pytest.mark.parametrize("take", [None, np.full(3, -1)])
def test_no_sections_no_hold(take):
    from reagroove.core.section_time import held_figure

    loops = np.stack([loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2)), loop_with_hats(range(0, 32, 2))])
    np.testing.assert_array_equal(held_figure(loops.copy(), take), loops)


def test_a_bar_over_other_music_keeps_its_own_figure():
    """Where the band plays something else (a section the form did not mark: freedoom's d_map30 bars 65-72, the
    bass and saw on straight 16ths), the hats follow it."""
    from reagroove.core.section_time import held_figure

    sixteen, eight = loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2), 0.5)
    loops = np.stack([eight, eight, sixteen])
    grooves = np.stack([PLAIN, PLAIN, groove_with(range(32))])  # the last window: 16 onsets a bar, not 8
    np.testing.assert_array_equal(held_figure(loops.copy(), np.zeros(3, np.int64), grooves=grooves), loops)
    same = np.stack([PLAIN, PLAIN, NUDGED])
    assert not (held_figure(loops.copy(), np.zeros(3, np.int64), grooves=same)[2, 1::2, HAT] > 0.5).any()
    # the band's onsets the same (a busy band on every 16th), the bass gone to straight 16ths: its own figure
    busy = np.stack([groove_with(range(32))] * 3)
    bass = np.stack([PLAIN, PLAIN, groove_with(range(32))])
    np.testing.assert_array_equal(held_figure(loops.copy(), np.zeros(3, np.int64), grooves=busy, bass=bass), loops)
