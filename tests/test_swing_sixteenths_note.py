"""A part swinging its 16ths is told so: the drums' 16ths swing with it (engine: swing.swing_sixteenths) without a
word, where swung 8ths get a note (swing.swing_note); a hip-hop keys part at 90 BPM, its 16ths at +29 ticks, had
its drums' ghost snares swung to match and nothing said."""

from reagroove.core import read_midi
from reagroove.core.settings import Settings


def keys(make_midi, late):
    """8 bars of a boom-bap keys part: a bass note on 1 and the "and" of 3, chord stabs on the "a" of 1, the "e" of
    2 and the "a" of 3 and 4, each "e" and "a" `late` beats late."""
    notes = []
    for bar in range(8):
        t0 = bar * 4.0
        notes += [(t0, 36, 100, 0), (t0 + 2.5, 43, 90, 0)]
        notes += [(t0 + b + late, 60, 75, 1) for b in (0.75, 1.25, 2.75, 3.75)]
        notes += [(t0 + b + late, 64, 60, 1) for b in (0.25, 3.25)]
    return read_midi(make_midi(notes, tempos=((0, 90.0),)))


def sixteenths_said(res):
    return [m for m in res.messages if "swings its 16ths" in m]


def test_a_part_swinging_its_16ths_is_told_the_drums_swing_them_too(shipped, make_midi):
    res = shipped.drumify(keys(make_midi, 0.06), Settings())
    said = sixteenths_said(res)
    # (the "e" at (1 + 0.24) / 2 of its 8th: as a sampler's 16th swing is set)
    assert said == ['the part swings its 16ths (its "e"s and "a"s at 62% of the 8th): the drums\' 16ths swing with '
                    'it'], res.messages


def test_straight_16ths_say_nothing_of_swing(shipped, make_midi):
    res = shipped.drumify(keys(make_midi, 0.0), Settings())
    assert not sixteenths_said(res) and not any("swing" in m for m in res.messages), res.messages


def test_a_swing_asked_says_no_16ths_of_the_part(shipped, make_midi):
    """A swing asked plays instead of the part's own (played_part: no lazy 16ths read): its note says the swing."""
    res = shipped.drumify(keys(make_midi, 0.06), Settings(swing=60))
    assert not sixteenths_said(res), res.messages
