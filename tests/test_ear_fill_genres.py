"""A 4/4 fill run that sounds like the genre asked for (core/fill_feel.py, core/fill_runs.lay_figure), as GMD's
drummers of it play their fill bars (train split, bars striking 3 or more toms).

By ear, before: latin over the bundled funk riff played rock's run down the kit (snare on 3, high tom, mid tom, floor
tom), where GMD's latin and afro-cuban drummers play the timbales (high tom) and floor tom with the snare between,
half their strokes on the "e" and "a" (rock's 30%), the mid tom never (2 of 265 tom strokes), softly (68) into an
accented last stroke (103); a swung jazz part's fill (shuffle_blues, --genre jazz) climbed 91 -> 114 over its ride at
89-97, where a jazz drummer's fill stays at the comp's level up to the ride's, the accent on the landing only."""

from pathlib import Path

import numpy as np
from test_ear_fill_feel import DRUMS, bar_fills, struck
from test_ear_fill_runs import bar_steps

from reagroove.core import read_midi
from reagroove.core.fill_runs import fill_out
from reagroove.core.limbs import MID_TOM, RIDE, SNARE
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
LATIN = Settings(genre={"latin": 1.0})


def strokes(fill: np.ndarray) -> list[tuple[int, int, float]]:
    """A fill's snare and tom strokes (step, voice, level), in order, the highest drum where two meet."""
    return [(t, next(v for v in DRUMS if fill[t, v] > 0.5), float(fill[t, N_VOICES:2 * N_VOICES][DRUMS].max()))
            for t in range(len(fill)) if struck(fill)[t]]


def test_a_latin_fill_plays_the_timbales_and_floor_tom_off_the_beat_into_an_accented_last_stroke():
    fills = bar_fills(8, LATIN, 100.0)
    played = [strokes(f) for f in fills]
    assert not any(v == MID_TOM for run in played for _, v, _ in run)  # timbales and floor tom, no mid tom
    off_eighths = np.mean([t % 2 == 1 for run in played for t, _, _ in run])
    assert off_eighths >= 0.4, off_eighths  # GMD's latin fills: half on the "e" and "a" (rock's 30%)
    turns = np.mean([a[1] != b[1] for run in played for a, b in zip(run, run[1:])])
    assert turns >= 0.5, turns  # the hands go between the snare and a tom, not one drum then the next
    for run in played:
        levels = [level for _, _, level in run]
        assert levels[-1] >= 1.3 * np.median(levels[:-1]), levels  # soft strokes, the last accented


def test_latin_over_the_funk_riff_fills_off_the_beat_on_the_timbales(shipped):
    result = shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"), Settings(genre={"latin": 1.0}, fill_every=2))
    w, start = bar_steps(result, 4)
    run = strokes(result.loops[w, start + 8:start + 16])  # the half-bar fill ending bar 4
    assert len(run) >= 4 and not any(v == MID_TOM for _, v, _ in run), run
    assert any(t % 2 == 1 for t, _, _ in run), run


def test_a_swung_jazz_fill_stays_at_the_comp_up_to_the_rides_level(shipped):
    result = shipped.drumify(read_midi(EXAMPLES / "shuffle_blues.mid"), Settings(genre={"jazz": 1.0}, fill_every=2))
    w, start = bar_steps(result, 4)
    bar = result.loops[w, start:start + 16]
    ride = bar[:8, N_VOICES + RIDE][bar[:8, RIDE] > 0.5]
    fill = strokes(bar[8:])
    assert len(ride) and len(fill) >= 3, (ride, fill)
    levels = [level for _, _, level in fill]
    assert max(levels) <= float(np.median(ride)) + 0.02, (levels, ride)  # no louder than the ride it plays under
    comp = bar[:8, N_VOICES + SNARE][bar[:8, SNARE] > 0.5]
    assert levels[0] <= max(float(np.median(ride)) * 0.8, comp.max() if len(comp) else 0.0), levels  # from low


def test_a_jazz_fills_hands_leave_the_kicks_strokes_to_it():
    from test_ear_fill_feel import jazz_loops

    loops = jazz_loops(4)
    loops[:, [26, 29], 0] = 1.0  # the kick on 3's "and" and 4's "e", inside the half-bar fill (kick: voice 0)
    loops[:, [26, 29], N_VOICES] = 0.6
    fills = bar_fills(4, Settings(genre={"jazz": 1.0}), 120.0, loops=loops)
    for fill in fills:
        assert (fill[[10, 13], 0] > 0.5).all()  # the kick kept
        last = strokes(fill)[-1][0]
        # no hand under it: hand, hand, kick (GMD: 36 of 36), but a last stroke the kick joins, struck together
        assert not struck(fill)[[t for t in (10, 13) if t != last]].any(), strokes(fill)
        if last in (10, 13):
            assert abs(fill[last, 2 * N_VOICES] - fill[last, 2 * N_VOICES + strokes(fill)[-1][1]]) < 1e-6
        assert len(strokes(fill)) >= 3, strokes(fill)


def test_a_jazz_parts_full_network_fill_is_played_as_a_jazz_drummers_fill_under_the_ride():
    from test_ear_fill_feel import jazz_loops

    loops = jazz_loops(4)
    for t in range(24, 32):  # the network's fill: loud straight 16ths, snare then floor tom (not thin: kept before)
        v = SNARE if t < 28 else DRUMS[-1]
        loops[:, t, [v, N_VOICES + v]] = (1.0, 0.95)
    fill_at = np.zeros((4, 32), bool)
    fill_at[:, 24:32] = True  # a half-bar fill
    fills = fill_out(loops.copy(), np.arange(4), fill_at, None, Settings(genre={"jazz": 1.0}), 0, 120.0)[:, 24:32]
    for fill in fills:
        levels = [level for _, _, level in strokes(fill)]
        assert levels and max(levels) <= 0.8 + 1e-6, levels  # no louder than the ride (0.8)
        assert struck(fill).sum() < 8  # triplets, not the network's eight 16ths
