"""A live take's drifting tempo: beats followed through the file, as a tempo map.

A part played without a click speeds up and slows down; read at one tempo,
its notes slide across the grid (at 100 -> 108 BPM over 40 s, by half a beat
at either end) and the drums drift away from it. Here the beats are tracked
through the onset envelope by librosa's dynamic-programming beat tracker
(Ellis 2007; in numpy in core/audio_dsp.py) around the estimated tempo,
stiffly (TIGHTNESS: it follows a drift, not each note's jitter); a
phase-locked loop on the onsets was tried first and lost the beat on syncopated parts whose estimate started off.
A take that drifts far (126 -> 114 BPM over 48 s: at one tempo its beats
stray by half a beat) blurs the whole take's estimate, which then lands at
a wrong metrical level (half, or 3:2 between levels) or holds the tracker
to a tempo the take has left. So the tempo is first read per 12 s window
(a comb fit, as the steady estimate refines its tempo) and the windows'
tempi fitted with a quadratic in time (`tempo_curve`); where one steady
tempo through that curve would be 80 ms off the beat somewhere, the take
is played back steadily along the curve and its tempo octave and bar 1
estimated on that as for a steady take, and the tracker follows the curve
(a tempo per frame; a take whose tempo steps between two steady sections,
a chorus faster than its verse, gets a step for a curve and is smoothed on
each side of it: core/audio_tempo_step.py). Its ends, where it bends to the
last few notes (or squeezes its beats into the file's last frame: `_bent`), are carried on by
the curve's beats; past the take's first and last notes
(where the tracker squeezes its beats through the ringing out to the file's
end) the beats go on at the tempo of the heard beats next to them.
Steady parts keep their one tempo: the map is used only where the tracked
beats stray from the steady grid by more than a 32nd *and* put the onsets
closer to the 16ths than the steady grid does, so jitter and syncopation
change nothing (none of 60 rendered steady parts, 72-165 BPM, got a map).

The map has a tempo per bar, from bar lines of the tracked beats; beats
count from the file's start (beat 0 at 0 s), so drums written with this map
line up with the audio when both start together. Files longer than
MAX_DRIFT_S keep one tempo (the tracker holds a few float64 copies of the
envelope).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .audio_section_octave import section_octave
from .audio_tempo_step import beat_lost, smooth_sections, step_curve, step_of, tempo_step

if TYPE_CHECKING:
    from .audio_envelope import Envelope
    from .audio_pick import Onsets

TIGHTNESS = 400.0  # how hard a beat-to-beat interval is held to the tempo (100: it followed jitter and syncopation)
NEAR = 1 / 6  # an onset within this part of a beat counts as on it
MAX_DRIFT_S = 20 * 60.0  # longer files (not one take) keep one tempo
MIN_DRIFT = 1 / 12  # beats: a map only where the tracked beats stray this far from the steadiest grid (1/8: notes change step)
SMOOTH_BEATS = 8
MIN_GAIN = 0.8  # ... and the onsets' mean distance to the 16ths falls below this part of the steady grid's
# The tempo curve of a take that drifts far: a comb-fitted tempo per window of onsets.
WINDOW_S = 12.0  # a drift of 10% over 40 s moves the beat by under 20 ms within one
WINDOW_HOP_S = 3.0
MAX_WINDOWS = 64  # longer takes space their windows further apart (a 10-minute file: 0.2 s for its curve)
CURVE_SPAN = 0.12  # local tempi are sought within this part of the whole take's
MAX_QUADRATIC_ROUGH = 0.006  # log tempo's rms off the quadratic above which the windows' own tempi are the curve
# (ramping takes: at most 0.0018; a take swinging +-3%: 0.016)
WOBBLE_WINDOW_S = 8.0
MIN_CURVE_DRIFT_S = 0.08  # the curve is followed where one steady tempo through it is this far off the beat somewhere
LEVEL_TIE = 0.5  # log-probability: readings of the steady take this close leave the tempo's level to the whole take's estimate
MAX_STRAY = 1 / 8  # a tracked beat-to-beat interval this far off the curve's, near an end, ends the tracked beats there
MAX_BEND = 1 / 16  # beats: a tracked beat this far off the line through its inward neighbours, near an end, ends them there
EDGE_BEATS = 8  # the heard beats whose tempo carries the beats on past the take's first and last notes
OFF_GRID = 1 / 12  # beats: a tracked beat this far off the curve's grid, next to a run half a beat off it, slides there


def _tracked(env: "Envelope", bpm: float | np.ndarray) -> np.ndarray:
    """Beat times (s) tracked through the onset envelope around `bpm` (one tempo, or one per frame)."""
    from .audio_dsp import track_beats

    return track_beats(env.flux.astype(np.float64), sr=env.sample_rate, hop_length=env.hop, bpm=bpm, tightness=TIGHTNESS)


def _window_tempi(times: np.ndarray, w: np.ndarray, ref: float, window_s: float = WINDOW_S) -> tuple[np.ndarray, np.ndarray]:
    """(window centres s, local tempo BPM): the comb's best tempo within CURVE_SPAN of `ref` in each `window_s` of onsets."""
    from .audio_tempo import comb_score

    grid = ref * np.exp(np.linspace(np.log(1 - CURVE_SPAN), np.log(1 + CURVE_SPAN), 241))
    centres, tempi = [], []
    hop = max(WINDOW_HOP_S, (times[-1] - times[0]) / MAX_WINDOWS)
    n = int(np.floor((times[-1] - times[0] - window_s) / hop)) + 2  # the first from the first onset, the last to the last
    for s in np.linspace(times[0], times[-1] - window_s, n):
        m = (times >= s) & (times < s + window_s)
        if m.sum() >= 8:
            score, _ = comb_score(times[m], w[m], grid)
            centres.append(s + window_s / 2)
            tempi.append(grid[int(np.argmax(score))])
    return np.asarray(centres), np.asarray(tempi)


def tempo_curve(env: "Envelope", onsets: "Onsets", bpm: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(window centres s, local tempo BPM at one metrical level) of a take whose tempo moves, or None.

    Each WINDOW_S of onsets gets its own comb-fitted tempo (within a window a
    drift moves the beat little), around the estimated tempo and around each
    tempo candidate (a drift can blur the whole take's estimate to a wrong
    level, and a local search around a level that is not the take's jumps
    between levels): the level whose local tempi move most smoothly (least
    off a quadratic in time) is kept; its curve is that quadratic, or where the windows' tempi stray from it
    by more than MAX_QUADRATIC_ROUGH (a tempo swinging back and forth) their own tempi over shorter windows
    (`_wobble`). None where the take is too short for
    3 windows, or where the local tempi move its beats less than
    MIN_CURVE_DRIFT_S from one steady tempo (a steady take, or one the
    steady estimate and the tracker follow as they are).
    """
    from .audio_tempo import tempo_candidates

    times = np.asarray(onsets.times, np.float64)
    w = np.asarray(onsets.velocity, np.float64)
    if len(times) < 16 or times[-1] - times[0] < WINDOW_S + 2 * WINDOW_HOP_S:
        return None
    best, best_rough, best_ref = None, np.inf, float(bpm)  # the smoothest level's quadratic fit (of log tempo in time)
    refs = [float(bpm)]
    for c in tempo_candidates(env, onsets):
        if all(abs(c / r - 1) > CURVE_SPAN / 2 for r in refs):
            refs.append(c)
    for ref in refs:
        centres, tempi = _window_tempi(times, w, ref)
        if len(tempi) < 3:
            continue
        x = np.log(tempi)
        fit = np.polyfit(centres, x, 2)
        rough = float(np.sqrt(np.mean((x - np.polyval(fit, centres)) ** 2)))
        if rough < best_rough - 1e-4:
            best, best_rough, best_ref = fit, rough, ref
    # Two steady sections (a chorus faster than the verse) step: the windows over the change blur a quadratic.
    step = tempo_step(times, w, float(bpm), WINDOW_S, WINDOW_HOP_S, MAX_WINDOWS)
    if step is not None and (best is None or step[3] < best_rough):
        step = section_octave(times, w, step, float(bpm))  # a section at 3:2 read at 4:3, an octave off: moved
        return step_curve(step[0], step[1], step[2], times[-1])
    if best is None:
        return None
    # The curve is the quadratic (a drift is slow; the tracker follows what it leaves out), over the
    # whole take: the windows' centres stop half a window short of either end.
    centres = np.linspace(times[0], times[-1], max(2, int(np.ceil(times[-1] - times[0])) + 1))
    tempi = np.exp(np.polyval(best, centres))
    if best_rough > MAX_QUADRATIC_ROUGH:
        tempi = _wobble(times, w, best_ref, centres)
    # How far one steady tempo through the curve leaves its beats (s): the warped time's distance from a straight line.
    t = np.linspace(times[0], times[-1], 512)
    warped = _warp(centres, tempi, t)
    off = warped - np.polyval(np.polyfit(t, warped, 1), t)
    if np.max(np.abs(off)) < MIN_CURVE_DRIFT_S:
        return None
    return centres, tempi


def _wobble(times: np.ndarray, w: np.ndarray, ref: float, centres: np.ndarray) -> np.ndarray:
    """The tempo at `centres` of a take whose tempo swings back and forth (no quadratic follows it): the
    comb's tempo per WOBBLE_WINDOW_S of onsets, smoothed over three windows, held flat past the outer ones.

    A tempo swinging +-4% every 23 s left a quadratic up to 4.4% off it; the tracker held to that lost half
    a beat two thirds through the take and the drums' last bars sat 255 ms off. Shorter windows than the
    quadratic's (12 s average half such a swing away) kept the local tempo within 0.7%."""
    mids, local = _window_tempi(times, w, ref, WOBBLE_WINDOW_S)
    if len(local) >= 3:
        local = np.exp(np.convolve(np.pad(np.log(local), 1, mode="edge"), np.ones(3) / 3, "valid"))
    return np.interp(centres, mids, local)


def _warp(centres: np.ndarray, tempi: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Seconds of a steady take (at the curve's mean tempo) for the drifting take's seconds `t` (increasing)."""
    r = np.interp(t, centres, tempi) / np.mean(tempi)
    return np.concatenate([[t[0]], t[0] + np.cumsum(0.5 * (r[1:] + r[:-1]) * np.diff(t))])


def _mend_ends(beats_t: np.ndarray, centres: np.ndarray, tempi: np.ndarray, duration_s: float, force: bool = False) -> np.ndarray:
    """The tracked beats, their ends where the tracker strayed from the tempo curve replaced by the curve's beats.

    With a neighbour on one side only, the tracker bends its last beats by
    a sixth or more to land on the few notes there (a syncopated ending, a
    pickup); a beat-to-beat interval that far off the curve's, in either
    outer quarter of the take, cuts the tracked beats there, and the curve's
    beats carry them on to the file's ends (`force`: from one beat, too).
    """
    if len(beats_t) < 8 and not force:
        return beats_t
    period = 60.0 / np.interp(beats_t[:-1], centres, tempi)
    bad = np.abs(np.diff(beats_t) / period - 1) > MAX_STRAY
    quarter = len(bad) // 4
    bent = _bent(beats_t, period)  # cut before a bent beat near the start, after one near the end
    bad[: len(bad) // 2] |= bent[: len(bad) // 2]
    bad[len(bad) // 2:] |= bent[len(bad) // 2 + 1:]
    head = np.flatnonzero(bad[:quarter])
    tail = np.flatnonzero(bad[len(bad) - quarter:])
    lo = int(head[-1]) + 1 if len(head) else 0
    hi = len(bad) - quarter + int(tail[0]) if len(tail) else len(beats_t) - 1
    before, after = [], []
    t = beats_t[lo]
    while t > 0:
        t -= _beat_s(t, -1.0, centres, tempi)
        before.append(t)
    t = beats_t[hi]
    while t < duration_s:
        t += _beat_s(t, 1.0, centres, tempi)
        after.append(t)
    return np.concatenate([before[::-1], beats_t[lo : hi + 1], after])


def _beat_s(t: float, way: float, centres: np.ndarray, tempi: np.ndarray) -> float:
    """The length (s) of the curve's beat from `t` on (`way` 1) or back (-1): its tempo halfway through it (at
    a beat a few ms short of a step to a chorus 4/3 as fast, the tempo where it starts gave every later beat a 16th off)."""
    return 60.0 / float(np.interp(t + way * 30.0 / float(np.interp(t, centres, tempi)), centres, tempi))


def _bent(beats_t: np.ndarray, period: np.ndarray) -> np.ndarray:
    """Per beat: whether, within EDGE_BEATS of either end, it sits MAX_BEND of a beat off the line through
    the 2 * EDGE_BEATS beats inward of it (none where the take has under 6 * EDGE_BEATS beats); counted in the
    tempo curve's beats (`period`: its beat-to-beat seconds at each beat), which a ramp's beats keep in line.

    Squeezing its last beats into the file's last frame, the tracker shortened each by 12% (under MAX_STRAY),
    and over three beats that put a steady 10-minute take's last heard beat 90 ms early: its map then ran
    97.0-99.8 BPM and its last bars' drums sat 37 ms off. A 15-minute drifting take's last tracked beat, bent
    60 ms onto its last note (under the 1/10 of a beat this was), smoothed into its last 2 bars: 56 ms off."""
    n = len(beats_t)
    out = np.zeros(n, bool)
    if n < 6 * EDGE_BEATS:
        return out
    at = np.concatenate([[0.0], np.cumsum(np.diff(beats_t) / period)])  # in the curve's beats
    k = np.arange(n, dtype=np.float64)
    for edge, ref in ((np.arange(EDGE_BEATS), np.arange(EDGE_BEATS, 3 * EDGE_BEATS)),
                      (np.arange(n - EDGE_BEATS, n), np.arange(n - 3 * EDGE_BEATS, n - EDGE_BEATS))):
        out[edge] = np.abs(at[edge] - np.polyval(np.polyfit(k[ref], at[ref], 1), k[edge])) > MAX_BEND
    return out


def _grid_where_offbeat(beats_t: np.ndarray, grid: np.ndarray, off: np.ndarray) -> np.ndarray:
    """The tracked beats, each run of at least EDGE_BEATS sitting half a beat off the curve's `grid` (`off`: each
    beat's distance from it, in beats), with the beats sliding there from the grid, replaced by the grid's beats.

    Two minutes into a 3-minute band take drifting 97.3 -> 101 BPM the tracker slid onto the offbeats and held
    them to the end: the drums of its last 115 beats sat 300 ms (half a beat) off the band's."""
    half = off > 0.25
    if half.sum() < EDGE_BEATS:
        return beats_t
    sliding = off > OFF_GRID
    edges = np.flatnonzero(np.diff(np.concatenate([[0], half.astype(np.int8), [0]])))
    spans: list[list[int]] = []
    for a, b in zip(edges[::2], edges[1::2]):
        if b - a < EDGE_BEATS:
            continue
        while a > 0 and sliding[a - 1]:
            a -= 1
        while b < len(beats_t) and sliding[b]:
            b += 1
        if spans and a <= spans[-1][1]:  # two runs widened over the same sliding beats: one span (put in once)
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    keep, put = np.ones(len(beats_t), bool), []
    p = float(np.median(np.diff(grid)))
    for a, b in spans:
        keep[a:b] = False
        lo = beats_t[a - 1] + p / 2 if a > 0 else -np.inf
        hi = beats_t[b] - p / 2 if b < len(beats_t) else np.inf
        put.append(grid[(grid > lo) & (grid < hi)])
    return np.sort(np.concatenate([beats_t[keep], *put])) if put else beats_t


def _carry_past_the_notes(beats_t: np.ndarray, times: np.ndarray, duration_s: float) -> np.ndarray:
    """The tracked beats within the take's notes, carried on past its first and last notes at the tempo
    of the heard beats at each end.

    Past the last note the tracker still places beats, out to the file's end through the notes' ringing,
    and squeezes them 7-12% (a steady 160 BPM waltz's last beats at 172 BPM): smoothed, that rush reached
    back into the played bars, and a steady take got a map up to 168 BPM, a drifting one a last bar 90 ms early.
    """
    if len(beats_t) < 2 * EDGE_BEATS + 2:
        return beats_t
    p = np.diff(beats_t)
    heard = beats_t[(beats_t >= times[0] - NEAR * p[0]) & (beats_t <= times[-1] + NEAR * p[-1])]
    if len(heard) < 2 * EDGE_BEATS + 2:
        return beats_t
    # The tempo at each end: the slope there of a quadratic through the 2 * EDGE_BEATS heard beats next to it
    # (a take slowing 126 -> 114 BPM still slows over its last bars; their mean tempo rushed its last beat 24 ms).
    k = np.arange(2 * EDGE_BEATS, dtype=np.float64)
    head = float(np.polyval(np.polyder(np.polyfit(k, heard[: 2 * EDGE_BEATS], 2)), 0.0))
    tail = float(np.polyval(np.polyder(np.polyfit(k, heard[-2 * EDGE_BEATS:], 2)), k[-1]))
    p_mid = float(np.median(np.diff(heard)))
    if not (0.8 * p_mid < head < 1.25 * p_mid and 0.8 * p_mid < tail < 1.25 * p_mid):
        return beats_t
    before = heard[0] - head * np.arange(int(np.ceil(heard[0] / head)), 0, -1)  # the first at or before 0 s
    after = heard[-1] + tail * np.arange(1, int(np.ceil(max(duration_s - heard[-1], 0.0) / tail)) + 1)
    return np.concatenate([before, heard, after])


def _steady_take(env: "Envelope", onsets: "Onsets", to_real, to_steady):
    """(envelope, onsets) of the take played back steadily: `to_real` maps steady seconds (increasing) to the
    take's, `to_steady` the take's seconds to steady ones (both as np.interp over the map would).

    The steady envelope holds only the frames the tempo and meter readers look at (core/audio_tempo.py: the
    first TEMPO_WINDOW_S, as many as the tempo cues have), not the whole take: with whole-length copies and
    time maps a 2-hour take peaked at 82.7 MB of traced memory (tests/test_audio_long_take_memory.py)."""
    from dataclasses import replace

    from .audio_tempo import TEMPO_WINDOW_S

    n_cue = len(env.chroma) if env.chroma is not None else 0
    frames = np.arange(min(len(env.flux), max(n_cue, int(TEMPO_WINDOW_S * env.fps))))
    src = np.clip(np.round(to_real(frames / env.fps) * env.fps), 0, len(env.flux) - 1).astype(np.int64)
    cue_src = np.minimum(src[:n_cue], max(n_cue - 1, 0))
    steady_env = replace(env, flux=env.flux[src], level=env.level[src],
                         chroma=env.chroma[cue_src] if env.chroma is not None else None,
                         low=env.low[cue_src] if env.low is not None else None)
    return steady_env, replace(onsets, times=to_steady(onsets.times))


def _lag(times: np.ndarray, w: np.ndarray, beats_t: np.ndarray, span: int) -> np.ndarray:
    """Per beat: the onsets' weighed mean offset from the beats within `span` beats of it (0 where none)."""
    p = np.diff(beats_t, append=beats_t[-1] + (beats_t[-1] - beats_t[-2]))
    j = np.clip(np.searchsorted(beats_t, times), 1, len(beats_t) - 1)
    j = np.where(np.abs(times - beats_t[j - 1]) < np.abs(times - beats_t[j]), j - 1, j)  # nearest beat
    err = times - beats_t[j]
    ok = np.abs(err) < NEAR * p[j]
    num = np.bincount(j[ok], (w * err)[ok], len(beats_t))
    den = np.bincount(j[ok], w[ok], len(beats_t))
    kernel = np.ones(2 * span + 1)
    num, den = np.convolve(num, kernel, "same"), np.convolve(den, kernel, "same")
    return np.where(den > 0, num / np.maximum(den, 1e-12), 0.0)


def _off_16ths(beats: np.ndarray, weights: np.ndarray) -> float:
    """Mean distance (in 16ths, 0..0.5) of beat positions to the nearest 16th, weighed."""
    x = beats * 4
    return float(np.sum(weights * np.abs(x - np.round(x))) / (np.sum(weights) + 1e-12))


def _knots(beats_t: np.ndarray, every: int, first: int, duration_s: float) -> tuple[np.ndarray, np.ndarray]:
    """(seconds, beats) of a map through every `every`-th tracked beat from index `first`; beat 0 at 0 s.

    Before the first knot and after the last, the edge spans' tempi.
    """
    idx = np.arange(first % every, len(beats_t), every)
    t = beats_t[idx]
    b = idx.astype(np.float64)
    first_p, last_p = (t[1] - t[0]) / (b[1] - b[0]), (t[-1] - t[-2]) / (b[-1] - b[-2])
    end = max(duration_s, float(t[-1])) + 1.0
    inside = t > 0
    knot_t = np.concatenate([[0.0], t[inside], [end]])
    knot_b = np.concatenate([[b[0] - t[0] / first_p], b[inside], [b[-1] + (end - t[-1]) / last_p]])
    return knot_t, knot_b - knot_b[0]


def _bar1_on_the_map(env: "Envelope", onsets: "Onsets", knot_t: np.ndarray, knot_b: np.ndarray,
                     bar_beats: int = 4, start_s: float = 0.0, compound: bool = False) -> float:
    """Bar 1 (s) estimated as for a steady take, on the take played back at its mean tempo.

    The downbeat's cues (harmony on bar lines, accents, low notes) are read
    on a steady grid; under a drift that grid is wrong away from where it
    fits, so the envelope and onsets are moved onto the map first. A bar of
    3 or 6 beats (3/4, 6/8, 12/8) is read as a told triple meter is
    (core/audio_meter.py), its beat kept, from the steady grid's bar 1 `start_s`.
    """
    from .audio_tempo import estimate_meter

    bpm = 60.0 * (knot_b[-1] - knot_b[0]) / (knot_t[-1] - knot_t[0])
    steady_t = knot_b * 60.0 / bpm
    steady_env, steady_onsets = _steady_take(env, onsets, lambda x: np.interp(x, steady_t, knot_t),
                                             lambda x: np.interp(x, knot_t, steady_t))
    if bar_beats == 4:
        start = estimate_meter(steady_env, steady_onsets, bpm)[1]
    else:
        from .audio_meter import beats_per_bar
        from .audio_tempo import faded_in_start

        steady_start = float(np.interp(start_s, knot_t, knot_b)) * 60.0 / bpm
        start = beats_per_bar(steady_env, steady_onsets, bpm, steady_start, tempo_given=True, told=True,
                              bar_beats=bar_beats, compound=compound)[2]
        start = faded_in_start(steady_onsets, bpm, start, bar_beats)  # as estimate_meter's 4/4 bar 1, in its bars
    return float(np.interp(start * bpm / 60.0, knot_b, knot_t))


# The steadied take's time map (`_Warp`) is made this many frames at a time (5.5 minutes at 5 ms).
WARP_CHUNK = 1 << 16


class _Warp:
    """The take's frame times k / fps (k = 0..n-1) and their seconds played back steadily along a tempo curve
    (`_warp` of them all), made WARP_CHUNK frames at a time: held whole, the two float64 maps and their
    lookups' temporaries took twice the envelope's memory an hour of audio. Lookups give, to the bit, what
    np.interp over the whole maps gives (the running sum is carried from chunk to chunk as np.cumsum adds)."""

    def __init__(self, centres: np.ndarray, tempi: np.ndarray, fps: float, n: int):
        self.centres, self.tempi, self.fps, self.n = centres, tempi, fps, n
        self.mean = np.mean(tempi)

    def chunks(self):
        """(real seconds, steady seconds, whether the last) of frames a..b, each chunk starting on the last one's end."""
        a, carry, head, t0 = 0, None, None, None
        while True:
            b = min(a + WARP_CHUNK, self.n - 1)
            t = np.arange(a, b + 1) / self.fps
            r = np.interp(t, self.centres, self.tempi) / self.mean
            inc = 0.5 * (r[1:] + r[:-1]) * np.diff(t)
            if carry is None:  # as _warp: the first frame's time, then that plus the running sum
                t0 = head = t[0]
                cum = np.cumsum(inc)
            else:
                cum = np.cumsum(np.concatenate([[carry], inc]))[1:]
            steady = np.concatenate([[head], t0 + cum])
            yield t, steady, b >= self.n - 1
            if b >= self.n - 1:
                return
            a, carry, head = b, cum[-1], steady[-1]

    def _lookup(self, x, backwards: bool) -> np.ndarray:
        """np.interp of `x` over the maps: each value from the chunk whose span holds it (below the first: the
        first chunk's, as np.interp's left end; past the last: the last chunk's)."""
        x = np.asarray(x, np.float64)
        out = np.empty(x.shape)
        todo = np.ones(x.shape, bool)
        for real, steady, last in self.chunks():
            xp, fp = (steady, real) if backwards else (real, steady)
            sel = todo if last else todo & (x < xp[-1])
            if sel.any():
                out[sel] = np.interp(x[sel], xp, fp)
                todo &= ~sel
            if not todo.any():
                break
        return out

    def to_steady(self, x) -> np.ndarray:
        """np.interp(x, real seconds, steady seconds)."""
        return self._lookup(x, False)

    def to_real(self, x) -> np.ndarray:
        """np.interp(x, steady seconds, real seconds)."""
        return self._lookup(x, True)


def _steadied(env: "Envelope", onsets: "Onsets", centres: np.ndarray, tempi: np.ndarray):
    """(the time map, envelope, onsets) of the take played back steadily along its tempo curve (the take's
    seconds moved by `_warp`)."""
    warp = _Warp(centres, tempi, env.fps, len(env.flux) + 1)
    return (warp, *_steady_take(env, onsets, warp.to_real, warp.to_steady))


def _meter_on_the_curve(env: "Envelope", onsets: "Onsets", centres: np.ndarray, tempi: np.ndarray,
                        bpm: float, bar_beats: int = 4, compound: bool = False) -> tuple[np.ndarray, float]:
    """(the curve's tempi at the take's beat, bar 1 s) of a drifting take: tempo octave and bar 1 estimated
    as for a steady take, on the take played back steadily along its tempo curve, then moved back.

    Where that reading and the best one near `bpm` (the whole take's
    estimate) score within LEVEL_TIE of each other, `bpm`'s level is kept.
    A bar of 3 or 6 beats (3/4, 6/8, 12/8: told, or clear in the take) is then
    read as told (core/audio_meter.py) on the steady take: the 4/4 reading
    takes a waltz at 4/3 or 2/3 of its tempo, and the drifting take blurred the
    grids that reading is checked on.
    """
    from .audio_tempo import first_downbeat, hypotheses

    warp, steady_env, steady_onsets = _steadied(env, onsets, centres, tempi)
    hyps = hypotheses(steady_env, steady_onsets)
    if not hyps:
        return tempi * bpm / np.mean(tempi), float(onsets.times[0])
    best = max(hyps, key=lambda h: h.score)
    near = [h for h in hyps if abs(np.log(h.bpm / bpm)) < np.log(1 + CURVE_SPAN)]
    if near:
        alt = max(near, key=lambda h: h.score)
        if best.score - alt.score < LEVEL_TIE:
            best = alt
    start, level = first_downbeat(steady_onsets, best), best.bpm
    if bar_beats != 4:
        from .audio_meter import beats_per_bar

        _, level, start = beats_per_bar(steady_env, steady_onsets, best.bpm, start, told=True, bar_beats=bar_beats,
                                        compound=compound)
    return tempi * level / np.mean(tempi), float(warp.to_real(np.array([start]))[0])


def triple_on_the_curve(env: "Envelope", onsets: "Onsets", bpm: float) -> tuple[float, float] | None:
    """(bpm, bar 1 s) of a drifting take whose bars are clearly three beats long, read untold; else None.

    The meter check (core/audio_meter.py) folds the accents on one steady grid: a waltz drifting 100 -> 106
    BPM slides off it by most of a beat, its accents blur, and it was read in 4/4 (often at 2/3 or 4/3 of
    its tempo). Here it is read as a steady take is, on the take played back steadily along its tempo curve:
    the 4/4 reading, then the same untold 3/4 check (30 rendered drifting 4/4 parts: the fold on 3 explained at most
    0.15 of what the folds on 2 and 4 did on their steadied grid, against 3.0 needed). Steady takes give None at once.
    """
    from .audio_meter import beats_per_bar
    from .audio_tempo import estimate_meter

    curve = tempo_curve(env, onsets, bpm)
    if curve is None:
        return None
    centres, tempi = curve
    warp, steady_env, steady_onsets = _steadied(env, onsets, centres, tempi)
    s_bpm, s_start = estimate_meter(steady_env, steady_onsets)
    n, s_bpm, s_start = beats_per_bar(steady_env, steady_onsets, s_bpm, max(s_start, 0.0))
    if n != 3:
        return None
    return float(s_bpm), float(warp.to_real(np.array([s_start]))[0])


def drift_map(env: "Envelope", onsets: "Onsets", bpm: float, start_s: float, start_given: bool = False,
              bar_beats: int = 4, compound: bool = False):
    """(knot seconds, knot beats, bar 1 s) of a tempo map following a drifting take, or None for a steady one.

    `bpm` and `start_s` (bar 1) give the steady grid; beats count from the
    file's start. Knots are bar lines (every `bar_beats` tracked beats: 3 in
    3/4 and 6/8, 6 in 12/8; `compound`: 6/8 or 12/8, whose bar 1 is read on dotted
    quarters) plus 0 s and the file's end; between knots the tempo is steady. Bar 1 is the tracked
    beat nearest `start_s` when given, else re-estimated on the map. A take
    that drifts far (`tempo_curve`) is tracked along its curve, its tempo
    level and bar 1 read on it, whatever `bpm`'s level.
    """
    times = np.asarray(onsets.times, np.float64)
    w = np.asarray(onsets.velocity, np.float64)
    if len(times) < 16 or env.duration_s > MAX_DRIFT_S:
        return None
    period = steady_period = 60.0 / bpm
    steady_start = start_s
    # A take that drifts far is read along its tempo curve: the whole take's one tempo blurs (it
    # can land between metrical levels) and a tracker held to it loses the beat where the take
    # has moved away from it.
    curve = tempo_curve(env, onsets, bpm)
    if curve is None:
        # Its ends mended as a curve's are: at a steady take's last notes the tracker bent its last beats by a
        # sixth of a beat, and that bend alone gave a 2-minute take at a click a map of 61 tempos (95.5-99.9 BPM).
        steady = np.array([0.0, env.duration_s]), np.array([bpm, bpm])
        beats_t = _mend_ends(_tracked(env, bpm), *steady, env.duration_s)
    else:
        centres, tempi = curve
        tempi, curve_start = _meter_on_the_curve(env, onsets, centres, tempi, bpm, bar_beats, compound)
        # the tracker holds the beat ending at a frame to the tempo there: the tempo halfway through that beat (at a
        # chorus 4/3 as fast, the verse's last beats were pulled a 16th early)
        at = np.arange(len(env.flux)) / env.fps
        per_frame = np.interp(at - 30.0 / np.interp(at, centres, tempi), centres, tempi)
        beats_t = _mend_ends(_tracked(env, per_frame), centres, tempi, env.duration_s)
        # The tracker can hold a syncopated line's offbeats as well as its beats: where its beats sit
        # half a beat off the curve's grid through the estimated bar 1, that grid is followed instead
        # (over the whole take, or over the stretch the tracker slipped onto the offbeats).
        grid = _mend_ends(np.array([curve_start]), centres, tempi, env.duration_s, force=True)
        j = np.clip(np.searchsorted(grid, beats_t), 1, len(grid) - 1)
        phase = (beats_t - grid[j - 1]) / (grid[j] - grid[j - 1])
        phase = np.where(phase > 0.5, phase - 1, phase)
        beats_t = grid if abs(float(np.median(phase))) > 0.25 else _grid_where_offbeat(beats_t, grid, np.abs(phase))
        period = 60.0 / float(np.mean(tempi))  # the tracked beat's, which may be another level than bpm's
        if not start_given:
            start_s = curve_start
    beats_t = _carry_past_the_notes(beats_t, times, env.duration_s)
    if len(beats_t) < 12:
        return None
    change_s = step_of(*curve) if curve is not None else None
    if beat_lost(beats_t, change_s):  # the tracker lost the thread: a map would move the bar lines by a beat
        return None
    beats_t = beats_t + _lag(times, w, beats_t, 4)  # centred on the onsets about each beat
    beats_t = _carry_past_the_notes(beats_t, times, env.duration_s)  # at the centred beats' tempo
    # Smoothed over SMOOTH_BEATS each way: a drift lasts bars, a note's jitter does not (a tempo change's sections each).
    beats_t = smooth_sections(beats_t, change_s, SMOOTH_BEATS)
    n1 = int(np.argmin(np.abs(beats_t - start_s)))
    k = np.arange(len(beats_t)) - n1
    # How far the tracked beats stray from the steadiest grid through them (in beats), over the onsets' span.
    span = (beats_t >= times[0] - period) & (beats_t <= times[-1] + period)
    if span.sum() < 2 * SMOOTH_BEATS:
        return None
    fit = np.polyval(np.polyfit(k[span], beats_t[span], 1), k[span])
    if np.max(np.abs(beats_t[span] - fit)) / period < MIN_DRIFT:
        return None
    # Does following the beats put the onsets nearer the 16ths than the steady grid (both from bar 1)?
    knot_t, knot_b = _knots(beats_t, 1, 0, env.duration_s)
    followed = np.interp(times, knot_t, knot_b) - float(np.interp(beats_t[n1], knot_t, knot_b))
    if _off_16ths(followed, w) > MIN_GAIN * _off_16ths((times - steady_start) / steady_period, w) - 1e-9:
        return None
    if not start_given:
        n1 = int(np.argmin(np.abs(beats_t - _bar1_on_the_map(env, onsets, knot_t, knot_b, bar_beats, start_s, compound))))
    knot_t, knot_b = _knots(beats_t, bar_beats, n1, env.duration_s)
    return knot_t, knot_b, float(beats_t[n1])


__all__ = ["drift_map", "triple_on_the_curve"]
