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


def test_a_section_of_16ths_keeps_them_and_two_sections_are_each_on_their_own():
    from reagroove.core.section_time import held_figure

    sixteen, eight = loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2), 0.5)
    loops = np.stack([sixteen, eight, sixteen])
    held = held_figure(loops.copy(), np.zeros(3, np.int64))
    assert (held[:, :, HAT] > 0.5).all()  # the 8ths window takes its 16ths from its neighbours
    np.testing.assert_array_equal(held[1, ::2], eight[::2])  # its own 8ths (and their levels) stay
    # two sections: each on its own
    np.testing.assert_array_equal(held_figure(loops.copy(), np.array([0, 1, 0])), loops)


def test_an_even_split_keeps_the_figure_the_section_started_with():
    """freedoom's d_dm15 (--variations 2, take v2): 8th hats in bars 1-2 and 16ths in 3-4 over the same one-part
    intro; a drummer keeps what he started with."""
    from reagroove.core.section_time import held_figure

    sixteen, eight = loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2), 0.5)
    held = held_figure(np.stack([eight, sixteen]), np.zeros(2, np.int64), grooves=np.stack([PLAIN, NUDGED]))
    assert [hat_rows(held, w) for w in range(2)] == [[EIGHTHS, EIGHTHS]] * 2
    held = held_figure(np.stack([sixteen, eight]), np.zeros(2, np.int64))
    assert (held[:, :, HAT] > 0.5).all()


def switches(loops):
    """How often the hats change figure (8ths, 16ths) from one bar to the next, as a listener counts them."""
    rows = [row for w in range(len(loops)) for row in hat_rows(loops, w)]
    figures = ["16" if row.count("X") == 16 else "8" if row == EIGHTHS else None for row in rows]
    heard = [f for f in figures if f]
    return sum(a != b for a, b in zip(heard, heard[1:]))


def test_a_run_of_8ths_turns_whole_or_not_at_all():
    """freedoom's d_e3m4 bars 33-40: 8th hats under the section's 16ths in 41-47; only some of the 8th bars had a
    bar of 16ths over the same music, and turning those alone flipped the hats bar by bar (one switch -> four).
    A run of bars turns only where every bar of it has a bar to copy, and only where fewer switches are heard."""
    from reagroove.core.section_time import held_figure

    sixteen, eight = loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2), 0.5)
    other = groove_with(range(0, 32, 4))  # music no bar of 16ths plays
    loops = np.stack([eight, eight, eight, sixteen, sixteen, sixteen, sixteen])
    grooves = np.stack([PLAIN, other, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN])
    held = held_figure(loops.copy(), np.zeros(7, np.int64), grooves=grooves)
    assert switches(held) == 1  # 8ths, then 16ths: as the network played them
    np.testing.assert_array_equal(held, loops)
    # every bar of the run over music a 16ths bar plays: the whole run turns, no switch left
    held = held_figure(loops.copy(), np.zeros(7, np.int64), grooves=np.stack([PLAIN] * 7))
    assert switches(held) == 0


def test_the_switch_moves_to_the_section_line_not_into_the_next_section():
    """A run of the other figure at a section's end, the next section playing that figure: it turns (the switch
    lands on the section line); at its start beside a section of the section's own figure, it turns too; a whole
    section's occurrence between sections of either figure is left alone where turning it leaves no fewer switches."""
    from reagroove.core.section_time import held_figure

    sixteen, eight = loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2), 0.5)
    loops = np.stack([sixteen, sixteen, sixteen, eight, eight, eight])
    held = held_figure(loops.copy(), np.array([0, 0, 0, 0, 1, 1]))
    assert [switches(held[:k]) for k in (4, 6)] == [0, 1]  # one switch, on the line into section 1
    loops = np.stack([sixteen, sixteen, eight, eight, sixteen])
    held = held_figure(loops.copy(), np.array([0, 0, 1, 0, 2]))
    np.testing.assert_array_equal(held[3], eight)  # between an 8ths section and a 16ths one: no fewer switches


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


def test_the_last_bar_turns_with_its_loops_silent_bar_past_the_end():
    """freedoom's d_map17: the song ends on a loop's first bar; its second bar (past the end, the band silent) has
    no bar to copy, and must not keep the last bar heard in the other figure."""
    from reagroove.core.section_time import held_figure

    sixteen, eight = loop_with_hats(range(32)), loop_with_hats(range(0, 32, 2), 0.5)
    last = groove_with(range(0, 16, 2))  # the band's last bar, then nothing
    held = held_figure(np.stack([sixteen, sixteen, eight]), np.zeros(3, np.int64),
                       grooves=np.stack([PLAIN, PLAIN, last]))
    assert hat_rows(held, 2)[0] == "X" * 16
