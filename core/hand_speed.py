"""How fast one hand plays: the hi-hat's and the ride's 16ths at a fast tempo, and two hands' strokes there.

The network knows no tempo. Given a part in 16ths it plays them on the hi-hat at any tempo: a guitar's 16th
chug at 160 BPM got a hat on every 16th, with the snare's backbeat in the other hand, one hand at 10.7 strokes a
second. GMD's drummers (train and validation, 4/4, by 10-BPM band of their takes' tempo) play a hat or ride run
of 6 or more 16ths in 22.5% of bars at 130-139 BPM, 1.4% at 140-149 and none from 150; a run of 3 or more in
16% of bars at 140-179 BPM and 0.2% from 180. So from FAST_BPM a hand's run of 16ths on one of them is kept to
LONGEST_RUN: a run any longer plays its 8ths (the even steps of the real grid, whose bars are whole 8ths). From
150, not 140: the held-out freedoom songs' programmed drums do run 16ths at 140-149 BPM (validation F1 0.5899
as the network plays them, 0.5824 thinned from 140, 0.5889 from 150).

Above ONE_HAND_BPM every stroke also needs a hand (`two_hands`): a 16th there is faster than one hand keeps up
(11 strokes a second), so no hand plays three 16ths in a row (a pair is one wrist motion and its rebound). The
hat or ride is the time-keeping hand's, the snare, toms and crash the other's; either hand plays the other's
voice only where that hand's own voices play nowhere on the 16ths about it (both hands on a run of hats, or on a
fill's roll), not on a run the snare, toms or crash touch: that hand is busy beside it, so such a run of 3 or more
plays its 8ths (`lone_hand_runs`). At 174 BPM a drum-and-bass loop ran three hat 16ths from the backbeat, the other
hand on the snare. The hands play on from one window into the next where it follows (`across_joins`): windows
thinned alone had left 10 such runs across their edges over the 14 freedoom songs above 165 BPM (disco's; none left).
What two hands cannot play goes, kept in this order: the beats' and 8ths' strokes, accents on 16ths, ghost notes
(on 8ths, then on 16ths), the time-keeper's 16ths. GMD's drummers (4/4 beats) play a hat or ride 16th beside a
step where both hands play in 10% of bars at 120-139 BPM, 5% at 140-149 and 3% at 150-159; the held-out songs'
and GMD test's figures do not move (no window at their own tempo changes but one). Plain numpy over loops
(N, T, 27) on their real grid.
"""

from __future__ import annotations

import numpy as np

from .limbs import CLOSED_HAT, HANDS, OPEN_HAT, RIDE, SNARE
from .loop import N_VOICES, runs

FAST_BPM = 150.0  # from this tempo a hand's run of 16ths is kept short
FASTEST_BPM = 180.0  # and from this one, to a pair
LONGEST_RUN = {FAST_BPM: 4, FASTEST_BPM: 2}
LINES = ((CLOSED_HAT, OPEN_HAT), (RIDE,))  # the hand's time-keepers: the hat's two voices are one line
# The most strokes a second one hand keeps up: its 16ths at 165 BPM. Faster (a 16th under 91 ms), no hand plays
# three 16ths in a row (two_hands).
ONE_HAND_STROKES = 11.0
ONE_HAND_BPM = 15.0 * ONE_HAND_STROKES
TIME_KEEPERS = (CLOSED_HAT, OPEN_HAT, RIDE)  # the time-keeping hand's voices
# the last 16ths of a loop the next one is played after (half a 4/4 bar): a run of up to 4 16ths (FAST_BPM's
# longest) crossing a join, and the stroke before it, are heard whole
JOIN_STEPS = 8
# a snare or tom under this share of the loop's loudest snare is a ghost note (limbs.ghost_snares: at most 0.45)
GHOST_SHARE = 0.6


def longest_run(bpm: float) -> int | None:
    """The most 16ths in a row one hand plays on a time-keeper at `bpm`; None: as many as the music asks."""
    limits = [n for fast, n in LONGEST_RUN.items() if bpm >= fast]
    return min(limits) if limits else None


def at_tempo(loops: np.ndarray, bpm, follows=None) -> tuple[np.ndarray, bool]:
    """(loops, thinned): loops (N, T, 27) with each hat or ride run of 16ths longer than longest_run(bpm)
    played as its 8ths (the 16ths between them left out) and, above ONE_HAND_BPM, what two hands cannot play
    left out (two_hands); bpm: one for all loops or one per loop (N,), None: no tempo known. follows: (N,) int,
    for each loop the real steps of the loop before it (loop n - 1) where it starts right where that one ends,
    0 where it does not (the first, one after a gap; None: none does): the hands play on across the join
    (`across_joins`). The loops themselves where nothing is too fast."""
    if bpm is None:
        return loops, False
    out, thinned = _alone_at_tempo(loops, bpm)
    if follows is None:
        return out, thinned
    out, joined = across_joins(out, bpm, follows)
    return out, thinned or joined


def _alone_at_tempo(loops: np.ndarray, bpm) -> tuple[np.ndarray, bool]:
    """at_tempo on each loop alone."""
    bpm = np.broadcast_to(np.asarray(bpm, np.float64), (len(loops),))
    most = np.array([longest_run(b) or 0 for b in bpm.tolist()])
    fast = np.flatnonzero(most > 0)
    if not len(fast):
        return loops, False
    hits = np.asarray(loops)[fast, :, :N_VOICES] > 0.5
    odd = np.arange(hits.shape[1]) % 2 == 1
    drop = np.zeros(hits.shape, bool)
    keeping = np.zeros(hits.shape[:2], bool)
    for voices in LINES:
        line = np.logical_or.reduce(hits[..., voices], -1)
        thinned = (_run_lengths(line) > most[fast][:, None]) & odd
        drop[..., voices] = thinned[..., None] & hits[..., voices]
        keeping |= line & ~thinned
    # the snare's 16ths with a time-keeper played beside them: the other hand is on the hat or ride, so the
    # snare's hand alone plays the run (a density's ghost figure ran 4 16ths on beat 4 at 180 BPM)
    snare = hits[..., SNARE]
    thinned = (_run_lengths(snare) > most[fast][:, None]) & odd
    if thinned.any():  # (most loops have no snare run that long: no look at what plays beside one)
        drop[..., SNARE] = thinned & _run_kept(snare, keeping)
    # what is left, played by two hands: above ONE_HAND_BPM no hand plays three 16ths in a row
    hands = bpm[fast] > ONE_HAND_BPM
    if hands.any():
        played = np.asarray(loops)[fast[hands]]
        drop[hands] |= two_hands(hits[hands] & ~drop[hands], played[..., N_VOICES:2 * N_VOICES])
    if not drop.any():
        return loops, False
    out = np.array(loops, copy=True)
    cells = np.concatenate([drop] * 3, -1)  # a hit's velocity and offset go with it
    out[fast] = np.where(cells, 0.0, out[fast])
    return out, True


def across_joins(loops: np.ndarray, bpm, follows) -> tuple[np.ndarray, bool]:
    """(loops, thinned): loops (N, T, 27), each played alone at its tempo (at_tempo), with what the hands cannot
    play across a join left out: a loop's first steps played after the last JOIN_STEPS of the loop before it
    (follows: at_tempo's), the rules laid on the two together, what goes on either side left out, the later
    loop's tempo. Each 2-bar window had been thinned alone: over freedoom's d_map07 at 167 BPM asked for disco, a
    ghost snare on the "a" of 4 ending one window and the hats' "1 e &" opening the next had stayed (bars 3, 15, 43
    and 69), the one hand on three 16ths with the other hand's snare just before them. The loop before stays as it
    is but for its last JOIN_STEPS (a window shorter than that is read as far as it goes)."""
    follows = np.asarray(follows, np.int64)
    tempo = np.broadcast_to(np.asarray(bpm, np.float64), (len(loops),))
    fast = np.array([longest_run(b) is not None for b in tempo.tolist()], bool)
    # (an odd span would put the loop before's 8ths on the join's 16ths: 7/16's bars; none joined)
    joins = [n for n in range(1, len(loops)) if 0 < follows[n] <= loops.shape[1] and follows[n] % 2 == 0
             and fast[n] and fast[n - 1]]
    if not joins:
        return loops, False
    lead = [min(JOIN_STEPS, int(follows[n]), loops.shape[1]) for n in joins]
    width = max(lead)
    rows = np.zeros((len(joins), width + loops.shape[1], loops.shape[2]), np.asarray(loops).dtype)
    for r, (n, k) in enumerate(zip(joins, lead)):  # (a shorter lead: silence before it)
        end = int(follows[n])
        rows[r, width - k:width] = loops[n - 1, end - k:end]
        rows[r, width:] = loops[n]
    played, thinned = _alone_at_tempo(rows, tempo[joins])
    if not thinned:
        return loops, False
    dropped = (rows[..., :N_VOICES] > 0.5) & ~(played[..., :N_VOICES] > 0.5)
    if not dropped.any():
        return loops, False
    out = np.array(loops, copy=True)
    cells = np.concatenate([dropped] * 3, -1)  # a hit's velocity and offset go with it
    for r, (n, k) in enumerate(zip(joins, lead)):
        end = int(follows[n])
        out[n - 1, end - k:end] = np.where(cells[r, width - k:width], 0.0, out[n - 1, end - k:end])
        out[n] = np.where(cells[r, width:], 0.0, out[n])
    return out, True


def fast_note(bpm) -> str:
    """What a producer is told where at_tempo thinned a run (bpm: as given to at_tempo)."""
    tempi = np.atleast_1d(np.asarray(bpm, np.float64))
    fast = tempi[tempi >= FAST_BPM]
    lo, hi = float(fast.min()), float(fast.max())  # (a part from 160 to 200 BPM was said at 200)
    at = f"{hi:.4g}" if round(lo) == round(hi) else f"{lo:.4g}-{hi:.4g}"
    hands = (f"; above {ONE_HAND_BPM:g} BPM no hand plays three 16ths in a row (a hat's 16th beside the snare "
             f"goes)") if hi > ONE_HAND_BPM else ""
    return (f"at {at} BPM one hand plays no long runs of 16ths: the hi-hat and ride (and a snare beside "
            f"them) play them as 8ths there, as drummers do from {FAST_BPM:g} BPM{hands}")


def two_hands(hits: np.ndarray, velocity: np.ndarray) -> np.ndarray:
    """(N, T, 9) bool: the strokes of hits (N, T, 9) bool two hands cannot play at a tempo where no hand plays
    three 16ths in a row (velocity (N, T, 9): which strokes are ghost notes), the most musical kept: see the
    module doc. Nothing where every stroke has a hand (most loops: one hand on the 8ths, the other on the snare)."""
    drop = lone_hand_runs(hits)
    hits = hits & ~drop
    strokes = np.add.reduce(hits[..., HANDS], -1)
    # (single strokes always have hands: only 3 in two 16ths, a step both hands play beside a stroke, may not)
    crowded = np.logical_or.reduce(strokes[:, :-1] + strokes[:, 1:] > 2, -1)
    for n in np.flatnonzero(crowded):
        drop[n] |= _unplayable(hits[n], velocity[n])
    return drop


def lone_hand_runs(hits: np.ndarray) -> np.ndarray:
    """(N, T, 9) bool: the time-keeper's 16ths (off the 8ths) of each run of 3 or more time-keeper 16ths that a
    snare, tom or crash stroke touches (on the run or the 16th either side), at a tempo where no hand plays three
    16ths in a row: the other hand is busy about it, so the time-keeping hand plays the run alone, as its 8ths.
    _has_hands let the other hand take a hat 16th two steps from its snare, which kept "& a 2" on the hat at 167 BPM
    with the snare on 2 (freedoom d_map07: 10 such runs a song, 30 asked for disco, whose closed "1 e" and open
    "and" ran three hat 16ths on each beat), where a drummer keeps the time hand's 8ths and the note says a hat's
    16th beside the snare goes."""
    keeper = np.logical_or.reduce(hits[..., list(TIME_KEEPERS)], -1)
    drums = np.logical_or.reduce(hits[..., [v for v in HANDS if v not in TIME_KEEPERS]], -1)
    sixteenths = np.arange(hits.shape[1]) % 2 == 1
    kept_by = np.isin(np.arange(hits.shape[2]), TIME_KEEPERS)
    drop = np.zeros(hits.shape, bool)
    for n, row in enumerate(keeper):
        for a, b in runs(row):
            if b - a >= 3 and drums[n, max(a - 1, 0):b + 1].any():
                drop[n, a:b] = sixteenths[a:b, None] & kept_by[None, :]
    return drop & hits


def _unplayable(hits: np.ndarray, velocity: np.ndarray) -> np.ndarray:
    """(T, 9) bool: the strokes of one loop's hits (T, 9) dropped so that two hands play the rest, each kept in
    turn from the most musical while the kept ones still have hands."""
    snare = velocity[:, SNARE][hits[:, SNARE]]
    ghost_below = GHOST_SHARE * (snare.max() if len(snare) else 0.0)
    ranked = []
    for t, v in zip(*np.nonzero(hits[:, HANDS])):
        v = HANDS[v]
        eighth, ghost = t % 2 == 0, v not in TIME_KEEPERS and velocity[t, v] < ghost_below
        if ghost:
            tier = 2 if eighth else 3
        elif eighth:
            tier = 0  # the beats and 8ths: the time, the backbeat
        else:
            tier = 4 if v in (CLOSED_HAT, RIDE) else 1  # the time-keeper's 16ths last; an accent on a 16th early
        ranked.append((tier, -float(velocity[t, v]), int(t), v))
    kept: list[list[bool]] = [[] for _ in range(len(hits))]  # per step: True a time-keeper stroke, False a drum's
    drop = np.zeros(hits.shape, bool)
    for _, _, t, v in sorted(ranked):
        kept[t].append(v in TIME_KEEPERS)
        if not _has_hands(_stretch_about(kept, t)):
            kept[t].pop()
            drop[t, v] = True
    return drop


def _stretch_about(steps: list[list[bool]], t: int) -> list[list[bool]]:
    """The run of played 16ths about step t (t played): at a 16th where nothing plays both hands are free, so
    whether two hands play a stroke added at t depends on its stretch alone (the rest of the loop was playable
    before). _has_hands over the whole loop for each stroke took 80% of a loop's time at 200 BPM."""
    a, b = t, t + 1
    while a > 0 and steps[a - 1]:
        a -= 1
    while b < len(steps) and steps[b]:
        b += 1
    return steps[a:b]


def _has_hands(steps: list[list[bool]]) -> bool:
    """Whether two hands play these strokes (per 16th, True a time-keeper's, False a drum's), no hand three 16ths
    in a row: the time-keeper in one hand, the drums in the other, either hand playing the other's voice only
    where that voice is all that plays on the 16ths about it (a hand free for it)."""
    kinds = [set(s) for s in steps] + [set()]
    states = {(0, 0)}  # how many 16ths in a row each hand has played up to here (time-keeping hand, other hand)
    for t, strokes in enumerate(steps):
        if len(strokes) > 2:
            return False
        near = kinds[t - 1] | kinds[t] | kinds[t + 1]  # (kinds[-1]: nothing before the loop)
        ways = ([tuple(strokes), tuple(strokes[::-1])] if len(strokes) == 2 else
                [(strokes[0], None), (None, strokes[0])] if strokes else [(None, None)])
        after = set()
        for runs_ in states:
            for way in ways:  # (the time-keeping hand's stroke, the other hand's)
                if any(s is not None and (r > 1 or (s != own and own in near))
                       for r, s, own in zip(runs_, way, (True, False))):
                    continue
                after.add(tuple(0 if s is None else r + 1 for r, s in zip(runs_, way)))
        if not after:
            return False
        states = after
    return True


def _run_kept(line: np.ndarray, other: np.ndarray) -> np.ndarray:
    """(N, T) bool: for each True cell of line (N, T), whether `other` plays through its run (on more than half
    its 8ths: the other hand busy; one hat on a fill's downbeat leaves it free)."""
    out = np.zeros(line.shape, bool)
    for n, row in enumerate(line):
        for a, b in runs(row):
            eighths = np.arange(a + a % 2, b, 2)
            out[n, a:b] = len(eighths) > 0 and 2 * other[n, eighths].sum() > len(eighths)
    return out


def _run_lengths(line: np.ndarray) -> np.ndarray:
    """(N, T) int: for each True cell of line (N, T) bool, the length of the run of True cells it is in."""
    out = np.zeros(line.shape, np.int64)
    for n, row in enumerate(line):
        for a, b in runs(row):
            out[n, a:b] = b - a
    return out


__all__ = ["FAST_BPM", "FASTEST_BPM", "JOIN_STEPS", "LONGEST_RUN", "ONE_HAND_BPM", "across_joins", "at_tempo",
           "fast_note", "lone_hand_runs", "longest_run", "two_hands"]
