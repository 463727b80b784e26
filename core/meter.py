"""Meters other than 4/4: the model's 4/4 loops laid onto the song's bars, and the song's grooves onto 4/4.

The model only knows 2 bars of 4/4 (32 16th steps). A window of the song
plays whole bars of its own meter (groove.py lays windows on bar lines), so
each of its beats is given one beat of the generated loop to play:

- beats are quarter notes in x/4 and x/2 bars, dotted quarters (three 8ths)
  in 6/8, 9/8, 12/8, and groups of two or three 8ths in 5/8, 7/8 (2+2+3), or
  as the part's accents group them (3+2+2; 2+2+2+3 in 9/8: follow_groupings);
  3/2 has three half-note beats, 6/4 two dotted halves (three halves where
  the part plays them), each playing a loop beat at half speed (its 16ths on
  their 8ths), and 12/16 four dotted 8ths (12/8 at double speed);
  3/8 is a quarter and an 8th (kick on the 1, the backbeat on the 3rd 8th, where
  one dotted beat played only the loop's downbeats: a part with no snare);
- each bar (or group of a long bar: 5 = 3 + 2, 6 = 3 + 3, 7 = 4 + 3 beats, or
  as a 5/4 or 7/4 part groups its quarters, 2 + 3 ...: meter_groups.py)
  plays one bar of the loop from its downbeat, so the bar's downbeat is where
  the loop's kick is and nothing drifts across bars: 4 beats play it as it
  is; 3 beats play loop beats 1, 2 and 4 (kick on 1, the backbeat on 2 and
  3: a waltz); 2 beats play beats 1 and 2 (6/8: the backbeat on the 4th 8th;
  a 2/4 bar in a 4/4 song keeps kick-snare);
- a dotted beat's six 16ths take the loop beat's four 16ths as triplet 8ths:
  the beat, its 16th "e" on the middle 8th, its "and" and "a" on the last
  (straight 8ths become a shuffle, which the hats and ride then fill to every
  8th, as a 6/8 or 12/8 drummer keeps time); hats or ride on 16ths (3 or 4 of
  the loop beat's) play the triplet 8ths too, as a 12/8 slow blues drummer does:
  the model hears a part's triplet 8ths as "1 e a" and answers with 16th hats,
  which had played as sextuplets; only a part that plays 16ths between its
  dotted beats' 8ths itself (`plays_sixteenths`) gets its busier hats as the
  dotted beat's six 16ths; else a take's 16th hats are heard where they push
  into a beat: a loop bar with the 16th "a" before some beats, not all, opens
  the hi-hat on those dotted beats' last 8th (`_open_pushes`; 6/8 and 12/8
  takes had all played the same 12 triplet 8ths a bar);
- the loop beats a group skips (3/4: beat 3; 6/8: beats 3 and 4) lend their
  off-beat 16ths (kicks and ghost notes off the beat: where a take or a seed
  differs most) to the beat in the same place of the loop bar's other half
  (3 -> 1, 4 -> 2) where the group plays that beat; their beats
  themselves (a 4/4 kick on 3, snare on 4) are left out, as they double the
  played beats or would put a snare on a waltz's 1;
- then each bar gets its meter's kick: a 4/4 loop's four-on-the-floor or
  kick-on-3 would put a kick on every beat of a waltz, so a group of three
  beats (3/4, 9/8) or two dotted beats (6/8) keeps its on-beat kick on beat 1
  only, four dotted beats (12/8) on beats 1 and 3, and between the beats as
  many kicks as that, the loudest (a waltz bar: the 1 and at most one more,
  e.g. the "and" of 2 or a pickup into the next bar); a group left with no
  kick on its kick beats gets its loudest kick on its downbeat. Groups of two
  or four quarters (2/4 bars, 4/4) keep the loop's kick as it is.

Before the 16ths, the skipped beats' off-beats and the kicks between the
beats, a waltz's or 6/8's takes differed in a few hits: `--seed 1` and
`--seed 2` gave the same 6/8 drums, and `--variations` relied on the engine
redrawing takes that came out too close (benchmarks/bench_meter_variations.py).

The input groove goes the other way (each real step onto the loop step it
stands for; triplet 8ths read as "1 e a", which kept the model's kick on the
downbeat best in benchmarks/bench_meter.py), so the model hears the song's
rhythm in the frame it was trained on. Windows that are plain 4/4, or that cannot be mapped exactly
(bars longer than a loop, meters below a 16th), are left as they are.

A pickup (anacrusis) is a window of its own that ends at bar 1, its one
short bar at the window's end (is_pickup): its beats play the loop's last
beats and nothing plays before them, so no loop starts before the music's
bar 1 (phrases.py makes the pickup a lead-in fill).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .dynamics import meter_accents, meter_profile
from .half_time import (FOLDED_SIXTEENTHS, half_time_accents, half_time_hats, half_time_window,
                        is_half_time)
from .limbs import one_drummer
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES
from .meter_groups import GROUP_BEATS, QUARTER_GROUPED, bar_groups, beat_groups, kick_beats, meter_kicks

# (beat offset from the window start, numerator, denominator) of each bar a window plays
WindowBars = tuple[tuple[float, int, int], ...]

PLAIN: WindowBars = ((0.0, 4, 4), (4.0, 4, 4))
BAR_STEPS = 16  # steps of one bar of the generated 4/4 loop

# A loop beat's four 16ths onto a real beat of 2, 3, 4, 6, 8 or 12 steps (-1 = not played); 3 is a dotted 8th
# (x/16); a half (3/2) and a dotted half (6/4) play the loop beat at half speed, its 16ths on their 8ths.
_FORWARD = {2: (0, -1, 1, -1), 3: (0, 1, 2, 2), 4: (0, 1, 2, 3), 6: (0, 2, 4, 4), 8: (0, 2, 4, 6), 12: (0, 4, 8, 8)}
# Each real step of such a beat onto the loop 16th it stands for.
_INVERSE = {2: (0, 2), 3: (0, 1, 2), 4: (0, 1, 2, 3), 6: (0, 1, 1, 2, 3, 3), 8: (0, 0, 1, 1, 2, 2, 3, 3),
            12: (0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3)}
CRASH = VOICES.index("crash")
# Voices that keep time on the 8ths of a dotted beat.
_TIMEKEEPERS = (VOICES.index("closed_hat"), VOICES.index("ride"))


@dataclass(frozen=True)
class Beat:
    start: int  # first real step of the beat, from the window start
    length: int  # real steps: 4 = quarter, 6 = dotted quarter, 2 = eighth
    source: int  # the beat (0..7) of the generated 2-bar loop it plays


def beat_lengths(num: int, den: int) -> tuple[int, ...] | None:
    """16th steps of each beat of a num/den bar, or None when the bar has no beats on the 16th grid."""
    if den <= 0 or 16 % den or num <= 0:
        return None
    unit = 16 // den  # steps per note value of the denominator
    if (num, den) == (3, 2):  # three half-note beats (a waltz in halves: kick on 1, the backbeat on 2), not 3/4 twice
        return (unit,) * 3
    if (num, den) == (6, 4):  # two dotted halves, a slow 6/8 (a part accenting 1, 3 and 5 makes it three halves)
        return (3 * unit,) * 2
    if den <= 4:
        return (STEPS_PER_BEAT,) * (num * unit // STEPS_PER_BEAT)
    if num == 12 and den == 16:  # compound: four dotted 8ths, 12/8 at double speed (kick on 1 and 3)
        return (3,) * 4
    if den == 16:  # 16ths: whole quarters or dotted quarters where they fit, else as 8ths are grouped
        if num % 4 == 0:
            return (4,) * (num // 4)
        if num % 6 == 0:
            return (6,) * (num // 6)
        if num > 9:  # 5+ beats of 8ths and dotted 8ths: no grouping a drummer would agree on
            return None
    if num == 3 and den == 8:  # a quarter and an 8th: kick on 1, the backbeat on the 3rd 8th (one dotted beat had no snare)
        return (2 * unit, unit)
    if num % 3 == 0:  # compound: dotted quarters (dotted 8ths in x/16)
        return (3 * unit,) * (num // 3)
    if num == 1:
        return (unit,) if unit in _FORWARD else None
    groups = [2] * ((num - 3) // 2) + [3] if num % 2 else [2] * (num // 2)  # 5 = 2+3, 7 = 2+2+3
    return tuple(g * unit for g in groups)


class GroupedBar(tuple):
    """A window's bar (offset, num, den) whose 8ths (5/4's, 6/4's, 7/4's quarters) group as the part plays them
    (3+2+2 in 7/8, 2+3 in 5/4), not as beat_lengths groups them: it unpacks as a plain bar does, and differs from
    one in equality and hash, so the caches and the engine's layouts keep the two apart (follow_groupings makes them)."""

    # the bar's beats in notes of its denominator; in 5/4 and 7/4 the groups of quarters that each play a loop bar
    groups: tuple[int, ...]

    def __new__(cls, offset: float, num: int, den: int, groups):
        self = super().__new__(cls, (offset, num, den))
        self.groups = tuple(int(g) for g in groups)
        return self

    def __eq__(self, other):
        return isinstance(other, tuple) and tuple(self) == tuple(other) and getattr(other, "groups", None) == self.groups

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((tuple(self), self.groups))

    def __reduce__(self):
        return GroupedBar, (*self, self.groups)


def bar_lengths(bar) -> tuple[int, ...] | None:
    """16th steps of each beat of a window's bar (offset, num, den): its own grouping, else beat_lengths'."""
    groups = getattr(bar, "groups", None)
    if not groups or (bar[2] == 4 and bar[1] in QUARTER_GROUPED):  # 5/4's 2+3 groups its quarters (bar_groups)
        return beat_lengths(bar[1], bar[2])
    return tuple(g * (16 // bar[2]) for g in groups)


def is_pickup(bars: WindowBars | None) -> bool:
    """True for the window of a pickup (anacrusis): one short bar that ends where the window ends, at bar 1."""
    return bars is not None and len(bars) == 1 and bars[0][0] > 0


def _pickup_beats(bars: WindowBars) -> tuple[tuple[Beat, ...], ...] | None:
    """A pickup's beats play the loop's last beats (the lead-in to its downbeat), nothing before them."""
    offset, num, den = bars[0]
    # three 8ths into a bar are one dotted beat (a 12/8 or 6/8 song's last): a 3/8 bar's quarter and 8th had
    # laid the lead-in's 16ths off the triplet grid
    lengths = (6,) if (num, den) == (3, 8) else beat_lengths(num, den)
    start = round(offset * STEPS_PER_BEAT)
    if lengths is None or abs(offset * STEPS_PER_BEAT - start) > 1e-6 or len(lengths) > 4 or start + sum(lengths) != STEPS:
        return None
    first = STEPS // STEPS_PER_BEAT - len(lengths)
    return (tuple(Beat(start + sum(lengths[:i]), n, first + i) for i, n in enumerate(lengths)),)


@lru_cache(maxsize=256)
def window_beats(bars: WindowBars) -> tuple[tuple[Beat, ...], ...] | None:
    """The beats of each bar a window plays, with the loop beat each one plays; None if not mappable."""
    if is_pickup(bars):
        return _pickup_beats(bars)
    out = []
    cursor = 0  # next free loop beat
    for bar in bars:
        offset, lengths = bar[0], bar_lengths(bar)
        start = round(offset * STEPS_PER_BEAT)
        if lengths is None or abs(offset * STEPS_PER_BEAT - start) > 1e-6:
            return None
        beats = []
        for size in bar_groups(bar, len(lengths)):
            base = -(-cursor // 4) * 4 % 8  # every group starts on a loop bar line: its downbeat is the loop's
            for k in GROUP_BEATS[size]:
                i = len(beats)
                beats.append(Beat(start + sum(lengths[:i]), lengths[i], base + k))
            cursor = base + 4
        out.append(tuple(beats))
    return tuple(out)


@lru_cache(maxsize=256)
def _maps(bars: WindowBars) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Step pairs (loop step, real step) of the forward map, and (real step, loop step) of the inverse.

    The inverse also copies each real beat onto the loop beats no real beat
    plays up to the next one (beat 3 of the loop in 3/4), so the model reads a
    groove without holes where the loop's own beats would be.
    """
    beats = window_beats(bars)
    if beats is None:
        return None
    src, dst, real, loop = [], [], [], []
    flat = [b for bar in beats for b in bar]
    for i, beat in enumerate(flat):
        for k, d in enumerate(_FORWARD[beat.length]):
            if d >= 0 and beat.start + d < STEPS:
                src.append(beat.source * STEPS_PER_BEAT + k)
                dst.append(beat.start + d)
        following = flat[i + 1].source if i + 1 < len(flat) else -(-(beat.source + 1) // 4) * 4  # to the bar line
        gap = following - beat.source if following > beat.source else 1
        for r, s in enumerate(_INVERSE[beat.length]):
            if beat.start + r < STEPS:
                for extra in range(gap):
                    real.append(beat.start + r)
                    loop.append((beat.source + extra) * STEPS_PER_BEAT + s)
    # A window that plays one loop bar's worth (6/8, 12/8) is heard twice, as the loop repeats.
    period = -(-(max(loop) + 1) // BAR_STEPS) * BAR_STEPS if loop else STEPS
    if period < STEPS:
        real, loop = real * (STEPS // period), [s + k * period for k in range(STEPS // period) for s in loop]
    return tuple(np.asarray(a, np.int64) for a in (src, dst, real, loop))


def is_plain(bars: WindowBars | None) -> bool:
    """True when a window needs no mapping: 4/4 as the model plays it, or a window that cannot be mapped
    (a pickup that cannot be is silent: see loops_to_bars)."""
    return bars is None or bars == PLAIN or (_maps(bars) is None and not is_pickup(bars))


def _merge_loudest(out: np.ndarray, cand: np.ndarray, at: int, width: int) -> None:
    """out[:, at] = cand where cand's hit is louder (per voice of `width` voices in H, V, O layout)."""
    vel_out, vel_new = out[:, at, width : 2 * width], cand[:, width : 2 * width]
    louder = (cand[:, :width] > 0) & (vel_new > vel_out)
    for part in range(3):
        cols = slice(part * width, (part + 1) * width)
        out[:, at, cols] = np.where(louder, cand[:, cols], out[:, at, cols])


def loops_to_bars(loops: np.ndarray, bars: WindowBars, sixteenths: bool = False) -> np.ndarray:
    """(N, 32, 27) generated 4/4 loops -> the same loops on the real 16th grid of windows playing `bars`.
    sixteenths: the part plays 16ths inside its dotted beats (`plays_sixteenths`), so hats or ride on a loop
    beat's 16ths play a dotted beat's six 16ths; else they keep triplet 8ths."""
    maps = _maps(bars)
    if maps is None and is_pickup(bars):
        return np.zeros_like(loops)  # a pickup off the 16th grid: silence rather than a loop before bar 1
    if maps is None or bars == PLAIN:
        return loops
    src, dst = maps[:2]
    out = np.zeros_like(loops)
    played: set[int] = set()
    for s, d in zip(src.tolist(), dst.tolist()):
        step = loops[:, s]
        if s in played:  # a loop beat heard again in a later bar (5/8: bars 1 and 3): its crash opened the phrase once
            step = step.copy()
            step[:, [CRASH, N_VOICES + CRASH, 2 * N_VOICES + CRASH]] = 0.0
        played.add(s)
        _merge_loudest(out, step, d, N_VOICES)
    folds = _folds(bars)
    for s, d in folds:  # the loop beats a short bar skips: their off-beat hits
        step = loops[:, s].copy()
        step[:, [CRASH, N_VOICES + CRASH, 2 * N_VOICES + CRASH]] = 0.0
        _merge_loudest(out, step, d, N_VOICES)
    beats = window_beats(bars)
    flat = [b for bar in beats for b in bar]
    _eighths_in_dotted_beats(out, flat)
    _eighths_in_short_beats(out, loops, flat)
    if half_time_window(bars):  # a 4/4 bar in half time keeps the bar's 8ths (16ths) on its hats
        added = half_time_hats(out, flat, 1 if sixteenths else 2)
    elif sixteenths:
        added = _sixteenths_in_dotted_beats(out, loops, flat) + _eighths_in_half_beats(out, flat)
    else:
        added = _open_pushes(out, loops, beats, folds)
    meter_kicks(out, beats)
    _toms_take_the_hand(out, loops)
    # where hits were added, one drummer's hands and one hi-hat state (the engine checks every step again;
    # the panel's preview maps a loop with nothing after it)
    touched = sorted({d for _, d in folds} | set(added))
    if touched:
        out[:, touched] = one_drummer(out[:, touched])
    return meter_accents(loops, out, _accent_profile(bars))  # accents on the meter's beats, not the loop's


_TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
_HAT_OR_RIDE = [VOICES.index(v) for v in ("closed_hat", "open_hat", "ride")]


def _toms_take_the_hand(out: np.ndarray, loops: np.ndarray) -> None:
    """In place: in a loop whose toms never share a step with the hats or ride (a fill: the hands leave the
    time-keeper for the toms), no tom stroke on the bars has a hat or ride beside it. Folding the loop beats
    a short bar skips, and filling its dotted beats' 8ths, had put the hats back under a 6/8 fill's toms."""
    tom = np.logical_or.reduce(loops[..., _TOMS] > 0.5, -1)
    apart = ~np.logical_or.reduce(tom & np.logical_or.reduce(loops[..., _HAT_OR_RIDE] > 0.5, -1), -1)  # (N,)
    if not (apart & tom.any(-1)).any():
        return
    clash = np.logical_or.reduce(out[..., _TOMS] > 0.5, -1) & apart[:, None]  # (N, steps)
    for v in _HAT_OR_RIDE:
        for col in (v, N_VOICES + v, 2 * N_VOICES + v):
            out[..., col][clash] = 0.0


@lru_cache(maxsize=256)
def _accent_profile(bars: WindowBars) -> np.ndarray:
    """(32, N_VOICES) the accent of each real step of a window's bars (dynamics.meter_profile; a pickup has no
    downbeat). Shared: read only."""
    pickup = is_pickup(bars)
    profile = meter_profile(tuple((b.start, b.length, i == 0 and not pickup) for bar in window_beats(bars)
                                  for i, b in enumerate(bar)), STEPS)
    half_time_accents(profile, [beats[0].start for bar, beats in zip(bars, window_beats(bars)) if is_half_time(bar)])
    return profile


@lru_cache(maxsize=256)
def _folds(bars: WindowBars) -> tuple[tuple[int, int], ...]:
    """(loop step, real step) pairs that lay the off-beat 16ths of the loop beats a group skips onto the
    played beat in the same place of the loop bar's other half (3/4 skips loop beat 3: onto beat 1; 6/8
    plays beats 1 and 2: beats 3 and 4 onto them), where the group plays that beat. What a take or a
    seed changes is mostly there: kicks and ghost notes off the beat (the beats themselves, a 4/4 kick on 3
    or a snare on 4, double what the played beats have or would put a snare on a waltz's 1). Loop beats
    another bar of the window plays (5/8) are not folded; a pickup plays only its own beats; a half-time bar
    takes their "e" and "a" only (half_time.py: their "and" lands on its 2 or 4)."""
    beats = window_beats(bars)
    if beats is None or is_pickup(bars):
        return ()
    played = {b.source for bar in beats for b in bar}
    pairs = []
    half = {b.start for bar, in_bar in zip(bars, beats) if is_half_time(bar) for b in in_bar}  # (not their "and")
    for group in beat_groups(beats):
        by_source = {b.source: b for b in group}
        base = group[0].source
        for s in range(base, base + 4):
            if s in played:
                continue
            target = by_source.get(s - 2)
            if target is None or target.start >= STEPS:
                continue
            for k, d in enumerate(_FORWARD[target.length]):
                if k and d >= 0 and target.start + d < STEPS and (target.start not in half or k in FOLDED_SIXTEENTHS):
                    pairs.append((s * STEPS_PER_BEAT + k, target.start + d))
    return tuple(pairs)


def _eighths_in_dotted_beats(out: np.ndarray, flat: list[Beat]) -> None:
    """Hats and ride playing a dotted beat's first and last 8th (the loop's straight 8ths) play its middle one too
    (a dotted 8th's 16ths, a dotted half's quarters likewise: 12/16's hats had limped "x-x x-x")."""
    for beat in flat:
        third = beat.length // 3  # a dotted 8th's 16th (12/16), a dotted quarter's 8th, a dotted half's quarter (6/4)
        if beat.length not in (3, 6, 12) or beat.start + 2 * third >= STEPS:
            continue
        first, middle, last = beat.start, beat.start + third, beat.start + 2 * third
        for v in _TIMEKEEPERS:
            gap = (out[:, first, v] > 0) & (out[:, last, v] > 0) & ~(out[:, middle, v] > 0)
            if gap.any():
                out[gap, middle, v] = 1.0
                out[gap, middle, N_VOICES + v] = np.minimum(out[gap, first, N_VOICES + v], out[gap, last, N_VOICES + v])
                out[gap, middle, 2 * N_VOICES + v] = 0.0


def _eighths_in_short_beats(out: np.ndarray, loops: np.ndarray, flat: list[Beat]) -> None:
    """Hats and ride keeping 8ths on a loop beat play only the beat of an 8th-note beat (3/8's 3rd 8th): the
    loop beat's "and" lands a 16th after it, which put a lone 16th hat at the end of every 3/8 bar."""
    for beat in flat:
        if beat.length != 2 or beat.start + 1 >= STEPS:
            continue
        cell = beat.source * STEPS_PER_BEAT
        for v in _TIMEKEEPERS:
            eighths = (loops[:, cell + 1, v] <= 0) & (loops[:, cell + 3, v] <= 0)
            out[eighths, beat.start + 1, v :: N_VOICES] = 0.0


def _open_pushes(out: np.ndarray, loops: np.ndarray, beats: tuple[tuple[Beat, ...], ...],
                 folds: tuple[tuple[int, int], ...]) -> list[int]:
    """A loop bar whose hats play the 16th "a" before some of its beats but not all (a take pushing into
    those beats: "1 & a", "1 e & a") opens the hi-hat on the last triplet 8th of each dotted beat that
    stands for one of them, closing on the next beat. Triplet 8ths leave its hats no busier than a rock
    take's (a dotted beat's 16ths, sextuplets, are for a part that plays them), so the push is played as
    a 6/8 or 12/8 drummer lifts into a beat; a loop with the "a" on every beat or none keeps its closed
    triplets. Loop beats a group skips count for the beat they fold onto (_folds). Returns the steps."""
    hat = VOICES.index("closed_hat")
    opened = VOICES.index("open_hat")
    added = []
    for group in beat_groups(beats):
        base = group[0].source // 4 * 4  # the loop bar (a pickup's group starts on its last beats)
        cells = [s * STEPS_PER_BEAT + 3 for s in range(base, base + 4)]
        pushes = loops[:, cells, hat] > 0
        mixed = pushes.any(1) & ~pushes.all(1)
        if not mixed.any():
            continue
        for beat in group:
            let = beat.start + 4
            if beat.length != 6 or let >= STEPS:
                continue
            stands = [beat.source] + [s // STEPS_PER_BEAT for s, d in folds if d == let and s % STEPS_PER_BEAT == 3]
            push = np.zeros(len(out), bool)
            for s in stands:
                push |= loops[:, s * STEPS_PER_BEAT + 3, hat] > 0
            lift = mixed & push & (out[:, let, hat] > 0) & ~(out[:, let, opened] > 0)
            if lift.any():
                for part in range(3):
                    out[lift, let, part * N_VOICES + opened] = out[lift, let, part * N_VOICES + hat]
                    out[lift, let, part * N_VOICES + hat] = 0.0
                added.append(let)
    return added


def _sixteenths_in_dotted_beats(out: np.ndarray, loops: np.ndarray, flat: list[Beat]) -> list[int]:
    """Hats and ride playing 16ths on a loop beat (3 or 4 of its 16ths) play a dotted beat's six 16ths: the
    triplet map lays a 16th beat and an 8th beat on the same three 8ths, so a take's busier hats (the
    model's funk against its rock) were lost; the off-beat 16ths take the loop's "e" and "a" velocity.
    Returns the steps it played on."""
    added = []
    for beat in flat:
        if beat.length != 6 or beat.start + 5 >= STEPS:
            continue
        cells = slice(beat.source * STEPS_PER_BEAT, (beat.source + 1) * STEPS_PER_BEAT)
        for v in _TIMEKEEPERS:
            hit = loops[:, cells, v] > 0
            busy = (hit.sum(1) >= 3) & (out[:, beat.start, v] > 0)
            if not busy.any():
                continue
            vel = loops[:, cells, N_VOICES + v][:, 1::2]  # the "e" and the "a"
            soft = np.where((vel > 0).any(1), vel.sum(1) / np.maximum((vel > 0).sum(1), 1), out[:, beat.start, N_VOICES + v])
            for d in (1, 3, 5):
                add = busy & ~(out[:, beat.start + d, v] > 0)
                out[add, beat.start + d, v] = 1.0
                out[add, beat.start + d, N_VOICES + v] = soft[add]
                out[add, beat.start + d, 2 * N_VOICES + v] = 0.0
                added.append(beat.start + d)
    return added


def _eighths_in_half_beats(out: np.ndarray, flat: list[Beat]) -> list[int]:
    """Hats and ride playing every quarter of a half (3/2) or dotted half (6/4) beat play the 8ths between them
    too, where the part plays 8ths (`sixteenths`): at half speed the loop's 8th hats land on quarters, a broad
    feel under a band playing 8ths. Each 8th is as soft as the softer quarter beside it. Returns the steps it played on."""
    added = []
    for beat in flat:
        if beat.length not in (8, 12) or beat.start + beat.length > STEPS:
            continue
        quarters = list(range(beat.start, beat.start + beat.length, STEPS_PER_BEAT))
        for v in _TIMEKEEPERS:
            keeps = np.all(out[:, quarters, v] > 0, axis=1)
            for q in quarters:
                add = keeps & ~(out[:, q + 2, v] > 0)
                if add.any():
                    out[add, q + 2, v] = 1.0
                    vel = out[add, q, N_VOICES + v]
                    if q + 4 < STEPS:  # the softer of the quarters either side: the "and" under the beat
                        vel = np.where(out[add, q + 4, v] > 0, np.minimum(vel, out[add, q + 4, N_VOICES + v]), vel)
                    out[add, q + 2, N_VOICES + v] = vel
                    out[add, q + 2, 2 * N_VOICES + v] = 0.0
                    added.append(q + 2)
    return added


def grooves_to_loop(grooves: np.ndarray, bars: WindowBars) -> np.ndarray:
    """(N, 32, 3) grooves on the real grid of windows playing `bars` -> the 4/4 grooves the model reads."""
    maps = _maps(bars)
    if maps is None or bars == PLAIN:
        return grooves
    _, _, real, loop = maps
    out = np.zeros_like(grooves)
    lets = _dotted_lets(bars)
    for r, s in zip(real.tolist(), loop.tolist()):
        cand = grooves[:, r]
        if r in lets:  # a dotted beat's last 8th, on the loop's last 16th: rushed, it read as a swung 8th
            cand = cand.copy()
            cand[:, 2] = np.maximum(cand[:, 2], -LET_EARLY)
        _merge_loudest(out, cand, s, 1)
    return out


# How early a dotted beat's last 8th (or 16th) is read onto the loop's last 16th, at most. A 12/8 part
# rushing its "let" by a fifth of a 16th (30 ms at 90 BPM) had read as a shuffle in the loop's frame (the
# early last 16th core/swing.py knows a swung 8th by, SWUNG_EARLY = 0.1): "the part swings", and its drums
# were played back swung; the triplet is the feel of a dotted beat already.
LET_EARLY = 0.05


@lru_cache(maxsize=256)
def _dotted_lets(bars: WindowBars) -> frozenset[int]:
    """Real steps of the last 8th of each dotted beat (and the 16th after it) of a window's bars."""
    beats = window_beats(bars) or ()
    return frozenset(b.start + d for bar in beats for b in bar if b.length == 6 for d in (4, 5))


def loop_frame(grooves, meters) -> np.ndarray | None:
    """Grooves on the song's bars (or None) in the model's 4/4 frame: a part's windows, a pattern file's or a
    REAPER selection's bars."""
    return None if grooves is None else map_windows(np.asarray(grooves, np.float32).reshape(-1, STEPS, 3), meters,
                                                    grooves_to_loop)


def map_windows(arrays: np.ndarray, meters, convert) -> np.ndarray:
    """Apply `convert(arrays[rows], bars)` to the windows of each meter layout (a batch per layout)."""
    if meters is None:
        return arrays
    out = arrays.copy()
    layouts: dict[WindowBars, list[int]] = {}
    for i, bars in enumerate(meters):
        if not is_plain(bars):
            layouts.setdefault(bars, []).append(i)
    for bars, rows in layouts.items():
        out[rows] = convert(arrays[rows], bars)
    return out


@lru_cache(maxsize=256)
def reuses_loop_beats(bars: WindowBars | None) -> bool:
    """True when a window plays a loop beat in more than one of its bars (3/8's five bars, 5/8's three, in
    loop bars 1, 2, 1, ...): the loop's steps do not say which bar a fill or a crash on them is in."""
    beats = None if bars is None or is_pickup(bars) else window_beats(bars)
    if beats is None:
        return False
    sources = [b.source for bar in beats for b in bar if b.start < STEPS]
    return len(sources) != len(set(sources))


def plain_beats(first_bar_beats: int = 4) -> tuple[tuple[Beat, ...], ...]:
    """The beats of a plain 2-bar 4/4 window."""
    return tuple(tuple(Beat(b * 4 + 16 * bar, 4, b + 4 * bar) for b in range(first_bar_beats)) for bar in range(2))


def bars_beats(bars: WindowBars | None) -> tuple[tuple[Beat, ...], ...]:
    """The beats of each bar a window plays (two 4/4 bars when it is played as the loop is)."""
    beats = None if bars is None else window_beats(bars)
    return plain_beats() if beats is None else beats


def span_beats(bars: WindowBars | None) -> float | None:
    """Beats a window's bars last, or None when not known (plain windows run until the next starts)."""
    beats = None if bars is None else window_beats(bars)
    if beats is None:
        return None
    last = beats[-1][-1]
    return (last.start + last.length) / STEPS_PER_BEAT


__all__ = ["WindowBars", "Beat", "beat_lengths", "window_beats", "kick_beats", "beat_groups", "loops_to_bars", "grooves_to_loop", "map_windows", "GroupedBar", "bar_lengths",
           "bars_beats", "span_beats", "is_plain", "is_pickup", "reuses_loop_beats", "BAR_STEPS", "STEPS"]


def time_signature(meter: float | tuple[int, int]) -> tuple[int, int]:
    """A bar given as quarter notes (3 = 3/4, 3.5 = 7/8) or as a time signature: (numerator, denominator)."""
    if isinstance(meter, tuple):
        num, den = (int(x) for x in meter)
        if num <= 0 or den <= 0:
            raise ValueError(f"a time signature needs a positive numerator and denominator, got {meter}")
        return num, den
    quarters = float(meter)
    if quarters <= 0:
        raise ValueError(f"beats per bar must be positive, got {meter}")
    for den in (4, 8, 16):
        if abs(quarters * den / 4 - round(quarters * den / 4)) < 1e-9:
            return int(round(quarters * den / 4)), den
    return max(1, int(round(quarters * 4))), 16  # off the 16th grid: the nearest 16th


def bar_quarters(meter: float | tuple[int, int]) -> float:
    """Quarter notes a bar of this meter lasts."""
    if isinstance(meter, tuple):
        num, den = time_signature(meter)
        return num * 4.0 / den
    return float(meter)
