"""Fills outside 4/4 and in half time played as a drummer's run into the next downbeat (core/fill_meters.py,
core/half_time_fills.py), not a few lone strokes.

By ear, before: over a 3/4 + 5/8 band (freedoom e4m4, bar 68) the 5/8 bar's fill was two floor-tom strokes over its
last three 8ths, "6--- 8-"; over a 3/4 guitar at 193 BPM (--genre rock --fill-every 4bars) a lone floor tom on 2,
then the mid tom and the floor tom back up; over a bass at 70 BPM with --feel half --fill-every 4bars two floor-tom
strokes on 4 and its "and" after the backbeat. A drummer plays a run (16ths, or 8ths and two hands' 16th pairs
where the tempo is fast) down the toms or the snare, over the bar's last beats into the crash.

Live, a session plays each loop in a call of its own: its 6/8 and 7/8 fills had all been drawn as a part's first (the
stand-in's fill toms from 2.75 of the bar where drumify's ran from 2.5); they follow the fills heard before them."""

from pathlib import Path

import numpy as np
import pytest

from test_live_phrases import drumified, played, voice_beats

from reagroove.core import read_midi
from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT, VOICES
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
CRASH, CLOSED_HAT = VOICES.index("crash"), VOICES.index("closed_hat")
DRUMS = SNARE, LOW, MID, HIGH = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]
EIGHTH = STEPS_PER_BEAT // 2
SWUNG_EIGHTH = EIGHTH + 1  # a shuffle's 8th, its "and" on the beat's last triplet: 2.67 16ths, on the grid 3
FEWEST = 3  # strokes a fill's run strikes at the least
# The steps a fill takes at the end of its bar (--fill-length half, the default): a 3/4 bar's last two beats, a 5/8
# bar's last group of three 8ths (2+3), a half-time bar's 3 and 4 at the song's speed
FILL_STEPS = {(3, 4): 2 * STEPS_PER_BEAT, (5, 8): 3 * EIGHTH, "half": 2 * STEPS_PER_BEAT}


def phrase_fills(result, length: int | None = None) -> list[list[int]]:
    """Per bar that ends a phrase (the next window opening on a crash), the steps of its fill (the bar's last
    `length` steps, None: FILL_STEPS by its meter) its snare and toms strike."""
    out = []
    for w in range(len(result.loops) - 1):
        bars = result.meters[w]
        if bars is None or result.loops[w + 1, 0, CRASH] <= 0.5:
            continue
        offset, num, den = bars[-1][:3]
        end = round(offset * STEPS_PER_BEAT) + num * 16 // den
        span = length or FILL_STEPS[num, den]
        hit = (result.loops[w, end - span:end][:, DRUMS] > 0.5).any(1)
        out.append(np.flatnonzero(hit).tolist() + [span])
    assert out, "no phrase ends"
    return out


def assert_a_run(fills: list[list[int]]) -> None:
    """Each fill a run into the next downbeat: FEWEST strokes at the least, from its first 8th to its last, no
    stroke alone (a swung 8th at the most between two)."""
    for *steps, span in fills:
        assert len(steps) >= FEWEST, fills
        assert steps[0] < EIGHTH and steps[-1] >= span - EIGHTH, fills
        assert max(np.diff(steps)) <= SWUNG_EIGHTH, fills


def three_four(make_midi, bpm: float) -> object:
    """8 bars of a 3/4 guitar: a low note on each 1, chords on the other 8ths."""
    notes = [(3.0 * bar + 0.5 * k, 40 if k == 0 else 52, 100 if k == 0 else 70, 0)
             for bar in range(8) for k in range(6)]
    return read_midi(make_midi(notes, tempos=[(0, bpm)], time_signatures=[(0, 3, 4)], length=0.2))


def five_eight(make_midi) -> object:
    """8 bars of a 5/8 bass at 112 BPM, grouped 2+3: a note on each group's first 8th, lighter ones between."""
    notes = [(2.5 * bar + 0.5 * k, 40 if k in (0, 2) else 47, 100 if k in (0, 2) else 70, 0)
             for bar in range(8) for k in range(5)]
    return read_midi(make_midi(notes, tempos=[(0, 112.0)], time_signatures=[(0, 5, 8)], length=0.2))


def sixteenths_bass(make_midi) -> object:
    """8 bars of a 4/4 bass at 70 BPM in 16ths, the beats accented."""
    notes = [(0.25 * k, 40 if k % 8 == 0 else 47, 100 if k % 4 == 0 else 60, 0) for k in range(8 * 16)]
    return read_midi(make_midi(notes, tempos=[(0, 70.0)], length=0.2))


@pytest.mark.parametrize("bpm", [120.0, 193.0])
@pytest.mark.parametrize("seed", [0, 1])
def test_a_3_4_fill_is_a_run_into_the_downbeat(shipped, make_midi, bpm, seed):
    result = shipped.drumify(three_four(make_midi, bpm), Settings(fill_every=2, genre={"rock": 1.0}, seed=seed))
    assert_a_run(phrase_fills(result))


@pytest.mark.parametrize("seed", [0, 1])
def test_a_5_8_fill_is_a_run_over_its_last_three_eighths(shipped, make_midi, seed):
    result = shipped.drumify(five_eight(make_midi), Settings(fill_every=2, seed=seed))
    fills = phrase_fills(result)
    assert_a_run(fills)
    # (at 112 BPM one beat's fill, three 8ths, is a 16th run: no 8th left empty between its strokes)
    for *steps, span in fills:
        assert len(steps) >= span - 1, fills


@pytest.mark.parametrize("song", ["sixteenths_bass", "funk_bass.mid", "shuffle_blues.mid"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_half_time_fill_is_a_run_over_3_and_4(shipped, make_midi, song, seed):
    part = sixteenths_bass(make_midi) if song == "sixteenths_bass" else read_midi(EXAMPLES / song)
    result = shipped.drumify(part, Settings(feel="half", fill_every=2, seed=seed))
    assert_a_run(phrase_fills(result, FILL_STEPS["half"]))


@pytest.mark.parametrize("genre", ["rock", "hiphop"])
def test_a_half_time_fill_is_kept_where_it_fills_its_length_and_run_where_thin(genre):
    from reagroove.core.feel import with_feel
    from reagroove.core.fill_runs import fill_out

    # hats on the 8ths, then a 16th run over 3 and 4 down the kit: snare, high, mid and floor tom
    loops = np.zeros((2, 32, 3 * N_VOICES), np.float32)
    for t in range(0, 24, 2):
        loops[:, t, [CLOSED_HAT, N_VOICES + CLOSED_HAT]] = (1.0, 0.6)
    for t, v in zip(range(24, 32), [SNARE, SNARE, HIGH, HIGH, MID, MID, LOW, LOW]):
        loops[:, t, [v, N_VOICES + v]] = (1.0, 0.7 + 0.02 * (t - 24))
    fill_at = np.zeros((2, 32), bool)
    fill_at[:, 24:] = True
    halves = with_feel(None, "half", 2)[0]
    laid = fill_out(loops.copy(), np.arange(2), fill_at, halves, Settings(genre={genre: 1.0}), bpm=90.0)
    assert np.array_equal(laid, loops)
    # (and a thin one, the floor tom on 4 and its "and", is run)
    loops[:, 24:32, :] = 0.0
    loops[:, [28, 30], LOW] = 1.0
    loops[:, [28, 30], N_VOICES + LOW] = 0.8
    laid = fill_out(loops.copy(), np.arange(2), fill_at, halves, Settings(genre={genre: 1.0}), bpm=90.0)
    assert (laid[:, 24:32][..., DRUMS] > 0.5).any(-1).sum(1).min() >= FEWEST


def drumified_hands(settings, meter, bars: int) -> dict[int, list[float]]:
    """{drum: [beats]} the snare and toms drumify plays (the stand-in model) over `bars` bars of (num, den)."""
    return drumified(settings, meter, bars, DRUMS)


@pytest.mark.parametrize("every", ["bar", "beat"])
# the session's meter as `reagroove live --beats-per-bar` (3.5: 7/8) or REAPER give it
@pytest.mark.parametrize("meter, given", [((6, 8), (6, 8)), ((7, 8), 3.5)])
@pytest.mark.parametrize("settings", [Settings(fill_every=1, opening_crash=False),
                                      Settings(fill_bars=(2, 3, 7), fill_length="beat", opening_crash=False)])
def test_live_fills_in_6_8_and_7_8_are_drumifys_runs(settings, meter, given, every):
    bar = meter[0] * 4 / meter[1]
    want = drumified_hands(settings, meter, 12)
    beats, rows = played(settings, 12, range(1, 13), given, regenerate=every)  # every: a loop made each bar or beat
    # (from bar 2: live's drums come in once the player is heard)
    for v in DRUMS:
        assert [b for b in voice_beats(beats, rows, v) if b >= bar] == [b for b in want[v] if b >= bar], VOICES[v]
    # (each fill drawn after the fills before it: they are not one run over and over)
    fills = {}
    for v in DRUMS[1:]:
        for b in voice_beats(beats, rows, v):
            fills.setdefault(int(b // bar + 1e-9), set()).add((round(b % bar, 2), v))
    assert len(fills) > 2 and len({frozenset(f) for f in fills.values()}) > 1, fills
