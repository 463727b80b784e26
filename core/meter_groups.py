"""How a bar's beats group into loop bars, and where each group has its kick (meter.py lays the loops by them).

Each group of a bar's beats plays one bar of the model's 4/4 loop from its downbeat: four beats play it as it
is, three beats loop beats 1, 2 and 4 (a waltz: kick on 1, the backbeat on 2 and 3), two beats 1 and 2. A long
bar is cut into groups as the part plays it (`bar_groups`: a 5/4 part accenting beats 1 and 3 is 2+3, kick and
the backbeat's "boom chick | boom chick chick"; else 3+2), and each group then keeps its meter's kicks
(`meter_kicks`): a 4/4 loop's kick on 2 or 3 would put one on every beat of a waltz.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .loop import N_VOICES, STEPS, VOICES

if TYPE_CHECKING:
    from .meter import Beat

KICK = VOICES.index("kick")
# Loop beats played by a group of n beats, counted from the group's base beat.
GROUP_BEATS = {1: (0,), 2: (0, 1), 3: (0, 1, 3), 4: (0, 1, 2, 3)}
# Bars of quarter notes whose beats a part may group otherwise than default_groups does (meter_read reads it);
# their GroupedBar groups are these groups of quarters (in 6/4 and x/8 bars, the beats themselves).
QUARTER_GROUPED = (5, 7)
# The groupings of a bar's quarters a part can make heard (the default first, as beat_lengths and default_groups
# lay them): 5/4 and 7/4 in groups of quarters, 6/4 in two dotted halves or three halves (2+2+2: 3/2's beats).
QUARTER_GROUPINGS = {5: ((3, 2), (2, 3)), 6: ((3, 3), (2, 2, 2)), 7: ((4, 3), (3, 4), (2, 2, 3), (3, 2, 2))}
DOTTED = (6, 12)  # a dotted quarter (x/8) or half (6/4): a compound beat (dotted 8ths: 12/16's four, see kick_beats)


def default_groups(count: int) -> list[int]:
    """Beats per group of a bar of `count` beats: 5 = 3 + 2, 6 = 3 + 3, 7 = 4 + 3."""
    if count <= 4:
        return [count]
    if count in (5, 6):
        return [3, count - 3]
    return [4] + default_groups(count - 4)


def bar_groups(bar, count: int) -> list[int]:
    """Beats per group of a window's bar (offset, num, den) of `count` beats: a 5/4 or 7/4 bar's own grouping
    (GroupedBar: 2+3, 3+4, ... as the part accents it), else default_groups'."""
    groups = getattr(bar, "groups", None)
    if groups and bar[2] == 4 and bar[1] in QUARTER_GROUPED and sum(groups) == count:
        return list(groups)
    return default_groups(count)


def kick_beats(group: tuple[Beat, ...]) -> tuple[int, ...]:
    """Indices of the beats of a group (beats that play one loop bar) where the meter has its kick."""
    dotted = group[0].length in DOTTED or all(b.length == 3 for b in group)  # (5/16's 3+2 keeps its two kicks)
    if len(group) == 3 or (dotted and len(group) == 2):
        return (0,)  # a waltz, 3/2, 9/8, 6/8, 6/4: the 1
    if dotted and len(group) == 4:
        return (0, 2)  # 12/8, 12/16: 1 and 3
    return tuple(range(len(group)))  # 2/4, 4/4: the loop's own kick


def beat_groups(beats: tuple[tuple[Beat, ...], ...]) -> list[tuple[Beat, ...]]:
    """The groups of beats that each play one bar of the loop (each starts on a loop bar line)."""
    groups: list[list[Beat]] = []
    for bar in beats:
        for beat in bar:
            if not groups or beat.source % 4 == 0 or beat is bar[0]:
                groups.append([])
            groups[-1].append(beat)
    return [tuple(g) for g in groups]


def meter_kicks(out: np.ndarray, beats: tuple[tuple[Beat, ...], ...]) -> None:
    """Each group's kicks where its meter has them, in place on (N, 32, 27) real-grid loops.

    The beats where the meter has its kick (kick_beats: a waltz's and 6/8's 1, 12/8's 1 and 3) keep the
    kicks on them, the other beats lose theirs (a 4/4 loop's kick on 2 or 3 would put one on every beat
    of a waltz). Between the beats a group keeps as many kicks as it has kick beats, the loudest (a
    waltz's "and" of 1, 2 or 3, 6/8's 2nd, 3rd, 5th or 6th 8th: a drummer's push into the next beat, and
    where the model's takes and seeds differ most); a waltz bar has at most two kicks. A group with no
    kick on its kick beats gets the loudest of its others on its downbeat."""
    cols = [KICK, N_VOICES + KICK, 2 * N_VOICES + KICK]
    for group in beat_groups(beats):
        keep = kick_beats(group)
        if len(keep) == len(group) or group[0].start >= STEPS:
            continue
        steps = np.asarray([s for b in group for s in range(b.start, min(b.start + b.length, STEPS))])
        kick_on = np.isin(steps, [group[i].start for i in keep])
        other_on = np.isin(steps, [b.start for i, b in enumerate(group) if i not in keep])
        vel = out[:, steps, N_VOICES + KICK] * (out[:, steps, KICK] > 0)
        lost = (vel.max(1) > 0) & ~(vel[:, kick_on] > 0).any(1)  # loops whose kick beats have no kick
        if lost.any():
            rows, at = np.flatnonzero(lost), vel[lost].argmax(1)
            down = group[0].start
            out[rows, down, KICK] = 1.0
            out[rows, down, N_VOICES + KICK] = vel[rows, at]
            out[rows, down, 2 * N_VOICES + KICK] = 0.0
            vel[rows, at] = 0.0  # moved: it stays on the downbeat only
        # between the beats: the loudest len(keep) stay (a stable rank, the earlier first on a tie)
        between = np.where(~kick_on & ~other_on, vel, 0.0)
        rank = np.argsort(np.argsort(-between, axis=1, kind="stable"), axis=1, kind="stable")
        drop = ~kick_on[None] & ((between <= 0) | (rank >= len(keep)))
        rows, at = np.nonzero(drop)
        out[rows[:, None], steps[at][:, None], np.asarray(cols)[None]] = 0.0
