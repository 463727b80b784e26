"""A 4/4 fill fills the length asked for, as a drummer plays it: busy over all its beats (GMD's drummers strike 2.4-2.9
of a fill beat's four 16ths), down the kit from the snare, two hands on the drums with the hats and ride off, climbing
into a crash and a kick on the next 1; a swung part's fill swings; above 160 BPM it plays 8ths and two hands' 16th
pairs.

Over the bundled funk riff with --fill-every 4bars the network's fill in bar 4 had been a thinned groove: the hat
stopping on 3, a snare on 3, a high tom on its "and", the floor tom on 4, mid and floor tom together on its "and" (4
of 8 16ths, going back up the kit); --fill-length bar played the same half bar after a floor tom on 1 and the snare
on 2, the hats gone (2 16ths struck in the bar's first half); --fill-length beat, the floor tom on 4 and its "and"."""

from pathlib import Path

import numpy as np
import pytest
from conftest import build_midi

from reagroove.core import read_midi
from reagroove.core.fill_landings import landing_figure, vary_landings
from reagroove.core.fill_runs import fill_out
from reagroove.core.limbs import CLOSED_HAT, CRASH, HANDS, HIGH_TOM, KICK, LOW_TOM, MID_TOM, OPEN_HAT, RIDE, SNARE
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
DRUMS = [SNARE, HIGH_TOM, MID_TOM, LOW_TOM]  # down the kit
KEEPERS = [CLOSED_HAT, OPEN_HAT, RIDE]
BEATS = {"beat": 1, "half": 2, "bar": 4}


def bar_steps(result, bar: int) -> tuple[int, int]:
    """(window, first step) of a bar of a 4/4 part (two bars a window)."""
    assert result.meters is None or all(tuple(b[1:3]) == (4, 4) for m in result.meters for b in m)
    w = next(i for i, first in enumerate(result.bars) if first <= bar < first + 2)
    return w, 16 * (bar - int(result.bars[w]))


def fill_of(result, bar: int, beats: int) -> np.ndarray:
    """The steps (16 * beats / 4, 27) of the fill ending `bar`: its last `beats` beats."""
    w, start = bar_steps(result, bar)
    return result.loops[w, start + 16 - 4 * beats:start + 16]


def assert_played_as_a_drummers_fill(fill: np.ndarray, beats: int, least_per_beat: float = 2.5):
    hits = fill[:, :N_VOICES] > 0.5
    struck = hits[:, DRUMS].any(1)
    per_beat = struck.reshape(beats, -1).sum(1)
    # it fills its length: every beat busy, none a hole in the groove
    assert per_beat.min() >= 2 and struck.sum() >= least_per_beat * beats, per_beat
    # around the kit one way: each stroke's highest drum no higher than the one before
    height = [min(DRUMS.index(v) for v in DRUMS if hits[t, v]) for t in np.flatnonzero(struck)]
    assert height == sorted(height), height
    assert len(set(height)) >= 2  # it moves (snare to toms, or down the toms)
    # two hands, and they have left the hats and ride from the first stroke on
    first = np.flatnonzero(struck)[0]
    assert (hits[:, HANDS].sum(1) <= 2).all()
    assert not hits[first:, KEEPERS].any()
    # it climbs: its last stroke at least as loud as its first, louder than its first beat's mean
    levels = [float(fill[t, N_VOICES:2 * N_VOICES][DRUMS][hits[t, DRUMS]].max()) for t in np.flatnonzero(struck)]
    assert levels[-1] >= levels[0] and levels[-1] > np.mean(levels[:max(1, len(levels) // beats)]) - 1e-6, levels


def assert_lands_on_the_next_one(result, bar: int):
    w, start = bar_steps(result, bar + 1)
    one = result.loops[w, start, :N_VOICES] > 0.5
    assert one[CRASH] and one[KICK], bar


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("length", ["beat", "half", "bar"])
def test_a_funk_riffs_fill_fills_the_length_asked_for_down_the_kit(shipped, length, seed):
    result = shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"),
                             Settings(fill_every=2, fill_length=length, seed=seed))
    beats = BEATS[length]
    assert_played_as_a_drummers_fill(fill_of(result, 4, beats), beats)
    assert_lands_on_the_next_one(result, 4)


def test_a_shuffles_fills_swing_and_are_not_one_stamp(shipped):
    # the 12-bar shuffle, a fill every 4 bars: fills in bars 4 and 8, on its swung 8ths (triplets), each its own
    song = read_midi(EXAMPLES / "shuffle_blues.mid")
    result = shipped.drumify(song, Settings(fill_every=2, fill_length="half"))
    fills = [fill_of(result, bar, 2) for bar in (4, 8)]
    for bar, fill in zip((4, 8), fills):
        assert_played_as_a_drummers_fill(fill, 2, least_per_beat=2)
        assert_lands_on_the_next_one(result, bar)
        drums = fill[:, DRUMS] > 0.5
        assert not drums[2::4].any()  # nothing on a straight "and": the swung one is the beat's last 16th
    assert not np.array_equal(fills[0][:, DRUMS] > 0.5, fills[1][:, DRUMS] > 0.5)
    # another seed, another fill (the next seed: the runs heard apart are turned by it, so seed 5 may come round to
    # seed 0's where there are five; 5 had differed by the draw before the draws followed the song, song_key)
    other = shipped.drumify(song, Settings(fill_every=2, fill_length="half", seed=1))
    assert not np.array_equal(fill_of(other, 4, 2)[:, DRUMS] > 0.5, fills[0][:, DRUMS] > 0.5)


def test_a_fast_songs_fills_play_8ths_and_fill_their_length(shipped, tmp_path):
    # a rock riff at 184 BPM, a fill every 4 bars: no hand plays a fill's 16ths there (GMD has no fill above 148)
    riff = [(0, 40, 110), (1, 40, 90), (1.5, 40, 80), (2, 43, 105), (3, 45, 90), (3.5, 47, 80)]
    notes = [(4 * bar + b, p, v, 0) for bar in range(16) for b, p, v in riff]
    song = read_midi(build_midi(tmp_path / "fast.mid", notes, tempos=((0, 184.0),), length=0.3))
    # (two hands' 16th pairs are routine there: no more than three 16ths in a row, the hands alternating on 8ths)
    result = shipped.drumify(song, Settings(fill_every=2, genre={"rock": 1.0}))
    for bar in (4, 8, 12):
        fill = fill_of(result, bar, 2)
        struck = (fill[:, DRUMS] > 0.5).any(1)
        assert not (struck[:-3] & struck[1:-2] & struck[2:-1] & struck[3:]).any(), bar
        assert_played_as_a_drummers_fill(fill, 2, least_per_beat=2)


def test_a_fill_repeating_its_landing_at_a_fast_tempo_lands_on_8ths():
    # a thin fill (the floor tom on 4 and its "and") in 6 windows at 186 BPM: its landings had been toms down in
    # 16ths or snare 16ths into the crash, faster than a fill is played there
    n = 6
    loops = np.zeros((n, 32, 3 * N_VOICES), np.float32)
    for t, v in [(0, KICK), (8, KICK), (16, KICK), (4, SNARE), (12, SNARE), (20, SNARE), (28, LOW_TOM),
                 (30, LOW_TOM)] + [(t, CLOSED_HAT) for t in range(0, 24, 2)]:
        loops[:, t, [v, N_VOICES + v]] = (1.0, 0.8)
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 24:32] = True
    landed = vary_landings(loops.copy(), np.arange(n), fill_at, None, Settings(), 0, 186.0)
    assert not (landed[:, 25:32:2, DRUMS] > 0.5).any()


def test_a_fill_into_a_section_that_already_runs_down_the_toms_in_its_last_beat_is_played_as_it_is():
    # a swung part's run into a section (fill_runs' triplets: high tom, mid tom on the swung 16th, floor tom on the
    # swung 8th): the section's biggest landing had replaced its last beat with the snare and floor tom together,
    # back up the kit after its toms
    loops = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    for t, v in [(0, KICK), (16, KICK), (4, SNARE), (20, SNARE), (24, SNARE), (25, SNARE), (27, HIGH_TOM),
                 (28, HIGH_TOM), (29, MID_TOM), (31, LOW_TOM)]:
        loops[:, t, [v, N_VOICES + v]] = (1.0, 0.8)
    fill_at = np.zeros((1, 32), bool)
    fill_at[:, 24:32] = True
    landed = vary_landings(loops.copy(), np.arange(1), fill_at, None, Settings(), 0, 120.0, np.array([True]))
    assert (landed[0, 28:32] == loops[0, 28:32]).all()


def groove_loops(n: int, strokes, late16: float = 0.0) -> np.ndarray:
    """n 4/4 loops (32, 27): kick on 1 and 3, snare on 2 and 4, hat 16ths (each "e" and "a" `late16` of a 16th
    late: lazy 16ths) to the fill over the second bar's last half, which plays only `strokes` ((step, voice))."""
    loops = np.zeros((n, 32, 3 * N_VOICES), np.float32)
    for t in range(24):
        loops[:, t, [CLOSED_HAT, N_VOICES + CLOSED_HAT, 2 * N_VOICES + CLOSED_HAT]] = (1.0, 0.5, late16 * (t % 2))
    for t, v in [(0, KICK), (8, KICK), (16, KICK), (4, SNARE), (12, SNARE), (20, SNARE), *strokes]:
        loops[:, t, [v, N_VOICES + v]] = (1.0, 0.8)
    return loops


def heights(fill: np.ndarray) -> list[int]:
    """Each snare or tom stroke's highest drum, down the kit (0 the snare, 3 the floor tom)."""
    hits = fill[:, DRUMS] > 0.5
    return [int(np.argmax(h)) for h in hits if h.any()]


def test_a_run_in_a_part_playing_lazy_16ths_plays_its_e_and_a_late_as_the_part_does():
    # a hip-hop part's 16ths 0.24 of a 16th late (core/swing.swing_sixteenths): the run's strokes on the "e" and "a"
    # had been laid on time, straight under a lazy groove
    loops = groove_loops(1, [(28, LOW_TOM), (30, LOW_TOM)], late16=0.24)
    fill_at = np.zeros((1, 32), bool)
    fill_at[:, 24:32] = True
    out = fill_out(loops.copy(), np.arange(1), fill_at, None, Settings(), 0, 88.0)
    late = [float(out[0, t, 2 * N_VOICES + v]) for t in range(25, 32, 2) for v in DRUMS if out[0, t, v] > 0.5]
    assert late, "the run plays 16ths"
    assert np.allclose(late, 0.24), late
    on_the_8ths = [float(out[0, t, 2 * N_VOICES + v]) for t in range(24, 32, 2) for v in DRUMS if out[0, t, v] > 0.5]
    assert np.allclose(on_the_8ths, 0.0), on_the_8ths


@pytest.mark.parametrize("bpm", [180.0, 210.0])
def test_repeated_bar_runs_at_a_fast_tempo_land_unlike_the_two_before_without_going_back_up_the_kit(bpm):
    # the network's thin fill (the floor tom on 4 and its "and") in 6 windows, a bar's fill: its runs' 8ths had ended
    # on the floor tom every time, their landings varied to a snare and floor tom stop after the toms (29 of 515
    # runs over 8 songs, 3 seeds, 3 lengths went back up the kit so)
    n, lo = 6, 16
    loops = groove_loops(n, [(28, LOW_TOM), (30, LOW_TOM)])
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, lo:32] = True
    out = fill_out(loops.copy(), np.arange(n), fill_at, None, Settings(), 0, bpm)
    out = vary_landings(out, np.arange(n), fill_at, None, Settings(), 0, bpm)
    for fill in out[:, lo:32]:
        assert heights(fill) == sorted(heights(fill)), heights(fill)
    heard = [landing_figure(loop, 28, 32) for loop in out]
    assert all(f not in heard[max(0, i - 2):i] for i, f in enumerate(heard)), [f.hex() for f in heard]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_drawn_fill_down_the_kit_repeated_lands_on_down_the_kit(seed):
    # the network's fill already filling its half bar (snare on 3 and its "e", the high tom on its "and", the mid tom
    # on 4, the floor tom on its "and"), kept as drawn, 4 times: its landings, varied as it repeats, had gone back to
    # the snare after the toms
    strokes = [(24, SNARE), (25, SNARE), (26, HIGH_TOM), (28, MID_TOM), (30, LOW_TOM)]
    loops = groove_loops(4, strokes)
    fill_at = np.zeros((4, 32), bool)
    fill_at[:, 24:32] = True
    out = fill_out(loops.copy(), np.arange(4), fill_at, None, Settings(), seed, 120.0)
    assert (out == loops).all()  # a drummer's fill: kept
    out = vary_landings(out, np.arange(4), fill_at, None, Settings(), seed, 120.0)
    heard = [landing_figure(loop, 28, 32) for loop in out]
    assert all(f not in heard[max(0, i - 2):i] for i, f in enumerate(heard)), [f.hex() for f in heard]
    for fill in out[:, 24:32]:
        assert heights(fill) == sorted(heights(fill)), heights(fill)
