"""Half time's fills as the genre leading the mix plays them (core/half_time_fills.py): a jazz fill's triplets from
the comp's level up to the ride's, the hat foot kept; a latin fill's timbale cells under an accented last stroke.

By ear, before: `--feel half --genre jazz --fill-every 4bars` over the funk riff filled bar 4 with the network's rock
fill (the snare at 108 on 3, the floor tom at 119-127 on 3, 4 and 4's "and", a high tom at 127, over a ride at
68-95, the hat foot gone from 4), over the shuffle the floor tom at 117-127 over a ride at 85-107; with --genre latin
a mid tom and the floor tom at 127 and a hat on 3, where in 4/4 the same songs fill with jazz's triplets (48 -> 89)
and latin's timbale cells (64-80 into the floor tom at 114)."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT, VOICES
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK, SNARE, CLOSED_HAT, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "ride"))
LOW, MID, HIGH = (VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom"))
DRUMS = [SNARE, LOW, MID, HIGH]
TRIPLETS = (0.0, 4 / 3, 8 / 3)  # a beat's triplet 8ths, in 16ths
FILL_BAR = 4  # --fill-every 4bars (2 loops a phrase): the fill ends bar 4


def fill_bar(shipped, song: str, genre: str, feel: str = "half") -> tuple[np.ndarray, np.ndarray]:
    """(the fill bar's steps (16, 27), the window's other bar) of `song` drummed with its fill every 4 bars."""
    result = shipped.drumify(read_midi(EXAMPLES / song), Settings(genre={genre: 1.0}, feel=feel, fill_every=2))
    w = next(i for i, first in enumerate(result.bars) if first <= FILL_BAR < first + 2)
    start = 16 * (FILL_BAR - int(result.bars[w]))
    return result.loops[w, start:start + 16], result.loops[w, 16 - start:32 - start]


def strokes(steps: np.ndarray, lo: int = 8) -> list[tuple[float, int, float]]:
    """(where in 16ths from the bar's 1, drum, velocity) of the snare and tom strokes from step lo, as played."""
    return sorted((t + float(steps[t, 2 * N_VOICES + v]), v, float(steps[t, N_VOICES + v]))
                  for t in range(lo, len(steps)) for v in DRUMS if steps[t, v] > 0.5)


def levels(steps: np.ndarray, v: int) -> np.ndarray:
    return steps[steps[:, v] > 0.5, N_VOICES + v]


@pytest.mark.parametrize("song", ["funk_bass.mid", "shuffle_blues.mid"])
def test_a_half_time_jazz_fill_is_triplets_from_the_comp_up_to_the_ride_the_foot_kept(shipped, song):
    fill, other = fill_bar(shipped, song, "jazz")
    played = strokes(fill)
    assert len(played) >= 3, played
    # triplets, swung once (a shuffle's on its own swing: 2.68 16ths), straight part's at triplet 8ths
    for at, _, _ in played:
        assert min(abs(at % STEPS_PER_BEAT - t) for t in TRIPLETS) < 0.2, played
    ride = float(np.median(np.r_[levels(fill[:8], RIDE), levels(other, RIDE)]))
    loudest = max(vel for *_, vel in played)
    assert loudest <= ride + 0.02, (played, ride)  # (the network's rock fill: 0.9-1.0 over a ride at 0.6-0.8)
    assert played[0][2] < played[-1][2], played  # from the comp's level up to the ride's
    # the hat foot keeps its 4 through the fill, as it plays it in the bar beside it
    if other[3 * STEPS_PER_BEAT, CLOSED_HAT] > 0.5:
        assert fill[3 * STEPS_PER_BEAT, CLOSED_HAT] > 0.5


def test_a_half_time_latin_fill_plays_the_timbales_into_an_accented_last_stroke(shipped):
    fill, _ = fill_bar(shipped, "funk_bass.mid", "latin")
    played = strokes(fill)
    drums = {v for _, v, _ in played}
    assert HIGH in drums and MID not in drums, played  # the timbales; no mid tom (GMD's latin drummers: 2 of 265)
    body, last = [vel for *_, vel in played[:-1]], played[-1][2]
    assert body and max(body) <= 0.8 * last, played  # (the network's: a mid tom and the floor tom at 1.0)
    assert not (fill[8:, CLOSED_HAT] > 0.5).any()  # the hands on the drums, the hats off


def test_a_half_time_fill_is_the_same_songs_4_4_fill_by_its_drums_and_levels(shipped):
    for genre in ("jazz", "latin"):
        half, _ = fill_bar(shipped, "funk_bass.mid", genre)
        four, _ = fill_bar(shipped, "funk_bass.mid", genre, feel="normal")
        ours, theirs = strokes(half), strokes(four)
        assert [v for _, v, _ in ours] == [v for _, v, _ in theirs], (genre, ours, theirs)
        assert np.allclose([vel for *_, vel in ours], [vel for *_, vel in theirs], atol=0.06), (genre, ours, theirs)


def test_half_time_fills_of_other_genres_and_of_4_4_windows_are_left_as_they_are(shipped):
    from reagroove.core.feel import with_feel
    from reagroove.core.half_time_fills import genre_fills
    from reagroove.core.phrases import PhrasePlan

    rng = np.random.default_rng(0)
    loops = (rng.random((2, 32, 3 * N_VOICES)) > 0.8).astype(np.float32)
    plan = PhrasePlan(np.zeros((2, 32), bool), np.zeros((2, 32), bool))
    plan.fill_steps[:, 24:] = True
    halves = with_feel(None, "half", 2)[0]
    for settings, meters in ((Settings(genre={"hiphop": 1.0}), halves), (Settings(genre={"rock": 1.0}), halves),
                             (Settings(genre={"jazz": 1.0}), [None, None])):
        assert np.array_equal(genre_fills(loops.copy(), meters, settings, plan), loops), settings.genre
    assert not np.array_equal(genre_fills(loops.copy(), halves, Settings(genre={"jazz": 1.0}), plan), loops)
