"""Half time: a 4/4 bar played as two half-note beats (Settings.feel "half"; core/feel.py marks the bars).

Each half-note beat plays one loop beat at half speed (meter.py's map for a 3/2 bar's halves: the loop's
16ths on the bar's 8ths), and each bar plays the loop bar's first two beats from its downbeat, so the
kick stays on every bar's 1 and the loop's backbeat (its beat 2) lands on the bar's 3: the trap and
hip-hop half-time feel the network, which learned its backbeat on 2 and 4, does not play at the song's
tempo. What half speed changes beyond that:

- the hats (or ride): the loop's 8ths land on the bar's quarters, where a half-time drummer keeps the
  song's 8ths going over the broad backbeat (its 16ths where the part plays 16ths): `half_time_hats`;
- the accents: GMD's 4/4 accents at half speed (`half_time_accents`), the backbeat loudest on the bar's 3
  and the hats' 8ths softer than its quarters, where a meter's beats would level the bar's 3 with its 8ths;
- the loop beats a bar skips (its beats 3 and 4) lend their off-beat 16ths to the beats it plays, as
  in 6/8 (meter._folds), but not their "and": at half speed it lands on the bar's 2 or 4, where a snare
  is the backbeat half time moves to 3 (`FOLDED_SIXTEENTHS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .dynamics import ACCENTS
from .loop import N_VOICES, STEPS, VOICES

if TYPE_CHECKING:
    from .meter import Beat

# A half-time bar is a GroupedBar (meter.py) of 4/4 whose beats are two halves (these groups of quarters).
HALF_TIME_GROUPS = (2, 2)
HALF_BEAT = 8  # 16th steps of a half-note beat
# The 16ths of a skipped loop beat folded onto a half-time beat: its "e" and "a" (the bar's off-beat 8ths).
FOLDED_SIXTEENTHS = (1, 3)
_TIMEKEEPERS = (VOICES.index("closed_hat"), VOICES.index("ride"))
_TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
_HATS_AND_RIDE = [VOICES.index(v) for v in ("closed_hat", "open_hat", "ride")]


def is_half_time(bar) -> bool:
    """Whether a window's bar (offset, num, den) is a 4/4 bar played in half time (feel.with_feel marks them)."""
    return tuple(bar[1:3]) == (4, 4) and getattr(bar, "groups", None) == HALF_TIME_GROUPS


def half_time_window(bars) -> bool:
    """Whether a window's bars (WindowBars) play in half time."""
    return bars is not None and any(is_half_time(b) for b in bars)


def half_time_hats(out: np.ndarray, flat: list[Beat], every: int) -> list[int]:
    """In place on (N, 32, 27) loops on a half-time window's steps: hats or ride keeping time in a half-note
    beat play every `every` steps of it (2: the bar's 8ths; 1: its 16ths, where the part plays 16ths). At half
    speed the loop's 8th hats land on the bar's quarters and its quarter hats on the half notes, too broad
    under a band at 140. Each stroke added is as soft as the softest of the beat's own. Returns the steps."""
    added = []
    for beat in flat:
        if beat.length != HALF_BEAT or beat.start + HALF_BEAT > STEPS:
            continue
        cells = list(range(beat.start, beat.start + HALF_BEAT))
        for v in _TIMEKEEPERS:
            hit = out[:, cells, v] > 0
            keeps = hit.any(1)
            if not keeps.any():
                continue
            soft = np.where(hit, out[:, cells, N_VOICES + v], np.inf).min(1)
            for step in range(beat.start, beat.start + HALF_BEAT, every):
                add = keeps & ~(out[:, step, v] > 0)
                if add.any():
                    out[add, step, v] = 1.0
                    out[add, step, N_VOICES + v] = soft[add]
                    out[add, step, 2 * N_VOICES + v] = 0.0
                    added.append(step)
    return added


def fill_hands(out: np.ndarray, loops: np.ndarray, flat: list[Beat]) -> None:
    """In place on (N, 32, 27) loops on a half-time window's steps: in a fill (a loop whose toms never share a
    step with the hats or ride), no hat or ride from the first tom of a half-note beat to its end. At half
    speed the 16ths between the fill's toms are the bar's 8ths, and the skipped loop beats' "e" and "a"
    folded onto them had put hat strokes between the toms of a trap fill (low tom, hat, low tom, hat)."""
    tom = (loops[..., _TOMS] > 0.5).any(-1)
    fill = tom.any(-1) & ~(tom & (loops[..., _HATS_AND_RIDE] > 0.5).any(-1)).any(-1)  # (N,)
    if not fill.any():
        return
    for beat in flat:
        if beat.length != HALF_BEAT or beat.start + HALF_BEAT > STEPS:
            continue
        toms = (out[:, beat.start:beat.start + HALF_BEAT][..., _TOMS] > 0.5).any(-1)  # (N, HALF_BEAT)
        for n in np.flatnonzero(fill & toms.any(1)):
            first = beat.start + int(toms[n].argmax())
            for v in _HATS_AND_RIDE:
                out[n, first:beat.start + HALF_BEAT, [v, N_VOICES + v, 2 * N_VOICES + v]] = 0.0


def half_time_accents(profile: np.ndarray, starts) -> None:
    """In place on a window's accent profile (steps, N_VOICES; dynamics.meter_profile): each half-time bar (its
    first step in `starts`) takes GMD's 4/4 accents at half speed, the loop bar's first two beats as it plays
    them: the loop's 16ths on the bar's 8ths (the backbeat on its 3), the bar's own 16ths as soft as an "e"."""
    for start in starts:
        for k in range(min(2 * HALF_BEAT, len(profile) - start)):
            profile[start + k] = ACCENTS[k // 2] if k % 2 == 0 else ACCENTS[1]
