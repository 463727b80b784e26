"""Above 165 BPM the note says no hand plays three 16ths in a row and a hat's 16th beside the snare goes: the hat or
ride runs no three 16ths where the other hand is on a snare, tom or crash on or beside the run, in what drumify
writes, in its versions and asked for disco or hip-hop (core/hand_speed.lone_hand_runs).

Over freedoom's d_map07 (167 BPM) the hat had played "& a 2" with the snare on 2 (bar 17, `x-xx|x`), 10 times a
song, 30 asked for disco, whose closed "1 e" and open "and" ran three hat 16ths on each beat beside its backbeat."""

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.hand_speed import at_tempo
from reagroove.core.loop import HVO_WIDTH, N_VOICES, STEPS
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, LOW_TOM, MID_TOM, HIGH_TOM, CRASH, RIDE = range(9)
KEEPERS, DRUMS = [CLOSED_HAT, OPEN_HAT, RIDE], [SNARE, LOW_TOM, MID_TOM, HIGH_TOM, CRASH]


def touched_runs(loop) -> list[int]:
    """The steps of a loop (T, 27) that start three time-keeper 16ths in a row with a drum's stroke on them or on
    the 16th either side: one hand on three 16ths, the other busy beside them."""
    keep, drum = ((loop[:, v] > 0.5).any(-1) for v in (KEEPERS, DRUMS))
    return [t for t in range(len(loop) - 2) if keep[t:t + 3].all() and drum[max(t - 1, 0):t + 4].any()]


def riff_at(bpm, make_midi):
    """A syncopated 16th bass riff under a 16th guitar chug, 8 bars: the hats play 16ths over it."""
    notes = []
    for b in range(0, 32, 4):
        notes += [(b + s / 4, 40, 100 if s % 4 == 0 else 85, 0, 0) for s in (0, 3, 6, 8, 10, 11, 14)]
        notes += [(b + s / 4, 64, 100 if s % 4 == 0 else 70, 1, 1) for s in range(16)]
    return read_midi(make_midi(notes, name=f"riff_{bpm:g}.mid", tempos=((0, bpm),)))


def one_loop(hats, snare, ohat=()) -> np.ndarray:
    loop = np.zeros((1, STEPS, HVO_WIDTH), np.float32)
    for voice, steps in ((CLOSED_HAT, hats), (SNARE, snare), (OPEN_HAT, ohat)):
        for t in steps:
            loop[0, t, [voice, N_VOICES + voice]] = (1.0, 0.9 if voice == SNARE else 0.6)
    return loop


def test_a_hat_16th_run_into_the_snare_plays_its_8ths_at_167():
    """d_map07's bar 17: hats on 1, its "&", "a" and 2 with the snare on 2 at 167 BPM: the "a" goes (the hat
    hand's 8ths stay, the snare too); disco's closed "2 e" under the snare, the open "and" after: the "e" goes. A
    pair into the snare ("a 2", no "&") is one wrist and stays, and at 160 BPM one hand plays the run."""
    bar17 = one_loop([0, 2, 3, 4, 6, 8, 10, 12, 14], [4, 12])
    out, thinned = at_tempo(bar17, 167.0)
    hats = out[0, :16, CLOSED_HAT] > 0.5
    assert thinned and not hats[3] and hats[[0, 2, 4, 6, 8]].all() and (out[0, [4, 12], SNARE] > 0.5).all()
    disco = one_loop([0, 1, 4, 5, 8, 9, 12, 13], [4, 12], ohat=[2, 6, 10, 14])
    out = at_tempo(disco, 167.0)[0]
    assert not (out[0, [5, 13], CLOSED_HAT] > 0.5).any()
    assert (out[0, [2, 6, 10, 14], OPEN_HAT] > 0.5).all() and (out[0, [4, 12], CLOSED_HAT] > 0.5).all()
    pair = one_loop([0, 3, 4, 6, 8, 11, 12, 14], [4, 12])  # "a 2", no "&": a pair
    assert np.array_equal(at_tempo(pair, 167.0)[0], pair)
    assert np.array_equal(at_tempo(bar17, 160.0)[0], bar17)


@pytest.mark.parametrize("genre", [None, "disco", "hiphop"])
def test_drums_at_167_keep_no_hat_run_beside_the_snare(shipped, make_midi, genre):
    """drumify at 167 BPM, and 3 versions of it: no hat or ride run of three 16ths beside the snare, toms or
    crash in any window (it had been 8 a version with no genre asked, 2-6 for disco, 8 for hip-hop), the note
    said, the backbeat kept."""
    settings = Settings(genre={genre: 1.0} if genre else {})
    result = shipped.drumify(riff_at(167.0, make_midi), settings)
    versions = shipped.variations_of(result, settings, 3)
    for v, loops in enumerate(versions):
        for w, loop in enumerate(loops):
            assert not touched_runs(loop), (genre, v, w, touched_runs(loop))
        assert (loops[:, [4, 12, 20, 28], SNARE] > 0.5).mean() > 0.9  # (the backbeat stays)
    assert any("three 16ths in a row" in m for m in result.messages)
