"""A latin fill into a section as a latin drummer plays it (core/fill_feel.py LATIN_BIG, core/fill_runs.figure_of).

By ear, before: a latin fill into a section was a rock run, every 16th struck (freedoom's d_e1m4 --genre latin bars
4, 8, 24: seven even 16ths on the high tom; --fill-length bar --seed 2: 5 of 8 fills 15-16 unbroken 16ths, one
`xxxx xxxx xxxx xxx-` on the high tom alone), and the timbales' path put 11-15 strokes of a bar fill on one drum. A
latin drummer into a section plays its busiest cells with a gap each beat, the hands going between the drums,
accents on the clave's hits."""

import numpy as np
from test_ear_fill_feel import DRUMS, bar_fills, struck
from test_ear_fill_genres import LATIN, strokes

SECTION = np.ones(8, bool)


def longest_16ths(fill: np.ndarray) -> int:
    """The most struck 16ths in a row of a fill."""
    most = run = 0
    for hit in struck(fill):
        run = run + 1 if hit else 0
        most = max(most, run)
    return most


def longest_on_one_drum(fill: np.ndarray) -> int:
    """The most strokes in a row on one drum of a fill."""
    most = run = 0
    drums = [v for _, v, _ in strokes(fill)]
    for i, v in enumerate(drums):
        run = run + 1 if i and v == drums[i - 1] else 1
        most = max(most, run)
    return most


def test_a_latin_fill_into_a_section_plays_busy_latin_cells_with_gaps_not_a_rock_run():
    big, phrase = bar_fills(8, LATIN, 100.0, bigger=SECTION), bar_fills(8, LATIN, 100.0)
    for fill in big:
        assert longest_16ths(fill) <= 6, struck(fill).astype(int)  # a gap each beat or two, not 16 even 16ths
        assert longest_on_one_drum(fill) <= 4, strokes(fill)  # the hands go between the drums
    assert len({struck(f).tobytes() for f in big}) >= 3  # the song's section fills not one rhythm
    busy = np.mean([struck(f).sum() for f in big])
    assert busy > np.mean([struck(f).sum() for f in phrase]) and busy >= 2.5 * 4, busy  # bigger than a phrase's


def test_a_latin_fill_into_a_section_accents_more_than_its_last_stroke():
    for fill in bar_fills(8, LATIN, 100.0, bigger=SECTION):
        levels = np.array([level for _, _, level in strokes(fill)])
        body = np.median(levels[:-1])
        assert (levels[:-1] >= 1.2 * body).sum() >= 1, levels  # accents inside it, where the clave plays
        assert levels[-1] >= levels.max() - 1e-6  # the last the loudest


def test_no_latin_bar_fill_keeps_to_one_drum_for_long():
    for bigger in (None, SECTION):
        for fill in bar_fills(8, LATIN, 100.0, bigger=bigger):
            assert longest_on_one_drum(fill) <= 4, strokes(fill)
            assert not any((fill[:, v] > 0.5).sum() > 10 for v in DRUMS), strokes(fill)
