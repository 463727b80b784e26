"""A take whose tempo jumps by 3:2 between sections (a verse at 120 BPM, a half-time-feel bridge at 80), said.

At 3:2 the other section's notes sit on the drums' grid (80 BPM's 8ths are 120's dotted 8ths, 135's 8ths are 90's
8th triplets), so the take was read at one tempo with nothing said (core/audio_tempo_jump.py's check looks for notes
off the grid, and takes triplets for a feel): the drums ran at 120 over a section at 80, or at 90 over one at 135.
The bars say it: a section at the drums' tempo repeats every 4 of its beats, and one at 3:2 of it does not, but every
6 (or 8/3) of them instead. Windows of the onset envelope whose autocorrelation shows the other bar and not the
drums' are that section; where they span MIN_JUMP_S and the rest of the take shows the drums' bar, the jump is said.
A take read at the slower tempo whose faster section plays dense 8ths repeats at both bars; there its notes say it
(`triplet_jump`): they sit on the drums' triplets, their louder notes every other triplet (the faster beat), not
every third (a triplet feel at the drums' tempo).
"""

from __future__ import annotations

import numpy as np

from .audio_tempo import _ac_at, autocorr

WINDOW_S = 16.0  # the envelope's windows: 2-4 bars at 60-120 BPM either side
HOP_S = 4.0
OTHER_BAR = 0.3  # a window's autocorrelation at the other bar's lag stands this far over the drums' bar's ...
OWN_BAR_GONE = 0.25  # ... and at the drums' bar under this (steady takes 0.4-0.7; a 5:4 faster section's 0.16-0.25
# with its 3:2 lag only 0.2 over them)
OWN_BAR = 0.35  # the rest of the take repeats at the drums' bar this much (its median window)
MIN_JUMP_S = 18.0  # the other bar over at least this much of the take (a bar or two of hemiola is not a jump)
RATIOS = (1.5, 2.0 / 3.0)  # the other bar's length against the drums' 4 beats: a section at 2/3 and 3/2 of the tempo


def _window_ac(flux: np.ndarray, fps: float, lags: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """(window starts s, autocorrelation at each lag (frames) per window: its peak within 2 frames, audio_tempo._ac_at),
    unbiased, 1 at lag 0."""
    n_win, hop = int(WINDOW_S * fps), int(HOP_S * fps)
    starts, rows = [], []
    for a in range(0, max(len(flux) - n_win, 0) + 1, hop):
        x = flux[a : a + n_win]
        if len(x) < n_win:
            break
        ac = autocorr(x)
        if not ac[0]:  # (a flat stretch)
            continue
        ac = ac * n_win / np.maximum(n_win - np.arange(n_win), 1)
        rows.append([_ac_at(ac, lag) for lag in lags])
        starts.append(a / fps)
    return np.asarray(starts), np.asarray(rows).reshape(len(rows), len(lags))


def bar_jump(flux: np.ndarray, fps: float, bpm: float) -> tuple[float, float, float] | None:
    """(from s, to s, the other section's BPM) where a take read at `bpm` plays a section at 3:2 of it (its bars
    RATIOS of 4 beats long), or None."""
    bar = 4 * 60.0 / bpm * fps
    if len(flux) < (WINDOW_S + 3 * HOP_S) * fps or 2 * bar * max(RATIOS) > WINDOW_S * fps:
        return None
    starts, ac = _window_ac(flux, fps, [bar] + [bar * r for r in RATIOS])
    if len(starts) < 4:
        return None
    own = ac[:, 0]
    for j, r in enumerate(RATIOS, start=1):
        other = (ac[:, j] - own >= OTHER_BAR) & (own < OWN_BAR_GONE)
        if not other.any() or other.all() or float(np.median(own[~other])) < OWN_BAR:
            continue
        lo, hi = float(starts[other].min()), float(starts[other].max() + WINDOW_S)
        hi = len(flux) / fps if other[-1] else min(hi, len(flux) / fps)  # the last window's section runs to the end
        if other.sum() * HOP_S + WINDOW_S - HOP_S >= MIN_JUMP_S:
            return lo, hi, bpm / r
    return None


MIN_ACCENT_OVER = 0.15  # louder every other triplet than every third by this share of the notes' loudness
# (a band section at 3:2 read on the slower grid: 0.2-0.35 over; a triplet feel at the drums' tempo: 0.2-0.3 under)


def triplet_jump(times: np.ndarray, w: np.ndarray, beats: np.ndarray, bpm: float) -> tuple[float, float, float] | None:
    """(from s, to s, the other section's BPM) where a take read at `bpm` (its notes at `times` s, weights `w`, at
    `beats` on the drums' grid) plays a section at 3/2 of it on the grid's triplets, its beats every other triplet."""
    from .audio_feel_change import _accented_every
    from .audio_tempo_jump import FEEL_FIT, ON_GRID, window_fits
    from .audio_tempo_jump import WINDOW_S as NOTES_WINDOW_S

    times, w, beats = (np.asarray(a, np.float64) for a in (times, w, beats))
    starts, off, feel = window_fits(times, w, beats)
    if len(starts) < 3:
        return None
    faster = np.zeros(len(starts), bool)
    for i in np.flatnonzero((off > ON_GRID) & (feel <= FEEL_FIT)):
        m = (times >= starts[i]) & (times < starts[i] + NOTES_WINDOW_S)
        k = np.round(3 * beats[m]).astype(np.int64)
        faster[i] = _accented_every(w[m], k, 2) - _accented_every(w[m], k, 3) >= MIN_ACCENT_OVER
    if not faster.any() or not (off <= ON_GRID).any():
        return None
    lo, hi = float(starts[faster].min()), float(starts[faster].max() + NOTES_WINDOW_S)
    hi = float(times[-1]) if faster[-1] else min(hi, float(times[-1]))  # the last window's section runs to the end
    return (lo, hi, 1.5 * bpm) if hi - lo >= MIN_JUMP_S else None


def bar_jump_note(jump: tuple[float, float, float], bpm: float, mapped: bool, follows: bool = False) -> str:
    """What a user should know about a take whose tempo jumps by 3:2 (`bar_jump`) while the drums keep `bpm` (or
    a tempo map, `mapped`, that misses it, or `follows` it: then its bars are what to check)."""
    lo, hi, other = jump
    if follows:
        return (f"the take's tempo seems to change by 3:2 from about {lo:.0f} s to {hi:.0f} s ({bpm:.0f} -> {other:.0f} "
                f"BPM; the drums' tempo map follows it); if the drums' bars slip there, cut the take where it changes "
                f"and drum each part, or give --bpm")
    kept = "the drums' tempo map misses it" if mapped else f"the drums keep {bpm:.1f} BPM"
    return (f"the take's tempo seems to change by 3:2 from about {lo:.0f} s to {hi:.0f} s ({bpm:.0f} -> {other:.0f} BPM: "
            f"its notes still fit the drums' grid, its bars do not; {kept}); cut the take where it changes and drum each "
            f"part, or give --bpm")
