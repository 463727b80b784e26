"""How loud a band part's snares off beats 2 and 4 play where no genre is asked: at drummers' level, by position.

With a genre asked, core/genre_ghosts.py gives its drummers' ghost notes and lone snares a level. With none, the
band network's extra snares kept the level it learned from freedoom's songs, whose drums are sequenced at one
snare velocity (29 of the 108 play a single one; their off-backbeat snares' median is 1.00 of the bar's backbeat):
over freedoom's bands (benchmarks/bench_snare_levels.py) ReaGroove played its "and" of 4 at 0.99 of the backbeat,
its "and" of 3 at 0.87, its "a" of 4 at 0.83. d_e2m5's `---- X--- ---- X-X-` had all 92 such snares at 100 or
more (backbeat 127): a second backbeat, not the pickup a drummer plays there.

GMD's drummers (beats, fills left out; 4/4 bars with the snare on both 2 and 4, genres with a backbeat: latin's
and reggae's left out as genre_ghosts leaves them; 27,199 snares) play a snare off the backbeat at a share of the
same bar's backbeat (the mean of 2 and 4) that depends on where it falls and on whether it is the groove's, played
in the bar before or after it too (the median by 16th; bars with fewer than limbs.BUSY_SNARE of them, 2,466 snares,
"lone", and busier bars; a cell with under 20 snares takes lone's and busy's together):

    16th              1    e    &    a  | 2 |  e    &    a    3    e    &    a  | 4 |  e    &    a
    lone, repeated  .91  .27  .16  .89  |   | .23  .36  .71  .94  .80  .41  .27  |   | .27  .52  .43
    lone, once      .32  .17  .10  .59  |   | .22  .31  .20  .20  .77  .53  .75  |   | .56 1.00  .59
    busy, repeated  .99  .35  .63  .90  |   | .49  .92  .47  .76  .41  .64  .79  |   | .58  .78  .51
    busy, once      .30  .47  .60  .59  |   | .61  .71  .53  .92  .71  .83  .69  |   | .92 1.00  .78

The "and" of 4 played once, a pickup into the next bar, is as loud as the backbeat (1.00; every second bar, a
2-bar phrase's pickup as d_dm08's, 1.00 too); played in bars running, a figure of the groove, it is half of it
(0.52: d_e2m5's `X-X-` in every bar); the 16ths just after the backbeat (the "e" of 2 and 4) are ghost notes in a
groove, the "a" of 1 leading into the backbeat loud. Tempo moves them no clear way (95-115 bpm highest, over 115
lowest); style does (hip-hop's and pop's lower, afro's and jazz's higher): those are genre_ghosts' rules, asked
for by genre. `off_backbeat_levels` caps each such snare at its cell's level of its bar's backbeat, "repeated"
where the loop's other bar (the one before or after it) has a snare on the same 16th: a rule of the loop's own
notes, no draw, so every take, --bars range, variation and REAPER's run agree.

Left as drawn: a bar with no snare on 2 or 4 (nothing to play under; half time moves the loop's backbeat after
this, with the loop), the snare strokes of a tom fill the network draws in a beat (drummap.fill_strokes), and
everything laid by rule later (phrase fills and their flams, caught stops, pickups, a meter's or genre's figure).
"""

from __future__ import annotations

import struct
from itertools import compress

import numpy as np

from .drummap import TOMS, fill_strokes
from .limbs import BUSY_SNARE, SNARE
from .loop import N_VOICES

# the share of its bar's backbeat at which a snare on each 16th of a 4/4 bar plays (1.0 on the backbeat, 2 and 4):
# [busy][repeated] (busy: BUSY_SNARE or more off the backbeat in the bar; repeated: the loop's other bar plays it too)
LEVELS = np.array((((.32, .17, .10, .59, 1, .22, .31, .20, .20, .77, .53, .75, 1, .56, 1.0, .59),  # lone, once
                    (.91, .27, .16, .89, 1, .23, .36, .71, .94, .80, .41, .27, 1, .27, .52, .43)),  # lone, repeated
                   ((.30, .47, .60, .59, 1, .61, .71, .53, .92, .71, .83, .69, 1, .92, 1.0, .78),  # busy, once
                    (.99, .35, .63, .90, 1, .49, .92, .47, .76, .41, .64, .79, 1, .58, .78, .51))),  # busy, repeated
                  np.float32)
BACKBEAT_STEPS = (4, 12)


def off_backbeat_levels(loops: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) with the snares off beats 2 and 4 of the loops `rows` (N,) bool (default all) at most
    their cell's LEVELS (by 16th, busy bar or not, played in the loop's other bar or not) of the mean of the bar's
    backbeat snares; a bar with none, and a tom fill's snare strokes, as drawn. `loops` itself where none moves,
    else a new array. Plain Python over each loop's snare steps: this runs on every band generation (bench_model),
    where array operations on (2, 16) had cost a fifth of a generation's time (a tom fill is looked for only where
    a snare would move)."""
    loops = np.asarray(loops, np.float32)
    chosen = [True] * len(loops) if rows is None else np.asarray(rows, bool).tolist()
    out = loops
    for i, hit in enumerate((loops[:, :, SNARE] > 0.5).tolist()):
        if chosen[i]:
            out = _capped(loops, out, i, hit, None)
    return out


def _capped(loops: np.ndarray, out: np.ndarray, i: int, hit: list, toms: bool | None) -> np.ndarray:
    """`out` (loops itself, or a copy made here the first time a snare moves) with loop i's snares off the backbeat
    capped; hit: its snare hits; toms: whether a tom plays in it (None: read from loops)."""
    vel, caps = None, []
    for b in (0, 16):  # each bar's first step
        offs = [s for s in compress(range(16), hit[b : b + 16]) if s not in BACKBEAT_STEPS]  # its snares off 2, 4
        two, four = hit[b + 4], hit[b + 12]
        if not offs or not (two or four):  # (no backbeat in the bar: nothing to play under)
            continue
        if vel is None:
            vel = loops[i, :, N_VOICES + SNARE].tolist()  # (float32 values, exactly)
        # the backbeat's mean as the float32 sum it was measured as
        if two and four:
            backbeat = _float32_sum(vel[b + 4], vel[b + 12]) / 2
        else:
            backbeat = vel[b + (4 if two else 12)]
        levels, other = _LEVELS[len(offs) >= BUSY_SNARE], 16 - b  # (busy or not; the other bar's first step)
        for s in offs:
            cap = levels[hit[other + s]][s] * backbeat
            if cap < vel[b + s]:
                caps.append((b + s, cap))
    if not caps:
        return out
    if toms is None:
        toms = np.fmax.reduce(loops[i, :, _TOMS], None) > 0.5  # (a tom in the loop: fmax skips a NaN as > does)
    fill = fill_strokes(loops[i, :, :N_VOICES] > 0.5)[:, SNARE].tolist() if toms else None
    for k, cap in caps:
        if fill is None or not fill[k]:
            if out is loops:
                out = loops.copy()
            out[i, k, N_VOICES + SNARE] = cap
    return out


def _float32_sum(a: float, b: float) -> float:
    """The float32 sum of two float32 values (Python floats), as np.float32(a) + np.float32(b) gives it without numpy's
    scalars: their double sum rounded to float32 is the float32 sum exactly (53 bits >= 2 x 24 + 2)."""
    try:
        return _F32.unpack(_F32.pack(a + b))[0]
    except OverflowError:  # (beyond float32's range: inf, as numpy's)
        return float(np.float32(a) + np.float32(b))


_F32 = struct.Struct("f")
_LEVELS = LEVELS.tolist()  # (Python floats, the float32 values exactly)
_TOMS = slice(TOMS[0], TOMS[-1] + 1)  # (a view)
assert TOMS == list(range(TOMS[0], TOMS[-1] + 1))
