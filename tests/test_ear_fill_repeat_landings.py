"""A drummer does not play one small fill every 2 or 4 bars: the network's commonest fill, the floor tom alone on 4
and its "and" (or floor-tom 8ths into it), lands another way where it would land as one of the two fills before it,
as any other fill does (fill_landings.vary_landings). It had been taken for a roll running through its last beat
and played as drawn: in 3 of 9 live sessions of 32 bars (3 riffs x 3 seeds, --fill-every 2) every fill was that
figure, 32% of the live fills landing as the one before. A real roll through the beat (16ths on one drum from before
it, or a drum on each 16th of it) is still played as it is."""

import numpy as np
import pytest
from conftest import build_midi
from test_ear_fill_landings import as_the_network_draws, landings
from test_live_fill_landings import as_drawn, figures, heard_live

from reagroove.core import read_midi
from reagroove.core.fill_landings import DRUMS, SMALL_LANDING, Landed, landing_figure, vary_landings
from reagroove.core.limbs import CLOSED_HAT, HANDS, KICK
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

SNARE, LOW, MID, HIGH = DRUMS


def groove_with_fill(strokes) -> np.ndarray:
    """A 4/4 loop (32, 27): kick on 1 and 3, snare on 2 and 4, hat 8ths, then in its second bar's last half (steps
    24..32, the fill's) only `strokes`: (step, voice) pairs."""
    loop = np.zeros((32, 3 * N_VOICES), np.float32)
    for t in range(0, 24, 2):
        loop[t, [CLOSED_HAT, N_VOICES + CLOSED_HAT]] = (1.0, 0.5)
    for t, v in [(0, KICK), (8, KICK), (16, KICK), (4, SNARE), (12, SNARE), (20, SNARE), *strokes]:
        loop[t, [v, N_VOICES + v]] = (1.0, 0.8 if v in DRUMS else 0.7)
    return loop


def repeated(strokes, n: int, seed: int = 0, before: Landed | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(the loops as drawn, as landed): n windows, each ending in the same fill, at 110 BPM."""
    drawn = np.stack([groove_with_fill(strokes) for _ in range(n)])
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 24:32] = True
    landed = vary_landings(drawn.copy(), np.arange(n), fill_at, None, Settings(seed=seed), seed, 110.0,
                           before=before)
    return drawn, landed


FLOOR_TOM_ON_4_AND_ITS_AND = [(28, LOW), (30, LOW)]
FLOOR_TOM_8THS_FROM_3 = [(24, LOW), (26, LOW), (28, LOW), (30, LOW)]
FLOOR_TOM_LANDING = landing_figure(groove_with_fill(FLOOR_TOM_ON_4_AND_ITS_AND), 28, 32)  # how both land


@pytest.mark.parametrize("strokes", [FLOOR_TOM_ON_4_AND_ITS_AND, FLOOR_TOM_8THS_FROM_3])
@pytest.mark.parametrize("seed", [0, 3])
def test_a_few_floor_tom_strokes_into_the_crash_land_another_way_when_they_repeat(strokes, seed):
    drawn, landed = repeated(strokes, 6, seed)
    assert landing_figure(drawn[0], 28, 32) == FLOOR_TOM_LANDING
    heard = [landing_figure(loop, 28, 32) for loop in landed]
    assert heard[0] == FLOOR_TOM_LANDING  # the first fill lands as drawn
    assert all(f not in heard[max(0, i - 2):i] for i, f in enumerate(heard)), [f.hex() for f in heard]
    assert len(set(heard)) >= 3
    for loop, plain in zip(landed[1:], drawn[1:]):
        assert (loop[:28] == plain[:28]).all()  # the groove and the fill's earlier beat as drawn
        beat = loop[28:32]
        # as small as the network's own (a phrase fill is not made bigger), two hands, climbing into the crash
        assert 1 <= int((beat[:, DRUMS] > 0.5).sum()) <= SMALL_LANDING
        assert (np.add.reduce(beat[:, HANDS] > 0.5, 1) <= 2).all()
        loudness = [float(beat[t, N_VOICES:2 * N_VOICES][DRUMS][beat[t, DRUMS] > 0.5].max())
                    for t in range(4) if (beat[t, DRUMS] > 0.5).any()]
        assert loudness == sorted(loudness)


def test_a_live_sessions_repeated_floor_tom_fill_lands_unlike_the_last_ones_heard():
    # a live session lands each loop's fill in a call of its own, remembering the last ones heard (Landed)
    before = Landed()
    heard = [landing_figure(repeated(FLOOR_TOM_ON_4_AND_ITS_AND, 1, 0, before)[1][0], 28, 32) for _ in range(4)]
    assert heard[0] == FLOOR_TOM_LANDING
    assert all(f not in heard[max(0, i - 2):i] for i, f in enumerate(heard)), [f.hex() for f in heard]


@pytest.mark.parametrize("strokes", [
    [(24, LOW), (26, LOW), (27, LOW), (28, LOW), (30, LOW)],  # floor tom 3, &, a, 4, &: 16ths and 8ths
    [(24, MID), (25, MID), (26, MID), (28, MID), (30, MID), (31, MID)],  # a mid-tom roll into the crash
    [(24, SNARE), (26, SNARE), (28, HIGH), (29, HIGH), (30, MID), (31, LOW)],  # 16ths down the toms on 4
])
def test_a_roll_through_the_last_beat_is_played_as_it_is_however_often_it_repeats(strokes):
    drawn, landed = repeated(strokes, 4)
    assert (landed == drawn).all()


def test_a_live_session_whose_network_draws_the_floor_tom_fill_every_time_varies_how_it_lands(shipped, monkeypatch):
    # the pop line at 110 BPM, seed 1, a fill every 4 bars: the network's fill is the floor tom on 4 and its "and"
    # each time (all 8 of 32 bars), each had been played as drawn
    settings = Settings(fill_every=2, seed=1)
    fill_bars = [4, 8, 12, 16]
    landed_rows = heard_live(shipped, settings, 16)
    landed = figures(landed_rows, fill_bars)
    as_drawn(monkeypatch)
    as_the_network_draws(monkeypatch)  # (the network's thin fill is played as a run since fill_runs.py)
    plain_rows = heard_live(shipped, settings, 16)
    assert figures(plain_rows, fill_bars) == [FLOOR_TOM_LANDING] * 4
    assert all(f not in landed[max(0, i - 2):i] for i, f in enumerate(landed)), [f.hex() for f in landed]
    changed = np.flatnonzero((landed_rows != plain_rows).any(1))  # only the fills: the bars' last half
    assert len(changed) and all(any(16 * bar - 8 <= t < 16 * bar for bar in fill_bars) for t in changed)


RIFFS = {  # (beat, pitch, velocity) of a bar
    "rock": [(0, 40, 110), (1, 40, 90), (1.5, 40, 80), (2, 43, 105), (3, 45, 90), (3.5, 47, 80)],
    "funk": [(0, 36, 110), (0.75, 36, 80), (1.5, 43, 90), (2, 36, 105), (2.5, 38, 70), (3.25, 41, 85), (3.5, 43, 95)],
}


@pytest.mark.parametrize("riff", sorted(RIFFS))
def test_drumifys_fills_every_2_bars_each_land_unlike_the_two_before(shipped, tmp_path, monkeypatch, riff):
    # 16 bars at 110 BPM, a fill every 2 bars, seeds 0-3: the network lands most fills on the floor tom on 4 and its
    # "and" (38 of 52); where those two strokes were the whole fill they were played as drawn, landing as one of the
    # two fills before them at seed 2 of both riffs
    notes = [(4 * bar + b, p, v, 0) for bar in range(16) for b, p, v in RIFFS[riff]]
    song = read_midi(build_midi(tmp_path / f"{riff}.mid", notes, tempos=((0, 110.0),), length=0.4))
    fill_bars = list(range(2, 16, 2))
    parts = [shipped.drumify(song, Settings(fill_every=1, seed=seed)) for seed in range(4)]
    for result in parts:
        heard = [fig for _, fig in landings(result, result.loops, fill_bars)]
        assert all(f not in heard[max(0, i - 2):i] for i, f in enumerate(heard)), [f.hex() for f in heard]
    as_the_network_draws(monkeypatch)  # (its thin fills are played as runs since fill_runs.py)
    drawn = [fig for seed in range(4) for result in [shipped.drumify(song, Settings(fill_every=1, seed=seed))]
             for _, fig in landings(result, result.loops, fill_bars)]
    assert 2 * drawn.count(FLOOR_TOM_LANDING) >= len(drawn)  # the network's commonest landing
