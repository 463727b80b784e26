"""One grouping of a 5/4 bar's beats through a section (core/section_groupings.py): a band leaning 2+3 in most
bars, with a bar or two it accents 3+2 between, gets drums in 2+3 in every bar (the snare on 2, 4 and 5, no bar
swapping its kick and snare to 3+2's 2, 3 and 5); a band that clearly changes its grouping for a phrase (4 bars
or more) gets drums that change with it; a waltz's meters are left alone."""

import numpy as np
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.loop import VOICES
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.settings import Settings

SNARE = VOICES.index("snare")
TWO_THREE = (0, 2)  # the beats (0-based) a 2+3 bar accents: 1 and 3
THREE_TWO = (0, 3)  # 3+2's: 1 and 4


def part(bars_of_accents, loud=120, soft=50):
    """A 5/4 part in quarters: per bar, the beats (0-based) it plays loud, the others soft."""
    beats, vels = [], []
    for k, accents in enumerate(bars_of_accents):
        for b in range(5):
            beats.append(k * 5.0 + b)
            vels.append(loud if b in accents else soft)
    notes = Notes.from_lists(beats, [45] * len(beats), vels, end=[b + 0.5 for b in beats])
    return MidiContent("part.mid", notes, 480, [(0.0, 120.0)], [(0.0, 5, 4)], len(bars_of_accents) * 5.0, [])


def snare_beats(res, w):
    """The beats (1-based) of a window's 5/4 bar its snare plays on."""
    steps = np.flatnonzero(res.loops[w, :20, SNARE] > 0.5)
    return tuple(int(s) // 4 + 1 for s in steps if s % 4 == 0)


def test_a_band_leaning_2_3_with_bars_of_3_2_between_gets_one_grouping():
    bars = [TWO_THREE, THREE_TWO, TWO_THREE, TWO_THREE, THREE_TWO, TWO_THREE, TWO_THREE, TWO_THREE]
    wins = extract_windows(part(bars))
    heard = [getattr(b[0], "groups", None) for b in wins.meters]
    assert heard[1] is None and heard[0] == (2, 3)  # the band's own accents alternate (follow_groupings)
    res = Engine(StubModel()).drumify_windows(wins, Settings(fill_every=0))
    assert [getattr(b[0], "groups", None) for b in res.meters] == [(2, 3)] * len(bars)
    played = {snare_beats(res, w) for w in range(len(bars) - 1)}  # (the last bar: the ending)
    assert played == {(2, 4, 5)}, played


def test_a_band_changing_its_grouping_for_a_phrase_gets_drums_that_change():
    bars = [TWO_THREE] * 6 + [THREE_TWO] * 6
    res = Engine(StubModel()).drumify_windows(extract_windows(part(bars)), Settings(fill_every=0))
    assert [getattr(b[0], "groups", None) for b in res.meters] == [(2, 3)] * 6 + [None] * 6
    assert snare_beats(res, 2) == (2, 4, 5) and snare_beats(res, 8) == (2, 3, 5)


def test_meters_with_one_grouping_come_back_as_they_are():
    from reagroove.core.section_groupings import held_groupings

    meters = [((0.0, 3, 4), (3.0, 3, 4))] * 3
    grooves = np.zeros((3, 32, 3), np.float32)
    assert held_groupings(meters, grooves, np.array([1, 3, 5])) is meters
    assert held_groupings(None, grooves, np.array([1, 3, 5])) is None
