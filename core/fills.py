"""Fills and crashes laid into generated loops, as a drummer plays them: a fill's steps taken from a loop
the model played as a fill, and crashes only where a phrase opens (core/phrases.py says where)."""

from __future__ import annotations

import numpy as np

from .half_time import bar_pieces, half_time_fill, half_time_steps
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES, runs
from .phrases import PhrasePlan
from .takes import hit_change, other_seed

CRASH, KICK = VOICES.index("crash"), VOICES.index("kick")
# Voices a drummer's hand leaves to play a crash on the same step.
HAND_VOICES = [VOICES.index(v) for v in ("closed_hat", "open_hat", "ride")]
# Velocity of a crash the model was not asked for (phrase starts in the middle of a loop).
CRASH_VELOCITY = 0.85
# A drummer accents the step that opens a phrase. GMD's train beats, over each loop's mean hit velocity: a crash on
# a downbeat 1.26, the kick under it 1.10 (0.99 on a downbeat with no crash). The crash had taken the loudest hit
# on its step (about the loop's level), so a phrase opened no louder than the hats.
CRASH_ACCENT, KICK_UNDER_CRASH = 1.26, 1.10
FILL_VOICES = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]
TOMS = FILL_VOICES[1:]
# The time-keepers a drummer's hands leave once a fill reaches the toms: GMD's drummers play a hat or ride on
# 70 of their fills' 3018 tom steps (2%), and inside the tom run of 83 of 564 fills; the model kept its hats
# on the beats under its toms (a hat and a tom on beat 4 of most 4/4 fills, hats on every 8th of a 6/8 fill).
KEEPERS = [VOICES.index(v) for v in ("closed_hat", "open_hat", "ride")]


def fill_source(fill_loop: np.ndarray, length: int) -> slice:
    """The steps of a generated fill loop to splice over the last `length` steps of a phrase's bar.

    The model plays its fill into the end of a loop bar, so the fill is the last `length` steps of one:
    a bar of the song ends on a loop bar line only in 4/4 (a 6/8 bar plays loop beats 1-2, a 5/4 bar
    1, 2, 4 | 5, 6), and taking the steps where the song's bar ends inside the loop bar gave those
    meters the beat's groove instead of the fill. From whichever of the loop's two bars plays the
    busier fill (drums and snare): a model may put its fill in either bar. Where neither bar's end holds
    MIN_FILL_STROKES, the busiest steps ending on another of the loop's beats: the model's 6/8 fill loops run
    their toms early in the loop bar, and a fill asked for in a 6/8 bar had been one tom stroke, or none."""
    bar = STEPS // 2
    last = slice(STEPS - length, STEPS)
    first = slice(bar - length, bar)
    busy = lambda sl: int((fill_loop[sl, FILL_VOICES] > 0.5).sum())  # noqa: E731
    chosen = last if first.start < 0 or busy(first) <= busy(last) else first
    if busy(chosen) >= MIN_FILL_STROKES:
        return chosen
    # the latest of the busiest (nearest a bar's end, where the model's fill leads)
    spans = [slice(e - length, e) for e in range(STEPS, length - 1, -STEPS_PER_BEAT)]
    best = max(spans, key=busy)
    return best if busy(best) > busy(chosen) else chosen


MIN_FILL_STROKES = 2  # snare and tom strokes that make a fill (one stroke is a beat's accent, not a fill)


# A fill played again over the same bars is drawn at least this far out (a seeded take's TAKE_TEMPERATURE):
# at the most likely drums (temperature 0) a repeat is the first fill note for note (a 16-bar riff with
# --fill-every 2 played one fill 4 times); freedoom's drummers replay their previous fill at 56 of 244 phrase ends.
FILL_TEMPERATURE = 0.3


def fill_repeats(keys: list, fills: np.ndarray) -> np.ndarray:
    """Per window, how many earlier fill windows play the same (key: its loop's bars, groove, phrase plan and
    draw); 0 for the first of them and for windows without a fill."""
    seen: dict = {}
    out = np.zeros(len(keys), np.int64)
    for i, key in enumerate(keys):
        if fills[i]:
            out[i] = seen.get(key, 0)
            seen[key] = out[i] + 1
    return out


def fill_draws(repeats: np.ndarray, seeds, temperatures) -> tuple[np.ndarray, np.ndarray]:
    """(seed, temperature) per fill window to draw its fill at: the window's own for a first fill, a seed
    of its own (takes.other_seed) at FILL_TEMPERATURE or more for a repeat (a drummer fills again, not the
    same fill; the beat under it stays the window's)."""
    n = len(repeats)
    seeds = np.broadcast_to(np.asarray(seeds, np.int64), (n,)).copy()
    temps = np.broadcast_to(np.asarray(temperatures, np.float64), (n,)).copy()
    for i in np.flatnonzero(repeats):
        seeds[i], temps[i] = other_seed(int(seeds[i]), int(repeats[i])), max(temps[i], FILL_TEMPERATURE)
    return seeds, temps


def repeat_draws(fills: np.ndarray, fill_steps: np.ndarray, meters, seed, temperature,
                 settings) -> tuple[np.ndarray, np.ndarray]:
    """`fill_draws` for the fill windows `fills` (indices) of a part (fill_steps, meters: Engine.play_part's;
    seed, temperature: one or one per window, None: the settings'): a fill repeats each earlier one over the
    same steps of the same bars at the same draw, whatever the band plays under it (a riff played again is
    rarely the same MIDI to the tick, and the model's most likely fill was the same over each)."""
    draw = [np.broadcast_to(np.asarray(d if a is None else a), fill_steps.shape[:1]) for a, d in
            ((seed, settings.seed), (temperature, settings.temperature))]
    keys = [(fill_steps[i].tobytes(), None if meters is None else meters[i], int(draw[0][i]), float(draw[1][i]))
            for i in fills]
    return fill_draws(fill_repeats(keys, np.ones(len(keys), bool)), draw[0][fills], draw[1][fills])


# A fill drawn again is heard as another fill when its snare and toms differ from the last fill's in at least
# this share of their hits (takes.hit_change): one hit added, dropped or moved in a 2-beat fill of 5 drum hits
# (the funk riff's bar 8 dropping bar 4's high tom), in a 1-beat one of 2-3. At FILL_TEMPERATURE the shipped
# model replayed the last fill's drums hit for hit at about half the phrase ends of a 3/4, 6/8 or 12/8 riff.
MIN_FILL_CHANGE = 0.2
FILL_REDRAWS = 8  # the other seeds a fill too like the last ones (or no fill at all) is drawn at, in one call
# ... the last of them further out: at 0.5 some draws play no fill (no toms) or a ride on every 16th, which
# `fill_faults` turns down.
FILL_LADDER = (*[FILL_TEMPERATURE] * 4, *[0.4] * 4)


def laid_fill(fill_loop: np.ndarray, fill_at: np.ndarray, half_at: np.ndarray | None = None) -> np.ndarray:
    """The hits (steps, 9) a fill loop lays over a window's fill steps (`fill_part` on each of its runs; on its
    half-time bars' steps `half_at`, half_time.half_time_fill on each bar's piece, as lay_fills lays them: a bar
    fill judged on strokes half time drops had been kept with one tom stroke left)."""
    half = np.zeros_like(fill_at) if half_at is None else fill_at & half_at
    pieces = [(lo, fill_part(fill_loop, hi - lo)) for lo, hi in runs(fill_at & ~half)]
    pieces += [(lo, half_time_fill(fill_loop, hi - lo)) for run in runs(half) for lo, hi in bar_pieces(*run)]
    parts = [part for _, part in sorted(pieces, key=lambda piece: piece[0])]
    return np.concatenate(parts)[:, :N_VOICES] > 0.5 if parts else np.zeros((0, N_VOICES), bool)


# ... nor from the two fills before it (a waltz with --fill-every 1 played its fills A B C A, its 6/8 A B A B).
FILL_MEMORY = 3


def fill_faults(hits: np.ndarray, last: list) -> tuple:
    """What is wrong with a fill's laid hits (steps, 9) after the `last` fills (FILL_MEMORY at most, laid hits,
    the latest last), best first: it is no fill (under MIN_FILL_STROKES snare and tom strokes), a hat or ride plays with its toms
    or on every step (time kept through the fill), it differs from the latest fill's snare and toms in under
    MIN_FILL_CHANGE of their hits, from one of the others'; then the nearer the last fills, the worse."""
    drums = hits[:, FILL_VOICES]
    toms, keep = hits[:, TOMS].any(1), hits[:, KEEPERS].any(1)
    change = [hit_change(drums, other[:, FILL_VOICES]) if other.shape == hits.shape else 1.0 for other in last]
    return (int(drums.sum()) < MIN_FILL_STROKES, bool((toms & keep).any() or keep.all()),
            min(change[-1:], default=1.0) < MIN_FILL_CHANGE, min(change, default=1.0) < MIN_FILL_CHANGE,
            -min(change, default=1.0))


def draw_fills(decode, fills: np.ndarray, fill_steps: np.ndarray, meters, seed, temperature,
               settings, bigger: np.ndarray | None = None) -> np.ndarray:
    """The fill loops of a part's fill windows `fills` (indices), each a fill of its own after the last ones.

    Each is drawn at `repeat_draws`'s draw (one model call for all). Then, in order, one after the first
    whose laid fill (`laid_fill`) has a `fill_faults` fault after the fills kept before it (the drums of one
    of the last three; for a repeat's own draw, also no fill or time kept through it) is drawn again at
    FILL_REDRAWS other seeds of its own draw (takes.other_seed, FILL_LADDER's temperatures: one call for
    them): the first draw without faults is kept, else the best. A fill into a section (bigger: per fill, None:
    none) is drawn so too and the busiest draw without faults kept (`busiest`). decode(k, seeds, temperatures)
    -> fill loops of the windows fills[k]. Same settings + same seed = the same fills."""
    seeds, temps = repeat_draws(fills, fill_steps, meters, seed, temperature, settings)
    loops = decode(np.arange(len(fills)), seeds, temps)
    own = np.broadcast_to(np.asarray(settings.seed if seed is None else seed, np.int64), fill_steps.shape[:1])
    repeat = seeds != own[fills]  # drawn again (`fill_draws`): a draw of its own, away from the most likely fill
    half = half_time_steps(meters, len(fill_steps))
    laid = lambda loop, w: laid_fill(loop, fill_steps[w], half[w])  # noqa: E731 - as the part lays it
    last: list = []
    plays = settings.voice_groups.get("toms", True) and settings.voice_groups.get("snare", True)
    for k, w in enumerate(fills.tolist()):
        rank = fill_faults(laid(loops[k], w), last)
        # no fill at all is drawn again for any fill (a 6/8 part's first fill had been a ride bar, no tom)
        big = bigger is not None and bool(bigger[k]) and plays
        if big or (rank[0] and plays) or (k and (rank[2] or rank[3] or (repeat[k] and any(rank[:2])))):
            more = decode(np.full(FILL_REDRAWS, k), np.array([other_seed(int(seeds[k]), 100 + j)
                                                             for j in range(FILL_REDRAWS)], np.int64),
                          np.maximum(temps[k], FILL_LADDER))
            tried = [loops[k], *more]
            ranks = [rank, *(fill_faults(laid(loop, w), last) for loop in more)]
            clean = [i for i, r in enumerate(ranks) if not any(r[:4])]
            if big and clean:
                clean = [clean[busiest([laid(tried[i], w) for i in clean])]]
            loops[k] = tried[clean[0] if clean else min(range(len(ranks)), key=ranks.__getitem__)]
        last = [*last, laid(loops[k], w)][-FILL_MEMORY:]
    return loops


def busiest(laid: list) -> int:
    """Which of some fills' laid hits (steps, 9) is the biggest, as a drummer builds into a section: the most
    snare and tom strokes, then the most toms (around the kit), the first of equals. With --fill-every 4bars
    the fill into a pop song's last chorus had been 6 strokes, 2 of the phrase fills before it 7."""
    return max(range(len(laid)), key=lambda i: (int(laid[i][:, FILL_VOICES].sum()),
                                                int(laid[i][:, TOMS].any(0).sum()), -i))


def fill_part(fill_loop: np.ndarray, length: int, beat: np.ndarray | None = None) -> np.ndarray:
    """The steps of a generated fill loop (32, 27) to lay over the last `length` steps of a phrase's bar
    (`fill_source`), played as a drummer plays a fill: the hands leave the hats and ride from its first tom on
    (the time up to the toms, a snare lead-in's hats, stays). beat: the steps (length, 27) it lays over: up to
    its first snare or tom the beat plays on (a half-bar fill of toms on beat 4 had played beat 3 as one ride
    stroke, the groove gone)."""
    return played_fill(fill_loop[fill_source(fill_loop, length)].copy(), beat)


def played_fill(part: np.ndarray, beat: np.ndarray | None = None) -> np.ndarray:
    """A fill's steps (length, 27; in place, returned) played as `fill_part` plays them over `beat`: the hands off
    the hats and ride from its first tom, the beat up to its first snare or tom, its lead-in on the beat's cymbal
    (half_time.lay_fills plays a bar fill's second half alone)."""
    toms = np.flatnonzero(part[:, TOMS].any(1))
    if len(toms):
        part[toms[0]:, [v + k * N_VOICES for v in KEEPERS for k in range(3)]] = 0.0
    drums = np.flatnonzero(part[:, FILL_VOICES].any(1))
    if beat is not None and len(drums) and drums[0] > 0:
        part[:drums[0]] = beat[:drums[0]]
    if beat is not None:
        _on_the_beats_cymbal(part, beat)
    return part


RIDE, HATS = VOICES.index("ride"), [VOICES.index(v) for v in ("closed_hat", "open_hat")]


def _on_the_beats_cymbal(part: np.ndarray, beat: np.ndarray) -> None:
    """A fill's time-keeper strokes (part (length, 27), in place; before its toms: `fill_part` leaves none after)
    played on the one cymbal the beat (the steps it lays over, as long) keeps time on: the model's fills often
    take their lead-in on the other (a hat-and-snare stroke on beat 3 of a ballad ridden on the ride, a ride
    stroke under a punk beat's snare on the hats), the hand jumping cymbals for one stroke and back at the crash.
    A hat stroke goes where the beat plays its hat open, else closed; a beat on both (a jazz ride over the hat's
    foot on 2 and 4) or neither leaves the fill's as they are."""
    n = N_VOICES
    keeps = beat[:, :n] > 0.5
    on_ride, on_hats = bool(keeps[:, RIDE].any()), bool(keeps[:, HATS].any())
    if on_ride == on_hats:
        return
    strays = HATS if on_ride else [RIDE]
    for t in np.flatnonzero(part[:, strays].max(1) > 0.5):
        stray = max((v for v in strays if part[t, v] > 0.5), key=lambda v: part[t, n + v])
        if on_ride:
            own = RIDE
        else:
            own = HATS[1] if keeps[t, HATS[1]] else HATS[0]
        velocity, offset = float(part[t, n + stray]), float(part[t, 2 * n + stray])
        part[t, [v + k * n for v in strays for k in range(3)]] = 0.0
        if part[t, own] <= 0.5:
            part[t, [own, n + own, 2 * n + own]] = (1.0, velocity, offset)


def climb(part: np.ndarray, beat: np.ndarray) -> None:
    """A fill's snare and tom strokes (part (length, 27), in place) raised, never lowered, to climb from the beat's
    level to its backbeat's (`beat` (32, 27): the window's beat; the loudest snare, else its loudest hit), as
    GMD's drummers' fills climb and FILL_ACCENTS shapes a 4/4 band fill. Outside 4/4 a fill kept the part's touch
    and fell away under the backbeat into the crash (a 3/4 fill at 81 then 71 beside snares at 105-119)."""
    n = N_VOICES
    level, hits = _loop_level(beat), beat[:, :n] > 0.5
    strokes = np.flatnonzero(part[:, FILL_VOICES].max(1) > 0.5)
    if level is None or not len(strokes):
        return
    snare = beat[hits[:, FILL_VOICES[0]], n + FILL_VOICES[0]]
    top = float(snare.max()) if len(snare) else float(beat[:, n:2 * n][hits].max())
    for step, target in zip(strokes, np.linspace(min(level, top), top, len(strokes))):
        for v in FILL_VOICES:
            if part[step, v] > 0.5:
                part[step, n + v] = max(part[step, n + v], target)


def place_crashes(loops: np.ndarray, plan: PhrasePlan, most: int | None = None, accent: float = 1.0) -> None:
    """Crashes only where phrases open: the model's own on a loop's downbeat, a new one mid-loop.

    The contract asks the model for no crash elsewhere; this keeps it for
    models that ignore the flag. A crash the model did not play takes the
    loudest hit on its step (or CRASH_VELOCITY) and the hat hand that plays it.
    Each phrase's first step is accented: its crash at least CRASH_ACCENT times the loop's mean hit velocity,
    the kick under it KICK_UNDER_CRASH louder; accent: how much of that (the Humanize amount: 0 adds none).
    most: the crashes a loop may have (settings.max_hits), the first phrase starts keeping theirs.
    """
    n = N_VOICES
    keep = plan.crash_steps
    if most is not None:
        keep = keep & (np.cumsum(keep, 1) <= most)
    loops[~keep, CRASH :: n] = 0.0
    for w, t in zip(*np.nonzero(keep)):
        step = loops[w, t]
        if step[CRASH] == 0:
            loudest = float(step[n : 2 * n].max())
            step[[h + k * n for h in HAND_VOICES for k in range(3)]] = 0.0
            step[[CRASH, n + CRASH, 2 * n + CRASH]] = (1.0, loudest if loudest > 0 else CRASH_VELOCITY, 0.0)
        accent_step(loops[w], t, accent)


def _loop_level(loop: np.ndarray) -> float | None:
    """A loop's (32, 27) mean hit velocity, its crash left out (the level a phrase's accent stands above); None
    for a loop with no other hit."""
    hits = loop[:, :N_VOICES] > 0.5
    hits[:, CRASH] = False
    return float(loop[:, N_VOICES : 2 * N_VOICES][hits].mean()) if hits.any() else None


def accent_step(loop: np.ndarray, t: int, accent: float, level: float | None = None) -> None:
    """Step t of a loop (32, 27) that opens a phrase or stops the band, in place, accented as GMD's drummers
    accent a crashed downbeat: its crash at least CRASH_ACCENT times the loop's level (its mean hit velocity, the
    crash left out; or `level`), the kick on it KICK_UNDER_CRASH louder. accent: how much of that (the Humanize
    amount: 0 adds none)."""
    n = N_VOICES
    if accent <= 0 or loop[t, CRASH] <= 0.5:  # (the cheap looks first: the level reads the whole loop)
        return
    level = _loop_level(loop) if level is None else level
    if level is None:
        return
    loop[t, n + CRASH] = min(max(loop[t, n + CRASH], level * (1 + accent * (CRASH_ACCENT - 1))), 1.0)
    loop[t, n + KICK] = min(loop[t, n + KICK] * (1 + accent * (KICK_UNDER_CRASH - 1)), 1.0)


def end_on_hit(loops: np.ndarray, window: int, step: int, groups: dict[str, bool],
               until: tuple[int, int] | None = None, keep: np.ndarray | None = None,
               lead: tuple[int, int] | None = None, accent: float = 1.0) -> None:
    """The drums' hit with the band stopping dead (stops.band_stops), in place on loops on the real grid:
    a kick and a crash on it where their groups play, the hat hand on the crash, and nothing after it (the
    crash rings) up to `until` (window, step: where the band comes back; None: the part's end) but the
    `keep` (W, 32) steps from `lead` (window, step) on (the fill into the comeback). Its velocity is the loudest on the step (else
    CRASH_VELOCITY), accented as a phrase's first step is (`accent_step`, at the window's level before the stop)."""
    n = N_VOICES
    level = _loop_level(loops[window]) if accent > 0 else None  # (before the steps after the stop fall silent)
    at = np.arange(loops.shape[0] * STEPS).reshape(-1, STEPS)  # each step's place in time, window by window
    rest = (at > window * STEPS + step) & (at < (np.inf if until is None else until[0] * STEPS + until[1]))
    if keep is not None and until is not None and lead is not None:
        rest &= ~(keep & (at >= lead[0] * STEPS + lead[1]))
    loops[rest] = 0.0
    hit = loops[window, step]
    loud = float(hit[n:2 * n].max()) or CRASH_VELOCITY
    adds = [v for v, group in ((KICK, "kick"), (CRASH, "cymbals")) if groups.get(group, True)]
    if CRASH in adds:
        hit[[h + k * n for h in HAND_VOICES for k in range(3)]] = 0.0
        # one hand on the crash, the other on at most one drum: a fill's snare and tom struck with it had made
        # three hands on the song's last hit (the loudest of them kept)
        struck = [v for v in FILL_VOICES if hit[v] > 0.5]
        for v in sorted(struck, key=lambda v: -hit[n + v])[1:]:
            hit[[v, n + v, 2 * n + v]] = 0.0
    for v in adds:
        if hit[v] == 0:
            hit[[v, n + v, 2 * n + v]] = (1.0, loud, 0.0)
    accent_step(loops[window], step, accent, level)


__all__ = ["climb", "draw_fills", "end_on_hit", "fill_draws", "fill_part", "fill_repeats", "played_fill", "fill_source", "repeat_draws", "place_crashes", "accent_step", "FILL_VOICES", "CRASH_VELOCITY"]
