"""Fill runs (core/fill_runs.py) under what the producer asked for: --max-hits on the snare or toms holds inside a
fill (a run laid by rule had played 8 tom hits under toms=0), and two fill bars in a row are two fills, each landing
on its own bar line (one run across the line had put bar 4's crash mid-way down the toms)."""

from pathlib import Path

from reagroove.core import read_midi
from reagroove.core.limbs import CRASH, HIGH_TOM, LOW_TOM, MID_TOM
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

FUNK = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
TOMS = [LOW_TOM, MID_TOM, HIGH_TOM]


def test_no_tom_under_max_hits_toms_0_in_a_bar_fill(shipped):
    caps = [32] * N_VOICES
    for v in TOMS:
        caps[v] = 0
    result = shipped.drumify(read_midi(FUNK), Settings(fill_every=2, fill_length="bar", max_hits=tuple(caps)))
    assert int((result.loops[..., TOMS] > 0.5).sum()) == 0


def test_max_hits_2_holds_in_the_fills(shipped):
    result = shipped.drumify(read_midi(FUNK), Settings(fill_every=2, fill_length="bar", max_hits=(2,) * N_VOICES))
    assert (result.loops[..., TOMS] > 0.5).sum(1).max() <= 2  # (the network's fill, drawn under the cap)


def test_two_fill_bars_in_a_row_each_land_on_their_own_bar_line(shipped):
    result = shipped.drumify(read_midi(FUNK), Settings(fill_bars=(3, 4), fill_length="bar"))
    w = next(i for i, first in enumerate(result.bars) if first <= 3 < first + 2)
    loop = result.loops[w]
    assert loop[16, CRASH] > 0.5  # bar 3's fill lands on bar 4's 1 with the crash
    assert (loop[12:16, LOW_TOM] > 0.5).any()  # ... reaching the floor tom by the bar line
    assert not (loop[16, TOMS] > 0.5).any()  # and bar 4's own fill starts afresh, not on a tom under the crash
