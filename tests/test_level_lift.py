"""A chorus the band plays only louder is a new section (level_lift.py): a fill into it, a crash on it. A strummed
guitar going from velocity 55 to 73 (x1.3), short of an absolute jump of 0.2, had played one loop through verse
and chorus; so had an organ louder over a bass that stays as it was. A part that stays level, or swells bar by bar,
starts none."""

import pytest
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

LOUDER = "the band plays louder from bar"


def strum(bars, level):
    """A guitar strumming 8ths over `bars` (1-based) at `level`, the down strokes a little louder."""
    return [((b - 1) * 4 + k * 0.5, p, level + (6 if k % 2 == 0 else 0), 0) for b in bars for k in range(8)
            for p in (52, 59, 64)]


def said(make_midi, notes, bpm):
    song = read_midi(make_midi(sorted(notes), "song.mid", tempos=((0, bpm),), length=0.2))
    result = Engine(StubModel()).drumify(song, Settings())
    return result, [m for m in result.messages if LOUDER in m]


def test_a_strummed_chorus_only_louder_is_a_new_section(make_midi):
    notes = strum(range(1, 9), 52) + strum(range(9, 21), 70) + [(80.0, p, 80, 0) for p in (52, 59, 64)]
    result, lines = said(make_midi, notes, 90)
    assert 9 in result.section_bars and len(lines) == 1 and f"{LOUDER} 9:" in lines[0]


def test_an_organs_louder_chorus_over_a_steady_bass_is_heard_apart_from_the_bass(make_midi):
    # the organ alone for 2 bars, the bass (loudest on its steps, as loud throughout) from bar 3: its phrases count
    # from there, and the organ's chorus from bar 11 is heard over it
    organ = [((b - 1) * 4 + t, p, 58 if b < 11 else 70, 0) for b in range(1, 19) for t in (0, 1.5, 2, 3.5)
             for p in (60, 64, 67)]
    bass = [((b - 1) * 4 + t, 36, 96, 1, 1) for b in range(3, 19) for t in (0, 1, 2, 3)]
    result, lines = said(make_midi, organ + bass + [(72.0, 36, 96, 1, 1)], 100)
    assert 11 in result.section_bars and len(lines) == 1 and f"{LOUDER} 11:" in lines[0]


@pytest.mark.parametrize("levels", [[60] * 16, [50 + 2 * b for b in range(16)]], ids=["level", "swelling"])
def test_a_part_that_stays_level_or_swells_starts_no_section_by_its_level(make_midi, levels):
    notes = [n for b, level in enumerate(levels, 1) for n in strum([b], level)]
    assert said(make_midi, notes, 90)[1] == []
