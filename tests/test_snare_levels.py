"""A band part's snares off beats 2 and 4, with no genre asked, play at drummers' level by position
(core/snare_levels.py): freedoom d_e2m5's `---- X--- ---- X-X-` in every bar had its "and" of 4 at 100-127 against
the backbeat's 127, a second backbeat; GMD's drummers play a snare there in bars running at half the backbeat, once
(a pickup into the next bar, every second bar) at the backbeat's level."""

import os
from pathlib import Path

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.limbs import LOW_TOM, SNARE
from reagroove.core.loop import N_VOICES, STEPS
from reagroove.core.settings import Settings

V = N_VOICES
BAND = Path(os.environ.get("REAGROOVE_BAND") or Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")


def beat(n: int = 1) -> np.ndarray:
    """n loops of a backbeat at 0.9 (2 and 4 of both bars)."""
    loops = np.zeros((n, STEPS, 3 * V), np.float32)
    loops[:, [4, 12, 20, 28], SNARE], loops[:, [4, 12, 20, 28], V + SNARE] = 1.0, 0.9
    return loops


def snare(loops: np.ndarray, steps, vel: float = 0.9) -> np.ndarray:
    loops[:, list(steps), SNARE], loops[:, list(steps), V + SNARE] = 1.0, vel
    return loops


def test_an_and_of_four_in_both_bars_is_half_the_backbeat_once_it_is_a_pickup_at_its_level():
    from reagroove.core.snare_levels import off_backbeat_levels

    figure = off_backbeat_levels(snare(beat(), [14, 30]))  # `X-X-` in both bars: the groove's figure
    assert np.allclose(figure[0, [14, 30], V + SNARE], 0.52 * 0.9)
    pickup = off_backbeat_levels(snare(beat(), [30]))  # the second bar's alone: a pickup into the next
    assert np.isclose(pickup[0, 30, V + SNARE], 0.9)
    for out in (figure, pickup):  # the backbeat and every hit where they were
        assert np.allclose(out[0, [4, 12, 20, 28], V + SNARE], 0.9)
        assert np.array_equal(out[..., :V], figure[..., :V] if out is figure else pickup[..., :V])


def test_a_ghost_sixteenth_after_the_backbeat_is_softer_than_a_pickup_into_it():
    from reagroove.core.snare_levels import off_backbeat_levels

    out = off_backbeat_levels(snare(beat(), [3, 13, 19, 29]))  # the "a" of 1 and the "e" of 4, both bars
    assert out[0, 3, V + SNARE] > 0.8 * 0.9 > 0.3 * 0.9 > out[0, 13, V + SNARE]


def test_a_tom_fill_a_bar_with_no_backbeat_and_loops_not_asked_keep_their_snares():
    from reagroove.core.snare_levels import off_backbeat_levels

    fill = snare(beat(), [13, 14, 29, 30])
    fill[:, [15, 31], LOW_TOM], fill[:, [15, 31], V + LOW_TOM] = 1.0, 0.9  # snare 16ths into a tom: a fill
    assert np.array_equal(off_backbeat_levels(fill), fill)
    no_backbeat = snare(np.zeros((1, STEPS, 3 * V), np.float32), [8, 14, 24, 30])  # half time's, moved later
    assert np.array_equal(off_backbeat_levels(no_backbeat), no_backbeat)
    loops = snare(beat(2), [14, 30])
    assert np.array_equal(off_backbeat_levels(loops, np.array([False, True]))[0], loops[0])


def and_of_four(loops: np.ndarray, starts, meters) -> tuple[list[float], list[float]]:
    """(shares of the backbeat) of the "and" of 4 snares in 4/4 loops: played in both bars, and in one bar alone;
    fill bars left out (a tom, or a snare on 3 16ths in a row: a fill into the next section rolls up to it)."""
    both, once = [], []
    for loop, bars in zip(loops, meters):
        if bars is not None and any(b[1:] != (4, 4) for b in bars if len(b) > 1):
            continue
        hit = loop[:, SNARE].reshape(2, 16) > 0.5
        vel = loop[:, V + SNARE].reshape(2, 16)
        fills = (loop[:, LOW_TOM:LOW_TOM + 3].reshape(2, 16, 3) > 0.5).any((1, 2))
        fills |= (hit[:, :-2] & hit[:, 1:-1] & hit[:, 2:]).any(1)  # (a snare roll: the fill's, as a tom's)
        for b in range(2):
            if hit[b, 14] and hit[b, [4, 12]].all() and not fills[b]:
                (both if hit[1 - b, 14] else once).append(vel[b, 14] / vel[b, [4, 12]].mean())
    return both, once


@pytest.fixture(scope="module")
def e2m5(shipped):
    path = BAND / "d_e2m5.mid"
    if not path.is_file():
        pytest.skip(f"freedoom MIDI not found at {BAND}")
    song = read_midi(path)
    return song, shipped.drumify(song, Settings())


def test_e2m5s_and_of_four_in_every_bar_is_no_second_backbeat(e2m5):
    _, res = e2m5
    both, _ = and_of_four(res.loops, res.starts, res.meters)
    assert len(both) >= 40  # (the figure the network plays over its band)
    assert max(both) <= 0.65  # had been 0.86-1.0 of the backbeat (100-127)
    backbeat = res.loops[:, [4, 12, 20, 28], V + SNARE][res.loops[:, [4, 12, 20, 28], SNARE] > 0.5]
    assert np.median(backbeat) * 127 >= 120  # the backbeat as loud as it was


def test_its_variations_and_a_range_of_its_bars_play_the_same_levels(shipped, e2m5):
    song, res = e2m5
    both = [share for loops in shipped.variations_of(res, Settings(), 4)[1:]  # (other takes: some play no figure)
            for share in and_of_four(loops, res.starts, res.meters)[0]]
    assert len(both) >= 40 and max(both) <= 0.65
    part = shipped.drumify(song, Settings(), bars=(17, 32))
    both, _ = and_of_four(part.loops, part.starts, part.meters)
    assert both and max(both) <= 0.65


def test_dm08s_pickup_every_second_bar_stays_at_the_backbeats_level(shipped):
    path = BAND / "d_dm08.mid"
    if not path.is_file():
        pytest.skip(f"freedoom MIDI not found at {BAND}")
    res = shipped.drumify(read_midi(path), Settings())
    both, once = and_of_four(res.loops, res.starts, res.meters)
    assert len(once) >= 10 and np.median(once) >= 0.9  # a 2-bar phrase's pickup: as GMD's drummers play it
    assert both and max(both) <= 0.65  # (the figure in both bars had been at 1.0)
