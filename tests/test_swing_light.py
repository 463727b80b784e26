"""A light swing asked (`--swing` 51-62: the swung 8th nearer the "and" than the "a") keeps every 16th, and the
swing reaches every drum a drum part plays: a sketch's added hats, and a swung take asked straight."""

from pathlib import Path

import numpy as np
import pytest
from test_swing_asked import off_beats

from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"


def hits(loops) -> int:
    return int((np.asarray(loops)[..., :N_VOICES] > 0.5).sum())


@pytest.mark.parametrize("percent", [55, 58, 62])
def test_a_light_swing_keeps_every_16th_and_swings_it(shipped, percent):
    """Laid as interpolate's in-between swing, the "a" had gone into the "and": --swing 55 played 153 notes of
    172, its hats' "a"s gone and a kick on the "a" of 1 moved onto the "and"."""
    song = read_midi(FUNK_BASS)
    straight = shipped.drumify(song, Settings(swing=50)).loops
    swung = np.asarray(shipped.drumify(song, Settings(swing=percent)).loops)
    assert hits(swung) == hits(straight)
    assert np.array_equal(swung[..., :N_VOICES] > 0.5, np.asarray(straight)[..., :N_VOICES] > 0.5)
    ands = off_beats(swung)
    assert np.isclose(np.median(ands[ands < 0.7]), percent / 100, atol=0.02)  # the "and" at the swing asked
    a = swung[:, 3::STEPS_PER_BEAT, :N_VOICES] > 0.5  # the "a"s, kept late on their own 16th
    late = swung[:, 3::STEPS_PER_BEAT, 2 * N_VOICES:][a]
    assert a.any() and (late > 0).all()


def test_a_sketchs_hats_swing_with_its_kick(shipped, make_midi):
    notes = [(4.0 * bar + beat, pitch, 100, 9) for bar in range(8) for beat, pitch in
             ((0, 36), (1, 38), (2, 36), (2.5, 36), (3, 38))]
    loops = np.asarray(shipped.drumify(read_midi(make_midi(notes)), Settings(swing=66)).loops)
    hats = loops.copy()
    hats[..., [v for v in range(N_VOICES) if v != 2]] = 0.0  # the closed hat alone
    assert np.allclose(off_beats(hats), 0.66, atol=0.02), sorted(set(np.round(off_beats(hats), 2)))


def test_a_swung_take_asked_straight_plays_straight_8ths(shipped, make_midi):
    """Its point had been read from its swung loops: 16th ghost hats (off-beats at 0.5 and 0.75), not 8ths."""
    notes = []
    for bar in range(8):
        b = 4.0 * bar
        notes += [(b + k + x, 42, 80 if x else 100, 9) for k in range(4) for x in (0, 2 / 3)]
        notes += [(b, 36, 110, 9), (b + 2 + 2 / 3, 36, 100, 9), (b + 1, 38, 115, 9), (b + 3, 38, 115, 9)]
    loops = shipped.drumify(read_midi(make_midi(notes)), Settings(swing=50)).loops
    assert np.allclose(off_beats(loops), 0.5, atol=0.02), sorted(set(np.round(off_beats(loops), 2)))
