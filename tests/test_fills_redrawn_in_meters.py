"""A fill played again is another fill in every meter, and still a fill: the shipped model, drawn again at the
repeat's temperature (fills.FILL_TEMPERATURE), played the last fill's very hits on most repeats of a 3/4, 6/8
or 12/8 riff, and drawn further out, some draws played no fill (no toms) and a ride on every 16th."""

import dataclasses

import numpy as np
import pytest
from conftest import build_midi
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.meter import bars_beats
from reagroove.core.settings import Settings

SNARE, LOW, MID, HIGH, RIDE = 1, 4, 5, 6, 8
TOMS = [LOW, MID, HIGH]
KEEPERS = [2, 3, 8]
# The last beat's figure (4 16ths) a fill draw plays: most draws the model's favourite (the first fill's), few
# others, and one in eight no fill at all but a ride on every 16th (the seed picks, as a draw's seed moves hits).
FIGURES = {"A": [(0, LOW), (2, LOW)], "B": [(0, SNARE), (2, MID), (3, LOW)], "C": [(0, HIGH), (1, MID), (2, LOW)]}
BY_SEED = ["A", "A", "A", None, "B", "B", "C", "C"]


class FavouriteFill(StubModel):
    """The stub's beat; a fill is its most likely beat with a figure over each loop bar's last beat (FIGURES: the
    most likely draw at temperature 0, else BY_SEED's), or no fill: no toms, a ride on every 16th."""

    def generate(self, grooves, z, cond):
        if cond.fill is None:
            return super().generate(grooves, z, cond)
        # the beat under a fill the same at every draw: only the figure tells draws apart
        out = super().generate(grooves, z, dataclasses.replace(cond, fill=None, temperature=np.zeros(len(grooves))))
        for i in np.flatnonzero(np.asarray(cond.fill) > 0.5):
            each = lambda a: np.broadcast_to(a, len(out))[i]  # noqa: E731
            t, seed = float(each(cond.temperature)), int(each(cond.seed))
            figure = "A" if t == 0 else BY_SEED[np.random.default_rng(seed).integers(8)]
            if figure is None:
                out[i, :, RIDE], out[i, :, 9 + RIDE] = 1, 0.7
                continue
            for last in (12, 28):
                out[i, last:last + 4, :9] = 0
                for step, voice in FIGURES[figure]:
                    out[i, last + step, [voice, 9 + voice]] = (1, 0.8)
        return out


def riff(tmp_path, num, den, bars=18):
    """A 2-bar bass riff of num/den played over and over: the same loop under every phrase's fill (bars 16 and 18
    are the ends of phrases with more song after them, and the song's last bar, which gets no phrase's fill)."""
    bar = num * 4 / den
    notes = [(k * 2 * bar + b, p, 100, 0) for k in range(bars // 2) for b, p in ((0, 40), (bar / 2, 47),
                                                                                     (bar, 43), (1.5 * bar, 45))]
    return read_midi(build_midi(tmp_path / "riff.mid", notes, time_signatures=((0, num, den),), length=0.4))


def fills_of(res, every):
    """The hits (steps, 9) on the last beat of each phrase (--fill-every `every`: 2 * every bars) but the song's
    last: its fill."""
    out = []
    ends = [int(res.bars[w]) + len(bars_beats(None if res.meters is None else res.meters[w])) - 1
            for w in range(len(res.loops))]
    for w, loop in enumerate(res.loops):
        bars = bars_beats(None if res.meters is None else res.meters[w])
        if ends[w] % (2 * every) == 0 and ends[w] < max(ends):
            beat = bars[-1][-1]
            out.append(loop[beat.start:beat.start + beat.length, :9] > 0.5)
    return out


@pytest.mark.parametrize("num, den", [(3, 4), (6, 8), (12, 8), (4, 4)])
@pytest.mark.parametrize("every", [1, 2])
def test_a_fill_played_again_is_another_fill_in_every_meter(tmp_path, num, den, every):
    part = riff(tmp_path, num, den)
    res = Engine(FavouriteFill()).drumify(part, Settings(fill_every=every))
    fills = fills_of(res, every)
    assert len(fills) >= 4
    for k, fill in enumerate(fills):
        # a fill each time: toms, no hat or ride under them
        assert fill[:, TOMS].any(), f"fill {k} of {num}/{den} has no toms"
        assert not fill[fill[:, TOMS].any(1)][:, KEEPERS].any()
        # and not the fill before it, hit for hit
        assert k == 0 or not np.array_equal(fill[:, [SNARE, *TOMS]], fills[k - 1][:, [SNARE, *TOMS]]), \
            f"fill {k} of {num}/{den} replays the last one"
    # the same settings play the same fills
    again = Engine(FavouriteFill()).drumify(part, Settings(fill_every=every))
    np.testing.assert_array_equal(again.loops, res.loops)


class StraysFromFills(FavouriteFill):
    """Drawn away from its favourite fill, this model plays no fill at half its draws: no toms, a ride on every
    16th (as the shipped model's draws at 0.5 did), else another figure."""

    def generate(self, grooves, z, cond):
        global BY_SEED
        kept, BY_SEED = BY_SEED, [None, "B", None, "C", None, "B", None, "C"]
        try:
            return super().generate(grooves, z, cond)
        finally:
            BY_SEED = kept


@pytest.mark.parametrize("num, den", [(3, 4), (6, 8)])
def test_a_fill_drawn_again_is_still_a_fill(tmp_path, num, den):
    res = Engine(StraysFromFills()).drumify(riff(tmp_path, num, den), Settings(fill_every=2))
    for k, fill in enumerate(fills_of(res, 2)):
        assert fill[:, TOMS].any(), f"fill {k} of {num}/{den} has no toms"
        assert not fill[:, RIDE].all(), f"fill {k} of {num}/{den} keeps a ride on every 16th"


class FourFills(FavouriteFill):
    """Drawn away from its favourite fill, this model plays one of 4 figures, each as likely."""

    def generate(self, grooves, z, cond):
        global BY_SEED
        FIGURES["D"] = [(0, MID), (1, MID), (2, LOW), (3, LOW)]
        kept, BY_SEED = BY_SEED, ["A", "B", "C", "D"] * 2
        try:
            return super().generate(grooves, z, cond)
        finally:
            BY_SEED = kept
            del FIGURES["D"]


@pytest.mark.parametrize("num, den", [(3, 4), (6, 8), (4, 4)])
def test_a_fill_every_2_bars_is_not_one_of_the_last_three(tmp_path, num, den):
    # a fill every 2 bars: A B C A is a fill heard 6 bars back, where the model has a fourth to play
    fills = [f[:, [SNARE, *TOMS]] for f in fills_of(Engine(FourFills()).drumify(riff(tmp_path, num, den),
                                                                                 Settings(fill_every=1)), 1)]
    for k, fill in enumerate(fills):
        assert not any(np.array_equal(fill, f) for f in fills[max(k - 3, 0):k]), f"fill {k} of {num}/{den}"
