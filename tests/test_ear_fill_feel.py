"""A 4/4 fill run played as the part's drummer would (core/fill_feel.py): at a fast tempo rhythms that vary, with two
hands' 16th pairs, and a fill into a section bigger; a stroke on the backbeat at the backbeat's level; as sparse or
busy as --density asks; jazz on triplets from the comp up to the ride, hip-hop sparse on the snare and a tom or two.

By ear, before: a 210 BPM song's six bar fills all eight 8ths (bar 24 = bar 12), the fill into a section no bigger;
funk_bass's beat fill played its snare on 4 at 102 under a backbeat at 125; a 64 BPM ballad at --density 0.2 got 12
16ths over its bar fill and no snare on 2; a jazz part 16 even 16ths; a hip-hop part a four-drum tom run."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_fill_runs import bar_steps, groove_loops

from reagroove.core import read_midi
from reagroove.core.fill_runs import fill_out
from reagroove.core.limbs import CLOSED_HAT, HIGH_TOM, LOW_TOM, MID_TOM, RIDE, SNARE
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
DRUMS = [SNARE, HIGH_TOM, MID_TOM, LOW_TOM]
THIN = [(28, LOW_TOM), (30, LOW_TOM)]  # the network's thin fill: the floor tom on 4 and its "and"


def bar_fills(n: int, settings: Settings, bpm: float, bigger=None, loops=None) -> np.ndarray:
    """n windows' bar fills (n, 16, 27) as fill_out plays the thin fill over the second bar of each."""
    loops = groove_loops(n, THIN) if loops is None else loops
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 16:32] = True
    return fill_out(loops.copy(), np.arange(n), fill_at, None, settings, 0, bpm, bigger)[:, 16:32]


def struck(fill: np.ndarray) -> np.ndarray:
    return (fill[:, DRUMS] > 0.5).any(1)


@pytest.mark.parametrize("bpm", [170.0, 210.0])
def test_fast_fills_vary_their_rhythm_with_two_hand_16th_pairs_and_a_section_fill_is_bigger(bpm):
    fills = bar_fills(8, Settings(), bpm)
    rhythms = {struck(f).tobytes() for f in fills}
    assert len(rhythms) >= 3, len(rhythms)  # not one rhythm of 8ths over the song
    pairs = sum(int((struck(f)[:-1] & struck(f)[1:]).any()) for f in fills)
    assert pairs >= 2, pairs
    for fill in fills:  # two hands alternate: no four 16ths in a row
        s = struck(fill)
        assert not (s[:-3] & s[1:-2] & s[2:-1] & s[3:]).any()
    # the fill into a section: at least three strokes every beat, more than the phrase fills around it
    big = bar_fills(8, Settings(), bpm, bigger=np.ones(8, bool))
    per_beat = np.array([struck(f).reshape(4, 4).sum(1) for f in big])
    assert (per_beat >= 3).all(), per_beat
    assert per_beat.sum(1).mean() > np.mean([struck(f).sum() for f in fills])


@pytest.mark.parametrize("example, seed", [("funk_bass", 0), ("funk_bass", 1), ("shuffle_blues", 1)])
def test_a_beat_fill_keeps_the_backbeat_on_4_at_the_backbeats_level(shipped, example, seed):
    result = shipped.drumify(read_midi(EXAMPLES / f"{example}.mid"),
                             Settings(fill_every=2, fill_length="beat", seed=seed))
    w, start = bar_steps(result, 4)
    bar = result.loops[w, start:start + 16]
    velocity = bar[:, N_VOICES:2 * N_VOICES]
    assert (bar[12, DRUMS] > 0.5).any()  # the fill's first stroke is on 4
    assert velocity[12, DRUMS].max() >= velocity[4, SNARE] - 1e-6, (velocity[12, DRUMS].max(), velocity[4, SNARE])


def test_a_fills_size_follows_density_and_a_sparse_bar_fill_keeps_its_backbeat_on_2():
    n = 6
    plain, sparse, busy = (bar_fills(n, Settings(density=d), 64.0) for d in (None, 0.2, 0.9))
    count = {name: np.mean([struck(f).sum() for f in fills]) for name, fills in
             (("plain", plain), ("sparse", sparse), ("busy", busy))}
    assert count["sparse"] < count["plain"] < count["busy"], count
    for fill in sparse:
        assert fill[4, SNARE] > 0.5 and fill[4, N_VOICES + SNARE] >= 0.8 - 1e-6  # the backbeat on 2, at its level
        assert not struck(fill)[:4].any()  # nothing before it: a ballad's fill starts after the backbeat


def jazz_loops(n: int) -> np.ndarray:
    """A straight jazz comp: the ride on the beats at 0.8, the snare comping at 0.4, the thin fill over it."""
    loops = groove_loops(n, THIN)
    loops[:, :, [CLOSED_HAT, N_VOICES + CLOSED_HAT, 2 * N_VOICES + CLOSED_HAT]] = 0.0
    loops[:, :24:4, [RIDE, N_VOICES + RIDE]] = (1.0, 0.8)
    loops[:, [4, 12, 20], N_VOICES + SNARE] = 0.4
    return loops


def test_a_jazz_fill_plays_triplets_from_the_comp_up_to_the_ride():
    assert_triplets_from_the_comp_up_to_the_ride(bar_fills(4, Settings(genre={"jazz": 1.0}), 120.0, loops=jazz_loops(4)))


def assert_triplets_from_the_comp_up_to_the_ride(fills):
    """Each jazz fill's strokes under the ride (0.8), the softest about the comp's level, and every stroke off the
    beat on a triplet (no straight 8th or 16th)."""
    for fill in fills:
        hits = fill[:, DRUMS] > 0.5
        levels = fill[:, N_VOICES:2 * N_VOICES][:, DRUMS][hits]
        assert levels.max() <= 0.8 + 1e-6 and levels.min() <= 0.5, levels  # under the ride, from about the comp
        off_beat = [float(fill[t, 2 * N_VOICES + v]) for t in range(16) if t % 4
                    for v in DRUMS if hits[t, DRUMS.index(v)]]
        assert off_beat and all(abs(o) > 0.1 for o in off_beat), off_beat  # triplets, no straight 16th


def test_a_hip_hop_fill_is_sparse_on_the_snare_and_a_tom_or_two():
    fills = bar_fills(6, Settings(genre={"hiphop": 1.0}), 90.0)
    for fill in fills:
        hits = fill[:, DRUMS] > 0.5
        assert hits[:, 1:].any(0).sum() <= 2  # a tom or two
        assert struck(fill).sum() <= 8, struck(fill).sum()
        assert fill[4, SNARE] > 0.5  # the backbeat on 2
