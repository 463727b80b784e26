"""Thin fills landing at fast tempos, as a drummer's two hands play them there.

By ear over freedoom's d_dm04 (210 BPM) with --genre reggae --fill-every 4bars, the fill bars had lost their
lead-in: 9 of 12 played no snare between the drop and the toms, bar 12 the drop on 3, the floor tom on 4 and floor
and mid together on its "and" (back up the kit), bar 20 the drop, a high tom and the floor tom on 4 alone (a hole
before the crash). A thin reggae fill lands on 3 struck 16ths (fill_landings.thin_meter_fill) and at that tempo
a fill in 8ths lands on 8ths (fill_landings._at_hand_speed): no landing was both, so the network's was kept.
Above fill_runs.EIGHTHS_BPM two hands play 8ths and 16th pairs, no one hand faster than 8ths."""

import numpy as np
import pytest
from test_ear_reggae_fills import CLOSED, CRASH, DRUMS, KICK, REGGAE, SNARE, TOMS, thin_fill_loop

from reagroove.core.fill_landings import landing_figure, vary_landings
from reagroove.core.loop import N_VOICES, STEPS
from reagroove.core.settings import Settings

LOW, MID, HIGH = TOMS
FILLS = 6


def network_fills(last_beats) -> np.ndarray:
    """A one drop whose windows each end in a thin reggae fill: the drop on 3, then `last_beats[k]` (per 16th of
    beat 4, its drum or None) in window k; the crash and kick on the next 1."""
    n = N_VOICES
    out = np.concatenate([thin_fill_loop()[:1]] * len(last_beats) + [thin_fill_loop()[1:]])
    out[:, 26, :] = 0.0  # (no snare between the drop and beat 4)
    out[:, 26, [CLOSED, n + CLOSED]] = (1.0, 0.8)
    for k, beat in enumerate(last_beats):
        out[k, 28:, :] = 0.0
        for t, drum in enumerate(beat):
            if drum is not None:
                out[k, 28 + t, [drum, n + drum]] = (1.0, 0.8)
        out[k + 1, 0, [CRASH, n + CRASH, KICK, n + KICK]] = (1.0, 0.9, 1.0, 0.7)
    return out


def landed(last_beats, bpm: float, seed: int) -> np.ndarray:
    out = network_fills(last_beats)
    fill_at = np.zeros((len(out), STEPS), bool)
    fill_at[:-1, 24:] = True
    return vary_landings(out, np.arange(len(out) - 1), fill_at, None, Settings(genre=REGGAE), seed=seed,
                         bpm=np.full(len(out), bpm))


# the network's thin fills at 210 BPM: floor on 4 and mid on its "and" (back up), the floor tom on 4 alone
BACK_UP, HOLE = (LOW, None, MID, None), (LOW, None, None, None)


@pytest.mark.parametrize("seed", [0, 1, 5])
def test_a_fast_thin_reggae_fill_lands_on_three_16ths_two_hands_play(seed):
    """Every thin fill at 210 BPM lands: its last beat struck on 3 16ths or more from the beat, no more than three
    16ths in a row and none of them both hands at once next to another (no one hand faster than 8ths), the drop
    kept and the kick under the next crash."""
    played = landed([BACK_UP, HOLE] * (FILLS // 2), 210.0, seed)
    for k in range(FILLS):
        hits = played[k, :, :N_VOICES] > 0.5
        beat = hits[28:32][:, DRUMS]
        struck = beat.any(1)
        assert struck.sum() >= 3 and struck[0], (k, played[k, 24:32, :N_VOICES].round(1))
        row = hits[24:32][:, DRUMS].any(1)
        assert "1111" not in "".join("1" if s else "0" for s in row), (k, row)
        for t in np.flatnonzero(hits[24:32][:, DRUMS].sum(1) > 1):
            assert not row[max(t - 1, 0):t + 2].sum() > 1, (k, t, row)
        assert hits[24, KICK] and hits[24, SNARE]
        assert played[k + 1, 0, KICK] > 0.5


def test_fast_thin_fills_land_unlike_the_two_before():
    """Three fast landings for a drummer to vary among: each fill lands unlike the two before it."""
    played = landed([BACK_UP] * FILLS, 210.0, 0)
    figures = [landing_figure(played[k], 28, 32) for k in range(FILLS)]
    assert all(f not in figures[max(0, i - 2):i] for i, f in enumerate(figures)), figures


def test_a_slow_thin_reggae_fill_lands_as_before():
    """Under fill_runs.EIGHTHS_BPM the landings are LANDINGS' alone, as they were (the fast ones not among them)."""
    slow = landed([BACK_UP, HOLE] * (FILLS // 2), 120.0, 0)
    for k in range(FILLS):
        beat = (slow[k, 28:32][:, DRUMS] > 0.5).any(1)
        assert beat.sum() >= 3


def test_a_fast_thin_reggae_fill_leads_in_on_the_snare_and_after_a_tom_goes_on_down():
    """With nothing but the drop before beat 4 the landing leads in on the snare (bar 12 had gone from the drop to
    the floor tom and back up to the mid tom); after a high tom on the "and" of 3 it goes on down the toms (bar 20
    had left the floor tom on 4 alone, a hole before the crash)."""
    n = N_VOICES
    for seed in range(4):
        plain = landed([BACK_UP, HOLE] * (FILLS // 2), 210.0, seed)
        for k in range(FILLS):
            first = np.flatnonzero((plain[k, 28:32][:, DRUMS] > 0.5).any(1))[0]
            assert plain[k, 28 + first, SNARE] > 0.5, (seed, k, plain[k, 24:32, :n].round(1))
        out = network_fills([HOLE] * FILLS)
        out[:-1, 26, [HIGH, n + HIGH]] = (1.0, 0.8)
        fill_at = np.zeros((len(out), STEPS), bool)
        fill_at[:-1, 24:] = True
        toms = vary_landings(out, np.arange(FILLS), fill_at, None, Settings(genre=REGGAE), seed=seed,
                             bpm=np.full(len(out), 210.0))
        down = 0
        for k in range(FILLS):
            beat = toms[k, 28:32][:, DRUMS] > 0.5
            assert beat.any(1).sum() >= 3, (seed, k, toms[k, 24:32, :n].round(1))
            down += not beat[:, 0].any()  # (no snare after the high tom: on down the kit)
        assert down >= FILLS - 1, (seed, down)
