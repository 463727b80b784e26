"""Where the band thins out the drums play softer (core/breakdowns.py): a breakdown's kept strokes below the
level they had in the full groove, the time lighter still, the crash opening it and the fill out of it as played;
a section most of the band leaves (`parts_leave`) and a quiet intro (`intro_windows`) found to be played so."""

import numpy as np

from reagroove.core.breakdowns import (BREAKDOWN_TOUCH, SOFTER, intro_windows, parts_leave, play_breakdowns,
                                       play_softer)
from reagroove.core.limbs import CLOSED_HAT, CRASH, KICK, LOW_TOM, SNARE
from reagroove.core.loop import N_VOICES, STEPS

V = N_VOICES


def rock_loops(n: int) -> np.ndarray:
    """n loops of a loud rock beat: kick on 1 and 3, backbeat, 8th hats, a crash on the first downbeat."""
    loops = np.zeros((n, STEPS, 3 * V), np.float32)
    for voice, steps, vel in ((KICK, range(0, STEPS, 8), 0.8), (SNARE, range(4, STEPS, 8), 0.95),
                              (CLOSED_HAT, range(0, STEPS, 2), 0.75), (CRASH, [0], 0.9)):
        loops[:, list(steps), voice], loops[:, list(steps), V + voice] = 1.0, vel
    return loops


def test_the_strokes_a_breakdown_keeps_play_softer_than_the_full_groove():
    loops = rock_loops(3)
    where = np.array([False, True, False])
    fill = np.zeros((3, STEPS), bool)
    fill[1, 24:] = True  # the fill into what follows: the last half bar of the breakdown
    loops[1, 26:32:2, LOW_TOM], loops[1, 26:32:2, V + LOW_TOM] = 1.0, 0.9
    out = play_breakdowns(loops, where, fill)
    kept = (out[1, :24, :V] > 0.5)
    assert kept[0, KICK] and kept[4, SNARE] and kept[12, SNARE]  # the downbeat's kick and the backbeat stay ...
    # ... softer (they had kept the chorus's level: the backbeat at 0.95 under a pad and a bass note)
    assert np.allclose(out[1, [4, 12], V + SNARE], 0.95 * SOFTER)
    assert np.isclose(out[1, 0, V + KICK], 0.8 * SOFTER)
    hats = out[1, :24, CLOSED_HAT] > 0.5
    assert np.allclose(out[1, :24, V + CLOSED_HAT][hats], 0.75 * SOFTER * BREAKDOWN_TOUCH)  # the time lighter still
    assert out[1, 0, V + CRASH] == loops[1, 0, V + CRASH]  # the crash opening it as played
    assert np.array_equal(out[1, 24:], loops[1, 24:])  # the fill as played
    assert np.array_equal(out[[0, 2]], loops[[0, 2]])  # the sections around it untouched


def test_play_softer_leaves_every_hit_where_it_is():
    loops = rock_loops(2)
    out = play_softer(loops, np.array([True, False]), None)
    assert np.array_equal(out[..., :V] > 0.5, loops[..., :V] > 0.5)
    assert np.array_equal(out[..., 2 * V:], loops[..., 2 * V:])
    assert (out[0, ..., V:2 * V] <= loops[0, ..., V:2 * V]).all() and np.array_equal(out[1], loops[1])


def eighths(n: int) -> np.ndarray:
    g = np.zeros((n, STEPS, 3), np.float32)
    g[:, ::2, 0], g[:, ::2, 1] = 1.0, 0.7
    return g


def test_most_of_the_band_leaving_on_the_same_rhythm_is_found():
    # freedoom's E1M1: 5 parts play 8ths, 2 of them go on alone for 8 bars (4 windows), then the 5 again
    parts = np.array([5] * 6 + [2] * 4 + [5] * 6)
    takes = np.zeros(len(parts), np.int64)  # one rhythm throughout: one take
    found = parts_leave(eighths(len(parts)), takes, parts)
    assert found.tolist() == [False] * 6 + [True] * 4 + [False] * 6
    # one part fewer is the band's own texture; a drop that never comes back is an ending; a lone window a fill's
    assert not parts_leave(eighths(16), takes, np.array([5] * 6 + [4] * 4 + [5] * 6)).any()
    assert not parts_leave(eighths(10), takes[:10], np.array([5] * 6 + [2] * 4)).any()
    assert not parts_leave(eighths(13), takes[:13], np.array([5] * 6 + [2] + [5] * 6)).any()
    assert not parts_leave(eighths(16), takes, None).any()  # parts not known (audio)


def test_a_quiet_intros_windows_are_those_before_the_band_comes_in():
    bars = np.arange(1, 24, 2)  # 2-bar windows from bar 1
    assert intro_windows(bars, [9, 17], True).tolist() == [True] * 4 + [False] * 8
    assert not intro_windows(bars, [9, 17], False).any()
    assert not intro_windows(bars, [], True).any()


def test_a_quiet_intro_is_drummed_softer_than_the_band_coming_in_with_the_same_hits(shipped, make_midi):
    """A keys intro before the band comes in had drums as loud as the band's (freedoom's e1m1: bars 1-16 at 99 against
    100 after): a drummer plays an intro down. Same notes the intro as the band's parts at the level they enter at."""
    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings

    keys = [((b - 1) * 4.0 + t, p, 100, 1) for b in range(1, 17) for t in (0.0, 2.0) for p in (60, 64, 67)]
    band = [((b - 1) * 4.0 + t / 2, 40, 100, 0) for b in range(9, 17) for t in range(8)]
    result = shipped.drumify(read_midi(make_midi(sorted(keys + band))), Settings())
    assert any("quiet intro" in m for m in result.messages), result.messages
    loops = np.asarray(result.loops)
    hits = loops[..., :V] > 0.5
    level = lambda rows: float(loops[rows][..., V:2 * V][hits[rows]].mean())  # noqa: E731
    # (bar 7-8: the fill into the band) the bass comes in with the band: the drums lay out (intro_figure.py)
    assert not hits[0:3].any() and level(slice(5, 8)) > 0
