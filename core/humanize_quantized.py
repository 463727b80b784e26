"""A drummer's touch on the drums of a quantized part: small, seeded variation of timing and velocity, bar to bar.

The network copies each step's timing and touch from the part, so a part entered on the grid at one velocity (a
sequencer's, freedoom's songs) got drums on the grid to the tick, each bar the same to the velocity (freedoom e1m1's
guitar: 0 of 1523 hits off the grid, bars 10-32 one bar played 23 times). `drummer_touch` gives the loops whose hits
all sit on the grid a drummer's spread around each beat (GMD's, below) and a few velocity steps from bar to bar, drawn
from the take's seed and each loop's bar in the song, so one seed writes one file. The downbeats and the backbeat
stay steady (their velocity as played, their timing at half the spread). A loop with timing of its own (the part's,
copied by the network) is left as it is, as are bars other than 4/4 and parts `takes_touch` leaves exact (a drum
part, a swung part, a swing, half time or a genre asked). Plain numpy over HVO-shaped arrays (N, 32, 27).
"""

from __future__ import annotations

import numpy as np

from .limbs import CLOSED_HAT, KICK, SNARE
from .loop import N_VOICES

# GMD's train beats (16,386 windows, fills left out): a voice's hits on the beat lie this far (the median, in steps)
# from its mean timing over the loop: kick 0.060, snare 0.068, closed hat 0.063 (about 8 ms at 120 BPM); the other
# voices at their mean. A normal spread with that median, cut at a quarter step (two neighbouring 16ths stay half
# a step apart at the least, as dynamics.band_timing keeps them).
BEAT_SPREAD = np.full(N_VOICES, 0.064, np.float32)
BEAT_SPREAD[[KICK, SNARE, CLOSED_HAT]] = (0.060, 0.068, 0.063)
TIMING_SD = BEAT_SPREAD / 0.6745  # (a normal's median distance from its mean is 0.6745 sd)
TIMING_CUT = 0.25
# A hit's velocity moves up to this (uniform, either way: 5 of 127): the same cell of two bars then differs by 0.024
# in the median (0.586 of it), GMD's drummers' steadiest cell bar to bar (the snare's backbeat; their hats'
# 0.055-0.063). Bounded, and held under freedoom's held-out songs' velocity MAE (0.1306 -> 0.1314 were their drums
# played through it).
VELOCITY_SWAY = 0.041
STEADY_TIMING = 0.5  # the downbeats' and the backbeat's share of the timing spread (their velocity: none)
ON_GRID = 1e-4  # a loop whose hits' offsets are all within this of 0 (steps) was played from a quantized part
_SALT = 0x70C4


def on_the_grid(loops: np.ndarray) -> np.ndarray:
    """(N,) bool: the loops (N, 32, 27) with hits, every hit's offset 0 (the part's timing had none to copy)."""
    n = N_VOICES
    hits = loops[..., :n] > 0.5
    off = np.abs(np.where(hits, loops[..., 2 * n:], 0.0))
    return np.logical_or.reduce(hits, (1, 2)) & (np.maximum.reduce(off, (1, 2)) <= ON_GRID)


def quantized(grooves: np.ndarray) -> np.ndarray:
    """(N,) bool: the windows of a part's grooves (N, 32, 3: onset, velocity, offset) entered on the grid: each note
    on it (a sparse window too: freedoom e1m1's held guitar chords, bars 34-47, had kept their drums' one bar), a
    window without notes where no window has a note off it (the guitar's rests, bars 29-44, had)."""
    g = np.asarray(grooves, np.float32)
    onsets = g[..., 0] > 0
    timed = np.maximum.reduce(np.abs(np.where(onsets, g[..., 2], 0.0)), 1, initial=0.0) > ON_GRID
    return ~timed & (np.logical_or.reduce(onsets, 1) | ~timed.any())


def takes_touch(settings, swing: float | None, drum_part: bool) -> bool:
    """Whether a part's drums take the touch under `settings`: a band part (a drum part's drums are its drummer's)
    played straight (swing, the part's: None) in the normal feel, with no swing or genre asked. A swing's ratio (a
    swing asked promises it: 58 plays 58) and a genre's idioms laid by rule (jazz's comping under its ceiling, the
    skip note at its share of the ride, latin's clave) are placed exactly, as half time's swung bars are."""
    return not drum_part and swing is None and settings.swing is None and settings.feel == "normal" and \
        not any(w > 0 for w in settings.genre.values())


def _steady(steps: int) -> np.ndarray:
    """(steps, N_VOICES) bool: each bar's downbeat (every voice) and the snare's backbeat (2 and 4)."""
    steady = np.zeros((steps, N_VOICES), bool)
    steady[::16] = True
    steady[4::8, SNARE] = True
    return steady


def drummer_touch(loops: np.ndarray, amount: float, seed=None, bars=None, four_four=None,
                  grooves: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) with those `on_the_grid` given a drummer's touch at `amount` (0: none, 1: GMD's spread):
    each hit's offset moved by a normal draw of its voice's TIMING_SD (at most TIMING_CUT), its velocity by up to
    VELOCITY_SWAY (within 1/127..1), the downbeats' and backbeat's velocity kept and their timing at STEADY_TIMING.
    seed (one or (N,)): the take's (None: 0); bars (N,): each loop's first bar in the song (None: its index), so
    a bar repeated through a song is played a little differently each time, and the same seed the same way.
    four_four (N,) bool: the loops on plain 4/4 bars, the ones touched (None: all): on another meter
    dynamics.meter_accents re-levels a part at one velocity by its fit to ACCENTS, which a sway had broken (6/8's
    downbeat no louder than its beats), and a live 12/8 part's hats had left drumify's. grooves (N, 32, 3): the
    part the loops were played from (None: not known): only the loops of windows `quantized` are touched, so a part
    with timing of its own keeps it.
    `loops` itself where none is on the grid (a part with timing of its own, the common case), else a new array."""
    loops = np.asarray(loops, np.float32)
    if amount <= 0 or len(loops) == 0:
        return loops
    grid = on_the_grid(loops)
    if grooves is not None:
        grid &= quantized(grooves)
    if four_four is not None:
        grid &= np.broadcast_to(np.asarray(four_four, bool), grid.shape)
    if not grid.any():
        return loops
    count, steps, n = len(loops), loops.shape[1], N_VOICES
    seeds = np.broadcast_to(np.asarray(0 if seed is None else seed, np.int64), (count,))
    where = np.arange(count) if bars is None else np.broadcast_to(np.asarray(bars, np.int64), (count,))
    steady = _steady(steps)
    out = loops.copy()
    for i in np.flatnonzero(grid):
        rng = np.random.default_rng((_SALT, int(seeds[i]) & 0xFFFFFFFF, int(where[i]) & 0xFFFFFFFF))
        timing = np.clip(rng.normal(0.0, 1.0, (steps, n)) * TIMING_SD, -TIMING_CUT, TIMING_CUT)
        sway = rng.uniform(-VELOCITY_SWAY, VELOCITY_SWAY, (steps, n))
        timing = np.where(steady, STEADY_TIMING * timing, timing)
        sway = np.where(steady, 0.0, sway)
        hits = out[i, :, :n] > 0.5
        vel = out[i, :, n:2 * n]
        out[i, :, n:2 * n] = np.where(hits, np.clip(vel + amount * sway, 1.0 / 127, 1.0), vel)
        out[i, :, 2 * n:] = np.where(hits, amount * timing, out[i, :, 2 * n:])
    return out


__all__ = ["drummer_touch", "on_the_grid", "takes_touch", "quantized", "BEAT_SPREAD", "VELOCITY_SWAY"]
