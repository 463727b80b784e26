"""Half time: a 4/4 bar played as two half-note beats (Settings.feel "half"; core/feel.py marks the bars).

Each half-note beat plays one loop beat at half speed (meter.py's map for a 3/2 bar's halves: the loop's
16ths on the bar's 8ths), and each bar plays the loop bar's first two beats from its downbeat, so the
kick stays on every bar's 1 and the loop's backbeat (its beat 2) lands on the bar's 3: the trap and
hip-hop half-time feel the network, which learned its backbeat on 2 and 4, does not play at the song's
tempo. What half speed changes beyond that:

- the hats (or ride): the loop's 8ths land on the bar's quarters, where a half-time drummer keeps the
  song's 8ths going over the broad backbeat (its 16ths where the part plays 16ths; the ride, one hand, its 8ths):
  `half_time_hats`; a hat foot under the ride stays a foot, on the song's 2 and 4 (`foot_on_quarters`);
- the accents: GMD's 4/4 accents at half speed (`half_time_accents`), the backbeat loudest on the bar's 3
  and the hats' 8ths softer than its quarters, where a meter's beats would level the bar's 3 with its 8ths;
- the loop beats a bar skips (its beats 3 and 4) lend their off-beat 16ths to the beats it plays, as
  in 6/8 (meter._folds), but not their "and": at half speed it lands on the bar's 2 or 4, where a snare
  is the backbeat half time moves to 3 (`FOLDED_SIXTEENTHS`);
- the fills: a drummer in half time fills at the song's speed, its 16ths the song's, so a phrase's fill
  counts the bar's quarters (`song_quarters`: `beat` its 4, after the backbeat on 3; `half` its 3 and 4)
  and is laid one to one onto the bar's steps over the half-time beat (`lay_fills`); at half speed a
  fill's 16ths had been the bar's 8ths, a few tom strokes over its last half note. A whole-bar fill
  (`--fill-length bar`) plays the half-time beat over the bar's first half unless the fill runs through it
  (`runs_through`): the model's 4/4 fill bar often holds its backbeat on 2, a normal-time snare a half-time
  drummer keeps out of the bar;
- the backbeat: the snare on the bar's 3 stands alone (`lone_backbeat`): a loop whose kick shares its beat 2
  with the snare (some seeded takes) had put the kick under it, and a loop's snare on the "and" of 1 or 2
  lands on the bar's 2 or 4, a normal-time backbeat beside the half-time one (a seeded take's snares on the
  bar's 2, 3 and 4 at 0.8-1.0 of its 3): only a ghost note stays there (`half_time_beat`), and the kick is on
  every bar's 1 (`kick_on_one`);
- the swing: a shuffle's swung 8ths land on the loop's "e" and "a" at half speed, where no swing is read, so a
  half-time part's swing is read and played on its own bars (half_time_swing.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .dynamics import ACCENTS
from .limbs import GHOST_RATIO
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES, runs

if TYPE_CHECKING:
    from .meter import Beat

# A half-time bar is a GroupedBar (meter.py) of 4/4 whose beats are two halves (these groups of quarters).
HALF_TIME_GROUPS = (2, 2)
HALF_BEAT = 8  # 16th steps of a half-note beat
# The 16ths of a skipped loop beat folded onto a half-time beat: its "e" and "a" (the bar's off-beat 8ths).
FOLDED_SIXTEENTHS = (1, 3)
_CLOSED_HAT, _RIDE = VOICES.index("closed_hat"), VOICES.index("ride")
_TIMEKEEPERS = (_CLOSED_HAT, _RIDE)
_KICK, _SNARE, _OPEN_HAT = VOICES.index("kick"), VOICES.index("snare"), VOICES.index("open_hat")
_FILL_DRUMS = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]
# Snare and tom strokes in a bar fill's first half that make it run through the bar (8ths there have 4): a tom on
# the 1 and a snare on the 2 are the model's 4/4 groove before its fill, not a fill.
RUN_STROKES = 3


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
    under a band at 140; an open hat keeping time alone (a wash on the loop's 8ths) plays the bar's 8ths (it had
    played quarters). Time kept anywhere in the bar is kept through it. Each stroke added is as soft as the softest
    of the bar's own. Returns the steps.
    The half-time backbeat is laid here too (`half_time_beat`): meter.py lays a half-time window's hands and
    feet through this one call."""
    half_time_beat(out, [b.start for b in flat if b.length == HALF_BEAT and b.source % 4 == 1])
    added, feet = [], {}
    for beat in flat:
        if beat.length != HALF_BEAT or beat.start + HALF_BEAT > STEPS:
            continue
        # time kept through the bar, read over its steps: a sparse take's hats on the loop's beat 1 alone had
        # left the bar's 3 and 4 bare
        bar_start = beat.start - HALF_BEAT * (beat.source % 4)
        cells = list(range(max(bar_start, 0), min(bar_start + 2 * HALF_BEAT, STEPS)))
        kept = (out[:, cells][:, :, list(_TIMEKEEPERS)] > 0).any((1, 2))
        if bar_start not in feet:
            feet[bar_start] = foot_hat_bars(out, bar_start)
        for v in (*_TIMEKEEPERS, _OPEN_HAT):
            hit = out[:, cells, v] > 0
            # an open hat keeps time where it plays the loop's 8ths (the bar's quarters) and nothing else does;
            # one open on an "and" is an accent, and open 16ths no drummer's wash
            keeps = hit.any(1) if v != _OPEN_HAT else hit[:, ::STEPS_PER_BEAT].all(1) & ~kept
            if v == _CLOSED_HAT:  # the foot's hat under the ride keeps its own beats (`foot_on_quarters`)
                keeps &= ~feet[bar_start]
            if not keeps.any():
                continue
            soft = np.where(hit, out[:, cells, N_VOICES + v], np.inf).min(1)
            # one hand on the ride keeps the bar's 8ths: its 16ths (at 140, a half-time part's) no drummer's ride
            step_every = every if v == _CLOSED_HAT else max(every, 2)
            for step in range(beat.start, beat.start + HALF_BEAT, step_every):
                add = keeps & ~(out[:, step, v] > 0)
                if add.any():
                    out[add, step, v] = 1.0
                    out[add, step, N_VOICES + v] = soft[add]
                    out[add, step, 2 * N_VOICES + v] = 0.0
                    added.append(step)
    for bar_start, foot in feet.items():
        added += foot_on_quarters(out, bar_start, foot)
    return added


def foot_hat_bars(out: np.ndarray, bar_start: int) -> np.ndarray:
    """(N,) bool: the loops (N, 32, 27) on the real grid whose half-time bar from step `bar_start` keeps time on the
    ride with the hi-hat pedal under it (limbs.foot_hat: a closed hat on the loop's beats only, its half-note beats
    at half speed). A jazz drummer's hat foot stays a foot: filled to the bar's 8ths as hands' hats, it had played
    8ths (16ths over a 16th part) beside the ride's, two time-keepers at once."""
    cells = slice(max(bar_start, 0), min(bar_start + 2 * HALF_BEAT, STEPS))
    hat, ride = out[:, cells, _CLOSED_HAT] > 0.5, out[:, cells, _RIDE] > 0.5
    off_half_beats = hat.copy()
    off_half_beats[:, ::HALF_BEAT] = False
    return hat.any(1) & ~off_half_beats.any(1) & ride.any(1)


def foot_on_quarters(out: np.ndarray, bar_start: int, foot: np.ndarray) -> list[int]:
    """In place: the hat foot (`foot_hat_bars`, (N,) bool) of the loops' half-time bar from step `bar_start` on the
    bar's 2 and 4, as the song's drummer keeps it (on all four quarters where it played the bar's 1: a foot on every
    beat), at its softest velocity and on the grid: at half speed the loop's foot on 2 and 4 lands on the bar's 3
    alone, under the backbeat. Returns the steps changed."""
    if not foot.any() or bar_start < 0 or bar_start + 2 * HALF_BEAT > STEPS:
        return []
    bar = out[:, bar_start:bar_start + 2 * HALF_BEAT]
    hat = bar[:, :, _CLOSED_HAT] > 0.5
    vel = np.where(hat, bar[:, :, N_VOICES + _CLOSED_HAT], np.inf).min(1)
    every_beat = foot & hat[:, 0]
    quarters = np.arange(0, 2 * HALF_BEAT, STEPS_PER_BEAT)
    for k in quarters:
        plays = foot & (every_beat | (k % HALF_BEAT != 0))
        bar[foot, k, _CLOSED_HAT::N_VOICES] = 0.0
        bar[plays, k, _CLOSED_HAT] = 1.0
        bar[plays, k, N_VOICES + _CLOSED_HAT] = vel[plays]
    return (bar_start + quarters).tolist()


def half_time_beat(out: np.ndarray, backbeats) -> None:
    """In place on (N, 32, 27) loops on the real grid: the snare on the steps `backbeats` (each half-time bar's 3)
    stands alone (`lone_backbeat`), and a snare on the bar's 2 or 4 beside it at a backbeat's weight (over
    GHOST_RATIO of it, limbs.ghost_snares' ghost-note level) is dropped: the loop's "and" of 1 or 2 lands there at
    half speed, and had played normal time's 2 and 4 over the half-time 3. Softer, it stays a ghost note (capped
    instead, the part's level had raised it to a backbeat's again). And the bar has its kick on the 1
    (`kick_on_one`)."""
    lone_backbeat(out, backbeats)
    kick_on_one(out, [t - HALF_BEAT for t in backbeats])
    vel = out[..., N_VOICES + _SNARE]
    for t in backbeats:
        if not 0 <= t < out.shape[1]:
            continue
        loud = np.where(out[:, t, _SNARE] > 0.5, GHOST_RATIO * vel[:, t], np.inf)
        for beside in (t - STEPS_PER_BEAT, t + STEPS_PER_BEAT):
            if 0 <= beside < out.shape[1]:
                drop = (out[:, beside, _SNARE] > 0.5) & (vel[:, beside] > loud)
                out[drop, beside, _SNARE::N_VOICES] = 0.0


def lone_backbeat(out: np.ndarray, backbeats) -> None:
    """In place on (N, 32, 27) loops on the real grid: no kick on the steps `backbeats` (each half-time bar's 3)
    where the snare plays. In half time the snare on 3 stands alone, the kick on the 1 and around it; the loop's
    beat 2 lands there, and a take whose kick plays with its backbeat had put a kick under it. A bar with no kick
    on its 1 gets that kick there (a take whose only kick was on its beat 2 had played a bar with no kick)."""
    kick = [_KICK + k * N_VOICES for k in range(3)]
    for t in backbeats:
        if 0 <= t < out.shape[1]:
            under = (out[:, t, _SNARE] > 0.5) & (out[:, t, _KICK] > 0.5)
            one = t - HALF_BEAT
            if one >= 0:
                moves = under & ~(out[:, one, _KICK] > 0.5)
                out[moves, one, _KICK] = 1.0
                out[moves, one, N_VOICES + _KICK] = out[moves, t, N_VOICES + _KICK]
                out[moves, one, 2 * N_VOICES + _KICK] = 0.0
            out[np.flatnonzero(under)[:, None], t, kick] = 0.0


def kick_on_one(out: np.ndarray, ones) -> None:
    """In place on (N, 32, 27) loops on the real grid: a half-time bar (its 1 at each step of `ones`) that plays
    kicks has one on its 1, as loud as its loudest: the 1 anchors the broad half-time bar (a seeded take's kicks on
    the "and" of 2, 3 and 4 alone, a high tom on the 1, had left it floating). A bar with no kick keeps none."""
    for one in ones:
        if not 0 <= one < out.shape[1]:
            continue
        bar = slice(one, min(one + 2 * HALF_BEAT, out.shape[1]))
        kicks = out[:, bar, _KICK] > 0.5
        add = kicks.any(1) & ~kicks[:, 0]
        if add.any():
            loudest = np.where(kicks, out[:, bar, N_VOICES + _KICK], 0.0).max(1)
            out[add, one, _KICK] = 1.0
            out[add, one, N_VOICES + _KICK] = loudest[add]
            out[add, one, 2 * N_VOICES + _KICK] = 0.0


def runs_through(first_half: np.ndarray) -> bool:
    """Whether a whole-bar fill's first half-note beat (8 steps, 27) is played as fill: RUN_STROKES snare and tom
    strokes or more; else the half-time beat plays it (`lay_fills`)."""
    return int((first_half[:, _FILL_DRUMS] > 0.5).any(1).sum()) >= RUN_STROKES


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
    if not is_half_time(bar) or not laid_one_to_one(beats):
        return beats
    from .meter import Beat  # (meter.py lays half-time bars with this module)

    start = beats[0].start
    return tuple(Beat(start + STEPS_PER_BEAT * i, STEPS_PER_BEAT, start // STEPS_PER_BEAT + i) for i in range(4))


def laid_one_to_one(beats: tuple[Beat, ...]) -> bool:
    """Whether a half-time bar's beats (meter.window_beats') lie on the loop steps of their own real steps, as in a
    window of 4/4 bars, so its fill can be laid one to one at the song's speed. A half-time bar after a 3/4 or 2/4
    bar in its window starts a beat or two before its loop beat: one to one, its bar line's crash had fallen in the
    bar before it (on the 3/4 bar's beat 3) and that bar's fill on its own 1. Such a bar plays its phrases at half
    speed, on its half-note beats."""
    return bool(beats) and beats[0].start == beats[0].source * STEPS_PER_BEAT


def half_time_steps(meters, n: int) -> np.ndarray:
    """(n, 32) bool: the real steps of each window's half-time bars laid one to one (`laid_one_to_one`; meters: one
    WindowBars or None per window; None: none), where its fills are laid at the song's speed (`lay_fills`); they
    are their loop steps too."""
    from .meter import window_beats  # (meter.py lays half-time bars with this module)

    out = np.zeros((n, STEPS), bool)
    for w in range(n if meters is not None else 0):
        # a window following no bars (None: one too long for a loop) has none, beside windows that do
        for bar, beats in zip(meters[w] or (), (meters[w] and window_beats(meters[w])) or ()):
            if is_half_time(bar) and laid_one_to_one(beats):
                start = round(bar[0] * STEPS_PER_BEAT)
                out[w, start:start + 4 * STEPS_PER_BEAT] = True
    return out


def bar_pieces(lo: int, hi: int) -> list[tuple[int, int]]:
    """A run of half-time fill steps (lo, hi) cut at the bar lines, each piece ending its bar (a fill ends its
    bar: counted back from the run's end; fills in both bars of a window meet in one run)."""
    bar = 2 * HALF_BEAT
    return [(max(lo, end - bar), end) for end in range(hi, lo, -bar)][::-1]


def half_time_fill(fill_loop: np.ndarray, length: int, beat: np.ndarray | None = None) -> np.ndarray:
    """The steps (length, 27) a fill loop lays over the last `length` steps of a half-time bar (fills.fill_part,
    one to one at the song's speed) over `beat` (its steps; None: silence, as fills.laid_fill reads a fill alone).
    A whole-bar fill that does not run through its first half (`runs_through`) plays from the bar's 3, the beat
    before it: the model's fill bar had put its 4/4 backbeat on the bar's 2."""
    from .fills import fill_source, played_fill  # (fills.py reads phrases.py, which reads this module)

    steps = fill_loop[fill_source(fill_loop, length)]
    if length != 2 * HALF_BEAT or runs_through(steps[:HALF_BEAT]):
        return played_fill(steps.copy(), None if beat is None else beat.copy())
    first = np.zeros_like(steps[:HALF_BEAT]) if beat is None else beat[:HALF_BEAT].copy()
    return np.concatenate([first, played_fill(steps[HALF_BEAT:].copy(),
                                              None if beat is None else beat[HALF_BEAT:].copy())])


def lay_fills(out: np.ndarray, fill_loops: np.ndarray, fills: np.ndarray, fill_at: np.ndarray) -> None:
    """In place on a part's (W, 32, 27) loops on their bars: the fill in each half-time bar of the fill windows
    (fill_loops[k] for window fills[k]; fill_at: its steps in half-time bars (`half_time_steps`), the bar's own
    quarters: `song_quarters`) laid one to one onto the bar's steps as fills.fill_part lays a 4/4 fill, over the
    half-time beat played up to it (the backbeat on 3 before a fill on 4; a whole-bar fill: `half_time_fill`).
    The snare on the bar's 3 stands alone (`lone_backbeat`). The engine lays the other bars' fills in the loop's
    frame."""
    for k, w in enumerate(np.asarray(fills).tolist()):
        for lo, hi in runs(fill_at[w]):
            for start, end in bar_pieces(lo, hi):
                out[w, start:end] = half_time_fill(fill_loops[k], end - start, out[w, start:end])
                lone_backbeat(out[w][None], [end - HALF_BEAT])
