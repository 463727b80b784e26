"""A song's fills opening in more than one way (fill_runs.py, fill_feel.py), as a drummer varies them.

By ear over freedoom's d_e1m4 (80 BPM) with --genre hiphop --fill-every 4bars, 8 of 12 fills opened on one beat-3
snare figure ("X-XX"), only beat 4 changing: one fill heard eight times (the memory told them apart by their whole
rhythm). Over d_dm04 (210 BPM) with --fill-every 8bars bars 8, 16 and 24 all opened with a snare pair on 3 and its
"e" and the high tom on its "and". Fills sharing their first beat and most of their strokes are heard alike."""

from collections import Counter

import numpy as np
import pytest
from test_ear_fill_variety import DRUMS
from test_live_fill_runs import part_of_fills

from reagroove.core.fill_runs import fill_out, heard_as
from reagroove.core.settings import Settings

FILLS = 12  # a 48-bar song's, one every 4 bars


def openings(settings: Settings, bpm: float, lo: int = 24) -> list[tuple]:
    """The first beat (its struck 16ths and drums) of each of a song's FILLS fills from step lo."""
    loops, fill_at = part_of_fills(FILLS, lo)
    laid = fill_out(loops.copy(), np.arange(FILLS), fill_at, None, settings, None, bpm)
    return [tuple(map(tuple, (loop[lo:lo + 4, DRUMS] > 0.5).astype(int).tolist())) for loop in laid]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_hiphop_songs_fills_open_in_many_ways(seed):
    """No opening of a hip-hop song's 12 half-bar fills played by more than a third of them, and at least four
    ways of opening (snare pickups, a pair, a tom first, a rest before a fill on 4)."""
    heard = Counter(openings(Settings(genre={"hiphop": 1.0}, seed=seed), 80.0))
    assert max(heard.values()) <= FILLS // 3 and len(heard) >= 4, heard


@pytest.mark.parametrize("seed", [0, 1])
def test_fast_fills_open_in_more_than_one_way(seed):
    """At 210 BPM no opening is played by more than a third of a song's fills, no two fills in a row alike."""
    heard = openings(Settings(seed=seed), 210.0)
    assert max(Counter(heard).values()) <= FILLS // 3, Counter(heard)
    assert all(a != b for a, b in zip(heard, heard[1:])), heard


def test_fills_sharing_their_first_beat_and_most_strokes_are_heard_alike():
    from reagroove.core.fill_runs import rhythm_alike

    def fill(steps):
        loop = np.zeros((32, 27), np.float32)
        loop[steps, DRUMS[0]] = 1.0
        return heard_as(loop, 24, 32)[:2]

    opening = [24, 26, 27]
    assert rhythm_alike(fill(opening + [28, 30, 31]), fill(opening + [28]))
    assert not rhythm_alike(fill(opening + [28]), fill([24, 25, 28, 30, 31]))  # (another opening)
    assert not rhythm_alike(fill([24, 28]), fill([24, 29, 30, 31]))  # (one stroke shared of four)
