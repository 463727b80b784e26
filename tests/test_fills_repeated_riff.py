"""Fills as a drummer plays them over a repeating part: a phrase's fill is not the same fill note for note
each time the riff comes round (ReaGroove played one fill 4 times in a 16-bar riff with --fill-every 2;
freedoom's drummers repeat their previous fill at under a quarter of their phrase ends)."""

import numpy as np
import pytest
from helpers import groove_with
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

TOMS = [4, 5, 6]
RIFF = np.stack([groove_with(range(0, 32, 4))] * 8)  # one riff, 8 windows = 16 bars


class DrawnFills(StubModel):
    """The stub, but a fill drawn away from the most likely one (temperature > 0) puts its toms where the
    seed says, as a real model's draw moves its hits; the calls' fill draws are kept."""

    def __init__(self):
        super().__init__()
        self.fill_draws = []

    def generate(self, grooves, z, cond):
        out = super().generate(grooves, z, cond)
        if cond.fill is None:
            return out
        for i in np.flatnonzero(np.asarray(cond.fill) > 0.5):
            t, seed = float(cond.temperature[i]), int(cond.seed[i])
            self.fill_draws.append((seed, t))
            if t > 0:
                out[i, :, 4:7] = 0
                toms = np.random.default_rng(seed).integers(0, 3, 32)
                out[i, np.arange(32), 4 + toms] = 1
                out[i, np.arange(32), 13 + toms] = 0.7
        return out


def fills_of(loops, windows):
    return [loops[w, 24:, :].round(3).tobytes() for w in windows]


@pytest.mark.parametrize("hold", [False, True])
def test_a_riff_repeated_gets_another_fill_each_time(hold):
    model = DrawnFills()
    engine = Engine(model)
    loops = engine.drumify_grooves(RIFF, Settings(fill_every=2, hold=hold)).loops
    fills = [1, 3, 5, 7]  # bars 4, 8, 12, 16
    assert all(loops[w, 24:, TOMS].any() for w in fills)
    # each fill its own: no two of the four the same, where the riff under them is one loop
    assert len(set(fills_of(loops, fills))) == 4
    # the beat under the fill and the bars around it stay the riff's
    np.testing.assert_array_equal(loops[fills, :24], loops[[1] * 4, :24])
    np.testing.assert_array_equal(loops[[0, 2, 4, 6], 16:], loops[[0] * 4, 16:])
    # the first fill is the most likely one (seed 0's), as before; the same settings play the same fills
    assert (0, 0.0) in model.fill_draws
    again = Engine(DrawnFills()).drumify_grooves(RIFF, Settings(fill_every=2, hold=hold)).loops
    np.testing.assert_array_equal(again, loops)


def test_each_version_varies_its_fills_too():
    versions = Engine(DrawnFills()).drumify_variations(RIFF, Settings(fill_every=2), 2)
    for loops in versions:
        assert len(set(fills_of(loops, [1, 3, 5, 7]))) == 4


class HatsInFill(StubModel):
    """The stub, but its fill keeps 8th-note hats and a ride on the beats under a snare on beat 3 and toms on
    beat 4, as the shipped model's fills do."""

    def generate(self, grooves, z, cond):
        out = super().generate(grooves, z, cond)
        for i in np.flatnonzero(np.asarray(cond.fill if cond.fill is not None else []) > 0.5):
            out[i, :, :] = 0
            for bar in (0, 16):
                out[i, bar:bar + 16:2, 2] = 1  # closed hat on every 8th
                out[i, bar:bar + 16:4, 8] = 1  # ride on the beats
                out[i, bar + 8, 1] = out[i, bar + 10, 1] = 1  # snare on 3 and its "and"
                out[i, [bar + 12, bar + 13, bar + 14, bar + 15], [6, 5, 4, 4]] = 1  # toms down beat 4
            out[i, :, 9:18] = np.where(out[i, :, :9] > 0, 0.8, 0)
        return out


def test_the_hands_leave_the_hats_and_ride_for_the_toms():
    loops = Engine(HatsInFill()).drumify_grooves(RIFF, Settings(fill_every=2)).loops
    for w in (1, 3, 5, 7):  # the fill over the last half of bars 4, 8, 12, 16
        fill = loops[w, 24:] > 0
        assert fill[4:, TOMS].any(1).all()  # the toms down beat 4, as played
        # from the first tom on, no hat or ride: both hands on the drums
        assert not fill[4:, [2, 3, 8]].any()
        # the snare lead-in keeps its time, and the beat before the fill its hats
        assert fill[0, 1] and fill[0, 2] and fill[2, 2]
        assert loops[w, :24:2, 2].all()


def test_a_riff_played_again_with_other_notes_gets_another_fill():
    # the riff comes round with an extra note here and there (a real part is rarely the same twice)
    riff = RIFF.copy()
    riff[3, 6] = riff[5, 10] = riff[7, 14] = (1, 0.6, 0)
    loops = Engine(DrawnFills()).drumify_grooves(riff, Settings(fill_every=2)).loops
    assert len(set(fills_of(loops, [1, 3, 5, 7]))) == 4
