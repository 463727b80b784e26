"""--density under latin, reggae and jazz: each genre's rule lays its pattern over the network's draw, so the draw's
density had been laid over: `--genre latin` (or reggae) at --density 0.2, the default and 0.8 played the same 3
kicks, 2.5 rims and 8 hats a bar (reggae: the one drop under 8 hats), and jazz at 0.8 kicked 7 of a bar's 16ths at
65-91 under the ride on every 8th, its skip gone. A drummer asked for busier plays 16th hats over the one drop, a
fuller tumbao under the clave, more comping over a feathered kick with the ride's pattern kept; asked for sparser,
the time on the quarters, the clave or the drop kept."""

from pathlib import Path

import numpy as np
from test_ear_genres_every_bar import song_bars
from test_ear_meter_genres import steps

from reagroove.core.clave import clave
from reagroove.core.comping import comp
from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.one_drop import one_drop_loops
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, RIDE, CRASH = (VOICES.index(v) for v in ("kick", "snare", "closed_hat",
                                                                              "open_hat", "ride", "crash"))
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
DENSITIES = (0.1, None, 0.9)  # sparse, the input's own, busy
DROP = 8  # a 4/4 bar's 3
BEATS = [0, 4, 8, 12]
MIX = {name: np.eye(9, dtype=np.float32)[[GENRES.index(name)]] for name in ("reggae", "latin", "jazz")}


def cells(density) -> np.ndarray | None:
    """A Conditioning's density (hits per cell, one a loop) for the --density asked (None: left to the input)."""
    return None if density is None else np.full(1, Settings(density=density).density_cells, np.float32)


def funk_draw() -> tuple[np.ndarray, np.ndarray]:
    """(loops (1, 32, 27), grooves (1, 32, 3)): a network's draw of 2 bars (the kick on 1, the "a" of 1, 3 and the
    "and" of 3, the snare on 2 and 4, the closed hat on the 8ths) over a bass on the 1, the "and" of 2, 3 and 4."""
    loops = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    for start in (0, 16):
        for voice, on, level in ((KICK, (0, 3, 8, 10), 0.7), (SNARE, (4, 12), 0.8),
                                 (CLOSED_HAT, range(0, 16, 2), 0.6)):
            loops[0, [start + s for s in on], voice] = 1.0
            loops[0, [start + s for s in on], N_VOICES + voice] = level
    grooves = np.zeros((1, 32, 3), np.float32)
    grooves[0, [0, 6, 8, 12, 16, 22, 24, 28], 0] = 1.0
    return loops, grooves


def bar_list(loops) -> list[np.ndarray]:
    return [loops[0, :16], loops[0, 16:]]


def test_reggae_hats_follow_the_density_asked_over_the_one_drop():
    """Reggae's hats: quarters asked sparse, 16ths asked busy, the draw's 8ths left to the input; the one drop (the
    rim and the kick on the 3 alone) at every density."""
    loops, _ = funk_draw()
    played = {d: bar_list(one_drop_loops(loops, MIX["reggae"], np.ones(1, bool), seeds=0, density=cells(d)))
              for d in (0.1, 0.2, None, 0.5, 0.9)}
    hats = {d: per_bar(bars, CLOSED_HAT, OPEN_HAT) for d, bars in played.items()}
    assert hats[0.1] == hats[0.2] == 4 and hats[None] == hats[0.5] == 8 and hats[0.9] == 16, hats
    for bars in played.values():
        for bar in bars:
            assert steps(bar, SNARE) == [DROP] and steps(bar, KICK) == [DROP], (steps(bar, SNARE), steps(bar, KICK))
    # the 16ths between the 8ths under them: the "and"s still the loudest
    busy = played[0.9][0]
    assert bar_levels(busy, range(1, 16, 2)).max() < bar_levels(busy, range(2, 16, 4)).min()


def test_latin_kick_and_time_follow_the_density_asked_under_the_clave():
    """Latin: the fuller tumbao asked busy (the 1 and the "and" of 4 with the "and" of 2 and 4), the time on the
    quarters asked sparse, the clave the same at every density."""
    loops, grooves = funk_draw()
    played = {d: bar_list(clave(loops, grooves, np.ones(1, bool), seeds=0, density=cells(d)))
              for d in (0.1, None, 0.5, 0.9)}
    assert all(set(steps(bar, KICK)) == {0, 6, 12, 14} for bar in played[0.9]), [steps(b, KICK) for b in played[0.9]]
    assert per_bar(played[0.9], KICK) > per_bar(played[None], KICK) == per_bar(played[0.5], KICK)
    time = {d: per_bar(bars, CLOSED_HAT, OPEN_HAT, RIDE) for d, bars in played.items()}
    assert time[0.1] == 4 and time[None] == time[0.9] == 8, time
    claves = {d: [steps(bar, SNARE) for bar in bars] for d, bars in played.items()}
    assert claves[0.1] == claves[None] == claves[0.9], claves


def bars_at(shipped, genre, density):
    settings = Settings(genre={genre: 1.0}) if density is None else Settings(genre={genre: 1.0}, density=density)
    return song_bars(shipped.drumify(read_midi(EXAMPLES / "funk_bass.mid"), settings))


def bar_levels(bar, on) -> np.ndarray:
    on = list(on)
    return bar[on, N_VOICES + CLOSED_HAT]


def per_bar(bars, *voices) -> float:
    return float(np.mean([sum(len(steps(bar, v)) for v in voices) for bar in bars]))


def test_busy_jazz_comps_more_over_a_feathered_kick_and_keeps_the_ride_pattern(shipped):
    """Jazz at --density 0.9: the kick soft on the beats alone (it had kicked 7 of a bar's 16ths at 65-91), the
    ride on the beats and the skip notes (it had ridden every 8th), at least the default's comping."""
    default, busy = (bars_at(shipped, "jazz", d) for d in (None, 0.9))
    for bar in busy:
        assert set(steps(bar, KICK)) <= set(BEATS), steps(bar, KICK)
        assert (bar[bar[:, KICK] > 0.5, N_VOICES + KICK] <= 0.4).all(), bar[:, N_VOICES + KICK]
        assert set(steps(bar, RIDE)) <= {0, 4, 6, 8, 12, 14}, steps(bar, RIDE)
        assert set(BEATS) <= set(steps(bar, RIDE)), steps(bar, RIDE)
    assert per_bar(busy, SNARE) >= per_bar(default, SNARE), (per_bar(busy, SNARE), per_bar(default, SNARE))
    assert per_bar(busy, SNARE) <= 2


def test_jazz_asked_busy_comps_more_over_a_feathered_kick():
    """Jazz asked busy over a draw that rides (the ride on the beats and the skips, the foot on 2 and 4, the kick on 1
    and 3): more comp notes than left to the input, the kick soft on the four beats."""
    loops = np.zeros((1, 32, 3 * N_VOICES), np.float32)
    for start in (0, 16):
        for voice, on, level in ((RIDE, (0, 4, 6, 8, 12, 14), 0.7), (CLOSED_HAT, (4, 12), 0.4), (KICK, (0, 8), 0.6)):
            loops[0, [start + s for s in on], voice] = 1.0
            loops[0, [start + s for s in on], N_VOICES + voice] = level
    grooves = np.zeros((1, 32, 3), np.float32)
    grooves[0, [0, 8, 16, 24], 0] = 1.0
    snares = {}
    for density in (None, 0.5, 0.9):
        out = np.concatenate([comp(loops, grooves, np.ones(1, bool), seeds=seed, counts=np.array([2 * seed]),
                                   density=cells(density)) for seed in range(4)])
        snares[density] = int((out[..., SNARE] > 0.5).sum())
        bars = [loop[b:b + 16] for loop in out for b in (0, 16)]
        soft = density == 0.9
        assert all((steps(bar, KICK) == BEATS) == soft for bar in bars), [steps(bar, KICK) for bar in bars]
        assert all((bar[bar[:, KICK] > 0.5, N_VOICES + KICK] <= 0.4).all() == soft for bar in bars)
        assert all(steps(bar, RIDE) == [0, 4, 6, 8, 12, 14] for bar in bars)
    assert snares[0.9] > snares[None] == snares[0.5], snares
