"""A latin fill lands as GMD's latin and afro-cuban drummers end theirs (core/fill_landings.py LATIN_LANDINGS).

By ear, before: a latin fill's last beat, where it landed as the fills before it or led into a section, was re-laid
with rock's landings: freedoom's d_e1m4 --bars 1-32 --genre latin --fill-every 4bars bar 16 went high, high, mid,
floor tom down 4's 16ths into the 1 (`---X XX--` on the timbale, the mid tom on the "and", the floor tom on the
"a"), and at --seed 1 bar 4 snare and floor tom together on 4, its "and" and "a" with the kick. GMD's latin
drummers play no mid tom in a fill (none of 168 last-beat strokes), go between the snare, the timbale (high tom)
and the floor tom, often leave a space before the 1, and accent the last stroke (103 to the others' 72)."""

import numpy as np
import pytest
from test_ear_fill_landings import tom_fill

from reagroove.core.fill_landings import DRUMS, landing_figure, vary_landings
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.settings import Settings

MID = VOICES.index("mid_tom")
LATIN = Settings(seed=0, genre={"latin": 1.0})
SPARSE_LATIN = Settings(seed=0, genre={"latin": 1.0}, density=0.2)  # (its fills sparser, landing latin all the same)
LAST = slice(28, 32)  # the fill's last beat: 4 of the second bar


def latin_laid(n: int, seed: int, bigger=None, own=None, settings=LATIN) -> np.ndarray:
    """n windows, each ending in the same fill (own: its loop, tom_fill's by default), landed for a latin part."""
    out = np.stack([tom_fill() if own is None else own.copy() for _ in range(n)])
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 24:32] = True
    return vary_landings(out, np.arange(n), fill_at, None, settings, seed, None, bigger)


def levels(loop: np.ndarray) -> list[float]:
    """The levels of the last beat's snare and tom strokes, in order (the loudest drum where two meet)."""
    hits = loop[LAST, DRUMS] > 0.5
    vel = loop[LAST, N_VOICES:2 * N_VOICES][:, DRUMS]
    return [float(vel[t][hits[t]].max()) for t in range(len(hits)) if hits[t].any()]


@pytest.mark.parametrize("settings", [LATIN, SPARSE_LATIN])
def test_a_latin_fill_landing_as_the_last_ones_lands_as_latin_drummers_do(settings):
    landed = [loop for seed in range(12) for loop in latin_laid(3, seed, settings=settings)[1:]]
    figures = [landing_figure(loop, 28, 32) for loop in landed]
    assert len(set(figures)) >= 3  # varied, fill after fill
    assert all(f != landing_figure(tom_fill(), 28, 32) for f in figures)  # unlike the fill before it
    for loop in landed:
        assert not (loop[LAST, MID] > 0.5).any(), np.flatnonzero(loop[LAST, MID] > 0.5)  # no mid tom
        level = levels(loop)
        assert level[-1] == max(level) and all(v <= 0.75 * level[-1] for v in level[:-1]), level  # accented last
    # a space before the 1: most landings leave the beat's "a" to the crash (GMD's fill files: 69 of 81)
    open_a = np.mean([not (loop[31, DRUMS] > 0.5).any() for loop in landed])
    assert open_a >= 0.5, open_a


def test_a_latin_fill_into_a_section_takes_a_bigger_latin_landing():
    into = latin_laid(2, 0, bigger=np.array([False, True]))[1]
    own = int((tom_fill()[LAST, DRUMS] > 0.5).sum())
    assert int((into[LAST, DRUMS] > 0.5).sum()) > own  # bigger than the floor tom on 4 and its "and"
    assert not (into[LAST, MID] > 0.5).any()
    assert {d for d in DRUMS if (into[LAST, d] > 0.5).any()} >= {DRUMS[0], DRUMS[1], DRUMS[3]}  # snare, toms
    level = levels(into)
    assert level[-1] == max(level) > max(level[:-1])


def test_a_latin_fill_ending_on_the_mid_tom_lands_on_the_timbale_snare_and_floor_tom():
    own = tom_fill()
    own[30, [MID, N_VOICES + MID]] = (1.0, 0.7)  # the mid tom beside the floor tom on 4's "and"
    own[30, [DRUMS[1], N_VOICES + DRUMS[1]]] = 0.0
    for seed in range(6):
        first = latin_laid(1, seed, own=own)[0]
        assert not (first[LAST, MID] > 0.5).any()  # the first fill too, though none came before it
        assert (first[LAST, DRUMS] > 0.5).any()
    # a rock part keeps the network's mid tom where no fill before it landed so
    rock = latin_laid(1, 0, own=own, settings=Settings(seed=0))[0]
    assert (rock == own).all()
