"""A band of two parts dropping to one is a breakdown (core/breakdowns.py): a house track's stabs and bass, the bass
out for four bars under a chord a bar, had drums that kept a groove there (R13 p1), since a breakdown needed two
parts fewer than the fullest section. Its drums now drop as for any breakdown and come back with the bass."""

import numpy as np
from test_engine_song_form import CRASH, HAT, KICK, SNARE, TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills
from test_song_form_arrangements import part

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

BASS, STABS = 0, 1
OFFBEATS = (0.5, 1.5, 2.5, 3.5)


def house(breakdown_bass: bool = False):
    """Stabs alone 1-4, stabs and bass 5-12 (both on the off-beat 8ths), a chord on each downbeat without the bass
    13-16 (with it, on the downbeat, where breakdown_bass), stabs and bass 17-24, a last chord on 25."""
    def full(bars):
        return part(bars, OFFBEATS, (60, 63, 67), STABS, 100) + part(bars, OFFBEATS, (36,), BASS, 110)

    notes = part(range(1, 5), OFFBEATS, (60, 63, 67), STABS, 90) + full(range(5, 13)) + full(range(17, 25))
    notes += part(range(13, 17), (0.0,), (60, 63, 67), STABS, 80) + part([25], (0.0,), (60, 63, 67, 36), STABS, 100)
    if breakdown_bass:
        notes += part(range(13, 17), (0.0,), (36,), BASS, 90)
    return sorted(notes)


def test_one_part_of_two_is_a_drop_and_a_rest_or_one_part_fewer_of_many_is_judged_as_before():
    from reagroove.core.breakdowns import fewer_parts

    assert fewer_parts(1, 2) and fewer_parts(2, 4) and fewer_parts(1, 3)
    assert not fewer_parts(0, 1)  # (a one-part song's rest: none, as before)
    assert not fewer_parts(3, 4) and not fewer_parts(2, 3) and not fewer_parts(2, 2)


def test_the_bass_out_under_held_chords_in_a_two_part_house_track_is_a_breakdown(make_midi):
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(house(), tempos=((0, 124.0),))), Settings())
    assert any("(a breakdown)" in m and "bars 13-16" in m for m in res.messages), res.messages
    for bar in range(13, 16):  # (bar 16 holds the fill into the drop)
        hits = bar_hits(res, bar)
        assert hits[0, KICK] and not hits[1:, KICK].any(), bar  # a kick on the 1 only: no four on the floor
        assert not hits[np.arange(16) % 4 != 0, SNARE].any() and not hits[:, TOM].any(), bar
        assert hits[:, HAT].any() or hits[:, CRASH].any(), bar  # the time kept
    assert bar_hits(res, 16)[12:, TOM].any()  # the fill back into the drop
    assert bar_hits(res, 17)[0, CRASH] and bar_hits(res, 17)[:, KICK].sum() > 1  # the groove back with the bass
    assert bar_hits(res, 11)[:, KICK].sum() > 1  # and the section before it plays its groove


def test_both_parts_dropping_to_a_chord_a_bar_are_no_breakdown_by_parts(make_midi):
    """The bass still there on each downbeat: two parts of two, no drop in parts (the drums play the section)."""
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(house(breakdown_bass=True), tempos=((0, 124.0),))),
                                        Settings())
    assert not any("(a breakdown)" in m for m in res.messages), res.messages


def test_drumify_drops_for_the_house_breakdown_on_the_shipped_model(make_midi, shipped):
    res = shipped.drumify(read_midi(make_midi(house(), tempos=((0, 124.0),))), Settings())
    assert any("(a breakdown)" in m and "bars 13-16" in m for m in res.messages), res.messages
    for bar in range(13, 16):
        assert not bar_hits(res, bar)[1:, KICK].any(), bar
    assert bar_hits(res, 17)[0, CRASH] and bar_hits(res, 18)[:, KICK].sum() > 1
