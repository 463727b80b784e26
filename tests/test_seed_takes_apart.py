"""Another seed is another take (issue 10; the panel's dice: a new seed, then Drumify).

Two ways a seed played the take just heard, at default settings on the shipped model:
- fast parts: a take whose changes were all hat 16ths was thinned for a hand's speed when written
  (hand_speed.at_tempo), back to seed 0's drums: an 8th-note bass at 170 BPM's `--seed 1` wrote seed 0's hits
  exactly (as d_e1m1.mid's first 16 bars at 0 of 257 hits). A take is now judged as thinned.
- neighbouring seeds: each take was kept clear of seed 0's drums only, so seeds 1 and 2 settled on one groove
  (shuffle_blues.mid 3.3% of hits apart, funk_bass.mid 7%). A take now also keeps MIN_TAKE_CHANGE from the takes
  its neighbouring seeds can keep (takes.draw_take's `apart`).
"""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.limbs import HANDS, backbeat
from reagroove.core.midi import MidiContent, Notes, read_midi
from reagroove.core.settings import Settings
from reagroove.core.takes import MIN_TAKE_CHANGE, hit_change

pytest.importorskip("torch")

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def pumping_bass(bpm: float, bars: int = 8) -> MidiContent:
    """A 4/4 bass pumping 8ths on one note, `bars` bars at `bpm`."""
    notes = [(b * 4 + i * 0.5, b * 4 + i * 0.5 + 0.45) for b in range(bars) for i in range(8)]
    starts, ends = (list(x) for x in zip(*notes))
    return MidiContent("pump8.mid", Notes.from_lists(starts, [40] * len(starts), [90] * len(starts), ends), 480,
                       [(0.0, bpm)], [(0.0, 4, 4)], bars * 4.0, [])


def hits(result) -> np.ndarray:
    return result.loops[..., :9] > 0.5


def test_a_seed_at_a_fast_tempo_is_another_take_as_written(shipped):
    content = pumping_bass(170.0)
    drums = {s: hits(shipped.drumify(content, Settings(seed=s))) for s in range(4)}
    for s in (1, 2, 3):
        assert hit_change(drums[s], drums[0]) >= MIN_TAKE_CHANGE, (s, hit_change(drums[s], drums[0]))
    for a, b in ((1, 2), (2, 3)):
        assert hit_change(drums[a], drums[b]) >= MIN_TAKE_CHANGE, (a, b, hit_change(drums[a], drums[b]))


@pytest.mark.parametrize("example", ["shuffle_blues.mid", "funk_bass.mid"])
def test_neighbouring_seeds_play_other_takes(shipped, example):
    content = read_midi(EXAMPLES / example)
    drums = {s: hits(shipped.drumify(content, Settings(seed=s))) for s in range(4)}
    for a, b in ((1, 2), (2, 3)):
        assert hit_change(drums[a], drums[b]) >= MIN_TAKE_CHANGE, (a, b, hit_change(drums[a], drums[b]))
    for s in (1, 2, 3):  # still the same drummer: the backbeat kept, two hands
        assert backbeat(drums[s]) >= backbeat(drums[0]) / 2, s
        assert (drums[s][..., HANDS].sum(-1) <= 2).all(), s
    # a seed is still one take, bit for bit
    np.testing.assert_array_equal(shipped.drumify(content, Settings(seed=2)).loops,
                                  shipped.drumify(content, Settings(seed=2)).loops)
