"""Which hits a voice keeps under a cap (`--max-hits`): the ones a drummer keeps when thinning a part.

Asked for at most 4 kicks in 2 bars, a drummer keeps the downbeats, then the
half-bars (beat 3 in 4/4), then the part's strongest accents; a hat cap keeps
the beats before their 8ths and 16ths; a snare cap keeps the backbeat before
ghost notes. Ranked by the network's probability alone, `--max-hits kick=4`
on the bundled funk bass kept the 1 and its "a" in each bar, not beat 3.

Each loop step has a metric level (`step_levels`): 4 the bar's downbeat, 3 its
half-bar, 2 a beat, 1 an 8th, 0 a 16th, -1 a loop step the bar does not play
(beat 3 of the loop in a 3/4 bar: meter.py). Each voice ranks its hits by a key
made of that level, the hit's probability and the band's accent on the step
(`thinning_keys`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES
from .meter import WindowBars, is_pickup, is_plain, window_beats

DOWNBEAT, HALF_BAR, BEAT, EIGHTH, SIXTEENTH, UNPLAYED = 4, 3, 2, 1, 0, -1
KICK, SNARE = VOICES.index("kick"), VOICES.index("snare")
# The voices that keep time or mark the bar: their beats come before anything the network is surer of.
_METRIC_FIRST = np.isin(VOICES, ("closed_hat", "open_hat", "ride", "crash"))
# Per voice: how much a metric level counts, and how much the band's accent on the step (0..1) does, beside the
# hit's probability (0..1). Time-keepers and cymbals: the level first (a cap of 8 hats keeps the 8 beats). Kick,
# snare and toms: a level counts a fifth of a probability, the band's accent half of one (a kick the bass
# pushes on the "a" of 1 outlasts a weak kick on beat 2).
_LEVEL_WEIGHT = np.where(_METRIC_FIRST, 1.0, 0.2).astype(np.float32)
_ACCENT_WEIGHT = np.where(_METRIC_FIRST, 0.0, 0.5).astype(np.float32)


def _within_beat(levels: np.ndarray, first: int, head: int) -> None:
    """The loop beat's four 16ths from step `first`: its head, its "and" an 8th, the e and a 16ths."""
    levels[first] = head
    levels[first + 1] = levels[first + 3] = SIXTEENTH
    levels[first + 2] = EIGHTH


@lru_cache(maxsize=1)
def _plain() -> np.ndarray:
    levels = np.empty(STEPS, np.int64)
    for beat in range(STEPS // STEPS_PER_BEAT):
        head = (DOWNBEAT, BEAT, HALF_BAR, BEAT)[beat % 4]
        _within_beat(levels, beat * STEPS_PER_BEAT, head)
    levels.flags.writeable = False
    return levels


@lru_cache(maxsize=1)
def _other_meter() -> np.ndarray:
    """A loop laid on bars of another meter whose bars are not known: the loop beats every mapping plays
    (meter.py) first. Each loop bar's downbeat is a bar's; its beat 2 is a beat in every meter (6/8's second
    dotted beat, the waltz's 2); its beat 4 a waltz's 3; its beat 3 only a group of four beats plays."""
    levels = np.empty(STEPS, np.int64)
    for beat in range(STEPS // STEPS_PER_BEAT):
        head = (DOWNBEAT, BEAT, EIGHTH, BEAT)[beat % 4]  # loop beat 3: four-beat groups only (12/8) play it
        _within_beat(levels, beat * STEPS_PER_BEAT, head)
    levels.flags.writeable = False
    return levels


@lru_cache(maxsize=256)
def step_levels(bars: WindowBars | None) -> np.ndarray:
    """(32,) the metric level of each loop step on the window's bars (None or plain 4/4: 4/4's)."""
    if bars is None or is_plain(bars):
        return _plain()
    beats = None if is_pickup(bars) else window_beats(bars)
    if beats is None:
        return _other_meter()
    levels = np.full(STEPS, UNPLAYED, np.int64)
    for bar in beats:
        count = len(bar)
        for i, beat in enumerate(bar):
            if i == 0:
                head = DOWNBEAT
            elif count % 2 == 0 and i == count // 2:
                head = HALF_BAR  # 4/4's 3, 6/8's second dotted beat, 12/8's third
            else:
                head = BEAT
            first = beat.source * STEPS_PER_BEAT
            if levels[first] < head:  # (a loop beat two bars play keeps its higher level)
                _within_beat(levels, first, head)
    # a skipped loop beat's off-beats are lent to a played beat (meter.py): kept as 16ths, its beat unplayed
    skipped = np.flatnonzero(levels == UNPLAYED)
    levels[skipped[skipped % STEPS_PER_BEAT != 0]] = SIXTEENTH
    levels.flags.writeable = False
    return levels


def level_rows(meters, four_four=None, n: int | None = None) -> np.ndarray:
    """(N, 32) the step levels of each loop: from its window's bars where known (meters), else 4/4's for the
    loops on 4/4 bars (four_four; None: all) and the meter-neutral ones for the others."""
    if meters is not None:
        return np.stack([step_levels(m) for m in meters]) if len(meters) else np.zeros((0, STEPS), np.int64)
    if four_four is None:
        return np.broadcast_to(_plain(), (n, STEPS))
    return np.where(np.asarray(four_four, bool)[:, None], _plain()[None], _other_meter()[None])


def step_accents(x: np.ndarray) -> np.ndarray:
    """(N, 32) how loud the part (or its bass: the riff's accents) plays on each step, against the loop's loudest
    step (0..1), from the network's inputs (N, 32, 6): the groove, then the bass groove."""
    loud = np.maximum(x[..., 0] * x[..., 1], x[..., 3] * x[..., 4])
    return loud / np.maximum(loud.max(axis=1, keepdims=True), 1e-6)


def thinning_keys(score: np.ndarray, levels: np.ndarray, accent: np.ndarray | None = None) -> np.ndarray:
    """(N, 32, 9) how much each cell is kept under a cap (higher first).

    score: the network's margins over the voices' thresholds (logits); levels (N, 32) from `level_rows`;
    accent (N, 32): the band's loudness on each step (0..1), None for none. The kick keeps its downbeats
    and then its half-bars before anything else, the snare its backbeat (beats 2 and 4 of a loop bar
    wherever they are played as beats)."""
    p = 1.0 / (1.0 + np.exp(-np.clip(score, -30.0, 30.0)))
    # The two bars of a loop rank alike (a step's probability and accent are their means with its twin in the
    # other bar), so a cap thins both bars the same way: 2 snares keep one backbeat beat in each bar, not 2 of one, 4 of the other.
    p = (p + np.roll(p, STEPS // 2, axis=1)) / 2
    key = p + _LEVEL_WEIGHT * levels.astype(np.float32)[..., None]
    if accent is not None:
        accent = np.asarray(accent, np.float32)
        key = key + _ACCENT_WEIGHT * ((accent + np.roll(accent, STEPS // 2, axis=1)) / 2)[..., None]
    backbeat = (np.arange(STEPS) % 8 == 4)[None, :] & (levels >= BEAT)  # a loop bar's 2 and 4, played as beats
    key[..., KICK] += np.where(levels == DOWNBEAT, 6.0, np.where(levels == HALF_BAR, 4.0, 0.0))
    key[..., SNARE] += np.where(backbeat, 6.0, 0.0)
    return key.astype(np.float32, copy=False)


# The loop's steps in the order ties are broken: step by step of the bar, the first bar's before the second's
# (a cap of 4 hats on two waltz bars keeps the 1 and 2 of each, not the 1, 2 and 3 of the first bar alone).
_TIE_ORDER = np.argsort(np.arange(STEPS) % (STEPS // 2) * 2 + np.arange(STEPS) // (STEPS // 2), kind="stable")


def capped(hits: np.ndarray, keys: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """hits (N, 32, 9) with at most cap (N, 9) per loop and voice: the highest keys kept (ties: `_TIE_ORDER`)."""
    ranked = np.where(hits, keys, -np.inf)[:, _TIE_ORDER]
    order = _TIE_ORDER[np.argsort(-ranked, axis=1, kind="stable")]
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(STEPS)[None, :, None], axis=1)
    return hits & (rank < np.asarray(cap)[:, None, :])


@lru_cache(maxsize=256)
def played_levels(bars: WindowBars | None) -> np.ndarray:
    """(32,) the metric level of each step of a window as its bars are played (the real grid, not the loop's):
    a bar's downbeat, its half-bar (an even count of beats), its beats (half notes in half time, dotted ones in
    6/8), their 8ths (a compound beat's three), then the rest. Bars that cannot be read: 4/4's."""
    beats = None if bars is None or is_pickup(bars) else window_beats(bars)
    if beats is None:
        return _plain()
    levels = np.full(STEPS, SIXTEENTH, np.int64)
    for b, bar in enumerate(beats):
        # four short bars (2/4, 3/8) pair up as a loop's two bars: the second of each pair is its half-bar
        first = DOWNBEAT if len(beats) < 4 or b % 2 == 0 else HALF_BAR
        for i, beat in enumerate(bar):
            head = first if i == 0 else HALF_BAR if len(bar) % 2 == 0 and i == len(bar) // 2 else BEAT
            eighth = beat.length // 3 if beat.length % 3 == 0 else max(beat.length // 2, 1)
            for o in range(min(beat.length, STEPS - beat.start)):
                levels[beat.start + o] = head if o == 0 else EIGHTH if o % eighth == 0 else SIXTEENTH
    levels.flags.writeable = False
    return levels


def cap_played(loops: np.ndarray, meters, max_hits, fills: np.ndarray | None = None) -> np.ndarray:
    """loops (W, 32, 27) on their bars' real grid with at most max_hits (9,) hits of each voice in a window, as
    `--max-hits` promises: where laying a loop on its bars played a capped voice more often than the loop did
    (half time's 16th hats where the part plays 16ths, a 2/4 window's four downbeats), the ones a drummer keeps
    (the bars' beats first, then the loudest). fills (W, 32): the steps a fill plays, neither counted nor thinned
    (a fill is drawn under the cap itself, and the beat before it keeps its backbeat). Windows within their
    caps: unchanged."""
    if max_hits is None or len(loops) == 0:
        return loops
    cap = np.broadcast_to(np.asarray(max_hits, np.int64), (len(loops), N_VOICES))
    hits = loops[..., :N_VOICES] > 0.5
    if fills is not None:
        hits &= ~np.asarray(fills, bool)[..., None]
    if not (hits.sum(1) > cap).any():
        return loops
    levels = np.stack([played_levels(None if meters is None else m) for m in (meters or [None] * len(loops))])
    keys = levels[..., None].astype(np.float32) + loops[..., N_VOICES:2 * N_VOICES]  # (velocity 0..1 breaks a tie)
    dropped = hits & ~capped(hits, keys, cap)
    out = loops.copy()
    for k in range(3):  # hit, velocity and offset of each dropped cell
        out[..., k * N_VOICES:(k + 1) * N_VOICES][dropped] = 0.0
    return out


__all__ = ["step_levels", "level_rows", "step_accents", "thinning_keys", "capped", "played_levels", "cap_played"]
