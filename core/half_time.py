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
  is the backbeat half time moves to 3 (`FOLDED_SIXTEENTHS`);
- the fills: a drummer in half time fills at the song's speed, its 16ths the song's, so a phrase's fill
  counts the bar's quarters (`song_quarters`: `beat` its 4, after the backbeat on 3; `half` its 3 and 4)
  and is laid one to one onto the bar's steps over the half-time beat (`lay_fills`); at half speed a
  fill's 16ths had been the bar's 8ths, a few tom strokes over its last half note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .dynamics import ACCENTS
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES, runs

if TYPE_CHECKING:
    from .meter import Beat

# A half-time bar is a GroupedBar (meter.py) of 4/4 whose beats are two halves (these groups of quarters).
HALF_TIME_GROUPS = (2, 2)
HALF_BEAT = 8  # 16th steps of a half-note beat
# The 16ths of a skipped loop beat folded onto a half-time beat: its "e" and "a" (the bar's off-beat 8ths).
FOLDED_SIXTEENTHS = (1, 3)
_TIMEKEEPERS = (VOICES.index("closed_hat"), VOICES.index("ride"))


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


def half_time_accents(profile: np.ndarray, starts) -> None:
    """In place on a window's accent profile (steps, N_VOICES; dynamics.meter_profile): each half-time bar (its
    first step in `starts`) takes GMD's 4/4 accents at half speed, the loop bar's first two beats as it plays
    them: the loop's 16ths on the bar's 8ths (the backbeat on its 3), the bar's own 16ths as soft as an "e"."""
    for start in starts:
        for k in range(min(2 * HALF_BEAT, len(profile) - start)):
            profile[start + k] = ACCENTS[k // 2] if k % 2 == 0 else ACCENTS[1]


def song_quarters(bar, beats: tuple[Beat, ...]) -> tuple[Beat, ...]:
    """The beats phrases count in a window's bar (offset, num, den) playing `beats`: a half-time bar's four quarters,
    each standing for the loop beat on its own steps (its fill is played at the song's speed: `lay_fills`), where
    its half-note beats had made a `beat` fill its last half note; any other bar's own beats."""
    if not is_half_time(bar) or not beats:
        return beats
    from .meter import Beat  # (meter.py lays half-time bars with this module)

    start = beats[0].start
    return tuple(Beat(start + STEPS_PER_BEAT * i, STEPS_PER_BEAT, start // STEPS_PER_BEAT + i) for i in range(4))


def half_time_steps(meters, n: int) -> np.ndarray:
    """(n, 32) bool: the real steps of each window's half-time bars (meters: one WindowBars or None per window;
    None: none), where its fills are laid at the song's speed (`lay_fills`)."""
    out = np.zeros((n, STEPS), bool)
    for w in range(n if meters is not None else 0):
        for bar in meters[w] or ():
            if is_half_time(bar):
                start = round(bar[0] * STEPS_PER_BEAT)
                out[w, start:start + 4 * STEPS_PER_BEAT] = True
    return out


def lay_fills(out: np.ndarray, fill_loops: np.ndarray, fills: np.ndarray, fill_at: np.ndarray) -> None:
    """In place on a part's (W, 32, 27) loops on their bars: the fill in each half-time bar of the fill windows
    (fill_loops[k] for window fills[k]; fill_at: its steps in half-time bars (`half_time_steps`), the bar's own
    quarters: `song_quarters`) laid one to one
    onto the bar's steps as fills.fill_part lays a 4/4 fill, over the half-time beat played up to it (the backbeat
    on 3 before a fill on 4). The engine lays the other bars' fills in the loop's frame."""
    from .fills import fill_part  # (fills.py reads phrases.py, which reads this module)

    for k, w in enumerate(np.asarray(fills).tolist()):
        for lo, hi in runs(fill_at[w]):
            out[w, lo:hi] = fill_part(fill_loops[k], hi - lo, out[w, lo:hi])
